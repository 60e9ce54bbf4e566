"""Hvidovre's HVI rules, each broken by an edit of a clean year and kept by its near misses; the example year."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import ClassVar

import pytest

import kommunemodel_hvidovre
from kommunemodel.rules import RuleSet, Severity, SubjectKind
from kommunemodel.testing import (
    PluginConformance,
    assert_example_year,
    edit,
    findings,
    rules_fixture,
    year_checker,
)
from kommunemodel.year import read_year
from kommunemodel_hvidovre.rules import RULES

EXAMPLE = files("kommunemodel_hvidovre") / "examples" / "year-2018.toml"
README = Path(__file__).parents[1] / "README.md"

# One invented first year of the term that breaks no rule: a dialogue meeting, then goals for both institutions,
# each goal with its expected effect, follow-up and status.
CLEAN = """\
schema = "kommunemodel-year/1"
model = "hvidovre"
year = 2018
term_year = 1
meetings = [
  { body = "fagudvalg", date = 2018-02-06 },
  { body = "dialogmoede", date = 2018-04-10 },
  { body = "fagudvalg", date = 2018-06-05 },
]

[[units]]
id = "dagtilbud_skole"
name = "Center for Dagtilbud og Skole"
level = "center"

[[units]]
id = "kystskolen"
name = "Kystskolen"
level = "institution_afdeling"
parent = "dagtilbud_skole"

[[units]]
id = "moellebakken"
name = "Børnehuset Møllebakken"
level = "institution_afdeling"
parent = "dagtilbud_skole"

[[agreements]]
document = "maal_institution_afdeling"
unit = "kystskolen"
parties = ["fagudvalg", "institutionsleder"]
signed = 2018-06-05

[[agreements.goals]]
title = "Dygtigere elever"
kind = "development"
expected_effect = "Karakterer på landsniveau"
follow_up = "Afgangsprøver, årligt"
status = "yellow"

[[agreements.goals]]
title = "Flere elever trives"
kind = "development"
expected_effect = "Trivsel over 3,9"
follow_up = "Trivselsmåling, årligt"
status = "green"

[[agreements]]
document = "maal_institution_afdeling"
unit = "moellebakken"
parties = ["fagudvalg", "institutionsleder"]
signed = 2018-06-05

[[agreements.goals]]
title = "Alderssvarende sprog ved skolestart"
kind = "development"
expected_effect = "90 % alderssvarende"
follow_up = "Sprogvurdering, årligt"
status = "red"
"""
TRIVSEL = 'title = "Flere elever trives"\nkind = "development"\n'
# The second year of the term, with goals recorded for both institutions: set anew, which the model does not allow.
SECOND_YEAR = (
    CLEAN.replace("year = 2018", "year = 2019").replace("term_year = 1", "term_year = 2").replace("2018-", "2019-")
)
# The same goals recorded as adjustments of those set in 2018, after the adopted budget 2019, as the model allows.
ADJUSTED = SECOND_YEAR.replace(
    'parties = ["fagudvalg", "institutionsleder"]\n',
    'parties = ["fagudvalg", "institutionsleder"]\nadjusts = 2018\n'
    'note = "Adjusted after the adopted budget 2019 (Kommunalbestyrelsen, 9 October 2018)"\n',
)


check = year_checker(kommunemodel_hvidovre)


class TestConformance(PluginConformance):
    """The kit's standard checks; the clean year above is the base each rule's *Example* is written into."""

    plugin = kommunemodel_hvidovre
    prefix = "HVI"
    #: KM105: the goals' parents head their chain; KM107: an approver not named; KM203: steps with no month.
    model_findings: ClassVar = {"hvidovre": {"KM105": 2, "KM107": 1, "KM203": 10}}
    clean_year = CLEAN
    example_paths: ClassVar = {"HVI002": "agreements[0]", "HVI003": "agreements[0]"}  # an agreement's goals
    citing = "Hvidovre Kommune, Dialogbaseret styringsmodel 2018–2021"


rules = rules_fixture(kommunemodel_hvidovre)


def test_the_clean_years_have_no_findings() -> None:
    assert findings(check(CLEAN)) == []
    assert findings(check(ADJUSTED)) == []
    # In the second year, goals set anew are the core's KM415 findings, and its only ones.
    assert {code for code, _severity, _path in findings(check(SECOND_YEAR))} == {"KM415"}


def test_the_rules_are_hvidovres_own(rules: RuleSet) -> None:
    assert [rule.code for rule in RULES] == ["HVI002", "HVI003", "HVI004"]
    assert all(rule.subject is SubjectKind.YEAR for rule in RULES)
    assert not any(rule.code.startswith("HVI") for rule in rules.for_subject(SubjectKind.YEAR, "helsingoer"))


# HVI001, retired: goals for the whole term set in its first year are the core's KM415


def test_goals_set_in_the_second_year_of_the_term_are_the_cores_km415(rules: RuleSet) -> None:
    report = check(SECOND_YEAR)
    assert findings(report) == [("KM415", "error", "agreements[0].signed"), ("KM415", "error", "agreements[1].signed")]
    assert report.findings[0].message == (
        "'maal_institution_afdeling' for 'kystskolen' was signed in 2019, year 2 of the election term; its cadence "
        "makes it in year 1 of the election term"
    )
    assert "HVI001" not in rules


def test_an_adjustment_after_the_budget_says_which_years_goals_it_adjusts() -> None:
    # The adjustment the memo allows "i forlængelse af et vedtaget budget": adjusts names the year of the goals,
    # the note the budget; no waiver is needed, and none would be used.
    year, _ = read_year(ADJUSTED, "year.toml")
    assert [agreement.adjusts for agreement in year.agreements] == [2018, 2018]
    assert "adopted budget 2019" in year.agreements[0].note
    assert findings(check(ADJUSTED)) == []
    one_adjusted = ADJUSTED.replace("adjusts = 2018\n", "", 1)
    assert findings(check(one_adjusted)) == [("KM415", "error", "agreements[0].signed")]


def test_the_first_year_and_a_file_without_term_year_are_kept() -> None:
    assert findings(check(CLEAN, "KM415")) == []
    assert findings(check(SECOND_YEAR.replace("term_year = 2\n", ""), "KM415")) == []


# HVI002: development goals rather than productivity goals


def test_hvi002_a_productivity_goal() -> None:
    text = edit(CLEAN, TRIVSEL, TRIVSEL.replace('"development"', '"productivity"'))
    report = check(text, "HVI")
    assert findings(report) == [("HVI002", "warning", "agreements[0].goals[1].kind")]
    assert report.findings[0].line == text.splitlines().index('kind = "productivity"') + 1


@pytest.mark.parametrize("kind", ["development", "legislation", None])
def test_hvi002_other_kinds_are_not_judged(kind: str | None) -> None:
    text = edit(CLEAN, TRIVSEL, TRIVSEL.replace('kind = "development"\n', f'kind = "{kind}"\n' if kind else ""))
    assert findings(check(text, "HVI002")) == []


# HVI003: a red, yellow or green status on every goal


def test_hvi003_a_goal_without_status() -> None:
    text = edit(CLEAN, 'status = "red"\n', "")
    report = check(text, "HVI")
    assert findings(report) == [("HVI003", "error", "agreements[1].goals[0]")]
    assert report.findings[0].hint == "give status = one of red, yellow, green as the follow-up reported it"


def test_hvi003_a_status_off_the_scale_is_km407s() -> None:
    text = edit(CLEAN, 'status = "red"', 'status = "blue"')
    assert findings(check(text, "HVI003,KM407")) == [("KM407", "error", "agreements[1].goals[0].status")]


# HVI004: goals drawn up on the basis of the dialogue meetings


def test_hvi004_goals_set_before_the_dialogue_meeting() -> None:
    text = edit(
        CLEAN,
        'unit = "moellebakken"\nparties = ["fagudvalg", "institutionsleder"]\nsigned = 2018-06-05',
        'unit = "moellebakken"\nparties = ["fagudvalg", "institutionsleder"]\nsigned = 2018-04-10',
    )
    report = check(text, "HVI")
    assert findings(report) == [("HVI004", "error", "agreements[1].signed")]
    assert report.findings[0].message == (
        "goals for 'moellebakken' were set 2018-04-10, with no dialogue meeting before them; "
        "the first dialogue meeting is 2018-04-10"
    )


def test_hvi004_meetings_recorded_without_a_dialogue_meeting() -> None:
    text = edit(CLEAN, '  { body = "dialogmoede", date = 2018-04-10 },\n', "")
    report = check(text, "HVI004")
    assert [finding.location for finding in report.findings] == ["agreements[0].signed", "agreements[1].signed"]
    assert report.findings[0].message.endswith("no dialogue meeting is recorded")


def test_hvi004_not_checked_without_meetings_or_after_the_first_year() -> None:
    start, end = CLEAN.index("meetings = ["), CLEAN.index("]\n\n[[units]]") + 2
    without_meetings = CLEAN[:start] + CLEAN[end:]
    assert findings(check(without_meetings, "HVI004")) == []
    early = SECOND_YEAR.replace("signed = 2019-06-05", "signed = 2019-01-22")
    assert findings(check(early, "HVI004")) == []


# The facts the core carries from the model


def test_the_fagudvalg_approves_the_goals() -> None:
    kystskolen = 'unit = "kystskolen"\nparties = ["fagudvalg", "institutionsleder"]\n'
    approved = edit(CLEAN, kystskolen, kystskolen + 'approver = "fagudvalg"\n')
    assert findings(check(approved)) == []
    report = check(approved.replace('approver = "fagudvalg"', 'approver = "centerchef"'))
    assert findings(report) == [("KM417", "error", "agreements[0].approver")]
    assert report.findings[0].message == (
        "'maal_institution_afdeling' for 'kystskolen' was approved by 'centerchef'; the model has it approved by "
        "'fagudvalg'"
    )


def test_the_core_checks_expected_effect_follow_up_and_the_first_year() -> None:
    text = edit(CLEAN, 'expected_effect = "90 % alderssvarende"\n', "")
    text = edit(text, 'follow_up = "Trivselsmåling, årligt"\n', "")
    start = text.index('[[agreements]]\ndocument = "maal_institution_afdeling"\nunit = "moellebakken"')
    without_moellebakken = text[:start]
    report = check(text)
    assert findings(report) == [
        ("KM407", "error", "agreements[0].goals[1]"),
        ("KM407", "error", "agreements[1].goals[0]"),
    ]
    assert "has no expected_effect" in report.findings[1].message
    assert findings(check(without_moellebakken)) == [
        ("KM403", "error", "units[2]"),
        ("KM407", "error", "agreements[0].goals[1]"),
    ]


# The example year


def test_the_example_plants_the_cores_findings_and_the_plugins() -> None:
    year, _ = read_year(EXAMPLE.read_text(encoding="utf-8"), "year-2018.toml")
    assert (year.model, year.year, year.term_year) == ("hvidovre", 2018, 1)
    report = assert_example_year(kommunemodel_hvidovre, EXAMPLE)
    assert report.at_least(Severity.ERROR)  # so `kommunemodel check` exits 1
    assert report.waived == ()
    # The core carries the expected effect, the scale and the first-year goals; the plugin the rest.
    codes = {finding.code for finding in report.findings}
    assert {"KM403", "KM407", "KM417", "HVI002", "HVI003", "HVI004"} <= codes


# The docs


def test_the_readme_shows_how_to_check_the_example() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "kommunemodel check plugins/hvidovre/src/kommunemodel_hvidovre/examples/year-2018.toml" in readme


def test_severities_match_the_strength_of_the_source() -> None:
    # "der skal fokuseres på": a warning; "skal … sondres", "på baggrund af": errors.
    assert [rule.severity for rule in RULES] == [Severity.WARNING, Severity.ERROR, Severity.ERROR]
