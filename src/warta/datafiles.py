"""Reading the package's data files: YAML through libyaml's C loader when PyYAML has it.

The pure-Python loader spends about a second on the lexicons and gazetteers at every start;
the C loader reads the same files to equal data (``tests/test_datafiles.py`` checks) in a
fraction of that.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def yaml_loader() -> type:
    """libyaml's C safe loader when PyYAML was built with it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path) -> Any:
    """Parse YAML text (a ``str``) or the file at ``source`` (a ``Path``) with the safe loader."""
    import yaml

    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader


def cache_dir() -> Path | None:
    """Where derived data is cached between runs (``$WARTA_CACHE``, else ``$XDG_CACHE_HOME/warta``,
    else ``~/.cache/warta``); ``WARTA_CACHE=off`` turns caching off."""
    env = os.environ.get("WARTA_CACHE")
    if env and env.lower() in ("0", "off", "no", "false"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warta"


def cached(name: str, sources: list[Path], build: Callable[[], T]) -> T:
    """``build()``, pickled under the cache dir and reused while every file in ``sources`` is unchanged.

    The key is a hash of the sources' bytes (and of the Python version), so an edited data file or
    builder module rebuilds; a cache that cannot be read or written is simply not used.
    """
    import hashlib
    import pickle
    import sys

    h = hashlib.sha1(sys.version.encode())
    for src in sorted(sources):
        h.update(str(src.name).encode())
        with contextlib.suppress(OSError):
            h.update(src.read_bytes())
    folder = cache_dir()
    path = folder / f"{name}-{h.hexdigest()[:16]}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        with contextlib.suppress(Exception):
            return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file
    value = build()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
    return value
