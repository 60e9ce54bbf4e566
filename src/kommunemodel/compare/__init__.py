"""Comparing models: metrics with citation trails, comparison tables and their renderers, counterfactuals.

Names are imported on first use, so loading the core metrics as a built-in plugin (which every command does)
does not pay for the table or the registry.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported now, not on first use: the function `compose` shares its module's name, and importing the module
# (as `load_model` does for a composed id) would otherwise leave the module where the function belongs.
from .compose import PARTS, ComposedModel, compose

if TYPE_CHECKING:
    from .metric import Condition, Fact, Metric, MetricValue, Range, unknown
    from .registry import MetricSet, collect_metrics
    from .table import Column, Comparison, compare

#: Where each name lives.
_HOMES = {
    **dict.fromkeys(("Condition", "Fact", "Metric", "MetricValue", "Range", "unknown"), ".metric"),
    **dict.fromkeys(("MetricSet", "collect_metrics"), ".registry"),
    **dict.fromkeys(("Column", "Comparison", "compare"), ".table"),
}

__all__ = [
    "PARTS",
    "Column",
    "Comparison",
    "ComposedModel",
    "Condition",
    "Fact",
    "Metric",
    "MetricSet",
    "MetricValue",
    "Range",
    "collect_metrics",
    "compare",
    "compose",
    "unknown",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kommunemodel.compare' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
