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


# Meetings of one of several bodies of a kind, and events recorded in the year

C_MEDS = [
    '  { body = "c_med", date = 2024-01-25 },\n',
    '  { body = "c_med", date = 2024-03-14 },\n',
    '  { body = "c_med", date = 2024-05-16 },\n',
    '  { body = "c_med", date = 2024-08-22 },\n',
    '  { body = "c_med", date = 2024-10-03 },\n',
    '  { body = "c_med", date = 2024-11-21 },\n',
]
UNGE = '\n[[units]]\nid = "unge"\nname = "Center for Unge"\nlevel = "center"\n'


def two_centres(unge_meetings: int = 6) -> str:
    """The clean year with a second centre, each centre's C-MED recorded with its unit: six for boern, some for unge."""
    text = YEAR
    for line in C_MEDS:
        text = edit(text, line, line.replace('body = "c_med", ', 'body = "c_med", unit = "boern", '))
    unge = "".join(
        line.replace('body = "c_med", ', 'body = "c_med", unit = "unge", ') for line in C_MEDS[:unge_meetings]
    )
    text = edit(text, '  { body = "h_med", date = 2024-02-08 },\n', unge + '  { body = "h_med", date = 2024-02-08 },\n')
    return text.replace('[[units]]\nid = "nordskolen"', UNGE.lstrip("\n") + '\n[[units]]\nid = "nordskolen"', 1)


def test_km410_counts_each_units_c_med_on_its_own() -> None:
    # Two centres' C-MEDs, six each: twelve meetings of c_med, but six for each unit.
    assert found(check_year_text(two_centres(), select="KM410")) == []
    report = check_year_text(two_centres(unge_meetings=5), select="KM410")
    assert found(report) == [("KM410", "error", "meetings[6].body")]
    assert report.findings[0].message == "'c_med' of unit 'unge' met 5 times in 2024; its cadence gives 6 a year"
    # Without the units, the same meetings are twelve of one C-MED.
    unnamed = two_centres().replace('unit = "boern", ', "").replace('unit = "unge", ', "")
    assert [f.message for f in check_year_text(unnamed, select="KM410").findings] == [
        "'c_med' met 12 times in 2024; its cadence gives 6 a year"
    ]


def test_km410_a_unit_on_the_bodys_level_whose_body_never_met() -> None:
    report = check_year_text(two_centres(unge_meetings=0), select="KM410")
    assert found(report) == [("KM410", "error", "units[1]")]
    assert report.findings[0].message == "'c_med' of unit 'unge' met 0 times in 2024; its cadence gives 6 a year"


def test_km410_too_many_points_at_the_first_meeting_beyond_the_count() -> None:
    text = edit(
        YEAR,
        '  { body = "h_med", date = 2024-12-12 },\n',
        '  { body = "h_med", date = 2024-12-12 },\n  { body = "h_med", date = 2024-01-04 },\n',
    )
    # Nine H-MEDs: by date, the ninth is 12 December (meetings[13]); the one added on 4 January is the first.
    assert found(check_year_text(text, select="KM410")) == [("KM410", "error", "meetings[13].body")]


def test_km401_a_meetings_unit_that_is_not_a_unit_or_not_on_the_bodys_level() -> None:
    text = edit(YEAR, '{ body = "c_med", date = 2024-01-25 }', '{ body = "c_med", unit = "boernn", date = 2024-01-25 }')
    text = edit(
        text, '{ body = "c_med", date = 2024-03-14 }', '{ body = "c_med", unit = "nordskolen", date = 2024-03-14 }'
    )
    report = check_year_text(text, select="KM401")
    assert found(report) == [("KM401", "error", "meetings[0].unit"), ("KM401", "error", "meetings[1].unit")]
    assert report.findings[1].message == (
        "each 'c_med' belongs to a unit on level 'center', but unit 'nordskolen' is on level 'enhed'"
    )
    per_unit = edit(
        MODEL,
        'level = "center"\ncadence = { times_per_year = 6 }',
        'level = "center"\nper = "enhed"\ncadence = { times_per_year = 6 }',
    )
    assert found(check_year_text(text, per_unit, select="KM401")) == [("KM401", "error", "meetings[0].unit")]


EVENTS = """
[[events]]
id = "seminar"
name = "Ledelsesseminar"
when = { every_years = 1 }
source = "notat §5"

[[events]]
id = "temadag"
name = "Temadag"
when = { times_per_year = [1, 2] }
source = "notat §5"

[[events]]
id = "formoede"
name = "Formøde"
when = { every_days = 14 }
source = "notat §5"

[[events]]
id = "planlaegning"
name = "Planlægning"
when = { quarter = 3 }
source = "notat §5"
"""
SEMINAR = '  { event = "seminar", date = 2024-09-19 },\n'
TEMADAG = '  { event = "temadag", date = 2024-03-07 },\n'


def with_events(*records: str) -> str:
    """The clean year with these event records added to its meetings."""
    return edit(
        YEAR,
        '  { body = "h_med", date = 2024-02-08 },\n',
        "".join(records) + '  { body = "h_med", date = 2024-02-08 },\n',
    )


def test_km410_counts_the_events_the_year_records() -> None:
    model = MODEL + EVENTS
    assert found(check_year_text(with_events(SEMINAR, TEMADAG), model, select="KM410")) == []
    # No temadag: the year records events (the seminar), so the temadag's 1–2 a year is counted.
    report = check_year_text(with_events(SEMINAR), model, select="KM410")
    assert found(report) == [("KM410", "error", "meetings")]
    assert report.findings[0].message == "event 'temadag' took place 0 times in 2024; its timing gives 1–2 a year"
    # Two seminars: once a year is every_years = 1.
    second = SEMINAR.replace("2024-09-19", "2024-11-14")
    report = check_year_text(with_events(second, SEMINAR, TEMADAG), model, select="KM410")
    assert found(report) == [("KM410", "error", "meetings[6].event")]
    assert report.findings[0].message == (
        "event 'seminar' took place 2 times in 2024 (2024-09-19, 2024-11-14); its timing gives 1 a year"
    )


def test_km410_events_are_not_counted_where_the_year_records_none_nor_placed_or_fortnightly_ones() -> None:
    model = MODEL + EVENTS
    assert found(check_year_text(YEAR, model, select="KM410")) == []
    # Recorded events: the one placed in Q3 and the fortnightly one are not counted, nor are the records H-MEDs.
    assert found(check_year_text(with_events(SEMINAR, TEMADAG), model, select="KM")) == []


def test_km401_an_event_that_is_not_the_models() -> None:
    report = check_year_text(with_events('  { event = "seminr", date = 2024-09-19 },\n'), select="KM401")
    assert found(report) == [("KM401", "error", "meetings[6].event")]
    assert report.findings[0].message == "'seminr' is not an event of model 'testby'"


# KM404: a member of a body signs for it; a role within another stands for it

KOMMUNALDIREKTOER = """
[[roles]]
id = "kommunaldirektoer"
name = "Kommunaldirektør"
level = "direktion"
within = "direktoer"
source = "notat §3"
"""
#: The model with the direktion's members named and the decentral agreement entered into with the direktion.
DIREKTION_MODEL = (
    edit(
        edit(
            MODEL,
            'level = "direktion"\ncadence = { every_days = 14, approximate = true }',
            'level = "direktion"\nmembers = ["direktoer"]\ncadence = { every_days = 14, approximate = true }',
        ),
        'parties = ["centerchef", "decentral_leder"]',
        'parties = ["direktionsmoede", "decentral_leder"]',
    )
    + KOMMUNALDIREKTOER
)


@pytest.mark.parametrize(
    ("signer", "expected"),
    [
        ("direktionsmoede", []),
        ("direktoer", []),
        ("kommunaldirektoer", []),
        ("centerchef", [("KM404", "error", "agreements[1].parties")]),
    ],
)
def test_km404_a_member_of_a_required_body_signs_for_it(signer: str, expected: list[tuple[str, str, str]]) -> None:
    text = YEAR.replace('parties = ["centerchef", "decentral_leder"]', 'parties = ["direktoer", "decentral_leder"]')
    nordskolen = NORDSKOLEN.replace('"centerchef"', '"direktoer"')
    text = edit(text, nordskolen, nordskolen.replace('"direktoer"', f'"{signer}"'))
    assert found(check_year_text(text, DIREKTION_MODEL, select="KM404")) == expected


# KM404 and KM417: a body acting for the council (acts_for) signs and approves for it

FAGUDVALG = """
[[bodies]]
id = "fagudvalg"
name = "Fagudvalg"
kind = "committee"
level = "byraad"
acts_for = ["byraad"]
source = "notat §3"
"""
#: The model with the decentral agreement entered into and approved by the council, and a committee acting for it.
COUNCIL_MODEL = (
    edit(
        edit(MODEL, 'parties = ["centerchef", "decentral_leder"]', 'parties = ["byraad", "decentral_leder"]'),
        'owner = "decentral_leder"\napprover = "centerchef"',
        'owner = "decentral_leder"\napprover = "byraad"',
    )
    + FAGUDVALG
)


@pytest.mark.parametrize(("acts_for", "expected"), [('["byraad"]', []), ("[]", ["KM404", "KM417"])])
def test_km404_km417_a_committee_acting_for_the_council_signs_and_approves_for_it(
    acts_for: str, expected: list[str]
) -> None:
    model = COUNCIL_MODEL.replace('acts_for = ["byraad"]', f"acts_for = {acts_for}")
    text = YEAR.replace('parties = ["centerchef", "decentral_leder"]', 'parties = ["byraad", "decentral_leder"]')
    nordskolen = NORDSKOLEN.replace('"centerchef"', '"byraad"')
    text = edit(text, nordskolen, nordskolen.replace('"byraad"', '"fagudvalg"') + '\napprover = "fagudvalg"')
    assert sorted(code for code, _s, _p in found(check_year_text(text, model, select="KM404,KM417"))) == expected


def test_km404_acting_for_the_council_does_not_make_the_council_act_for_the_committee() -> None:
    model = edit(COUNCIL_MODEL, 'parties = ["byraad", "decentral_leder"]', 'parties = ["fagudvalg", "decentral_leder"]')
    text = YEAR.replace('parties = ["centerchef", "decentral_leder"]', 'parties = ["fagudvalg", "decentral_leder"]')
    nordskolen = NORDSKOLEN.replace('"centerchef"', '"fagudvalg"')
    text = edit(text, nordskolen, nordskolen.replace('"fagudvalg"', '"byraad"'))
    assert found(check_year_text(text, model, select="KM404")) == [("KM404", "error", "agreements[1].parties")]


# KM415: signed in a year the cadence excludes


def strategy_map_in(year: int, term_year: int | None = 3) -> str:
    """The clean year moved to `year`, keeping its strategy map (made in even years)."""
    text = edit(YEAR, "2024-02-29", "2024-02-28").replace("2024-", f"{year}-").replace("year = 2024", f"year = {year}")
    return (
        text
        if term_year == 3
        else text.replace("term_year = 3\n", "" if term_year is None else f"term_year = {term_year}\n")
    )


def test_km415_a_document_of_even_years_signed_in_an_odd_year() -> None:
    report = check_year_text(strategy_map_in(2025), select="KM415")
    assert found(report) == [("KM415", "error", "agreements[0].signed")]
    assert report.findings[0].message == (
        "'strategikort' for 'boern' was signed in 2025, an odd year; its cadence makes it in even years"
    )
    assert found(check_year_text(YEAR, select="KM415")) == []


def test_km415_a_document_of_one_term_year_and_a_file_without_term_year() -> None:
    model = edit(
        MODEL,
        'cadence = { every_years = 2, years = "even", quarter = 4 }',
        'cadence = { years = "term_year_1" }',
    )
    report = check_year_text(YEAR, model, select="KM415")
    assert found(report) == [("KM415", "error", "agreements[0].signed")]
    assert "signed in 2024, year 3 of the election term; its cadence makes it in year 1 of the election term" in (
        report.findings[0].message
    )
    assert found(check_year_text(YEAR.replace("term_year = 3\n", ""), model, select="KM415")) == []
    assert found(check_year_text(YEAR.replace("term_year = 3", "term_year = 1"), model, select="KM415")) == []


def test_km415_an_adjustment_of_an_earlier_agreement_and_an_unsigned_one() -> None:
    text = strategy_map_in(2025)
    adjusted = edit(text, 'unit = "boern"\nsigned', 'unit = "boern"\nadjusts = 2024\nsigned')
    assert found(check_year_text(adjusted, select="KM415,KM416")) == []
    unsigned = edit(text, "signed = 2025-11-28\n", "")
    assert found(check_year_text(unsigned, select="KM415")) == [("KM415", "error", "agreements[0]")]
    approximate = edit(MODEL, 'years = "even", quarter = 4 }', 'years = "even", quarter = 4, approximate = true }')
    assert found(check_year_text(text, approximate, select="KM415")) == [("KM415", "warning", "agreements[0].signed")]


# KM416: a second agreement of a once-a-year document

SECOND_SOENDRE = """
[[agreements]]
document = "decentral_aftale"
unit = "soendre"
parties = ["centerchef", "decentral_leder"]
signed = 2024-02-01
economic_frame = 9_000_000
goals = [{ title = "Sprog", kind = "development", expected_effect = "x", status = "green" }]
"""


def test_km416_a_second_agreement_for_a_unit_in_the_year() -> None:
    report = check_year_text(YEAR + SECOND_SOENDRE, select="KM416")
    # The later one by signing date is the second: the one of 12 March, though it comes first in the file.
    assert found(report) == [("KM416", "error", "agreements[2]")]
    assert report.findings[0].message == (
        "unit 'soendre' has a second 'decentral_aftale' for 2024; the first is agreements[3], signed 2024-02-01"
    )


def test_km416_agreements_for_different_years_adjustments_and_other_units_are_not_second() -> None:
    assert found(check_year_text(YEAR, select="KM416")) == []
    for_next_year = YEAR + SECOND_SOENDRE.replace("signed = 2024-02-01", "signed = 2024-12-01\nfor_year = 2025")
    assert found(check_year_text(for_next_year, select="KM416")) == []
    adjustment = YEAR + SECOND_SOENDRE.replace("signed = 2024-02-01", "signed = 2024-06-01\nadjusts = 2024")
    assert found(check_year_text(adjustment, select="KM416")) == []
    # A document made several times a year may have several agreements.
    often = edit(MODEL, "cadence = { every_years = 1, quarter = 1 }", "cadence = { times_per_year = 2 }")
    assert found(check_year_text(YEAR + SECOND_SOENDRE, often, select="KM416")) == []


def test_km402_for_year_and_adjusts_within_reach_of_the_year() -> None:
    text = edit(YEAR, "signed = 2024-03-12", "signed = 2024-03-12\nfor_year = 2026\nadjusts = 2025")
    assert found(check_year_text(text, select="KM402")) == [
        ("KM402", "error", "agreements[2].for_year"),
        ("KM402", "error", "agreements[2].adjusts"),
    ]
    kept = edit(YEAR, "signed = 2024-03-12", "signed = 2024-03-12\nfor_year = 2025\nadjusts = 2023")
    assert found(check_year_text(kept, select="KM402")) == []


# KM417: who approved an agreement


@pytest.mark.parametrize(
    ("approver", "expected"),
    [
        ("centerchef", []),
        ("direktoer", [("KM417", "error", "agreements[1].approver")]),
        ("jens_hansen", [("KM401", "error", "agreements[1].approver")]),
    ],
)
def test_km417_an_agreement_approved_by_someone_else(approver: str, expected: list[tuple[str, str, str]]) -> None:
    text = edit(YEAR, NORDSKOLEN, NORDSKOLEN + f'\napprover = "{approver}"')
    assert found(check_year_text(text, select="KM401,KM417")) == expected


def test_km417_a_role_within_the_approver_or_a_member_of_an_approving_body() -> None:
    model = edit(
        DIREKTION_MODEL,
        'owner = "decentral_leder"\napprover = "centerchef"',
        'owner = "decentral_leder"\napprover = "direktionsmoede"',
    )
    for approver, expected in (("kommunaldirektoer", []), ("direktoer", []), ("centerchef", ["KM417"])):
        text = edit(YEAR, NORDSKOLEN, NORDSKOLEN + f'\napprover = "{approver}"')
        assert [code for code, _s, _p in found(check_year_text(text, model, select="KM417"))] == expected, approver


def test_km417_an_approver_the_model_does_not_describe_is_not_checked() -> None:
    model = edit(
        MODEL,
        'owner = "decentral_leder"\napprover = "centerchef"',
        'owner = "decentral_leder"\napprover = "not_described"',
    )
    text = edit(YEAR, NORDSKOLEN, NORDSKOLEN + '\napprover = "direktoer"')
    assert found(check_year_text(text, model, select="KM417")) == []


def test_who_stands_for_whom() -> None:
    from kommunemodel.io.load import read_model
    from kommunemodel.rules import Subject

    forum = '\n[[bodies]]\nid = "forum"\nname = "Forum"\nkind = "network"\nmembers = ["direktionsmoede", "c_med"]\n'
    model, _ = read_model(DIREKTION_MODEL + forum + 'source = "notat §5"\n', "model.toml")
    subject = Subject(model)
    # A member of a body, a role within a member, a member of a member body; never the other way round.
    assert subject.stands_for("direktoer", "direktionsmoede")
    assert subject.stands_for("kommunaldirektoer", "direktionsmoede")
    assert subject.stands_for("kommunaldirektoer", "direktoer")
    assert subject.stands_for("direktoer", "forum") and subject.stands_for("c_med", "forum")
    assert not subject.stands_for("direktoer", "kommunaldirektoer")
    assert not subject.stands_for("direktionsmoede", "direktoer")
    assert not subject.stands_for("centerchef", "direktionsmoede")


def test_km402_an_event_outside_the_year() -> None:
    report = check_year_text(with_events('  { event = "seminar", date = 2023-09-19 },\n'), MODEL + EVENTS, "KM402")
    assert [finding.message for finding in report.findings] == ["meeting of 'seminar' on 2023-09-19, outside 2024"]
