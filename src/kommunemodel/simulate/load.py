"""The load of one year's cycle: meetings per body and per role, the busiest weeks, political touchpoints with units."""

from __future__ import annotations

from collections import Counter
from typing import Any

from attrs import frozen

from ..model.organisation import BodyKind, LevelKind
from ..model.source import Unknown
from ..model.steering_model import SteeringModel
from .calendar import Calendar, Occurrence, calendar

SCHEMA = "kommunemodel-load/1"
BUSIEST = 5


@frozen
class BodyLoad:
    """How often one body meets in the year: the days it meets, and meetings whose day the source leaves open."""

    body: str
    name: str
    meetings: int
    undated: int
    # Why the count is not the whole story ("the source gives no cadence"), or "".
    note: str


@frozen
class RoleLoad:
    """One role: the forums it sits in and the occurrences of the year it takes part in."""

    role: str
    name: str
    forums: tuple[str, ...]
    occurrences: int


@frozen
class Week:
    """An ISO week (its ISO year too: 30 December 2024 lies in week 1 of 2025) and the dated occurrences in it."""

    iso_year: int
    week: int
    occurrences: int

    def __str__(self) -> str:
        return f"{self.iso_year}-W{self.week:02d}"


@frozen
class Load:
    """The load of one year of a model's cycle, read from its calendar."""

    model: str
    name: str
    year: int
    bodies: tuple[BodyLoad, ...]
    roles: tuple[RoleLoad, ...]
    busiest_weeks: tuple[Week, ...]
    political_touchpoints: int
    touchpoint_events: tuple[str, ...]
    dated: int
    undated: int


def political_actors(model: SteeringModel) -> set[str]:
    """Levels, bodies and roles on the political tier (council, committees, party groups)."""
    political_levels = {level.id for level in model.levels if level.kind is LevelKind.POLITICAL}
    found = set(political_levels)
    political_kinds = (BodyKind.COUNCIL, BodyKind.COMMITTEE, BodyKind.PARTY_GROUP)
    found |= {body.id for body in model.bodies if body.level in political_levels or body.kind in political_kinds}
    found |= {role.id for role in model.roles if role.level in political_levels}
    return found


def unit_actors(model: SteeringModel) -> set[str]:
    """Levels, bodies and roles on the unit tier (the single school, care home, contract unit)."""
    unit_levels = {level.id for level in model.levels if level.kind is LevelKind.UNIT}
    found = set(unit_levels)
    found |= {body.id for body in model.bodies if body.level in unit_levels}
    found |= {role.id for role in model.roles if role.level in unit_levels}
    return found


def _taking_part(model: SteeringModel, occurrence: Occurrence) -> set[str]:
    """Who takes part in an occurrence: its actors, its body and the body's members."""
    found = set(occurrence.actors)
    if occurrence.body is not None:
        found.add(occurrence.body)
        for body in model.bodies:
            if body.id == occurrence.body and not isinstance(body.members, Unknown):
                found |= set(body.members)
    return found


def summary(model: SteeringModel, year: int, result: Calendar | None = None) -> Load:
    """The load of `year`: meetings per body and role, busiest weeks, political touchpoints with units."""
    result = result or calendar(model, [year])
    of_year = [item for item in result.occurrences if item.year == year and not item.frame]
    timeless = [item for item in result.occurrences if item.year is None]
    bodies = []
    for body in model.bodies:
        # Days, not occurrences: Ishøj's two parts of one direktionsmøde are one meeting.
        dated = len({item.date for item in of_year if item.body == body.id and item.date is not None})
        undated = sum(1 for item in of_year if item.body == body.id and item.date is None)
        open_ended = [item.reason for item in timeless if item.body == body.id]
        bodies.append(BodyLoad(body.id, body.name, dated, undated, open_ended[0] if open_ended else ""))
    taking_part = [(item, _taking_part(model, item)) for item in of_year]
    roles = []
    for role in model.roles:
        forums = tuple(
            body.id for body in model.bodies if not isinstance(body.members, Unknown) and role.id in body.members
        )
        count = sum(1 for _, actors in taking_part if role.id in actors)
        roles.append(RoleLoad(role.id, role.name, forums, count))
    weeks = Counter(tuple(item.date.isocalendar())[:2] for item in of_year if item.date is not None)
    ranked = sorted(weeks.items(), key=lambda pair: (-pair[1], pair[0]))[:BUSIEST]
    busiest = tuple(Week(iso_year, week, count) for (iso_year, week), count in ranked)
    political, units = political_actors(model), unit_actors(model)
    touching = [item for item, actors in taking_part if actors & political and actors & units]
    return Load(
        model.id,
        model.name,
        year,
        tuple(bodies),
        tuple(roles),
        busiest,
        len(touching),
        tuple(sorted({item.event for item in touching})),
        sum(1 for item in of_year if item.date is not None),
        sum(1 for item in of_year if item.date is None),
    )


def to_record(result: Load) -> dict[str, Any]:
    """The load as a JSON-ready record (schema kommunemodel-load/1)."""
    return {
        "schema": SCHEMA,
        "model": result.model,
        "year": result.year,
        "bodies": [
            {"body": b.body, "name": b.name, "meetings": b.meetings, "undated": b.undated, "note": b.note}
            for b in result.bodies
        ],
        "roles": [
            {"role": r.role, "name": r.name, "forums": list(r.forums), "occurrences": r.occurrences}
            for r in result.roles
        ],
        "busiest_weeks": [
            {"iso_year": w.iso_year, "week": w.week, "occurrences": w.occurrences} for w in result.busiest_weeks
        ],
        "political_touchpoints": result.political_touchpoints,
        "touchpoint_events": list(result.touchpoint_events),
        "dated": result.dated,
        "undated": result.undated,
    }


def render_text(result: Load) -> str:
    """The load for a reader."""
    lines = [f"{result.name} {result.year}: {result.dated} dated occurrences, {result.undated} undated", ""]
    lines.append("Meetings per body (days it meets):")
    for body in result.bodies:
        extra = f", {body.undated} undated" if body.undated else ""
        note = f"  ({body.note})" if body.note and not body.meetings else ""
        lines.append(f"  {body.name:<48} {body.meetings:>4}{extra}{note}")
    lines.append("")
    lines.append("Per role (forums it sits in; occurrences it takes part in):")
    for role in result.roles:
        forums = ", ".join(role.forums) or "—"
        lines.append(f"  {role.name:<48} {role.occurrences:>4}  forums: {forums}")
    lines.append("")
    weeks = ", ".join(f"{w} ({w.occurrences})" for w in result.busiest_weeks) or "—"
    lines.append(f"Busiest weeks: {weeks}")
    events = ", ".join(result.touchpoint_events) or "none in the model's cycle"
    lines.append(f"Political touchpoints with units: {result.political_touchpoints} ({events})")
    return "\n".join(lines) + "\n"
