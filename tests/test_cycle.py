"""The timing helpers of model/cycle.py: whether a timing falls in a year, and its first and last day there."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.model import NOT_DESCRIBED, OrderingConstraint, Span, Timing, Years, deadline, earliest, occurs

from .strategies import timings


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


def test_once_per_term_is_a_year_of_the_term_with_no_count_a_year() -> None:
    timing = Timing(years=Years.TERM_YEAR_1, month=Span(1, 6))
    assert (timing.per_term, timing.per_year, timing.term_year) == (Span.exactly(1), None, 1)
    yearly = Timing(every_years=1)
    assert (yearly.per_term, yearly.per_year, yearly.term_year) == (None, Span.exactly(1), None)


@pytest.mark.parametrize(
    ("fields", "dropped"),
    [
        ({"every_years": 4}, "drop every_years"),
        ({"times_per_year": Span.exactly(1)}, "drop times_per_year"),
        ({"every_days": 14}, "drop every_days"),
        ({"as_needed": True}, "drop as_needed"),
    ],
)
def test_once_per_term_cannot_also_recur(fields: dict[str, object], dropped: str) -> None:
    with pytest.raises(ValueError, match="already says once per election term") as refused:
        Timing(years=Years.TERM_YEAR_2, **fields)  # type: ignore[arg-type]
    assert dropped in str(refused.value)


@given(timings())
def test_per_term_and_per_year_never_both_count(timing: Timing) -> None:
    assert (timing.per_term is not None) == (timing.years.value.startswith("term_year"))
    if timing.per_term is not None:
        assert timing.per_year is None


def test_a_timing_hedges_on_itself_not_on_one_of_its_numbers() -> None:
    with pytest.raises(ValueError, match="write approximate = true on the timing"):
        Timing(times_per_year=Span.about(6))
    assert Timing(times_per_year=Span.exactly(6), approximate=True).per_year == Span.exactly(6)


def test_a_constraint_may_leave_open_how_many_years_later_it_falls() -> None:
    assert OrderingConstraint(first="a", then="b", year_offset=NOT_DESCRIBED).year_offset is NOT_DESCRIBED
    with pytest.raises(ValueError, match="'year_offset' must be >= 0"):
        OrderingConstraint(first="a", then="b", year_offset=-1)
