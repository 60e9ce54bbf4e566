"""Assumption profiles: named, documented values for budget rules a model leaves `not_described`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from ..errors import ProfileFileError, UnknownProfileError

PROFILE_SCHEMA: Final = "kommunemodel-assumptions/1"

#: The rules a profile may fill, and what each value may be.
PROFILE_RULES: Final = {
    "surplus_cap": 'a fraction of the annual budget, or "unlimited"',
    "deficit_cap": 'a fraction of the annual budget, or "unlimited"',
    "repayment_plan_above": 'a fraction of the annual budget, or "none" (no repayment plan)',
    "close_monitoring_above": 'a fraction of the annual budget (expected overspend), or "none"',
    "demography_adjusted": "true or false",
}


@frozen
class Assumption:
    """One thing a simulation assumed, printed with its results: what, the value, why, and of which kind.

    `kind` is "profile" (a rule filled from an assumption profile), "override" (a rule replaced by the user),
    "modelling" (a choice the simulation makes that no source states) or "parameter" (a parameter no source gives).
    """

    name: str
    value: str
    reason: str
    kind: str


@frozen
class ProfileValue:
    """One rule's value in a profile, and the reason it was chosen."""

    rule: str
    value: float | bool | str
    reason: str


@frozen
class AssumptionProfile:
    """A named set of assumed budget rules; it fills only what a model leaves not described."""

    name: str
    title: str
    description: str
    values: tuple[ProfileValue, ...]

    def get(self, rule: str) -> ProfileValue | None:
        """The profile's value for a rule, or None if it has none."""
        for value in self.values:
            if value.rule == rule:
                return value
        return None


def profile_names() -> list[str]:
    """The names of the shipped profiles, sorted."""
    folder = resources.files(__package__).joinpath("assumptions")
    return sorted(item.name.removesuffix(".toml") for item in folder.iterdir() if item.name.endswith(".toml"))


def load_profile(name: str | Path) -> AssumptionProfile:
    """A shipped profile by name, or a profile file when `name` is a path ending in .toml."""
    text_name = str(name)
    if text_name.endswith(".toml"):
        path = Path(text_name)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ProfileFileError(text_name, error.strerror or str(error)) from None
        return parse_profile(text, text_name)
    if text_name not in profile_names():
        raise UnknownProfileError(text_name, profile_names())
    resource = resources.files(__package__).joinpath("assumptions", f"{text_name}.toml")
    return parse_profile(resource.read_text(encoding="utf-8"), f"{text_name}.toml")


def parse_profile(text: str, file: str) -> AssumptionProfile:
    """A profile from its TOML text; ProfileFileError naming the first problem."""
    import tomli

    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise ProfileFileError(file, f"not valid TOML: {error}") from None
    if table.get("schema") != PROFILE_SCHEMA:
        raise ProfileFileError(file, f"schema must be {PROFILE_SCHEMA!r} (got {table.get('schema')!r})")
    extra = sorted(set(table) - {"schema", "name", "title", "description", "rules"})
    if extra:
        raise ProfileFileError(file, f"unknown keys: {', '.join(extra)}")
    for key in ("name", "title", "description"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise ProfileFileError(file, f"{key!r} must be a non-empty string")
    rules = table.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise ProfileFileError(file, "a profile needs a [rules.NAME] table for at least one rule")
    values = []
    for rule, entry in rules.items():
        values.append(_profile_value(rule, entry, file))
    return AssumptionProfile(table["name"], table["title"], table["description"], tuple(values))


def _profile_value(rule: str, entry: Any, file: str) -> ProfileValue:
    """One `[rules.NAME]` table: a value of the right kind and a reason."""
    where = f"rules.{rule}"
    if rule not in PROFILE_RULES:
        raise ProfileFileError(file, f"{where}: unknown rule (known: {', '.join(PROFILE_RULES)})")
    if not isinstance(entry, dict) or set(entry) != {"value", "reason"}:
        raise ProfileFileError(file, f"{where}: needs exactly 'value' and 'reason'")
    value, reason = entry["value"], entry["reason"]
    if not isinstance(reason, str) or not reason.strip():
        raise ProfileFileError(file, f"{where}.reason must be a non-empty string: every assumption says why")
    if rule == "demography_adjusted":
        if not isinstance(value, bool):
            raise ProfileFileError(file, f"{where}.value must be true or false (got {value!r})")
    else:
        word = "unlimited" if rule.endswith("_cap") else "none"
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not (value == word or (number and 0 <= value <= 1)):
            raise ProfileFileError(file, f"{where}.value must be {PROFILE_RULES[rule]} (got {value!r})")
        if number:
            value = float(value)
    return ProfileValue(rule, value, reason.strip())
