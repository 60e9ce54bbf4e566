"""Metric, MetricValue and the trail of facts a value was computed from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from ..model.source import NOT_DESCRIBED, Unknown

if TYPE_CHECKING:
    from ..model import SteeringModel

#: A metric id: an ASCII slug, unique across the core and every plugin.
METRIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")

#: Units a metric may be measured in, with their Danish and English names.
UNITS: dict[str, tuple[str, str]] = {
    "count": ("antal", "count"),
    "tiers": ("niveauer", "tiers"),
    "documents": ("dokumenter", "documents"),
    "years": ("år", "years"),
    "days": ("dage", "days"),
    "per_year": ("pr. år", "per year"),
    "ratio": ("forhold", "ratio"),
    "share": ("andel", "share"),
    "category": ("kategori", "category"),
}

NOT_DESCRIBED_LABEL: dict[Lang, str] = {"da": "ikke beskrevet", "en": "not described"}


@frozen
class Fact:
    """One fact a metric read: where it is in the model file, what it says there, and its citation."""

    path: str
    value: str
    citation: str = ""


@frozen
class Range:
    """A range of values, as a source gives it; `high` None means "at least `low`"."""

    low: float
    high: float | None = None

    @property
    def is_open(self) -> bool:
        """True when only a lower bound is known."""
        return self.high is None


#: What a metric can say: a number, a range, a category key, or the explicit unknown.
Value = float | Range | str | Unknown


@frozen
class MetricValue:
    """A metric's value for one model, the reason where it is unknown, and the facts it was computed from."""

    value: Value
    trail: tuple[Fact, ...] = ()
    reason: str = ""
    note: str = ""

    @property
    def is_unknown(self) -> bool:
        """True when the model does not describe enough to give a value."""
        return self.value is NOT_DESCRIBED

    @property
    def kind(self) -> str:
        """`number`, `range`, `category` or `unknown`."""
        if isinstance(self.value, Unknown):
            return "unknown"
        if isinstance(self.value, Range):
            return "range"
        if isinstance(self.value, str):
            return "category"
        return "number"

    def citations(self) -> tuple[str, ...]:
        """The distinct citations of the trail, in the order they were read."""
        return tuple(dict.fromkeys(fact.citation for fact in self.trail if fact.citation))


def unknown(reason: str, trail: tuple[Fact, ...] | list[Fact] = (), note: str = "") -> MetricValue:
    """An unknown value with the reason the model gives none."""
    return MetricValue(NOT_DESCRIBED, tuple(trail), reason=reason, note=note)


def _metric_id(_instance: object, attribute: Any, value: str) -> None:
    if not isinstance(value, str) or not METRIC_ID.match(value):
        raise ValueError(f"'{attribute.name}' must be an ASCII slug of a-z, 0-9 and _ (got {value!r})")


def _unit(_instance: object, attribute: Any, value: str) -> None:
    if value not in UNITS:
        raise ValueError(f"'{attribute.name}' must be one of {', '.join(UNITS)} (got {value!r})")


@frozen
class Condition:
    """A crisp-set QCA condition calibrated on a metric: 1 where `test` holds for the value, else 0."""

    name: str
    threshold: str
    test: Callable[[float | str], bool]


@frozen
class Metric:
    """A comparable measure of a steering model, with its labels, unit, definition and computation."""

    id: str = field(validator=_metric_id)
    label_da: str
    label_en: str
    unit: str = field(validator=_unit)
    definition: str
    compute: Callable[[SteeringModel], MetricValue] = field(repr=False)
    #: Danish and English names of the category keys a categorical metric gives.
    categories: dict[str, tuple[str, str]] = field(factory=dict, repr=False)
    #: The QCA condition this metric is calibrated into, if any.
    condition: Condition | None = field(default=None, repr=False)

    def label(self, lang: Lang) -> str:
        """The label in `lang`."""
        return self.label_da if lang == "da" else self.label_en

    def unit_label(self, lang: Lang) -> str:
        """The unit's name in `lang`."""
        return UNITS[self.unit][0 if lang == "da" else 1]

    def category_label(self, key: str, lang: Lang) -> str:
        """A category key's name in `lang` (the key itself where none is given)."""
        names = self.categories.get(key)
        return key if names is None else names[0 if lang == "da" else 1]
