"""The rules engine: Rule, Finding and Severity; the core rules; selection, waivers and output formats."""

from .base import CODE, CORE_PREFIX, SECTIONS, Finding, Rule, Severity, SubjectKind, rule
from .engine import EVERYTHING, Report, Selection, check_model, check_year, run
from .registry import RetiredRule, RuleSet
from .subject import Subject

__all__ = [
    "CODE",
    "CORE_PREFIX",
    "EVERYTHING",
    "SECTIONS",
    "Finding",
    "Report",
    "RetiredRule",
    "Rule",
    "RuleSet",
    "Selection",
    "Severity",
    "Subject",
    "SubjectKind",
    "check_model",
    "check_year",
    "rule",
    "run",
]
