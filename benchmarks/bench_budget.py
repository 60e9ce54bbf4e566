"""How fast the budget Monte Carlo is, as ratios measured in one run: against a plain loop and against its draws.

Run: python benchmarks/bench_budget.py [--units 60] [--years 4] [--runs 20000] [--repeat 3] [--quick]

Under Skanderborg's rules (surplus unlimited, deficit cap 5%, a repayment plan above it, close monitoring above
3%), every figure is the best of R runs (CPU time of this process) and printed beside the others of the same run:
- the vectorised kernel (simulate_chunk over every chunk) against the plain-Python loop of the same rules
  (budget_reference, on a slice of the runs) and against the floor of drawing the same random numbers alone;
- the whole simulation, with the summary (means, intervals, pooled percentiles), against the same floor;
- the kernel in float64 against float32;
- growth: the kernel at two sizes (units, years and runs each × 2), which should take about 8× as long;
- a sweep of 4 points on 2 worker processes against the same sweep inline.
Not a test: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from kommunemodel.api import load_model
from kommunemodel.simulate import budget
from kommunemodel.simulate.budget import chunk_seeds, chunk_sizes, simulate_budget, simulate_chunk
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
    parser.add_argument("--repeat", type=int, default=3)
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

    floor = best(lambda: draws_only(scenario, seed), args.repeat)
    rules = best(lambda: kernel(settlement, scenario, seed), args.repeat)
    whole = best(lambda: simulate_budget(model, scenario, seed, settlement=settlement), args.repeat)

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

    axes = [parse_axis("deficit_cap=0.03,0.04,0.05,0.06")]
    sweep_scenario = scenario.replace(runs=max(2, args.runs // 2))
    inline = best(lambda: simulate_sweep(model, axes, sweep_scenario, seed), 1, time.perf_counter)
    with ProcessPoolExecutor(max_workers=2) as pool:
        simulate_sweep(model, axes, sweep_scenario.replace(runs=2), seed, executor=pool)  # start the workers
        pooled = best(lambda: simulate_sweep(model, axes, sweep_scenario, seed, executor=pool), 1, time.perf_counter)

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
    print(f"whole simulation / draws   {whole / floor:7.2f}×")
    print(f"float64 kernel / float32   {wide / rules:7.2f}×")
    print(f"growth, units, years and runs × 2 {grown / rules:7.2f}×  (linear: 8)")
    print(f"sweep of 4 points, 2 workers against inline: {inline / pooled:.2f}× faster")


if __name__ == "__main__":
    main()
