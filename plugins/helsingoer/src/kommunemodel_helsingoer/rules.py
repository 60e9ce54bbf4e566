"""HEL rules: what only Helsingør's year can break — the C-MED rhythm, one decentral agreement, its focus-area goals.

The facts of Helsingør's model that the core already reads from model.toml (1–3 development goals, the economic
frame, SMARTE as a guideline, the parties, the Q1 deadline, six C-MEDs and eight H-MEDs a year) are left to the
core's KM4xx rules; these rules check what the model's data cannot express generically.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from kommunemodel.model import Lag
from kommunemodel.rules import Finding, Rule, Severity, Subject, SubjectKind, rule

MODELS = {"helsingoer"}
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


@rule("HEL001", "c-med-not-before-h-med", Severity.WARNING, subject=SubjectKind.YEAR, models=MODELS)
def c_med_not_before_h_med(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A C-MED meeting is not followed by an H-MED about two weeks later.

    ## What it checks
    Each `c_med` meeting of the year is followed by an `h_med` meeting 10 to 18 days later: the model's
    `c_med` → `h_med` constraint (`lag_days = { target = 14, approximate = true }`) with four days either side.
    Four days is what "cirka to uger" needs for meetings held on weekdays: a C-MED on any weekday of one week
    and an H-MED on any weekday two weeks later lie 10 to 18 days apart. Where a year file records each
    centre's C-MED, each meeting is checked on its own.

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
            f"C-MED on {day} is followed by no H-MED {low}–{high} days later ({earliest} – {latest}); {after}",
            "hold C-MED about two weeks before an H-MED",
        )


@rule("HEL002", "c-med-outside-common-weeks", Severity.WARNING, subject=SubjectKind.YEAR, models=MODELS)
def c_med_outside_common_weeks(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A centre's C-MED meets in a week when no other C-MED does.

    ## What it checks
    Where the year file records several centres' C-MEDs — two or more `c_med` meetings in one ISO week (Monday
    to Sunday) — the weeks in which more than one C-MED meets are the year's common C-MED weeks, and a `c_med`
    meeting that is the only one in its week is reported. A file that records one C-MED meeting per round (the
    municipality's C-MED week) has nothing to compare and is not checked. The week is the unit because the
    source speaks of weeks; no tolerance is added. A warning, since this is how the meetings are planned, not a
    rule of the MED agreement.

    The year format has no field for which centre's C-MED met, so two centres meeting together in a week of
    their own are not told apart from a common week.

    ## Why it matters
    To ease coordination, involvement and consultation across A-, C- and H-MED, C-MED meets in the same weeks
    across the whole municipality, and the weeks proposed for A-MED, announced before the year starts, are
    derived from them (Helsingør Kommunes styringsmodel §5). A centre whose C-MED meets out of step falls
    outside the round H-MED consults, and out of step with the A-MED weeks planned from it.

    ## Example
    ```toml
    meetings = [
      { body = "c_med", date = 2024-03-05 },   # week 10
      { body = "c_med", date = 2024-03-06 },   # week 10
      { body = "c_med", date = 2024-03-12 },   # week 11, alone
    ]
    ```

    ## Use instead
    ```toml
    meetings = [
      { body = "c_med", date = 2024-03-05 },
      { body = "c_med", date = 2024-03-06 },
      { body = "c_med", date = 2024-03-07 },   # week 10, with the others
    ]
    ```
    """
    by_week: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, day in _dates(subject, C_MED):
        by_week[day.isocalendar()[:2]].append(index)
    common = sorted(week for week, indexes in by_week.items() if len(indexes) > 1)
    if not common:
        return
    weeks = ", ".join(str(week) for _year, week in common)
    year = subject.year
    assert year is not None
    for (_iso_year, week), indexes in sorted(by_week.items()):
        if len(indexes) == 1:
            (index,) = indexes
            yield self.finding(
                ("meetings", index, "date"),
                f"C-MED on {year.meetings[index].date} is the only C-MED in week {week}; "
                f"the common C-MED weeks of {year.year} are weeks {weeks}",
                "hold the centre's C-MED in the common C-MED week",
            )


@rule("HEL003", "second-decentral-agreement", Severity.ERROR, subject=SubjectKind.YEAR, models=MODELS)
def second_decentral_agreement(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A decentral unit has more than one decentral agreement in the year.

    ## What it checks
    Each unit has at most one `decentral_aftale` in the year; every agreement after the first is reported. KM403
    checks that each unit has one; this rule, that it has no more than one.

    ## Why it matters
    Each year one one-year agreement is entered into between the centre head and the leader of the decentral
    unit (Helsingør Kommunes styringsmodel §4.4: "Der indgås årligt en ét-årig aftale"). Changed premises are
    handled by the parties' mutual duty to inform each other, not by a second agreement; two agreements leave
    open which goals and which economic frame the unit is held to.

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    signed = 2024-02-20

    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    signed = 2024-09-03
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    signed = 2024-02-20
    note = "Frame adjusted in September after the mid-year follow-up; the parties informed each other"
    ```
    """
    year = subject.year
    assert year is not None
    for (unit, document), indexes in subject.agreements_by_unit.items():
        if document != DECENTRAL_AGREEMENT or len(indexes) < 2:
            continue
        first = indexes[0]
        signed = year.agreements[first].signed
        for index in indexes[1:]:
            yield self.finding(
                ("agreements", index),
                f"unit {unit!r} has a second {document!r} in {year.year}; the first is agreements[{first}]"
                + (f", signed {signed}" if signed else ""),
                "keep one agreement a year; record a change of premises in the agreement's note",
            )


@rule("HEL004", "focus-area-goals-missing", Severity.WARNING, subject=SubjectKind.YEAR, models=MODELS)
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


RULES = [c_med_not_before_h_med, c_med_outside_common_weeks, second_decentral_agreement, focus_area_goals_missing]
