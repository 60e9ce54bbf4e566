"""The comparison a report shows: the metrics table with its footnoted citations, and the metrics chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..model import SteeringModel
from .plots.labels import Lang


def comparison_for_report(models: Sequence[SteeringModel], lang: Lang) -> tuple[Markup | None, Any, str]:
    """(table HTML, chart, "") of the models, or (None, None, why not)."""
    try:
        from .. import compare  # noqa: F401
    except ImportError:
        return None, None, "this installation has no comparison (kommunemodel.compare)"
    return None, None, "this installation has no comparison (kommunemodel.compare)"


def comparison_chart(models: Sequence[SteeringModel], lang: Lang) -> Any:
    """The metrics chart of `models`."""
    raise NotImplementedError
