"""Budget rules: allocation, carry-over caps, thresholds, follow-up cadence and the technical budget."""

from __future__ import annotations

from enum import StrEnum

from attrs import field, frozen

from .cycle import Timing, month_day
from .source import NOT_DESCRIBED, Citation, Unknown, optional_slug, slug, slugs


class Route(StrEnum):
    """How an appropriation reaches the unit."""

    DIRECT = "direct"
    CASCADED = "cascaded"


class Limit(StrEnum):
    """A cap the source says does not exist."""

    UNLIMITED = "unlimited"


class Transfers(StrEnum):
    """How far an appropriation's holder may move money between the budget lines inside it."""

    # The holder moves money freely within its appropriation (a frame appropriation, rammebevilling).
    FREE = "free"
    # Moving money between lines needs someone else's approval.
    WITH_APPROVAL = "with_approval"
    # Every line is an appropriation of its own: money cannot be moved.
    NONE = "none"


class Measure(StrEnum):
    """What a threshold is measured on, as a fraction of the annual budget."""

    EXPECTED_OVERSPEND = "expected_overspend"
    DEFICIT = "deficit"
    SURPLUS = "surplus"


#: A cap as a fraction of the annual budget, "unlimited", or "not_described".
Cap = float | Limit | Unknown


@frozen
class Allocation:
    """How the appropriation travels from the council to the holder."""

    route: Route | Unknown
    grantor: str | None = field(default=None, validator=optional_slug)
    recipient: str | None = field(default=None, validator=optional_slug)
    description: str = ""
    source: Citation | None = None


@frozen
class AppropriationLevel:
    """The bevillingsniveau: to whom the council grants appropriations, and how far they may move money in them."""

    # The actors (levels, roles) that receive an appropriation of their own: Skanderborg's contract holders.
    holders: tuple[str, ...] | Unknown = field(default=NOT_DESCRIBED, validator=slugs)
    transfers: Transfers | Unknown = NOT_DESCRIBED
    description: str = ""
    source: Citation | None = None


@frozen
class CarryOver:
    """What a unit may carry into next year, as fractions of its annual budget."""

    surplus_cap: Cap = NOT_DESCRIBED
    deficit_cap: Cap = NOT_DESCRIBED
    repayment_plan_above: float | Unknown | None = None
    bookings_until: str | None = field(default=None, validator=month_day)
    formal_from: str | None = field(default=None, validator=month_day)
    description: str = ""
    source: Citation | None = None


@frozen
class Threshold:
    """A line that, when crossed, triggers a consequence (closer follow-up, a repayment plan)."""

    id: str = field(validator=slug)
    measure: Measure
    above: float
    consequence: str
    actor: str | None = field(default=None, validator=optional_slug)
    source: Citation | None = None


@frozen
class FollowUp:
    """A recurring budget follow-up: who follows up, for whom, how often."""

    id: str = field(validator=slug)
    actor: str = field(validator=slug)
    cadence: Timing | Unknown
    audience: str | None = field(default=None, validator=optional_slug)
    description: str = ""
    source: Citation | None = None


@frozen
class TechnicalBudget:
    """How next year's starting budget is computed."""

    basis: str
    demography_adjusted: bool | Unknown = NOT_DESCRIBED
    source: Citation | None = None


@frozen
class BudgetRules:
    """The budget rules of one model; every part may be `not_described`."""

    allocation: Allocation | Unknown = NOT_DESCRIBED
    appropriation_level: AppropriationLevel | Unknown = NOT_DESCRIBED
    carry_over: CarryOver | Unknown = NOT_DESCRIBED
    thresholds: tuple[Threshold, ...] | Unknown = NOT_DESCRIBED
    follow_ups: tuple[FollowUp, ...] | Unknown = NOT_DESCRIBED
    technical_budget: TechnicalBudget | Unknown = NOT_DESCRIBED
    adoption_deadline: str | Unknown = field(default=NOT_DESCRIBED)
    description: str = ""
    source: Citation | None = None

    @adoption_deadline.validator
    def _deadline(self, attribute: object, value: str | Unknown) -> None:
        if isinstance(value, str):
            month_day(self, attribute, value)
