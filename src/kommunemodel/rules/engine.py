"""The engine: runs the rules that apply to a file, locates and waives their findings, and reports."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from attrs import frozen

from ..errors import RuleCrashError, UnknownRuleError
from ..io.locate import SourceText
from ..model import SteeringModel, Waiver
from ..year.data import YearData
from .base import Finding, Severity, SubjectKind
from .registry import RuleSet
from .subject import Subject
from .waivers import covers, unused_waiver, waivers_of


@frozen
class Selection:
    """Which rules run: code prefixes to select (none: every rule) and to ignore, as `--select`/`--ignore` give them."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def parse(cls, select: Iterable[str], ignore: Iterable[str], rules: RuleSet) -> Selection:
        """From comma-separated lists; a prefix that matches no rule is an UnknownRuleError, as a typo would be."""

        def prefixes(values: Iterable[str]) -> tuple[str, ...]:
            found = tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())
            for prefix in found:
                if not any(code.startswith(prefix) for code in rules.codes()):
                    raise UnknownRuleError(prefix, rules.codes(), rules.why_unknown(prefix))
            return found

        return cls(prefixes(select), prefixes(ignore))

    def wants(self, code: str) -> bool:
        """Whether the rule with this code runs."""
        selected = not self.select or code.startswith(self.select)
        return selected and not (self.ignore and code.startswith(self.ignore))


EVERYTHING = Selection()


@frozen
class Report:
    """What checking one file found: its findings (located, sorted), those waived, and rules that crashed."""

    file: str
    kind: SubjectKind
    model: str
    findings: tuple[Finding, ...]
    waived: tuple[tuple[Finding, Waiver], ...] = ()
    crashes: tuple[RuleCrashError, ...] = ()

    def at_least(self, severity: Severity) -> list[Finding]:
        """The findings at `severity` or more serious."""
        return [finding for finding in self.findings if finding.severity.rank >= severity.rank]


def run(subject: Subject, rules: RuleSet, selection: Selection = EVERYTHING) -> Report:
    """Run every selected rule that applies to the subject; locate, waive and sort what they find."""
    model_id = subject.model.id
    applicable = rules.for_subject(subject.kind, model_id)
    running = [rule for rule in applicable if selection.wants(rule.code)]
    file = subject.source.file if subject.source is not None else model_id
    found: list[Finding] = []
    crashes: list[RuleCrashError] = []
    for rule in running:
        if rule.check is None:
            continue
        try:
            found.extend(rule.check(rule, subject))
        except Exception as failure:  # noqa: BLE001 - one broken rule must not hide the others' findings
            crashes.append(RuleCrashError(rule.code, file, failure))

    kept, waived, used = _waive(found, waivers_of(subject))
    if selection.wants(unused_waiver.code) and unused_waiver.code in rules:
        ran = {rule.code for rule in running}
        kept += _unused(waivers_of(subject), used, ran, {rule.code for rule in applicable}, rules)
    if subject.source is not None:
        source = subject.source
        kept = [attrs.evolve(f, line=source.line(f.path)) if f.line is None and f.path else f for f in kept]
        waived = [
            (attrs.evolve(f, line=source.line(f.path)) if f.line is None and f.path else f, waiver)
            for f, waiver in waived
        ]
    kept.sort(key=lambda finding: (finding.line or 0, finding.code, finding.location))
    return Report(file, subject.kind, model_id, tuple(kept), tuple(waived), tuple(crashes))


def _waive(
    found: list[Finding], waivers: Iterable[Waiver]
) -> tuple[list[Finding], list[tuple[Finding, Waiver]], set[int]]:
    """Split findings into those kept and those a waiver covers; also which waivers (by index) covered any."""
    by_code: dict[str, list[tuple[int, Waiver]]] = {}
    for index, waiver in enumerate(waivers):
        by_code.setdefault(waiver.code.upper(), []).append((index, waiver))
    kept: list[Finding] = []
    waived: list[tuple[Finding, Waiver]] = []
    used: set[int] = set()
    for finding in found:
        # The rules about waivers cannot themselves be waived.
        candidates = by_code.get(finding.code, []) if not finding.code.startswith("KM0") else []
        match = next(((index, waiver) for index, waiver in candidates if covers(waiver, finding)), None)
        if match is None:
            kept.append(finding)
        else:
            used.add(match[0])
            waived.append((finding, match[1]))
    return kept, waived, used


def _unused(
    waivers: Iterable[Waiver], used: set[int], ran: set[str], applicable: set[str], rules: RuleSet
) -> list[Finding]:
    """KM002 findings: waivers that waived nothing, of rules that ran (or of rules that cannot run here at all)."""
    found = []
    for index, waiver in enumerate(waivers):
        code = waiver.code.upper()
        if index in used:
            continue
        if code not in rules:
            why = rules.why_unknown(waiver.code)
        elif code not in applicable:
            why = f"{code} does not run on this file"
        elif code in ran:
            why = f"no {code} finding" + (f" at {waiver.path}" if waiver.path else " in this file")
        else:
            continue  # the rule was left out by --select/--ignore: nothing to judge
        found.append(
            unused_waiver.finding(
                ("waivers", index), f"the waiver of {waiver.code} waives nothing: {why}", "remove the waiver"
            )
        )
    return found


def check_model(
    model: SteeringModel, rules: RuleSet, source: SourceText | None = None, selection: Selection = EVERYTHING
) -> Report:
    """Check a model; `source` is the file it was read from, for lines."""
    return run(Subject(model, None, source), rules, selection)


def check_year(
    year: YearData,
    model: SteeringModel,
    rules: RuleSet,
    source: SourceText | None = None,
    selection: Selection = EVERYTHING,
) -> Report:
    """Check a year's data against a model; `source` is the year file, for lines."""
    return run(Subject(model, year, source), rules, selection)
