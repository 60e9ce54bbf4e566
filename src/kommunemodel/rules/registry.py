"""The one table of rule codes: every rule the core and the plugins register, checked as it comes in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import PluginLoadError, RuleCodeError, UnknownRuleError
from ..plugins import DEFAULT_PLUGINS, PluginManager
from .base import CODE, CORE_PREFIX, Rule, SubjectKind


class RuleSet:
    """Rules by code, each with the plugin that registered it; iterates in code order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self.origin: dict[str, str] = {}

    def add(self, plugin: str, rules: Iterable[Rule], core: bool = False) -> None:
        """Add one plugin's rules, all or none: RuleCodeError (or TypeError) names the first that cannot be added."""
        batch: dict[str, Rule] = {}
        for item in rules:
            if not isinstance(item, Rule):
                raise TypeError(f"returned {type(item).__name__}, not a Rule")
            if not CODE.match(item.code):
                raise RuleCodeError(item.code, f"does not match {CODE.pattern}")
            if item.code in self._rules or item.code in batch:
                owner = self.origin.get(item.code, plugin)
                raise RuleCodeError(item.code, f"is already claimed by {owner}")
            if not core and item.code.startswith(CORE_PREFIX) and item.code[len(CORE_PREFIX)].isdigit():
                raise RuleCodeError(item.code, f"uses the prefix {CORE_PREFIX}, which is the core's")
            batch[item.code] = item
        self._rules.update(batch)
        self.origin.update(dict.fromkeys(batch, plugin))

    def get(self, code: str) -> Rule:
        """The rule with this code (UnknownRuleError if there is none); codes are case-insensitive."""
        try:
            return self._rules[code.upper()]
        except KeyError:
            raise UnknownRuleError(code, sorted(self._rules)) from None

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


def collect_rules(manager: PluginManager) -> RuleSet:
    """Every rule of every plugin; a plugin whose hook fails, or whose codes clash, is named and left out.

    The built-in plugins come first, so a code the core claims can never be taken by a plugin that sorts earlier.
    """
    table = RuleSet()
    contributions = sorted(
        manager.call_isolated("kommunemodel_rules"), key=lambda item: (item[0] not in DEFAULT_PLUGINS, item[0])
    )
    for plugin_name, rules in contributions:
        try:
            table.add(plugin_name, rules or (), core=plugin_name in DEFAULT_PLUGINS)
        except (RuleCodeError, TypeError) as failure:
            manager.errors.append(PluginLoadError(manager.describe(plugin_name), failure, "kommunemodel_rules"))
    return table
