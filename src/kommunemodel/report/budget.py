"""The budget simulations a report shows: run where a model's rules allow, else the reason why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import KommunemodelError
from ..model import SteeringModel


def simulate_for_report(model: SteeringModel, runs: int, seed: int, assume: str | None) -> tuple[Any, str]:
    """The budget simulation of `model` (result, "") or (None, why it is not run: a rule the source leaves out).

    Units, years and the spending distribution are the simulation's own defaults, printed with its assumptions.
    """
    from ..simulate.budget import simulate_budget
    from ..simulate.scenario import Scenario

    try:
        return simulate_budget(model, Scenario(runs=runs), seed, assume=assume), ""
    except KommunemodelError as error:
        return None, str(error)


def budget_for_report(runs: int, seed: int, assume: str | None) -> Callable[[SteeringModel], tuple[Any, str]]:
    """The function the report calls for each model's budget section."""

    def run(model: SteeringModel) -> tuple[Any, str]:
        return simulate_for_report(model, runs, seed, assume)

    return run
