"""Responsibilities: who (actor) does what (verb) to which object, RACI-like."""

from __future__ import annotations

from enum import StrEnum

from attrs import field, frozen

from .cycle import Timing
from .source import Citation, Strength, optional_slug, slug


class Raci(StrEnum):
    """The RACI letter a verb maps to, for comparing decision rights across models."""

    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


class Verb(StrEnum):
    """What an actor does to an object."""

    DECIDES = "decides"
    APPROVES = "approves"
    ADOPTS = "adopts"
    RECOMMENDS = "recommends"
    PREPARES = "prepares"
    COORDINATES = "coordinates"
    FOLLOWS_UP = "follows_up"
    EVALUATES = "evaluates"
    INVOLVES = "involves"
    EXECUTES = "executes"
    SIGNS = "signs"
    ENTERS_INTO = "enters_into"
    DELEGATES = "delegates"
    OWNS = "owns"
    ADVISES = "advises"
    DISCUSSES = "discusses"
    FACILITATES = "facilitates"
    INFORMS = "informs"
    IS_INFORMED = "is_informed"

    @property
    def raci(self) -> Raci:
        """The RACI letter of this verb."""
        return _RACI[self]


_RACI = {
    Verb.DECIDES: Raci.ACCOUNTABLE,
    Verb.APPROVES: Raci.ACCOUNTABLE,
    Verb.ADOPTS: Raci.ACCOUNTABLE,
    Verb.DELEGATES: Raci.ACCOUNTABLE,
    Verb.SIGNS: Raci.ACCOUNTABLE,
    # "indgår en aftale": a party commits to the agreement, whether or not anyone signs it.
    Verb.ENTERS_INTO: Raci.ACCOUNTABLE,
    Verb.OWNS: Raci.RESPONSIBLE,
    Verb.PREPARES: Raci.RESPONSIBLE,
    Verb.COORDINATES: Raci.RESPONSIBLE,
    Verb.FOLLOWS_UP: Raci.RESPONSIBLE,
    Verb.EVALUATES: Raci.RESPONSIBLE,
    Verb.EXECUTES: Raci.RESPONSIBLE,
    Verb.FACILITATES: Raci.RESPONSIBLE,
    Verb.RECOMMENDS: Raci.CONSULTED,
    Verb.DISCUSSES: Raci.CONSULTED,
    Verb.INVOLVES: Raci.CONSULTED,
    Verb.ADVISES: Raci.CONSULTED,
    Verb.INFORMS: Raci.INFORMED,
    Verb.IS_INFORMED: Raci.INFORMED,
}


@frozen
class Responsibility:
    """Actor – verb – object: `byraad decides vision`. `document` links the object to a document type."""

    actor: str = field(validator=slug)
    verb: Verb
    object: str
    document: str | None = field(default=None, validator=optional_slug)
    when: Timing | None = None
    strength: Strength = Strength.MUST
    description: str = ""
    source: Citation | None = None
