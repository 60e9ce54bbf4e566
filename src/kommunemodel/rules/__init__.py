"""The rules engine: Rule, Finding and Severity; the core rules; selection, waivers and output formats."""

from .base import CODE, CORE_PREFIX, SECTIONS, Finding, Rule, Severity, SubjectKind, rule
from .engine import EVERYTHING, Report, Selection, check_model, check_year, run
from .registry import RuleSet, collect_rules
from .subject import Subject

__all__ = [
    "CODE",
    "CORE_PREFIX",
    "EVERYTHING",
    "SECTIONS",
    "Finding",
    "Report",
    "Rule",
    "RuleSet",
    "Selection",
    "Severity",
    "Subject",
    "SubjectKind",
    "check_model",
    "check_year",
    "collect_rules",
    "rule",
    "run",
]
