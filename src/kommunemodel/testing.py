"""The conformance kit every municipality plugin runs: a pytest plugin plus plain assertion helpers.

A plugin's tests call ``assert_conformant(module)``; or use the ``plugin_models`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import attrs
import pytest

from .io import dumps_json, dumps_toml, loads_model
from .io.converter import make_converter
from .model import SteeringModel
from .model.integrity import facts, format_path, problems
from .plugins import PluginManager, get_plugin_manager


def plugin_models(plugin: ModuleType) -> list[SteeringModel]:
    """The models a plugin module returns from `kommunemodel_models`, through a fresh plugin manager."""
    manager = get_plugin_manager(load_entry_points=False)
    manager.register(plugin, name=plugin.__name__)
    models = [model for _name, result in manager.call_isolated("kommunemodel_models") for model in result or ()]
    assert not manager.errors, "; ".join(map(str, manager.errors))
    return models


def unsourced_facts(model: SteeringModel) -> list[str]:
    """The paths of every fact that carries no source."""
    return [format_path(path) for path, fact in facts(model) if getattr(fact, "source", None) is None]


def assert_conformant(plugin: ModuleType) -> list[SteeringModel]:
    """Fail unless every model of the plugin is coherent, fully cited and survives TOML and JSON round trips."""
    models = plugin_models(plugin)
    assert models, f"{plugin.__name__} provides no model"
    for model in models:
        assert problems(model) == [], f"{model.id}: integrity problems {problems(model)}"
        missing = unsourced_facts(model)
        assert missing == [], f"{model.id}: facts without a source: {', '.join(missing)}"
        assert loads_model(dumps_toml(model)) == model, f"{model.id}: TOML round trip changed the model"
        from_json = make_converter().structure(__import__("json").loads(dumps_json(model)), SteeringModel)
        assert from_json == model, f"{model.id}: JSON round trip changed the model"
    return models


def walk_strings(value: Any) -> Iterator[str]:
    """Every string inside a model object, for checks such as "no named persons"."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk_strings(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from walk_strings(getattr(value, field.name))


@pytest.fixture
def plugin_manager() -> PluginManager:
    """A fresh plugin manager with only the built-in plugins; register test plugins on it inline."""
    return get_plugin_manager(load_entry_points=False)
