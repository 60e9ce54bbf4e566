"""KM4xx, a year's data against its model: each rule broken by an edit of the clean year, and its near misses kept."""

from __future__ import annotations

import pytest

from .checks import MODEL, YEAR, check_year_text, edit, found

NORDSKOLEN = 'unit = "nordskolen"\nparties = ["centerchef", "decentral_leder"]\nsigned = 2024-02-20'
NORD_RESULT = 'unit = "nordskolen"\nbudget = 48_500_000\nspent = 48_900_000\ncarried_out = -400_000'
CARRY = "deficit_cap = 0.05, repayment_plan_above = 0.05"


def test_the_clean_year_has_no_findings() -> None:
    assert found(check_year_text(YEAR)) == []


def test_km401_ids_the_model_and_the_year_do_not_have() -> None:
    text = edit(YEAR, 'name = "Søndre Børnehus"\nlevel = "enhed"', 'name = "Søndre Børnehus"\nlevel = "institution"')
    text = edit(text, 'document = "strategikort"\nunit = "boern"', 'document = "strategi_kort"\nunit = "boern"')
    text = edit(text, NORDSKOLEN, NORDSKOLEN.replace('"centerchef"', '"jens_hansen"'))
    text = edit(text, '{ body = "c_med", date = 2024-01-25 }', '{ body = "cmed", date = 2024-01-25 }')
    text = edit(text, 'unit = "soendre"\nbudget', 'unit = "soendre_bh"\nbudget')
    assert found(check_year_text(text, select="KM401")) == [
        ("KM401", "error", "meetings[0].body"),
        ("KM401", "error", "units[2].level"),
        ("KM401", "error", "agreements[0].document"),
        ("KM401", "error", "agreements[1].parties[0]"),
        ("KM401", "error", "agreements[2].unit"),
        ("KM401", "error", "budget_results[1].unit"),
    ]


def test_km401_duplicates_and_an_agreement_for_a_unit_on_the_wrong_level() -> None:
    text = edit(YEAR, 'id = "soendre"', 'id = "nordskolen"')
    text = edit(text, 'document = "strategikort"\nunit = "boern"', 'document = "strategikort"\nunit = "nordskolen"')
    report = check_year_text(text, select="KM401")
    assert found(report) == [
        ("KM401", "error", "units[2].id"),
        ("KM401", "error", "agreements[0].unit"),
        ("KM401", "error", "agreements[2].unit"),
        ("KM401", "error", "budget_results[1].unit"),
    ]
    assert (
        "'strategikort' is made per 'center', but unit 'nordskolen' is on level 'enhed'" in report.findings[1].message
    )


def test_km402_dates_outside_the_year() -> None:
    text = edit(YEAR, "signed = 2024-11-28", "signed = 2023-11-28")
    text = edit(text, "date = 2024-12-12", "date = 2025-01-09")
    assert found(check_year_text(text, select="KM402")) == [
        ("KM402", "error", "meetings[13].date"),
        ("KM402", "error", "agreements[0].signed"),
    ]


def test_km402_a_year_outside_the_models_period_is_a_warning() -> None:
    text = YEAR.replace("2024-", "2028-").replace("year = 2024", "year = 2028")
    assert found(check_year_text(text, select="KM402")) == [("KM402", "warning", "year")]


def test_km403_a_unit_without_its_agreement() -> None:
    start = YEAR.index('[[agreements]]\ndocument = "decentral_aftale"\nunit = "soendre"')
    text = YEAR[:start] + YEAR[YEAR.index("[[budget_results]]") :]
    report = check_year_text(text, select="KM403")
    assert found(report) == [("KM403", "error", "units[2]")]
    assert report.findings[0].line == YEAR.splitlines().index('id = "soendre"')


def test_km403_a_document_not_due_this_year_is_not_required() -> None:
    # The strategy map is made in even years: without it, 2024 misses one and 2025 does not.
    block = YEAR[
        YEAR.index('[[agreements]]\ndocument = "strategikort"') : YEAR.index(
            '[[agreements]]\ndocument = "decentral_aftale"'
        )
    ]
    without = edit(YEAR, block, "")
    assert found(check_year_text(without, select="KM403")) == [("KM403", "error", "units[0]")]
    odd_year = edit(without, "2024-02-29", "2024-02-28").replace("2024-", "2025-").replace("year = 2024", "year = 2025")
    assert found(check_year_text(odd_year, select="KM403")) == []


def test_km403_a_cadence_that_does_not_say_whether_this_year_is_not_checked() -> None:
    model = edit(MODEL, 'cadence = { every_years = 2, years = "even", quarter = 4 }', "cadence = { every_years = 2 }")
    start = YEAR.index('[[agreements]]\ndocument = "strategikort"')
    text = YEAR[:start] + YEAR[YEAR.index('[[agreements]]\ndocument = "decentral_aftale"') :]
    assert found(check_year_text(text, model, select="KM403")) == []


def test_km404_an_agreement_signed_by_one_side() -> None:
    report = check_year_text(edit(YEAR, NORDSKOLEN, NORDSKOLEN.replace('"centerchef", ', "")), select="KM404")
    assert found(report) == [("KM404", "error", "agreements[1].parties")]
    assert "is not signed by 'centerchef'" in report.findings[0].message


def test_km405_signed_after_the_deadline_of_its_cadence() -> None:
    report = check_year_text(edit(YEAR, "signed = 2024-03-12", "signed = 2024-04-02"), select="KM405")
    assert found(report) == [("KM405", "error", "agreements[2].signed")]
    assert "after its deadline 2024-03-31 (the cadence of 'decentral_aftale')" in report.findings[0].message


def test_km405_a_deadline_from_the_event_that_signs_and_an_agreement_not_signed() -> None:
    model = edit(MODEL, "cadence = { every_years = 1, quarter = 1 }", "cadence = { every_years = 1 }")
    text = edit(YEAR, "signed = 2024-03-12\n", "")
    report = check_year_text(text, model, select="KM405")
    assert found(report) == [("KM405", "error", "agreements[2]")]
    assert "has no signing date; it is due by 2024-03-31 (event 'lus')" in report.findings[0].message


def test_km405_an_approximate_deadline_gives_a_warning() -> None:
    model = edit(
        MODEL,
        "cadence = { every_years = 1, quarter = 1 }",
        "cadence = { every_years = 1, quarter = 1, approximate = true }",
    )
    report = check_year_text(edit(YEAR, "signed = 2024-03-12", "signed = 2024-04-02"), model, select="KM405")
    assert found(report) == [("KM405", "warning", "agreements[2].signed")]


@pytest.mark.parametrize(
    ("goals", "severity", "words"),
    [
        ("[]", "error", "0 development goals, fewer than the 1 required"),
        (
            "["
            + ", ".join(f'{{ title = "Mål {n}", kind = "development", expected_effect = "x" }}' for n in range(4))
            + "]",
            "error",
            "4 development goals, more than the 3 allowed",
        ),
    ],
)
def test_km406_too_few_or_too_many_development_goals(goals: str, severity: str, words: str) -> None:
    old = YEAR[YEAR.index("goals = [\n") : YEAR.index("]\n", YEAR.index("goals = [\n")) + 1]
    report = check_year_text(edit(YEAR, old, f"goals = {goals}"), select="KM406")
    assert found(report) == [("KM406", severity, "agreements[2].goals")]
    assert words in report.findings[0].message


def test_km406_a_should_requirement_gives_a_warning_and_other_goals_do_not_count() -> None:
    model = edit(
        MODEL,
        "development_goals = { min = 1, max = 3 }",
        'development_goals = { min = 1, max = 3, strength = "should" }',
    )
    text = edit(YEAR, 'kind = "development"\nexpected_effect = "80 %', 'kind = "operations"\nexpected_effect = "80 %')
    assert found(check_year_text(text, model, select="KM406")) == [("KM406", "warning", "agreements[1].goals")]


def test_km407_a_goal_without_its_expected_effect_and_a_status_off_the_scale() -> None:
    text = edit(YEAR, 'expected_effect = "Intet merforbrug"\nstatus = "green"', 'status = "blue"')
    report = check_year_text(text, select="KM407")
    assert found(report) == [
        ("KM407", "error", "agreements[1].goals[1]"),
        ("KM407", "error", "agreements[1].goals[1].status"),
    ]
    assert "has no expected_effect" in report.findings[0].message


def test_km407_a_field_of_the_template_given_in_the_goals_fields_table() -> None:
    model = edit(MODEL, 'goal_fields = ["expected_effect"]', 'goal_fields = ["expected_effect", "baseline"]')
    text = edit(
        YEAR, 'status = "green"\n\n[[agreements]]', 'status = "green"\nfields = { baseline = "0 %" }\n\n[[agreements]]'
    )
    assert found(check_year_text(text, model, select="KM407")) == [
        ("KM407", "error", "agreements[1].goals[0]"),
        ("KM407", "error", "agreements[2].goals[0]"),
    ]


def test_km408_a_goal_that_does_not_meet_a_guideline_is_a_warning() -> None:
    report = check_year_text(edit(YEAR, "meets_criteria = true", "meets_criteria = false"), select="KM408")
    assert found(report) == [("KM408", "warning", "agreements[1].goals[0].meets_criteria")]
    assert "does not meet SMARTE" in report.findings[0].message


def test_km409_an_agreement_without_its_economic_frame() -> None:
    report = check_year_text(edit(YEAR, "economic_frame = 9_200_000\n", ""), select="KM409")
    assert found(report) == [("KM409", "error", "agreements[2]")]


def test_km410_meetings_counted_against_cadences() -> None:
    text = edit(YEAR, '  { body = "h_med", date = 2024-12-12 },\n', "")
    text = edit(text, '  { body = "direktionsmoede", date = 2024-12-19 },\n', "")
    text = edit(text, '  { body = "direktionsmoede", date = 2024-12-05 },\n', "")
    report = check_year_text(text, select="KM410")
    assert found(report) == [("KM410", "error", "meetings[6].body"), ("KM410", "warning", "meetings[13].body")]
    assert "'h_med' met 7 times in 2024; its cadence gives 8 a year" in report.findings[0].message


def test_km410_a_year_that_records_no_meetings_is_not_checked() -> None:
    text = YEAR[: YEAR.index("# Meetings held")] + YEAR[YEAR.index("]\n", YEAR.index("meetings = [")) + 2 :]
    assert "meetings" not in text.split("[[units]]")[0]
    assert found(check_year_text(text, select="KM410")) == []


def test_km411_a_deficit_above_the_cap_where_no_plan_can_cover_it() -> None:
    model = edit(MODEL, CARRY, "deficit_cap = 0.05, repayment_plan_above = 0.08")
    text = edit(
        YEAR,
        NORD_RESULT,
        NORD_RESULT.replace(
            "spent = 48_900_000\ncarried_out = -400_000", "spent = 51_500_000\ncarried_out = -3_000_000"
        ),
    )
    report = check_year_text(text, model, select="KM411")
    assert found(report) == [("KM411", "error", "budget_results[0].carried_out")]
    assert "a deficit of 3,000,000 kr, 6.186% of its budget, above the cap of 5%" in report.findings[0].message


def test_km411_a_surplus_above_its_cap() -> None:
    model = edit(MODEL, 'surplus_cap = "unlimited"', "surplus_cap = 0.05")
    assert found(check_year_text(YEAR, model, select="KM411")) == [("KM411", "error", "budget_results[1].carried_out")]


@pytest.mark.parametrize(
    ("plan", "expected"), [("", [("KM412", "error", "budget_results[0]")]), ("repayment_plan = true\n", [])]
)
def test_km412_a_deficit_that_needs_a_repayment_plan(plan: str, expected: list[tuple[str, str, str]]) -> None:
    big = NORD_RESULT.replace(
        "spent = 48_900_000\ncarried_out = -400_000",
        f"spent = 51_500_000\ncarried_out = -3_000_000\n{plan}".rstrip("\n"),
    )
    report = check_year_text(edit(YEAR, NORD_RESULT, big), select="KM41")
    assert found(report) == expected


def test_km413_a_threshold_crossed() -> None:
    report = check_year_text(
        edit(YEAR, "expected_overspend = 600_000", "expected_overspend = 2_000_000"), select="KM413"
    )
    assert found(report) == [("KM413", "warning", "budget_results[0].expected_overspend")]
    assert "above 3% (merforbrug): close follow-up by the finance staff" in report.findings[0].message


def test_km414_carrying_out_more_than_the_year_left() -> None:
    report = check_year_text(edit(YEAR, "carried_out = -400_000", "carried_out = 400_000"), select="KM414")
    assert found(report) == [("KM414", "warning", "budget_results[0].carried_out")]
    assert "but its result is -400,000 kr" in report.findings[0].message
