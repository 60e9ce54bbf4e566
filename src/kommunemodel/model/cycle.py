"""The annual cycle (årshjul): timings, events and the ordering constraints between them."""

from __future__ import annotations

import calendar
import datetime
import re
from enum import StrEnum
from typing import Any

from attrs import field, frozen

from .invariants import Breach, refuse
from .source import Citation, Span, Strength, Unknown, optional_slug, slug, slugs

MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
QUARTER_OF_MONTH = {month: (month - 1) // 3 + 1 for month in range(1, 13)}


class Years(StrEnum):
    """Which years a timing applies to: every year, by parity, or by year of the election term."""

    EVERY = "every"
    EVEN = "even"
    ODD = "odd"
    TERM_YEAR_1 = "term_year_1"
    TERM_YEAR_2 = "term_year_2"
    TERM_YEAR_3 = "term_year_3"
    TERM_YEAR_4 = "term_year_4"


class Action(StrEnum):
    """What happens at an event."""

    DECIDE = "decide"
    ADOPT = "adopt"
    APPROVE = "approve"
    PREPARE = "prepare"
    SIGN = "sign"
    # "indgår en aftale": the parties enter into an agreement; the source mentions no signature.
    ENTER_INTO = "enter_into"
    PUBLISH = "publish"
    EVALUATE = "evaluate"
    FOLLOW_UP = "follow_up"
    COORDINATE = "coordinate"
    DISCUSS = "discuss"
    INFORM = "inform"
    CONSULT = "consult"
    MEET = "meet"
    REPORT = "report"
    REVISE = "revise"


def month_day(_instance: object, attribute: Any, value: str | None) -> None:
    """attrs validator: None or a calendar day written `MM-DD` (`10-15` is 15 October)."""
    if value is None:
        return
    match = MONTH_DAY.match(value) if isinstance(value, str) else None
    if not match or not (1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= DAYS_IN_MONTH[int(match[1]) - 1]):
        raise ValueError(f"'{attribute.name}' must be a day written MM-DD, like \"10-15\" (got {value!r})")


def _exact(attribute: Any, value: object) -> None:
    # A timing hedges once, for all its fields: `approximate = true` on the timing, never on one of its numbers.
    if isinstance(value, Span) and value.approximate:
        raise ValueError(f"'{attribute.name}' cannot be approximate itself; write approximate = true on the timing")


def _between(low: int, high: int) -> Any:
    def check(_instance: object, attribute: Any, value: int | Span | None) -> None:
        if value is None or isinstance(value, Unknown):
            return
        _exact(attribute, value)
        values = (value.low, value.high) if isinstance(value, Span) else (value,)
        if any(not low <= item <= high for item in values):
            raise ValueError(f"'{attribute.name}' must lie in {low}..{high} (got {value})")

    return check


def _at_least_one(_instance: object, attribute: Any, value: int | Span | Unknown | None) -> None:
    if value is None or isinstance(value, Unknown):
        return
    _exact(attribute, value)
    smallest = value.low if isinstance(value, Span) else value
    if smallest < 1:
        raise ValueError(f"'{attribute.name}' must be >= 1 (got {value})")


#: The years of the election term a once-per-term timing can fall in.
TERM_YEARS = frozenset({Years.TERM_YEAR_1, Years.TERM_YEAR_2, Years.TERM_YEAR_3, Years.TERM_YEAR_4})

#: The fields that place a timing within the year, and those that make it recur.
PLACING = ("quarter", "month", "week", "date", "deadline")
RECURRING = ("every_days", "every_years", "times_per_year")


def timing_breaches(timing: Timing) -> list[Breach]:
    """Every way a timing's fields contradict each other, each reported at `years` as the file has always read it.

    Robust to a field that broke its own validator (a month of 13): the loader drops a breach that reads it.
    """
    found: list[Breach] = []
    given = [name for name in PLACING + RECURRING if getattr(timing, name) is not None]
    recurring = [name for name in RECURRING if getattr(timing, name) is not None]
    if timing.years in TERM_YEARS:
        # Once per election term is written one way only: the year of the term, optionally placed within it.
        if recurring or timing.as_needed:
            dropped = recurring + (["as_needed"] if timing.as_needed else [])
            message = f"years = {timing.years.value!r} already says once per election term; drop {', '.join(dropped)}"
            found.append(Breach("years", message, ("years", *dropped)))
    elif not given and not timing.as_needed:
        message = (
            "a timing needs at least one of quarter, month, week, date, deadline, every_days, "
            'every_years, times_per_year, as_needed or years = "term_year_N"'
        )
        found.append(Breach("years", message, ("years", "as_needed", *PLACING, *RECURRING)))
    counted = [name for name in ("every_days", "times_per_year") if getattr(timing, name) is not None]
    if timing.as_needed and counted and timing.years not in TERM_YEARS:
        # Under a term year the breach above already says to drop both: one mistake, one finding.
        message = "'as_needed' cannot be combined with every_days or times_per_year"
        found.append(Breach("years", message, ("as_needed", *counted)))
    if timing.quarter is not None and isinstance(timing.month, Span):
        quarters = {QUARTER_OF_MONTH.get(timing.month.low), QUARTER_OF_MONTH.get(timing.month.high)}
        if quarters != {timing.quarter}:
            message = f"'month' {timing.month} does not lie in quarter {timing.quarter}"
            found.append(Breach("years", message, ("quarter", "month")))
    return found


@frozen
class Timing:
    """When something happens or how often: a place in the year, a cadence, or both."""

    quarter: int | None = field(default=None, validator=_between(1, 4))
    month: Span | None = field(default=None, validator=_between(1, 12))
    week: int | None = field(default=None, validator=_between(1, 53))
    date: str | None = field(default=None, validator=month_day)
    deadline: str | None = field(default=None, validator=month_day)
    every_days: int | Unknown | None = field(default=None, validator=_at_least_one)
    every_years: int | None = field(default=None, validator=_at_least_one)
    times_per_year: Span | Unknown | None = field(default=None, validator=_at_least_one)
    as_needed: bool = False
    approximate: bool = False
    years: Years = Years.EVERY
    note: str = ""

    def __attrs_post_init__(self) -> None:
        refuse(self, timing_breaches(self))

    @property
    def per_term(self) -> Span | None:
        """How many times per election term this happens, for a once-per-term timing; None for every other.

        A yearly timing's count per term depends on the term's length, which is the model's to say
        (`municipality.election_term_years`), not the timing's: use `per_year` for it.
        """
        return Span.exactly(1) if self.years in TERM_YEARS else None

    @property
    def term_year(self) -> int | None:
        """The year of the election term (1–4) a once-per-term timing falls in; None for every other."""
        return int(self.years.value[-1]) if self.years in TERM_YEARS else None

    @property
    def per_year(self) -> Span | Unknown | None:
        """How many times a year this happens, where the timing says; None where it does not (once per term,
        every few years, as needed)."""
        if self.times_per_year is not None:
            return self.times_per_year
        if isinstance(self.every_days, Unknown):
            return self.every_days
        if self.every_days is not None:
            # ca. every 14 days: 26 meetings; the range covers both roundings of 365 / n.
            return Span(365 // self.every_days, -(-365 // self.every_days))
        if self.as_needed:
            return None
        if self.years is not Years.EVERY:
            return None  # every other year, or one year of the term: not a yearly count
        if self.every_years is not None and self.every_years > 1:
            return None
        return Span.exactly(1)


@frozen
class Event:
    """A recurring moment of the annual cycle: a meeting, a deadline, a reading, a signature."""

    id: str = field(validator=slug)
    name: str
    when: Timing | Unknown
    action: Action = Action.MEET
    actors: tuple[str, ...] | Unknown = field(default=(), validator=slugs)
    body: str | None = field(default=None, validator=optional_slug)
    documents: tuple[str, ...] = field(default=(), validator=slugs)
    step: int | None = None
    description: str = ""
    source: Citation | None = None


@frozen
class Lag:
    """Days between two things: a minimum, a maximum and a target, each optional."""

    min: int | None = None
    max: int | None = None
    target: int | None = None
    approximate: bool = False


def _not_negative(_instance: object, attribute: Any, value: int | Unknown) -> None:
    if isinstance(value, int) and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0 (got {value})")


@frozen
class OrderingConstraint:
    """`first` comes before `then` (events or bodies' meetings), optionally with a lag in days."""

    first: str = field(validator=slug)
    then: str = field(validator=slug)
    lag_days: Lag | None = None
    # 1 where `then` falls in the following year: Q4 strategy maps before next year's Q1 agreements;
    # "not_described" where `then` comes in a later cycle whose length the source leaves open (a year or a term).
    year_offset: int | Unknown = field(default=0, validator=_not_negative)
    strength: Strength = Strength.MUST
    description: str = ""
    source: Citation | None = None


# Where a timing falls in a given year: pure functions of a Timing, shared by the rules and the plugins.


def occurs(timing: Timing | Unknown, year: int, term_year: int | None = None) -> bool | None:
    """Whether a timing falls in `year`: True, False, or None where the timing does not say enough to tell.

    A timing of every year (`every_years = 1`, a count a year, or a place in the year) falls in every year; one of
    even or odd years (`years = "even"`, every one or two years) by the year's parity; one of a year of the
    election term (`years = "term_year_2"`) when `term_year`, the year of the term `year` is, says so. None for
    an unknown timing, a term-bound one without `term_year`, one that recurs every few years without saying
    which (`every_years = 4`), and one that does not recur at all (`as_needed`).
    """
    if not isinstance(timing, Timing):
        return None
    if timing.years in (Years.EVEN, Years.ODD):
        if timing.every_years not in (None, 2):
            return None
        return (year % 2 == 0) == (timing.years is Years.EVEN)
    if timing.years is not Years.EVERY:
        return None if term_year is None else term_year == int(timing.years.value[-1])
    if (timing.every_years or 1) > 1 or timing.per_year is None:
        return None
    return True


def _day(year: int, month_day: str) -> datetime.date:
    """The day `MM-DD` of `year`; 29 February is the 28th in a year that has none."""
    month, day = int(month_day[:2]), int(month_day[3:])
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _weeks(year: int) -> int:
    """How many ISO weeks `year` has (52 or 53)."""
    return datetime.date(year, 12, 28).isocalendar().week


def deadline(timing: Timing, year: int) -> datetime.date | None:
    """The last day in `year` a timing allows: its `deadline`, else the end of its date, week, month or quarter.

    Week 53 is the last week of a year that has only 52, and a week that runs into the next year ends on 31
    December. None when the timing does not place itself in the
    year (a cadence such as `every_days = 14` or `times_per_year = 6`). Whether the timing falls in `year` at
    all is `occurs`'s to say.
    """
    if timing.deadline is not None:
        return _day(year, timing.deadline)
    if timing.date is not None:
        return _day(year, timing.date)
    if timing.week is not None:
        # An ISO week may end in the next year (week 1 of 2025 ends on 5 January): the year ends on 31 December.
        return min(datetime.date.fromisocalendar(year, min(timing.week, _weeks(year)), 7), datetime.date(year, 12, 31))
    month = timing.month.high if timing.month is not None else (timing.quarter * 3 if timing.quarter else None)
    if month is None:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def earliest(timing: Timing, year: int) -> datetime.date | None:
    """The first day in `year` a timing allows: its date, else the start of its week, month or quarter.

    The counterpart of `deadline`: Skanderborg's udviklingsspor (`week = 43`) can be out from the Monday of week
    43. A timing with only a `deadline` may fall on any day up to it, so it gives no first day (None); nor does
    a cadence that does not place itself in the year.
    """
    if timing.date is not None:
        return _day(year, timing.date)
    if timing.week is not None:
        # An ISO week may start in the year before (week 1 of 2025 starts on 30 December 2024).
        return max(datetime.date.fromisocalendar(year, min(timing.week, _weeks(year)), 1), datetime.date(year, 1, 1))
    if timing.month is not None:
        return datetime.date(year, timing.month.low, 1)
    if timing.quarter is not None:
        return datetime.date(year, timing.quarter * 3 - 2, 1)
    return None
