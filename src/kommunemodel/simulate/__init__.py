"""Simulations over a model: the calendar, the goal cascade, the load, the budget rules and sweeps over them;
each imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assumptions import AssumptionProfile, load_profile, profile_names
    from .budget import BudgetResult, simulate_budget
    from .calendar import Calendar, Occurrence, calendar
    from .cascade import Cascade, cascade, cascade_range
    from .load import Load, summary
    from .scenario import Scenario
    from .settlement import Settlement, settle
    from .sweep import SweepResult, simulate_sweep

#: Where each simulation's public names live (the budget simulations add theirs here too).
_HOMES = {
    "calendar": ".calendar",
    "Calendar": ".calendar",
    "Occurrence": ".calendar",
    "cascade": ".cascade",
    "cascade_range": ".cascade",
    "Cascade": ".cascade",
    "summary": ".load",
    "Load": ".load",
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
    "Calendar",
    "Cascade",
    "Load",
    "Occurrence",
    "Scenario",
    "Settlement",
    "SweepResult",
    "calendar",
    "cascade",
    "cascade_range",
    "load_profile",
    "profile_names",
    "settle",
    "simulate_budget",
    "simulate_sweep",
    "summary",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kommunemodel.simulate' has no attribute {name!r}")
    # `calendar` and `cascade` name both a module and its function; importing the module binds the module
    # here, so those two modules are callable (they run their function) and `simulate.calendar(...)` works
    # whichever was imported first.
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
