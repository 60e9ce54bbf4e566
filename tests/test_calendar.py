"""The calendar of the four models 2018–2021, against dates read from the sources; working days; orderings."""

from __future__ import annotations

import datetime
import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kommunemodel
from kommunemodel import simulate
from kommunemodel.io import loads_model
from kommunemodel.model.national import FrameOverride
from kommunemodel.simulate.calendar import Calendar, WorkingDays

YEARS = range(2018, 2022)
MODELS = ("helsingoer", "hvidovre", "ishoej", "skanderborg")


@cache
def model(model_id: str) -> kommunemodel.SteeringModel:
    return kommunemodel.load_model(model_id)


@cache
def cycle(model_id: str, first: int = 2018, last: int = 2021) -> Calendar:
    return simulate.calendar(model(model_id), range(first, last + 1))


def dates(result: Calendar, event: str, year: int | None = None) -> list[datetime.date]:
    return [item.date for item in result.of(event, year) if item.date is not None]


# -- working days -------------------------------------------------------------------------------------------


def test_store_bededag_is_a_holiday_until_2023_and_a_working_day_from_2024() -> None:
    days = WorkingDays(2023, 2024)
    assert datetime.date(2023, 5, 5) not in days  # Store Bededag 2023, a Friday
    assert datetime.date(2024, 4, 26) in days  # the Friday it would have been in 2024


def test_weekends_christmas_and_easter_are_not_working_days() -> None:
    days = WorkingDays(2019, 2019)
    assert datetime.date(2019, 12, 25) not in days and datetime.date(2019, 4, 22) not in days
    assert datetime.date(2019, 6, 15) not in days  # a Saturday
    assert datetime.date(2019, 6, 17) in days


@pytest.mark.parametrize("model_id", MODELS)
def test_every_placed_date_is_a_working_day(model_id: str) -> None:
    days = WorkingDays(2018, 2021)
    placed = [item for item in cycle(model_id).dated if item.approximate]
    assert placed
    assert [item for item in placed if item.date not in days] == []


# -- Skanderborg --------------------------------------------------------------------------------------------


def test_skanderborg_publishes_its_development_tracks_in_week_43() -> None:
    for year in YEARS:
        (day,) = dates(cycle("skanderborg"), "udviklingsspor_udgives", year)
        assert day.isocalendar().week == 43 and day.year == year


def test_skanderborg_adopts_its_budget_by_15_october_in_october() -> None:
    for year in YEARS:
        (day,) = dates(cycle("skanderborg"), "budgetvedtagelse", year)
        assert datetime.date(year, 10, 1) <= day <= datetime.date(year, 10, 15)


def test_skanderborg_signs_contracts_after_the_december_direktion_meeting_and_before_the_new_year() -> None:
    result = cycle("skanderborg")
    for year in YEARS:
        (meeting,) = dates(result, "direktionsmoede_kontrakter", year)
        (approval,) = dates(result, "kontraktgodkendelse", year)
        (signed,) = dates(result, "kontraktunderskrift", year)
        assert meeting.month == 12 and meeting < approval <= signed <= datetime.date(year, 12, 31)


def test_skanderborg_contract_dialogue_in_february_or_march_of_the_year_after() -> None:
    for year in YEARS:
        (day,) = dates(cycle("skanderborg"), "kontraktdialogmoede", year)
        assert day.month in (2, 3)


def test_skanderborg_development_policy_in_the_first_half_of_the_term_s_first_year_only() -> None:
    result = cycle("skanderborg")
    assert [day.year for day in dates(result, "udviklingspolitik_formuleres")] == [2018]
    assert dates(result, "udviklingspolitik_formuleres")[0].month <= 6
    (policy,) = result.of("udviklingspolitik_formuleres")
    assert "term 2018–2021 (" in policy.placed and "national frame" not in policy.placed  # Skanderborg states it


def test_the_carry_over_date_from_the_source_is_kept_as_given() -> None:
    for item in cycle("skanderborg").of("overfoersel_formel"):
        assert item.date == datetime.date(item.year or 0, 4, 1)
        assert not item.approximate and item.placed == "the date the source gives"


# -- Helsingør ----------------------------------------------------------------------------------------------


def test_helsingoer_new_strategy_maps_in_the_fourth_quarter_of_even_years_reviews_in_odd() -> None:
    result = cycle("helsingoer")
    assert [(day.year, day.month >= 10) for day in dates(result, "strategikort_nyt")] == [(2018, True), (2020, True)]
    assert [(day.year, day.month >= 10) for day in dates(result, "strategikort_review")] == [(2019, True), (2021, True)]


def test_helsingoer_has_eight_h_meds_and_six_c_meds_a_year_each_c_med_about_two_weeks_before_an_h_med() -> None:
    result = cycle("helsingoer")
    for year in YEARS:
        h_med, c_med = dates(result, "h_med", year), dates(result, "c_med", year)
        assert len(h_med) == 8 and len(c_med) == 6
        for day in c_med:
            assert any(10 <= (later - day).days <= 18 for later in h_med), day
    assert result.conflicts == ()


def test_helsingoer_rough_placements_say_how_they_were_placed() -> None:
    (lus,) = cycle("helsingoer").of("lus_direktoer_centerchef", 2019)
    assert lus.approximate and lus.placed.startswith("middle of quarter 1")
    assert lus.date is not None and lus.date.month in (1, 2, 3)


def test_helsingoer_second_budget_reading_falls_by_the_frame_s_deadline() -> None:
    for item in cycle("helsingoer").of("budget_andenbehandling"):
        assert item.date is not None and item.date <= datetime.date(item.year or 0, 10, 15)
        assert "frame's budget deadline" in item.placed


def test_helsingoer_undated_events_are_listed_with_their_reason() -> None:
    result = cycle("helsingoer")
    (evaluations,) = result.of("evalueringer_til_byraadet")
    assert evaluations.date is None and evaluations.reason == "the source gives no time"
    (a_med,) = result.of("a_med")
    assert a_med.date is None and a_med.reason.startswith("as needed")
    approvals = result.of("centeraftaler_godkendes")
    assert [item.year for item in approvals] == list(YEARS) and all(item.date is None for item in approvals)


# -- Hvidovre -----------------------------------------------------------------------------------------------


def test_hvidovre_sets_goals_only_in_the_first_year_of_a_term_and_gives_no_month() -> None:
    result = cycle("hvidovre", 2018, 2025)
    for event in ("trin_3_maal", "endelig_politisk_behandling"):
        found = result.of(event)
        assert [item.year for item in found] == [2018, 2022]
        assert all(item.date is None and "first year of the election term" in item.reason for item in found)
        # Hvidovre's memo never states the term length: the years of its terms are the frame's, and it says so.
        assert "2022–2025, counted by the national frame" in found[1].reason


def test_hvidovre_steps_without_a_time_are_undated_never_placed() -> None:
    result = cycle("hvidovre")
    for event in ("trin_1_viden", "trin_2_dialogmoeder", "trin_4_opfoelgning"):
        (item,) = result.of(event)
        assert item.date is None and item.year is None and item.reason


def test_hvidovre_budget_is_placed_by_the_frame_s_deadline_and_says_so() -> None:
    result = cycle("hvidovre")
    assert result.term_from_frame and result.term_years == 4
    for item in result.of("budgetvedtagelse"):
        assert item.date is not None and item.date <= datetime.date(item.year or 0, 10, 15)
        assert item.approximate and "frame's budget deadline" in item.placed


# -- Ishøj --------------------------------------------------------------------------------------------------


def test_ishoej_direktion_meets_about_every_fourteen_days_both_parts_on_one_day() -> None:
    result = cycle("ishoej")
    with_mayor, without = (
        dates(result, "direktionsmoede_med_borgmester"),
        dates(result, "direktionsmoede_uden_borgmester"),
    )
    assert with_mayor == without
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(with_mayor)]
    assert all(12 <= gap <= 16 for gap in gaps)
    assert all(25 <= len(dates(result, "direktion", year)) <= 27 for year in YEARS)


def test_ishoej_seminar_without_a_time_of_year_is_undated_each_year() -> None:
    found = cycle("ishoej").of("koncernledelsesseminar")
    assert [item.year for item in found] == list(YEARS) and all(item.date is None for item in found)


def test_every_n_days_does_not_depend_on_the_span_asked_for() -> None:
    assert dates(cycle("ishoej", 2020, 2020), "koncernledelse") == dates(cycle("ishoej"), "koncernledelse", 2020)


# -- the frame in every calendar ----------------------------------------------------------------------------


def test_elections_and_term_starts_come_from_the_frame_marked_as_such() -> None:
    result = cycle("helsingoer", 2017, 2022)
    (election,) = result.of("kommunalvalg", 2021)
    assert election.date == datetime.date(2021, 11, 16) and election.frame and "§ 6" in election.source
    assert [item.date for item in result.of("valgperiode_start")] == [
        datetime.date(2018, 1, 1),
        datetime.date(2022, 1, 1),
    ]
    assert all(item.frame for item in result.of("budgetfrist"))
    assert not any(item.frame for item in result.of("h_med"))


def test_a_year_file_moving_the_deadline_moves_the_budget_and_is_reported() -> None:
    result = simulate.calendar(model("skanderborg"), [2020], {2020: FrameOverride("10-30", "moved this year")})
    (deadline,) = result.of("budgetfrist")
    assert deadline.date == datetime.date(2020, 10, 30) and "moved this year" in deadline.placed
    assert [(item.year, item.fact, item.value) for item in result.overrides] == [(2020, "budget_deadline", "10-30")]
    (adoption,) = result.of("budgetvedtagelse")
    assert adoption.date is not None and adoption.date <= datetime.date(2020, 10, 30)


# -- orderings ----------------------------------------------------------------------------------------------

UNKEEPABLE = """
schema = "kommunemodel/1"
[municipality]
id = "prøve"
name = "Prøve"
[[events]]
id = "first"
name = "Fixed late"
when = { date = "06-01" }
[[events]]
id = "then"
name = "Fixed early"
when = { date = "03-01" }
[[events]]
id = "rough"
name = "Somewhere in Q2"
when = { quarter = 2 }
[[constraints]]
first = "first"
then = "then"
[[constraints]]
first = "rough"
then = "first"
lag_days = { min = 40 }
"""


def test_an_ordering_the_placement_cannot_keep_is_reported_and_one_it_can_is_kept() -> None:
    result = simulate.calendar(loads_model(UNKEEPABLE.replace("prøve", "proeve")), [2024])
    assert [(item.first, item.then, item.year) for item in result.conflicts] == [("first", "then", 2024)]
    (rough,) = result.of("rough")
    assert rough.date is not None and rough.date <= datetime.date(2024, 6, 1) - datetime.timedelta(days=40)
    assert "moved to precede" in rough.placed


def test_orderings_with_an_undated_side_are_listed_as_not_checked() -> None:
    unchecked = {(item.first, item.then): item.reason for item in cycle("hvidovre").unchecked}
    assert unchecked[("trin_1_viden", "trin_2_dialogmoeder")] == "'trin_1_viden' has no dated occurrence"
    assert ("budgetvedtagelse", "maaltilpasning") in unchecked
    assert all(item.first != "c_med" for item in cycle("helsingoer").unchecked)


def test_one_year_may_be_given_as_a_number() -> None:
    assert simulate.calendar(model("ishoej"), 2024) == simulate.calendar(model("ishoej"), [2024])


def test_years_must_be_consecutive_and_not_empty() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        simulate.calendar(model("ishoej"), [2018, 2020])
    with pytest.raises(ValueError, match="at least one year"):
        simulate.calendar(model("ishoej"), [])


@settings(deadline=None)  # the first example builds what the others reuse
@given(st.sampled_from(MODELS), st.integers(1990, 2090), st.integers(0, 2))
def test_any_span_gives_sorted_dates_inside_it_and_the_same_calendar_twice(
    model_id: str, first: int, extra: int
) -> None:
    span = range(first, first + extra + 1)
    result = simulate.calendar(model(model_id), span)
    days = [item.date for item in result.dated if item.date is not None]
    assert days == sorted(days)
    assert all(first <= day.year <= first + extra for day in days)
    assert all(item.reason for item in result.undated)
    assert result == simulate.calendar(model(model_id), span)
