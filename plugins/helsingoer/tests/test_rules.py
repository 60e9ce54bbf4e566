"""Helsingør's HEL rules, each broken by an edit of a clean year and kept by its near misses; the example year."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import ClassVar

import pytest

import kommunemodel_helsingoer
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
from kommunemodel_helsingoer.rules import RULES

EXAMPLE = files("kommunemodel_helsingoer") / "examples" / "year-2024.toml"
README = Path(__file__).parents[1] / "README.md"

# One invented year that breaks no rule: one C-MED record per round (6), eight H-MEDs on Thursdays, each round
# 14–16 days before one; a centre with its strategy map and centre agreement; two units with one agreement each.
CLEAN = """\
schema = "kommunemodel-year/1"
model = "helsingoer"
year = 2024
meetings = [
  { body = "c_med", date = 2024-02-27 },
  { body = "c_med", date = 2024-04-09 },
  { body = "c_med", date = 2024-05-28 },
  { body = "c_med", date = 2024-09-10 },
  { body = "c_med", date = 2024-10-22 },
  { body = "c_med", date = 2024-11-26 },
  { body = "h_med", date = 2024-01-25 },
  { body = "h_med", date = 2024-03-14 },
  { body = "h_med", date = 2024-04-25 },
  { body = "h_med", date = 2024-06-13 },
  { body = "h_med", date = 2024-08-22 },
  { body = "h_med", date = 2024-09-26 },
  { body = "h_med", date = 2024-11-07 },
  { body = "h_med", date = 2024-12-12 },
]

[[units]]
id = "skole"
name = "Center for Dagtilbud og Skole"
level = "center"

[[units]]
id = "nordkystskolen"
name = "Nordkystskolen"
level = "enhed"
parent = "skole"

[[units]]
id = "fyrtaarnet"
name = "Børnehuset Fyrtårnet"
level = "enhed"
parent = "skole"

[[agreements]]
document = "decentral_aftale"
unit = "nordkystskolen"
parties = ["centerchef", "decentral_leder"]
signed = 2024-02-13
economic_frame = 61_800_000
goals = [
  { title = "Flere elever læser alderssvarende", kind = "development", meets_criteria = true },
  { title = "Understøttende undervisning efter folkeskoleloven", kind = "legislation", meets_criteria = true },
]

[[agreements]]
document = "decentral_aftale"
unit = "fyrtaarnet"
parties = ["centerchef", "decentral_leder"]
signed = 2024-02-15
economic_frame = 14_200_000
goals = [
  { title = "Alle børn sprogvurderes rettidigt", kind = "development", meets_criteria = true },
  { title = "Ny læreplan tages i brug", kind = "professional", meets_criteria = true },
]

[[agreements]]
document = "centrenes_strategikort"
unit = "skole"
parties = ["center", "koncernledelse"]
signed = 2024-11-19

[[agreements]]
document = "centeraftale"
unit = "skole"
parties = ["centerchef", "koncernledelse"]
signed = 2024-12-10
"""
NORDKYST_GOALS = """goals = [
  { title = "Flere elever læser alderssvarende", kind = "development", meets_criteria = true },
  { title = "Understøttende undervisning efter folkeskoleloven", kind = "legislation", meets_criteria = true },
]"""
SECOND_NORDKYST = """
[[agreements]]
document = "decentral_aftale"
unit = "nordkystskolen"
parties = ["centerchef", "decentral_leder"]
signed = 2024-03-19
economic_frame = 62_300_000
goals = [{ title = "Flere elever læser alderssvarende", kind = "development" }, { title = "Trivsel", kind = "other" }]
"""


check = year_checker(kommunemodel_helsingoer)


class TestConformance(PluginConformance):
    """The kit's standard checks; the clean year above is the base each rule's *Example* is written into."""

    plugin = kommunemodel_helsingoer
    prefix = "HEL"
    model_findings: ClassVar = {"helsingoer": {"KM107": 8}}  # owners and approvers the source does not name
    clean_year = CLEAN
    example_paths: ClassVar = {"HEL004": "agreements[0]"}  # its example is an agreement's goals
    citing = "Helsingør Kommunes styringsmodel §"


rules = rules_fixture(kommunemodel_helsingoer)


def test_the_clean_year_has_no_findings() -> None:
    report = check(CLEAN)
    assert findings(report) == []
    assert report.waived == ()


def test_the_rules_are_helsingoers_own(rules: RuleSet) -> None:
    assert [rule.code for rule in RULES] == ["HEL001", "HEL002", "HEL004"]
    assert not any(rule.code.startswith("HEL") for rule in rules.for_subject(SubjectKind.YEAR, "hvidovre"))


# HEL001: a C-MED about two weeks before an H-MED


def test_hel001_an_h_med_one_week_after_the_c_med() -> None:
    text = edit(CLEAN, '{ body = "h_med", date = 2024-11-07 }', '{ body = "h_med", date = 2024-10-29 }')
    report = check(text, "HEL")
    assert findings(report) == [("HEL001", "warning", "meetings[4].date")]
    assert report.findings[0].line == 9
    assert report.findings[0].message == (
        "C-MED on 2024-10-22 is followed by no H-MED 10–18 days later (2024-11-01 – 2024-11-09); "
        "the next H-MED is 2024-10-29, 7 days later"
    )


@pytest.mark.parametrize(
    ("h_med", "days", "kept"),
    [("2024-11-01", 10, True), ("2024-11-09", 18, True), ("2024-10-31", 9, False), ("2024-11-10", 19, False)],
)
def test_hel001_about_two_weeks_is_10_to_18_days(h_med: str, days: int, kept: bool) -> None:
    text = edit(CLEAN, '{ body = "h_med", date = 2024-11-07 }', f'{{ body = "h_med", date = {h_med} }}')
    expected = [] if kept else [("HEL001", "warning", "meetings[4].date")]
    assert findings(check(text, "HEL001")) == expected, days


def test_hel001_h_meds_without_a_c_med_before_them_are_not_findings() -> None:
    # Six C-MEDs and eight H-MEDs a year: two H-MEDs cannot have a C-MED about two weeks before them.
    year, _ = read_year(CLEAN, "year.toml")
    c_meds = [meeting.date for meeting in year.meetings if meeting.body == "c_med"]
    h_meds = [meeting.date for meeting in year.meetings if meeting.body == "h_med"]
    alone = [str(h_med) for h_med in h_meds if not any(10 <= (h_med - c_med).days <= 18 for c_med in c_meds)]
    assert alone == ["2024-01-25", "2024-08-22"]
    assert findings(check(CLEAN, "HEL001")) == []


def test_hel001_a_december_c_med_and_a_file_without_h_meds_are_not_judged() -> None:
    # An H-MED 10–18 days after 16 December falls in January, in next year's file.
    december = edit(CLEAN, '{ body = "c_med", date = 2024-11-26 }', '{ body = "c_med", date = 2024-12-16 }')
    assert findings(check(december, "HEL001")) == []
    without_h_med = re.sub(r'  \{ body = "h_med", date = [0-9-]+ \},\n', "", CLEAN)
    assert findings(check(without_h_med, "HEL001")) == []
    assert ("KM410", "error", "meetings") in findings(check(without_h_med))


def test_hel001_checks_each_centres_c_med() -> None:
    # Three centres in the week of 9 April; one meets on the Monday before the H-MED of 25 April instead.
    text = edit(
        CLEAN,
        '{ body = "c_med", date = 2024-04-09 },',
        '{ body = "c_med", date = 2024-04-09 },\n  { body = "c_med", date = 2024-04-10 },\n'
        '  { body = "c_med", date = 2024-04-22 },',
    )
    assert findings(check(text, "HEL001")) == [("HEL001", "warning", "meetings[3].date")]


def test_hel001_names_the_centre_whose_c_med_met() -> None:
    text = edit(every_centre(named=True), "date = 2024-04-11", "date = 2024-04-22")
    report = check(text, "HEL001")
    assert findings(report) == [("HEL001", "warning", "meetings[5].date")]
    assert report.findings[0].message.startswith("C-MED of 'teknik' on 2024-04-22 is followed by no H-MED")


# HEL002: C-MED in the same weeks across the municipality

CENTRES = ("skole", "sundhed", "teknik")
MORE_CENTRES = """
[[units]]
id = "sundhed"
name = "Center for Sundhed og Omsorg"
level = "center"

[[units]]
id = "teknik"
name = "Center for By, Land og Vand"
level = "center"
"""


def every_centre(stray: str = "", named: bool = False) -> str:
    """The clean year with the C-MEDs of three centres (Tuesday, Wednesday, Thursday of each round's week).

    `named` records with each meeting the centre whose C-MED met (`unit`), as the year format allows.
    """
    rounds = ["2024-02-27", "2024-04-09", "2024-05-28", "2024-09-10", "2024-10-22", "2024-11-26"]
    text = CLEAN + (MORE_CENTRES if named else "")
    for tuesday in rounds:
        day = int(tuesday[-2:])
        week = "".join(
            f'  {{ body = "c_med", {f"unit = {CENTRES[offset]!r}, ".replace(chr(39), chr(34)) if named else ""}'
            f"date = {tuesday[:-2]}{day + offset:02d} }},\n"
            for offset in (0, 1, 2)
        )
        text = edit(text, f'  {{ body = "c_med", date = {tuesday} }},\n', week)
    return text if not stray else edit(text, "date = 2024-04-11", f"date = {stray}")


def test_hel002_a_c_med_alone_in_its_week() -> None:
    report = check(every_centre(stray="2024-04-15"), "HEL")
    assert findings(report) == [("HEL002", "warning", "meetings[5].date")]
    assert report.findings[0].line == 10
    assert report.findings[0].message == (
        "C-MED on 2024-04-15 is the only C-MED in week 16; "
        "the common C-MED weeks of 2024 are weeks 9, 15, 22, 37, 43, 48"
    )


def test_hel002_every_centre_in_the_common_weeks() -> None:
    assert findings(check(every_centre(), "HEL")) == []
    # Another day of the same week is the same week: the source speaks of weeks, not days.
    assert findings(check(every_centre(stray="2024-04-12"), "HEL002")) == []


def test_hel002_a_round_recorded_for_one_centre_among_rounds_of_several() -> None:
    # Once the file records several centres' C-MEDs, a week with one C-MED means the others met elsewhere.
    text = every_centre().replace('  { body = "c_med", date = 2024-11-27 },\n', "")
    text = text.replace('  { body = "c_med", date = 2024-11-28 },\n', "")
    assert findings(check(text, "HEL002")) == [("HEL002", "warning", "meetings[15].date")]


def test_hel002_with_named_centres_a_common_week_is_one_most_centres_meet_in() -> None:
    named = every_centre(named=True)
    # KM410 counts each centre's six C-MEDs on its own; the centres' own documents are beside the point here.
    assert findings(check(named, "HEL,KM410")) == []
    # One centre meeting twice in week 16 is still one centre: without names, two meetings would make it common.
    twice = edit(
        named,
        '"teknik", date = 2024-04-11 },',
        '"teknik", date = 2024-04-15 },\n  { body = "c_med", unit = "teknik", date = 2024-04-16 },',
    )
    unnamed = twice.replace('unit = "teknik", ', "").replace('unit = "skole", ', "").replace('unit = "sundhed", ', "")
    assert findings(check(unnamed, "HEL002")) == []
    report = check(twice, "HEL002")
    assert findings(report) == [("HEL002", "warning", "meetings[5].date"), ("HEL002", "warning", "meetings[6].date")]
    assert report.findings[0].message == (
        "C-MED of 'teknik' on 2024-04-15 is the only C-MED in week 16; "
        "the common C-MED weeks of 2024 are weeks 9, 15, 22, 37, 43, 48"
    )


def test_hel002_with_five_centres_two_in_a_week_are_not_a_common_week() -> None:
    # Five centres: a common week holds three or more of them; two meeting apart from the other three are off.
    text = every_centre(named=True)
    more = "".join(
        f'\n[[units]]\nid = "{centre}"\nname = "{centre.title()}"\nlevel = "center"\n' for centre in ("kultur", "job")
    )
    for tuesday, monday in (
        ("2024-02-27", "2024-02-26"),
        ("2024-04-09", "2024-04-15"),
        ("2024-05-28", "2024-05-27"),
        ("2024-09-10", "2024-09-09"),
        ("2024-10-22", "2024-10-21"),
        ("2024-11-26", "2024-11-25"),
    ):
        extra = "".join(
            f'  {{ body = "c_med", unit = "{centre}", date = {monday} }},\n' for centre in ("kultur", "job")
        )
        text = edit(
            text,
            f'  {{ body = "c_med", unit = "skole", date = {tuesday} }},\n',
            f'  {{ body = "c_med", unit = "skole", date = {tuesday} }},\n{extra}',
        )
    report = check(text + more, "HEL002")
    assert [finding.message.split(";")[0] for finding in report.findings] == [
        "C-MED of 'kultur' on 2024-04-15 meets in week 16 with 2 of the 5 centres' C-MEDs",
        "C-MED of 'job' on 2024-04-15 meets in week 16 with 2 of the 5 centres' C-MEDs",
    ]


def test_hel002_one_record_per_round_is_not_compared() -> None:
    # The clean year records each C-MED round once: no week holds two, so there is nothing to compare.
    assert findings(check(CLEAN, "HEL002")) == []


# HEL003, retired: one decentral agreement a year is the core's KM416


def test_a_second_decentral_agreement_is_reported_by_the_core_alone(rules: RuleSet) -> None:
    report = check(CLEAN + SECOND_NORDKYST)
    assert findings(report) == [("KM416", "error", "agreements[4]")]
    assert report.findings[0].message == (
        "unit 'nordkystskolen' has a second 'decentral_aftale' for 2024; the first is agreements[0], signed 2024-02-13"
    )
    assert "HEL003" not in rules


# HEL004: goals for other very important focus areas


def test_hel004_development_goals_only() -> None:
    text = edit(CLEAN, 'kind = "legislation"', 'kind = "development"')
    report = check(text, "HEL004")
    assert findings(report) == [("HEL004", "warning", "agreements[0].goals")]
    assert "holds only development goals (2)" in report.findings[0].message


def test_hel004_a_goal_of_another_kind_or_no_goals() -> None:
    assert findings(check(CLEAN, "HEL004")) == []
    # An agreement without goals is KM406's: it lacks its 1–3 development goals.
    without_goals = edit(CLEAN, NORDKYST_GOALS, "goals = []")
    assert findings(check(without_goals, "HEL004,KM406")) == [("KM406", "error", "agreements[0].goals")]


# The facts the core carries from the model


def test_the_core_checks_development_goals_frame_and_smarte() -> None:
    text = edit(
        CLEAN,
        NORDKYST_GOALS,
        NORDKYST_GOALS.replace(
            'kind = "legislation", meets_criteria = true', 'kind = "legislation", meets_criteria = false'
        ),
    )
    text = edit(text, "economic_frame = 14_200_000\n", "")
    more = "".join(f'{{ title = "{title}", kind = "development" }},\n  ' for title in ("Leg", "Læring", "Udeliv"))
    text = edit(text, '{ title = "Alle børn', more + '{ title = "Alle børn')
    assert findings(check(text)) == [
        ("KM408", "warning", "agreements[0].goals[1].meets_criteria"),
        ("KM409", "error", "agreements[1]"),
        ("KM406", "error", "agreements[1].goals"),
    ]


# The example year


def test_the_example_plants_the_cores_findings_and_the_plugins() -> None:
    year, _ = read_year(EXAMPLE.read_text(encoding="utf-8"), "year-2024.toml")
    assert (year.model, year.description[:21]) == ("helsingoer", "Invented example data")
    report = assert_example_year(kommunemodel_helsingoer, EXAMPLE)
    assert report.at_least(Severity.ERROR)  # so `kommunemodel check` exits 1
    # The core carries three of Helsingør's facts, the plugin the C-MED rhythm and the agreement's shape.
    assert {finding.code for finding in report.findings} == {
        "KM406",
        "KM408",
        "KM409",
        "KM416",
        "HEL001",
        "HEL002",
        "HEL004",
    }
    assert report.waived == ()


def test_the_example_counts_each_centres_c_med_on_its_own() -> None:
    # Without the centre on each C-MED, KM410 would count the three centres' meetings together: 18, not 6.
    text = re.sub(r'unit = "[a-z_]+", ', "", EXAMPLE.read_text(encoding="utf-8"))
    (km410,) = [finding for finding in check(text, "KM410").findings]
    assert km410.message == "'c_med' met 18 times in 2024; its cadence gives 6 a year"
    assert [finding.code for finding in check(EXAMPLE.read_text(encoding="utf-8"), "KM410").findings] == []


# The docs


def test_the_readme_shows_how_to_check_the_example() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "kommunemodel check plugins/helsingoer/src/kommunemodel_helsingoer/examples/year-2024.toml" in readme


def test_severities_match_the_strength_of_the_source() -> None:
    # "cirka to uger" and a planning principle: warnings; focus areas named by example only: a warning.
    assert [rule.severity for rule in RULES] == [Severity.WARNING, Severity.WARNING, Severity.WARNING]
