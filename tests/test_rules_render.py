"""Output formats: JSON and SARIF validate against their schemas, GitHub gives one annotation per finding."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import jsonschema
import pytest

from kommunemodel.rules import Report, render

from .checks import DATA, YEAR, check_model_text, check_year_text, core_rules, edit

SCHEMAS = files("kommunemodel.rules") / "schemas"


def reports() -> list[Report]:
    """Ten findings in a model file, and a year file with one finding and one waived."""
    model = check_model_text((DATA / "ten_mistakes.toml").read_text(encoding="utf-8"))
    year = edit(YEAR, "economic_frame = 9_200_000\n", "")  # KM409
    year = edit(year, "carried_out = -400_000", "carried_out = 400_000")  # KM414, waived below
    year += '\n[[waivers]]\ncode = "KM414"\npath = "budget_results[0]"\nreason = "Booked twice; corrected in 2025"\n'
    return [model, check_year_text(year)]


def schema(name: str) -> dict[str, object]:
    return json.loads(SCHEMAS.joinpath(name).read_text(encoding="utf-8"))


def test_json_output_validates_against_its_schema() -> None:
    document = json.loads(render.to_json(reports(), core_rules()))
    jsonschema.Draft202012Validator(schema("findings.schema.json")).validate(document)
    assert document["summary"] == {"error": 8, "warning": 3, "info": 0, "waived": 1}
    assert document["waived"][0]["reason"] == "Booked twice; corrected in 2025"
    assert [entry["subject"] for entry in document["files"]] == ["model", "year"]


def test_the_json_schema_is_not_vacuous() -> None:
    document = json.loads(render.to_json(reports(), core_rules()))
    document["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema("findings.schema.json")).validate(document)


def test_sarif_output_validates_against_the_sarif_subset_schema() -> None:
    log = json.loads(render.sarif(reports(), core_rules(), "0.1.0"))
    jsonschema.Draft7Validator(
        schema("sarif-2.1.0-subset.schema.json"), format_checker=jsonschema.FormatChecker()
    ).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == core_rules().codes()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    suppressed = [result for result in run["results"] if "suppressions" in result]
    assert [(result["ruleId"], result["suppressions"][0]["justification"]) for result in suppressed] == [
        ("KM414", "Booked twice; corrected in 2025")
    ]
    assert {result["level"] for result in run["results"]} == {"error", "warning"}


def test_the_sarif_schema_is_not_vacuous() -> None:
    log = json.loads(render.sarif(reports(), core_rules(), "0.1.0"))
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema("sarif-2.1.0-subset.schema.json")).validate(log)


def test_github_output_is_one_annotation_per_finding() -> None:
    checked = reports()
    lines = render.github(checked, core_rules()).splitlines()
    findings = [finding for report in checked for finding in report.findings]
    assert len(lines) == len(findings) == 11
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=(KM\d{3}) [a-z-]+::(.+)$")
    for line, finding in zip(lines, findings, strict=True):
        match = pattern.match(line)
        assert match, line
        assert (match[1], int(match[3]), match[4]) == (
            {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value],
            finding.line,
            finding.code,
        )
        assert "\n" not in match[5] and "%0A" in match[5]  # message and hint, escaped onto one line


def test_github_escapes_what_would_end_a_property_or_the_command() -> None:
    assert render._escape("50% done\nnext", property_value=False) == "50%25 done%0Anext"
    assert render._escape("a:b,c", property_value=True) == "a%3Ab%2Cc"


def test_text_output_is_file_line_code_message_then_the_hint() -> None:
    text = render.text(reports())
    lines = text.splitlines()
    assert lines[0] == "model.toml:17: KM101 duplicate id 'notat': already used at sources[0].id"
    assert lines[1].startswith("  error @ sources[1].id: give each thing")
    assert lines[-1] == "11 findings in 2 files: 8 errors, 3 warnings (1 waived)."


def test_text_output_of_a_clean_check() -> None:
    assert render.text([check_year_text(YEAR)]) == "no findings in 1 file.\n"
