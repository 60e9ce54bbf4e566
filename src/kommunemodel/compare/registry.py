"""The one table of metric ids: every metric the core and the plugins register, checked as it comes in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import MetricIdError, PluginLoadError, UnknownMetricError
from ..plugins import PluginManager
from .metric import METRIC_ID, Metric


class MetricSet:
    """Metrics by id, each with the plugin that registered it; iterates in registration order, the core first."""

    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}
        self.origin: dict[str, str] = {}
        #: The plugins whose metrics were left out when the set was collected, with why.
        self.errors: tuple[PluginLoadError, ...] = ()

    def add(self, plugin: str, metrics: Iterable[Metric]) -> None:
        """Add one plugin's metrics, all or none: MetricIdError (or TypeError) names the first that cannot be added."""
        batch: dict[str, Metric] = {}
        for item in metrics:
            if not isinstance(item, Metric):
                raise TypeError(f"returned {type(item).__name__}, not a Metric")
            if not METRIC_ID.match(item.id):
                raise MetricIdError(item.id, f"does not match {METRIC_ID.pattern}")
            if item.id in self._metrics or item.id in batch:
                raise MetricIdError(item.id, f"is already claimed by {self.origin.get(item.id, plugin)}")
            batch[item.id] = item
        self._metrics.update(batch)
        self.origin.update(dict.fromkeys(batch, plugin))

    def get(self, metric_id: str) -> Metric:
        """The metric with this id (UnknownMetricError if there is none)."""
        try:
            return self._metrics[metric_id]
        except KeyError:
            raise UnknownMetricError(metric_id, list(self._metrics)) from None

    def select(self, ids: Iterable[str] | None) -> list[Metric]:
        """The metrics with these ids, in the order given; every metric when `ids` is None."""
        return list(self) if ids is None else [self.get(metric_id) for metric_id in ids]

    def ids(self) -> list[str]:
        """Every id, in order."""
        return list(self._metrics)

    def __iter__(self) -> Iterator[Metric]:
        return iter(self._metrics.values())

    def __len__(self) -> int:
        return len(self._metrics)

    def __contains__(self, metric_id: object) -> bool:
        return metric_id in self._metrics


def collect_metrics(manager: PluginManager) -> MetricSet:
    """Every metric of every plugin; a plugin whose hook fails, or whose ids clash, is left out, named in `errors`.

    The built-in plugins come first, so an id the core claims can never be taken by a plugin that sorts earlier.
    """
    table = MetricSet()
    called = manager.call("kommunemodel_metrics")  # built-ins first, then by plugin name
    failures = list(called.failures)
    for plugin_name, metrics in called.results:
        try:
            table.add(plugin_name, metrics or ())
        except (MetricIdError, TypeError) as failure:
            failures.append(PluginLoadError(manager.describe(plugin_name), failure, "kommunemodel_metrics"))
    table.errors = tuple(failures)
    return table
