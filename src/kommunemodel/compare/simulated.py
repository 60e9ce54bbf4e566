"""Metrics computed by the simulations: goal-cascade latency (the calendar), repayment-plan share (the budget).

Each runs its simulation under one named standard scenario, stated in its definition and printed with its value;
the simulations are imported only when such a metric is computed, so `compare` starts as fast as before.
"""

from __future__ import annotations

import datetime
import statistics
from typing import Any

from ..model import SteeringModel
from ..model.source import NOT_DESCRIBED
from .metric import Fact, MetricValue, Range, unknown
from .reading import Reader, cite

#: The standard cascade scenario: a goal the council adopts on the first day of each month of this year.
CASCADE_YEAR = 2026
#: The standard budget scenario: the budget simulation's default scenario (60 units, 4 years, spending on budget
#: with a 4% standard deviation), this many runs, this seed; the model's own rules, no assumption profile.
BUDGET_RUNS = 2_000
BUDGET_SEED = 2024


def _step_facts(model: SteeringModel, steps: Any) -> list[Fact]:
    """The documents and events a cascade passed through, as facts with their paths and citations."""
    reader = Reader(model)
    events = {event.id: (index, event) for index, event in enumerate(model.events)}
    facts: list[Fact] = []
    for step in steps:
        if step.document in reader.documents:
            index, document = reader.documents[step.document]
            facts.append(reader.fact("documents", index, "parents", document))
        if step.event in events:
            index, event = events[step.event]
            facts.append(reader.fact("events", index, "when", event))
    return facts


def cascade_latency(model: SteeringModel) -> MetricValue:
    """Days from a council goal to the day it binds a unit, for goals adopted on the 1st of each month of 2026."""
    from ..simulate.calendar import calendar
    from ..simulate.cascade import HORIZON_YEARS, cascade

    cycle = calendar(model, range(CASCADE_YEAR, CASCADE_YEAR + HORIZON_YEARS + 2))
    results = [cascade(model, datetime.date(CASCADE_YEAR, month, 1), cycle) for month in range(1, 13)]
    trail = _step_facts(model, results[0].steps)
    reached = [result for result in results if result.reaches_unit]
    if not reached:
        return unknown(results[0].reason or "no goal reaches a unit", trail)
    days = [result.latency_days for result in reached if result.latency_days is not None]
    bounds = [result.latency_bounds for result in reached if result.latency_days is None and result.latency_bounds]
    if len(days) + len(bounds) < len(reached):
        return unknown(next(r.reason for r in reached if r.latency_days is None) or "a date is not described", trail)
    low = min([*days, *(bound[0] for bound in bounds)])
    high = max([*days, *(bound[1] for bound in bounds)])
    value: float | Range = float(low) if low == high else Range(float(low), float(high))
    note = f"goals adopted on the 1st of each month of {CASCADE_YEAR}"
    if days:
        note += f"; median {statistics.median(days):g} days over the {len(days)} whose binding day is known"
    if bounds:
        note += f"; {len(bounds)} known only to the year: {next(r.reason for r in reached if r.latency_days is None)}"
    return MetricValue(value, tuple(trail), note=note)


def repayment_plan_share(model: SteeringModel) -> MetricValue:
    """Share of units that need a repayment plan at the fourth year end of the standard budget scenario."""
    from ..errors import BudgetRuleMissingError
    from ..simulate.budget import simulate_budget
    from ..simulate.scenario import Scenario

    carry = model.budget.carry_over
    described = "not_described" if carry is NOT_DESCRIBED else "{…}"
    trail = [Fact("budget.carry_over", described, cite(carry) or cite(model.budget))]
    scenario = Scenario(runs=BUDGET_RUNS)
    try:
        result = simulate_budget(model, scenario, seed=BUDGET_SEED)
    except BudgetRuleMissingError as refused:
        # Undescribed rules are refused, not assumed: an assumption profile is `simulate budget --assume`'s choice.
        return unknown(str(refused), trail)
    # The rules the simulation applied, each as it printed it, with the citation it carries.
    trail += [Fact(f"budget: {rule.name} ({rule.origin})", rule.value, rule.source) for rule in result.rules]
    last = result.years[-1]
    if last.repayment_plan_share is None:
        return unknown("the model has no repayment-plan rule to simulate", trail)
    estimate = last.repayment_plan_share
    note = (
        f"year {last.year} of {scenario.years}; {scenario.units} units, {scenario.runs} runs, seed {BUDGET_SEED}, "
        f"spending mean {scenario.spend_mean:g}, sd {scenario.spend_sd:g}; 95% interval "
        f"{estimate.low:.4f}–{estimate.high:.4f}"
    )
    return MetricValue(round(estimate.mean, 4), tuple(trail), note=note)
