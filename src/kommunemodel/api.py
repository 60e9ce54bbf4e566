"""The public operations behind the command line: find, list and load models."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from .errors import KommunemodelError, PluginLoadError, UnknownModelError
from .io import load_model_file
from .model import SteeringModel
from .plugins import PluginManager, get_plugin_manager


@frozen
class ModelEntry:
    """An available model and the plugin it came from."""

    model: SteeringModel
    plugin: str
    distribution: str
    version: str

    @property
    def id(self) -> str:
        """The model's id."""
        return self.model.id


@frozen
class Catalogue:
    """Every model the installed plugins provide, and the plugins that failed on the way."""

    entries: tuple[ModelEntry, ...]
    errors: tuple[PluginLoadError, ...]

    def ids(self) -> list[str]:
        """The ids of the available models, sorted."""
        return [entry.id for entry in self.entries]

    def get(self, model_id: str) -> ModelEntry:
        """The entry with this id (UnknownModelError if there is none)."""
        for entry in self.entries:
            if entry.id == model_id:
                return entry
        raise UnknownModelError(model_id, self.ids())


def catalogue(manager: PluginManager | None = None) -> Catalogue:
    """Collect the models of every plugin; a plugin whose hook fails or returns junk is named and skipped."""
    manager = manager or get_plugin_manager()
    entries: dict[str, ModelEntry] = {}
    for plugin_name, models in manager.call_isolated("kommunemodel_models"):
        distribution, version = manager.distributions.get(plugin_name, (plugin_name, ""))
        for model in models or ():
            if not isinstance(model, SteeringModel):
                manager.errors.append(
                    PluginLoadError(
                        manager.describe(plugin_name),
                        TypeError(f"returned {type(model).__name__}, not a SteeringModel"),
                        "kommunemodel_models",
                    )
                )
            elif model.id in entries:
                clash = KommunemodelError(f"model id {model.id!r} is already provided by {entries[model.id].plugin}")
                manager.errors.append(PluginLoadError(manager.describe(plugin_name), clash, "kommunemodel_models"))
            else:
                entries[model.id] = ModelEntry(model, plugin_name, distribution, version)
    ordered = tuple(entries[key] for key in sorted(entries))
    return Catalogue(ordered, tuple(manager.errors))


def available_models(manager: PluginManager | None = None) -> list[str]:
    """The ids of every model the installed plugins provide."""
    return catalogue(manager).ids()


def load_model(name: str | Path, manager: PluginManager | None = None) -> SteeringModel:
    """A model by plugin id, or from a model file when `name` is a path that exists or ends in .toml."""
    path = Path(name)
    if path.suffix == ".toml" or path.exists():
        return load_model_file(path)
    return catalogue(manager).get(str(name)).model


def resolve(names: Sequence[str | Path], manager: PluginManager | None = None) -> list[SteeringModel]:
    """Several models by id or path, sharing one plugin manager."""
    manager = manager or get_plugin_manager()
    return [load_model(name, manager) for name in names]
