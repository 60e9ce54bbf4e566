"""compare(): models as columns, metrics as rows, each cell a MetricValue with its trail."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from ..model import SteeringModel
from .metric import Metric, MetricValue, unknown


@frozen
class Column:
    """A model compared: its id (a composed id for a counterfactual) and its name."""

    id: str
    name: str


@frozen
class Comparison:
    """The result of a comparison: columns, rows, and a cell for each; renderers read only this."""

    columns: tuple[Column, ...]
    metrics: tuple[Metric, ...]
    #: cells[row][column]: the value of metrics[row] for columns[column].
    cells: tuple[tuple[MetricValue, ...], ...]
    #: Each metric's plugin, by id.
    origin: tuple[tuple[str, str], ...] = ()
    #: (metric id, model id, what went wrong) for each cell whose metric raised or returned junk.
    failures: tuple[tuple[str, str, str], ...] = ()

    def cell(self, metric_id: str, model_id: str) -> MetricValue:
        """The value of one metric for one model (KeyError if either is not in the table)."""
        rows = {metric.id: index for index, metric in enumerate(self.metrics)}
        columns = {column.id: index for index, column in enumerate(self.columns)}
        if metric_id not in rows or model_id not in columns:
            raise KeyError((metric_id, model_id))
        return self.cells[rows[metric_id]][columns[model_id]]

    def row(self, metric_id: str) -> dict[str, MetricValue]:
        """One metric's values, by model id."""
        return {column.id: self.cell(metric_id, column.id) for column in self.columns}


FAILED = "the metric failed: "


def evaluate(metric: Metric, model: SteeringModel) -> MetricValue:
    """One metric for one model; a metric that raises gives an unknown that names the failure, not a crash."""
    try:
        value = metric.compute(model)
    except Exception as failure:  # noqa: BLE001 - a plugin's broken metric must not stop the comparison
        return unknown(f"{FAILED}{type(failure).__name__}: {failure}")
    if not isinstance(value, MetricValue):
        return unknown(f"{FAILED}it returned {type(value).__name__}, not a MetricValue")
    return value


def compare(
    models: Sequence[SteeringModel], metrics: Sequence[Metric], origin: dict[str, str] | None = None
) -> Comparison:
    """Every metric for every model: models as columns in the order given, metrics as rows."""
    columns = tuple(Column(model.id, model.name) for model in models)
    cells = tuple(tuple(evaluate(metric, model) for model in models) for metric in metrics)
    origins = tuple((metric.id, (origin or {}).get(metric.id, "")) for metric in metrics)
    failures = tuple(
        (metric.id, column.id, cell.reason.removeprefix(FAILED))
        for metric, row in zip(metrics, cells, strict=True)
        for column, cell in zip(columns, row, strict=True)
        if cell.is_unknown and cell.reason.startswith(FAILED)
    )
    return Comparison(columns, tuple(metrics), cells, origins, failures)
