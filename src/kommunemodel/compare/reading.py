"""Reading a model for the metrics: items with their TOML paths, tiers of actors, yearly counts, sums with gaps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Body, Level, LevelKind, Role, SteeringModel, Timing, Years
from ..model.source import Span, Unknown
from .metric import Fact, MetricValue, Range, unknown

#: Tiers that stand above a unit: a unit's follow-up or touchpoint is with one of these.
ABOVE_UNITS = (LevelKind.POLITICAL, LevelKind.EXECUTIVE, LevelKind.CORPORATE, LevelKind.CENTRE, LevelKind.STAFF)


def cite(item: Any) -> str:
    """The citation of a model item, or "" where it has none."""
    source = getattr(item, "source", None)
    return "" if source is None else str(source)


def shown(value: Any) -> str:
    """A fact's value as the model file would say it."""
    if isinstance(value, Unknown):
        return "not_described"
    if isinstance(value, tuple):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, Timing):
        parts = [
            f"{name} = {shown(getattr(value, name))}"
            for name in ("quarter", "month", "week", "date", "deadline", "every_days", "every_years", "times_per_year")
            if getattr(value, name) is not None
        ]
        parts += ["as_needed = true"] * value.as_needed + ["approximate = true"] * value.approximate
        if value.years is not Years.EVERY:
            parts.append(f'years = "{value.years.value}"')
        return "{ " + ", ".join(parts) + " }"
    return str(getattr(value, "value", value))


def span_value(span: Span) -> float | Range:
    """A Span as a metric value: one number, or a range."""
    return float(span.low) if span.is_exact else Range(float(span.low), float(span.high))


class Reader:
    """One model, indexed for the metrics: every item with its position, every actor with its tier."""

    def __init__(self, model: SteeringModel) -> None:
        self.model = model
        self.levels: dict[str, tuple[int, Level]] = {item.id: (i, item) for i, item in enumerate(model.levels)}
        self.bodies: dict[str, tuple[int, Body]] = {item.id: (i, item) for i, item in enumerate(model.bodies)}
        self.roles: dict[str, tuple[int, Role]] = {item.id: (i, item) for i, item in enumerate(model.roles)}
        self.documents = {item.id: (i, item) for i, item in enumerate(model.documents)}

    def fact(self, collection: str, index: int, name: str, item: Any) -> Fact:
        """The fact `collection[index].name` of `item`, with the item's citation."""
        return Fact(f"{collection}[{index}].{name}", shown(getattr(item, name)), cite(item))

    def level_fact(self, level_id: str, name: str) -> Fact:
        """A field of the level with this id."""
        index, level = self.levels[level_id]
        return self.fact("levels", index, name, level)

    def levels_of(self, *kinds: LevelKind) -> list[str]:
        """The ids of the levels of these kinds, in file order."""
        return [level.id for level in self.model.levels if level.kind in kinds]

    def tier(self, actor_id: str) -> Level | None:
        """The level an actor sits on: a level is its own; a body or role the one it names (or its role's)."""
        if actor_id in self.levels:
            return self.levels[actor_id][1]
        seen: set[str] = set()
        while actor_id not in seen:
            seen.add(actor_id)
            actor: Body | Role | None = None
            if actor_id in self.bodies:
                actor = self.bodies[actor_id][1]
            elif actor_id in self.roles:
                actor = self.roles[actor_id][1]
            if actor is None:
                return None
            if actor.level is not None and actor.level in self.levels:
                return self.levels[actor.level][1]
            within = getattr(actor, "within", None)
            if within is None:
                return None
            actor_id = within
        return None

    def tier_fact(self, actor_id: str) -> Fact | None:
        """The fact that places an actor on its tier (`bodies[3].level`), or None for a level."""
        for collection, table in (("bodies", self.bodies), ("roles", self.roles)):
            if actor_id in table:
                index, item = table[actor_id]
                return self.fact(collection, index, "level", item)
        return None

    def members(self, actor_id: str) -> list[str]:
        """A body's members (a body stands for its members), else the actor alone."""
        found = [actor_id]
        if actor_id in self.bodies:
            members = self.bodies[actor_id][1].members
            if isinstance(members, tuple):
                found += [member for member in members if member != actor_id]
        return found

    def yearly(self, timing: Timing | Unknown) -> tuple[float | Range | Unknown, str]:
        """How many times a year a timing happens, averaged over the election term, and how that was read."""
        if not isinstance(timing, Timing):
            return timing, "its timing is not described"
        if timing.as_needed:
            return Unknown(), "it happens as needed"
        per_year = timing.per_year
        if isinstance(per_year, Unknown):
            return per_year, "how often it happens is not described"
        if per_year is not None:
            return span_value(per_year), ""
        term = self.model.municipality.election_term_years
        if timing.years in (Years.EVEN, Years.ODD):
            return 0.5, "every other year: 0.5 a year"
        if timing.years is not Years.EVERY:
            if isinstance(term, int):
                return 1 / term, f"once an election term of {term} years"
            return Unknown(), "once an election term, whose length is not described"
        if timing.every_years is not None and timing.every_years > 1:
            return 1 / timing.every_years, f"every {timing.every_years} years"
        return Unknown(), "how often it happens is not described"


class Total:
    """A sum of yearly counts or numbers, some of them unknown: exact, a range, at least the known part, or unknown."""

    def __init__(self) -> None:
        self.low = 0.0
        self.high = 0.0
        self.trail: list[Fact] = []
        self.gaps: list[str] = []
        self.notes: list[str] = []

    def add(self, value: float | Range | Unknown, facts: Iterable[Fact], name: str = "", why: str = "") -> None:
        """Add one part; an unknown part is named as a gap, with why it is unknown."""
        self.trail.extend(facts)
        if isinstance(value, Unknown):
            self.gaps.append(f"{name}: {why}" if why else name)
        elif isinstance(value, Range):
            self.low += value.low
            self.high = self.high + value.high if value.high is not None else float("inf")
        else:
            self.low += value
            self.high += value
        if why and not isinstance(value, Unknown):
            self.notes.append(f"{name}: {why}")

    def result(self, nothing: str) -> MetricValue:
        """The total; `nothing` is the reason when no part is known at all."""
        note = "; ".join(self.notes)
        if self.gaps and self.low == 0 and self.high == 0:
            return unknown(f"{nothing}: " + "; ".join(self.gaps), self.trail, note)
        if self.gaps:
            gaps = "not described: " + "; ".join(self.gaps)
            return MetricValue(Range(_round(self.low)), tuple(self.trail), note="; ".join(filter(None, (gaps, note))))
        if self.high == float("inf"):
            return MetricValue(Range(_round(self.low)), tuple(self.trail), note=note)
        if self.low == self.high:
            return MetricValue(_round(self.low), tuple(self.trail), note=note)
        return MetricValue(Range(_round(self.low), _round(self.high)), tuple(self.trail), note=note)


def _round(value: float) -> float:
    """Sums of thirds and halves, rounded so that the same model gives the same bytes."""
    return round(value, 4)
