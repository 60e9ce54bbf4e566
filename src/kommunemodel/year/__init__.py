"""A year's concrete data (`kommunemodel-year/1`): the units, agreements, meetings and budget results of one year."""

from .data import YEAR_SCHEMA, Agreement, BudgetResult, Goal, Meeting, Unit, YearData
from .load import load_year_file, loads_year, read_year, year_from_table

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
