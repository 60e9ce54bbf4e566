"""Rule, Finding and Severity: what a rule is, what it reports, and how serious that is."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from ..model.integrity import Path, format_path

if TYPE_CHECKING:
    from .subject import Subject

#: A rule code: two to four capital letters, then three digits (`KM101`, `HEL001`).
CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
#: The prefix of the core's codes; plugins use their own.
CORE_PREFIX = "KM"
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: The sections every rule's explanation has, in this order (ruff's rule documentation).
SECTIONS = ("What it checks", "Why it matters", "Example", "Use instead")


class Severity(StrEnum):
    """How serious a finding is; `--fail-on` chooses from which severity a check fails."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Larger is more serious: info 0, warning 1, error 2."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class SubjectKind(StrEnum):
    """What a rule checks: a model file, or a year file against its model."""

    MODEL = "model"
    YEAR = "year"


@frozen
class Finding:
    """One thing a rule found: its code and severity, what is wrong, where (TOML path, line, column), what to do."""

    code: str
    severity: Severity
    message: str
    path: Path = ()
    line: int | None = None
    hint: str = ""
    column: int | None = None

    @property
    def location(self) -> str:
        """The path as the file's reader writes it: `documents[3].parents`."""
        return format_path(self.path)


def _code(_instance: object, attribute: Any, value: str) -> None:
    if not isinstance(value, str) or not CODE.match(value):
        raise ValueError(f"'{attribute.name}' must match {CODE.pattern} (got {value!r})")


def _slug(_instance: object, attribute: Any, value: str) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"'{attribute.name}' must be lower-case words joined by '-' (got {value!r})")


def _sections(_instance: object, attribute: Any, value: str) -> None:
    found = re.findall(r"^## (.+)$", value, flags=re.MULTILINE)
    if tuple(found) != SECTIONS:
        wanted = ", ".join(f"'## {name}'" for name in SECTIONS)
        raise ValueError(f"'{attribute.name}' must have the sections {wanted}, in order (got {found})")


Check = Callable[["Rule", "Subject"], Iterable[Finding]]


@frozen
class Rule:
    """A check with a stable code, documented in ruff's sections, that yields findings.

    `subject` says what it checks (a model, or a year's data); None marks the engine's own rules about waivers,
    which have no `check`. `models` limits it to some model ids; None means every model.
    """

    code: str = field(validator=_code)
    slug: str = field(validator=_slug)
    severity: Severity
    summary: str
    explanation: str = field(validator=_sections)
    subject: SubjectKind | None = SubjectKind.MODEL
    check: Check | None = field(default=None, eq=False, repr=False)
    models: frozenset[str] | None = None

    def applies_to(self, model_id: str) -> bool:
        """Whether the rule runs for a model with this id."""
        return self.models is None or model_id in self.models

    def finding(self, path: Path, message: str, hint: str = "", severity: Severity | None = None) -> Finding:
        """A finding of this rule at `path`; the engine adds the line. `severity` lowers or raises this one."""
        return Finding(self.code, severity or self.severity, message, path, None, hint)

    def section(self, name: str) -> str:
        """The text of one section of the explanation (`"Why it matters"`)."""
        match = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", self.explanation, re.MULTILINE | re.DOTALL)
        if match is None:
            raise KeyError(name)
        return match[1].strip()


def rule(
    code: str,
    slug: str,
    severity: Severity,
    *,
    subject: SubjectKind | None = SubjectKind.MODEL,
    models: Iterable[str] | None = None,
) -> Callable[[Check], Rule]:
    """Make a Rule of a check function; its docstring is the summary line, a blank line, then the sections."""

    def make(check: Check) -> Rule:
        summary, _, explanation = inspect.cleandoc(check.__doc__ or "").partition("\n\n")
        return Rule(
            code=code,
            slug=slug,
            severity=severity,
            summary=summary.strip(),
            explanation=explanation.strip(),
            subject=subject,
            check=check,
            models=None if models is None else frozenset(models),
        )

    return make
