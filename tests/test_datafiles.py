"""The C YAML loader reads every data file of the package to the same data as the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from warta.datafiles import SafeLoader, load_yaml

FILES = sorted((Path(__file__).resolve().parents[1] / "src" / "warta").glob("*/data/*.yaml"))


def test_files_found() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_same_data_as_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml(path) == yaml.load(text, Loader=yaml.SafeLoader)


def test_c_loader_used_when_available() -> None:
    if yaml.__with_libyaml__:
        assert SafeLoader is yaml.CSafeLoader
