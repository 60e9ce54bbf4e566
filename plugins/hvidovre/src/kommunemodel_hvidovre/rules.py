"""HVI rules: what only Hvidovre's year can break — development goals, set on dialogue, reported in colour.

The facts of Hvidovre's model that the core already reads from model.toml (each goal's expected effect and
follow-up, a status on the red/yellow/green scale, goals for every institution in the first year of the term and
only then, approved by the fagudvalg) are left to the core's KM4xx rules; these rules check what the model's data
cannot express generically. HVI001 (goals set after the term's first year) was retired in favour of the core's
KM415.
"""

from __future__ import annotations

from collections.abc import Iterator

from kommunemodel.rules import Finding, RetiredRule, Rule, Severity, Subject, SubjectKind, rule

GOALS = "maal_institution_afdeling"
DIALOGUE_MEETING = "dialogmoede"
PRODUCTIVITY = "productivity"


@rule("HVI002", "productivity-goal", Severity.WARNING, subject=SubjectKind.YEAR)
def productivity_goal(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A goal of the model is a productivity goal rather than a development goal.

    ## What it checks
    In agreements of a document type whose `requirements.preferred_goal_kind` is `"development"` (Hvidovre's
    goals for each institution or department), no goal has `kind = "productivity"`. Goals of other kinds, or
    with no kind, are not judged. A warning: the source sets a focus ("Der skal fokuseres på"), and whether a
    goal is about productivity is the file's own classification.

    ## Why it matters
    The model's goals focus on development rather than productivity: productivity goals that follow from
    legislation or national targets are handled elsewhere and "automated", and are not what the model's few
    goals are for (Hvidovre Kommune, Dialogbaseret styringsmodel 2018–2021, *Mål for den enkelte
    institution/afdeling*). A productivity goal takes the place of one of the few goals that can be
    communicated to citizens and employees.

    ## Example
    ```toml
    goals = [
      { title = "Sagsbehandlingstid under 4 uger", kind = "productivity", expected_effect = "…", follow_up = "…" },
    ]
    ```

    ## Use instead
    ```toml
    goals = [
      { title = "Borgerne oplever en sammenhængende sagsbehandling", kind = "development",
        expected_effect = "Tilfredshed over 4,0 i borgerundersøgelsen", follow_up = "Borgerundersøgelse, årligt" },
    ]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        requirements = document.requirements
        if requirements is None or requirements.preferred_goal_kind != "development":
            continue
        for position, goal in enumerate(agreement.goals):
            if goal.kind == PRODUCTIVITY:
                yield self.finding(
                    ("agreements", index, "goals", position, "kind"),
                    f"goal {goal.title!r} of {document.id!r} for {agreement.unit!r} is a productivity goal; "
                    "the model's goals are development goals",
                    "turn it into a development goal with an expected effect, or leave it to the automated "
                    "productivity follow-up",
                )


@rule("HVI003", "goal-status-missing", Severity.ERROR, subject=SubjectKind.YEAR)
def goal_status_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A goal reports no red, yellow or green status.

    ## What it checks
    Every goal of an agreement whose document type has a `requirements.status_scale` (Hvidovre's
    red/yellow/green) states a `status`. KM407 checks that a status given is on the scale; this rule, that one
    is given. A year file records the goals with the status the year's follow-up reported for them.

    ## Why it matters
    Reporting on the goals distinguishes red, yellow and green — not fulfilled, partly fulfilled, fulfilled —
    to give a quick overview of goal fulfilment (Hvidovre Kommune, Dialogbaseret styringsmodel 2018–2021,
    *Effekt, dokumentation og data – og overblik*). A goal without a status is missing from that overview and
    from the follow-up the next dialogue meetings start from.

    ## Example
    ```toml
    goals = [
      { title = "Flere børn i daginstitution med alderssvarende sprog", expected_effect = "…", follow_up = "…" },
    ]
    ```

    ## Use instead
    ```toml
    goals = [
      { title = "Flere børn i daginstitution med alderssvarende sprog", expected_effect = "…", follow_up = "…",
        status = "yellow" },
    ]
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        scale = document.requirements.status_scale if document.requirements else ()
        if not scale:
            continue
        for position, goal in enumerate(agreement.goals):
            if goal.status is None:
                yield self.finding(
                    ("agreements", index, "goals", position),
                    f"goal {goal.title!r} of {document.id!r} for {agreement.unit!r} reports no status",
                    f"give status = one of {', '.join(scale)} as the follow-up reported it",
                )


@rule("HVI004", "goals-before-dialogue-meeting", Severity.ERROR, subject=SubjectKind.YEAR)
def goals_before_dialogue_meeting(self: Rule, subject: Subject) -> Iterator[Finding]:
    """Goals for an institution are set before any dialogue meeting of the year.

    ## What it checks
    In a file of the first year of the election term (`term_year = 1`) that records meetings, each agreement of
    `maal_institution_afdeling` with a `signed` date has a `dialogmoede` meeting of the year dated before it.
    A file without `[[meetings]]` is taken not to record meetings, as for KM410, and is not checked; nor are the
    other years of the term, whose goal agreements are adjustments after the budget (`adjusts`, KM415).

    ## Why it matters
    The model has four steps in order — knowledge in the fagudvalg, political benchmarks formulated at the
    dialogue meetings, goals for each institution or department, follow-up — and the goals are drawn up on the
    basis of the dialogue meetings before the fagudvalg gives them final political treatment (Hvidovre Kommune,
    Dialogbaseret styringsmodel 2018–2021, the four steps; *Dialogmøder*; *Mål for den enkelte
    institution/afdeling*). Goals set before the dialogue meeting skip the dialogue the model is built on.

    ## Example
    ```toml
    term_year = 1
    meetings = [{ body = "dialogmoede", date = 2018-04-10 }]

    [[agreements]]
    document = "maal_institution_afdeling"
    unit = "kystskolen"
    signed = 2018-03-06
    ```

    ## Use instead
    ```toml
    term_year = 1
    meetings = [{ body = "dialogmoede", date = 2018-04-10 }]

    [[agreements]]
    document = "maal_institution_afdeling"
    unit = "kystskolen"
    signed = 2018-06-12
    ```
    """
    year = subject.year
    assert year is not None
    if year.term_year != 1 or not year.meetings:
        return
    dialogues = sorted(year.meetings[index].date for index in subject.meetings_by_body.get(DIALOGUE_MEETING, []))
    for index, agreement, document in subject.agreement_documents():
        if document.id != GOALS or agreement.signed is None:
            continue
        if not any(day < agreement.signed for day in dialogues):
            first = f"the first dialogue meeting is {dialogues[0]}" if dialogues else "no dialogue meeting is recorded"
            yield self.finding(
                ("agreements", index, "signed"),
                f"goals for {agreement.unit!r} were set {agreement.signed}, with no dialogue meeting before them; "
                f"{first}",
                "hold the dialogue meeting first and draw up the goals on its basis",
            )


RULES = [productivity_goal, goal_status_missing, goals_before_dialogue_meeting]

#: Codes this plugin retired, never to be reused: `kommunemodel rule CODE` says where each went.
RETIRED = [
    RetiredRule(
        "HVI001",
        "goals-set-after-first-term-year",
        (
            "The core now reports an agreement signed in a year its document type's cadence excludes; for "
            'maal_institution_afdeling (years = "term_year_1") in a file of term year 2–4 that is the fact HVI001 '
            "reported."
        ),
        replaced_by="KM415",
    ),
]
