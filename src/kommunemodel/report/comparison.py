"""The comparison a report shows: the metrics table with its footnoted citations, and the metrics chart."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..model import SteeringModel
from .plots.labels import Lang

NOT_INSTALLED = "this installation has no comparison (kommunemodel.compare)"


def comparison_of(models: Sequence[SteeringModel]) -> Any:
    """Every installed metric for `models` (ImportError where the comparison is not installed)."""
    from ..plugins import get_plugin_manager

    # Imported by name so that this module type-checks with or without the comparison installed.
    compare = importlib.import_module("kommunemodel.compare")
    metrics = compare.collect_metrics(get_plugin_manager())
    return compare.compare(models, list(metrics), getattr(metrics, "origin", None))


def comparison_for_report(models: Sequence[SteeringModel], lang: Lang) -> tuple[Markup | None, Any, str]:
    """(table HTML, chart, "") of the models, or (None, None, why not)."""
    try:
        comparison = comparison_of(models)
        to_html = importlib.import_module("kommunemodel.compare.render").to_html
    except ImportError:
        return None, None, NOT_INSTALLED
    from .plots.metrics import metrics_chart

    # to_html escapes every text that comes from a model, so its fragment is markup the page can hold as is.
    return Markup(to_html(comparison, lang)), metrics_chart(comparison, lang), ""


def comparison_chart(models: Sequence[SteeringModel], lang: Lang) -> Any:
    """The metrics chart of `models` (ImportError where the comparison is not installed)."""
    from .plots.metrics import metrics_chart

    return metrics_chart(comparison_of(models), lang)
