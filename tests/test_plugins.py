"""The plugin manager: entry points, built-ins, and fault isolation of broken plugins."""

from __future__ import annotations

import io
import sys
import types
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import kommunemodel.plugins
from kommunemodel import hookimpl
from kommunemodel.api import catalogue
from kommunemodel.cli import main
from kommunemodel.io import load_model_file
from kommunemodel.plugins import PluginManager, get_plugin_manager

DATA = Path(__file__).parent / "data"


def inline_plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def test_inline_plugin_contributes_a_model(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")
    plugin_manager.register(inline_plugin("mine", kommunemodel_models=lambda: [model]), name="mine")
    assert catalogue(plugin_manager).get("helsingoer").model is model


def test_plugin_raising_in_hook_is_named_and_skipped(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")

    def broken() -> list[object]:
        raise RuntimeError("model.toml went missing")

    plugin_manager.register(inline_plugin("good", kommunemodel_models=lambda: [model]), name="good")
    plugin_manager.register(inline_plugin("bad", kommunemodel_models=broken), name="bad")
    found = catalogue(plugin_manager)
    assert found.ids() == ["helsingoer"]
    (error,) = found.errors
    assert (error.plugin, error.hook) == ("bad", "kommunemodel_models")
    assert "model.toml went missing" in str(error)


def test_plugin_returning_junk_is_named(plugin_manager: PluginManager) -> None:
    plugin_manager.register(inline_plugin("junk", kommunemodel_models=lambda: ["not a model"]), name="junk")
    found = catalogue(plugin_manager)
    assert found.ids() == []
    assert "returned str, not a SteeringModel" in str(found.errors[0])


def test_two_plugins_with_one_model_id(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")
    plugin_manager.register(inline_plugin("first", kommunemodel_models=lambda: [model]), name="first")
    plugin_manager.register(inline_plugin("second", kommunemodel_models=lambda: [model]), name="second")
    found = catalogue(plugin_manager)
    assert found.get("helsingoer").plugin == "first"
    assert "already provided by first" in str(found.errors[0])


@pytest.fixture
def broken_entry_points(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Installed plugins plus one that cannot be imported and one that misspells a hook."""
    (tmp_path / "kommunemodel_misspelt.py").write_text(
        "from kommunemodel import hookimpl\n\n@hookimpl\ndef kommunemodel_modles():\n    return []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    real = kommunemodel.plugins.entry_points

    def fake(group: str) -> list[EntryPoint]:
        return [
            *real(group=group),
            EntryPoint("broken", "kommunemodel_no_such_module", group),
            EntryPoint("misspelt", "kommunemodel_misspelt", group),
        ]

    monkeypatch.setattr(kommunemodel.plugins, "entry_points", fake)
    yield
    sys.modules.pop("kommunemodel_misspelt", None)


@pytest.mark.usefixtures("broken_entry_points")
def test_broken_entry_point_plugins_are_named_and_the_rest_load() -> None:
    manager = get_plugin_manager()
    names = sorted(str(error.plugin) for error in manager.load_errors)
    assert names == ["?[broken]", "?[misspelt]"]
    assert "No module named 'kommunemodel_no_such_module'" in str(manager.load_errors[0])
    assert "unknown hook 'kommunemodel_modles'" in str(manager.load_errors[1])
    assert manager.get_plugin("misspelt") is None
    assert "helsingoer" in catalogue(manager).ids()


@pytest.mark.usefixtures("broken_entry_points")
def test_list_still_works_beside_a_broken_plugin() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["list"], stdout=stdout, stderr=stderr) == 0
    assert "helsingoer" in stdout.getvalue()
    assert "kommunemodel-helsingoer" in stdout.getvalue()
    assert "warning: plugin ?[broken] failed: ModuleNotFoundError" in stderr.getvalue()
