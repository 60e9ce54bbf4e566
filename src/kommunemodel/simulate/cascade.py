"""How long a council goal takes to bind a unit: its path down the document chain through the cycle."""

from __future__ import annotations

import datetime
import statistics
import sys
import types
from collections.abc import Iterator
from typing import Any

from attrs import frozen

from ..model.documents import DocumentType
from ..model.national import STYRELSESLOVEN_40
from ..model.organisation import LevelKind
from ..model.source import Unknown
from ..model.steering_model import SteeringModel
from .calendar import BUDGET_KINDS, Calendar, Occurrence, _Expander, calendar
from .load import political_actors

SCHEMA = "kommunemodel-cascade/1"
RANGE_SCHEMA = "kommunemodel-cascade-range/1"
#: The actions that make a document binding, strongest first: a contract binds when it is signed (or an agreement
#: entered into, Helsingør's "indgås"), not when it is approved.
BINDING = ("sign", "enter_into", "adopt", "approve", "decide", "publish")
#: Where a document has no binding event, the events that make it: a strategy map is prepared, not signed.
MAKING = ("prepare", "revise")
#: Years of calendar after the adoption searched for each step (two election terms).
HORIZON_YEARS = 8


@frozen
class Step:
    """One level of the cascade: the document that carries the goal there, the event, and when it binds."""

    level: str
    document: str
    name: str
    event: str | None
    event_name: str
    date: datetime.date | None
    binding_from: datetime.date | None
    year: int | None
    note: str


@frozen
class Cascade:
    """A goal adopted on `adopted`: the steps down to the unit level, the latency, or why it cannot reach."""

    model: str
    name: str
    adopted: datetime.date
    reaches_unit: bool
    latency_days: int | None
    steps: tuple[Step, ...]
    reason: str
    # Where a step's year is known but not its day: the fewest and most days the latency can be.
    latency_bounds: tuple[int, int] | None = None
    paths: int = 0


@frozen
class Distribution:
    """The latency over every adoption day of a span: min, median, max, and the days it cannot be told."""

    model: str
    start: datetime.date
    end: datetime.date
    days: int
    known: int
    minimum: int | None
    median: float | None
    maximum: int | None
    bounds: tuple[int, int] | None
    reaches_unit: bool
    reason: str


def _political(model: SteeringModel, actor: object) -> bool:
    """Whether an actor is on the political tier (the council, a committee, a party group)."""
    return isinstance(actor, str) and actor in political_actors(model)


def _level_of(model: SteeringModel, document: DocumentType) -> str:
    if document.per is not None:
        return document.per
    for actor in (document.owner, document.approver):
        if isinstance(actor, str):
            found = model.actors().get(actor)
            if found is not None:
                return actor if not hasattr(found, "level") or found.level is None else str(found.level)
    return "not described"


def _unit_documents(model: SteeringModel) -> list[DocumentType]:
    """The documents made per unit (one agreement per unit), the top-most where one hangs below another."""
    units = {level.id for level in model.levels if level.kind is LevelKind.UNIT}
    roles = {role.id for role in model.roles if role.level in units}
    per_unit = [document for document in model.documents if document.per in units | roles]
    ids = {document.id for document in per_unit}
    return [document for document in per_unit if not ids & set(document.parents)]


def _paths(model: SteeringModel, document: DocumentType, seen: tuple[str, ...] = ()) -> Iterator[list[DocumentType]]:
    """Every chain from a root document down to `document`, top first."""
    known = {item.id: item for item in model.documents}
    parents = [known[parent] for parent in document.parents if parent in known and parent not in seen]
    if not parents:
        yield [document]
        return
    for parent in parents:
        for path in _paths(model, parent, (*seen, document.id)):
            yield [*path, document]


class _Traveller:
    """Walks a goal down one chain of documents through a calendar."""

    def __init__(self, model: SteeringModel, result: Calendar) -> None:
        self.model = model
        self.calendar = result
        self.expander = _Expander(model, range(result.start, result.end + 1), _frame(model), {})
        self.adoptions = sorted(
            occurrence.date
            for occurrence in result.occurrences
            if occurrence.event in self.expander.budget_adoptions and occurrence.date is not None
        )
        self._carriers: dict[str, tuple[list[Occurrence], str]] = {}

    def carriers(self, document: DocumentType) -> tuple[list[Occurrence], str]:
        """The occurrences that can make `document` binding, and which kind they are."""
        if document.id in self._carriers:
            return self._carriers[document.id]
        events = [event for event in self.model.events if document.id in event.documents]
        found: tuple[list[Occurrence], str] = ([], "")
        for actions, kind in ((BINDING, "binding"), (MAKING, "making")):
            chosen = [event for event in events if event.action.value in actions]
            if chosen:
                strongest = min(actions.index(event.action.value) for event in chosen)
                ids = {event.id for event in chosen if actions.index(event.action.value) == strongest}
                found = ([item for item in self.calendar.occurrences if item.event in ids], kind)
                break
        if not found[0] and not isinstance(document.cadence, Unknown):
            base = Occurrence(document.id, f"{document.name} (its cadence)", None, None, False, "")
            found = (self.expander.expand(base, document.cadence), "cadence")
        self._carriers[document.id] = found
        return found

    def fiscal_start(self, day: datetime.date) -> datetime.date:
        """When a document made on `day` under a budget binds: from the fiscal year the latest adopted budget is for."""
        adopted = [item for item in self.adoptions if item <= day]
        if adopted and adopted[-1].year == day.year:
            return datetime.date(day.year + 1, 1, 1)
        return day

    def walk(self, path: list[DocumentType], adopted: datetime.date) -> tuple[list[Step], datetime.date | None, str]:
        """The steps of one path; the binding date at its end (None if it cannot be told) and why not."""
        steps: list[Step] = []
        binding: datetime.date = adopted
        year_only: int | None = None
        timed = False
        for document in path:
            level = _level_of(self.model, document)
            occurrences, kind = self.carriers(document)
            # Occurrences with neither a date nor a year (the source gives no time) do not time the step.
            occurrences = [item for item in occurrences if item.date is not None or item.year is not None]
            under_budget = document.kind in BUDGET_KINDS or any(
                self.model.document(parent).kind in BUDGET_KINDS
                for parent in document.parents
                if parent in {item.id for item in self.model.documents}
            )
            if not occurrences and not timed:
                steps.append(
                    Step(
                        level,
                        document.id,
                        document.name,
                        None,
                        "adopted by the council",
                        adopted,
                        adopted,
                        adopted.year,
                        "the source gives it no time; the council's adoption stands for it",
                    )
                )
                continue
            if not occurrences:
                return (
                    steps,
                    None,
                    f"'{document.id}' has no time in the cycle in the source, so the goal's way on cannot be timed",
                )
            timed = True
            after = [
                item
                for item in occurrences
                if (item.date is not None and item.date >= binding)
                or (item.date is None and item.year is not None and item.year > binding.year)
            ]
            if not after:
                return steps, None, f"no occurrence of '{document.id}' within {HORIZON_YEARS} years of the adoption"
            item = after[0]
            if item.date is None:
                year_only = item.year
                steps.append(
                    Step(level, document.id, document.name, item.event, item.name, None, None, item.year, item.reason)
                )
                continue
            bind = item.date
            note = f"{kind} event" if kind != "cadence" else "the document's own cadence"
            if document.kind in BUDGET_KINDS:
                bind = datetime.date(item.date.year + 1, 1, 1)
                note += f"; a budget binds from the fiscal year it is for ({STYRELSESLOVEN_40})"
            elif under_budget:
                start = self.fiscal_start(item.date)
                if start > bind:
                    bind = start
                    note += f"; made under the adopted budget, it binds from the fiscal year ({STYRELSESLOVEN_40})"
            binding = max(binding, bind)
            steps.append(
                Step(level, document.id, document.name, item.event, item.name, item.date, binding, item.year, note)
            )
        if year_only is not None:
            return steps, None, f"year {year_only}"
        return steps, binding, ""


def _frame(model: SteeringModel) -> Any:
    from ..model.national import frame_for

    return frame_for(model)


def _roots_political(model: SteeringModel, path: list[DocumentType]) -> bool:
    root = path[0]
    return _political(model, root.owner) or _political(model, root.approver)


def cascade(model: SteeringModel, adopted: datetime.date, result: Calendar | None = None) -> Cascade:
    """Follow a goal the council adopts on `adopted` down to the unit documents; the fastest chain is reported."""
    result = result or calendar(model, range(adopted.year, adopted.year + HORIZON_YEARS + 1))
    return _Cascader(model, result).follow(adopted)


class _Cascader:
    """The chains of one model and the calendar they travel through, found once for many adoption days."""

    def __init__(self, model: SteeringModel, result: Calendar) -> None:
        self.model = model
        self.units = _unit_documents(model)
        self.paths = [path for unit in self.units for path in _paths(model, unit) if _roots_political(model, path)]
        self.traveller = _Traveller(model, result) if self.paths else None

    def follow(self, adopted: datetime.date) -> Cascade:
        """The cascade of a goal adopted on `adopted`."""
        model = self.model
        if not self.units:
            unit_levels = [level.id for level in model.levels if level.kind is LevelKind.UNIT]
            where = f" ({', '.join(unit_levels)})" if unit_levels else ""
            reason = (
                f"the model describes no document made per unit{where}, so no goal can bind a unit through the chain"
            )
            return Cascade(model.id, model.name, adopted, False, None, (), reason)
        if self.traveller is None:
            reason = "no chain of documents leads from a political document down to the unit document"
            return Cascade(model.id, model.name, adopted, False, None, (), reason)
        candidates: list[tuple[int, int, list[str], list[Step], tuple[int, int] | None]] = []
        unbounded_reasons = []
        for path in self.paths:
            steps, binding, why = self.traveller.walk(path, adopted)
            if binding is not None:
                candidates.append(((binding - adopted).days, -len(steps), [s.document for s in steps], steps, None))
            elif why.startswith("year "):
                year = int(why.split()[1])
                low = max(0, (datetime.date(year, 1, 1) - adopted).days)
                high = (datetime.date(year, 12, 31) - adopted).days
                # Ranked after every chain whose latency is told, by the fewest days it can take.
                candidates.append((10**6 + low, -len(steps), [s.document for s in steps], steps, (low, high)))
            else:
                unbounded_reasons.append(why)
        if not candidates:
            return Cascade(model.id, model.name, adopted, True, None, (), unbounded_reasons[0], paths=len(self.paths))
        candidates.sort(key=lambda item: (item[0], item[1], item[2]))
        latency, _, _, steps, bounds = candidates[0]
        if bounds is None:
            return Cascade(model.id, model.name, adopted, True, latency, tuple(steps), "", None, len(self.paths))
        last = steps[-1]
        reason = f"'{last.document}' binds {last.note}, so the latency lies between {bounds[0]} and {bounds[1]} days"
        return Cascade(model.id, model.name, adopted, True, None, tuple(steps), reason, bounds, len(self.paths))


def cascade_range(model: SteeringModel, start: datetime.date, end: datetime.date) -> Distribution:
    """The latency for every adoption day from `start` to `end`: min, median and max where it can be told."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    cascader = _Cascader(model, calendar(model, range(start.year, end.year + HORIZON_YEARS + 1)))
    latencies: list[int] = []
    lows: list[int] = []
    highs: list[int] = []
    days = (end - start).days + 1
    reaches, reason = True, ""
    for offset in range(days):
        found = cascader.follow(start + datetime.timedelta(days=offset))
        # The day's own bounds are no part of the span's reason: the span gives its own.
        reaches, reason = found.reaches_unit, found.reason.split(", so the latency")[0]
        if found.latency_days is not None:
            latencies.append(found.latency_days)
            lows.append(found.latency_days)
            highs.append(found.latency_days)
        elif found.latency_bounds is not None:
            lows.append(found.latency_bounds[0])
            highs.append(found.latency_bounds[1])
    return Distribution(
        model.id,
        start,
        end,
        days,
        len(latencies),
        min(latencies) if latencies else None,
        statistics.median(latencies) if latencies else None,
        max(latencies) if latencies else None,
        (min(lows), max(highs)) if lows else None,
        reaches,
        "" if len(latencies) == days else reason,
    )


# -- renderers ---------------------------------------------------------------------------------------------


def to_record(result: Cascade) -> dict[str, Any]:
    """The cascade as a JSON-ready record (schema kommunemodel-cascade/1)."""
    return {
        "schema": SCHEMA,
        "model": result.model,
        "adopted": result.adopted.isoformat(),
        "reaches_unit": result.reaches_unit,
        "latency_days": result.latency_days,
        "latency_bounds": list(result.latency_bounds) if result.latency_bounds else None,
        "paths": result.paths,
        "steps": [
            {
                "level": step.level,
                "document": step.document,
                "event": step.event,
                "event_name": step.event_name,
                "date": step.date.isoformat() if step.date else None,
                "binding_from": step.binding_from.isoformat() if step.binding_from else None,
                "year": step.year,
                "note": step.note,
            }
            for step in result.steps
        ],
        "reason": result.reason,
    }


def range_record(result: Distribution) -> dict[str, Any]:
    """The distribution as a JSON-ready record (schema kommunemodel-cascade-range/1)."""
    return {
        "schema": RANGE_SCHEMA,
        "model": result.model,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "days": result.days,
        "known": result.known,
        "min": result.minimum,
        "median": result.median,
        "max": result.maximum,
        "bounds": list(result.bounds) if result.bounds else None,
        "reaches_unit": result.reaches_unit,
        "reason": result.reason,
    }


def render_text(result: Cascade) -> str:
    """The cascade for a reader: one line per level, then the latency or why there is none."""
    lines = [f"{result.name}: a goal the council adopts on {result.adopted.isoformat()}"]
    for step in result.steps:
        when = f"from {step.binding_from.isoformat()}" if step.binding_from else f"in {step.year}"
        via = f" at '{step.event_name}'" if step.event else ""
        lines.append(f"  {step.level:<24} {step.document:<30} binding {when}{via}  ({step.note})")
    if result.latency_days is not None:
        lines.append(f"Reaches the unit level after {result.latency_days} days (fastest of {result.paths} chains).")
    elif result.reaches_unit:
        lines.append(f"Reaches the unit level, latency not told: {result.reason}.")
    else:
        lines.append(f"Does not reach a unit: {result.reason}.")
    return "\n".join(lines) + "\n"


def render_range_text(result: Distribution) -> str:
    """The distribution for a reader."""
    head = f"{result.model}: latency to the unit level for adoptions {result.start}–{result.end} ({result.days} days)"
    if result.known:
        body = f"  min {result.minimum}, median {result.median:g}, max {result.maximum} days"
        if result.known < result.days:
            body += f" ({result.known} of {result.days} days told)"
    elif result.bounds is not None:
        body = f"  not told for any day; between {result.bounds[0]} and {result.bounds[1]} days: {result.reason}"
    else:
        body = f"  cannot be told: {result.reason}"
    return f"{head}\n{body}\n"


class _CallableModule(types.ModuleType):
    """This module, callable as its function: `kommunemodel.simulate.cascade(model, adopted)` either way."""

    def __call__(self, *args: Any, **kwargs: Any) -> Cascade:
        return cascade(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
