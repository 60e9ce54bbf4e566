"""The readable text summary `kommunemodel show` prints: levels as a tree, documents as a chain, the year by quarter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..model import (
    Allocation,
    AppropriationLevel,
    Body,
    BudgetRules,
    CarryOver,
    DocumentStatus,
    Event,
    Level,
    SteeringModel,
    Timing,
    Unknown,
)
from ..model.source import Citation
from . import words


def _cite(source: Citation | None) -> str:
    return f"  [{source}]" if source else ""


def _tree(items: Iterable[tuple[str, str | None, str]]) -> Iterator[str]:
    """Lines of a tree from (id, parent id, label); items whose parent is missing become roots."""
    rows = list(items)
    known = {identifier for identifier, _parent, _label in rows}
    children: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
    for identifier, parent, label in rows:
        children[parent if parent in known else None].append((identifier, label))

    def walk(parent: str | None, prefix: str, seen: frozenset[str]) -> Iterator[str]:
        kids = children.get(parent, [])
        for position, (identifier, label) in enumerate(kids):
            last = position == len(kids) - 1
            branch = "" if parent is None else ("└─ " if last else "├─ ")
            yield f"{prefix}{branch}{label}"
            if identifier not in seen:
                extension = "" if parent is None else ("   " if last else "│  ")
                yield from walk(identifier, prefix + extension, seen | {identifier})

    return walk(None, "  ", frozenset())


def _budget(budget: BudgetRules) -> Iterator[str]:
    allocation = budget.allocation
    if isinstance(allocation, Allocation):
        description = f" ({allocation.description})" if allocation.description else ""
        yield f"  allocation: {words.value(allocation.route)}{description}{_cite(allocation.source)}"
    else:
        yield "  allocation: not described"
    appropriation = budget.appropriation_level
    if isinstance(appropriation, AppropriationLevel):
        holders = appropriation.holders
        yield (
            f"  appropriation level: granted to {', '.join(holders) if isinstance(holders, tuple) else 'not described'}"
            f"; moving money between lines: {words.value(appropriation.transfers).replace('_', ' ')}"
            + _cite(appropriation.source)
        )
    else:
        yield "  appropriation level: not described"
    carry = budget.carry_over
    if isinstance(carry, CarryOver):
        yield (
            f"  carry-over: surplus {words.fraction(carry.surplus_cap)}, deficit {words.fraction(carry.deficit_cap)}"
            + (
                f", repayment plan above {words.fraction(carry.repayment_plan_above)}"
                if carry.repayment_plan_above is not None
                else ""
            )
            + _cite(carry.source)
        )
    else:
        yield "  carry-over: not described"
    if isinstance(budget.thresholds, Unknown):
        yield "  thresholds: not described"
    for threshold in () if isinstance(budget.thresholds, Unknown) else budget.thresholds:
        yield (
            f"  threshold: {threshold.measure.value} above {words.fraction(threshold.above)}"
            f" → {threshold.consequence}{_cite(threshold.source)}"
        )
    if isinstance(budget.follow_ups, Unknown):
        yield "  follow-up: not described"
    for follow_up in () if isinstance(budget.follow_ups, Unknown) else budget.follow_ups:
        audience = f" to {follow_up.audience}" if follow_up.audience else ""
        yield f"  follow-up: {follow_up.actor}{audience}, {words.timing(follow_up.cadence)}{_cite(follow_up.source)}"
    technical = budget.technical_budget
    yield f"  technical budget: {words.value(getattr(technical, 'basis', technical))}" + _cite(
        getattr(technical, "source", None)
    )
    deadline = budget.adoption_deadline
    yield f"  adoption deadline: {words.month_day(deadline) if isinstance(deadline, str) else words.value(deadline)}"


def _level_counts(level: Level) -> str:
    """What the source counts on a tier: its units (and how many are staff areas), persons and employees."""
    counts = [
        f"{name} {words.value(number)}"
        for name, number in (("units", level.units), ("persons", level.persons), ("employees", level.employees))
        if not isinstance(number, Unknown)
    ] or ["numbers not described"]
    if isinstance(level.staff_units, Unknown):
        counts.append("how many of the units are staff areas not described")
    elif level.staff_units is not None:
        counts.append(f"{level.staff_units} of the units staff areas")
    return ", " + ", ".join(counts)


def _body(body: Body) -> str:
    details = [words.timing(body.cadence) if not isinstance(body.cadence, Unknown) else "cadence not described"]
    if body.count is not None:
        details.append("number not described" if isinstance(body.count, Unknown) else f"{body.count} of them")
    if body.per is not None:
        details.append(f"one per {body.per}")
    if body.acts_for:
        details.append("acts for " + ", ".join(body.acts_for))
    if not isinstance(body.size, Unknown):
        details.append(f"size {body.size}")
    if isinstance(body.members, tuple) and body.members:
        details.append("members " + ", ".join(body.members))
    if not isinstance(body.chair, Unknown):
        details.append(f"chair {body.chair}" + (" (in turn)" if body.chair_rotates else ""))
    return f"{body.name} ({body.kind.value}): " + "; ".join(details)


def _quarter(event: Event) -> int | None:
    when = event.when
    if not isinstance(when, Timing):
        return None
    if when.quarter is not None:
        return when.quarter
    month = when.month.low if when.month is not None else None
    for day in (when.date, when.deadline):
        if month is None and day is not None:
            month = int(day.split("-")[0])
    if month is None and when.week is not None:
        month = min(12, (when.week - 1) * 7 // 30 + 1)
    return None if month is None else (month - 1) // 3 + 1


def _frame(model: SteeringModel) -> Iterator[str]:
    """The national frame's facts as the model has them, each marked as the frame's (with the law) or the model's."""
    from ..model.national import inherited_facts

    for fact in inherited_facts(model):
        origin = f"national frame: {fact.law}" if fact.from_frame else f"the model: {fact.citation}"
        yield f"  {fact.name}: {fact.value}  ({origin})"


def summary(model: SteeringModel) -> str:
    """A page a reader can take in: who steers, with which documents, in which rhythm, under which budget rules."""
    town = model.municipality
    lines = [f"{town.name} ({town.id})"]
    lines.append(f"  philosophy: {words.value(town.philosophy)}{_cite(town.source)}")
    lines.append(
        f"  election term: {words.value(town.election_term_years)} years"
        if isinstance(town.election_term_years, int)
        else "  election term: not described"
    )
    if town.period is not None:
        lines.append(f"  model period: {town.period}")
    for source in model.sources:
        lines.append(f"  source {source.id}: {source.title}" + (f" ({source.date})" if source.date else ""))

    lines += ["", "Levels"]
    lines += _tree(
        (level.id, level.parent, f"{level.name} ({level.kind.value}{_level_counts(level)})") for level in model.levels
    )
    if model.bodies:
        lines += ["", "Bodies"]
        lines += _tree((body.id, body.parent, _body(body)) for body in model.bodies)
    if model.roles:
        lines += ["", "Roles"]
        lines += [
            f"  {role.name}"
            + (f" ({role.level})" if role.level else "")
            + f", count: {words.value(role.count)}"
            + (f", one of the {role.within}" if role.within else "")
            for role in model.roles
        ]

    if model.documents:
        lines += ["", "Documents (chain from the top)"]
        lines += _tree(
            (
                document.id,
                document.parents[0] if document.parents else None,
                f"{document.name}: owner {words.value(document.owner)}, approver {words.value(document.approver)}, "
                f"horizon {words.value(document.horizon_years)}, cadence {words.timing(document.cadence)}"
                + ("" if document.mandatory is True else f", mandatory: {words.value(document.mandatory)}")
                + ("" if document.status is DocumentStatus.IN_FORCE else f" ({document.status.value})"),
            )
            for document in model.documents
        )

    if model.events:
        lines += ["", "The year by quarter"]
        by_quarter: dict[int | None, list[Event]] = defaultdict(list)
        for event in model.events:
            by_quarter[_quarter(event)].append(event)
        for quarter in (1, 2, 3, 4, None):
            if by_quarter.get(quarter):
                lines.append(f"  Q{quarter}" if quarter else "  not tied to a quarter")
                lines += [f"    {event.name}: {words.timing(event.when)}" for event in by_quarter[quarter]]
    if model.constraints:
        lines += ["", "Ordering"]
        for constraint in model.constraints:
            lag = constraint.lag_days
            lags = (
                []
                if lag is None
                else [
                    f"{name} {getattr(lag, name)} days"
                    for name in ("min", "target", "max")
                    if getattr(lag, name) is not None
                ]
            )
            lag_text = f" ({'about ' if lag and lag.approximate else ''}{', '.join(lags)})" if lags else ""
            offset = constraint.year_offset
            next_year = (
                " in a later year or term (how much later is not described)"
                if isinstance(offset, Unknown)
                else (" the following year" if offset == 1 else (f" {offset} years later" if offset else ""))
            )
            lines.append(
                f"  {constraint.first} before {constraint.then}{next_year}{lag_text}, {constraint.strength.value}"
            )

    lines += ["", "National frame (set by law for every municipality, unless the model says otherwise)"]
    lines += _frame(model)
    lines += ["", "Budget rules"]
    lines += _budget(model.budget)
    return "\n".join(lines) + "\n"
