"""The organisation: levels (tiers from council to unit), bodies (forums, committees, MED) and roles."""

from __future__ import annotations

from enum import StrEnum

from attrs import field, frozen

from .cycle import Timing
from .source import NOT_DESCRIBED, Citation, Span, Unknown, optional_slug, slug, slugs


class LevelKind(StrEnum):
    """What kind of tier a level is."""

    POLITICAL = "political"
    EXECUTIVE = "executive"
    CORPORATE = "corporate"
    CENTRE = "centre"
    UNIT = "unit"
    STAFF = "staff"
    CITIZEN = "citizen"
    EMPLOYEE = "employee"


class BodyKind(StrEnum):
    """What kind of forum a body is."""

    COUNCIL = "council"
    COMMITTEE = "committee"
    # A særligt udvalg (styrelsesloven §17 stk. 4): set up for a task, with non-members of the council; not standing.
    SPECIAL_COMMITTEE = "special_committee"
    EXECUTIVE_BOARD = "executive_board"
    MANAGEMENT = "management"
    MED = "med"
    BOARD = "board"
    DIALOGUE = "dialogue"
    NETWORK = "network"
    WORKING_GROUP = "working_group"
    CITIZENS = "citizens"
    PARTY_GROUP = "party_group"
    DEPARTMENT = "department"


@frozen
class Level:
    """A tier of the organisation, from the council down to the single unit."""

    id: str = field(validator=slug)
    name: str
    kind: LevelKind
    parent: str | None = field(default=None, validator=optional_slug)
    # Three counts that a comparison must not mix: organisational units on the tier (9 centres, 54 contract
    # units), people holding its seats or positions (3 directors, 29 council members), and its employees.
    units: Span | Unknown = NOT_DESCRIBED
    persons: Span | Unknown = NOT_DESCRIBED
    employees: Span | Unknown = NOT_DESCRIBED
    # How many of the tier's units are staff areas, where a source puts them on the same tier as line units
    # (Ishøj's nine centres include "understøttende stabsområder"); None where the source mentions none.
    staff_units: Span | Unknown | None = None
    description: str = ""
    source: Citation | None = None


@frozen
class Variant:
    """One of the forms a body's meetings can take (Hvidovre's three dialogue-meeting models)."""

    id: str = field(validator=slug)
    name: str
    description: str = ""
    source: Citation | None = None


@frozen
class Body:
    """A forum that meets: a council, committee, executive board, MED committee, network or group."""

    id: str = field(validator=slug)
    name: str
    kind: BodyKind
    level: str | None = field(default=None, validator=optional_slug)
    parent: str | None = field(default=None, validator=optional_slug)
    members: tuple[str, ...] | Unknown = field(default=(), validator=slugs)
    size: Span | Unknown = NOT_DESCRIBED
    # How many bodies of this kind exist (LMUs, boards); None for a single body.
    count: Span | Unknown | None = None
    # One body per item of this level or role: chefmøder per director area.
    per: str | None = field(default=None, validator=optional_slug)
    chair: str | Unknown = NOT_DESCRIBED
    chair_rotates: bool = False
    cadence: Timing | Unknown = NOT_DESCRIBED
    # Actors on whose behalf the body acts, where a source says so: a fagudvalg approving goals for the council.
    acts_for: tuple[str, ...] = field(default=(), validator=slugs)
    variants: tuple[Variant, ...] = ()
    purpose: str = ""
    description: str = ""
    source: Citation | None = None


@frozen
class Role:
    """A position people hold (centre chief, contract holder), never a named person."""

    id: str = field(validator=slug)
    name: str
    level: str | None = field(default=None, validator=optional_slug)
    reports_to: str | None = field(default=None, validator=optional_slug)
    # A role held by one of another role's holders: the kommunaldirektør is one of the directors.
    within: str | None = field(default=None, validator=optional_slug)
    count: Span | Unknown = NOT_DESCRIBED
    description: str = ""
    source: Citation | None = None
