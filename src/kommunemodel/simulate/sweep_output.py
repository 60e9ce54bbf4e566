"""Renderers of a sweep: JSON (schema kommunemodel-sweep/1), text and CSV, over SweepResult."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any, Final

from .budget import DTYPE
from .budget_output import MEASURES, count, estimate_json, year_json
from .sweep import SweepResult, point_label

SWEEP_SCHEMA: Final = "kommunemodel-sweep/1"


def _plain(value: Any) -> Any:
    """A grid value as JSON has it: infinity as "unlimited"."""
    return "unlimited" if isinstance(value, float) and math.isinf(value) else value


def to_json_data(result: SweepResult) -> dict[str, Any]:
    """The whole sweep as plain data."""
    return {
        "schema": SWEEP_SCHEMA,
        "model": {"id": result.model_id, "name": result.model_name},
        "parameters": {
            **result.scenario.as_dict(),
            "seed": result.seed,
            "assume": result.profile,
            "dtype": DTYPE.__name__,
        },
        "grid": [{"name": axis.name, "values": [_plain(value) for value in axis.values]} for axis in result.axes],
        "rules": [
            {"name": rule.name, "value": rule.value, "origin": rule.origin, "source": rule.source}
            for rule in result.rules
        ],
        "assumptions": [
            {"name": item.name, "value": item.value, "kind": item.kind, "reason": item.reason}
            for item in result.assumptions
        ],
        "points": [
            {
                "index": point.index,
                "values": {name: _plain(value) for name, value in point.values},
                "overrides": [
                    {"name": item.name, "value": item.value, "kind": item.kind, "reason": item.reason}
                    for item in point.overrides
                ],
                "years": [year_json(year) for year in point.years],
            }
            for point in result.points
        ],
    }


def to_json(result: SweepResult) -> str:
    """JSON text ending in a newline."""
    return json.dumps(to_json_data(result), ensure_ascii=False, indent=2) + "\n"


def _pct(estimate: Any) -> str:
    """A share as a percentage with its 95% half-width."""
    if estimate is None:
        return "not described"
    return f"{estimate.mean * 100:.2f}% ±{(estimate.high - estimate.low) * 50:.2f}"


def to_text(result: SweepResult) -> str:
    """One row per point, for the last simulated year, after the rules and assumptions."""
    from tabulate import tabulate

    from .budget_output import assumptions_text

    scenario = result.scenario
    lines = [
        f"Sweep of {result.model_name} ({result.model_id}): {len(result.points)} points, "
        f"{count(scenario.units, 'unit')} × {count(scenario.years, 'year')} × {count(scenario.runs, 'run')} each, "
        f"seed {result.seed}" + (f", assumption profile {result.profile}" if result.profile else ""),
        "",
        *assumptions_text(result.rules, result.assumptions),
        "",
        f"Year {scenario.years} (the last simulated), shares of units, mean ±95% half-width:",
    ]
    rows = []
    for point in result.points:
        last = point.years[-1]
        rows.append(
            [
                point_label(point.values),
                _pct(last.repayment_plan_share),
                _pct(last.under_repayment_plan_share),
                _pct(last.close_monitoring_share),
                f"{last.carried_over_total.mean:.3f}",
                f"{last.balance_percentiles[0].value * 100:+.2f}%",
                f"{last.balance_percentiles[-1].value * 100:+.2f}%",
            ]
        )
    lines.append(
        tabulate(
            rows,
            headers=["point", "needs a plan", "under a plan", "close monitoring", "carried (net)", "p5", "p95"],
        )
    )
    return "\n".join(lines) + "\n"


def to_csv(result: SweepResult) -> str:
    """One row per point and year: the grid values, then mean and interval of each measure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [axis.name for axis in result.axes]
    header = ["point", *names, "year"]
    for measure in MEASURES:
        header += [measure, f"{measure}_ci95_low", f"{measure}_ci95_high"]
    writer.writerow(header)
    for point in result.points:
        values = dict(point.values)
        for year in point.years:
            data = year_json(year)
            row: list[Any] = [point.index, *(_plain(values[name]) for name in names), year.year]
            for measure in MEASURES:
                found = data[measure]
                row += [found["mean"], *found["ci95"]] if found is not None else ["", "", ""]
            writer.writerow(row)
    return buffer.getvalue()


RENDERERS: Final = {"text": to_text, "json": to_json, "csv": to_csv}

__all__ = ["RENDERERS", "SWEEP_SCHEMA", "estimate_json", "to_csv", "to_json", "to_text"]
