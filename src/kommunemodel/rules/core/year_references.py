"""KM401–KM402: a year file's references to its model and its own units, and its dates within its year."""

from __future__ import annotations

from collections.abc import Iterator

from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject


@rule("KM401", "year-reference", Severity.ERROR, subject=SubjectKind.YEAR)
def year_reference(self: Rule, subject: Subject) -> Iterator[Finding]:
    """The year file refers to something its model or its own units do not have.

    ## What it checks
    Unit ids are unique and each unit's `level` is a level of the model and its `parent` a unit of the year;
    each agreement's `document` is a document type of the model, its `unit` a unit of the year on the level the
    document is made `per`, and its `parties` and `approver` actors of the model; each meeting's `body` is a
    body of the model or its `event` an event of the model, and its `unit`, where given, a unit of the year, on
    the level whose units each have a body of that kind (the body's `per`, else its `level`); each budget result
    names a unit of the year, once.

    ## Why it matters
    The year's data is checked against the model through these ids: a decentral agreement counts for
    Helsingør's rule of one agreement per unit a year (Helsingør Kommunes styringsmodel §4.4) only when its
    document and unit resolve, and a centre's C-MED meetings count for its six a year (§5) only when the
    centre does. A misspelt id would otherwise show up as a missing agreement or meeting somewhere else.

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
    yield from _unit_references(self, subject)
    yield from _agreement_references(self, subject)
    yield from _meeting_references(self, subject)
    yield from _result_references(self, subject)


def _unit_references(self: Rule, subject: Subject) -> Iterator[Finding]:
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


def _agreement_references(self: Rule, subject: Subject) -> Iterator[Finding]:
    year = subject.year
    assert year is not None
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
        actors: list[tuple[tuple[str | int, ...], str]] = [
            (("parties", position), party) for position, party in enumerate(agreement.parties)
        ]
        if agreement.approver is not None:
            actors.append((("approver",), agreement.approver))
        for where, actor in actors:
            if actor not in subject.actors:
                yield self.finding(
                    ("agreements", index, *where),
                    f"{actor!r} is not a level, body or role of model {subject.model.id!r}",
                    "parties and approvers are the model's roles or bodies (centerchef, direktion …), not persons",
                )


def _meeting_references(self: Rule, subject: Subject) -> Iterator[Finding]:
    year = subject.year
    assert year is not None
    for index, meeting in enumerate(year.meetings):
        if meeting.body is not None and meeting.body not in subject.bodies:
            yield self.finding(
                ("meetings", index, "body"), f"{meeting.body!r} is not a body of model {subject.model.id!r}", ""
            )
        if meeting.event is not None and meeting.event not in subject.events:
            yield self.finding(
                ("meetings", index, "event"),
                f"{meeting.event!r} is not an event of model {subject.model.id!r}",
                "a meeting records a body of the model (body = …) or one of its events (event = …)",
            )
        if meeting.unit is None:
            continue
        unit = subject.units.get(meeting.unit)
        level = subject.unit_level_of(meeting.body) if meeting.body is not None else None
        if unit is None:
            yield self.finding(
                ("meetings", index, "unit"), f"{meeting.unit!r} is not a unit of this year", "add it to [[units]]"
            )
        elif level is not None and unit.level != level:
            yield self.finding(
                ("meetings", index, "unit"),
                f"each {meeting.body!r} belongs to a unit on level {level!r}, but unit {unit.id!r} is on level "
                f"{unit.level!r}",
                "name the unit whose body met",
            )


def _result_references(self: Rule, subject: Subject) -> Iterator[Finding]:
    year = subject.year
    assert year is not None
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
    Every agreement's `signed` and every meeting's `date` fall in the file's `year`; an agreement's `for_year`
    is that year or the next (an agreement is signed for the year it is signed in or the coming one), and the
    year its `adjusts` names is not after it. Where the model has a `period` (Hvidovre's model covers
    2018–2021), the year lies in it; outside it the finding is a warning.

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
        if agreement.for_year is not None and agreement.for_year not in (year.year, year.year + 1):
            yield self.finding(
                ("agreements", index, "for_year"),
                f"an agreement signed in {year.year} is for {agreement.for_year}",
                f"for_year is {year.year} (the default) or {year.year + 1}, for an agreement for the coming year",
            )
        if agreement.adjusts is not None and agreement.adjusts > year.year:
            yield self.finding(
                ("agreements", index, "adjusts"),
                f"an agreement signed in {year.year} adjusts one of {agreement.adjusts}, a later year",
                "adjusts names the year the adjusted agreement was signed",
            )
    for index, meeting in enumerate(year.meetings):
        if meeting.date.year != year.year:
            yield self.finding(
                ("meetings", index, "date"),
                f"meeting of {meeting.held!r} on {meeting.date}, outside {year.year}",
                "move it to the file of its year",
            )
