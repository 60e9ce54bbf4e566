"""Ishøj's own year rules: the rhythm of the direktion's and koncernledelsen's meetings, strategy day, seminar."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from kommunemodel.model import Span, Timing, Years
from kommunemodel.rules import Finding, Rule, Severity, Subject, SubjectKind, rule
from kommunemodel.year import Meeting

MODELS = {"ishoej"}
#: A gap between two fixed meetings may last this many periods of the cadence: one meeting may fall away.
GAP_PERIODS = 2
#: A gap that includes a day of July may last this many: the summer holiday (three weeks of fællesferie).
SUMMER_PERIODS = 3
SUMMER_MONTH = 7  # July


class Held(NamedTuple):
    """How a year file records one of the model's events: as a meeting of `body` whose note contains `word`.

    The year format records meetings of bodies, not events; the strategy day and the seminar are events.
    """

    event: str
    body: str
    word: str

    def marks(self, meeting: Meeting) -> bool:
        """Whether the meeting is this event."""
        return meeting.body == self.body and self.word in meeting.note.casefold()


STRATEGY_DAY = Held("strategidag", "direktion", "strategidag")
SEMINAR = Held("koncernledelsesseminar", "koncernledelse", "seminar")
EVENTS = (STRATEGY_DAY, SEMINAR)


def fixed_meetings(subject: Subject, body: str) -> list[tuple[int, datetime.date]]:
    """A body's fixed meetings, (index, date) by date: its meetings except those that are a strategy day or seminar."""
    assert subject.year is not None
    meetings = subject.year.meetings
    fixed = [
        (index, meetings[index].date)
        for index in subject.meetings_by_body.get(body, [])
        if not any(held.marks(meetings[index]) for held in EVENTS)
    ]
    return sorted(fixed, key=lambda item: (item[1], item[0]))


def _includes_summer(after: datetime.date, before: datetime.date) -> bool:
    """Whether a day strictly between the two falls in July."""
    return after < datetime.date(after.year, SUMMER_MONTH, 31) and before > datetime.date(before.year, SUMMER_MONTH, 1)


@rule("ISH001", "meeting-gap", Severity.ERROR, subject=SubjectKind.YEAR, models=MODELS)
def meeting_gap(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The direktion or koncernledelsen went too long between two fixed meetings.

    ## What it checks
    For each body whose cadence is `every_days` (Ishøj's direktion and koncernledelse, every 14 days), the days
    between two consecutive fixed meetings, and from 1 January to the first and from the last to 31 December,
    are at most twice the cadence (28 days: one meeting may fall away for a holiday week or a cancellation), or
    three times it (42 days) where the gap includes a day of July, the summer holiday. A strategy day or the
    seminar (recorded as a meeting whose note names it) is not a fixed meeting. The direktion's cadence is
    approximate ("ca."), so its gaps give warnings; koncernledelsen's is not, so its gaps give errors. A body
    with no meeting recorded is left to KM410, which counts the meetings; this rule checks their rhythm.

    ## Why it matters
    The direktion has "faste møder ca. hver 14. dag", with the mayor in the first part; koncernledelsens faste
    møder "afholdes hver 14. dag med deltagelse af alle centerchefer samt direktionen" (Ishøj Kommune,
    Arbejdsgrundlag for direktion og koncernledelse, *Direktionens mødefora › Direktionsmøder*; *Koncernledelsens
    mødefora*). A year can hold its 26 meetings and still leave the centre chiefs without a common meeting for
    two months; the count alone does not show it. The tolerance is this plugin's reading: the source names no
    holidays, but "ca." and the Danish summer holiday make one missed meeting, or two in July, ordinary.

    ## Example
    ```toml
    meetings = [
      { body = "koncernledelse", date = 2024-03-20 },
      { body = "koncernledelse", date = 2024-05-01 },   # 42 days, in spring
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "koncernledelse", date = 2024-03-20 },
      { body = "koncernledelse", date = 2024-04-17 },   # one meeting (3 April) fell away: 28 days
      { body = "koncernledelse", date = 2024-05-01 },
    ]
    ```
    """
    year = subject.year
    assert year is not None
    start, end = datetime.date(year.year, 1, 1), datetime.date(year.year, 12, 31)
    for body in subject.bodies.values():
        cadence = body.cadence
        if (
            not isinstance(cadence, Timing)
            or not isinstance(cadence.every_days, int)
            or cadence.years is not Years.EVERY
        ):
            continue
        fixed = fixed_meetings(subject, body.id)
        if not fixed:
            continue
        severity = Severity.WARNING if cadence.approximate else None
        # (from, to, the meeting the finding points at, how the message names from and to)
        first_index, first = fixed[0]
        last_index, last = fixed[-1]
        gaps = [(start, first, first_index, "the start of the year", str(first))]
        gaps += [(one, other, index, str(one), str(other)) for (_, one), (index, other) in pairwise(fixed)]
        gaps += [(last, end, last_index, str(last), "the end of the year")]
        for after, before, index, since, until in gaps:
            summer = _includes_summer(after, before)
            allowed = cadence.every_days * (SUMMER_PERIODS if summer else GAP_PERIODS)
            days = (before - after).days
            if days <= allowed:
                continue
            yield self.finding(
                ("meetings", index, "date"),
                f"{body.id!r} held no fixed meeting for {days} days, from {since} to {until}; meeting every "
                f"{cadence.every_days} days allows {allowed}" + (" over the summer holiday" if summer else ""),
                "record every fixed meeting held; a longer break needs a reason in a waiver",
                severity,
            )


def _event_count(self: Rule, subject: Subject, held: Held) -> Iterator[Finding]:
    """Findings where a year holds the event `held` more or fewer times than the model's event says."""
    year = subject.year
    assert year is not None
    event = subject.events.get(held.event)
    meetings = subject.meetings_by_body.get(held.body, [])
    if event is None or not isinstance(event.when, Timing) or not meetings:
        return
    expected = event.when.per_year
    if not isinstance(expected, Span):
        return
    found = sorted(
        (index for index in meetings if held.marks(year.meetings[index])), key=lambda i: (year.meetings[i].date, i)
    )
    if len(found) in expected:
        return
    message = f"{event.name!r} was held {len(found)} times in {year.year}; the model gives {expected} a year"
    if len(found) > expected.high:
        yield self.finding(
            ("meetings", found[expected.high], "date"),
            message,
            f"at most {expected.high} a year; if this was a fixed meeting, take {held.word!r} out of its note",
        )
    else:
        yield self.finding(
            ("meetings", meetings[0], "body"),
            message,
            f'record it as a meeting of "{held.body}" whose note contains "{held.word}"',
        )


@rule("ISH002", "strategy-day-count", Severity.ERROR, subject=SubjectKind.YEAR, models=MODELS)
def strategy_day_count(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The direktion held its strategy day with the mayor fewer than once or more than twice in the year.

    ## What it checks
    Where the year records the direktion's meetings, the meetings of the direktion whose `note` contains
    "strategidag" number 1–2 (the model's event `strategidag`, `times_per_year = [1, 2]`). A finding for too few
    points at the direktion's first meeting, one for too many at the first strategy day beyond the second. The
    year format records meetings of bodies, not events, so the strategy day is recorded as a direktion meeting
    (KM410 counts it with the direktion's meetings).

    ## Why it matters
    "Vi afholder 1-2 gange om året en strategidag med borgmesteren, hvor borgmester og direktion drøfter de
    større strategiske sigtelinjer og dagsordener" (Ishøj Kommune, Arbejdsgrundlag for direktion og
    koncernledelse, *Direktionens mødefora › Strategidag med borgmester*). The fortnightly meetings leave the
    mayor half an agenda on current political cases; the strategy day is where the longer lines are set.

    ## Example
    ```toml
    meetings = [
      { body = "direktion", date = 2024-01-16 },
      # … the year's direktion meetings, none of them a strategy day
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "direktion", date = 2024-01-16 },
      { body = "direktion", date = 2024-02-29, note = "Strategidag med borgmesteren" },
    ]
    ```
    """
    yield from _event_count(self, subject, STRATEGY_DAY)


@rule("ISH003", "seminar-count", Severity.ERROR, subject=SubjectKind.YEAR, models=MODELS)
def seminar_count(self: Rule, subject: Subject) -> Iterator[Finding]:
    """Koncernledelsen held no seminar in the year, or more than one.

    ## What it checks
    Where the year records koncernledelsen's meetings, exactly one of them has a `note` that contains "seminar"
    (the model's event `koncernledelsesseminar`, `every_years = 1`). A finding for none points at
    koncernledelsen's first meeting, one for a second seminar at that seminar. The seminar is recorded as a
    meeting of koncernledelsen (KM410 counts it with koncernledelsen's meetings).

    ## Why it matters
    Koncernledelsen holds an "årligt 12-12 seminar med overnatning", used "til refleksion og udvikling af større
    strategiske områder, der involverer hele organisationen" (Ishøj Kommune, Arbejdsgrundlag for direktion og
    koncernledelse, *Koncernledelsens mødefora*, the row *Seminar for koncernledelsen*). The fixed meetings every
    14 days treat the cases at hand; without the seminar the larger strategic areas get no room of their own.

    ## Example
    ```toml
    meetings = [
      { body = "koncernledelse", date = 2024-01-10 },
      # … the year's fixed meetings, and no seminar
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "koncernledelse", date = 2024-01-10 },
      { body = "koncernledelse", date = 2024-09-19, note = "Seminar 12-12 med overnatning" },
    ]
    ```
    """
    yield from _event_count(self, subject, SEMINAR)


RULES = [meeting_gap, strategy_day_count, seminar_count]
