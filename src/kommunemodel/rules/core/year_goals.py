"""KM406–KM408: the goals of the year's agreements against their document type's requirements."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import GoalCount, Strength
from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject

#: How a requirement's strength ("skal", "tilstræbes", "kan") sets a finding's severity.
STRENGTH_SEVERITY = {Strength.MUST: None, Strength.SHOULD: Severity.WARNING, Strength.MAY: Severity.INFO}


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
