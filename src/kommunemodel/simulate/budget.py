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

import functools
import math
import threading
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
CHUNK_RUNS: Final = 512

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


@functools.lru_cache(maxsize=64)
def _level(shape: tuple[int, int], value: float) -> np.ndarray:
    """A read-only array of one value: numpy's maximum/minimum against a scalar run several times slower than
    against an array of the same shape, and the caps are compared every year."""
    found = np.full(shape, value, DTYPE)
    found.flags.writeable = False
    return found


class _Workspace(threading.local):
    """The working arrays of one thread, kept between chunks of the same shape: fresh memory costs page faults
    that, per chunk, come to a fifth of the kernel's time."""

    def __init__(self) -> None:
        """An empty workspace; arrays are made for the first shape asked for."""
        self.shape: tuple[int, int] | None = None
        self.arrays: dict[str, np.ndarray] = {}

    def get(self, shape: tuple[int, int]) -> dict[str, np.ndarray]:
        """The arrays for this shape (their contents are left over: callers reset what they read)."""
        if shape != self.shape:
            names = ("z", "previous", "share", "result", "scratch", "balance", "plan", "left", "instalment")
            self.arrays = {name: np.empty(shape, DTYPE) for name in names}
            self.arrays["mask"] = np.empty(shape, bool)
            self.shape = shape
        return self.arrays


_WORKSPACE = _Workspace()


def simulate_chunk(
    settlement: Settlement,
    scenario: Scenario,
    seed: np.random.SeedSequence,
    runs: int,
    *,
    net: np.ndarray | None = None,
) -> ChunkResult:
    """Simulate `runs` runs of every unit over every year; loops over years only, arrays are units × runs.

    Units are the first axis so that the per-run reductions (counts and sums over units) run down contiguous
    rows. The hot path uses no masked (`where=`) operations, which numpy runs many times slower than plain ones.
    `net` (years × units × runs of DTYPE, each year contiguous) receives the net balances: a view into the
    caller's pooled array saves allocating and later concatenating one array per chunk.
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    units, years = scenario.units, scenario.years
    shape = (units, runs)
    work = _WORKSPACE.get(shape)
    z, previous, share, scratch, instalment = (
        work[name] for name in ("z", "previous", "share", "scratch", "instalment")
    )
    result = work["result"]  # the year's overspend, then the balance before the year end
    balance = work["balance"]
    balance.fill(scenario.initial_balance)
    plan = work["plan"]  # debt under a repayment plan, still to be repaid
    plan.fill(0)
    left = work["left"]  # years of the plan left; <= 0 when there is none
    left.fill(0)
    mask = work["mask"]
    plan_rule = settlement.repayment_plan_above

    def level(value: float) -> np.ndarray:
        """The read-only array of `value` in this chunk's shape."""
        return _level(shape, value)

    any_plan = False
    # Counts add up booleans down the units: as bytes (uint8) while they fit, a reduction twice as fast as int16.
    count_type: type[np.integer[Any]] = np.uint8 if units < 2**8 else np.int16 if units < 2**15 else np.int32
    # A run's sum over up to a thousand units in float32 errs by < 1e-5 of a budget, far inside the intervals;
    # beyond that, float64. Across runs everything is float64.
    sum_type = DTYPE if units <= 1024 else np.float64

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
    if net is None:
        net = np.empty((years, units, runs), DTYPE)
    elif net.shape != (years, units, runs) or net.dtype != DTYPE or not net[0].flags.c_contiguous:
        raise ValueError(f"net must be {years} × {units} × {runs} of {np.dtype(DTYPE)}, each year contiguous")

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

        # overspend = share × (need − instalment) − (appropriation − instalment)
        #           = (share × need − appropriation) − instalment × (share − 1)
        if lognormal:
            _spend_share(draws, share, lognormal, mean, sd, mu, sigma)
            np.multiply(share, need, out=result)
            result -= appropriation
            excess = share
            if any_plan:
                excess -= 1
        else:
            np.multiply(draws, sd * need, out=result)
            offset = mean * need - appropriation
            if offset:  # zero in the usual case (mean 1, no growth): a pass saved
                result += offset
            excess = result
            if any_plan and (need != 1 or appropriation != 1):
                _spend_share(draws, share, lognormal, mean, sd, mu, sigma)
                share -= 1
                excess = share
        if any_plan:
            # Equal instalments: what is left of the plan over the years left of it.
            np.maximum(left, level(1.0), out=instalment)
            np.divide(plan, instalment, out=instalment)
            np.multiply(instalment, excess, out=scratch)
            result -= scratch
            plan -= instalment
            left -= 1

        for index, line in enumerate(close_lines):
            np.greater(result, line.above * appropriation, out=mask)
            crossed = _count(mask, count_type)
            counts[f"line:{line.id}"][year] = crossed
            if index == 0:  # crossing any line means crossing the lowest
                counts["close"][year] = crossed

        np.subtract(balance, result, out=result)  # the balance before the year-end settlement
        if scenario.cap_response and math.isfinite(settlement.deficit_cap):
            np.add(result, settlement.deficit_cap * appropriation, out=scratch)
            np.minimum(scratch, level(0.0), out=scratch)
            scratch *= scenario.cap_response
            result -= scratch
        if scenario.surplus_response and math.isfinite(settlement.surplus_cap):
            np.subtract(result, settlement.surplus_cap * appropriation, out=scratch)
            np.maximum(scratch, level(0.0), out=scratch)
            scratch *= scenario.surplus_response
            result -= scratch
        for line in other_lines:
            if line.measure is Measure.DEFICIT:
                np.less(result, -line.above * appropriation, out=mask)
            else:
                np.greater(result, line.above * appropriation, out=mask)
            counts[f"line:{line.id}"][year] = _count(mask, count_type)

        if plan_rule is not None:
            # What a plan takes over: the debt beyond its base, where the debt passes the line; 0 elsewhere.
            base = -settlement.plan_base * appropriation
            np.subtract(base, result, out=scratch)
            if settlement.plan_base == plan_rule:
                np.maximum(scratch, level(0.0), out=scratch)  # beyond the base is beyond the line
            else:
                np.less(result, -plan_rule * appropriation, out=mask)
                np.multiply(scratch, mask, out=scratch)
            # 1 where a plan starts, else 0, in float ops (ceil of any positive amount is at least 1): their sum
            # counts the units exactly, and a bool → float multiply would be several times slower.
            starts = instalment  # free until next year's payment
            np.ceil(scratch, out=starts)
            np.minimum(starts, level(1.0), out=starts)
            needed = np.add.reduce(starts, axis=0, dtype=DTYPE)
            counts["plan_needed"][year] = needed
            if needed.any():
                any_plan = True
                plan += scratch
                result += scratch  # the carried balance is back at the base
                starts *= scenario.repayment_years
                np.maximum(left, starts, out=left)  # a new plan (or a renewed one) runs its full period
        # Debt moved into a plan is still carried; only what a cap cuts off leaves the unit.
        capped = None
        if plan_rule is None and math.isfinite(settlement.deficit_cap):
            uncapped = np.add.reduce(result, axis=0, dtype=sum_type)
            np.maximum(result, level(-settlement.deficit_cap * appropriation), out=result)
            capped = np.add.reduce(result, axis=0, dtype=sum_type)
            sums["written_off"][year] = capped - uncapped
        surplus_lapses = math.isfinite(settlement.surplus_cap)
        if surplus_lapses:
            if capped is None:
                capped = np.add.reduce(result, axis=0, dtype=sum_type)
            np.minimum(result, level(settlement.surplus_cap * appropriation), out=result)
        balance, result = result, balance

        out = net[year]
        if any_plan:
            np.subtract(balance, plan, out=out)
            np.greater(left, 0, out=mask)
            counts["under_plan"][year] = _count(mask, count_type)
        else:
            np.copyto(out, balance)
        sums["carried"][year] = np.add.reduce(out, axis=0, dtype=sum_type)
        if surplus_lapses:
            assert capped is not None
            sums["lapsed"][year] = capped - np.add.reduce(balance, axis=0, dtype=sum_type)
        np.maximum(balance, level(0.0), out=scratch)
        sums["surplus"][year] = np.add.reduce(scratch, axis=0, dtype=sum_type)
    return ChunkResult(counts, sums, net)


def _count(mask: np.ndarray, count_type: type[np.integer[Any]]) -> np.ndarray:
    """How many units are True in each run (column) of `mask`; the bytes of a bool array are 0 and 1."""
    return np.add.reduce(mask.view(np.uint8), axis=0, dtype=count_type)


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


def run_chunks(
    settlement: Settlement,
    scenario: Scenario,
    seed: np.random.SeedSequence,
    progress: Callable[[int], Any] | None = None,
) -> tuple[BudgetYear, ...]:
    """Every chunk of runs in this process, one after another, their net balances written straight into one
    pooled array (years × units·runs) that the summary then sorts in place."""
    sizes = chunk_sizes(scenario.runs)
    seeds = chunk_seeds(seed, len(sizes))
    units = scenario.units
    pooled = np.empty((scenario.years, units * scenario.runs), DTYPE)
    chunks = []
    start = 0
    for size, chunk_seed in zip(sizes, seeds, strict=True):
        view = pooled[:, start : start + units * size].reshape(scenario.years, units, size)
        chunks.append(simulate_chunk(settlement, scenario, chunk_seed, size, net=view))
        start += units * size
        if progress is not None:
            progress(size)
    return combine(chunks, settlement, scenario, pooled=pooled)


def combine(
    chunks: Sequence[ChunkResult],
    settlement: Settlement,
    scenario: Scenario,
    *,
    pooled: np.ndarray | None = None,
) -> tuple[BudgetYear, ...]:
    """The per-year estimates from every chunk's raw numbers, in chunk order.

    `pooled`, when the chunks' net balances are views into it (run_chunks), is used and sorted in place (the
    chunks' `net` are then scrambled); otherwise each year's balances are concatenated into a fresh array.
    """
    units = scenario.units
    counts = {name: np.concatenate([chunk.counts[name] for chunk in chunks], axis=1) for name in chunks[0].counts}
    sums = {name: np.concatenate([chunk.sums[name] for chunk in chunks], axis=1) for name in chunks[0].sums}
    years = []
    for year in range(scenario.years):
        appropriation = (1 + scenario.demand_growth) ** year if settlement.demography_adjusted else 1.0

        def share(name: str, year: int = year) -> Estimate:
            """The share of units counted under `name` this year, per run, as an estimate."""
            return Estimate.of(counts[name][year] / units, (0.0, 1.0))

        plan = settlement.repayment_plan_above is not None
        carried = sums["carried"][year]
        surplus = sums["surplus"][year]
        # An array this function may sort in place: the caller's pooled one, or a fresh concatenation.
        balances = pooled[year] if pooled is not None else np.concatenate([chunk.net[year].ravel() for chunk in chunks])
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
                balance_percentiles=percentiles(balances, appropriation, in_place=True),
            )
        )
    return tuple(years)


def _ranks(n: int) -> list[tuple[int, int, int, int, int, float]]:
    """Per reported percentile of n values: q, the two ranks it interpolates between, its interval's ranks, the
    interpolation weight."""
    wanted = []
    for q in PERCENTILES:
        p = q / 100
        position = p * (n - 1)
        below = math.floor(position)
        above = min(below + 1, n - 1)
        spread = Z95 * math.sqrt(n * p * (1 - p))
        low = min(max(0, math.floor(n * p - spread)), below)
        high = max(min(n - 1, math.ceil(n * p + spread)), above)
        wanted.append((q, below, above, low, high, position - below))
    return wanted


def percentile_ranks(n: int) -> list[int]:
    """The ranks (0-based, ascending) of the order statistics the percentiles of n values read."""
    return sorted({rank for _, below, above, low, high, _ in _ranks(n) for rank in (below, above, low, high)})


def percentiles(values: np.ndarray, scale: float = 1.0, *, in_place: bool = False) -> tuple[Percentile, ...]:
    """The reported percentiles of `values` / `scale`, each with a 95% interval from the binomial order statistics.

    Within a year the pooled balances are independent (units do not interact, runs are independent), so the
    k-th order statistic brackets a quantile as a binomial count does. The values are interpolated as
    numpy.percentile's default does. A full sort, because numpy sorts float32 with SIMD (AVX2 here): for 1.2 M
    values it takes less than half the time of np.partition at the twenty ranks it reads (benchmarks/bench_budget.py
    measures both), and less than selecting the candidates between bounds taken from a sorted subsample.
    `in_place` sorts `values` itself (the caller's copy), saving a second array of the same size.
    """
    wanted = _ranks(values.size)
    if in_place:
        values.sort()
        ordered = values
    else:
        ordered = np.sort(values)
    found = []
    for q, below, above, low, high, weight in wanted:
        lower, upper = float(ordered[below]), float(ordered[above])
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
    years: tuple[BudgetYear, ...]
    if executor is None:
        years = run_chunks(settlement, scenario, root, progress)
    else:
        sizes = chunk_sizes(scenario.runs)
        seeds = chunk_seeds(root, len(sizes))
        futures = [
            executor.submit(simulate_chunk, settlement, scenario, chunk_seed, size)
            for size, chunk_seed in zip(sizes, seeds, strict=True)
        ]
        chunks = []
        for size, future in zip(sizes, futures, strict=True):  # in chunk order, not in order of arrival
            chunks.append(future.result())
            if progress is not None:
                progress(size)
        years = combine(chunks, settlement, scenario)
    return BudgetResult(
        model_id=model.id,
        model_name=model.name,
        scenario=scenario,
        seed=seed if isinstance(seed, int) else None,
        rules=settlement.rules,
        assumptions=settlement.assumptions,
        years=years,
        profile=profile.name if profile is not None else None,
    )
