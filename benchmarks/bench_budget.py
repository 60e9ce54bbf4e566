"""How fast the budget Monte Carlo is, as ratios measured in one run: against a plain loop and against its draws.

Run: python benchmarks/bench_budget.py [--units 60] [--years 4] [--runs 20000] [--repeat 5] [--quick]

Under Skanderborg's rules (surplus unlimited, deficit cap 5%, a repayment plan above it, close monitoring above
3%), every figure is the best of R runs (CPU time of this process) and printed beside the others of the same run;
the floor, the kernel and the whole simulation are timed in interleaved rounds:
- the vectorised kernel (simulate_chunk over every chunk) against the plain-Python loop of the same rules
  (budget_reference, on a slice of the runs) and against the floor of drawing the same random numbers alone;
- the whole simulation, with the summary (means, intervals, pooled percentiles), against the same floor;
- the kernel with every rule taken out (no caps, no plan, no thresholds: the spending, the balance, the net
  balances written out and their sums), against the same floor: what this design costs before any rule;
- the kernel in float64 against float32;
- growth: the kernel at two sizes (units, years and runs each × 2), which should take about 8× as long;
- the pooled percentiles: numpy's sort (what `percentiles` does) against np.partition at the ranks it reads;
- a sweep of 4 points on 2 worker processes against the same sweep inline (best of R on the wall clock, each
  point one task carrying only its settlement, scenario and seed), with the load average around it.
Not a test: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs
import numpy as np

from kommunemodel.api import load_model
from kommunemodel.simulate import budget
from kommunemodel.simulate.budget import chunk_seeds, chunk_sizes, percentile_ranks, simulate_budget, simulate_chunk
from kommunemodel.simulate.budget_reference import reference_draws, simulate_reference
from kommunemodel.simulate.scenario import Scenario
from kommunemodel.simulate.settlement import Settlement, settle
from kommunemodel.simulate.sweep import parse_axis, simulate_sweep


def best(step: Callable[[], Any], repeat: int, clock: Callable[[], float] = time.process_time) -> float:
    """The fastest of `repeat` timings of `step`, in seconds of this process's CPU time by default.

    CPU time, not wall time: on a machine other jobs share, being descheduled would otherwise count as slowness.
    The sweep, whose work runs in other processes, is timed on the wall clock.
    """
    times = []
    for _ in range(repeat):
        start = clock()
        step()
        times.append(clock() - start)
    return min(times)


def interleaved(steps: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """The fastest CPU time of each step over `repeat` rounds, each round running every step once in turn.

    Interleaved, so that a change in the machine's load between steps touches every step alike, not one ratio.
    """
    found = dict.fromkeys(steps, math.inf)
    for _ in range(repeat):
        for name, step in steps.items():
            found[name] = min(found[name], best(step, 1))
    return found


def kernel(settlement: Settlement, scenario: Scenario, seed: int) -> None:
    """The rules only: every chunk through the vectorised kernel."""
    sizes = chunk_sizes(scenario.runs)
    for size, chunk_seed in zip(sizes, chunk_seeds(np.random.SeedSequence(seed), len(sizes)), strict=True):
        simulate_chunk(settlement, scenario, chunk_seed, size)


def draws_only(scenario: Scenario, seed: int) -> None:
    """The floor: the same random numbers, drawn into the same buffers, with no rules applied."""
    sizes = chunk_sizes(scenario.runs)
    for size, chunk_seed in zip(sizes, chunk_seeds(np.random.SeedSequence(seed), len(sizes)), strict=True):
        rng = np.random.Generator(np.random.PCG64(chunk_seed))
        z = np.empty((size, scenario.units), budget.DTYPE)
        for _ in range(scenario.years):
            rng.standard_normal(out=z, dtype=budget.DTYPE)


def main() -> None:
    """Measure everything at the sizes asked for and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loop-runs", type=int, default=200, help="runs of the plain loop (it is slow)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.repeat, args.loop_runs = 2_000, 1, 20

    model = load_model("skanderborg")
    scenario = Scenario(units=args.units, years=args.years, runs=args.runs)
    settlement = settle(model, scenario)
    unit_years = args.units * args.years * args.runs
    seed = 1
    bare = attrs.evolve(settlement, surplus_cap=math.inf, deficit_cap=math.inf, repayment_plan_above=None, lines=())

    timed = interleaved(
        {
            "floor": lambda: draws_only(scenario, seed),
            "rules": lambda: kernel(settlement, scenario, seed),
            "bare": lambda: kernel(bare, scenario, seed),
            "whole": lambda: simulate_budget(model, scenario, seed, settlement=settlement),
        },
        args.repeat,
    )
    floor, rules, whole, bare_rules = timed["floor"], timed["rules"], timed["whole"], timed["bare"]

    loop_scenario = scenario.replace(runs=args.loop_runs)
    loop_draws = reference_draws(np.random.SeedSequence(seed), args.loop_runs, loop_scenario)
    loop = best(lambda: simulate_reference(settlement, loop_scenario, loop_draws), args.repeat)
    loop_rate = args.units * args.years * args.loop_runs / loop

    budget.DTYPE = np.float64  # type: ignore[misc]
    try:
        wide = best(lambda: kernel(settlement, scenario, seed), args.repeat)
    finally:
        budget.DTYPE = np.float32  # type: ignore[misc]

    bigger = scenario.replace(units=args.units * 2, years=args.years * 2, runs=args.runs * 2)
    grown = best(lambda: kernel(settlement, bigger, seed), max(1, args.repeat - 1))

    pooled_year = np.concatenate(
        [
            simulate_chunk(settlement, scenario, chunk_seed, size).net[-1].ravel()
            for size, chunk_seed in zip(
                chunk_sizes(args.runs),
                chunk_seeds(np.random.SeedSequence(seed), len(chunk_sizes(args.runs))),
                strict=True,
            )
        ]
    )
    ranks = percentile_ranks(pooled_year.size)
    sorting = best(lambda: np.sort(pooled_year), args.repeat)
    partitioning = best(lambda: np.partition(pooled_year, ranks), args.repeat)

    axes = [parse_axis("deficit_cap=0.03,0.04,0.05,0.06")]
    sweep_scenario = scenario.replace(runs=max(2, args.runs // 2))
    inline_cpu = best(lambda: simulate_sweep(model, axes, sweep_scenario, seed), args.repeat)
    inline = best(lambda: simulate_sweep(model, axes, sweep_scenario, seed), args.repeat, time.perf_counter)
    load_before = os.getloadavg()[0]
    start = os.times()
    with ProcessPoolExecutor(max_workers=2) as pool:  # the CPU time of starting and warming up a pool, alone
        simulate_sweep(model, axes, sweep_scenario.replace(runs=2), seed, executor=pool)
    before = os.times()
    starting = before.children_user + before.children_system - start.children_user - start.children_system
    walls = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        simulate_sweep(model, axes, sweep_scenario.replace(runs=2), seed, executor=pool)  # start the workers
        for _ in range(args.repeat):
            walls.append(
                best(lambda: simulate_sweep(model, axes, sweep_scenario, seed, executor=pool), 1, time.perf_counter)
            )
    after = os.times()  # the workers have been joined: their CPU time is counted as this process's children's
    pooled = min(walls)
    used = after.children_user + after.children_system - before.children_user - before.children_system
    workers_cpu = max(used - starting, 0.0) / len(walls)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"numpy {np.__version__}, load average {os.getloadavg()[0]:.1f} (other jobs share the CPUs)"
    )
    print(
        f"size: {args.units} units × {args.years} years × {args.runs} runs = {unit_years / 1e6:.1f} M unit-years, "
        f"best of {args.repeat}"
    )
    print(f"draws alone (floor)        {unit_years / floor / 1e6:7.1f} M unit-years/s")
    print(f"kernel, float32            {unit_years / rules / 1e6:7.1f} M unit-years/s")
    print(f"whole simulation           {unit_years / whole / 1e6:7.1f} M unit-years/s")
    print(f"plain-Python loop          {loop_rate / 1e6:7.2f} M unit-years/s ({args.loop_runs} runs)")
    print(f"kernel / plain loop        {unit_years / rules / loop_rate:7.1f}×  (aim: 50× or more)")
    print(f"kernel / draws alone       {rules / floor:7.2f}×  (aim: 1.25× or less)")
    print(f"kernel with no rules / draws {bare_rules / floor:5.2f}×  (the spending, balance, output and sums alone)")
    print(f"whole simulation / draws   {whole / floor:7.2f}×")
    print(f"float64 kernel / float32   {wide / rules:7.2f}×")
    print(f"growth, units, years and runs × 2 {grown / rules:7.2f}×  (linear: 8)")
    print(
        f"percentiles: np.partition / np.sort  {partitioning / sorting:7.2f}×  ({pooled_year.size / 1e6:.1f} M values)"
    )
    print(
        f"sweep of 4 points, 2 workers against inline: {inline / pooled:.2f}× faster "
        f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; wall clock)"
    )
    print(
        f"  the workers were on a CPU {workers_cpu / (2 * sum(walls) / len(walls)):.0%} of 2 × the wall time; "
        f"their CPU time ÷ inline's {workers_cpu / inline_cpu:.2f}× (the pool's overhead)"
    )


if __name__ == "__main__":
    main()
