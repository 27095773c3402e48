"""Where the shared data (eval/, train/, corpus/, spec/) lives: ``$WARTA_SHARED``, else ``../shared`` beside the repo.

Tests and bench scripts resolve every shared path through :func:`shared_dir`, so a checkout
anywhere finds its data; no machine path is written in the repo.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "WARTA_SHARED"


def repo_root() -> Path | None:
    """The checkout this package runs from (the folder holding pyproject.toml), or None when installed."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "warta").is_dir():
            return parent
    return None


def shared_dir() -> Path:
    """``$WARTA_SHARED`` if set, else ``<repo root>/../shared`` (``../shared`` from the working folder when installed)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser().resolve()
    root = repo_root()
    return (root.parent if root is not None else Path.cwd().parent) / "shared"


def shared_path(*parts: str) -> Path:
    return shared_dir().joinpath(*parts)
