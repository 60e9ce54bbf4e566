"""The words and the summary a reader sees: timings, unknowns, budget rules."""

from __future__ import annotations

import pytest

from kommunemodel import load_model
from kommunemodel.model import NOT_DESCRIBED, Horizon, Limit, Span, Timing, Years
from kommunemodel.report import words
from kommunemodel.report.summary import summary


@pytest.mark.parametrize(
    ("timing", "phrase"),
    [
        (Timing(times_per_year=Span.exactly(6)), "6 times a year"),
        (Timing(times_per_year=Span.exactly(1)), "once a year"),
        (Timing(times_per_year=Span(1, 2)), "1–2 times a year"),
        (Timing(times_per_year=NOT_DESCRIBED), "times a year not described"),
        (Timing(every_days=14, approximate=True), "about every 14 days"),
        (Timing(as_needed=True), "as needed"),
        (Timing(quarter=4, years=Years.EVEN), "Q4, even years"),
        (Timing(deadline="10-15"), "by 15 Oct"),
        (Timing(month=Span(2, 3)), "Feb–Mar"),
        (Timing(week=43), "week 43"),
        (Timing(years=Years.TERM_YEAR_1), "year 1 of the election term"),
        (NOT_DESCRIBED, "not described"),
    ],
)
def test_timing_phrases(timing: Timing, phrase: str) -> None:
    assert words.timing(timing) == phrase


def test_values_and_fractions() -> None:
    assert words.value(NOT_DESCRIBED) == "not described"
    assert words.value(Horizon.ELECTION_TERM) == "the election term"
    assert words.fraction(0.05) == "5%"
    assert words.fraction(Limit.UNLIMITED) == "no limit"
    assert words.fraction(NOT_DESCRIBED) == "not described"


def test_skanderborg_budget_rules_read_as_the_source_says() -> None:
    text = summary(load_model("skanderborg"))
    budget = text[text.index("Budget rules") :]
    assert "carry-over: surplus no limit, deficit 5%, repayment plan above 5%" in budget
    assert "threshold: expected_overspend above 3%" in budget
    assert "adoption deadline: 15 Oct" in budget


def test_an_undescribed_budget_says_so_for_every_part() -> None:
    budget = summary(load_model("ishoej")).split("Budget rules\n", 1)[1]
    assert budget.splitlines() == [
        "  allocation: not described",
        "  appropriation level: not described",
        "  carry-over: not described",
        "  thresholds: not described",
        "  follow-up: not described",
        "  technical budget: not described",
        "  adoption deadline: not described",
    ]


def test_levels_say_what_they_count() -> None:
    levels = summary(load_model("skanderborg")).split("Levels\n", 1)[1].split("\n\n", 1)[0]
    assert "Byrådet (political, persons 29)" in levels
    assert "(unit, units 54, employees ca. 4500)" in levels
    assert "Borgere og lokalsamfund (citizen, numbers not described)" in levels
    ishoej = summary(load_model("ishoej"))
    assert "Centre (centre, units 9, how many of the units are staff areas not described)" in ishoej


def test_bodies_acting_for_others_and_open_year_offsets_are_shown() -> None:
    assert "Socialudvalget (committee): cadence not described; acts for byraad" in summary(load_model("skanderborg"))
    assert (
        "trin_4_opfoelgning before trin_2_dialogmoeder in a later year or term (how much later is not described)"
        in summary(load_model("hvidovre"))
    )


def test_the_appropriation_level_is_part_of_the_budget_rules() -> None:
    budget = summary(load_model("skanderborg")).split("Budget rules\n", 1)[1]
    assert (
        "appropriation level: granted to kontraktholder, aftaleholder; moving money between lines: free"
        "  [haandbog §3.5; §6]" in budget
    )


def test_a_hedged_number_reads_ca() -> None:
    assert (words.value(Span.about(650)), words.value(Span.about(950, 1000))) == ("ca. 650", "ca. 950–1000")
