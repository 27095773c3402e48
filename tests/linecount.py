"""Work counted, not timed: the Python lines a call runs inside some folders (a tracer, deterministic)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence


def lines_run(call: Callable[[], object], folders: Sequence[str]) -> int:
    """How many Python lines ``call()`` runs in files under ``folders``."""
    prefixes = tuple(folders)
    count = 0

    def local(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202
        return local if frame.f_code.co_filename.startswith(prefixes) else None

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count
