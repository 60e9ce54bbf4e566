"""Simulations over a model: the budget rules (Monte Carlo) and sweeps over them; each imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assumptions import AssumptionProfile, load_profile, profile_names
    from .budget import BudgetResult, simulate_budget
    from .scenario import Scenario
    from .settlement import Settlement, settle
    from .sweep import SweepResult, simulate_sweep

#: Where each simulation's public names live.
_HOMES = {
    "AssumptionProfile": ".assumptions",
    "load_profile": ".assumptions",
    "profile_names": ".assumptions",
    "BudgetResult": ".budget",
    "simulate_budget": ".budget",
    "Scenario": ".scenario",
    "Settlement": ".settlement",
    "settle": ".settlement",
    "SweepResult": ".sweep",
    "simulate_sweep": ".sweep",
}

__all__ = [
    "AssumptionProfile",
    "BudgetResult",
    "Scenario",
    "Settlement",
    "SweepResult",
    "load_profile",
    "profile_names",
    "settle",
    "simulate_budget",
    "simulate_sweep",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kommunemodel.simulate' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for completion."""
    return sorted({*globals(), *__all__})
