"""Helpers of the rule tests: the clean model and year files, and checking edited copies of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kommunemodel.io.load import read_model
from kommunemodel.plugins import collect_rules, get_plugin_manager
from kommunemodel.rules import Report, RuleSet, Selection, check_model, check_year
from kommunemodel.year import read_year

DATA = Path(__file__).parent / "data" / "checking"
#: A model and a year of it that break no core rule.
MODEL = (DATA / "model.toml").read_text(encoding="utf-8")
YEAR = (DATA / "year.toml").read_text(encoding="utf-8")


@cache
def core_rules() -> RuleSet:
    """The core rules, without installed plugins."""
    return collect_rules(get_plugin_manager(load_entry_points=False))


def edit(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced; fails if `old` is not there exactly once."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the file"
    return text.replace(old, new)


def check_model_text(text: str, select: str = "") -> Report:
    """Check a model file's text with the core rules (or those selected)."""
    model, source = read_model(text, "model.toml")
    return check_model(model, core_rules(), source, Selection.parse([select], [], core_rules()))


def check_year_text(text: str, model_text: str = MODEL, select: str = "") -> Report:
    """Check a year file's text against a model file's text with the core rules (or those selected)."""
    model, _ = read_model(model_text, "model.toml")
    year, source = read_year(text, "year.toml")
    return check_year(year, model, core_rules(), source, Selection.parse([select], [], core_rules()))


def found(report: Report) -> list[tuple[str, str, str]]:
    """(code, severity, TOML path) of each finding."""
    return [(finding.code, finding.severity.value, finding.location) for finding in report.findings]
