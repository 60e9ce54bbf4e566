"""Every exception kommunemodel raises, under one base class, each with structured attributes."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen


class KommunemodelError(Exception):
    """Base class of every error kommunemodel raises on purpose."""


@frozen
class Problem:
    """One thing wrong in an input file: where (TOML path, line, column), what, and its load-finding code.

    `code` is the stable `KM0xx` code the problem has as a finding of `kommunemodel check` (KM021 an unknown key);
    `hint` says what to do, or what the check did with the part it could not read.
    """

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    code: str = ""
    hint: str = ""

    def located(self, file: str) -> str:
        """`file:line:column: CODE message @ path`, leaving out what is not known."""
        where = ":".join(str(part) for part in (file, self.line, self.column) if part is not None)
        suffix = f" @ {self.path}" if self.path else ""
        code = f"{self.code} " if self.code else ""
        return f"{where}: {code}{self.message}{suffix}"


class InputError(KommunemodelError):
    """Raised when an input file cannot be read, parsed or structured; holds every problem found."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = tuple(problems)
        count = len(self.problems)
        self.summary = f"{file}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(self.summary)

    def report(self) -> str:
        """Every problem, one per line, located."""
        return "\n".join(problem.located(self.file) for problem in self.problems)

    def __str__(self) -> str:
        return f"{self.report()}\n{self.summary}"


class ModelFileError(InputError):
    """Raised when a model file (`kommunemodel/1`) is not valid TOML or does not describe a valid model."""


class UnknownModelError(KommunemodelError):
    """Raised when an id names no available model and no file of that name exists."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        self.name = name
        self.available = tuple(available)
        known = ", ".join(self.available) or "none"
        super().__init__(f"no model or file called {name!r} (available models: {known})")


class PluginLoadError(KommunemodelError):
    """Raised (and collected, not thrown) when a plugin fails to import or raises in a hook."""

    def __init__(self, plugin: str, original: BaseException, hook: str | None = None) -> None:
        self.plugin = plugin
        self.original = original
        self.hook = hook
        during = f" in {hook}" if hook else ""
        super().__init__(f"plugin {plugin} failed{during}: {type(original).__name__}: {original}")


class YearFileError(InputError):
    """Raised when a year file (`kommunemodel-year/1`) is not valid TOML or does not describe a valid year."""


class UnknownRuleError(KommunemodelError):
    """Raised when a rule code, or a `--select`/`--ignore` prefix, names no rule."""

    def __init__(self, code: str, available: Sequence[str], reason: str = "") -> None:
        self.code = code
        self.available = tuple(available)
        self.reason = reason or f"no rule has the code {code!r}"
        super().__init__(f"{self.reason} (see `kommunemodel rules`)")


class RuleCodeError(KommunemodelError):
    """Raised (inside a PluginLoadError) when a plugin's rule has a malformed code or one already claimed."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"rule code {code!r} {reason}")


class RuleCrashError(KommunemodelError):
    """Raised (and collected, not thrown) when a rule's check raises; the file's other rules still run."""

    def __init__(self, code: str, file: str, original: BaseException) -> None:
        self.code = code
        self.file = file
        self.original = original
        super().__init__(f"rule {code} failed on {file}: {type(original).__name__}: {original}")


class MetricIdError(KommunemodelError):
    """Raised (inside a PluginLoadError) when a plugin's metric has a malformed id or one already claimed."""

    def __init__(self, metric_id: str, reason: str) -> None:
        self.metric_id = metric_id
        self.reason = reason
        super().__init__(f"metric id {metric_id!r} {reason}")


class UnknownMetricError(KommunemodelError):
    """Raised when `--metrics` or `--explain` names no metric of the core or the installed plugins."""

    def __init__(self, metric_id: str, available: Sequence[str]) -> None:
        self.metric_id = metric_id
        self.available = tuple(available)
        super().__init__(f"no metric has the id {metric_id!r} (available: {', '.join(self.available)})")


class ComposeError(KommunemodelError):
    """Raised when a counterfactual cannot be composed: an unknown part, or a swap written wrongly."""

    def __init__(self, spec: str, reason: str) -> None:
        self.spec = spec
        self.reason = reason
        super().__init__(f"cannot compose {spec!r}: {reason}")


class BudgetRuleMissingError(KommunemodelError):
    """Raised when a budget simulation needs a rule the model leaves `not_described` and no assumption fills it."""

    def __init__(self, model: str, missing: Sequence[str], profiles: Sequence[str] = ()) -> None:
        self.model = model
        self.missing = tuple(missing)
        self.profiles = tuple(profiles)
        offer = f" --assume NAME ({', '.join(self.profiles)})" if self.profiles else " --assume NAME"
        super().__init__(
            f"{model}: the budget simulation needs {', '.join(self.missing)}, which the model leaves not described; "
            f"name an assumption profile with{offer}, or give the model another's budget rules "
            f"(--swap budget=skanderborg, or the id {model}+budget=skanderborg)"
        )


class UnknownProfileError(KommunemodelError):
    """Raised when `--assume NAME` names no shipped assumption profile and no profile file."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        self.name = name
        self.available = tuple(available)
        super().__init__(f"no assumption profile called {name!r} (available: {', '.join(self.available) or 'none'})")


class ProfileFileError(KommunemodelError):
    """Raised when an assumption profile file cannot be read or does not describe a profile."""

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


@frozen
class Breach:
    """One broken invariant across an object's fields: the field it is reported at, what is wrong, what it read.

    `reads` names every field the invariant looked at, so a loader that already reported one of them as
    invalid on its own can leave the knock-on out.
    """

    at: str
    message: str
    reads: tuple[str, ...]


class InvariantError(KommunemodelError, ValueError):
    """Raised when a domain object is built with fields that break an invariant between them; lists every one."""

    def __init__(self, kind: str, breaches: Sequence[Breach]) -> None:
        self.kind = kind
        self.breaches = tuple(breaches)
        super().__init__("; ".join(breach.message for breach in self.breaches))
