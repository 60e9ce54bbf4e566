"""The year file's vocabulary, kept importable here for code written before it moved to `model.year`."""

from ..model.year import YEAR_SCHEMA, Agreement, BudgetResult, Goal, Meeting, Unit, YearData

__all__ = ["YEAR_SCHEMA", "Agreement", "BudgetResult", "Goal", "Meeting", "Unit", "YearData"]
