"""The core metrics as a built-in plugin: `kommunemodel_metrics` imports `compare.metrics` only when it is called."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..compare.metric import Metric


@hookimpl
def kommunemodel_metrics() -> list[Metric]:
    """The core metrics."""
    from ..compare.metrics import kommunemodel_metrics as core_metrics

    return core_metrics()
