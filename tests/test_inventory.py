"""`kommunemodel plugins`: every plugin with what it registers, a failed one with why; text and JSON."""

from __future__ import annotations

import io
import json
import sys
import types
from importlib.metadata import EntryPoint
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import kommunemodel.plugins
from kommunemodel import hookimpl
from kommunemodel.api import catalogue
from kommunemodel.cli import main
from kommunemodel.inventory import inventory, to_json, to_text
from kommunemodel.io import load_model_file
from kommunemodel.plugins import PluginManager, collect_rules, get_plugin_manager

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((files("kommunemodel") / "schemas" / "plugins.schema.json").read_text(encoding="utf-8"))


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_every_installed_plugin_is_listed_with_what_it_registers() -> None:
    manager = get_plugin_manager()
    status, out, err = run("plugins", "--format", "json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    listed = {plugin["name"]: plugin for plugin in document["plugins"]}
    assert next(iter(listed)) == "kommunemodel.rules.core"
    # Taken from the plugin manager, so a fifth plugin installed beside the four is listed too.
    assert set(listed) == {name for name, _plugin in manager.list_name_plugin()}
    rules, models = collect_rules(manager), catalogue(manager)
    for name, plugin in listed.items():
        assert plugin["rules"] == sorted(code for code, origin in rules.origin.items() if origin == name)
        assert plugin["models"] == sorted(models.models_of(name))
        assert plugin["status"] == "ok" and plugin["failures"] == []
    helsingoer = listed["helsingoer"]
    assert (helsingoer["distribution"], helsingoer["builtin"]) == ("kommunemodel-helsingoer", False)
    assert helsingoer["hooks"] == ["kommunemodel_models", "kommunemodel_retired_rules", "kommunemodel_rules"]
    assert helsingoer["prefixes"] == ["HEL"]
    assert helsingoer["retired"] == [{"code": "HEL003", "replaced_by": "KM416"}]
    assert listed["kommunemodel.rules.core"]["builtin"] is True


def test_the_text_is_one_block_per_plugin() -> None:
    status, out, err = run("plugins")
    assert (status, err) == (0, "")
    block = out.split("\n\n")[[b.split()[0] for b in out.split("\n\n")].index("skanderborg")]
    assert block.splitlines() == [
        "skanderborg  kommunemodel-skanderborg 0.1.0",
        "  hooks:   kommunemodel_models, kommunemodel_retired_rules, kommunemodel_rules",
        "  rules:   SKB001, SKB002, SKB003 (prefix SKB); retired SKB004 → KM416",
        "  metrics: none",
        "  models:  skanderborg",
    ]
    assert out.startswith("kommunemodel.rules.core  kommunemodel ")
    assert "  rules:   KM001 … " in out  # the core's thirty-odd codes as a range


def inline(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def test_a_plugin_whose_hook_failed_is_listed_with_why(plugin_manager: PluginManager) -> None:
    def broken() -> list[object]:
        raise RuntimeError("model.toml went missing")

    model = load_model_file(DATA / "minimal.toml")
    plugin_manager.register(inline("broken", kommunemodel_models=broken, kommunemodel_rules=lambda: []), "broken")
    plugin_manager.register(inline("fine", kommunemodel_models=lambda: [model]), "fine")
    found = inventory(plugin_manager)
    broken_entry, fine = found.get("broken"), found.get("fine")
    assert broken_entry.status == "partial"
    assert [(failure.hook, failure.message) for failure in broken_entry.failures] == [
        ("kommunemodel_models", "RuntimeError: model.toml went missing")
    ]
    assert (fine.status, fine.models) == ("ok", ("helsingoer",))
    assert "broken  " in to_text(found) and "PARTLY FAILED" in to_text(found)
    assert "  failed in kommunemodel_models: RuntimeError: model.toml went missing" in to_text(found)
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(to_json(found)))


@pytest.fixture
def unloadable(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kommunemodel.plugins.entry_points
    monkeypatch.setattr(
        kommunemodel.plugins,
        "entry_points",
        lambda group: [*real(group=group), EntryPoint("ghost", "kommunemodel_no_such_module", group)],
    )
    yield
    sys.modules.pop("kommunemodel_no_such_module", None)


@pytest.mark.usefixtures("unloadable")
def test_a_plugin_that_did_not_load_is_listed_as_failed() -> None:
    status, out, err = run("plugins", "--format", "json")
    assert (status, err) == (0, "")  # `plugins` lists the failure itself, rather than warning about it
    (ghost,) = [plugin for plugin in json.loads(out)["plugins"] if plugin["name"] == "ghost"]
    assert ghost["status"] == "failed" and ghost["models"] == []
    assert ghost["failures"] == [
        {"hook": None, "message": "ModuleNotFoundError: No module named 'kommunemodel_no_such_module'"}
    ]
    status, out, _err = run("plugins")
    assert "ghost  ? ?  FAILED, left out\n  failed to load: ModuleNotFoundError" in out


def test_the_schema_is_not_vacuous() -> None:
    document = json.loads(to_json(inventory(get_plugin_manager(load_entry_points=False))))
    document["plugins"][0]["status"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(document)
