"""A year's data (`kommunemodel-year/1`), as before: the vocabulary is in `model.year`, the loader in `io.year`."""

from ..io.year import load_year_file, loads_year, read_year, year_from_table
from ..model.year import YEAR_SCHEMA, Agreement, BudgetResult, Goal, Meeting, Unit, YearData

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
