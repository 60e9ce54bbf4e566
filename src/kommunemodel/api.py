"""The public operations behind the command line: find, list, load and check models."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .errors import KommunemodelError, PluginLoadError, UnknownModelError
from .model import SteeringModel
from .plugins import PluginManager, get_plugin_manager

if TYPE_CHECKING:
    from .io.load import Issue, Loaded
    from .io.locate import SourceText
    from .model.year import YearData
    from .rules import Finding, Report, RuleSet, Selection


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
        from .io.load import load_model_file

        return load_model_file(name)
    return catalogue(manager).get(str(name)).model


def _plain(name: str, models: Catalogue) -> SteeringModel:
    """A model that is not composed: a file, or an id in `models`."""
    from .io.load import load_model_file

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
        """Check one target: every problem of the file, from its load findings to the rules', in one report.

        A file that cannot be read at all gives a report of its load findings (`readable` False); only a name
        that is neither a file nor a model id raises UnknownModelError.
        """
        from .io import codes
        from .io.load import Issue, file_problem, model_file, read_bytes
        from .io.locate import SourceText
        from .io.year import year_file
        from .model import SCHEMA
        from .model.year import YEAR_SCHEMA
        from .rules import SubjectKind, check_model
        from .rules.engine import unreadable

        if _is_composed(str(target)):
            return check_model(self._model_of(str(target)), self.rules, SourceText(str(target), None), self.selection)
        if not _names_file(str(target)):
            entry = self.models.get(str(target))
            return check_model(entry.model, self.rules, self._packaged_source(entry), self.selection)
        path, file = Path(target), str(target)
        problem = file_problem(path)
        if problem is None:
            try:
                data = path.read_bytes()
            except OSError as failure:
                problem = Issue(codes.UNREADABLE, (), f"cannot read file: {failure.strerror or failure}")
        if problem is not None:
            return unreadable(file, [problem], None, self.selection, SubjectKind.MODEL)
        table, text, issues = read_bytes(data, file)
        if table is None:
            return unreadable(file, issues, SourceText(file, text), self.selection, SubjectKind.MODEL)
        schema = table.get("schema")
        if schema == YEAR_SCHEMA or (schema is None and "year" in table and "model" in table):
            year = year_file(table, text, file)
            year.issues = issues + year.issues  # an encoding problem found before parsing
            return self._check_year(year, path)
        if schema is not None and schema != SCHEMA:
            message = (
                f"this file is {schema!r}; kommunemodel checks {SCHEMA!r} model files and {YEAR_SCHEMA!r} year files"
            )
            wrong = Issue(codes.SCHEMA, ("schema",), message)
            return unreadable(file, [wrong], SourceText(file, text, table), self.selection, SubjectKind.MODEL)
        loaded = model_file(table, text, file)
        loaded.issues = issues + loaded.issues
        return self._check_loaded_model(loaded)

    def _check_loaded_model(self, loaded: Loaded[SteeringModel]) -> Report:
        """The rules over what could be built of a model file, with its load findings."""
        from .io.load import dropped_integrity
        from .rules import Report, SubjectKind, check_model

        if loaded.value is None:
            return Report(loaded.source.file, SubjectKind.MODEL, "", tuple(self._load_findings(loaded)))
        issues = [*loaded.issues, *dropped_integrity(loaded)]
        return check_model(loaded.value, self.rules, loaded.source, self.selection, issues, loaded.cut)

    def _load_findings(self, loaded: Loaded[Any]) -> list[Finding]:
        from .rules.engine import load_finding

        return [load_finding(issue) for issue in loaded.located() if self.selection.wants(issue.code)]

    def _check_year(self, loaded: Loaded[YearData], path: Path) -> Report:
        """A year file against the model it names (or `--model`); a model that cannot be read is a KM030 finding."""
        from .errors import InputError
        from .rules import Report, SubjectKind, check_year
        from .rules.engine import unreadable

        file = loaded.source.file
        year = loaded.value
        named = year.model if year is not None else loaded.source.table and loaded.source.table.get("model")
        try:
            if self.model is not None:
                against = self._model_of(self.model)
            elif isinstance(named, str):
                against = self._model_of(named, path.parent)
            else:
                against = None
        except (UnknownModelError, InputError) as failure:
            issue = self._year_model_issue(named, failure)
            return unreadable(file, [*loaded.issues, issue], loaded.source, self.selection, SubjectKind.YEAR)
        if year is None or against is None:
            return Report(file, SubjectKind.YEAR, against.id if against else "", tuple(self._load_findings(loaded)))
        return check_year(year, against, self.rules, loaded.source, self.selection, loaded.issues, loaded.cut)

    def _year_model_issue(self, named: object, failure: KommunemodelError) -> Issue:
        """KM030 at the year file's `model` key (or the whole file, for `--model`), naming what went wrong."""
        from .errors import InputError
        from .io import codes
        from .io.load import Issue

        given = "given with --model" if self.model is not None else "named by `model`"
        name = self.model if self.model is not None else named
        if isinstance(failure, InputError):
            shown = "; ".join(problem.located(failure.file) for problem in failure.problems[:3])
            more = f"; and {len(failure.problems) - 3} more" if len(failure.problems) > 3 else ""
            message = f"the model file {failure.file} {given} cannot be read: {shown}{more}"
        else:
            message = f"the model {str(name)!r} {given} cannot be found: {failure}"
        return Issue(codes.YEAR_MODEL, ("model",) if self.model is None else (), message, "")

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
            from .io.load import load_model_file

            self._files[key] = load_model_file(path)
        return self._files[key]

    def _packaged_source(self, entry: ModelEntry) -> SourceText:
        """The packaged model.toml a plugin's model was loaded from, for lines; no text if it is not that file."""
        from .io.locate import SourceText
        from .io.resources import LOADED

        loaded = LOADED.get(id(entry.model))
        if loaded is not None and loaded[0] is entry.model:
            try:
                text = Path(loaded[1]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return SourceText(entry.id, None)
            return SourceText(_display(loaded[1]), text)
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
