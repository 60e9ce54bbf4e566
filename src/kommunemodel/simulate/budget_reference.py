"""The budget rules as a plain-Python loop, one unit-year at a time: the tests' oracle and the benchmark's baseline.

It reads the same standard normal draws the vectorised kernel draws (`reference_draws`) and applies the same
year-end settlement in float64, so the two must agree up to float32 rounding.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..model.budget import Measure
from .budget import DTYPE
from .scenario import Scenario
from .settlement import Settlement


def reference_draws(seed: np.random.SeedSequence, runs: int, scenario: Scenario) -> list[Any]:
    """The draws of one chunk, year by year, as the kernel makes them (units × runs of float32 per year)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    return [rng.standard_normal((scenario.units, runs), dtype=DTYPE).tolist() for _ in range(scenario.years)]


def simulate_reference(settlement: Settlement, scenario: Scenario, draws: list[Any]) -> dict[str, Any]:
    """Counts per year × run and the net balance per year × unit × run, by plain loops."""
    years, units, runs = scenario.years, scenario.units, len(draws[0][0])
    mean, sd, rho = scenario.spend_mean, scenario.spend_sd, scenario.year_correlation
    innovation = math.sqrt(1 - rho * rho)
    sigma = math.sqrt(math.log1p((sd / mean) ** 2)) if scenario.distribution == "lognormal" else 0.0
    mu = math.log(mean) - sigma * sigma / 2 if scenario.distribution == "lognormal" else 0.0
    close = sorted(settlement.close_monitoring, key=lambda line: line.above)
    others = [line for line in settlement.lines if line.measure is not Measure.EXPECTED_OVERSPEND]
    plan_rule = settlement.repayment_plan_above
    counts = {name: [[0] * runs for _ in range(years)] for name in ("close", "plan_needed", "under_plan")}
    for line in settlement.lines:
        counts[f"line:{line.id}"] = [[0] * runs for _ in range(years)]
    net = [[[0.0] * runs for _ in range(units)] for _ in range(years)]
    for run in range(runs):
        for unit in range(units):
            balance, plan, instalment, left, previous = scenario.initial_balance, 0.0, 0.0, 0, 0.0
            for year in range(years):
                need = (1 + scenario.demand_growth) ** year
                appropriation = need if settlement.demography_adjusted else 1.0
                z = draws[year][unit][run]
                if rho and year:
                    z = rho * previous + innovation * z
                previous = z
                share = math.exp(mu + sigma * z) if scenario.distribution == "lognormal" else mean + sd * z
                overspend = share * (need - instalment) - (appropriation - instalment)
                if left > 0:
                    plan -= instalment
                    left -= 1
                    if left == 0:
                        plan, instalment = 0.0, 0.0
                for index, line in enumerate(close):
                    if overspend > line.above * appropriation:
                        counts[f"line:{line.id}"][year][run] += 1
                        if index == 0:
                            counts["close"][year][run] += 1
                result = balance - overspend
                cap = settlement.deficit_cap * appropriation
                if scenario.cap_response and result < -cap:
                    result += scenario.cap_response * (-cap - result)
                surplus_cap = settlement.surplus_cap * appropriation
                if scenario.surplus_response and result > surplus_cap:
                    result -= scenario.surplus_response * (result - surplus_cap)
                for line in others:
                    crossed = (
                        result < -line.above * appropriation
                        if line.measure is Measure.DEFICIT
                        else result > line.above * appropriation
                    )
                    counts[f"line:{line.id}"][year][run] += crossed
                if plan_rule is not None:
                    if result < -plan_rule * appropriation:
                        counts["plan_needed"][year][run] += 1
                        base = -settlement.plan_base * appropriation
                        plan += base - result
                        left = scenario.repayment_years
                        instalment = plan / left
                        result = base
                elif result < -cap:
                    result = -cap
                result = min(result, surplus_cap)
                balance = result
                counts["under_plan"][year][run] += left > 0
                net[year][unit][run] = balance - plan
    return {"counts": counts, "net": net}
