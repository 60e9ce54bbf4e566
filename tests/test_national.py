"""The national frame: the law's facts, each cited; what a model inherits; a year file moving a frame fact."""

from __future__ import annotations

import datetime

import pytest

import kommunemodel
from kommunemodel.model.national import FRAME, FrameOverride, NationalFrame, frame_for, inherited_facts
from kommunemodel.year.load import loads_year


def test_every_frame_fact_cites_the_law_by_name() -> None:
    laws = {fact.id: fact.law for fact in FRAME.facts()}
    assert laws["election_term_years"].startswith("kommunal- og regionalvalgloven § 6")
    assert "§ 97" in laws["term_start"]
    assert "lov om kommunernes styrelse §§ 37–38" in laws["budget_readings"]
    assert "budget" in laws["budget_deadline"] and "bekendtgørelse" in laws["budget_deadline"]


@pytest.mark.parametrize(
    ("year", "day"),
    [(2009, datetime.date(2009, 11, 17)), (2017, datetime.date(2017, 11, 21)), (2021, datetime.date(2021, 11, 16))],
)
def test_elections_fall_on_the_third_tuesday_of_november_every_four_years(year: int, day: datetime.date) -> None:
    assert FRAME.election_day(year) == day
    assert day.weekday() == 1 and 15 <= day.day <= 21


def test_years_without_an_election_have_none() -> None:
    assert [FRAME.election_day(year) for year in (2018, 2019, 2020)] == [None, None, None]
    assert FRAME.election_day(2025) == datetime.date(2025, 11, 18)


def test_the_term_is_counted_from_the_first_of_january_after_the_election() -> None:
    assert [FRAME.term_year(year) for year in range(2018, 2023)] == [1, 2, 3, 4, 1]
    assert FRAME.term_of(2019) == (2018, 2021)


def test_a_model_silent_on_the_term_inherits_it_from_the_frame_and_says_so() -> None:
    hvidovre = {fact.id: fact for fact in inherited_facts(kommunemodel.load_model("hvidovre"))}
    assert hvidovre["election_term_years"].from_frame and hvidovre["election_term_years"].value == 4
    skanderborg = {fact.id: fact for fact in inherited_facts(kommunemodel.load_model("skanderborg"))}
    assert not skanderborg["election_term_years"].from_frame
    assert not skanderborg["budget_deadline"].from_frame and skanderborg["budget_deadline"].value == "15 October"
    assert skanderborg["election_day"].from_frame


def test_a_model_with_another_term_length_gets_a_frame_of_its_own() -> None:
    model = kommunemodel.load_model("skanderborg")
    import attrs

    longer = attrs.evolve(model, municipality=attrs.evolve(model.municipality, election_term_years=5))
    assert frame_for(longer).term_years == 5
    assert frame_for(model) is FRAME


def test_a_year_file_can_move_the_budget_deadline_with_a_reason() -> None:
    text = (
        'schema = "kommunemodel-year/1"\nmodel = "skanderborg"\nyear = 2019\n\n'
        '[national]\nbudget_deadline = "10-30"\nreason = "moved"\n'
    )
    year = loads_year(text)
    assert year.national == FrameOverride(budget_deadline="10-30", reason="moved")


def test_a_year_file_with_a_bad_deadline_is_refused_with_its_path() -> None:
    from kommunemodel.errors import YearFileError

    text = (
        'schema = "kommunemodel-year/1"\nmodel = "skanderborg"\nyear = 2019\n\n[national]\nbudget_deadline = "13-40"\n'
    )
    with pytest.raises(YearFileError) as caught:
        loads_year(text)
    assert any("national" in problem.path for problem in caught.value.problems)


def test_the_frame_validates_its_days() -> None:
    with pytest.raises(ValueError, match="budget_deadline"):
        NationalFrame(budget_deadline="10-32")


def test_show_marks_the_facts_that_come_from_the_frame() -> None:
    from kommunemodel.testing import run_cli

    status, out, err = run_cli("show", "hvidovre")
    assert status == 0 and not err
    assert "election term (years): 4  (national frame: kommunal- og regionalvalgloven § 6, stk. 1)" in out
    status, out, _ = run_cli("show", "skanderborg")
    assert "election term (years): 4  (the model:" in out
