"""Comparing models: metrics with citation trails, comparison tables and their renderers, counterfactuals."""

from .compose import PARTS, ComposedModel, compose
from .metric import Condition, Fact, Metric, MetricValue, Range, unknown
from .registry import MetricSet, collect_metrics
from .table import Column, Comparison, compare

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
