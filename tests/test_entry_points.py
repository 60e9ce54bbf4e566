"""Entry points read without importlib.metadata: the same answer as the standard library's, or its answer itself."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from kommunemodel import entry_points as module
from kommunemodel.entry_points import entry_points


def _rows(points: list) -> list[tuple[str, str, str, str, str]]:
    return [
        (p.name, p.value, p.group, p.dist.name if p.dist else "?", p.dist.version if p.dist else "?") for p in points
    ]


def _standard(group: str) -> list:
    return list(importlib.metadata.entry_points(group=group))


def _dist(folder: Path, info: str, name: str, version: str, points: str | None) -> None:
    info_folder = folder / info
    info_folder.mkdir(parents=True)
    (info_folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nbody: no\n")
    if points is not None:
        (info_folder / "entry_points.txt").write_text(points)


@pytest.mark.parametrize("group", ["kommunemodel", "console_scripts", "pytest11", "no_such_group"])
def test_the_installed_entry_points_are_the_standard_librarys(group: str) -> None:
    assert _rows(entry_points(group)) == _rows(_standard(group))


def test_the_first_distribution_of_a_name_on_sys_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "Demo_Plugin-1.0.dist-info", "Demo_Plugin", "1.0", "[kommunemodel_demo]\n# a comment\nhere = demo:x\n")
    _dist(second, "demo.plugin.egg-info", "demo.plugin", "0.9", "[kommunemodel_demo]\nshadowed = demo:y\n")
    _dist(
        second, "other-2.0.dist-info", "other", "2.0", "[kommunemodel_demo]\n  there = json : dumps  \n[else]\nx = y\n"
    )
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    found = entry_points("kommunemodel_demo")
    assert _rows(found) == _rows(_standard("kommunemodel_demo"))
    assert [(p.name, p.dist.name, p.dist.version) for p in found] == [
        ("here", "Demo_Plugin", "1.0"),
        ("there", "other", "2.0"),
    ]
    import json

    assert found[1].load() is json.dumps


def test_an_unreadable_value_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unreadable value"):
        module.EntryPoint("bad", "not a value!", "g", None).load()


def test_a_zip_on_sys_path_is_left_to_importlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        out.writestr("zipped-1.0.dist-info/entry_points.txt", "[kommunemodel_demo]\nz = zipped:z\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert module._scan("kommunemodel_demo") is None
    assert _rows(entry_points("kommunemodel_demo")) == [("z", "zipped:z", "kommunemodel_demo", "zipped", "1.0")]
