"""The C YAML loader reads every data file of the package to the same data as the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from warta.datafiles import cached, load_yaml, yaml_loader

FILES = sorted((Path(__file__).resolve().parents[1] / "src" / "warta").glob("*/data/*.yaml"))


def test_files_found() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_same_data_as_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml(path) == yaml.load(text, Loader=yaml.SafeLoader)


def test_c_loader_used_when_available() -> None:
    if yaml.__with_libyaml__:
        assert yaml_loader() is yaml.CSafeLoader


def test_cached_rebuilds_when_a_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "data.txt"
    src.write_text("one", encoding="utf-8")
    calls: list[str] = []

    def build() -> str:
        calls.append(src.read_text(encoding="utf-8"))
        return calls[-1].upper()

    assert cached("t", [src], build) == "ONE"
    assert cached("t", [src], build) == "ONE" and calls == ["one"]  # the second call reads the cache
    src.write_text("two", encoding="utf-8")
    assert cached("t", [src], build) == "TWO" and calls == ["one", "two"]
    monkeypatch.setenv("WARTA_CACHE", "off")
    assert cached("t", [src], build) == "TWO" and len(calls) == 3
