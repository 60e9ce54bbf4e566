"""KM4xx: a year's data against its model — references, dates, required documents, goals, meetings, budget results."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

from ...model import Action, CarryOver, DocumentStatus, DocumentType, GoalCount, Measure, Span, Strength, Timing, Years
from ...model.source import Unknown
from ...year.data import BudgetResult
from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject
from .words import kroner, percent

#: Actions by which an event settles a document: its deadline is the event's.
SETTLING = frozenset((Action.SIGN, Action.APPROVE, Action.ADOPT, Action.DECIDE))
#: How a requirement's strength ("skal", "tilstræbes", "kan") sets a finding's severity.
STRENGTH_SEVERITY = {Strength.MUST: None, Strength.SHOULD: Severity.WARNING, Strength.MAY: Severity.INFO}
#: Amounts are kroner; a difference below this is rounding.
ROUNDING = 0.5


def occurs(timing: Timing | Unknown, year: int, term_year: int | None) -> bool | None:
    """Whether a timing happens in `year`; None when the model (or the year file) does not say enough to tell."""
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
    month, day = int(month_day[:2]), int(month_day[3:])
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def deadline(timing: Timing, year: int) -> datetime.date | None:
    """The last day in `year` a timing allows: its deadline, else the end of its date, week, month or quarter."""
    if timing.deadline is not None:
        return _day(year, timing.deadline)
    if timing.date is not None:
        return _day(year, timing.date)
    if timing.week is not None:
        weeks = datetime.date(year, 12, 28).isocalendar().week
        return datetime.date.fromisocalendar(year, min(timing.week, weeks), 7)
    month = timing.month.high if timing.month is not None else (timing.quarter * 3 if timing.quarter else None)
    if month is None:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def document_deadline(subject: Subject, document: DocumentType, year: int) -> tuple[datetime.date, Timing, str] | None:
    """When a document must be signed in `year`, the timing that says so, and where that timing is."""
    term_year = subject.year.term_year if subject.year else None
    if isinstance(document.cadence, Timing) and occurs(document.cadence, year, term_year) is not False:
        day = deadline(document.cadence, year)
        if day is not None:
            return day, document.cadence, f"the cadence of {document.id!r}"
    found: list[tuple[datetime.date, Timing, str]] = []
    for event in subject.model.events:
        if document.id in event.documents and event.action in SETTLING and isinstance(event.when, Timing):
            if occurs(event.when, year, term_year) is False:
                continue
            day = deadline(event.when, year)
            if day is not None:
                found.append((day, event.when, f"event {event.id!r}"))
    # Where several events settle the document, the latest is its deadline: the others are steps on the way.
    return max(found, key=lambda item: item[0]) if found else None


@rule("KM401", "year-reference", Severity.ERROR, subject=SubjectKind.YEAR)
def year_reference(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The year file refers to something its model or its own units do not have.

    ## What it checks
    Unit ids are unique and each unit's `level` is a level of the model and its `parent` a unit of the year;
    each agreement's `document` is a document type of the model, its `unit` a unit of the year on the level the
    document is made `per`, and its `parties` actors of the model; each meeting's `body` is a body of the model;
    each budget result names a unit of the year, once.

    ## Why it matters
    The year's data is checked against the model through these ids: a decentral agreement counts for
    Helsingør's rule of one agreement per unit a year (Helsingør Kommunes styringsmodel §4.4) only when its
    document and unit resolve. A misspelt id would otherwise show up as a missing agreement somewhere else.

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftal"      # the model calls it "decentral_aftale"
    unit = "nordskolen"
    parties = ["centerchef", "decentral_leder"]
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    parties = ["centerchef", "decentral_leder"]
    ```
    """
    year = subject.year
    assert year is not None
    seen: set[str] = set()
    for index, unit in enumerate(year.units):
        if unit.id in seen:
            yield self.finding(("units", index, "id"), f"duplicate unit id {unit.id!r}", "give each unit its own id")
        seen.add(unit.id)
        if unit.level not in subject.levels:
            yield self.finding(
                ("units", index, "level"),
                f"{unit.level!r} is not a level of model {subject.model.id!r}",
                f"use one of: {', '.join(subject.levels) or 'none (the model has no levels)'}",
            )
        if unit.parent is not None and unit.parent not in subject.units:
            yield self.finding(("units", index, "parent"), f"{unit.parent!r} is not a unit of this year", "")
    for index, agreement in enumerate(year.agreements):
        document = subject.documents.get(agreement.document)
        if document is None:
            yield self.finding(
                ("agreements", index, "document"),
                f"{agreement.document!r} is not a document type of model {subject.model.id!r}",
                f"use one of: {', '.join(subject.documents)}",
            )
        signer = subject.units.get(agreement.unit)
        if signer is None:
            yield self.finding(
                ("agreements", index, "unit"), f"{agreement.unit!r} is not a unit of this year", "add it to [[units]]"
            )
        elif document is not None and document.per is not None and signer.level != document.per:
            yield self.finding(
                ("agreements", index, "unit"),
                f"{document.id!r} is made per {document.per!r}, but unit {signer.id!r} is on level {signer.level!r}",
                "check the unit's level, or the agreement's document type",
            )
        for position, party in enumerate(agreement.parties):
            if party not in subject.actors:
                yield self.finding(
                    ("agreements", index, "parties", position),
                    f"{party!r} is not a level, body or role of model {subject.model.id!r}",
                    "parties are the model's roles or bodies (centerchef, direktion …), not persons",
                )
    for index, meeting in enumerate(year.meetings):
        if meeting.body not in subject.bodies:
            yield self.finding(
                ("meetings", index, "body"), f"{meeting.body!r} is not a body of model {subject.model.id!r}", ""
            )
    resulted: set[str] = set()
    for index, result in enumerate(year.budget_results):
        if result.unit not in subject.units:
            yield self.finding(("budget_results", index, "unit"), f"{result.unit!r} is not a unit of this year", "")
        elif result.unit in resulted:
            yield self.finding(
                ("budget_results", index, "unit"), f"unit {result.unit!r} has a second budget result", ""
            )
        resulted.add(result.unit)


@rule("KM402", "outside-year", Severity.ERROR, subject=SubjectKind.YEAR)
def outside_year(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A date lies outside the file's year, or the year outside the model's period.

    ## What it checks
    Every agreement's `signed` and every meeting's `date` fall in the file's `year`. Where the model has a
    `period` (Hvidovre's model covers 2018–2021), the year lies in it; outside it the finding is a warning.

    ## Why it matters
    A year file is one year of practice: meetings are counted against cadences "a year" and agreements
    against "one a year". A meeting dated in another year is counted in the wrong year, and a model checked
    outside its period may no longer be the one in force (Hvidovre Kommune, Dialogbaseret styringsmodel
    2018–2021).

    ## Example
    ```toml
    year = 2024

    [[meetings]]
    body = "h_med"
    date = 2023-12-14
    ```

    ## Use instead
    ```toml
    year = 2024

    [[meetings]]
    body = "h_med"
    date = 2024-01-18
    ```
    """
    year = subject.year
    assert year is not None
    period = subject.model.municipality.period
    if period is not None and year.year not in period:
        yield self.finding(
            ("year",),
            f"{year.year} lies outside the period {period} of model {subject.model.id!r}",
            "check the year against the model in force that year",
            Severity.WARNING,
        )
    for index, agreement in enumerate(year.agreements):
        if agreement.signed is not None and agreement.signed.year != year.year:
            yield self.finding(
                ("agreements", index, "signed"),
                f"signed {agreement.signed}, outside {year.year}",
                "a year file holds the agreements signed that year; move it to the file of its year",
            )
    for index, meeting in enumerate(year.meetings):
        if meeting.date.year != year.year:
            yield self.finding(
                ("meetings", index, "date"),
                f"meeting of {meeting.body!r} on {meeting.date}, outside {year.year}",
                "move it to the file of its year",
            )


def _required(document: DocumentType, year: int, term_year: int | None) -> bool:
    return (
        document.mandatory is True
        and document.status is DocumentStatus.IN_FORCE
        and document.per is not None
        and occurs(document.cadence, year, term_year) is True
    )


@rule("KM403", "document-missing", Severity.ERROR, subject=SubjectKind.YEAR)
def document_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit lacks a document the model requires of every unit on its level that year.

    ## What it checks
    For each mandatory document type in force that is made `per` a level, and whose `cadence` makes it due in
    the file's year, each unit on that level has an agreement of that type. A cadence that does not say
    whether the document is due this year (every four years, from a year of the election term the file does
    not give in `term_year`) is not checked.

    ## Why it matters
    The agreement is how a unit's goals connect to the council's: every decentral unit enters into a one-year
    decentral agreement with its centre chief each year (Helsingør Kommunes styringsmodel §4.4), every
    contract unit signs a development contract (Skanderborg Kommune, Ledelse og styring 2018, §8). A unit
    without one is steered by no agreed goals that year.

    ## Example
    ```toml
    [[units]]
    id = "nordskolen"
    name = "Nordskolen"
    level = "enhed"
    # no [[agreements]] with unit = "nordskolen"
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    parties = ["centerchef", "decentral_leder"]
    signed = 2024-02-20
    ```
    """
    year = subject.year
    assert year is not None
    required = [d for d in subject.documents.values() if _required(d, year.year, year.term_year)]
    if not required:
        return
    for index, unit in enumerate(year.units):
        for document in required:
            if document.per == unit.level and not subject.agreements_by_unit.get((unit.id, document.id)):
                yield self.finding(
                    ("units", index),
                    f"unit {unit.id!r} (level {unit.level!r}) has no {document.id!r} signed in {year.year}",
                    f'add [[agreements]] with document = "{document.id}" and unit = "{unit.id}"',
                )


@rule("KM404", "wrong-parties", Severity.ERROR, subject=SubjectKind.YEAR)
def wrong_parties(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement is not signed by every party its document type names.

    ## What it checks
    Each agreement lists among its `parties` every actor in its document type's `parties`.

    ## Why it matters
    An agreement binds the parties who sign it: Helsingør's decentral agreement is entered into by the centre
    chief and the decentral leader (Helsingør Kommunes styringsmodel §4.4); Skanderborg's development contract
    is signed by the contract holder and a director (Skanderborg Kommune, Ledelse og styring 2018, §7–8). One
    signed by only one side commits no one to anything.

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    parties = ["decentral_leder"]
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    parties = ["centerchef", "decentral_leder"]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        missing = [party for party in document.parties if party not in agreement.parties]
        if missing:
            yield self.finding(
                ("agreements", index, "parties"),
                f"{document.id!r} for {agreement.unit!r} is not signed by {', '.join(map(repr, missing))}",
                f"{document.id!r} is entered into by {', '.join(document.parties)}",
            )


@rule("KM405", "signed-after-deadline", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_after_deadline(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement was signed after its document's deadline, or not signed.

    ## What it checks
    Where the model gives a document a deadline in the year — its `cadence` (`deadline`, else the end of its
    `date`, `week`, `month` or `quarter`), or else the latest event that signs, approves, adopts or decides it
    — each agreement of that type has a `signed` date on or before it. Deadlines from an approximate timing
    (`approximate = true`) give warnings.

    ## Why it matters
    Goals steer only from the day they are agreed: Skanderborg's development contracts are signed before the
    turn of the year, after the budget is adopted by 15 October (Skanderborg Kommune, Ledelse og styring 2018,
    §7 *Oktoberkvartal*); Helsingør's decentral agreements are entered into at the leader development
    interview in Q1 (Helsingør Kommunes styringsmodel §5).

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftale"      # cadence = { quarter = 1, every_years = 1 }
    unit = "nordskolen"
    signed = 2024-05-02
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    signed = 2024-03-12
    ```
    """
    year = subject.year
    assert year is not None
    deadlines: dict[str, tuple[datetime.date, Timing, str] | None] = {}
    for index, agreement, document in subject.agreement_documents():
        if document.id not in deadlines:
            deadlines[document.id] = document_deadline(subject, document, year.year)
        due = deadlines[document.id]
        if due is None:
            continue
        day, timing, origin = due
        severity = Severity.WARNING if timing.approximate else None
        if agreement.signed is None:
            yield self.finding(
                ("agreements", index),
                f"{document.id!r} for {agreement.unit!r} has no signing date; it is due by {day} ({origin})",
                "add signed = YYYY-MM-DD",
                severity,
            )
        elif agreement.signed > day:
            yield self.finding(
                ("agreements", index, "signed"),
                f"{document.id!r} for {agreement.unit!r} was signed {agreement.signed}, "
                f"after its deadline {day} ({origin})",
                "sign before the deadline, or record why it was late in a waiver",
                severity,
            )


def _count_problem(count: int, rule: GoalCount, what: str) -> str | None:
    if isinstance(rule.min, int) and count < rule.min:
        return f"{count} {what}, fewer than the {rule.min} required"
    if isinstance(rule.max, int) and count > rule.max:
        return f"{count} {what}, more than the {rule.max} allowed"
    return None


@rule("KM406", "goal-count", Severity.ERROR, subject=SubjectKind.YEAR)
def goal_count(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement holds fewer or more goals than its document type requires.

    ## What it checks
    Each agreement's goals (all of them, against `requirements.goals`) and its development goals (goals with
    `kind = "development"`, against `requirements.development_goals`) lie between `min` and `max`. A
    requirement of strength `should` gives warnings, `may` gives info.

    ## Why it matters
    Few goals are what makes an agreement steer: Helsingør's decentral agreement holds 1–3 development goals,
    only the most important ones rather than an exhaustive list of the unit's activities (Helsingør Kommunes
    styringsmodel §4.4).

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftale"     # development_goals = { min = 1, max = 3 }
    unit = "nordskolen"
    goals = [
      { title = "Læsning", kind = "development" },
      { title = "Trivsel", kind = "development" },
      { title = "Inklusion", kind = "development" },
      { title = "Digitalisering", kind = "development" },
    ]
    ```

    ## Use instead
    ```toml
    goals = [
      { title = "Læsning", kind = "development" },
      { title = "Trivsel", kind = "development" },
      { title = "Inklusion", kind = "development" },
      { title = "Digitalisering", kind = "operations" },
    ]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        requirements = document.requirements
        if requirements is None:
            continue
        for count_rule, count, what in (
            (requirements.goals, len(agreement.goals), "goals"),
            (
                requirements.development_goals,
                sum(goal.kind == "development" for goal in agreement.goals),
                "development goals",
            ),
        ):
            if count_rule is None:
                continue
            problem = _count_problem(count, count_rule, what)
            if problem is not None:
                yield self.finding(
                    ("agreements", index, "goals"),
                    f"{document.id!r} for {agreement.unit!r} has {problem}",
                    f"{document.id!r} holds {_span_words(count_rule)} {what}",
                    STRENGTH_SEVERITY[count_rule.strength],
                )


def _span_words(count: GoalCount) -> str:
    low = count.min if isinstance(count.min, int) else None
    high = count.max if isinstance(count.max, int) else None
    if low is not None and high is not None:
        return f"{low}–{high}" if low != high else str(high)
    return f"at least {low}" if low is not None else f"at most {high}"


@rule("KM407", "goal-fields", Severity.ERROR, subject=SubjectKind.YEAR)
def goal_fields(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A goal lacks a field its document type's template requires, or has a status off the scale.

    ## What it checks
    Every goal of an agreement states each field in its document type's `requirements.goal_fields` (a goal
    attribute such as `expected_effect`, `follow_up` or `status`, or an entry of the goal's `fields` table),
    and a goal's `status` is one of `requirements.status_scale`.

    ## Why it matters
    Hvidovre's goals are written on a common template that must state each goal's expected effect and how it
    will be followed up, and goal fulfilment is reported as red, yellow or green (Hvidovre Kommune,
    Dialogbaseret styringsmodel 2018–2021, *Effekt, dokumentation og data*). A goal without its expected effect
    cannot be followed up on effect; a status of "blue" cannot be compared.

    ## Example
    ```toml
    goals = [{ title = "Flere elever i fritidsjob", status = "blue" }]
    ```

    ## Use instead
    ```toml
    [[agreements.goals]]
    title = "Flere elever i fritidsjob"
    expected_effect = "30 % flere unge i fritidsjob"
    follow_up = "halvårlig opgørelse"
    status = "yellow"
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        requirements = document.requirements
        if requirements is None or not (requirements.goal_fields or requirements.status_scale):
            continue
        for position, goal in enumerate(agreement.goals):
            path = ("agreements", index, "goals", position)
            missing = [name for name in requirements.goal_fields if not goal.has(name)]
            if missing:
                yield self.finding(
                    path,
                    f"goal {goal.title!r} of {document.id!r} for {agreement.unit!r} has no {', '.join(missing)}",
                    f"{document.id!r} goals state {', '.join(requirements.goal_fields)}",
                )
            if requirements.status_scale and goal.status is not None and goal.status not in requirements.status_scale:
                yield self.finding(
                    (*path, "status"),
                    f"goal {goal.title!r} has status {goal.status!r}, which is not on the model's scale",
                    f"use one of: {', '.join(requirements.status_scale)}",
                )


@rule("KM408", "goal-criteria", Severity.ERROR, subject=SubjectKind.YEAR)
def goal_criteria(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A goal is recorded as not meeting its document type's goal criteria (SMARTE and the like).

    ## What it checks
    Where a document type has `requirements.goal_criteria`, no goal of its agreements has
    `meets_criteria = false`. The criteria's `strength` sets the severity: `should` (a guideline,
    *tilstræbes*) gives a warning, `may` gives info. A goal that does not say is not checked.

    ## Why it matters
    Helsingør's goals should aim to be SMARTE — specific, measurable, accepted, realistic, time-bound and
    evaluable (Helsingør Kommunes styringsmodel §4.4). It is a guideline, not a hard requirement, so a goal that
    falls short is worth a second look rather than a failed check.

    ## Example
    ```toml
    goals = [{ title = "Bedre trivsel", kind = "development", meets_criteria = false }]
    ```

    ## Use instead
    ```toml
    goals = [{ title = "Trivselsmåling over 4,0 i 2024", kind = "development", meets_criteria = true }]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        criteria = document.requirements.goal_criteria if document.requirements else None
        if criteria is None:
            continue
        for position, goal in enumerate(agreement.goals):
            if goal.meets_criteria is False:
                yield self.finding(
                    ("agreements", index, "goals", position, "meets_criteria"),
                    f"goal {goal.title!r} of {document.id!r} for {agreement.unit!r} does not meet {criteria.criteria}",
                    f"rework the goal to meet {criteria.criteria}",
                    STRENGTH_SEVERITY[criteria.strength],
                )


@rule("KM409", "economic-frame-missing", Severity.ERROR, subject=SubjectKind.YEAR)
def economic_frame_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement lacks the economic frame its document type requires.

    ## What it checks
    Where a document type has `requirements.economic_frame = true`, each of its agreements gives
    `economic_frame`, the unit's total economic frame in kroner.

    ## Why it matters
    Goals and money are agreed together: each decentral agreement must state the unit's total economic frame
    for the coming year (Helsingør Kommunes styringsmodel §4.4). Goals agreed without a frame leave open what
    the unit is to reach them with.

    ## Example
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "decentral_aftale"
    unit = "nordskolen"
    economic_frame = 48_500_000
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        if document.requirements and document.requirements.economic_frame and agreement.economic_frame is None:
            yield self.finding(
                ("agreements", index),
                f"{document.id!r} for {agreement.unit!r} states no economic frame",
                "add economic_frame = <the unit's total frame in kroner>",
            )


@rule("KM410", "meeting-count", Severity.ERROR, subject=SubjectKind.YEAR)
def meeting_count(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A body met more or fewer times in the year than its cadence says.

    ## What it checks
    For each body whose `cadence` gives a count a year (`times_per_year`, or `every_days`, which gives
    365 ÷ days rounded both ways) and applies to the file's year, the number of its `[[meetings]]` lies in that
    range. An approximate cadence (`approximate = true`) gives warnings; a cadence that is `"not_described"`
    or only `as_needed` is not checked. A file with no `[[meetings]]` at all is taken not to record meetings.

    ## Why it matters
    The meeting rhythm is part of the agreement behind it: C-MED meets 6 times a year and H-MED 8 times a year
    under the MED agreement (Helsingør Kommunes styringsmodel §5, citing MED-aftalen §4 stk. 7); Ishøj's
    executive board meets about every 14 days (Ishøj Kommune, Arbejdsgrundlag for direktion og
    koncernledelse, *Direktionsmøder*). Fewer meetings mean decisions and consultations that did not happen.

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
        if not isinstance(expected, Span):
            continue
        held = subject.meetings_by_body.get(body.id, [])
        if len(held) in expected:
            continue
        yield self.finding(
            ("meetings", held[0], "body") if held else ("meetings",),
            f"{body.id!r} met {len(held)} times in {year.year}; its cadence gives {expected} a year",
            "record every meeting held, or explain the difference in a waiver",
            Severity.WARNING if cadence.approximate else None,
        )


def _carry_over(subject: Subject) -> CarryOver | None:
    carry = subject.model.budget.carry_over
    return carry if isinstance(carry, CarryOver) else None


def _plan_required(carry: CarryOver, result: BudgetResult) -> bool:
    above = carry.repayment_plan_above
    return isinstance(above, float) and result.deficit_carried > above


@rule("KM411", "carry-over-cap", Severity.ERROR, subject=SubjectKind.YEAR)
def carry_over_cap(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries more surplus or deficit into next year than the model's caps allow.

    ## What it checks
    Each budget result's `carried_out`, as a fraction of its `budget`, is within `carry_over.surplus_cap` (a
    surplus) or `carry_over.deficit_cap` (a deficit). A deficit above `repayment_plan_above` is left to
    KM412: there the model allows a larger deficit with a repayment plan.

    ## Why it matters
    Carry-over is the unit's freedom across years, and its cap is the municipality's protection: in
    Skanderborg a deficit of up to 5% of the annual budget may be carried, a surplus without limit
    (Skanderborg Kommune, Ledelse og styring 2018, §6.2).

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000     # 7.5% of the budget
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    repayment_plan = true        # where the model requires a plan above the cap
    ```
    """
    carry = _carry_over(subject)
    if carry is None:
        return
    for index, result in subject.results():
        for share, cap, what in (
            (result.surplus_carried, carry.surplus_cap, "surplus"),
            (result.deficit_carried, carry.deficit_cap, "deficit"),
        ):
            if not isinstance(cap, float) or share <= cap or (what == "deficit" and _plan_required(carry, result)):
                continue
            yield self.finding(
                ("budget_results", index, "carried_out"),
                f"unit {result.unit!r} carries a {what} of {kroner(abs(result.carried_out))}, "
                f"{percent(share)} of its budget, above the cap of {percent(cap)}",
                f"carry at most {kroner(cap * result.budget)}",
            )


@rule("KM412", "repayment-plan-missing", Severity.ERROR, subject=SubjectKind.YEAR)
def repayment_plan_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries a deficit that requires a repayment plan, and has none.

    ## What it checks
    Each budget result whose deficit carried into next year, as a fraction of its budget, is above
    `carry_over.repayment_plan_above` has `repayment_plan = true`.

    ## Why it matters
    Above 5% of the annual budget, a deficit in Skanderborg requires a formal repayment plan (Skanderborg
    Kommune, Ledelse og styring 2018, §6; §6.2): without one, the deficit is carried with no path back.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    repayment_plan = true
    ```
    """
    carry = _carry_over(subject)
    if carry is None:
        return
    above = carry.repayment_plan_above
    if not isinstance(above, float):
        return
    for index, result in subject.results():
        if result.deficit_carried > above and not result.repayment_plan:
            yield self.finding(
                ("budget_results", index),
                f"unit {result.unit!r} carries a deficit of {percent(result.deficit_carried)} of its budget, "
                f"above {percent(above)}, without a repayment plan",
                "agree a repayment plan and set repayment_plan = true",
            )


@rule("KM413", "threshold-crossed", Severity.WARNING, subject=SubjectKind.YEAR)
def threshold_crossed(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit's budget result crosses one of the model's thresholds.

    ## What it checks
    For each threshold in `budget.thresholds`, each budget result whose measure — `expected_overspend`
    (the overspend forecast during the year), the `deficit` or the `surplus` carried out, each as a fraction of
    the budget — is above `above`. The finding names the threshold's consequence.

    ## Why it matters
    Thresholds are the model's early warnings: in Skanderborg an expected overspend above 3% of the annual
    budget makes Økonomistaben follow the unit closely (Skanderborg Kommune, Ledelse og styring 2018, §6.2).
    The finding is the flag; the consequence is for the people named in the threshold.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 40_500_000
    expected_overspend = 1_600_000     # 4% of the budget
    ```

    ## Use instead
    ```toml
    # A flag, not a fault: follow the consequence, and record it if the file should check clean
    [[waivers]]
    code = "KM413"
    path = "budget_results[0]"
    reason = "Close follow-up by Økonomistaben from May 2024"
    ```
    """
    thresholds = subject.model.budget.thresholds
    if not isinstance(thresholds, tuple) or not thresholds:
        return
    for index, result in subject.results():
        measures = {
            Measure.EXPECTED_OVERSPEND: (
                None if result.expected_overspend is None else result.expected_overspend / result.budget,
                "expected_overspend",
            ),
            Measure.DEFICIT: (result.deficit_carried, "carried_out"),
            Measure.SURPLUS: (result.surplus_carried, "carried_out"),
        }
        for threshold in thresholds:
            share, field_name = measures[threshold.measure]
            if share is not None and share > threshold.above:
                yield self.finding(
                    ("budget_results", index, field_name),
                    f"unit {result.unit!r}: {threshold.measure.value.replace('_', ' ')} of {percent(share)} of the "
                    f"budget is above {percent(threshold.above)} ({threshold.id}): {threshold.consequence}",
                    "follow the consequence the model names; waive the finding with the reason once it is handled",
                )


@rule("KM414", "carry-over-exceeds-result", Severity.WARNING, subject=SubjectKind.YEAR)
def carry_over_exceeds_result(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries out more than the year left it.

    ## What it checks
    Each budget result's `carried_out` is at most its result: `budget + carried_in - spent`. A surplus carried
    cannot be larger than the surplus made, and a deficit carried cannot be smaller than the deficit made.

    ## Why it matters
    Carry-over moves the year's result into the next year (Skanderborg Kommune, Ledelse og styring 2018, §6.2);
    it cannot create money. A carry-over larger than the result is usually a sign error or a forgotten
    `carried_in`, and every cap and threshold check after it would be computed on the wrong amount.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 41_000_000
    carried_out = 1_000_000      # the year left a deficit of 1,000,000
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 41_000_000
    carried_out = -1_000_000
    ```
    """
    for index, result in subject.results():
        if result.carried_out > result.result + ROUNDING:
            yield self.finding(
                ("budget_results", index, "carried_out"),
                f"unit {result.unit!r} carries out {kroner(result.carried_out)}, but its result is "
                f"{kroner(result.result)} (budget + carried_in - spent)",
                "check the sign of carried_out (a deficit is negative) and carried_in",
            )
