"""The core comparison metrics, registered as a built-in plugin through `kommunemodel_metrics()`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..hookspecs import hookimpl
from ..model import (
    Action,
    BodyKind,
    CarryOver,
    DocumentKind,
    DocumentStatus,
    DocumentType,
    Horizon,
    Level,
    LevelKind,
    Limit,
    Measure,
    Raci,
    SteeringModel,
)
from ..model.integrity import format_path
from ..model.source import NOT_DESCRIBED, Citation, Span, Unknown
from .metric import Condition, Fact, Metric, MetricValue, Range, unknown
from .reading import ABOVE_UNITS, Reader, Total, cite, shown, span_value
from .simulated import cascade_latency, repayment_plan_share

#: Meeting papers are not steering documents.
NOT_STEERING = (DocumentKind.AGENDA, DocumentKind.MINUTES)
#: The kinds of document a unit is steered by.
UNIT_DOCUMENT_KINDS = (DocumentKind.AGREEMENT, DocumentKind.CONTRACT, DocumentKind.GOALS)
FOLLOW_UP_ACTIONS = (Action.FOLLOW_UP, Action.EVALUATE)


def _units(level: Level) -> tuple[Span | Unknown, str]:
    """How many organisational units a level has (never its persons or employees), and the field that says so."""
    return level.units, "units"


# ---------------------------------------------------------------- organisation


def tiers(model: SteeringModel) -> MetricValue:
    """Levels on the longest chain of parents from a unit tier up to the council, both ends counted."""
    reader = Reader(model)
    units = reader.levels_of(LevelKind.UNIT)
    if not units:
        return unknown("the model names no unit tier (a level of kind unit)")
    best: list[str] = []
    broken: list[Fact] = []
    for unit in units:
        chain = [unit]
        while True:
            level = reader.levels[chain[-1]][1]
            if level.kind is LevelKind.POLITICAL:
                if len(chain) > len(best):
                    best = chain
                break
            if level.parent is None or level.parent not in reader.levels or level.parent in chain:
                broken.extend(reader.level_fact(item, "parent") for item in chain)
                break
            chain.append(level.parent)
    if not best:
        return unknown("the levels do not say how the units hang under the council (no chain of parents)", broken)
    trail = [reader.level_fact(item, "parent") for item in best[:-1]] + [reader.level_fact(best[-1], "kind")]
    return MetricValue(float(len(best)), tuple(trail), note=" → ".join(reversed(best)))


def _tier_units(model: SteeringModel, kind: LevelKind, what: str) -> MetricValue:
    reader = Reader(model)
    levels = reader.levels_of(kind)
    if not levels:
        return unknown(f"the model names no {what} tier (a level of kind {kind.value})")
    total = Total()
    for level_id in levels:
        level = reader.levels[level_id][1]
        count, name = _units(level)
        value = span_value(count) if isinstance(count, Span) else count
        why = "how many" if not isinstance(count, Span) else ("about" if count.approximate else "")
        total.add(value, [reader.level_fact(level_id, name)], level.name, why)
        staff = level.staff_units
        if staff is not None:
            # Staff areas on the same tier as line units (Ishøj's centres) are counted, and said to be there.
            total.trail.append(reader.level_fact(level_id, "staff_units"))
            how_many = "how many is not described" if isinstance(staff, Unknown) else str(staff)
            total.notes.append(f"{level.name}: staff areas included ({how_many})")
    return total.result(f"the number of {what}s is not described")


def units(model: SteeringModel) -> MetricValue:
    """Units on the unit tier."""
    return _tier_units(model, LevelKind.UNIT, "unit")


def centres(model: SteeringModel) -> MetricValue:
    """Units on the centre tier."""
    return _tier_units(model, LevelKind.CENTRE, "centre")


def span_of_control(model: SteeringModel) -> MetricValue:
    """Units on the unit tier per unit on the tier directly above it."""
    reader = Reader(model)
    for level_id in reader.levels_of(LevelKind.UNIT):
        level = reader.levels[level_id][1]
        trail = [reader.level_fact(level_id, _units(level)[1]), reader.level_fact(level_id, "parent")]
        if level.parent is None or level.parent not in reader.levels:
            return unknown("the tier above the units is not described", trail)
        parent = reader.levels[level.parent][1]
        below, _ = _units(level)
        above, above_name = _units(parent)
        trail.append(reader.level_fact(parent.id, above_name))
        if not isinstance(below, Span) or not isinstance(above, Span):
            missing = level.name if not isinstance(below, Span) else parent.name
            return unknown(f"the number of units of {missing} is not described", trail)
        low, high = below.low / above.high, below.high / above.low
        value: float | Range = round(low, 2) if low == high else Range(round(low, 2), round(high, 2))
        return MetricValue(value, tuple(trail), note=f"{below} {level.name} under {above} {parent.name}")
    return unknown("the model names no unit tier (a level of kind unit)")


def _bodies_at(model: SteeringModel, political_only: bool, kinds: tuple[BodyKind, ...] = ()) -> MetricValue:
    reader = Reader(model)
    total = Total()
    for index, body in enumerate(model.bodies):
        tier = reader.tier(body.id)
        if kinds and body.kind not in kinds:
            continue
        # Advisory councils (seniorråd, handicapråd) sit with the citizens, not at the political tier.
        if political_only and not (tier and tier.kind is LevelKind.POLITICAL):
            continue
        facts = [reader.fact("bodies", index, "kind", body), reader.fact("bodies", index, "count", body)]
        if body.count is None:
            total.add(1.0, facts)
        elif isinstance(body.count, Span):
            total.add(span_value(body.count), facts)
        else:
            # A class of bodies the source names, without saying how many: at least one.
            total.add(Range(1.0), facts, body.id, "how many is not described (at least one)")
    if not total.trail:
        return MetricValue(0.0, note="the model names none")
    return total.result("not described")


def committees(model: SteeringModel) -> MetricValue:
    """Standing committees of the council (bodies of kind committee), each class counted by its `count`."""
    result = _bodies_at(model, political_only=False, kinds=(BodyKind.COMMITTEE,))
    special = [body.name for body in model.bodies if body.kind is BodyKind.SPECIAL_COMMITTEE]
    if special:
        note = "; ".join(filter(None, (result.note, "special committees, not counted: " + ", ".join(special))))
        result = attrs.evolve(result, note=note)
    return result


def political_bodies(model: SteeringModel) -> MetricValue:
    """Bodies seated at the political tier (committees, party groups, councils), each class by its `count`."""
    return _bodies_at(model, political_only=True)


def _top_executive(reader: Reader) -> list[str]:
    """The executive levels that no other executive level stands above."""
    executive = reader.levels_of(LevelKind.EXECUTIVE)
    return [
        level_id
        for level_id in executive
        if reader.levels[level_id][1].parent not in executive or reader.levels[level_id][1].parent is None
    ]


def top_management_meetings(model: SteeringModel) -> MetricValue:
    """Meetings a year of the executive board and the management forums on the top executive tier, summed."""
    reader = Reader(model)
    top = _top_executive(reader)
    total = Total()
    left_out: list[str] = []
    for index, body in enumerate(model.bodies):
        if body.kind not in (BodyKind.EXECUTIVE_BOARD, BodyKind.MANAGEMENT) or body.level not in top:
            continue
        if body.per is not None or (body.count is not None and body.count != Span.exactly(1)):
            continue  # one meeting series per area (chefmøder per director area) is not the top forum
        facts = [reader.fact("bodies", index, "level", body), reader.fact("bodies", index, "cadence", body)]
        if hasattr(body.cadence, "as_needed") and body.cadence.as_needed:
            left_out.append(body.name)
            continue
        value, why = reader.yearly(body.cadence)
        total.add(value, facts, body.name, why)
    if not total.trail:
        return unknown("the model names no executive board or management forum on the top executive tier")
    result = total.result("not described")
    if left_out:
        note = "; ".join(filter(None, (result.note, "left out, meeting as needed: " + ", ".join(left_out))))
        result = attrs.evolve(result, note=note)
    return result


# ---------------------------------------------------------------- documents


def _steering(model: SteeringModel) -> Iterator[tuple[int, DocumentType]]:
    for index, document in enumerate(model.documents):
        if document.kind not in NOT_STEERING and document.status is DocumentStatus.IN_FORCE:
            yield index, document


def documents(model: SteeringModel) -> MetricValue:
    """Steering document types in force, leaving out meeting papers (agendas, minutes) and announced ones."""
    reader = Reader(model)
    found = list(_steering(model))
    announced = [d.name for d in model.documents if d.status is DocumentStatus.ANNOUNCED]
    note = "announced, not counted: " + ", ".join(announced) if announced else ""
    return MetricValue(float(len(found)), tuple(reader.fact("documents", i, "kind", d) for i, d in found), note=note)


def mandatory_documents(model: SteeringModel) -> MetricValue:
    """Of the steering documents, those the source makes mandatory; a range where it does not say for some."""
    reader = Reader(model)
    total = Total()
    for index, document in _steering(model):
        fact = [reader.fact("documents", index, "mandatory", document)]
        if document.mandatory is NOT_DESCRIBED:
            total.add(Range(0.0, 1.0), fact)
        elif document.mandatory:
            total.add(1.0, fact)
        else:
            total.trail.extend(fact)
    undescribed = sum(1 for _i, d in _steering(model) if d.mandatory is NOT_DESCRIBED)
    result = total.result("not described")
    if undescribed:
        note = f"{undescribed} document{'s' if undescribed != 1 else ''} whose source does not say whether mandatory"
        result = attrs.evolve(result, note=note)
    return result


def _unit_documents(reader: Reader) -> list[str]:
    units = set(reader.levels_of(LevelKind.UNIT))
    return [
        document.id
        for document in reader.model.documents
        if document.per in units and document.kind in UNIT_DOCUMENT_KINDS and document.mandatory is not False
    ]


def _longest_chain(reader: Reader, start: str) -> list[str]:
    """The longest chain of parents from `start` to a top document, preferring one that ends at a political one.

    Each document's best chain is found once (a shared parent is not walked again), so a dense web of parents
    costs its number of links, not its number of paths; a cycle (KM104's to report) is cut where it closes.
    """
    best: dict[str, list[str]] = {}

    def political(document_id: str) -> bool:
        top = reader.documents[document_id][1]
        return any(
            isinstance(actor, str) and (tier := reader.tier(actor)) is not None and tier.kind is LevelKind.POLITICAL
            for actor in (top.owner, top.approver)
        )

    def key(chain: list[str]) -> tuple[bool, int]:
        return political(chain[-1]), len(chain)

    def walk(document_id: str, visiting: frozenset[str]) -> list[str]:
        if document_id in best:
            return best[document_id]
        parents = [p for p in reader.documents[document_id][1].parents if p in reader.documents and p not in visiting]
        chains = [walk(parent, visiting | {document_id}) for parent in parents]
        chain = [document_id, *max(chains, key=key)] if chains else [document_id]
        best[document_id] = chain
        return chain

    return walk(start, frozenset())


def _unit_document(reader: Reader) -> tuple[str, list[str]] | None:
    """The unit's steering document with the longest chain up to its top document, and that chain."""
    chains = [(document, _longest_chain(reader, document)) for document in _unit_documents(reader)]
    if not chains:
        return None
    return max(chains, key=lambda pair: len(pair[1]))


def chain_depth(model: SteeringModel) -> MetricValue:
    """Documents on the longest chain of parents from the unit's steering document up to the top document."""
    reader = Reader(model)
    found = _unit_document(reader)
    if found is None:
        return unknown("the model names no unit steering document (an agreement, contract or goals issued per unit)")
    _document, chain = found
    trail = [reader.fact("documents", reader.documents[d][0], "parents", reader.documents[d][1]) for d in chain]
    top = reader.documents[chain[-1]][1]
    trail.append(reader.fact("documents", reader.documents[top.id][0], "approver", top))
    names = " → ".join(reader.documents[d][1].name for d in reversed(chain))
    return MetricValue(float(len(chain)), tuple(trail), note=names)


def unit_document_horizon(model: SteeringModel) -> MetricValue:
    """The horizon in years of the unit's steering document; the election term counted in years."""
    reader = Reader(model)
    found = _unit_document(reader)
    if found is None:
        return unknown("the model names no unit steering document (an agreement, contract or goals issued per unit)")
    index, document = reader.documents[found[0]]
    trail = [reader.fact("documents", index, "horizon_years", document)]
    horizon = document.horizon_years
    if isinstance(horizon, int):
        return MetricValue(float(horizon), tuple(trail), note=document.name)
    if horizon is Horizon.ELECTION_TERM:
        term = model.municipality.election_term_years
        if isinstance(term, int):
            trail.append(Fact("municipality.election_term_years", shown(term), cite(model.municipality)))
            return MetricValue(float(term), tuple(trail), note=f"{document.name}: the election term")
        # The model does not say, so the term is the law's: the national frame every model inherits.
        from ..model.national import FRAME, VALGLOVEN_6_1

        trail.append(Fact("national frame: election_term_years", str(FRAME.term_years), VALGLOVEN_6_1))
        note = f"{document.name}: the election term, {FRAME.term_years} years by law (the national frame)"
        return MetricValue(float(FRAME.term_years), tuple(trail), note=note)
    if horizon is Horizon.LONG_TERM:
        return unknown(f"the horizon of {document.name} is 'long term', not a number of years", trail)
    return unknown(f"the horizon of {document.name} is not described", trail)


# ---------------------------------------------------------------- the annual cycle


def _cycle_meetings(model: SteeringModel, wanted: Any, nothing: str) -> MetricValue:
    """Events whose actors `wanted(tiers)` accepts (True, or None for perhaps), counted a year each."""
    reader = Reader(model)
    units = set(reader.levels_of(LevelKind.UNIT))
    involves_units = False
    total = Total()
    possible: list[str] = []
    for index, event in enumerate(model.events):
        if isinstance(event.actors, Unknown):
            kinds: list[LevelKind | None] | None = None
        else:
            actors = [
                member
                for actor in (*event.actors, *([event.body] if event.body else ()))
                for member in reader.members(actor)
            ]
            kinds = []
            for actor in actors:
                tier = reader.tier(actor)
                kinds.append(None if tier is None else tier.kind)
                if tier is not None and tier.id in units:
                    involves_units = True
        verdict = wanted(event, kinds)
        if verdict is False:
            continue
        facts = [reader.fact("events", index, "actors", event), reader.fact("events", index, "when", event)]
        if verdict is None:
            possible.append(event.name)
            total.trail.extend(facts)
            continue
        value, why = reader.yearly(event.when)
        total.add(value, facts, event.name, why)
    if not units:
        return unknown("the model names no unit tier (a level of kind unit)")
    if not involves_units and not possible:
        return unknown(f"no event of the annual cycle involves the unit tier: {nothing}")
    result = total.result("not described")
    if possible:
        perhaps = "who takes part is not placed on a tier for: " + ", ".join(possible)
        low = result.value.low if isinstance(result.value, Range) else result.value
        if not isinstance(low, float) or low == 0:
            # "At least none" says nothing: the events that might count decide it, and the source does not say.
            reason = "; ".join(filter(None, (result.reason, perhaps)))
            return unknown(reason, result.trail, result.note)
        result = attrs.evolve(result, value=Range(low), note="; ".join(filter(None, (result.note, perhaps))))
    return result


def follow_up_points(model: SteeringModel) -> MetricValue:
    """Events a year at which a unit is followed up or evaluated by someone on a tier above it."""

    def wanted(event: Any, kinds: list[LevelKind | None] | None) -> bool | None:
        if event.action not in FOLLOW_UP_ACTIONS:
            return False
        if kinds is None:
            return None
        if LevelKind.UNIT in kinds and any(kind in ABOVE_UNITS for kind in kinds):
            return True
        if None in kinds and (LevelKind.UNIT in kinds or any(kind in ABOVE_UNITS for kind in kinds)):
            return None
        return False

    return _cycle_meetings(model, wanted, "the source does not describe how units are followed up")


def political_touchpoints(model: SteeringModel) -> MetricValue:
    """Events a year that bring the political tier and the unit tier together."""

    def wanted(event: Any, kinds: list[LevelKind | None] | None) -> bool | None:
        if kinds is None:
            return None
        political = LevelKind.POLITICAL in kinds
        if political and LevelKind.UNIT in kinds:
            return True
        if political and None in kinds:
            return None
        return False

    return _cycle_meetings(model, wanted, "the source does not describe the units' year")


# ---------------------------------------------------------------- decision rights


def decentralisation(model: SteeringModel) -> MetricValue:
    """Decision rights (RACI A) held on the unit tier, as a share of every decision right in the model."""
    reader = Reader(model)
    units = set(reader.levels_of(LevelKind.UNIT))
    if not units:
        return unknown("the model names no unit tier (a level of kind unit)")
    decisions = 0
    certain = 0
    perhaps = 0
    any_at_units = False
    trail: list[Fact] = []
    for index, responsibility in enumerate(model.responsibilities):
        tier = reader.tier(responsibility.actor)
        at_units = None if tier is None else tier.id in units
        any_at_units = any_at_units or bool(at_units)
        if responsibility.verb.raci is not Raci.ACCOUNTABLE:
            continue
        decisions += 1
        trail.append(reader.fact("responsibilities", index, "actor", responsibility))
        if at_units is not False:
            certain += at_units is True
            perhaps += at_units is None
    if not any_at_units:
        return unknown("the source gives the unit tier no responsibilities at all")
    if decisions == 0:
        return unknown("the model names no decision rights")
    note = f"{certain} of {decisions} decision rights on the unit tier"
    if perhaps:
        note += f"; {perhaps} more held by actors not placed on a tier"
        return MetricValue(
            Range(round(certain / decisions, 4), round((certain + perhaps) / decisions, 4)), tuple(trail), note=note
        )
    return MetricValue(round(certain / decisions, 4), tuple(trail), note=note)


# ---------------------------------------------------------------- budget


def _carry_over(model: SteeringModel) -> tuple[CarryOver | None, Fact]:
    carry = model.budget.carry_over
    return (carry if isinstance(carry, CarryOver) else None), Fact(
        "budget.carry_over",
        shown(carry) if not isinstance(carry, CarryOver) else "{…}",
        cite(carry) if isinstance(carry, CarryOver) else cite(model.budget),
    )


def _cap(model: SteeringModel, name: str, what: str) -> MetricValue:
    carry, fact = _carry_over(model)
    if carry is None:
        return unknown("the budget's carry-over rules are not described in the source", [fact])
    cap = getattr(carry, name)
    trail = (Fact(f"budget.carry_over.{name}", shown(cap), cite(carry)),)
    if isinstance(cap, Limit):
        return MetricValue("unlimited", trail, note=f"the source says the {what} carried over has no cap")
    if isinstance(cap, Unknown):
        return unknown(f"the cap on a {what} carried over is not described", trail)
    return MetricValue(float(cap), trail)


def surplus_cap(model: SteeringModel) -> MetricValue:
    """The largest surplus a unit may carry into next year, as a share of its annual budget."""
    return _cap(model, "surplus_cap", "surplus")


def deficit_cap(model: SteeringModel) -> MetricValue:
    """The largest deficit a unit may carry into next year, as a share of its annual budget."""
    return _cap(model, "deficit_cap", "deficit")


def repayment_plan_threshold(model: SteeringModel) -> MetricValue:
    """The deficit, as a share of the annual budget, above which a unit must make a repayment plan."""
    carry, fact = _carry_over(model)
    if carry is None:
        return unknown("the budget's carry-over rules are not described in the source", [fact])
    above = carry.repayment_plan_above
    trail = (Fact("budget.carry_over.repayment_plan_above", shown(above) if above is not None else "", cite(carry)),)
    if isinstance(above, float | int) and not isinstance(above, bool):
        return MetricValue(float(above), trail)
    return unknown("no deficit above which a repayment plan is required is described", trail)


def close_monitoring_threshold(model: SteeringModel) -> MetricValue:
    """The expected overspend, as a share of the annual budget, above which a unit is followed more closely."""
    thresholds = model.budget.thresholds
    if isinstance(thresholds, Unknown):
        return unknown(
            "the budget's thresholds are not described in the source",
            [Fact("budget.thresholds", "not_described", cite(model.budget))],
        )
    found = [(i, t) for i, t in enumerate(thresholds) if t.measure is Measure.EXPECTED_OVERSPEND]
    if not thresholds:
        return MetricValue(
            "none",
            (Fact("budget.thresholds", "[]", cite(model.budget)),),
            note="the source says there are no thresholds",
        )
    if not found:
        return unknown(
            "no threshold on expected overspend is described",
            [Fact(f"budget.thresholds[{i}].measure", t.measure.value, cite(t)) for i, t in enumerate(thresholds)],
        )
    index, lowest = min(found, key=lambda pair: pair[1].above)
    return MetricValue(
        float(lowest.above),
        (Fact(f"budget.thresholds[{index}].above", shown(lowest.above), cite(lowest)),),
        note=lowest.consequence,
    )


def appropriation_level(model: SteeringModel) -> MetricValue:
    """The bevillingsniveau: how far an appropriation's holder may move money between the lines inside it."""
    level = model.budget.appropriation_level
    if isinstance(level, Unknown) or isinstance(level.transfers, Unknown):
        where = model.budget if isinstance(level, Unknown) else level
        fact = Fact("budget.appropriation_level", "not_described" if isinstance(level, Unknown) else "{…}", cite(where))
        return unknown("the appropriation level (bevillingsniveau) is not described in the source", [fact])
    trail = (
        Fact("budget.appropriation_level.transfers", level.transfers.value, cite(level)),
        Fact("budget.appropriation_level.holders", shown(level.holders), cite(level)),
    )
    holders = "" if isinstance(level.holders, Unknown) else "granted to " + ", ".join(level.holders)
    return MetricValue(level.transfers.value, trail, note=holders)


def budget_route(model: SteeringModel) -> MetricValue:
    """How the appropriation reaches the unit: directly from the council, or cascaded down the tiers."""
    allocation = model.budget.allocation
    if isinstance(allocation, Unknown) or isinstance(allocation.route, Unknown):
        return unknown(
            "how appropriations reach the units is not described in the source",
            [Fact("budget.allocation", "not_described", cite(model.budget))],
        )
    trail = (Fact("budget.allocation.route", allocation.route.value, cite(allocation)),)
    return MetricValue(allocation.route.value, trail)


# ---------------------------------------------------------------- the sources' gaps


#: Values written as one value in a model file: no facts inside them.
LEAVES = (Citation, Span)


@functools.cache
def _layout(kind: type) -> tuple[tuple[str, bool], ...]:
    """A model class's fields, each with whether it may say `not_described`; read once per class."""
    return tuple((attribute.name, "Unknown" in str(attribute.type)) for attribute in attrs.fields(kind))


def _nested(value: Any) -> bool:
    return isinstance(value, tuple) or (value is not None and not isinstance(value, LEAVES) and attrs.has(type(value)))


def _walk(value: Any, path: tuple[str | int, ...], citation: str, counts: list[int], gaps: list[Fact]) -> None:
    """Count every field that may say `not_described` (counts[0]) and gather those that do, with their paths."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            if _nested(item):
                _walk(item, (*path, index), citation, counts, gaps)
        return
    citation = cite(value) or citation
    kind: Any = type(value)
    for name, may_be_unknown in _layout(kind):
        item = getattr(value, name)
        if may_be_unknown:
            counts[0] += 1
            if item is NOT_DESCRIBED:
                gaps.append(Fact(format_path((*path, name)), "not_described", citation))
        if _nested(item):
            _walk(item, (*path, name), citation, counts, gaps)


def undescribed_share(model: SteeringModel) -> MetricValue:
    """Of the facts a model may leave `not_described`, the share the source leaves so."""
    counts: list[int] = [0]
    gaps: list[Fact] = []
    _walk(model, (), "", counts, gaps)
    if not counts[0]:
        return unknown("the model has no fact that could be undescribed")
    return MetricValue(round(len(gaps) / counts[0], 4), tuple(gaps), note=f"{len(gaps)} of {counts[0]} facts")


# ---------------------------------------------------------------- the table


def _at_least(threshold: float) -> Any:
    return lambda value: isinstance(value, float) and value >= threshold


def _at_most(threshold: float) -> Any:
    return lambda value: isinstance(value, float) and value <= threshold


def _is(key: str) -> Any:
    return lambda value: value == key


def _carried(value: float | str) -> bool:
    return value == "unlimited" or (isinstance(value, float) and value > 0)


def _define(
    compute: Callable[[SteeringModel], MetricValue],
    label_da: str,
    label_en: str,
    unit: str,
    categories: dict[str, tuple[str, str]] | None = None,
    condition: Condition | None = None,
) -> Metric:
    """A core metric: its id is its function's name and its definition the function's docstring."""
    return Metric(
        compute.__name__, label_da, label_en, unit, compute.__doc__ or "", compute, categories or {}, condition
    )


UNLIMITED = {"unlimited": ("ubegrænset", "unlimited")}

METRICS: tuple[Metric, ...] = (
    _define(tiers, "Niveauer fra byråd til enhed", "Tiers from council to unit", "tiers",
            condition=Condition("FLAT", "tiers <= 3", _at_most(3))),
    _define(units, "Enheder", "Units", "count"),
    _define(centres, "Centre", "Centres", "count"),
    _define(span_of_control, "Kontrolspænd", "Span of control", "ratio",
            condition=Condition("WIDE_SPAN", "span_of_control >= 10", _at_least(10))),
    _define(documents, "Styringsdokumenter", "Steering documents", "documents"),
    _define(mandatory_documents, "Obligatoriske styringsdokumenter", "Mandatory steering documents", "documents"),
    _define(chain_depth, "Dokumentkædens dybde", "Document-chain depth", "documents",
            condition=Condition("DEEP_CHAIN", "chain_depth >= 4", _at_least(4))),
    _define(unit_document_horizon, "Enhedsdokumentets horisont", "Horizon of the unit document", "years",
            condition=Condition("LONG_HORIZON", "unit_document_horizon >= 2", _at_least(2))),
    _define(political_bodies, "Politiske organer", "Political bodies", "count"),
    _define(committees, "Stående udvalg", "Standing committees", "count"),
    _define(top_management_meetings, "Møder i topledelsen pr. år", "Top-management meetings a year", "per_year"),
    _define(follow_up_points, "Opfølgningspunkter pr. enhed pr. år", "Follow-up points per unit a year", "per_year",
            condition=Condition("FOLLOWED_UP", "follow_up_points >= 2", _at_least(2))),
    _define(political_touchpoints, "Politiske berøringspunkter med enheder pr. år",
            "Political touchpoints with units a year", "per_year",
            condition=Condition("POLITICAL_CONTACT", "political_touchpoints >= 1", _at_least(1))),
    _define(decentralisation, "Decentralisering (beslutninger på enhedsniveau)",
            "Decentralisation (decisions at unit level)", "share",
            condition=Condition("DECENTRAL", "decentralisation >= 0.2", _at_least(0.2))),
    _define(surplus_cap, "Loft over overført overskud", "Surplus cap", "share", UNLIMITED),
    _define(deficit_cap, "Loft over overført underskud", "Deficit cap", "share", UNLIMITED,
            Condition("DEFICIT_CARRIED", "deficit_cap > 0 or unlimited", _carried)),
    _define(repayment_plan_threshold, "Grænse for afviklingsplan", "Repayment-plan threshold", "share"),
    _define(close_monitoring_threshold, "Grænse for tæt opfølgning", "Close-monitoring threshold", "share",
            {"none": ("ingen", "none")}),
    _define(appropriation_level, "Bevillingsniveau", "Appropriation level", "category",
            {"free": ("frit inden for bevillingen", "free within the appropriation"),
             "with_approval": ("omplacering med godkendelse", "transfers with approval"),
             "none": ("ingen omplacering", "no transfers")}),
    _define(budget_route, "Bevillingens vej", "Budget route", "category",
            {"direct": ("direkte fra byrådet", "direct from the council"),
             "cascaded": ("gennem niveauerne", "cascaded down the tiers")},
            Condition("DIRECT_BUDGET", "budget_route = direct", _is("direct"))),
    _define(cascade_latency, "Målkaskadens forsinkelse", "Goal-cascade latency", "days",
            condition=Condition("SLOW_CASCADE", "cascade_latency >= 365 days", _at_least(365))),
    _define(undescribed_share, "Andel ikke beskrevne fakta", "Share of facts not described", "share"),
    _define(repayment_plan_share, "Andel enheder med afviklingsplan (standardscenarie)",
            "Units needing a repayment plan (standard scenario)", "share"),
)  # fmt: skip


@hookimpl
def kommunemodel_metrics() -> list[Metric]:
    """The core metrics."""
    return list(METRICS)
