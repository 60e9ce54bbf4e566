"""Steering documents: their types, hierarchy (parents) and content requirements."""

from __future__ import annotations

from enum import StrEnum

from attrs import field, frozen

from .cycle import Timing
from .invariants import Breach, refuse
from .source import NOT_DESCRIBED, Citation, Strength, Unknown, optional_slug, slug, slugs


class DocumentKind(StrEnum):
    """What kind of steering document a type is."""

    VISION = "vision"
    POLICY = "policy"
    STRATEGY = "strategy"
    PLAN = "plan"
    BENCHMARK = "benchmark"
    AGREEMENT = "agreement"
    CONTRACT = "contract"
    GOALS = "goals"
    PROFILE = "profile"
    BUDGET = "budget"
    APPROPRIATION = "appropriation"
    STANDARD = "standard"
    CHANGE = "change"
    PROGRAMME = "programme"
    CHARTER = "charter"
    MINUTES = "minutes"
    AGENDA = "agenda"
    ACCOUNTS = "accounts"
    REPORT = "report"


class Horizon(StrEnum):
    """A horizon a source gives in words rather than years."""

    ELECTION_TERM = "election_term"
    LONG_TERM = "long_term"


class DocumentStatus(StrEnum):
    """Whether a document type is in use or only announced ("vil fremover")."""

    IN_FORCE = "in_force"
    ANNOUNCED = "announced"


def count_breaches(count: GoalCount) -> list[Breach]:
    """A count's bounds run upwards: `max` is at least `min`, where both are numbers."""
    low, high = count.min, count.max
    if isinstance(low, int) and isinstance(high, int) and high < low:
        return [Breach("max", f"'max' must be >= 'min' (got min {low}, max {high})", ("min", "max"))]
    return []


@frozen
class GoalCount:
    """How many goals a document must hold; `max = "not_described"` where a source only says "few"."""

    min: int | Unknown | None = None
    max: int | Unknown | None = None
    strength: Strength = Strength.MUST
    note: str = ""

    def __attrs_post_init__(self) -> None:
        refuse(self, count_breaches(self))


@frozen
class GoalCriteria:
    """Quality criteria each goal meets, e.g. SMARTE (six criteria, "tilstræbes")."""

    criteria: str
    count: int | None = None
    strength: Strength = Strength.SHOULD
    note: str = ""


@frozen
class Template:
    """A common template the document is written on."""

    name: str
    mandatory: bool | Unknown = NOT_DESCRIBED
    note: str = ""


@frozen
class Requirements:
    """Content rules for one document type."""

    development_goals: GoalCount | None = None
    goals: GoalCount | None = None
    economic_frame: bool | None = None
    goal_criteria: GoalCriteria | None = None
    goal_fields: tuple[str, ...] = field(default=(), validator=slugs)
    status_scale: tuple[str, ...] = field(default=(), validator=slugs)
    preferred_goal_kind: str | None = field(default=None, validator=optional_slug)
    template: Template | None = None
    note: str = ""
    source: Citation | None = None


@frozen
class DocumentType:
    """A kind of steering document (vision, policy, strategy map, agreement, contract …)."""

    id: str = field(validator=slug)
    name: str
    kind: DocumentKind
    owner: str | Unknown = NOT_DESCRIBED
    approver: str | Unknown = NOT_DESCRIBED
    parties: tuple[str, ...] = field(default=(), validator=slugs)
    parents: tuple[str, ...] = field(default=(), validator=slugs)
    per: str | None = field(default=None, validator=optional_slug)
    horizon_years: int | Horizon | Unknown = NOT_DESCRIBED
    cadence: Timing | Unknown = NOT_DESCRIBED
    mandatory: bool | Unknown = True
    status: DocumentStatus = DocumentStatus.IN_FORCE
    requirements: Requirements | None = None
    description: str = ""
    source: Citation | None = None
