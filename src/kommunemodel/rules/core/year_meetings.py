"""KM410: the meetings the bodies held and the events that took place, counted against their cadences."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Span, Timing
from ...model.cycle import occurs
from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject


@rule("KM410", "meeting-count", Severity.ERROR, subject=SubjectKind.YEAR)
def meeting_count(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A body met, or an event took place, more or fewer times in the year than its cadence says.

    ## What it checks
    For each body whose `cadence` gives a count a year (`times_per_year`, or `every_days`, which gives
    365 ÷ days rounded both ways) and applies to the file's year, the number of its `[[meetings]]` lies in that
    range. Where the meetings name the `unit` whose body met (one C-MED per centre), each unit's meetings are
    counted on their own, and every unit on the body's level (its `per`, else its `level`) is counted, one
    that never met included. An approximate cadence (`approximate = true`) gives warnings; a cadence that is
    `"not_described"` or only `as_needed` is not checked. A file with no `[[meetings]]` at all is taken not
    to record meetings.

    Events are counted the same way where the file records any (`{ event = "strategidag", date = … }`): each
    event whose `when` gives a count a year (`times_per_year`, or `every_years = 1`: once a year; or
    `years = "term_year_N"`: once, in that year of the election term) and applies to the file's year. An
    event placed in the year without a count (`quarter = 4`) is a step of the cycle, not counted, and an event
    that recurs `every_days` is part of a body's meetings, counted with the body.

    ## Why it matters
    The meeting rhythm is part of the agreement behind it: C-MED meets 6 times a year and H-MED 8 times a year
    under the MED agreement (Helsingør Kommunes styringsmodel §5, citing MED-aftalen §4 stk. 7); Ishøj's
    executive board meets about every 14 days and holds 1–2 strategy days with the mayor a year (Ishøj Kommune,
    Arbejdsgrundlag for direktion og koncernledelse, *Direktionsmøder*; *Strategidag med borgmester*). Fewer
    meetings mean decisions and consultations that did not happen.

    ## Example
    ```toml
    # H-MED: cadence = { times_per_year = 8 }; the year holds 5 meetings of h_med
    ```

    ## Use instead
    ```toml
    # 8 [[meetings]] with body = "h_med", or a waiver that says why fewer were held
    [[waivers]]
    code = "KM410"
    path = "meetings"
    reason = "Two H-MED meetings cancelled during the 2024 restructuring, agreed in H-MED 2024-03-14"
    ```
    """
    year = subject.year
    assert year is not None
    if not year.meetings:
        return
    for body in subject.bodies.values():
        cadence = body.cadence
        if not isinstance(cadence, Timing) or occurs(cadence, year.year, year.term_year) is not True:
            continue
        expected = cadence.per_year
        if isinstance(expected, Span):
            yield from _count(self, subject, "body", body.id, cadence, expected, subject.meetings_by_body)
    if all(meeting.event is None for meeting in year.meetings):
        return  # a file that records no event is taken not to record events
    for event in subject.events.values():
        when = event.when
        if not isinstance(when, Timing) or occurs(when, year.year, year.term_year) is not True:
            continue
        if when.times_per_year is not None:
            expected = when.times_per_year
        elif (when.every_years == 1 and when.every_days is None) or when.per_term is not None:
            expected = Span.exactly(1)  # once a year, or once in its year of the election term
        else:
            continue
        if isinstance(expected, Span):
            yield from _count(self, subject, "event", event.id, when, expected, subject.meetings_by_event)


def _count(
    self: Rule,
    subject: Subject,
    kind: str,
    held: str,
    timing: Timing,
    expected: Span,
    index: dict[str, list[int]],
) -> Iterator[Finding]:
    """Findings where a body (`kind = "body"`) or an event (`"event"`) met other than `expected` times.

    Where the meetings name their unit, each unit's are counted on their own, and a unit on the body's level
    with none is counted too.
    """
    year = subject.year
    assert year is not None
    meetings = year.meetings
    by_unit: dict[str | None, list[int]] = {}
    for position in index.get(held, []):
        by_unit.setdefault(meetings[position].unit, []).append(position)
    if any(unit_id is not None for unit_id in by_unit):
        level = subject.unit_level_of(held) if kind == "body" else None
        for unit_on_level in subject.units_by_level.get(level, []) if level is not None else []:
            by_unit.setdefault(unit_on_level, [])
    elif not by_unit:
        by_unit[None] = []
    unit_index = subject.unit_positions
    name = repr(held) if kind == "body" else f"event {held!r}"
    verb, rhythm = ("met", "cadence") if kind == "body" else ("took place", "timing")
    for unit_id, positions in by_unit.items():
        if len(positions) in expected:
            continue
        by_date = sorted(positions, key=lambda position: (meetings[position].date, position))
        path: tuple[str | int, ...]
        if not positions:
            path = ("units", unit_index[unit_id]) if unit_id in unit_index else ("meetings",)
        else:
            # Too many: the first beyond the count, by date; too few: the first recorded.
            pointed = by_date[expected.high] if len(positions) > expected.high else positions[0]
            path = ("meetings", pointed, kind)
        whose = name + (f" of unit {unit_id!r}" if unit_id is not None else "")
        dates = f" ({', '.join(str(meetings[position].date) for position in by_date)})" if kind == "event" else ""
        if kind == "body":
            hint = "record every meeting held, or explain the difference in a waiver"
        elif len(positions) > expected.high:
            hint = "record only the times it took place (a body's own meeting is body = …), or explain why in a waiver"
        else:
            hint = f'record each time it took place as {{ event = "{held}", date = … }}, or explain why in a waiver'
        yield self.finding(
            path,
            f"{whose} {verb} {len(positions)} times in {year.year}{dates if positions else ''}; its {rhythm} gives "
            f"{expected} a year",
            hint,
            Severity.WARNING if timing.approximate else None,
        )
