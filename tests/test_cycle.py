"""The timing helpers of model/cycle.py: whether a timing falls in a year, and its first and last day there."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.model import NOT_DESCRIBED, Span, Timing, Years, deadline, earliest, occurs


@pytest.mark.parametrize(
    ("timing", "year", "term_year", "expected"),
    [
        (Timing(every_years=1), 2024, None, True),
        (Timing(quarter=1), 2025, None, True),
        (Timing(times_per_year=Span.exactly(6)), 2024, None, True),
        (Timing(every_days=14), 2024, None, True),
        (Timing(quarter=4, years=Years.EVEN), 2024, None, True),
        (Timing(quarter=4, years=Years.EVEN), 2025, None, False),
        (Timing(every_years=2, years=Years.ODD), 2025, None, True),
        (Timing(every_years=4, years=Years.EVEN), 2024, None, None),  # which even years?
        (Timing(years=Years.TERM_YEAR_1), 2018, 1, True),
        (Timing(years=Years.TERM_YEAR_1), 2019, 2, False),
        (Timing(years=Years.TERM_YEAR_1), 2019, None, None),
        (Timing(every_years=4), 2024, None, None),
        (Timing(as_needed=True), 2024, None, None),
        (NOT_DESCRIBED, 2024, None, None),
    ],
)
def test_occurs(timing: Timing, year: int, term_year: int | None, expected: bool | None) -> None:
    assert occurs(timing, year, term_year) is expected


@pytest.mark.parametrize(
    ("timing", "first", "last"),
    [
        (Timing(deadline="10-15", month=Span.exactly(10)), datetime.date(2024, 10, 1), datetime.date(2024, 10, 15)),
        (Timing(date="04-01"), datetime.date(2024, 4, 1), datetime.date(2024, 4, 1)),
        (Timing(week=43), datetime.date(2024, 10, 21), datetime.date(2024, 10, 27)),
        (Timing(week=53), datetime.date(2024, 12, 23), datetime.date(2024, 12, 29)),  # 2024 has 52 weeks
        (Timing(month=Span(2, 3)), datetime.date(2024, 2, 1), datetime.date(2024, 3, 31)),
        (Timing(quarter=1), datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
        (Timing(deadline="12-31"), None, datetime.date(2024, 12, 31)),
        (Timing(every_days=14), None, None),
        (Timing(date="02-29"), datetime.date(2024, 2, 29), datetime.date(2024, 2, 29)),
    ],
)
def test_earliest_and_deadline(timing: Timing, first: datetime.date | None, last: datetime.date | None) -> None:
    assert (earliest(timing, 2024), deadline(timing, 2024)) == (first, last)


def test_29_february_in_a_year_without_it_is_the_28th() -> None:
    assert (
        earliest(Timing(date="02-29"), 2025) == deadline(Timing(deadline="02-29"), 2025) == datetime.date(2025, 2, 28)
    )


@given(
    year=st.integers(1950, 2100),
    placing=st.one_of(
        st.builds(Timing, quarter=st.integers(1, 4)),
        st.builds(Timing, week=st.integers(1, 53)),
        st.integers(1, 12).flatmap(
            lambda low: st.builds(Timing, month=st.builds(Span, st.just(low), st.integers(low, 12)))
        ),
    ),
)
def test_a_placed_timing_opens_no_later_than_it_closes_within_its_year(year: int, placing: Timing) -> None:
    first, last = earliest(placing, year), deadline(placing, year)
    assert first is not None and last is not None
    assert first.year == last.year == year
    assert first <= last


def test_an_iso_week_across_new_year_is_cut_at_the_year() -> None:
    # Week 1 of 2025 runs from Monday 30 December 2024 to Sunday 5 January 2025.
    assert earliest(Timing(week=1), 2025) == datetime.date(2025, 1, 1)
    assert deadline(Timing(week=1), 2024) == datetime.date(2024, 1, 7)
    assert deadline(Timing(week=53), 2020) == datetime.date(2020, 12, 31)  # week 53 of 2020 ends 3 January 2021
