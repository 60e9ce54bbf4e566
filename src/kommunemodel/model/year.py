"""A year's concrete data (`kommunemodel-year/1`): units, agreements and their goals, meetings, budget results."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from attrs import field, frozen

from .invariants import Breach, refuse
from .national import FrameOverride
from .source import optional_slug, slug, slugs
from .steering_model import Waiver

YEAR_SCHEMA = "kommunemodel-year/1"


def _schema(_instance: object, attribute: Any, value: str) -> None:
    if value != YEAR_SCHEMA:
        raise ValueError(f"'{attribute.name}' must be {YEAR_SCHEMA!r} (got {value!r})")


def _calendar_year(_instance: object, attribute: Any, value: int) -> None:
    if not 1900 <= value <= 2999:
        raise ValueError(f"'{attribute.name}' must be a calendar year like 2024 (got {value})")


def _positive(_instance: object, attribute: Any, value: float) -> None:
    if value <= 0:
        raise ValueError(f"'{attribute.name}' must be > 0 (got {value})")


def _term_year(_instance: object, attribute: Any, value: int | None) -> None:
    if value is not None and value < 1:
        raise ValueError(f"'{attribute.name}' must be >= 1 (got {value})")


@frozen
class Unit:
    """An organisational unit in that year (a school, a centre, a contract unit), on one of the model's levels."""

    id: str = field(validator=slug)
    name: str
    level: str = field(validator=slug)
    parent: str | None = field(default=None, validator=optional_slug)
    note: str = ""


@frozen
class Goal:
    """One goal of an agreement, with the fields the model's goal template asks for.

    `kind = "development"` counts towards a document's `development_goals`; every goal counts towards `goals`.
    Fields a template has beyond these go in `fields`.
    """

    title: str
    kind: str | None = field(default=None, validator=optional_slug)
    expected_effect: str = ""
    follow_up: str = ""
    indicator: str = ""
    status: str | None = field(default=None, validator=optional_slug)
    meets_criteria: bool | None = None
    fields: dict[str, str] = field(factory=dict, hash=False)
    note: str = ""

    def has(self, name: str) -> bool:
        """Whether the goal states the field `name` (a named attribute or an entry of `fields`), non-empty."""
        value = self.fields.get(name) if name not in _GOAL_ATTRIBUTES else getattr(self, name)
        return value is not None and value != ""


#: The goal fields a template may ask for by name that are attributes, not entries of `fields`.
_GOAL_ATTRIBUTES = frozenset(attribute.name for attribute in attrs.fields(Goal)) - {"fields", "note"}


def _optional_calendar_year(instance: object, attribute: Any, value: int | None) -> None:
    if value is not None:
        _calendar_year(instance, attribute, value)


@frozen
class Agreement:
    """An agreement or contract signed that year: a document of one of the model's types, for one unit.

    `approver` is the actor who approved it, where the file records one. `for_year` is the year it steers, where
    that is not the year it was signed (a contract signed in December for the coming year). `adjusts` marks an
    adjustment of the unit's agreement of the same type signed in that year, not a new agreement.
    """

    document: str = field(validator=slug)
    unit: str = field(validator=slug)
    parties: tuple[str, ...] = field(default=(), validator=slugs)
    signed: datetime.date | None = None
    economic_frame: float | None = None
    goals: tuple[Goal, ...] = ()
    id: str | None = field(default=None, validator=optional_slug)
    approver: str | None = field(default=None, validator=optional_slug)
    for_year: int | None = field(default=None, validator=_optional_calendar_year)
    adjusts: int | None = field(default=None, validator=_optional_calendar_year)
    note: str = ""


def meeting_breaches(meeting: Meeting) -> list[Breach]:
    """A meeting names exactly one of a body and an event, reported at `event`."""
    if (meeting.body is None) != (meeting.event is None):
        return []
    given = "both 'body' and 'event'" if meeting.body is not None else "neither 'body' nor 'event'"
    message = f"a meeting names a body or an event of the model, exactly one of them (got {given})"
    return [Breach("event", message, ("body", "event"))]


@frozen
class Meeting:
    """A meeting a body of the model held, or an occurrence of one of the model's events; exactly one of the two.

    `unit` says whose body met, where the model has one body of the kind per unit (a C-MED per centre).
    """

    date: datetime.date
    body: str | None = field(default=None, validator=optional_slug)
    event: str | None = field(default=None, validator=optional_slug)
    unit: str | None = field(default=None, validator=optional_slug)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        refuse(self, meeting_breaches(self))

    @property
    def held(self) -> str:
        """What met: the body's id, or the event's."""
        return self.body if self.body is not None else str(self.event)


@frozen
class BudgetResult:
    """A unit's budget result, in kroner; `carried_out` is signed: a surplus carried is positive, a deficit negative."""

    unit: str = field(validator=slug)
    budget: float = field(validator=_positive)
    spent: float
    carried_in: float = 0.0
    carried_out: float = 0.0
    expected_overspend: float | None = None
    repayment_plan: bool = False
    note: str = ""

    @property
    def result(self) -> float:
        """What the year left: the budget plus what came in, less what was spent (negative for a deficit)."""
        return self.budget + self.carried_in - self.spent

    @property
    def deficit_carried(self) -> float:
        """The deficit carried into next year as a fraction of the budget (0 when a surplus is carried)."""
        return max(0.0, -self.carried_out) / self.budget

    @property
    def surplus_carried(self) -> float:
        """The surplus carried into next year as a fraction of the budget (0 when a deficit is carried)."""
        return max(0.0, self.carried_out) / self.budget


@frozen
class YearData:
    """One year of a municipality's steering in practice, checked against the model it names."""

    # A model id, or a path to a model file relative to the year file (told apart as command-line names are).
    model: str
    year: int = field(validator=_calendar_year)
    schema: str = field(default=YEAR_SCHEMA, validator=_schema)
    term_year: int | None = field(default=None, validator=_term_year)
    description: str = ""
    units: tuple[Unit, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    budget_results: tuple[BudgetResult, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    # `[national]`: a frame fact the ministry changed for this year (the budget deadline), with the reason.
    national: FrameOverride | None = None
