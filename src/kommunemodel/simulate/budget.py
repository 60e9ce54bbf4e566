"""Monte Carlo of a model's budget rules: units × years × runs, vectorised over runs × units, seeded per chunk.

The year over year, for each unit (amounts are fractions of the unit's first annual budget):

1. its *frame* is the year's appropriation less any repayment instalment; it spends a drawn share of it;
2. its *expected overspend* (spending beyond the frame) is tested against the close-monitoring line(s);
3. the year's result is added to the balance it carried in;
4. at the year end the model's carry-over rules settle the balance: a surplus beyond the surplus cap lapses; a
   deficit beyond the repayment line puts the debt beyond the lower of the cap and the line into a repayment
   plan, repaid over the next years; with no plan, a deficit beyond the cap is not carried (it lapses).

Runs are processed in chunks of CHUNK_RUNS; chunk i draws from the i-th child of the seed's SeedSequence, so the
bytes out depend on the seed only: not on the number of workers, nor on the order chunks finish.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from attrs import frozen

from ..model.budget import Measure
from .assumptions import Assumption, AssumptionProfile, load_profile
from .scenario import Scenario
from .settlement import AppliedRule, Settlement, settle

if TYPE_CHECKING:
    from ..model import SteeringModel

#: Runs per chunk: fixed, so that the random streams (one per chunk) never depend on how work is split.
CHUNK_RUNS: Final = 2048

#: The dtype of the draws and balances. float32 moves half the bytes of float64; its rounding (about 6e-8 of
#: a budget) shifts a threshold's crossing probability by ~1e-7, far inside the narrowest confidence interval a
#: run gives (±8e-4 for 60 units × 10,000 runs). Counts are integers and sums are accumulated in float64.
DTYPE: Final = np.float32

#: The percentiles of the balance distribution reported each year.
PERCENTILES: Final = (5, 25, 50, 75, 95)

#: z for a two-sided 95% interval.
Z95: Final = 1.959963984540054


@frozen
class Estimate:
    """A mean across runs with its 95% confidence interval (normal approximation across runs)."""

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, per_run: np.ndarray, bounds: tuple[float, float] | None = None) -> Estimate:
        """The estimate from one value per run; `bounds` clips the interval (shares lie in [0, 1])."""
        values = per_run.astype(np.float64, copy=False)
        mean = float(values.mean())
        half = Z95 * float(values.std(ddof=1)) / math.sqrt(values.size) if values.size > 1 else 0.0
        low, high = mean - half, mean + half
        if bounds is not None:
            low, high = max(low, bounds[0]), min(high, bounds[1])
        return cls(mean, low, high)


@frozen
class Percentile:
    """One percentile of the pooled unit balances, with a distribution-free 95% interval from order statistics."""

    q: int
    value: float
    low: float
    high: float


@frozen
class BudgetYear:
    """What one year end looks like across runs."""

    year: int
    repayment_plan_share: Estimate | None
    under_repayment_plan_share: Estimate | None
    close_monitoring_share: Estimate | None
    thresholds: tuple[tuple[str, Estimate], ...]
    carried_over_total: Estimate
    surplus_carried_total: Estimate
    debt_carried_total: Estimate
    lapsed_total: Estimate
    written_off_total: Estimate
    balance_percentiles: tuple[Percentile, ...]


@frozen
class BudgetResult:
    """A budget simulation: the model, the parameters and seed, the rules applied, the assumptions, each year."""

    model_id: str
    model_name: str
    scenario: Scenario
    seed: int | None
    rules: tuple[AppliedRule, ...]
    assumptions: tuple[Assumption, ...]
    years: tuple[BudgetYear, ...]
    profile: str | None = None


@frozen(eq=False)
class ChunkResult:
    """The raw per-run numbers of one chunk of runs: counts per year × run, sums per year × run, net balances."""

    counts: dict[str, np.ndarray]
    sums: dict[str, np.ndarray]
    net: np.ndarray


def chunk_seeds(root: np.random.SeedSequence, count: int) -> list[np.random.SeedSequence]:
    """The first `count` children of `root`, derived from its spawn key so asking twice gives the same ones.

    SeedSequence.spawn would count children on the parent and give new ones on a second call.
    """
    return [
        np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, index), pool_size=root.pool_size)
        for index in range(count)
    ]


def as_seed_sequence(seed: int | np.random.SeedSequence | np.random.Generator) -> np.random.SeedSequence:
    """The SeedSequence behind a seed, a SeedSequence, or a Generator made from one."""
    if isinstance(seed, np.random.Generator):
        found = seed.bit_generator.seed_seq
        if not isinstance(found, np.random.SeedSequence):
            raise TypeError("the Generator must be seeded through a numpy.random.SeedSequence")
        return found
    if isinstance(seed, np.random.SeedSequence):
        return seed
    return np.random.SeedSequence(seed)


def chunk_sizes(runs: int) -> list[int]:
    """How `runs` splits into chunks of CHUNK_RUNS, the last one shorter."""
    full, rest = divmod(runs, CHUNK_RUNS)
    return [CHUNK_RUNS] * full + ([rest] if rest else [])


def simulate_chunk(settlement: Settlement, scenario: Scenario, seed: np.random.SeedSequence, runs: int) -> ChunkResult:
    """Simulate `runs` runs of every unit over every year; loops over years only, arrays are runs × units."""
    rng = np.random.Generator(np.random.PCG64(seed))
    shape = (runs, scenario.units)
    years = scenario.years
    z = np.empty(shape, DTYPE)
    previous = np.empty(shape, DTYPE)
    share = np.empty(shape, DTYPE)
    result = np.empty(shape, DTYPE)  # the year's overspend, then the balance before the year end
    scratch = np.empty(shape, DTYPE)
    balance = np.full(shape, scenario.initial_balance, DTYPE)
    mask = np.empty(shape, bool)
    plan_rule = settlement.repayment_plan_above
    plan = np.zeros(shape, DTYPE) if plan_rule is not None else None
    instalment = np.zeros(shape, DTYPE) if plan_rule is not None else None
    left = np.zeros(shape, np.int16) if plan_rule is not None else None
    any_plan = False

    lognormal = scenario.distribution == "lognormal"
    mean, sd = scenario.spend_mean, scenario.spend_sd
    mu = sigma = 0.0
    if lognormal:
        sigma = math.sqrt(math.log1p((sd / mean) ** 2))
        mu = math.log(mean) - sigma * sigma / 2
    rho = scenario.year_correlation
    innovation = math.sqrt(1 - rho * rho)
    close_lines = sorted(settlement.close_monitoring, key=lambda line: line.above)
    other_lines = [line for line in settlement.lines if line.measure is not Measure.EXPECTED_OVERSPEND]

    counts = {"close": np.zeros((years, runs), np.int32)}
    if plan_rule is not None:
        counts["plan_needed"] = np.zeros((years, runs), np.int32)
        counts["under_plan"] = np.zeros((years, runs), np.int32)
    for line in settlement.lines:
        counts[f"line:{line.id}"] = np.zeros((years, runs), np.int32)
    sums = {name: np.zeros((years, runs), np.float64) for name in ("carried", "surplus", "lapsed", "written_off")}
    net = np.empty((years, runs, scenario.units), DTYPE)

    for year in range(years):
        need = (1 + scenario.demand_growth) ** year
        appropriation = need if settlement.demography_adjusted else 1.0
        rng.standard_normal(out=z, dtype=DTYPE)
        if rho:
            if year:
                z *= innovation
                z += np.multiply(previous, rho, out=scratch)
            previous, z = z, previous

        draws = previous if rho else z
        if any_plan:
            assert plan is not None and instalment is not None and left is not None
            _spend_share(draws, share, lognormal, mean, sd, mu, sigma)
            # overspend = share × (need − instalment) − (appropriation − instalment)
            np.subtract(need, instalment, out=scratch)
            np.multiply(share, scratch, out=result)
            result += instalment
            result -= appropriation
            plan -= instalment
            left -= 1
            np.equal(left, 0, out=mask)
            np.copyto(instalment, 0, where=mask)
            np.copyto(plan, 0, where=mask)  # the last instalment clears the plan; no rounding residue left
        elif lognormal:
            _spend_share(draws, share, lognormal, mean, sd, mu, sigma)
            np.multiply(share, need, out=result)
            result -= appropriation
        else:
            np.multiply(draws, sd * need, out=result)
            result += mean * need - appropriation

        for index, line in enumerate(close_lines):
            np.greater(result, line.above * appropriation, out=mask)
            crossed = np.count_nonzero(mask, axis=1)
            counts[f"line:{line.id}"][year] = crossed
            if index == 0:  # crossing any line means crossing the lowest
                counts["close"][year] = crossed

        np.subtract(balance, result, out=result)  # the balance before the year-end settlement
        if scenario.cap_response and math.isfinite(settlement.deficit_cap):
            np.add(result, settlement.deficit_cap * appropriation, out=scratch)
            np.minimum(scratch, 0, out=scratch)
            scratch *= scenario.cap_response
            result -= scratch
        if scenario.surplus_response and math.isfinite(settlement.surplus_cap):
            np.subtract(result, settlement.surplus_cap * appropriation, out=scratch)
            np.maximum(scratch, 0, out=scratch)
            scratch *= scenario.surplus_response
            result -= scratch
        for line in other_lines:
            if line.measure is Measure.DEFICIT:
                np.less(result, -line.above * appropriation, out=mask)
            else:
                np.greater(result, line.above * appropriation, out=mask)
            counts[f"line:{line.id}"][year] = np.count_nonzero(mask, axis=1)

        if plan_rule is not None:
            assert plan is not None and instalment is not None and left is not None
            np.less(result, -plan_rule * appropriation, out=mask)
            needed = np.count_nonzero(mask, axis=1)
            counts["plan_needed"][year] = needed
            if needed.any():
                any_plan = True
                base = -settlement.plan_base * appropriation
                np.subtract(base, result, out=scratch)  # what the plan takes over, where one is needed
                np.add(plan, scratch, out=plan, where=mask)
                np.copyto(left, scenario.repayment_years, where=mask)
                np.divide(plan, scenario.repayment_years, out=instalment, where=mask)
                np.copyto(result, base, where=mask)
        # Debt moved into a plan is still carried; only what a cap cuts off leaves the unit.
        if plan_rule is None and math.isfinite(settlement.deficit_cap):
            uncapped = result.sum(axis=1, dtype=np.float64)
            np.maximum(result, -settlement.deficit_cap * appropriation, out=result)
            capped = result.sum(axis=1, dtype=np.float64)
            sums["written_off"][year] = capped - uncapped
        else:
            capped = None
        surplus_lapses = math.isfinite(settlement.surplus_cap)
        if surplus_lapses:
            if capped is None:
                capped = result.sum(axis=1, dtype=np.float64)
            np.minimum(result, settlement.surplus_cap * appropriation, out=result)
        balance, result = result, balance

        out = net[year]
        if any_plan:
            assert plan is not None and left is not None
            np.subtract(balance, plan, out=out)
            counts["under_plan"][year] = np.count_nonzero(left > 0, axis=1)
            plan_total = plan.sum(axis=1, dtype=np.float64)
        else:
            out[...] = balance
            plan_total = 0.0
        kept = balance.sum(axis=1, dtype=np.float64)
        sums["carried"][year] = kept - plan_total
        if surplus_lapses:
            assert capped is not None
            sums["lapsed"][year] = capped - kept
        np.maximum(balance, 0, out=scratch)
        sums["surplus"][year] = scratch.sum(axis=1, dtype=np.float64)
    return ChunkResult(counts, sums, net)


def _spend_share(
    draws: np.ndarray, share: np.ndarray, lognormal: bool, mean: float, sd: float, mu: float, sigma: float
) -> None:
    """Spending as a share of the frame, from standard normal draws, into `share`."""
    if lognormal:
        np.multiply(draws, sigma, out=share)
        share += mu
        np.exp(share, out=share)
    else:
        np.multiply(draws, sd, out=share)
        share += mean


def combine(chunks: Sequence[ChunkResult], settlement: Settlement, scenario: Scenario) -> tuple[BudgetYear, ...]:
    """The per-year estimates from every chunk's raw numbers, in chunk order."""
    units = scenario.units
    counts = {name: np.concatenate([chunk.counts[name] for chunk in chunks], axis=1) for name in chunks[0].counts}
    sums = {name: np.concatenate([chunk.sums[name] for chunk in chunks], axis=1) for name in chunks[0].sums}
    years = []
    for year in range(scenario.years):
        appropriation = (1 + scenario.demand_growth) ** year if settlement.demography_adjusted else 1.0

        def share(name: str, year: int = year) -> Estimate:
            return Estimate.of(counts[name][year] / units, (0.0, 1.0))

        plan = settlement.repayment_plan_above is not None
        carried = sums["carried"][year]
        surplus = sums["surplus"][year]
        pooled = np.concatenate([chunk.net[year] for chunk in chunks], axis=0).ravel()
        years.append(
            BudgetYear(
                year=year + 1,
                repayment_plan_share=share("plan_needed") if plan else None,
                under_repayment_plan_share=share("under_plan") if plan else None,
                close_monitoring_share=share("close") if settlement.close_monitoring else None,
                thresholds=tuple((line.id, share(f"line:{line.id}")) for line in settlement.lines),
                carried_over_total=Estimate.of(carried),
                surplus_carried_total=Estimate.of(surplus),
                debt_carried_total=Estimate.of(surplus - carried),
                lapsed_total=Estimate.of(sums["lapsed"][year]),
                written_off_total=Estimate.of(sums["written_off"][year]),
                balance_percentiles=percentiles(pooled, appropriation),
            )
        )
    return tuple(years)


def percentiles(values: np.ndarray, scale: float = 1.0) -> tuple[Percentile, ...]:
    """The reported percentiles of `values` / `scale`, each with a 95% interval from the binomial order statistics.

    Within a year the pooled balances are independent (units do not interact, runs are independent), so the
    k-th order statistic brackets a quantile as a binomial count does.
    """
    n = values.size
    wanted: dict[int, tuple[int, int, int, float]] = {}
    ranks: set[int] = set()
    for q in PERCENTILES:
        p = q / 100
        position = p * (n - 1)
        below = math.floor(position)
        spread = Z95 * math.sqrt(n * p * (1 - p))
        low = max(0, math.floor(n * p - spread))
        high = min(n - 1, math.ceil(n * p + spread))
        wanted[q] = (below, low, high, position - below)
        ranks.update((below, min(below + 1, n - 1), low, high))
    ordered = np.partition(values, sorted(ranks))
    found = []
    for q, (below, low, high, weight) in wanted.items():
        lower = float(ordered[below])
        upper = float(ordered[min(below + 1, n - 1)])
        value = lower + (upper - lower) * weight
        found.append(Percentile(q, value / scale, float(ordered[low]) / scale, float(ordered[high]) / scale))
    return tuple(found)


def simulate_budget(
    model: SteeringModel,
    scenario: Scenario | None = None,
    seed: int | np.random.SeedSequence | np.random.Generator = 0,
    *,
    assume: AssumptionProfile | str | Path | None = None,
    executor: Executor | None = None,
    settlement: Settlement | None = None,
    progress: Callable[[int], Any] | None = None,
) -> BudgetResult:
    """Simulate a model's budget rules under a scenario; same seed, same result, whatever the executor.

    `assume` names an assumption profile that fills rules the model leaves not described; without one such a
    model raises BudgetRuleMissingError. `executor` spreads the chunks of runs over workers; `progress` is called
    with the number of runs done after each chunk.
    """
    scenario = scenario or Scenario()
    profile = load_profile(assume) if isinstance(assume, str | Path) else assume
    settlement = settlement or settle(model, scenario, profile)
    root = as_seed_sequence(seed)
    sizes = chunk_sizes(scenario.runs)
    seeds = chunk_seeds(root, len(sizes))
    chunks: list[ChunkResult]
    if executor is None:
        chunks = []
        for size, chunk_seed in zip(sizes, seeds, strict=True):
            chunks.append(simulate_chunk(settlement, scenario, chunk_seed, size))
            if progress is not None:
                progress(size)
    else:
        futures = [
            executor.submit(simulate_chunk, settlement, scenario, chunk_seed, size)
            for size, chunk_seed in zip(sizes, seeds, strict=True)
        ]
        chunks = []
        for size, future in zip(sizes, futures, strict=True):  # in chunk order, not in order of arrival
            chunks.append(future.result())
            if progress is not None:
                progress(size)
    return BudgetResult(
        model_id=model.id,
        model_name=model.name,
        scenario=scenario,
        seed=seed if isinstance(seed, int) else None,
        rules=settlement.rules,
        assumptions=settlement.assumptions,
        years=combine(chunks, settlement, scenario),
        profile=profile.name if profile is not None else None,
    )
