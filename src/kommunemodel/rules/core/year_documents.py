"""KM403–KM405, KM409, KM415–KM417: the year's agreements against the model's document types.

Which documents are due, signed by whom and by when, with their economic frame, in a year their cadence allows,
once a year, approved by the right actor.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ...model import Action, DocumentStatus, DocumentType, Span, Timing, Years
from ...model.cycle import deadline, occurs
from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject

#: Actions by which an event settles a document: its deadline is the event's.
SETTLING = frozenset((Action.SIGN, Action.ENTER_INTO, Action.APPROVE, Action.ADOPT, Action.DECIDE))


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
    Each agreement lists among its `parties` every actor in its document type's `parties`, or someone who
    stands for it: a role within it (`within`), for a body one of the body's `members` (or a role within
    one of them), or a body whose `acts_for` names it. A director signing satisfies
    `parties = ["kontraktholder", "direktion"]` where the direktion's members are the directors; a fagudvalg
    with `acts_for = ["byraad"]` enters into an agreement for the council.

    ## Why it matters
    An agreement binds the parties who sign it: Helsingør's decentral agreement is entered into by the centre
    chief and the decentral leader (Helsingør Kommunes styringsmodel §4.4); Skanderborg's development contract
    is concluded with the direktion and signed by the contract holder and a director (Skanderborg Kommune,
    Ledelse og styring 2018, §7–8). One signed by only one side commits no one to anything.

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
        missing = [
            party
            for party in document.parties
            if not any(subject.stands_for(signer, party) for signer in agreement.parties)
        ]
        if missing:
            yield self.finding(
                ("agreements", index, "parties"),
                f"{document.id!r} for {agreement.unit!r} is not signed by {', '.join(map(repr, missing))}",
                f"{document.id!r} is entered into by {', '.join(document.parties)}"
                " (or a member, or a body acting for one)",
            )


@rule("KM405", "signed-after-deadline", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_after_deadline(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement was signed after its document's deadline, or not signed.

    ## What it checks
    Where the model gives a document a deadline in the year — its `cadence` (`deadline`, else the end of its
    `date`, `week`, `month` or `quarter`), or else the latest event that signs, enters into, approves, adopts or
    decides it — each agreement of that type has a `signed` date on or before it. Deadlines from an approximate timing
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


def _in_years(timing: Timing) -> str:
    """The years a timing falls in, in words: "even years", "year 1 of the election term"."""
    if timing.years in (Years.EVEN, Years.ODD):
        return f"{timing.years.value} years"
    return f"year {timing.years.value[-1]} of the election term"


@rule("KM415", "signed-off-cadence", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_off_cadence(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement is signed in a year its document type's cadence excludes.

    ## What it checks
    Each agreement whose document type's `cadence` says in which years it is made — even or odd years, or one
    year of the election term (`years = "term_year_1"`, checked where the file gives `term_year`) — is signed
    in a file of such a year. An agreement that adjusts an earlier one (`adjusts = <the year it was signed>`) is
    not a new document and is not checked. An approximate cadence gives warnings; one that does not say which
    years (every four years, from a year of the term the file does not give) is not checked.

    ## Why it matters
    The cadence is when the document is made, and what follows is built on that: Hvidovre sets the goals for the
    whole election period in the course of the period's first year, and adapts them later only after an adopted
    budget (Hvidovre Kommune, Dialogbaseret styringsmodel 2018–2021, *Mål for hele valgperioden – kobling til
    budgetproces*); Helsingør's centres make new strategy maps in even years and review them in odd ones
    (Helsingør Kommunes styringsmodel §4.3). Goals set in the term's second year steer only part of it.

    ## Example
    ```toml
    term_year = 2

    [[agreements]]
    document = "maal_institution_afdeling"     # cadence = { years = "term_year_1" }
    unit = "kystskolen"
    signed = 2019-05-14
    ```

    ## Use instead
    ```toml
    term_year = 2

    [[agreements]]
    document = "maal_institution_afdeling"
    unit = "kystskolen"
    signed = 2019-01-22
    adjusts = 2018          # the goals set in 2018, adjusted after the adopted budget 2019
    note = "Adjusted after the adopted budget 2019 (Kommunalbestyrelsen, 9 October 2018): one goal added"
    ```
    """
    year = subject.year
    assert year is not None
    for index, agreement, document in subject.agreement_documents():
        cadence = document.cadence
        if agreement.adjusts is not None or not isinstance(cadence, Timing):
            continue
        if occurs(cadence, year.year, year.term_year) is not False:
            continue
        if cadence.years in (Years.EVEN, Years.ODD):
            when = "an even year" if year.year % 2 == 0 else "an odd year"
        else:
            when = f"year {year.term_year} of the election term"
        yield self.finding(
            ("agreements", index, "signed") if agreement.signed is not None else ("agreements", index),
            f"{document.id!r} for {agreement.unit!r} was signed in {year.year}, {when}; its cadence makes it in "
            f"{_in_years(cadence)}",
            f"sign {document.id!r} in {_in_years(cadence)}; an adjustment of an earlier one says so with "
            "adjusts = <the year it was signed>",
            Severity.WARNING if cadence.approximate else None,
        )


def _once_a_year(timing: Timing) -> bool:
    """Whether a cadence makes a document at most once in a year: a count of 1, or a place in the year or a
    cycle of years without a count (every year in Q1, every other year)."""
    if timing.as_needed or timing.every_days is not None:
        return False
    if timing.times_per_year is not None:
        return isinstance(timing.times_per_year, Span) and timing.times_per_year.high == 1
    return True


@rule("KM416", "second-agreement", Severity.ERROR, subject=SubjectKind.YEAR)
def second_agreement(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit has more than one agreement of a once-a-year document type for one year.

    ## What it checks
    For each document type whose `cadence` makes it at most once a year (every year, every other year, once in
    a year of the term: any cadence without a count above one, `every_days` or `as_needed`), each unit has one
    agreement of it for the year: the first, by signing date, is the unit's; every later one is reported. An
    agreement is for the year it is signed in, or for its `for_year` (a contract signed in December for the
    coming year); one that `adjusts` an earlier agreement is not another agreement. KM403 checks that a unit has
    one; this rule, that it has no more than one.

    ## Why it matters
    Each year one one-year agreement is entered into between the centre head and the leader of the decentral
    unit (Helsingør Kommunes styringsmodel §4.4: "Der indgås årligt en ét-årig aftale"); each contract holder
    concludes a development contract with the direktion "én gang om året" (Skanderborg Kommune, Ledelse og
    styring 2018, §8). Two agreements for one year leave open which goals and which economic frame the unit is
    held to.

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
    once = {
        document.id
        for document in subject.documents.values()
        if isinstance(document.cadence, Timing)
        and _once_a_year(document.cadence)
        and occurs(document.cadence, year.year, year.term_year) is not False
    }
    if not once:
        return
    last = datetime.date.max
    groups: dict[tuple[str, str, int], list[int]] = {}
    for index, agreement in enumerate(year.agreements):
        if agreement.document in once and agreement.adjusts is None:
            key = (agreement.unit, agreement.document, agreement.for_year or year.year)
            groups.setdefault(key, []).append(index)
    for (unit, document, for_year), indexes in groups.items():
        if len(indexes) < 2:
            continue
        first, *later = sorted(indexes, key=lambda i: (year.agreements[i].signed or last, i))
        signed = year.agreements[first].signed
        for index in later:
            yield self.finding(
                ("agreements", index),
                f"unit {unit!r} has a second {document!r} for {for_year}; the first is agreements[{first}]"
                + (f", signed {signed}" if signed else ""),
                f"{document!r} is made once a year: keep one agreement; an adjustment of the first says "
                f"adjusts = {signed.year if signed else year.year}",
            )


@rule("KM417", "wrong-approver", Severity.ERROR, subject=SubjectKind.YEAR)
def wrong_approver(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An agreement is approved by someone other than its document type's approver.

    ## What it checks
    Each agreement that records its `approver` names the document type's `approver`, or someone who stands for
    it as in KM404: a role within it, a member of the approving body, or a body that acts for it (`acts_for`).
    An agreement without an `approver`, or
    of a document type whose approver the model does not describe, is not checked.

    ## Why it matters
    Approval is where the level above commits to the agreement: in Hvidovre the fagudvalg gives the goals for
    each institution their final political treatment (Hvidovre Kommune, Dialogbaseret styringsmodel
    2018–2021, *Mål for den enkelte institution/afdeling*); in Skanderborg one direktion member approves each
    development contract on the digital platform (Skanderborg Kommune, Ledelse og styring 2018, §8). Goals
    approved by someone else lack the mandate the model gives them.

    ## Example
    ```toml
    [[agreements]]
    document = "maal_institution_afdeling"     # approver = "fagudvalg"
    unit = "kystskolen"
    approver = "centerchef"
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "maal_institution_afdeling"
    unit = "kystskolen"
    approver = "fagudvalg"
    ```
    """
    for index, agreement, document in subject.agreement_documents():
        required = document.approver
        approver = agreement.approver
        if approver is None or not isinstance(required, str) or approver not in subject.actors:
            continue
        if not subject.stands_for(approver, required):
            yield self.finding(
                ("agreements", index, "approver"),
                f"{document.id!r} for {agreement.unit!r} was approved by {approver!r}; the model has it approved "
                f"by {required!r}",
                f"{document.id!r} is approved by {required} (or a member or a body acting for it)",
            )
