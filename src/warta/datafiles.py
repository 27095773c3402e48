"""Reading the package's data files: YAML through libyaml's C loader when PyYAML has it.

The pure-Python loader spends about a second on the lexicons and gazetteers at every start;
the C loader reads the same files to equal data (``tests/test_datafiles.py`` checks) in a
fraction of that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path) -> Any:
    """Parse YAML text (a ``str``) or the file at ``source`` (a ``Path``) with the safe loader."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
