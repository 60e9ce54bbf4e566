"""The public operations behind the command line: find, list, load and check models."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from .errors import KommunemodelError, PluginLoadError, UnknownModelError
from .io import load_model_file
from .model import SteeringModel
from .plugins import PluginManager, get_plugin_manager

if TYPE_CHECKING:
    from .io.locate import SourceText
    from .rules import Report, RuleSet, Selection


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

    def models_of(self, plugin_name: str) -> frozenset[str]:
        """The ids of the models one plugin provides."""
        return frozenset(entry.id for entry in self.entries if entry.plugin == plugin_name)


def catalogue(manager: PluginManager | None = None) -> Catalogue:
    """Collect the models of every plugin; a plugin whose hook fails or returns junk is named and skipped.

    The catalogue's `errors` are the plugins that failed to load and those that failed here, each once.
    """
    manager = manager or get_plugin_manager()
    entries: dict[str, ModelEntry] = {}
    called = manager.call("kommunemodel_models")
    failures = [*manager.load_errors, *called.failures]
    for plugin_name, models in called.results:
        distribution, version = manager.distributions.get(plugin_name, (plugin_name, ""))
        try:
            contributed = list(models)
        except TypeError:
            contributed = [models]
        for model in contributed:
            if not isinstance(model, SteeringModel):
                failures.append(
                    PluginLoadError(
                        manager.describe(plugin_name),
                        TypeError(f"returned {type(model).__name__}, not a SteeringModel"),
                        "kommunemodel_models",
                    )
                )
            elif model.id in entries:
                clash = KommunemodelError(f"model id {model.id!r} is already provided by {entries[model.id].plugin}")
                failures.append(PluginLoadError(manager.describe(plugin_name), clash, "kommunemodel_models"))
            else:
                entries[model.id] = ModelEntry(model, plugin_name, distribution, version)
    ordered = tuple(entries[key] for key in sorted(entries))
    return Catalogue(ordered, tuple(failures))


def available_models(manager: PluginManager | None = None) -> list[str]:
    """The ids of every model the installed plugins provide."""
    return catalogue(manager).ids()


def load_model(name: str | Path, manager: PluginManager | None = None) -> SteeringModel:
    """A model by plugin id, or from a model file when `name` is a path that exists or ends in .toml.

    A composed id (`helsingoer+budget=skanderborg`) gives the counterfactual it names (see `compare.compose`).
    """
    if _is_composed(str(name)):
        from .compare.compose import compose_named

        models = catalogue(manager)
        return compose_named(str(name), lambda part: _plain(part, models))
    if _names_file(str(name)):
        return load_model_file(name)
    return catalogue(manager).get(str(name)).model


def _plain(name: str, models: Catalogue) -> SteeringModel:
    """A model that is not composed: a file, or an id in `models`."""
    return load_model_file(name) if _names_file(name) else models.get(name).model


def _is_composed(name: str) -> bool:
    """Whether a name is a composed id (`base+part=donor`) rather than a file or a plain id."""
    return "+" in name and not Path(name).is_file()


def resolve(names: Sequence[str | Path], manager: PluginManager | None = None) -> list[SteeringModel]:
    """Several models by id or path, sharing one plugin manager."""
    manager = manager or get_plugin_manager()
    return [load_model(name, manager) for name in names]


class Checker:
    """Checks files and models against one set of rules and one catalogue of models, each collected once.

    A target is a model file, a model id, or a year file, which is checked against the model it names
    (`model = …`, an id or a path relative to the year file) or against `model` when given.
    """

    def __init__(
        self,
        manager: PluginManager | None = None,
        selection: Selection | None = None,
        model: str | Path | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        from .plugins import collect_rules
        from .rules import EVERYTHING

        self.manager = manager or get_plugin_manager()
        self.rules = rules if rules is not None else collect_rules(self.manager, self.models)
        self.selection = selection or EVERYTHING
        self.model = model
        self._files: dict[Path, SteeringModel] = {}

    @cached_property
    def models(self) -> Catalogue:
        """The models of the installed plugins."""
        return catalogue(self.manager)

    @property
    def failures(self) -> list[PluginLoadError]:
        """Every plugin that failed to load, or in a hook the checks called so far, each once."""
        from .plugins import every_failure

        models = self.__dict__.get("models")  # only if some check needed the catalogue
        return every_failure(self.manager.load_errors, self.rules.errors, models.errors if models else ())

    def check(self, target: str | Path) -> Report:
        """Check one target; InputError or UnknownModelError when it (or the model it names) cannot be read."""
        from .errors import InputError, Problem
        from .io.load import model_from_table, read_file, read_toml
        from .io.locate import SourceText, key_lines, line_of
        from .model import SCHEMA
        from .rules import check_model, check_year
        from .year import YEAR_SCHEMA, year_from_table

        path = Path(target)
        if _is_composed(str(target)):
            return check_model(self._model_of(str(target)), self.rules, SourceText(str(target), None), self.selection)
        if not _names_file(str(target)):
            entry = self.models.get(str(target))
            return check_model(entry.model, self.rules, self._packaged_source(entry), self.selection)
        file = str(target)
        table, text = read_toml(read_file(path, InputError), file, InputError)
        source = SourceText(file, text)
        schema = table.get("schema")
        if schema == YEAR_SCHEMA:
            year = year_from_table(table, text, file)
            against = self._model_of(year.model, path.parent) if self.model is None else self._model_of(self.model)
            return check_year(year, against, self.rules, source, self.selection)
        if schema is not None and schema != SCHEMA:
            raise InputError(
                file,
                [
                    Problem(
                        f"this file is {schema!r}; kommunemodel checks {SCHEMA!r} model files "
                        f"and {YEAR_SCHEMA!r} year files",
                        "schema",
                        line_of(key_lines(text), ("schema",)),
                    )
                ],
            )
        return check_model(model_from_table(table, text, file), self.rules, source, self.selection)

    def _model_of(self, name: str | Path, relative_to: Path | None = None) -> SteeringModel:
        """The model a year is checked against: a plugin's by id, or a model file (read once, strictly)."""
        if _is_composed(str(name)):
            from .compare.compose import compose_named

            return compose_named(str(name), lambda part: self._model_of(part, relative_to))
        if not _names_file(str(name)):
            return self.models.get(str(name)).model
        path = (relative_to / name) if relative_to is not None and not Path(name).is_absolute() else Path(name)
        key = path.resolve()
        if key not in self._files:
            self._files[key] = load_model_file(path)
        return self._files[key]

    def _packaged_source(self, entry: ModelEntry) -> SourceText:
        """The packaged model.toml a plugin's model was loaded from, for lines; no text if it is not that file."""
        from .io.load import read_model
        from .io.locate import SourceText
        from .io.resources import packaged_text

        plugin = self.manager.get_plugin(entry.plugin)
        found = packaged_text(plugin.__name__) if plugin is not None else None
        if found is not None:
            file, text = found
            try:
                same = read_model(text, file)[0] == entry.model
            except KommunemodelError:
                same = False
            if same:
                return SourceText(_display(file), text)
        return SourceText(entry.id, None)


def _names_file(name: str) -> bool:
    """Whether a command-line name is a file rather than a model id."""
    return name.endswith(".toml") or "/" in name or "\\" in name or Path(name).is_file()


def _display(file: str) -> str:
    """A path relative to the working directory where it lies below it, as linters print paths."""
    try:
        return str(Path(file).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return file


def check(
    target: str | Path,
    *,
    model: str | Path | None = None,
    selection: Selection | None = None,
    manager: PluginManager | None = None,
) -> Report:
    """Check a model file, a model id, or a year file (against the model it names, or `model`)."""
    return Checker(manager, selection, model).check(target)
