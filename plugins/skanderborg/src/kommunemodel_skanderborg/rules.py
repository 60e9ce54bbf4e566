"""Skanderborg's own year rules: when, after what and by whom the development contracts and agreements are signed.

One contract or agreement a year per unit is the core's KM416 (SKB004 was retired in its favour); that the
direktion is a party, and a director signing stands for it, is the core's KM404.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

from kommunemodel.model import Timing, earliest, occurs
from kommunemodel.rules import Finding, RetiredRule, Rule, Severity, Subject, SubjectKind, rule
from kommunemodel.year import Agreement

#: The yearly contract of a contract unit and its counterpart for an agreement-steered staff unit.
CONTRACTS = ("udviklingskontrakt", "udviklingsaftale")
#: What a contract is shaped by, and so must be out before it is signed: the adopted budget and the udviklingsspor.
SHAPED_BY = ("budget", "udviklingsspor")
#: The model's event at which the direktion treats every contract and agreement, in December.
TREATMENT = "direktionsmoede_kontrakter"
#: The role whose holders (and the roles within it, such as the kommunaldirektør) sign for the direktion.
DIRECTOR = "direktoer"
#: The counterparty the document types name, for whom a director signs.
DIREKTION = "direktion"
#: The holders who sign for their unit.
HOLDERS = ("kontraktholder", "aftaleholder")


def _earliest(timing: object, year: int) -> datetime.date | None:
    """The first day in `year` a timing of every year can fall on; None where it is not yearly or gives no first day."""
    if not isinstance(timing, Timing) or occurs(timing, year) is not True:
        return None
    return earliest(timing, year)


def window_opens(subject: Subject) -> tuple[datetime.date, str] | None:
    """The first day of the year a contract can be signed on, and the document that is out by then.

    That is the latest of the first days the budget and the udviklingsspor can come out (Monday of week 43 for
    the tracks): a contract signed before it was signed before what it must be shaped by.
    """
    assert subject.year is not None
    found = [
        (day, document.name)
        for document in (subject.documents.get(name) for name in SHAPED_BY)
        if document is not None and (day := _earliest(document.cadence, subject.year.year)) is not None
    ]
    return max(found) if found else None


def _contracts(subject: Subject) -> Iterator[tuple[int, Agreement]]:
    assert subject.year is not None
    for index, agreement in enumerate(subject.year.agreements):
        if agreement.document in CONTRACTS:
            yield index, agreement


def _in_window(subject: Subject, opens: datetime.date) -> list[tuple[int, Agreement]]:
    """The contracts and agreements signed on or after the window opens: those for next year."""
    return [(i, a) for i, a in _contracts(subject) if a.signed is not None and a.signed >= opens]


@rule("SKB001", "signed-before-tracks", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_before_tracks(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A development contract or agreement was signed before the budget and the udviklingsspor were out.

    ## What it checks
    Each `udviklingskontrakt` and `udviklingsaftale` is signed in the window the model gives it: not before the
    budget is adopted (by 15 October) and the direktion's udviklingsspor are published (week 43), so not before
    the Monday of week 43. The window's end, the turn of the year, is the cadence's deadline, which KM405
    checks. A contract signed earlier in the year is either next year's, signed before it could be shaped by the
    tracks, or this year's, signed late, after the turn of the year; the finding says when the unit signed no
    contract in the window, so has none for next year.

    ## Why it matters
    The contract "skal indeholde de udviklingsmål, som man ønsker at arbejde med i det kommende år og være formet
    af udviklingssporene"; it is concluded "lige op til nytår", prepared after "vedtagelse af budgettet for det
    kommende år og release af direktionens udviklingsspor i uge 43", and signed "inden årsskiftet" (Skanderborg
    Kommune, Ledelse og styring 2018, §7 *Oktoberkvartal*; §8). A contract signed before the tracks cannot be
    shaped by them; one signed in January leaves the unit's first weeks steered by no agreed goals.

    ## Example
    ```toml
    year = 2024

    [[agreements]]
    document = "udviklingskontrakt"
    unit = "soeskolen"
    signed = 2024-01-16      # the 2024 contract, after the turn of the year
    ```

    ## Use instead
    ```toml
    year = 2023

    [[agreements]]
    document = "udviklingskontrakt"
    unit = "soeskolen"
    signed = 2023-12-14      # after week 43 and the December direktion meeting, before the turn of the year
    ```
    """
    year = subject.year
    assert year is not None
    opens = window_opens(subject)
    if opens is None:
        return
    day, what = opens
    signed_in_window = {(a.unit, a.document) for _, a in _in_window(subject, day)}
    for index, agreement in _contracts(subject):
        if agreement.signed is None or agreement.signed >= day:
            continue
        message = (
            f"{agreement.document!r} for {agreement.unit!r} was signed {agreement.signed}, before {day}, "
            f"the first day '{what}' can be out"
        )
        if (agreement.unit, agreement.document) not in signed_in_window:
            message += f"; {agreement.unit!r} signed no {agreement.document!r} for {year.year + 1} after it"
        yield self.finding(
            ("agreements", index, "signed"),
            message,
            "sign next year's contract between week 43 and the turn of the year; one signed in January was late",
        )


@rule("SKB002", "signed-before-direktion-meeting", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_before_direktion_meeting(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A development contract or agreement was signed before the direktion treated it in December.

    ## What it checks
    Where the year records meetings of the direktion, it met in December (the model's event
    `direktionsmoede_kontrakter`), and each contract or agreement signed in the window (SKB001) is signed on or
    after the first of those December meetings. A year that records no direktion meetings is not checked.

    ## Why it matters
    "I december kommer alle udviklingskontrakter/-aftaler til behandling på et direktionensmøde. Herefter godkender
    et direktionsmedlem udviklingskontrakten/-aftalen på den digitale platform", and the finished contract is then
    signed (Skanderborg Kommune, Ledelse og styring 2018, §8; §7 *Oktoberkvartal*). A contract signed before that
    meeting was never weighed by the direktion against all the others.

    ## Example
    ```toml
    meetings = [{ body = "direktion", date = 2024-12-10, note = "Alle udviklingskontrakter og -aftaler" }]

    [[agreements]]
    document = "udviklingskontrakt"
    unit = "dagtilbud_skovbrynet"
    signed = 2024-11-28
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "udviklingskontrakt"
    unit = "dagtilbud_skovbrynet"
    signed = 2024-12-12
    ```
    """
    year = subject.year
    assert year is not None
    opens = window_opens(subject)
    event = subject.events.get(TREATMENT)
    if opens is None or event is None or event.body is None:
        return
    when = event.when
    if not isinstance(when, Timing) or when.month is None:
        return
    held = subject.meetings_by_body.get(event.body, [])
    if not held:
        return
    signed = _in_window(subject, opens[0])
    months = range(when.month.low, when.month.high + 1)
    treated = sorted(year.meetings[i].date for i in held if year.meetings[i].date.month in months)
    if not treated:
        if signed:
            yield self.finding(
                ("meetings", held[0], "body"),
                f"{event.body!r} held no meeting in month {when.month} of {year.year} to treat the "
                f"{len(signed)} development contracts and agreements signed after {opens[0]}",
                f"record the {event.body} meeting that treated them ({event.name})",
            )
        return
    first = treated[0]
    for index, agreement in signed:
        if agreement.signed is not None and agreement.signed < first:
            yield self.finding(
                ("agreements", index, "signed"),
                f"{agreement.document!r} for {agreement.unit!r} was signed {agreement.signed}, before the "
                f"{event.body} meeting on {first} that treats all development contracts and agreements",
                "sign after the direktion has treated the contract in December and a director has approved it",
            )


@rule("SKB003", "signed-without-director", Severity.ERROR, subject=SubjectKind.YEAR)
def signed_without_director(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A development contract or agreement is not signed by a director.

    ## What it checks
    Each `udviklingskontrakt` and `udviklingsaftale` whose `parties` name the direktion itself lists a director
    among them too: the role `direktoer` or a role within it (`kommunaldirektoer`). A director signing stands
    for the direktion, the counterparty the document type names, so KM404 is satisfied by
    `["kontraktholder", "direktoer"]`; this rule catches the contract signed by "the direktion" with no director
    named, or with a fag- og stabschef in the director's place. A contract that names neither the direktion nor
    a director is KM404's.

    ## Why it matters
    The contract is concluded with the direktion, and "den færdige udviklingskontrakt underskrives inden årsskiftet
    af kontraktholderen og direktør"; each contract and agreement is approved by "et direktionsmedlem"
    (Skanderborg Kommune, Ledelse og styring 2018, §7 *Oktoberkvartal*; §8). The fag- or stabschef follows the
    contract up in the daily management dialogue (§4.3 *Samspillet*; §8) but does not sign it: a contract
    signed at that level has no director behind it.

    ## Example
    ```toml
    [[agreements]]
    document = "udviklingskontrakt"
    unit = "plejecenter_lyngtoften"
    parties = ["kontraktholder", "direktion", "fag_og_stabschef"]
    ```

    ## Use instead
    ```toml
    [[agreements]]
    document = "udviklingskontrakt"
    unit = "plejecenter_lyngtoften"
    parties = ["kontraktholder", "direktoer"]
    ```
    """
    if DIRECTOR not in subject.actors:
        return
    for index, agreement in _contracts(subject):
        if DIREKTION not in agreement.parties:
            continue  # with a director, KM404 is satisfied and so is this rule; without one, KM404 reports it
        if any(subject.stands_for(party, DIRECTOR) for party in agreement.parties):
            continue
        signers = ", ".join(map(repr, agreement.parties))
        holders = [party for party in agreement.parties if party in HOLDERS]
        yield self.finding(
            ("agreements", index, "parties"),
            f"{agreement.document!r} for {agreement.unit!r} is signed by {signers}, none of them a director",
            f"name the director who signed for the direktion: parties = {json.dumps([*holders, DIRECTOR])}",
        )


RULES = [signed_before_tracks, signed_before_direktion_meeting, signed_without_director]

#: Codes this plugin retired, never to be reused: `kommunemodel rule CODE` says where each went.
RETIRED = [
    RetiredRule(
        "SKB004",
        "one-contract-a-year",
        (
            "The core now reports a unit's second agreement of a once-a-year document type for one year; a "
            "contract signed in December says it is for the coming year (for_year = 2025), so the core tells it "
            "from a late contract of the current year as SKB004's window did."
        ),
        replaced_by="KM416",
    ),
]
