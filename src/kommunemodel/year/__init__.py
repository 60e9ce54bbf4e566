"""A year's data (`kommunemodel-year/1`), as before: the vocabulary is in `model.year`, the loader in `io.year`.

The loader is imported on first use, so that rules importing the vocabulary from here do not pay for cattrs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..model.year import YEAR_SCHEMA, Agreement, BudgetResult, Goal, Meeting, Unit, YearData

if TYPE_CHECKING:
    from ..io.year import load_year_file, loads_year, read_year, year_from_table

_LOADER = ("load_year_file", "loads_year", "read_year", "year_from_table")

__all__ = [
    "YEAR_SCHEMA",
    "Agreement",
    "BudgetResult",
    "Goal",
    "Meeting",
    "Unit",
    "YearData",
    "load_year_file",
    "loads_year",
    "read_year",
    "year_from_table",
]


def __getattr__(name: str) -> Any:
    if name not in _LOADER:
        raise AttributeError(f"module 'kommunemodel.year' has no attribute {name!r}")
    value = getattr(importlib.import_module("..io.year", __name__), name)
    globals()[name] = value
    return value
