"""Output formats: findings as text, JSON, SARIF 2.1.0 and GitHub annotations; the rule list as text, JSON, Markdown."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base import Finding, Rule, Severity
from .engine import Report
from .registry import RuleSet

#: The version of the JSON output (`--format json`), named in its "schema" key.
FINDINGS_SCHEMA = "kommunemodel-findings/1"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def text(reports: Sequence[Report]) -> str:
    """`file:line[:column]: CODE message`, then the severity, the TOML path and the hint; a summary at the end."""
    lines: list[str] = []
    for report in reports:
        for finding in report.findings:
            where = ":".join(str(part) for part in (report.file, finding.line, finding.column) if part)
            lines.append(f"{where}: {finding.code} {finding.message}")
            detail = f"  {finding.severity.value}" + (f" @ {finding.location}" if finding.path else "")
            lines.append(detail + (f": {finding.hint}" if finding.hint else ""))
    counts = Counter(finding.severity for report in reports for finding in report.findings)
    total = sum(counts.values())
    waived = sum(len(report.waived) for report in reports)
    files = _plural(len(reports), "file")
    if total:
        parts = ", ".join(_plural(counts[level], level.value) for level in Severity if counts[level])
        summary = f"{_plural(total, 'finding')} in {files}: {parts}"
    else:
        summary = f"no findings in {files}"
    lines.append(summary + (f" ({waived} waived)" if waived else "") + ".")
    return "\n".join(lines) + "\n"


def _finding_json(report: Report, finding: Finding, rules: RuleSet) -> dict[str, Any]:
    return {
        "file": report.file,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "slug": rules.get(finding.code).slug if finding.code in rules else None,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.location,
        "hint": finding.hint,
    }


def to_json(reports: Sequence[Report], rules: RuleSet) -> str:
    """Every file checked, every finding and every waived finding (with its reason), and counts by severity."""
    findings = [_finding_json(report, finding, rules) for report in reports for finding in report.findings]
    waived = [
        {**_finding_json(report, finding, rules), "reason": waiver.reason}
        for report in reports
        for finding, waiver in report.waived
    ]
    counts = Counter(finding["severity"] for finding in findings)
    document = {
        "schema": FINDINGS_SCHEMA,
        "files": [{"file": report.file, "subject": report.kind.value, "model": report.model} for report in reports],
        "findings": findings,
        "waived": waived,
        "summary": {**{level.value: counts[level.value] for level in Severity}, "waived": len(waived)},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _uri(file: str) -> str:
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() else path.as_posix()


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("What it checks")},
        "help": {"text": rule.explanation, "markdown": rule.explanation},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.subject.value if rule.subject else "any"]},
    }


def _result(report: Report, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(report.file)}}
    if finding.line:
        physical["region"] = {"startLine": finding.line}
        if finding.column:
            physical["region"]["startColumn"] = finding.column
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.path:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.location}]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint else "")},
        "locations": [location],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def sarif(reports: Sequence[Report], rules: RuleSet, version: str) -> str:
    """A SARIF 2.1.0 log with one run: every rule as a descriptor, findings as results, waived ones suppressed."""
    descriptors = [_descriptor(rule) for rule in rules]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    results = [_result(report, finding, index) for report in reports for finding in report.findings]
    for report in reports:
        for finding, waiver in report.waived:
            suppressed = _result(report, finding, index)
            suppressed["suppressions"] = [{"kind": "inSource", "justification": waiver.reason}]
            results.append(suppressed)
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {"tool": {"driver": {"name": "kommunemodel", "version": version, "rules": descriptors}}, "results": results}
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape(value: str, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts).
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace(":", "%3A").replace(",", "%2C") if property_value else escaped


def github(reports: Sequence[Report], rules: RuleSet) -> str:
    """One workflow command per finding: `::error file=…,line=…,title=…::message` (warning, notice by severity)."""
    lines = []
    for report in reports:
        for finding in report.findings:
            slug = rules.get(finding.code).slug if finding.code in rules else ""
            properties = [f"file={_escape(report.file, True)}"]
            if finding.line:
                properties.append(f"line={finding.line}")
                if finding.column:
                    properties.append(f"col={finding.column}")
            properties.append(f"title={_escape(f'{finding.code} {slug}'.strip(), True)}")
            message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
            lines.append(f"::{GITHUB_COMMAND[finding.severity]} {','.join(properties)}::{_escape(message)}")
    return "".join(line + "\n" for line in lines)


def _applies(rule: Rule) -> str:
    checks = rule.subject.value if rule.subject else "any file"
    return checks + ("" if rule.models is None else f" ({', '.join(sorted(rule.models))})")


def rules_text(rules: RuleSet) -> str:
    """The rule list as a table: code, slug, severity, what it checks, summary."""
    from tabulate import tabulate

    rows = [(rule.code, rule.slug, rule.severity.value, _applies(rule), rule.summary) for rule in rules]
    return tabulate(rows, headers=("code", "slug", "severity", "checks", "summary")) + "\n"


def rules_json(rules: RuleSet) -> str:
    """Every rule with its documentation and the plugin it came from."""
    return (
        json.dumps(
            [
                {
                    "code": rule.code,
                    "slug": rule.slug,
                    "severity": rule.severity.value,
                    "subject": rule.subject.value if rule.subject else None,
                    "models": sorted(rule.models) if rule.models is not None else None,
                    "plugin": rules.origin.get(rule.code),
                    "summary": rule.summary,
                    "explanation": rule.explanation,
                }
                for rule in rules
            ],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def explain(rule: Rule) -> str:
    """What `kommunemodel rule CODE` prints: a title line, the summary, then exactly the rule's sections."""
    title = f"# {rule.code} {rule.slug} ({rule.severity.value}, checks {_applies(rule)})"
    return f"{title}\n\n{rule.summary}\n\n{rule.explanation}\n"


def rules_table_markdown(rules: RuleSet) -> str:
    """The rule table as Markdown: code, slug, severity, what it checks, summary."""
    lines = ["| code | slug | severity | checks | summary |", "| --- | --- | --- | --- | --- |"]
    for rule in rules:
        summary = rule.summary.replace("|", r"\|")
        lines.append(f"| {rule.code} | `{rule.slug}` | {rule.severity.value} | {_applies(rule)} | {summary} |")
    return "\n".join(lines) + "\n"


def rules_markdown(rules: RuleSet) -> str:
    """The rule table, then every rule's explanation under its own heading (sections one level down)."""
    lines = [rules_table_markdown(rules).rstrip("\n")]
    for rule in rules:
        body = rule.explanation.replace("## ", "#### ")
        lines += ["", f"### {rule.code} `{rule.slug}`", "", rule.summary, "", body]
    return "\n".join(lines) + "\n"
