"""Simulations over a model: the calendar, the goal cascade, the load; each imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .calendar import Calendar, Occurrence, calendar
    from .cascade import Cascade, cascade, cascade_range
    from .load import Load, summary

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
}

__all__ = ["Calendar", "Cascade", "Load", "Occurrence", "calendar", "cascade", "cascade_range", "summary"]


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
