"""The comparison chart, read back from its SVG: a panel per numeric metric, a bar per model, unknowns named."""

from __future__ import annotations

from kommunemodel.compare.metric import Metric, MetricValue, Range, Value
from kommunemodel.compare.table import Column, Comparison
from kommunemodel.model import NOT_DESCRIBED
from kommunemodel.report.plots.metrics import metrics_chart, numeric_rows

from .svgread import groups, texts


def _metric(metric_id: str, unit: str, label_da: str, label_en: str) -> Metric:
    """A metric the chart reads only the labels and unit of; its values are given as cells below."""
    return Metric(metric_id, label_da, label_en, unit, "", lambda _model: MetricValue(NOT_DESCRIBED))


def Cell(value: Value) -> MetricValue:
    """A cell of the table: a value with no trail, as the chart reads it."""
    return MetricValue(value)


COMPARISON = Comparison(
    (Column("helsingoer", "Helsingør Kommune"), Column("skanderborg", "Skanderborg Kommune")),
    (
        _metric("tiers", "tiers", "Niveauer fra byråd til enhed", "Tiers from council to unit"),
        _metric("deficit_cap", "share", "Underskudsgrænse", "Deficit cap"),
        _metric("budget_route", "category", "Bevillingsvej", "Budget route"),
        _metric("meetings", "per_year", "Møder om året", "Meetings a year"),
    ),
    (
        (Cell(4.0), Cell(3.0)),
        (Cell(NOT_DESCRIBED), Cell(0.05)),
        (Cell("direct"), Cell("direct")),
        (Cell(Range(26, 27)), Cell(Range(3))),
    ),
)


def test_each_numeric_metric_is_a_panel_with_a_bar_per_described_model() -> None:
    svg = metrics_chart(COMPARISON, "en").svg()
    assert [metric.id for metric, _cells in numeric_rows(COMPARISON)] == ["tiers", "deficit_cap", "meetings"]
    assert groups(svg, "metric-") == ["metric-tiers", "metric-deficit_cap", "metric-meetings"]
    bars = groups(svg, "bar-")
    assert bars == [
        "bar-tiers-helsingoer",
        "bar-tiers-skanderborg",
        "bar-deficit_cap-skanderborg",
        "bar-meetings-helsingoer",
        "bar-meetings-skanderborg",
    ]
    assert groups(svg, "range-") == ["range-meetings-helsingoer", "range-meetings-skanderborg"]


def test_an_unknown_is_written_out_not_drawn_as_zero() -> None:
    svg = metrics_chart(COMPARISON, "da").svg()
    assert groups(svg, "unknown-") == ["unknown-deficit_cap-helsingoer"]
    labels = texts(svg)
    assert "ikke beskrevet" in labels
    assert "Sammenligning af nøgletal" in labels
    assert any(label.startswith("Niveauer fra byråd til enhed") for label in labels)


def test_the_same_comparison_gives_the_same_bytes() -> None:
    assert metrics_chart(COMPARISON, "en").svg() == metrics_chart(COMPARISON, "en").svg()
