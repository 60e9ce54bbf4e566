"""HEL rules: what only Helsingør's year can break — the C-MED rhythm across the centres, focus-area goals.

The facts of Helsingør's model that the core already reads from model.toml (1–3 development goals, the economic
frame, SMARTE as a guideline, the parties, the Q1 deadline, one decentral agreement a year, six meetings of each
centre's C-MED and eight H-MEDs a year) are left to the core's KM4xx rules; these rules check what the model's data
cannot express generically. HEL003 (a second decentral agreement) was retired in favour of the core's KM416.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from kommunemodel.model import Lag
from kommunemodel.rules import Finding, RetiredRule, Rule, Severity, Subject, SubjectKind, rule

C_MED = "c_med"
H_MED = "h_med"
DECENTRAL_AGREEMENT = "decentral_aftale"
#: "Cirka to uger": how many days the H-MED may lie either side of the constraint's target of 14 days. Meetings are
#: held on weekdays, and any weekday of one week lies 10 to 18 days before any weekday two weeks later.
SLACK_DAYS = 4
#: The target when the model's constraint names none: the source's "to uger".
TWO_WEEKS = 14


def _lag_window(subject: Subject) -> tuple[int, int] | None:
    """The days an H-MED may follow a C-MED, from the model's c_med → h_med constraint; None if it has none."""
    for constraint in subject.model.constraints:
        if constraint.first == C_MED and constraint.then == H_MED:
            lag = constraint.lag_days or Lag()
            target = lag.target if lag.target is not None else TWO_WEEKS
            low = lag.min if lag.min is not None else target - SLACK_DAYS
            high = lag.max if lag.max is not None else target + SLACK_DAYS
            return low, high
    return None


def _dates(subject: Subject, body: str) -> list[tuple[int, datetime.date]]:
    """The meetings of a body in the file's year, as (index, date), by date."""
    year = subject.year
    assert year is not None
    meetings = year.meetings
    held = [(index, meetings[index].date) for index in subject.meetings_by_body.get(body, [])]
    return sorted(((index, day) for index, day in held if day.year == year.year), key=lambda item: item[1])


def _whose(subject: Subject, index: int) -> str:
    """ "C-MED of 'by_land_vand'" where the meeting names its centre, else "C-MED"."""
    assert subject.year is not None
    unit = subject.year.meetings[index].unit
    return f"C-MED of {unit!r}" if unit is not None else "C-MED"


@rule("HEL001", "c-med-not-before-h-med", Severity.WARNING, subject=SubjectKind.YEAR)
def c_med_not_before_h_med(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A C-MED meeting is not followed by an H-MED about two weeks later.

    ## What it checks
    Each `c_med` meeting of the year is followed by an `h_med` meeting 10 to 18 days later: the model's
    `c_med` → `h_med` constraint (`lag_days = { target = 14, approximate = true }`) with four days either side.
    Four days is what "cirka to uger" needs for meetings held on weekdays: a C-MED on any weekday of one week
    and an H-MED on any weekday two weeks later lie 10 to 18 days apart. Where a year file records each
    centre's C-MED (`unit = "<the centre>"`), each centre's meeting is checked on its own and the finding names
    the centre.

    The rule reads the pairing from the C-MED side, as the source does: C-MED meets six times a year and H-MED
    eight, so two H-MEDs a year have no C-MED before them, and that is not a finding. A C-MED late in December,
    whose H-MED may fall in January, is not judged; nor is any C-MED of a file that records no H-MED meeting
    (KM410 reports those). A warning, since the source says "cirka".

    ## Why it matters
    To ease coordination, involvement and consultation across A-, C- and H-MED, C-MED meets in practice about
    two weeks before an H-MED (Helsingør Kommunes styringsmodel §5, on the MED agreement §4 stk. 7). A C-MED
    that meets just before H-MED gives the centre no time to carry its views upward; one that meets long before
    leaves H-MED consulting on stale input.

    ## Example
    ```toml
    meetings = [
      { body = "c_med", date = 2024-03-05 },
      { body = "h_med", date = 2024-03-12 },   # one week later
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "c_med", date = 2024-03-05 },
      { body = "h_med", date = 2024-03-21 },   # the Thursday two weeks later: 16 days
    ]
    ```
    """
    window = _lag_window(subject)
    year = subject.year
    assert year is not None
    h_meds = [day for _index, day in _dates(subject, H_MED)]
    if window is None or not h_meds:
        return
    low, high = window
    end_of_year = datetime.date(year.year, 12, 31)
    for index, day in _dates(subject, C_MED):
        earliest, latest = day + datetime.timedelta(days=low), day + datetime.timedelta(days=high)
        if latest > end_of_year or any(earliest <= h_med <= latest for h_med in h_meds):
            continue
        later = [h_med for h_med in h_meds if h_med >= day]
        after = f"the next H-MED is {later[0]}, {(later[0] - day).days} days later" if later else "no H-MED follows"
        yield self.finding(
            ("meetings", index, "date"),
            f"{_whose(subject, index)} on {day} is followed by no H-MED {low}–{high} days later "
            f"({earliest} – {latest}); {after}",
            "hold C-MED about two weeks before an H-MED",
        )


@rule("HEL002", "c-med-outside-common-weeks", Severity.WARNING, subject=SubjectKind.YEAR)
def c_med_outside_common_weeks(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A centre's C-MED meets in a week when the other centres' C-MEDs do not.

    ## What it checks
    Where the year file records several centres' C-MEDs, each `c_med` meeting falls in a common C-MED week. A
    common week is an ISO week (Monday to Sunday) in which more than half of the centres meet, where the
    meetings name their centre (`unit`): with three centres, a week in which two or three of them meet. Where
    they do not name it, a common week is one with two or more `c_med` meetings, since two centres meeting
    together in a week of their own cannot then be told apart from a common week. A file that records one
    C-MED meeting per round (the municipality's C-MED week), or the meetings of one centre only, has nothing to
    compare and is not checked. The week is the unit because the source speaks of weeks; no tolerance is
    added. A warning, since this is how the meetings are planned, not a rule of the MED agreement.

    ## Why it matters
    To ease coordination, involvement and consultation across A-, C- and H-MED, C-MED meets in the same weeks
    across the whole municipality, and the weeks proposed for A-MED, announced before the year starts, are
    derived from them (Helsingør Kommunes styringsmodel §5). A centre whose C-MED meets out of step falls
    outside the round H-MED consults, and out of step with the A-MED weeks planned from it.

    ## Example
    ```toml
    meetings = [
      { body = "c_med", unit = "dagtilbud_skole", date = 2024-04-09 },   # week 15
      { body = "c_med", unit = "sundhed_omsorg", date = 2024-04-10 },    # week 15
      { body = "c_med", unit = "by_land_vand", date = 2024-04-15 },      # week 16, alone
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "c_med", unit = "dagtilbud_skole", date = 2024-04-09 },
      { body = "c_med", unit = "sundhed_omsorg", date = 2024-04-10 },
      { body = "c_med", unit = "by_land_vand", date = 2024-04-11 },      # week 15, with the others
    ]
    ```
    """
    year = subject.year
    assert year is not None
    c_meds = _dates(subject, C_MED)
    named = all(year.meetings[index].unit is not None for index, _day in c_meds)
    # Who met in a week: the centres, where the meetings name them; else each meeting stands for its own.
    by_week: dict[tuple[int, int], set[str]] = defaultdict(set)
    for index, day in c_meds:
        by_week[day.isocalendar()[:2]].add((year.meetings[index].unit if named else None) or f"#{index}")
    centres = {str(year.meetings[index].unit) for index, _day in c_meds} if named else set()
    if named and len(centres) < 2:
        return  # one centre's C-MEDs only: nothing to compare them with
    enough = len(centres) // 2 + 1 if named else 2
    common = sorted(week for week, who in by_week.items() if len(who) >= enough)
    if not common:
        return
    weeks = ", ".join(str(week) for _year, week in common)
    for index, day in c_meds:
        iso_week = day.isocalendar()[:2]
        if iso_week in common:
            continue
        met = len(by_week[iso_week])
        where = (
            f"is the only C-MED in week {iso_week[1]}"
            if met == 1
            else f"meets in week {iso_week[1]} with {met} of the {len(centres)} centres' C-MEDs"
        )
        yield self.finding(
            ("meetings", index, "date"),
            f"{_whose(subject, index)} on {day} {where}; the common C-MED weeks of {year.year} are weeks {weeks}",
            "hold the centre's C-MED in the common C-MED week",
        )


@rule("HEL004", "focus-area-goals-missing", Severity.WARNING, subject=SubjectKind.YEAR)
def focus_area_goals_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A decentral agreement holds development goals only, and no goal for another important focus area.

    ## What it checks
    Each `decentral_aftale` with goals has at least one goal whose `kind` is not `"development"` (for example
    `"legislation"` or `"professional"`), besides its development goals. An agreement with no goals at all is
    left to KM406, which reports its missing development goals. A warning: the source names these goals only by
    example, and the check relies on the `kind` the file gives each goal.

    ## Why it matters
    A decentral agreement must contain three elements: the unit's total economic frame, 1–3 development goals
    supporting the centre's strategy map, and goals for other very important focus areas, such as putting
    legislation into practice or local professional development goals (Helsingør Kommunes styringsmodel §4.4).
    KM409 and KM406 check the first two; an agreement without the third leaves out the unit's most important
    work outside the strategy map.

    ## Example
    ```toml
    goals = [
      { title = "Flere elever læser alderssvarende", kind = "development" },
    ]
    ```

    ## Use instead
    ```toml
    goals = [
      { title = "Flere elever læser alderssvarende", kind = "development" },
      { title = "Den nye folkeskolelovs understøttende undervisning indføres", kind = "legislation" },
    ]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        if document.id != DECENTRAL_AGREEMENT or not agreement.goals:
            continue
        if all(goal.kind == "development" for goal in agreement.goals):
            yield self.finding(
                ("agreements", index, "goals"),
                f"{document.id!r} for {agreement.unit!r} holds only development goals ({len(agreement.goals)}) "
                "and no goal for another very important focus area",
                'add goals for the unit\'s other very important focus areas (kind = "legislation", "professional" …)',
            )


RULES = [c_med_not_before_h_med, c_med_outside_common_weeks, focus_area_goals_missing]

#: Codes this plugin retired, never to be reused: `kommunemodel rule CODE` says where each went.
RETIRED = [
    RetiredRule(
        "HEL003",
        "second-decentral-agreement",
        (
            "The core now reports a second agreement of any once-a-year document type for a unit, read from "
            "decentral_aftale's yearly cadence; HEL003 reported the same agreements."
        ),
        replaced_by="KM416",
    ),
]
