"""Sweeps: a grid of scenario parameters, each point a budget simulation, on a process pool or a Dask cluster.

Point k draws from the k-th child of the seed's SeedSequence and results are ordered by point, never by arrival,
so the bytes out are the same inline, on any number of processes, or on a Dask cluster.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from attrs import frozen

from .assumptions import Assumption, AssumptionProfile, load_profile
from .budget import BudgetYear, as_seed_sequence, chunk_seeds, run_chunks
from .scenario import DISTRIBUTIONS, PARAMETERS, Scenario, parse_value
from .settlement import AppliedRule, Settlement, settle

if TYPE_CHECKING:
    import numpy as np

    from ..model import SteeringModel

#: The most points one sweep may have: a typo in a step should not start a million simulations.
MAX_POINTS: Final = 10_000


@frozen
class Axis:
    """One swept parameter and its values, in order."""

    name: str
    values: tuple[Any, ...]


def parse_axis(text: str) -> Axis:
    """`NAME=a:b:step` (from a to b inclusive) or `NAME=x,y,z`; ValueError with a one-line reason."""
    name, equals, spec = text.partition("=")
    name = name.strip().replace("-", "_")
    if not equals or not name or not spec.strip():
        raise ValueError(f"--param wants NAME=a:b:step or NAME=x,y,z (got {text!r})")
    if name not in PARAMETERS:
        raise ValueError(f"unknown parameter {name!r} in --param (known: {', '.join(sorted(PARAMETERS))})")
    if name == "runs":
        raise ValueError("runs cannot be swept: every point has the same number of runs, so the intervals compare")
    spec = spec.strip()
    if ":" in spec and name != "distribution":
        values = _range(name, spec)
    else:
        values = tuple(parse_value(name, item) for item in spec.split(",") if item.strip())
        if name == "distribution":
            wrong = [value for value in values if value not in DISTRIBUTIONS]
            if wrong:
                raise ValueError(f"distribution must be one of {', '.join(DISTRIBUTIONS)} (got {wrong[0]!r})")
    if not values:
        raise ValueError(f"--param {name} has no values")
    if len(set(values)) != len(values):
        raise ValueError(f"--param {name} repeats a value")
    return Axis(name, values)


def _range(name: str, spec: str) -> tuple[Any, ...]:
    """The values of `a:b:step`, computed in decimal so 0.02:0.10:0.01 ends at 0.1, not 0.09999999999999999."""
    parts = spec.split(":")
    if len(parts) != 3:
        raise ValueError(f"--param {name}={spec}: a range is a:b:step")
    try:
        start, stop, step = (Decimal(part.strip()) for part in parts)
    except InvalidOperation:
        raise ValueError(f"--param {name}={spec}: a, b and step must be numbers") from None
    if step <= 0 or stop < start:
        raise ValueError(f"--param {name}={spec}: needs a <= b and step > 0")
    count = int((stop - start) / step) + 1
    if count > MAX_POINTS:
        raise ValueError(f"--param {name}={spec} has {count} values (at most {MAX_POINTS})")
    return tuple(parse_value(name, str(start + index * step)) for index in range(count))


def grid_points(axes: Sequence[Axis]) -> list[dict[str, Any]]:
    """Every combination, the last axis varying fastest (as nested loops in the order given)."""
    names = [axis.name for axis in axes]
    if len(set(names)) != len(names):
        raise ValueError("a parameter is swept twice")
    points = [dict(zip(names, values, strict=True)) for values in itertools.product(*(a.values for a in axes))]
    if len(points) > MAX_POINTS:
        raise ValueError(f"the grid has {len(points)} points (at most {MAX_POINTS})")
    return points


@frozen
class SweepPoint:
    """One point of the grid: its values, the overrides it made, and the simulated years."""

    index: int
    values: tuple[tuple[str, Any], ...]
    overrides: tuple[Assumption, ...]
    years: tuple[BudgetYear, ...]


@frozen
class SweepResult:
    """A sweep: the model, the base scenario and seed, the grid, the rules and assumptions, every point in order."""

    model_id: str
    model_name: str
    scenario: Scenario
    seed: int | None
    axes: tuple[Axis, ...]
    rules: tuple[AppliedRule, ...]
    assumptions: tuple[Assumption, ...]
    points: tuple[SweepPoint, ...]
    profile: str | None = None


def run_point(settlement: Settlement, scenario: Scenario, seed: np.random.SeedSequence) -> tuple[BudgetYear, ...]:
    """One point's simulation, all its chunks in this worker: the task a pool or a Dask worker runs."""
    return run_chunks(settlement, scenario, seed)


def _is_dask(executor: object) -> bool:
    """Whether the executor is a `distributed.Client` (whose submit needs pure=False)."""
    return type(executor).__module__.split(".")[0] == "distributed"


def simulate_sweep(
    model: SteeringModel,
    axes: Sequence[Axis],
    scenario: Scenario | None = None,
    seed: int | np.random.SeedSequence | np.random.Generator = 0,
    *,
    assume: AssumptionProfile | str | Path | None = None,
    executor: Any = None,
    progress: Callable[[int], Any] | None = None,
) -> SweepResult:
    """Simulate every point of the grid; `executor` is a concurrent.futures Executor, a distributed.Client, or None.

    Every point is settled (and refused, naming the missing rule) before anything runs.
    """
    scenario = scenario or Scenario()
    profile = load_profile(assume) if isinstance(assume, str | Path) else assume
    points = grid_points(axes)
    scenarios = []
    for values in points:
        try:
            scenarios.append(scenario.replace(**values))
        except (TypeError, ValueError) as error:
            shown = ", ".join(f"{name}={value}" for name, value in values.items())
            raise ValueError(f"sweep point {shown}: {error}") from None
    settlements = [settle(model, point, profile) for point in scenarios]
    seeds = chunk_seeds(as_seed_sequence(seed), len(points))
    tasks = list(zip(settlements, scenarios, seeds, strict=True))

    years: list[tuple[BudgetYear, ...]]
    if executor is None:
        years = []
        for task in tasks:
            years.append(run_point(*task))
            if progress is not None:
                progress(1)
    elif _is_dask(executor):
        from distributed import as_completed as dask_completed

        futures = [executor.submit(run_point, *task, pure=False) for task in tasks]
        for _ in dask_completed(futures):
            if progress is not None:
                progress(1)
        years = [future.result() for future in futures]  # by point, not by arrival
    else:
        from concurrent.futures import as_completed

        futures = [executor.submit(run_point, *task) for task in tasks]
        for _ in as_completed(futures):
            if progress is not None:
                progress(1)
        years = [future.result() for future in futures]

    first = settlements[0]
    common = tuple(item for item in first.assumptions if item.kind != "override" or not _swept(item, axes))
    return SweepResult(
        model_id=model.id,
        model_name=model.name,
        scenario=scenario,
        seed=seed if isinstance(seed, int) else None,
        axes=tuple(axes),
        rules=first.rules,
        assumptions=common,
        points=tuple(
            SweepPoint(
                index,
                tuple(values.items()),
                tuple(item for item in settlement.assumptions if item.kind == "override"),
                point_years,
            )
            for index, (values, settlement, point_years) in enumerate(zip(points, settlements, years, strict=True))
        ),
        profile=profile.name if profile is not None else None,
    )


def _swept(item: Assumption, axes: Sequence[Axis]) -> bool:
    """Whether an override comes from the grid (it is then listed per point, not once for the sweep)."""
    names = {axis.name for axis in axes}
    return item.name in names or (item.name == "repayment_plan_above" and "deficit_cap" in names)


def executor_for(workers: int, scheduler: str | None) -> Any:
    """The executor a sweep runs on: None inline for one worker, a process pool, or a Dask client at `scheduler`."""
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise ValueError("--scheduler needs Dask: pip install 'kommunemodel[dask]'") from None
        return Client(scheduler)
    if workers <= 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers)


def default_workers() -> int:
    """The default pool size: the machine's CPUs available to this process."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def point_label(values: Sequence[tuple[str, Any]]) -> str:
    """`deficit_cap=0.03, spend_sd=0.04`."""
    return ", ".join(f"{name}={_shown(value)}" for name, value in values)


def _shown(value: Any) -> str:
    """A grid value as a label shows it."""
    if isinstance(value, float):
        return "unlimited" if math.isinf(value) else f"{value:g}"
    return str(value)


__all__ = ["Axis", "SweepPoint", "SweepResult", "grid_points", "parse_axis", "simulate_sweep"]
