"""KM2xx: the annual cycle — timings that contradict themselves, lags, and ordering constraints."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ...model import Span, SteeringModel, Strength, Timing, Years
from ...model.cycle import QUARTER_OF_MONTH
from ...model.integrity import Path
from ..base import Finding, Rule, Severity, rule
from ..graph import cycles
from ..subject import Subject

DAYS_IN_YEAR = 365


def timings(model: SteeringModel) -> Iterator[tuple[Path, Timing]]:
    """Every timing in a model with its path: cadences of bodies and documents, events, responsibilities, follow-ups."""
    for collection, items, name in (
        ("bodies", model.bodies, "cadence"),
        ("documents", model.documents, "cadence"),
        ("events", model.events, "when"),
        ("responsibilities", model.responsibilities, "when"),
    ):
        for index, item in enumerate(items):
            timing = getattr(item, name)
            if isinstance(timing, Timing):
                yield (collection, index, name), timing
    follow_ups = model.budget.follow_ups
    for index, follow_up in enumerate(follow_ups if isinstance(follow_ups, tuple) else ()):
        if isinstance(follow_up.cadence, Timing):
            yield ("budget", "follow_ups", index, "cadence"), follow_up.cadence


def _month(day: str) -> int:
    return int(day[:2])


def contradictions(timing: Timing) -> Iterator[tuple[str, str]]:
    """(field, what contradicts) for each pair of a timing's parts that cannot both hold."""
    for name in ("date", "deadline"):
        day = getattr(timing, name)
        if day is None:
            continue
        if timing.quarter is not None and QUARTER_OF_MONTH[_month(day)] != timing.quarter:
            yield name, f"{name} {day} does not lie in quarter {timing.quarter}"
        if timing.month is not None and _month(day) not in timing.month:
            yield name, f"{name} {day} does not lie in month {timing.month}"
    if timing.date is not None and timing.deadline is not None and timing.date > timing.deadline:
        yield "deadline", f"it happens on {timing.date}, after its own deadline {timing.deadline}"
    if timing.years in (Years.EVEN, Years.ODD) and timing.every_years is not None and timing.every_years % 2:
        yield "years", f"every {timing.every_years} year(s) cannot keep to {timing.years.value} years"
    if isinstance(timing.every_days, int):
        if timing.every_days > DAYS_IN_YEAR + 1:
            yield "every_days", f"every {timing.every_days} days is less than once a year; write every_years"
        elif isinstance(timing.times_per_year, Span):
            implied = Span(DAYS_IN_YEAR // timing.every_days, -(-DAYS_IN_YEAR // timing.every_days))
            if implied.high < timing.times_per_year.low or implied.low > timing.times_per_year.high:
                yield (
                    "times_per_year",
                    (
                        f"every {timing.every_days} days is {implied} times a year, "
                        f"not {timing.times_per_year} as times_per_year says"
                    ),
                )


@rule("KM201", "timing-inconsistent", Severity.ERROR)
def timing_inconsistent(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The parts of one timing contradict each other.

    ## What it checks
    Within one timing (`cadence`, `when`): a `date` or `deadline` lies in the `quarter` and `month` given; a
    `date` does not fall after the `deadline`; `years = "even"`/`"odd"` goes with an even `every_years`;
    `every_days` and `times_per_year` give the same count; and `every_days` is at most a year. (A once-per-term
    timing, `years = "term_year_N"`, cannot recur within the year at all: the file does not load if it tries.)

    ## Why it matters
    The årshjul is expanded into dated events and checked against a year's meetings; a timing that says two
    things at once gives no date at all. Helsingør's strategy map is made anew in even years and reviewed in
    odd years, in Q4 (Helsingør Kommunes styringsmodel §5): "even years" cannot also be "every year".

    ## Example
    ```toml
    when = { quarter = 1, deadline = "10-15" }
    cadence = { every_days = 14, times_per_year = 8 }
    ```

    ## Use instead
    ```toml
    when = { quarter = 4, deadline = "10-15" }
    cadence = { every_days = 14, approximate = true }
    ```
    """
    for path, timing in timings(subject.model):
        for name, problem in contradictions(timing):
            yield self.finding(
                (*path, name), problem, "make the parts of the timing agree, or drop the one that is wrong"
            )


@rule("KM202", "lag-ill-formed", Severity.ERROR)
def lag_ill_formed(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An ordering constraint's lag is negative, or its minimum, target and maximum are out of order.

    ## What it checks
    In `lag_days = { min = …, target = …, max = … }` every value is zero or more, and `min ≤ target ≤ max` for the
    values given.

    ## Why it matters
    The lag is how long after `first` the `then` comes: C-MED meets about two weeks before H-MED (Helsingør
    Kommunes styringsmodel §5). A negative lag turns the order around, and a minimum above the maximum admits no
    day at all, so neither the calendar nor a year's meetings can be checked against it.

    ## Example
    ```toml
    [[constraints]]
    first = "c_med"
    then = "h_med"
    lag_days = { min = 21, max = 7 }
    ```

    ## Use instead
    ```toml
    [[constraints]]
    first = "c_med"
    then = "h_med"
    lag_days = { target = 14 }
    ```
    """
    for index, constraint in enumerate(subject.model.constraints):
        lag = constraint.lag_days
        if lag is None:
            continue
        path = ("constraints", index, "lag_days")
        given = [(name, getattr(lag, name)) for name in ("min", "target", "max") if getattr(lag, name) is not None]
        for name, days in given:
            if days < 0:
                yield self.finding(
                    (*path, name), f"lag {name} is {days} days; a lag is never negative", "swap first and then"
                )
        for (low_name, low), (high_name, high) in itertools.pairwise(given):
            if low > high:
                yield self.finding(
                    (*path, high_name),
                    f"lag {low_name} {low} days is more than {high_name} {high} days",
                    "order them min ≤ target ≤ max",
                )


def _schedule(subject: Subject, item: str) -> list[Timing] | None:
    """The timings of an event or a body's meetings (its cadence and its events); None if `item` is neither."""
    if item in subject.bodies:
        cadence = subject.bodies[item].cadence
        own = [cadence] if isinstance(cadence, Timing) else []
        held = [subject.model.events[index].when for index in subject.scheduled_by_events.get(item, [])]
        return own + [timing for timing in held if isinstance(timing, Timing)]
    event = subject.events.get(item)
    if event is None:
        return None
    return [event.when] if isinstance(event.when, Timing) else []


def _most_per_year(schedule: list[Timing]) -> int | None:
    counts = [timing.per_year.high for timing in schedule if isinstance(timing.per_year, Span)]
    return max(counts) if counts else None


@rule("KM203", "constraint-never-scheduled", Severity.WARNING)
def constraint_never_scheduled(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An ordering constraint names a body or event that has no time in the year.

    ## What it checks
    The `first` and `then` of each constraint have a schedule: an event has a `when`, a body has a `cadence`
    or events held by it (`events[].body`). A body whose file leaves out `cadence`, and that holds no event,
    never meets: a warning. A timing the file gives as `"not_described"` is only `info`: the source does not
    say when, so the constraint cannot be checked.

    ## Why it matters
    "C-MED meets about two weeks before H-MED" (Helsingør Kommunes styringsmodel §5) can only be planned and
    checked when both committees have meetings in the year. A constraint on a body that never meets can never
    be kept — or is kept trivially, which says nothing.

    ## Example
    ```toml
    [[bodies]]
    id = "c_med"
    name = "C-MED"
    kind = "med"
    # no cadence, and no event with body = "c_med"

    [[constraints]]
    first = "c_med"
    then = "h_med"
    ```

    ## Use instead
    ```toml
    [[bodies]]
    id = "c_med"
    name = "C-MED"
    kind = "med"
    cadence = { times_per_year = 6 }
    ```
    """
    for index, constraint in enumerate(subject.model.constraints):
        for side in ("first", "then"):
            item = getattr(constraint, side)
            if _schedule(subject, item) != []:
                continue
            body_index = next((i for i, body in enumerate(subject.model.bodies) if body.id == item), None)
            never = body_index is not None and subject.written(("bodies", body_index, "cadence")) is False
            yield self.finding(
                ("constraints", index, side),
                f"{side} {item!r} "
                + (
                    "has no cadence and holds no event: it never meets"
                    if never
                    else "has no described time in the year"
                )
                + ", so the constraint cannot be kept or checked",
                f"give {item!r} a cadence or an event with 'when'"
                + ("" if never else ' where the source says; "not_described" is right where it does not'),
                None if never else Severity.INFO,
            )


@rule("KM204", "lag-exceeds-period", Severity.WARNING)
def lag_exceeds_period(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A constraint's lag is as long as the time between two meetings of its `first` or `then`.

    ## What it checks
    The lag (`min`, or else `target`) of a constraint is shorter than the time between two occurrences of
    `first` and of `then`: a year divided by the most times a year each happens.

    ## Why it matters
    When C-MED meets two weeks before H-MED (Helsingør Kommunes styringsmodel §5), C-MED meets 6 times a year
    (about 61 days apart) and H-MED 8 times (about 46 days apart), the pairs are clear. A lag longer than the
    gap between two meetings of either puts another meeting between the two that belong together: the
    calendar no longer says which C-MED meeting prepares which H-MED meeting.

    ## Example
    ```toml
    [[constraints]]
    first = "c_med"
    then = "h_med"             # 8 times a year: about 46 days apart
    lag_days = { min = 60 }
    ```

    ## Use instead
    ```toml
    [[constraints]]
    first = "c_med"
    then = "h_med"
    lag_days = { target = 14 }
    ```
    """
    for index, constraint in enumerate(subject.model.constraints):
        lag = constraint.lag_days
        if lag is None:
            continue
        name = "min" if lag.min is not None else "target"
        days = getattr(lag, name)
        if days is None:
            continue
        for side in ("first", "then"):
            item = getattr(constraint, side)
            schedule = _schedule(subject, item)
            most = _most_per_year(schedule) if schedule else None
            if most and days >= DAYS_IN_YEAR / most:
                yield self.finding(
                    ("constraints", index, "lag_days", name),
                    f"lag of {days} days is not shorter than the {DAYS_IN_YEAR / most:.0f} days between occurrences "
                    f"of {item!r} ({most} times a year)",
                    f"shorten the lag, or check the cadence of {item!r}",
                )
                break


@rule("KM205", "constraint-cycle", Severity.ERROR)
def constraint_cycle(self: Rule, subject: Subject) -> Iterator[Finding]:
    """Ordering constraints that must hold require something to come before itself.

    ## What it checks
    The constraints with `strength = "must"` (the default) within one year (`year_offset = 0`), read as arrows
    from `first` to `then`, form no cycle; a constraint whose `first` is its `then` is a cycle too. A
    constraint into the following year (`year_offset = 1`) closes no cycle: the year wheel turns.

    ## Why it matters
    Budget and goals move through the year in order: Skanderborg adopts the budget by 15 October, then the
    executive board publishes the development tracks in week 43, then the contracts are signed before the new
    year (Skanderborg Kommune, Ledelse og styring 2018, §7 *Oktoberkvartal*). If the contracts must also come
    before the budget, no calendar can satisfy every constraint.

    ## Example
    ```toml
    [[constraints]]
    first = "budget_vedtaget"
    then = "kontrakt_underskrevet"

    [[constraints]]
    first = "kontrakt_underskrevet"
    then = "budget_vedtaget"
    ```

    ## Use instead
    ```toml
    [[constraints]]
    first = "budget_vedtaget"
    then = "kontrakt_underskrevet"
    ```
    """
    binding = [
        (index, constraint)
        for index, constraint in enumerate(subject.model.constraints)
        if constraint.strength is Strength.MUST and constraint.year_offset == 0
    ]
    edges: dict[str, list[str]] = {}
    for _index, constraint in binding:
        edges.setdefault(constraint.first, []).append(constraint.then)
        edges.setdefault(constraint.then, [])
    for component in cycles(edges):
        members = set(component)
        index = min(position for position, c in binding if c.first in members and c.then in members)
        yield self.finding(
            ("constraints", index),
            f"must-constraints require {', '.join(repr(member) for member in component)} each to come before itself",
            'drop or weaken (strength = "should") one of the constraints in the cycle',
        )
