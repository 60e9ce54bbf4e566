"""Ishøj's own year rule: the rhythm of the direktion's and koncernledelsen's fixed meetings.

The strategy days with the mayor and koncernledelsen's seminar are events of the model, recorded as such in a year
file (`{ event = "strategidag", date = … }`) and counted by the core's KM410 against their timing; ISH002 and
ISH003, which counted them from meeting notes, were retired in its favour.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from itertools import pairwise

from kommunemodel.model import Timing, Years
from kommunemodel.rules import Finding, RetiredRule, Rule, Severity, Subject, SubjectKind, rule

#: A gap between two fixed meetings may last this many periods of the cadence: one meeting may fall away.
GAP_PERIODS = 2
#: A gap that includes a day of July may last this many: the summer holiday (three weeks of fællesferie).
SUMMER_PERIODS = 3
SUMMER_MONTH = 7  # July


def fixed_meetings(subject: Subject, body: str) -> list[tuple[int, datetime.date]]:
    """A body's fixed meetings, (index, date) by date: its meetings (a strategy day or seminar is an event)."""
    assert subject.year is not None
    meetings = subject.year.meetings
    fixed = [(index, meetings[index].date) for index in subject.meetings_by_body.get(body, [])]
    return sorted(fixed, key=lambda item: (item[1], item[0]))


def _includes_summer(after: datetime.date, before: datetime.date) -> bool:
    """Whether a day strictly between the two falls in July."""
    return after < datetime.date(after.year, SUMMER_MONTH, 31) and before > datetime.date(before.year, SUMMER_MONTH, 1)


@rule("ISH001", "meeting-gap", Severity.ERROR, subject=SubjectKind.YEAR)
def meeting_gap(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The direktion or koncernledelsen went too long between two fixed meetings.

    ## What it checks
    For each body whose cadence is `every_days` (Ishøj's direktion and koncernledelse, every 14 days), the days
    between two consecutive fixed meetings, and from 1 January to the first and from the last to 31 December,
    are at most twice the cadence (28 days: one meeting may fall away for a holiday week or a cancellation), or
    three times it (42 days) where the gap includes a day of July, the summer holiday. A strategy day or the
    seminar is an event of the model, recorded as `{ event = "strategidag", date = … }`, not a meeting of the
    body, so not a fixed meeting. The direktion's cadence is approximate ("ca."), so its gaps give warnings;
    koncernledelsen's is not, so its gaps give errors. A body with no meeting recorded is left to KM410, which
    counts the meetings; this rule checks their rhythm.

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


RULES = [meeting_gap]

#: Codes this plugin retired, never to be reused: `kommunemodel rule CODE` says where each went.
RETIRED = [
    RetiredRule(
        "ISH002",
        "strategy-day-count",
        (
            'A year file now records the strategy day as an event of the model ({ event = "strategidag", … }), '
            "and KM410 counts events against their timing (times_per_year = [1, 2]): the same 1–2 a year ISH002 "
            'counted from direktion meetings whose note said "strategidag".'
        ),
        replaced_by="KM410",
    ),
    RetiredRule(
        "ISH003",
        "seminar-count",
        (
            "A year file now records the koncernledelsesseminar as an event of the model, and KM410 counts it "
            "against its timing (every_years = 1: once a year), as ISH003 counted koncernledelse meetings whose "
            'note said "seminar".'
        ),
        replaced_by="KM410",
    ),
]
