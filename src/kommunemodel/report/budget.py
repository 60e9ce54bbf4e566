"""The budget simulations a report shows: run where a model's rules allow, else the reason why not."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import KommunemodelError
from ..model import SteeringModel

#: Units and years of a report's budget simulation: the simulation's own defaults.
NOT_INSTALLED = "this installation has no budget simulation (kommunemodel.simulate.budget)"


def simulate_for_report(model: SteeringModel, runs: int, seed: int, assume: str | None) -> tuple[Any, str]:
    """The budget simulation of `model` (result, "") or (None, why it is not run: a rule the source leaves out)."""
    try:
        # Imported by name so that this module type-checks with or without the budget simulation installed.
        simulate_budget = importlib.import_module("kommunemodel.simulate.budget").simulate_budget
        Scenario = importlib.import_module("kommunemodel.simulate.scenario").Scenario
    except ImportError:
        return None, NOT_INSTALLED
    try:
        return simulate_budget(model, Scenario(runs=runs), seed, assume=assume), ""
    except KommunemodelError as error:
        return None, str(error)


def budget_for_report(runs: int, seed: int, assume: str | None) -> Callable[[SteeringModel], tuple[Any, str]]:
    """The function the report calls for each model's budget section."""

    def run(model: SteeringModel) -> tuple[Any, str]:
        return simulate_for_report(model, runs, seed, assume)

    return run
