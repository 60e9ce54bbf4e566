"""Renderers of a budget simulation: JSON (schema kommunemodel-budget/1), text and CSV, over BudgetResult."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Final

from .assumptions import Assumption
from .budget import DTYPE, PERCENTILES, BudgetResult, BudgetYear, Estimate
from .settlement import AppliedRule, fraction

BUDGET_SCHEMA: Final = "kommunemodel-budget/1"


#: The per-year measures of a result, in the order CSV and sweep tables give them.
MEASURES: Final = (
    "repayment_plan_share",
    "under_repayment_plan_share",
    "close_monitoring_share",
    "carried_over_total",
    "surplus_carried_total",
    "debt_carried_total",
    "lapsed_total",
    "written_off_total",
)


def estimate_json(estimate: Estimate | None) -> dict[str, Any] | None:
    """`{"mean": …, "ci95": [low, high]}`, or None where the model has no such rule."""
    if estimate is None:
        return None
    return {"mean": estimate.mean, "ci95": [estimate.low, estimate.high]}


def year_json(year: BudgetYear) -> dict[str, Any]:
    """One year as the schema has it."""
    return {
        "year": year.year,
        "repayment_plan_share": estimate_json(year.repayment_plan_share),
        "under_repayment_plan_share": estimate_json(year.under_repayment_plan_share),
        "close_monitoring_share": estimate_json(year.close_monitoring_share),
        "thresholds": {name: estimate_json(value) for name, value in year.thresholds},
        "carried_over_total": estimate_json(year.carried_over_total),
        "surplus_carried_total": estimate_json(year.surplus_carried_total),
        "debt_carried_total": estimate_json(year.debt_carried_total),
        "lapsed_total": estimate_json(year.lapsed_total),
        "written_off_total": estimate_json(year.written_off_total),
        "balance_percentiles": {
            f"p{item.q}": {"value": item.value, "ci95": [item.low, item.high]} for item in year.balance_percentiles
        },
    }


def parameters_json(result: BudgetResult) -> dict[str, Any]:
    """The parameters, the seed and how the numbers were drawn."""
    return {
        **result.scenario.as_dict(),
        "seed": result.seed,
        "assume": result.profile,
        "dtype": DTYPE.__name__,
    }


def to_json_data(result: BudgetResult) -> dict[str, Any]:
    """The whole result as plain data."""
    return {
        "schema": BUDGET_SCHEMA,
        "model": {"id": result.model_id, "name": result.model_name},
        "parameters": parameters_json(result),
        "rules": [
            {"name": rule.name, "value": rule.value, "origin": rule.origin, "source": rule.source}
            for rule in result.rules
        ],
        "assumptions": [
            {"name": item.name, "value": item.value, "kind": item.kind, "reason": item.reason}
            for item in result.assumptions
        ],
        "years": [year_json(year) for year in result.years],
    }


def to_json(result: BudgetResult) -> str:
    """JSON text, keys in a fixed order, ending in a newline."""
    return json.dumps(to_json_data(result), ensure_ascii=False, indent=2) + "\n"


def count(number: int, noun: str) -> str:
    """`1 year`, `4 years`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _pct(estimate: Estimate | None) -> str:
    """A share as a percentage with its interval, or 'not described'."""
    if estimate is None:
        return "not described"
    return f"{estimate.mean * 100:.2f}% [{estimate.low * 100:.2f}, {estimate.high * 100:.2f}]"


def _amount(estimate: Estimate) -> str:
    """An amount in annual budgets with its interval."""
    return f"{estimate.mean:.3f} [{estimate.low:.3f}, {estimate.high:.3f}]"


def assumptions_text(rules: Sequence[AppliedRule], assumptions: Sequence[Assumption]) -> list[str]:
    """The rules applied with their citations, then every assumption: printed with every result."""
    lines = ["Rules applied (from the model, with its citations):"]
    lines += [f"  {rule.name}: {rule.value}  [{rule.source}]" for rule in rules] or [
        "  none: the model describes none of the budget rules this simulation reads"
    ]
    lines.append("Assumptions (not in the source):")
    lines += [f"  {item.name} = {item.value} ({item.kind}): {item.reason}" for item in assumptions]
    return lines


def to_text(result: BudgetResult) -> str:
    """A readable report: what was simulated, the rules and assumptions, then a table per year."""
    from tabulate import tabulate

    scenario = result.scenario
    head = [
        f"Budget simulation of {result.model_name} ({result.model_id})",
        f"{count(scenario.units, 'unit')} × {count(scenario.years, 'year')} × {count(scenario.runs, 'run')}, "
        f"seed {result.seed}, "
        f"spending {scenario.distribution}(mean {scenario.spend_mean:g}, sd {scenario.spend_sd:g})"
        + (f", assumption profile {result.profile}" if result.profile else ""),
        "",
        *assumptions_text(result.rules, result.assumptions),
        "",
        "Shares are of units, per year end, mean across runs [95% confidence interval];",
        "totals are summed over the units, in annual budgets of one unit; balances are fractions of a unit's budget.",
        "",
    ]
    rows = []
    for year in result.years:
        rows.append(
            [
                year.year,
                _pct(year.repayment_plan_share),
                _pct(year.under_repayment_plan_share),
                _pct(year.close_monitoring_share),
                _amount(year.carried_over_total),
                _amount(year.surplus_carried_total),
                _amount(year.debt_carried_total),
            ]
        )
    table = tabulate(
        rows,
        headers=[
            "year",
            "needs a repayment plan",
            "under a plan",
            "close monitoring",
            "carried over (net)",
            "surplus carried",
            "debt carried",
        ],
    )
    pct_rows = [
        [year.year, *(f"{item.value * 100:+.2f}%" for item in year.balance_percentiles)] for year in result.years
    ]
    percentile_table = tabulate(pct_rows, headers=["year", *(f"p{q}" for q in PERCENTILES)])
    extra = []
    for year in result.years:
        parts = []
        if year.lapsed_total.mean:
            parts.append(f"surplus lapsed {_amount(year.lapsed_total)}")
        if year.written_off_total.mean:
            parts.append(f"deficit not carried {_amount(year.written_off_total)}")
        if parts:
            extra.append(f"  year {year.year}: {', '.join(parts)}")
    tail = ["", "Balance carried out of each year (net of repayment plans), percentiles over units and runs:"]
    tail.append(percentile_table)
    if extra:
        tail += ["", "Beyond the caps:", *extra]
    return "\n".join([*head, table, *tail]) + "\n"


CSV_COLUMNS: Final = (
    "year",
    "measure",
    "mean",
    "ci95_low",
    "ci95_high",
)


def csv_rows(result: BudgetResult) -> list[list[Any]]:
    """Long-format rows: one per year and measure, percentiles as measures `balance_p5` …"""
    rows: list[list[Any]] = []
    for year in result.years:
        data = year_json(year)
        for name in MEASURES:
            value = data[name]
            if value is not None:
                rows.append([year.year, name, value["mean"], *value["ci95"]])
        for threshold, value in data["thresholds"].items():
            rows.append([year.year, f"threshold:{threshold}", value["mean"], *value["ci95"]])
        for name, value in data["balance_percentiles"].items():
            rows.append([year.year, f"balance_{name}", value["value"], *value["ci95"]])
    return rows


def to_csv(result: BudgetResult) -> str:
    """CSV with a header: the assumptions as `#` comment lines first, so the file says what it assumed."""
    buffer = io.StringIO()
    for line in assumptions_text(result.rules, result.assumptions):
        buffer.write(f"# {line.strip()}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(result))
    return buffer.getvalue()


RENDERERS: Final = {"text": to_text, "json": to_json, "csv": to_csv}

__all__ = ["BUDGET_SCHEMA", "RENDERERS", "fraction", "to_csv", "to_json", "to_text"]
