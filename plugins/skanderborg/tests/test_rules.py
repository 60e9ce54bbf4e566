"""Skanderborg's own rules (SKB…): each broken and kept, the example year's planted findings, the docs in step."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

import kommunemodel_skanderborg
from kommunemodel.rules import Report, RuleSet
from kommunemodel.testing import (
    PluginConformance,
    assert_example_year,
    check_year_text,
    edit,
    findings,
    planted_findings,
    rules_fixture,
)
from kommunemodel_skanderborg.rules import RULES

EXAMPLE = files("kommunemodel_skanderborg") / "examples" / "year-2024.toml"
CODES = [item.code for item in RULES]

#: A year that breaks no rule, core or Skanderborg's: a contract unit and a staff unit, each with the
#: contract or agreement for next year signed after the direktion's December meeting.
YEAR = """\
schema = "kommunemodel-year/1"
model = "skanderborg"
year = 2024

meetings = [
  { body = "direktion", date = 2024-11-26 },
  { body = "direktion", date = 2024-12-10 },
]

[[units]]
id = "soeskolen"
name = "Søskolen"
level = "decentralt_niveau"

[[units]]
id = "stab_hr"
name = "HR-staben"
level = "aftalestyrede_enheder"

[[agreements]]
document = "udviklingskontrakt"
unit = "soeskolen"
parties = ["kontraktholder", "direktoer"]
signed = 2024-12-12
goals = [{ title = "Flere elever trives", kind = "development" }]

[[agreements]]
document = "udviklingsaftale"
unit = "stab_hr"
parties = ["aftaleholder", "kommunaldirektoer"]
signed = 2024-12-13
"""
CONTRACT = 'unit = "soeskolen"\nparties = ["kontraktholder", "direktoer"]\nsigned = 2024-12-12'
AGREEMENT = 'unit = "stab_hr"\nparties = ["aftaleholder", "kommunaldirektoer"]\nsigned = 2024-12-13'
SECOND_CONTRACT = """
[[agreements]]
document = "udviklingskontrakt"
unit = "soeskolen"
parties = ["kontraktholder", "direktoer"]
signed = {signed}
"""


class TestConformance(PluginConformance):
    """The kit's standard checks; the year that breaks no rule is the base each rule's *Example* is written into."""

    plugin = kommunemodel_skanderborg
    prefix = "SKB"
    #: KM107: owners and approvers the handbook does not name; KM203: follow-ups and LUS it gives no time.
    model_findings: ClassVar = {"skanderborg": {"KM107": 5, "KM203": 5}}
    clean_year = YEAR
    citing = "Ledelse og styring 2018"


rules = rules_fixture(kommunemodel_skanderborg)


def report(text: str, select: str) -> Report:
    """Check a year's text with the selected rules (codes or prefixes; "" selects every rule)."""
    return check_year_text(kommunemodel_skanderborg, text, select)


def check(text: str, select: str = "SKB") -> list[tuple[str, str, str]]:
    """(code, severity, TOML path) of each finding; the plugin's rules unless `select` says otherwise."""
    return findings(report(text, select))


def messages(text: str, select: str) -> list[str]:
    """The message of each finding."""
    return [finding.message for finding in report(text, select).findings]


def test_the_clean_year_has_no_findings() -> None:
    assert check(YEAR, select="") == []


# ---------------------------------------------------------------- SKB001 signed-before-tracks


def test_skb001_a_contract_signed_in_january_was_signed_after_the_turn_of_the_year() -> None:
    text = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-01-16"))
    # No core rule sees it: the deadline (KM405) is the end of the file's own year.
    assert check(text, select="") == [("SKB001", "error", "agreements[0].signed")]


def test_skb001_says_when_the_unit_has_no_contract_for_next_year() -> None:
    late = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-01-16"))
    (alone,) = messages(late, "SKB001")
    assert "signed no 'udviklingskontrakt' for 2025" in alone
    (with_next,) = messages(late + SECOND_CONTRACT.format(signed="2024-12-12"), "SKB001")
    assert "for 2025" not in with_next and "before 2024-10-21" in with_next


def test_skb001_the_window_opens_on_the_monday_of_week_43() -> None:
    on_monday = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-10-21"))
    day_before = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-10-20"))
    assert check(on_monday, select="SKB001") == []
    assert check(day_before, select="SKB001") == [("SKB001", "error", "agreements[0].signed")]


def test_skb001_holds_for_the_agreements_of_staff_units_too() -> None:
    text = edit(YEAR, AGREEMENT, AGREEMENT.replace("2024-12-13", "2024-09-30"))
    assert check(text) == [("SKB001", "error", "agreements[1].signed")]


def test_skb001_leaves_an_unsigned_contract_to_km405() -> None:
    text = edit(YEAR, CONTRACT, CONTRACT.replace("\nsigned = 2024-12-12", ""))
    assert check(text, select="") == [("KM405", "error", "agreements[0]")]


# ---------------------------------------------------------------- SKB002 signed-before-direktion-meeting


def test_skb002_a_contract_signed_before_the_december_meeting() -> None:
    text = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-11-28"))
    assert check(text) == [("SKB002", "error", "agreements[0].signed")]


def test_skb002_signing_on_the_day_of_the_meeting_is_after_it() -> None:
    text = edit(YEAR, CONTRACT, CONTRACT.replace("2024-12-12", "2024-12-10"))
    assert check(text) == []


def test_skb002_no_december_meeting_of_the_direktion() -> None:
    text = edit(YEAR, '{ body = "direktion", date = 2024-12-10 }', '{ body = "direktion", date = 2024-10-29 }')
    assert check(text) == [("SKB002", "error", "meetings[0].body")]


def test_skb002_a_year_that_records_no_direktion_meetings_is_not_checked() -> None:
    text = YEAR.replace('"direktion", date', '"hmu", date')
    assert check(edit(text, CONTRACT, CONTRACT.replace("2024-12-12", "2024-11-28"))) == []


# ---------------------------------------------------------------- SKB003 signed-without-director


def test_skb003_a_contract_signed_by_the_direktion_and_a_fag_og_stabschef() -> None:
    text = edit(YEAR, '"kontraktholder", "direktoer"]', '"kontraktholder", "direktion", "fag_og_stabschef"]')
    assert check(text, select="") == [("SKB003", "error", "agreements[0].parties")]


def test_skb003_the_direktion_alone_satisfies_km404_but_names_no_director() -> None:
    text = edit(YEAR, '"aftaleholder", "kommunaldirektoer"]', '"aftaleholder", "direktion"]')
    assert check(text, select="") == [("SKB003", "error", "agreements[1].parties")]
    assert messages(text, "SKB003") == [
        "'udviklingsaftale' for 'stab_hr' is signed by 'aftaleholder', 'direktion', none of them a director"
    ]


def test_skb003_the_kommunaldirektoer_is_a_director() -> None:
    text = edit(YEAR, '"kontraktholder", "direktoer"]', '"kontraktholder", "direktion", "kommunaldirektoer"]')
    assert check(text, select="") == []


def test_a_contract_without_the_direktion_or_a_director_is_the_cores_km404() -> None:
    # The director stands for the direktion (KM404); without either, KM404 reports it and SKB003 does not repeat it.
    text = edit(YEAR, '"kontraktholder", "direktoer"]', '"kontraktholder", "fag_og_stabschef"]')
    assert check(text, select="") == [("KM404", "error", "agreements[0].parties")]


# ---------------------------------------------------------------- SKB004, retired: one contract a year is KM416


def test_a_second_contract_for_the_coming_year_is_the_cores_km416(rules: RuleSet) -> None:
    assert "SKB004" not in rules
    text = YEAR + SECOND_CONTRACT.format(signed="2024-12-19")
    assert check(text, select="") == [("KM416", "error", "agreements[2]")]


def test_the_later_of_two_is_the_second_whatever_the_file_order() -> None:
    text = YEAR + SECOND_CONTRACT.format(signed="2024-12-11")
    assert check(text, select="") == [("KM416", "error", "agreements[0]")]


def test_last_years_late_contract_and_next_years_are_not_two() -> None:
    # The contract signed in December says it is for 2025; the one signed late, in January, is 2024's.
    next_year = edit(YEAR, CONTRACT, CONTRACT + "\nfor_year = 2025")
    text = next_year + SECOND_CONTRACT.format(signed="2024-01-16")
    assert check(text, select="") == [("SKB001", "error", "agreements[2].signed")]
    # Without for_year, both count for 2024, the year they were signed in.
    assert check(YEAR + SECOND_CONTRACT.format(signed="2024-01-16"), select="KM416") == [
        ("KM416", "error", "agreements[0]")
    ]


# ---------------------------------------------------------------- who approves


def test_one_direktion_member_approves_the_contract() -> None:
    approved = edit(YEAR, CONTRACT, CONTRACT.replace("\nsigned", '\napprover = "direktoer"\nsigned'))
    assert check(approved, select="") == []
    by_kommunaldirektoer = approved.replace('approver = "direktoer"', 'approver = "kommunaldirektoer"')
    assert check(by_kommunaldirektoer, select="") == []
    by_chief = approved.replace('approver = "direktoer"', 'approver = "fag_og_stabschef"')
    assert check(by_chief, select="") == [("KM417", "error", "agreements[0].approver")]


# ---------------------------------------------------------------- the facts the core carries


def test_the_core_carries_the_budget_limits() -> None:
    results = """
[[budget_results]]
unit = "soeskolen"
budget = 40_000_000
spent = 42_400_000
carried_out = -2_400_000
expected_overspend = 1_600_000

[[budget_results]]
unit = "stab_hr"
budget = 20_000_000
spent = 21_200_000
carried_out = -1_200_000
repayment_plan = true
"""
    assert check(YEAR + results, select="") == [
        ("KM412", "error", "budget_results[0]"),
        ("KM413", "warning", "budget_results[0].expected_overspend"),
    ]


def test_the_core_carries_agreement_not_contract_for_a_staff_unit() -> None:
    text = edit(YEAR, 'document = "udviklingsaftale"', 'document = "udviklingskontrakt"')
    found = check(text, select="KM")
    assert ("KM401", "error", "agreements[1].unit") in found
    assert ("KM403", "error", "units[1]") in found


# ---------------------------------------------------------------- the example year


def test_the_example_plants_each_skanderborg_rule_and_the_core_rules_that_carry_the_issues_facts() -> None:
    codes = {code for code, _ in planted_findings(EXAMPLE.read_text(encoding="utf-8"))}
    assert set(CODES) | {"KM405", "KM412", "KM413", "KM416"} == codes


def test_the_example_waives_only_the_close_follow_up_of_englyhus() -> None:
    # No KM402 waiver: the model covers no period, it encodes the 2018 edition of the handbook.
    report = assert_example_year(kommunemodel_skanderborg, EXAMPLE)
    waived = [(finding.code, finding.location) for finding, _waiver in report.waived]
    assert waived == [("KM413", "budget_results[6].expected_overspend")]
