"""The comparison a report shows: the metrics table with its footnoted citations, and the metrics chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model import SteeringModel
from .plots.labels import Lang

if TYPE_CHECKING:
    from ..compare import Comparison


def comparison_of(models: Sequence[SteeringModel]) -> Comparison:
    """Every installed metric for `models`, models as columns."""
    from ..compare import collect_metrics, compare
    from ..plugins import get_plugin_manager

    metrics = collect_metrics(get_plugin_manager())
    return compare(models, list(metrics), metrics.origin)


def comparison_for_report(models: Sequence[SteeringModel], lang: Lang) -> tuple[Markup | None, Any, str]:
    """(table HTML, chart, "") of the models: every installed metric, with its citations as footnotes."""
    from ..compare.render import to_html
    from .plots.metrics import metrics_chart

    comparison = comparison_of(models)

    # to_html escapes every text that comes from a model, so its fragment is markup the page can hold as is.
    return Markup(to_html(comparison, lang)), metrics_chart(comparison, lang), ""


def comparison_chart(models: Sequence[SteeringModel], lang: Lang) -> Any:
    """The metrics chart of `models`."""
    from .plots.metrics import metrics_chart

    return metrics_chart(comparison_of(models), lang)
