"""The annual cycle expanded into dated occurrences over a span of years (`simulate calendar`)."""

from __future__ import annotations

import datetime
import sys
import types
from collections.abc import Iterable, Mapping
from typing import Any

import holidays
from attrs import evolve, frozen
from dateutil.rrule import DAILY, rrule

from ..model.cycle import Event, Lag, OrderingConstraint, Timing, Years, deadline, earliest, occurs
from ..model.documents import DocumentKind
from ..model.national import (
    BUDGET_RULES,
    VALGLOVEN_6,
    VALGLOVEN_6_2,
    VALGLOVEN_6_3,
    FrameOverride,
    NationalFrame,
    frame_for,
)
from ..model.organisation import Body
from ..model.source import Span, Strength, Unknown
from ..model.steering_model import SteeringModel

SCHEMA = "kommunemodel-calendar/1"
ONE_DAY = datetime.timedelta(days=1)
#: Every-N-days cadences count from this Monday, so a year's dates do not depend on the span asked for.
CADENCE_EPOCH = datetime.date(2001, 1, 1)
BUDGET_KINDS = (DocumentKind.BUDGET, DocumentKind.APPROPRIATION)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@frozen
class Occurrence:
    """One dated (or undated) occurrence of an event, a body's meeting or a frame fact."""

    event: str
    name: str
    date: datetime.date | None
    year: int | None
    approximate: bool
    placed: str
    body: str | None = None
    actors: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    source: str = ""
    frame: bool = False
    # Why there is no date, for an undated occurrence; "" otherwise.
    reason: str = ""
    # The days a rough placement may move within to keep an ordering; None for a date from the source.
    window: tuple[datetime.date, datetime.date] | None = None

    @property
    def is_meeting(self) -> bool:
        """Whether this is a body's own meeting (from its cadence)."""
        return self.body is not None and self.event == self.body


@frozen
class Conflict:
    """An ordering the placement could not keep, reported rather than silently broken."""

    first: str
    then: str
    year: int
    strength: Strength
    message: str
    source: str = ""


@frozen
class Unchecked:
    """An ordering the calendar can neither keep nor break: a side is undated, or the source leaves a part open."""

    first: str
    then: str
    reason: str


@frozen
class Override:
    """A frame fact a year file changed for one year."""

    year: int
    fact: str
    value: str
    reason: str


@frozen
class Calendar:
    """A model's cycle over `start`..`end`: occurrences in date order (undated last), conflicts and overrides."""

    model: str
    name: str
    start: int
    end: int
    occurrences: tuple[Occurrence, ...]
    conflicts: tuple[Conflict, ...] = ()
    overrides: tuple[Override, ...] = ()
    term_years: int = 4
    term_from_frame: bool = True
    unchecked: tuple[Unchecked, ...] = ()

    @property
    def dated(self) -> tuple[Occurrence, ...]:
        """The occurrences that have a date."""
        return tuple(occurrence for occurrence in self.occurrences if occurrence.date is not None)

    @property
    def undated(self) -> tuple[Occurrence, ...]:
        """The occurrences the source gives no date for."""
        return tuple(occurrence for occurrence in self.occurrences if occurrence.date is None)

    def of(self, event: str, year: int | None = None) -> tuple[Occurrence, ...]:
        """The occurrences of one event or body, optionally of one year."""
        return tuple(
            occurrence
            for occurrence in self.occurrences
            if occurrence.event == event and (year is None or occurrence.year == year)
        )


class WorkingDays:
    """Weekdays that are not Danish public holidays, from the `holidays` package."""

    def __init__(self, first: int, last: int) -> None:
        self.holidays = holidays.Denmark(years=range(first, last + 1))

    def __contains__(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def nearest(self, target: datetime.date, low: datetime.date, high: datetime.date) -> datetime.date:
        """The working day nearest `target` within low..high (later first on a tie); `target` if there is none."""
        for offset in range((high - low).days + 1):
            for day in (target + datetime.timedelta(days=offset), target - datetime.timedelta(days=offset)):
                if low <= day <= high and day in self:
                    return day
        return target

    def on_or_after(self, day: datetime.date, high: datetime.date) -> datetime.date | None:
        """The first working day from `day` up to `high`, or None."""
        while day <= high:
            if day in self:
                return day
            day += ONE_DAY
        return None

    def on_or_before(self, day: datetime.date, low: datetime.date) -> datetime.date | None:
        """The last working day from `day` back to `low`, or None."""
        while day >= low:
            if day in self:
                return day
            day -= ONE_DAY
        return None


def _day(day: datetime.date) -> str:
    """`15 October`: the day and month in words, the same on every platform (strftime's `%-d` is not)."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def _middle(low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=(high - low).days // 2)


def _window_words(timing: Timing) -> str:
    if timing.week is not None:
        return f"week {timing.week}"
    if timing.month is not None:
        if timing.month.is_exact:
            return MONTHS[timing.month.low - 1]
        return f"months {MONTHS[timing.month.low - 1]}–{MONTHS[timing.month.high - 1]}"
    if timing.quarter is not None:
        return f"quarter {timing.quarter}"
    return "the year"


_YEARS_WORDS = {
    Years.EVEN: "in even years",
    Years.ODD: "in odd years",
    Years.TERM_YEAR_1: "in the first year of the election term",
    Years.TERM_YEAR_2: "in the second year of the election term",
    Years.TERM_YEAR_3: "in the third year of the election term",
    Years.TERM_YEAR_4: "in the fourth year of the election term",
}


class _Expander:
    """Places one model's timings in the years asked for."""

    def __init__(
        self,
        model: SteeringModel,
        years: range,
        frame: NationalFrame,
        overrides: Mapping[int, FrameOverride],
    ) -> None:
        self.model = model
        self.years = years
        self.frame = frame
        self.overrides = overrides
        self.days = WorkingDays(years.start - 1, years.stop)
        self.budget_documents = {document.id for document in model.documents if document.kind in BUDGET_KINDS}
        self.budget_adoptions = self._budget_adoptions()
        self.term_stated = isinstance(model.municipality.election_term_years, int)

    def budget_deadline(self, year: int) -> datetime.date:
        """The frame's budget deadline in `year`, or the year file's override."""
        override = self.overrides.get(year)
        text = override.budget_deadline if override and override.budget_deadline else self.frame.budget_deadline
        return datetime.date(year, int(text[:2]), int(text[3:]))

    def _budget_adoptions(self) -> dict[str, str]:
        """The events that adopt the budget, so the frame's deadline binds them, each with why it is taken so.

        An event that adopts a budget document; where a model has none, the last reading: the event on a budget
        document that the orderings among those events lead to and that leads to none (Helsingør's second
        reading in Q4, which the law puts by 15 October).
        """
        on_budget = {
            event.id: event
            for event in self.model.events
            if any(document in self.budget_documents for document in event.documents)
        }
        adopting = {event_id for event_id, event in on_budget.items() if event.action.value == "adopt"}
        if adopting:
            return dict.fromkeys(sorted(adopting), "adopts the budget")
        inner = [c for c in self.model.constraints if c.first in on_budget and c.then in on_budget]
        sinks = {c.then for c in inner} - {c.first for c in inner}
        return dict.fromkeys(sorted(sinks), "taken as the budget's adoption: the last of its readings")

    def adopts_budget(self, event: Event) -> bool:
        """Whether an event adopts the budget, so the frame's deadline binds it."""
        return event.id in self.budget_adoptions

    # -- one timing -----------------------------------------------------------------------------------------

    def expand(self, base: Occurrence, timing: Timing | Unknown, budget: bool = False) -> list[Occurrence]:
        """Every occurrence of one event or body over the years, each saying how it was placed."""
        if not isinstance(timing, Timing):
            return [evolve(base, date=None, year=None, placed="undated", reason="the source gives no time")]
        if timing.as_needed:
            return [evolve(base, date=None, year=None, placed="undated", reason="as needed: the source gives no dates")]
        if isinstance(timing.times_per_year, Unknown) or isinstance(timing.every_days, Unknown):
            reason = "recurs, but the source does not say how often" + (f" ({timing.note})" if timing.note else "")
            return [evolve(base, date=None, year=None, placed="undated", reason=reason)]
        if timing.every_days is not None:
            return self._every_days(base, timing)
        found: list[Occurrence] = []
        for year in self.years:
            falls = occurs(timing, year, self.frame.term_year(year))
            if falls is None:
                every = timing.every_years or 1
                reason = f"every {every} years; the source does not say in which years"
                return [evolve(base, date=None, year=None, placed="undated", reason=reason)]
            if falls:
                found.extend(self._in_year(base, timing, year, budget))
        return found

    def _qualifier(self, timing: Timing, year: int | None = None) -> str:
        words = [_YEARS_WORDS[timing.years]] if timing.years in _YEARS_WORDS else []
        if year is not None and timing.years.value.startswith("term_year"):
            first, last = self.frame.term_of(year)
            # Where the model does not state its term, the years of the term are the frame's: say so.
            counted = "" if self.term_stated else f", counted by the national frame ({VALGLOVEN_6})"
            words[-1] += f" {first}–{last}{counted}"
        if timing.approximate:
            words.append("ca. (approximate in the source)")
        return (", " + ", ".join(words)) if words else ""

    def _in_year(self, base: Occurrence, timing: Timing, year: int, budget: bool) -> list[Occurrence]:
        start, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        low, high = earliest(timing, year), deadline(timing, year)
        qualifier = self._qualifier(timing, year)
        limit = self.budget_deadline(year) if budget else None
        if limit is not None and timing.deadline == self.frame.budget_deadline and high != limit:
            # The model's deadline is the law's ("efter loven"): a year that moves the law's moves it too.
            high, qualifier = limit, qualifier + ", the deadline moved by the year file"
        if limit is not None and (high is None or high > limit):
            high, qualifier = limit, qualifier + f", by the frame's budget deadline {_day(limit)}"
        if limit is not None and low is not None and low > limit:
            low = datetime.date(year, limit.month, 1)
        unplaced = low is None and high is None
        count = timing.times_per_year
        if isinstance(count, Span) and not (unplaced and count.low == 1):
            return self._spread(base, timing, year, low or start, high or last, qualifier)
        if timing.date is not None:
            return [
                evolve(base, date=low, year=year, approximate=timing.approximate, placed="the date the source gives")
            ]
        if limit is not None and low is None and high == limit:
            day = self.days.on_or_before(limit, start) or limit
            placed = (
                f"the last working day by the frame's budget deadline {_day(limit)} (the source gives no day; "
                f"the law gives the deadline){self._qualifier(timing, year)}"
            )
            return [evolve(base, date=day, year=year, approximate=True, placed=placed, window=(start, limit))]
        if unplaced:
            reason = f"once in {year}{qualifier}; the source gives no time of year"
            return [evolve(base, date=None, year=year, placed="undated", reason=reason)]
        if low is None:
            assert high is not None
            day = self.days.on_or_before(high, start) or high
            placed = (
                f"the last working day by the deadline {_day(high)} (the source gives only the deadline){qualifier}"
            )
            return [evolve(base, date=day, year=year, approximate=True, placed=placed, window=(start, high))]
        if high is None or high < low:
            high = high or last
        day = self.days.nearest(_middle(low, high), low, high)
        words = _window_words(timing)
        if timing.deadline is not None and timing.week is None and timing.month is None and timing.quarter is None:
            words = "the year"
        by = f", by {_day(high)}" if timing.deadline is not None else ""
        placed = f"middle of {words}{by}{qualifier} (the source gives no day)"
        return [evolve(base, date=day, year=year, approximate=True, placed=placed, window=(low, high))]

    def _spread(
        self,
        base: Occurrence,
        timing: Timing,
        year: int,
        low: datetime.date,
        high: datetime.date,
        qualifier: str,
    ) -> list[Occurrence]:
        count = timing.times_per_year
        assert isinstance(count, Span)
        times = count.low
        span = (high - low).days + 1
        step = max(1, span // times)
        first = low + datetime.timedelta(days=step // 2)
        lower = f" (the source gives {count} a year: the lower bound placed)" if not count.is_exact else ""
        placed = f"{times} a year spread evenly over {_window_words(timing)}{lower}{qualifier}"
        found = []
        for index, day in enumerate(rrule(DAILY, interval=step, count=times, dtstart=first)):
            # Each may move within its own share of the window, not past its neighbours.
            share_low = low + datetime.timedelta(days=index * step)
            share_high = min(high, share_low + datetime.timedelta(days=step - 1))
            placed_day = self.days.nearest(day.date(), share_low, share_high)
            found.append(
                evolve(
                    base, date=placed_day, year=year, approximate=True, placed=placed, window=(share_low, share_high)
                )
            )
        return found

    def _every_days(self, base: Occurrence, timing: Timing) -> list[Occurrence]:
        every = timing.every_days
        assert isinstance(every, int)
        start, end = datetime.date(self.years.start, 1, 1), datetime.date(self.years.stop - 1, 12, 31)
        skip = -(-(start - CADENCE_EPOCH).days // every)
        first = CADENCE_EPOCH + datetime.timedelta(days=skip * every)
        placed = f"every {every} days, counted from Monday 1 January 2001 (the source gives no weekday)"
        placed += self._qualifier(timing)
        found = []
        for moment in rrule(DAILY, interval=every, dtstart=first, until=end):
            day = moment.date()
            if occurs(timing, day.year, self.frame.term_year(day.year)) is False:
                continue
            moved = self.days.on_or_after(day, day + datetime.timedelta(days=every - 1)) or day
            found.append(
                evolve(
                    base,
                    date=moved,
                    year=moved.year,
                    approximate=True,
                    placed=placed,
                    window=(moved, moved),
                )
            )
        return found

    # -- the frame ------------------------------------------------------------------------------------------

    def frame_occurrences(self) -> list[Occurrence]:
        """The elections, term starts and budget deadlines the frame puts in every municipality's calendar."""
        found = []
        for year in self.years:
            election = self.frame.election_day(year)
            if election is not None:
                found.append(
                    Occurrence(
                        "kommunalvalg",
                        "Kommunalvalg",
                        election,
                        year,
                        False,
                        "the third Tuesday of November (national frame)",
                        source=VALGLOVEN_6_2,
                        frame=True,
                    )
                )
            if self.frame.term_year(year) == 1:
                found.append(
                    Occurrence(
                        "valgperiode_start",
                        "Valgperioden begynder",
                        datetime.date(year, 1, 1),
                        year,
                        False,
                        "1 January after the election (national frame)",
                        source=VALGLOVEN_6_3,
                        frame=True,
                    )
                )
            override = self.overrides.get(year)
            moved = override is not None and override.budget_deadline is not None
            placed = "the frame's budget deadline (national frame)"
            if moved:
                assert override is not None
                placed = f"the year file moves the frame's deadline 15 October: {override.reason or 'no reason given'}"
            found.append(
                Occurrence(
                    "budgetfrist",
                    "Frist for vedtagelse af årsbudgettet",
                    self.budget_deadline(year),
                    year,
                    False,
                    placed,
                    source=BUDGET_RULES,
                    frame=True,
                )
            )
        return found


# -- ordering constraints ----------------------------------------------------------------------------------


def _gap(lag: Lag | None) -> int:
    """The days `then` must follow `first` by: the lag's minimum or target, same day allowed where max is 0."""
    if lag is None:
        return 1
    if lag.min is not None:
        return lag.min
    if lag.target is not None:
        return lag.target
    return 0 if lag.max == 0 else 1


class _Orderer:
    """Keeps ordering constraints by moving rough placements within their windows; reports what it cannot."""

    def __init__(self, days: WorkingDays, by_id: dict[str, list[Occurrence]], model: SteeringModel) -> None:
        self.days = days
        self.by_id = by_id
        self.model = model
        # Where each item's dated occurrences of a year sit in its list; moves change dates, never years.
        self.index: dict[str, dict[int, list[int]]] = {}
        for item, found in by_id.items():
            years = self.index.setdefault(item, {})
            for position, occurrence in enumerate(found):
                if occurrence.date is not None and occurrence.year is not None:
                    years.setdefault(occurrence.year, []).append(position)

    def year_of(self, item: str, year: int) -> list[tuple[int, Occurrence]]:
        """The dated occurrences of `item` in `year`, with their positions."""
        found = self.by_id.get(item, [])
        return [(position, found[position]) for position in self.index.get(item, {}).get(year, ())]

    def anchor(self, constraint: OrderingConstraint, years: range) -> None:
        """Place each `first` meeting `target` days before one of the `then` meetings, spread evenly over them."""
        lag = constraint.lag_days
        assert lag is not None and lag.target is not None
        for year in years:
            firsts, thens = self.year_of(constraint.first, year), self.year_of(constraint.then, year)
            if not firsts or len(firsts) > len(thens) or any(item.window is None for _, item in firsts):
                continue
            chosen = [thens[(2 * index + 1) * len(thens) // (2 * len(firsts))] for index in range(len(firsts))]
            for (index, first), (_, then) in zip(firsts, chosen, strict=True):
                assert then.date is not None
                target = then.date - datetime.timedelta(days=lag.target)
                day = self.days.on_or_before(target, target - datetime.timedelta(days=7)) or target
                placed = (
                    f"{lag.target} days before the {then.name} of {then.date.isoformat()} "
                    f"({'about ' if lag.approximate else ''}as the ordering {constraint.first} → {constraint.then} "
                    f"says), one before each of {len(firsts)} of the {len(thens)} spread over the year"
                )
                self.by_id[constraint.first][index] = evolve(first, date=day, placed=placed, window=(day, day))

    def pairs(self, constraint: OrderingConstraint, year: int) -> list[tuple[int, int]]:
        """Which occurrence of `first` must precede which of `then`, for `first`'s occurrences in `year`."""
        if not isinstance(constraint.year_offset, int):
            return []  # the source does not say in which year `then` follows: listed as unchecked
        firsts = self.year_of(constraint.first, year)
        thens = self.year_of(constraint.then, year + constraint.year_offset)
        if not firsts or not thens:
            return []
        if len(firsts) == len(thens):
            return [(first, then) for (first, _), (then, _) in zip(firsts, thens, strict=True)]
        if len(thens) == 1:
            last = max(firsts, key=lambda item: item[1].date or datetime.date.min)
            return [(last[0], thens[0][0])]
        if len(firsts) == 1:
            return [(firsts[0][0], then) for then, _ in thens]
        return []

    def keep(self, constraint: OrderingConstraint, year: int) -> bool:
        """Move `then` later (or `first` earlier) within its window; True when something moved."""
        gap = datetime.timedelta(days=_gap(constraint.lag_days))
        moved = False
        for first_index, then_index in self.pairs(constraint, year):
            first = self.by_id[constraint.first][first_index]
            then = self.by_id[constraint.then][then_index]
            assert first.date is not None and then.date is not None
            if then.date >= first.date + gap:
                continue
            if then.window is not None and then.window[0] != then.window[1]:
                day = self.days.on_or_after(first.date + gap, then.window[1])
                if day is not None and day >= then.window[0]:
                    placed = f"{then.placed}; moved to follow {first.name} ({constraint.first} → {constraint.then})"
                    self.by_id[constraint.then][then_index] = evolve(then, date=day, placed=placed)
                    moved = True
                    continue
            if first.window is not None and first.window[0] != first.window[1]:
                day = self.days.on_or_before(then.date - gap, first.window[0])
                if day is not None and day <= first.window[1]:
                    placed = f"{first.placed}; moved to precede {then.name} ({constraint.first} → {constraint.then})"
                    self.by_id[constraint.first][first_index] = evolve(first, date=day, placed=placed)
                    moved = True
        return moved

    def conflicts(self, constraint: OrderingConstraint, year: int) -> list[Conflict]:
        found = []
        lag = constraint.lag_days
        for first_index, then_index in self.pairs(constraint, year):
            first = self.by_id[constraint.first][first_index]
            then = self.by_id[constraint.then][then_index]
            assert first.date is not None and then.date is not None
            days = (then.date - first.date).days
            problem = ""
            if lag is not None and lag.target is not None and lag.approximate:
                if abs(days - lag.target) > 7:
                    problem = f"{days} days apart, not about {lag.target}"
            elif days < _gap(lag):
                problem = f"{then.name} on {then.date} does not follow {first.name} on {first.date}"
            if not problem and lag is not None and lag.max is not None and days > lag.max:
                problem = f"{days} days apart, more than the {lag.max} allowed"
            if problem:
                found.append(
                    Conflict(
                        constraint.first,
                        constraint.then,
                        year,
                        constraint.strength,
                        f"cannot keep {constraint.first} → {constraint.then} in {year}: {problem}",
                        str(constraint.source or ""),
                    )
                )
        return found


# -- the whole calendar ------------------------------------------------------------------------------------


def _base_of_event(event: Event) -> Occurrence:
    actors = () if isinstance(event.actors, Unknown) else event.actors
    return Occurrence(
        event.id,
        event.name,
        None,
        None,
        False,
        "",
        body=event.body,
        actors=actors,
        documents=event.documents,
        source=str(event.source or ""),
    )


def _why_unchecked(constraint: OrderingConstraint, by_id: dict[str, list[Occurrence]]) -> Unchecked | None:
    """Why an ordering cannot be kept or checked in the calendar, or None where it can."""
    if not isinstance(constraint.year_offset, int):
        return Unchecked(constraint.first, constraint.then, "the source does not say in which year the second follows")
    for side in (constraint.first, constraint.then):
        if side not in by_id:
            return Unchecked(constraint.first, constraint.then, f"'{side}' is not an event or body of the model")
        if not any(occurrence.date is not None for occurrence in by_id[side]):
            return Unchecked(constraint.first, constraint.then, f"'{side}' has no dated occurrence")
    return None


def _no_cadence(found: list[Occurrence]) -> list[Occurrence]:
    """A body's meetings with no cadence: say so in the words of a body, not of an event."""
    return [
        evolve(item, reason="the source gives no cadence for its meetings")
        if item.reason == "the source gives no time"
        else item
        for item in found
    ]


def _base_of_body(body: Body) -> Occurrence:
    members = () if isinstance(body.members, Unknown) else body.members
    return Occurrence(
        body.id, body.name, None, None, False, "", body=body.id, actors=members, source=str(body.source or "")
    )


def _sort_key(occurrence: Occurrence) -> tuple[int, datetime.date, str]:
    if occurrence.date is None:
        return (1, datetime.date(occurrence.year or 1, 1, 1), occurrence.event)
    return (0, occurrence.date, occurrence.event)


def calendar(
    model: SteeringModel,
    years: Iterable[int] | int,
    overrides: Mapping[int, FrameOverride] | None = None,
) -> Calendar:
    """The model's events and bodies' meetings, placed on working days for every year in `years`.

    Frame facts (elections, term starts, the budget deadline) are added and marked as the frame's; a year in
    `overrides` (from a year file's `[national]`) moves the budget deadline of that year.
    """
    span = sorted({years} if isinstance(years, int) else set(years))
    if not span:
        raise ValueError("the calendar needs at least one year")
    if span != list(range(span[0], span[-1] + 1)):
        raise ValueError("the calendar's years must be consecutive")
    year_range = range(span[0], span[-1] + 1)
    overrides = dict(overrides or {})
    frame = frame_for(model)
    expander = _Expander(model, year_range, frame, overrides)
    by_id: dict[str, list[Occurrence]] = {}
    for body in model.bodies:
        by_id[body.id] = _no_cadence(expander.expand(_base_of_body(body), body.cadence))
    for event in model.events:
        by_id[event.id] = expander.expand(_base_of_event(event), event.when, expander.adopts_budget(event))
    orderer = _Orderer(expander.days, by_id, model)
    # An ordering whose year offset the source leaves open (Hvidovre's follow-up before the dialogue meetings
    # "from year to year" or once a term) cannot pair occurrences: it is not placed by, nor checked.
    constraints = [
        c for c in model.constraints if c.first in by_id and c.then in by_id and isinstance(c.year_offset, int)
    ]
    unchecked = [_why_unchecked(c, by_id) for c in model.constraints]
    for constraint in constraints:
        lag = constraint.lag_days
        if lag is not None and lag.target is not None and len(by_id[constraint.first]) != len(by_id[constraint.then]):
            orderer.anchor(constraint, year_range)
    # Moves cascade along chains of constraints: repeat until nothing moves (bounded by the chain length).
    for _ in range(len(constraints) + 1):
        moved = False
        for constraint in constraints:
            for year in year_range:
                moved = orderer.keep(constraint, year) or moved
        if not moved:
            break
    conflicts = [
        conflict
        for constraint in constraints
        for year in year_range
        for conflict in orderer.conflicts(constraint, year)
    ]
    occurrences = [occurrence for found in by_id.values() for occurrence in found]
    occurrences.extend(expander.frame_occurrences())
    occurrences.sort(key=_sort_key)
    applied = tuple(
        Override(year, "budget_deadline", str(override.budget_deadline), override.reason)
        for year, override in sorted(overrides.items())
        if year in year_range and override.budget_deadline is not None
    )
    term = model.municipality.election_term_years
    return Calendar(
        model.id,
        model.name,
        year_range.start,
        year_range.stop - 1,
        tuple(occurrences),
        tuple(conflicts),
        applied,
        frame.term_years,
        not isinstance(term, int),
        tuple(item for item in unchecked if item is not None),
    )


class _CallableModule(types.ModuleType):
    """This module, callable as its function: `kommunemodel.simulate.calendar(model, years)` either way."""

    def __call__(self, *args: Any, **kwargs: Any) -> Calendar:
        return calendar(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
