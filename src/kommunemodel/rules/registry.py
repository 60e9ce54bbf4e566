"""The one table of rule codes: every rule the core and the plugins register, and the codes retired for good."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from attrs import field, frozen

from ..errors import RuleCodeError, UnknownRuleError
from .base import CODE, CORE_PREFIX, SLUG, Rule, SubjectKind

if TYPE_CHECKING:
    from ..errors import PluginLoadError


def _code(_instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str) or not CODE.match(value):
        raise ValueError(f"'{getattr(attribute, 'name', 'code')}' must match {CODE.pattern} (got {value!r})")


def _slug(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"'slug' must be lower-case words joined by '-' (got {value!r})")


def _optional_code(instance: object, attribute: object, value: str | None) -> None:
    if value is not None:
        _code(instance, attribute, value)


@frozen
class RetiredRule:
    """A rule code that was removed or redirected, and is never to be reused (ruff keeps such a table).

    `replaced_by` is the code whose findings now say what this one said (None: removed, nothing replaces it);
    `reason` says why, in a sentence a user reading `kommunemodel rule CODE` can act on.
    """

    code: str = field(validator=_code)
    slug: str = field(validator=_slug)
    reason: str
    replaced_by: str | None = field(default=None, validator=_optional_code)

    def explain(self, rules: RuleSet) -> str:
        """The Markdown `kommunemodel rule CODE` prints for a retired code."""
        header = f"# {self.code} {self.slug} (retired)\n\n"
        owner = rules.retired_origin.get(self.code, "")
        by = f" by the {owner} plugin" if owner else ""
        if self.replaced_by is None:
            where = f"This rule was removed{by}; no rule replaces it."
        else:
            target = rules.get(self.replaced_by) if self.replaced_by in rules else None
            name = f" `{target.slug}`" if target is not None else ""
            where = (
                f"This rule was retired{by} in favour of {self.replaced_by}{name}: "
                f"run `kommunemodel rule {self.replaced_by}`."
            )
        waiver = f"waive {self.replaced_by} instead" if self.replaced_by else "remove it"
        return f"{header}{where}\n\n{self.reason}\n\nA waiver of {self.code} waives nothing: {waiver}.\n"

    def redirect(self) -> str:
        """One line for a waiver or an option that names this code."""
        if self.replaced_by is None:
            return f"{self.code} was removed"
        return f"{self.code} was retired in favour of {self.replaced_by}"


class RuleSet:
    """Rules by code, each with the plugin that registered it, and the retired codes; iterates in code order.

    `errors` holds the plugins whose rules were left out when the set was collected, with why.
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self.origin: dict[str, str] = {}
        self.retired: dict[str, RetiredRule] = {}
        self.retired_origin: dict[str, str] = {}
        self.errors: tuple[PluginLoadError, ...] = ()

    def _claimed(self, code: str, batch: Iterable[str], plugin: str, core: bool) -> None:
        """RuleCodeError unless `code` is well-formed, free, not retired, and (for a plugin) not the core's."""
        if not CODE.match(code):
            raise RuleCodeError(code, f"does not match {CODE.pattern}")
        if code in self._rules or code in batch:
            raise RuleCodeError(code, f"is already claimed by {self.origin.get(code, plugin)}")
        if code in self.retired:
            raise RuleCodeError(code, f"was retired by {self.retired_origin[code]} and is never to be reused")
        if not core and code.startswith(CORE_PREFIX) and code[len(CORE_PREFIX)].isdigit():
            raise RuleCodeError(code, f"uses the prefix {CORE_PREFIX}, which is the core's")

    def add(self, plugin: str, rules: Iterable[Rule], core: bool = False) -> None:
        """Add one plugin's rules, all or none: RuleCodeError (or TypeError) names the first that cannot be added."""
        batch: dict[str, Rule] = {}
        for item in rules:
            if not isinstance(item, Rule):
                raise TypeError(f"returned {type(item).__name__}, not a Rule")
            self._claimed(item.code, batch, plugin, core)
            batch[item.code] = item
        self._rules.update(batch)
        self.origin.update(dict.fromkeys(batch, plugin))

    def retire(self, plugin: str, entries: Iterable[RetiredRule], core: bool = False) -> None:
        """Add one plugin's retired codes, all or none, before any rule is added."""
        batch: dict[str, RetiredRule] = {}
        for entry in entries:
            if not isinstance(entry, RetiredRule):
                raise TypeError(f"returned {type(entry).__name__}, not a RetiredRule")
            if entry.code in self.retired or entry.code in batch:
                raise RuleCodeError(entry.code, f"is already retired by {self.retired_origin.get(entry.code, plugin)}")
            self._claimed(entry.code, (), plugin, core)
            batch[entry.code] = entry
        self.retired.update(batch)
        self.retired_origin.update(dict.fromkeys(batch, plugin))

    def get(self, code: str) -> Rule:
        """The rule with this code (UnknownRuleError if there is none, saying so if it was retired)."""
        try:
            return self._rules[code.upper()]
        except KeyError:
            raise UnknownRuleError(code, sorted(self._rules), self.why_unknown(code)) from None

    def why_unknown(self, code: str) -> str:
        """Why no rule has this code: where a retired code went, else that none has it."""
        retired = self.retired.get(code.upper())
        return retired.redirect() if retired is not None else f"no rule has the code {code!r}"

    def codes(self) -> list[str]:
        """Every code, sorted."""
        return sorted(self._rules)

    def for_subject(self, kind: SubjectKind, model_id: str) -> list[Rule]:
        """The rules that run on a file of this kind for this model, in code order."""
        return [rule for rule in self if rule.subject in (None, kind) and rule.applies_to(model_id)]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules[code] for code in sorted(self._rules))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._rules
