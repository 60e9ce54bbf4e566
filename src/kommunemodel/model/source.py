"""Citations, spans and the explicit unknown: where a fact comes from, or that no source says it."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Final, final

from attrs import field, frozen

from .invariants import Breach, refuse

#: How the model file spells the explicit unknown.
NOT_DESCRIBED_TEXT: Final = "not_described"

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


@final
class Unknown:
    """The explicit unknown: the source does not describe this fact."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        # One instance, so `value is NOT_DESCRIBED` works everywhere, also after copying.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_DESCRIBED"

    def __str__(self) -> str:
        return "not described"

    def __reduce__(self) -> str:
        return "NOT_DESCRIBED"

    def __copy__(self) -> Unknown:
        return self

    def __deepcopy__(self, memo: Any) -> Unknown:
        return self


NOT_DESCRIBED: Final = Unknown()


def is_unknown(value: object) -> bool:
    """True when `value` is the explicit unknown."""
    return value is NOT_DESCRIBED


def slug(_instance: object, attribute: Any, value: str) -> None:
    """attrs validator: ids are ASCII slugs (`helsingoer`, `c_med`)."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(
            f"'{attribute.name}' must be an ASCII slug of a-z, 0-9 and _, starting with a letter (got {value!r})"
        )


def slugs(instance: object, attribute: Any, value: tuple[str, ...] | Unknown) -> None:
    """attrs validator: every item is a slug, and none is repeated (the explicit unknown passes)."""
    if isinstance(value, Unknown):
        return
    for item in value:
        slug(instance, attribute, item)
    # Counted only when there is a repeat: a body of 2,000 members would otherwise cost 2,000² comparisons.
    repeated = sorted({item for item in value if value.count(item) > 1}) if len(set(value)) < len(value) else []
    if repeated:
        raise ValueError(f"'{attribute.name}' lists {', '.join(repeated)} more than once")


def optional_slug(instance: object, attribute: Any, value: str | None) -> None:
    """attrs validator: None or a slug."""
    if value is not None:
        slug(instance, attribute, value)


@frozen
class Citation:
    """Where a fact is stated: a source id from `[[sources]]` and a locator in it (`§4.4`)."""

    source: str = field(validator=slug)
    locator: str = ""

    @classmethod
    def parse(cls, text: str) -> Citation:
        """Read the file form `"styringsmodel §4.4"`: the source id, then the locator."""
        source, _, locator = text.strip().partition(" ")
        return cls(source=source, locator=locator.strip())

    def __str__(self) -> str:
        return f"{self.source} {self.locator}".strip()


def span_breaches(span: Span) -> list[Breach]:
    """A span runs upwards: `high` is at least `low`."""
    if span.high < span.low:
        return [Breach("high", f"'high' must be >= 'low' (got [{span.low}, {span.high}])", ("low", "high"))]
    return []


@frozen
class Span:
    """An integer or an inclusive range of them, as a source gives it ("1–2 times a year", "næsten 1000")."""

    low: int
    high: int
    # The source hedges the number ("ca. 650", "næsten 1000"): the value is the source's, not a count.
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        refuse(self, span_breaches(self))

    @classmethod
    def exactly(cls, value: int) -> Span:
        """A span of one value."""
        return cls(value, value)

    @classmethod
    def about(cls, low: int, high: int | None = None) -> Span:
        """An approximate value or range ("ca. 650")."""
        return cls(low, low if high is None else high, approximate=True)

    @property
    def is_exact(self) -> bool:
        """True when the source gives one number, not a range."""
        return self.low == self.high

    @property
    def middle(self) -> float:
        """The midpoint, for metrics that need one number."""
        return (self.low + self.high) / 2

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high

    def __str__(self) -> str:
        shown = str(self.low) if self.is_exact else f"{self.low}–{self.high}"
        return f"ca. {shown}" if self.approximate else shown


@frozen
class Source:
    """A document the model is encoded from (`[[sources]]`)."""

    id: str = field(validator=slug)
    title: str
    date: str = ""
    edition: str = ""
    note: str = ""


class Strength(StrEnum):
    """How binding a source makes a requirement: "skal" is must, "tilstræbes" is should."""

    MUST = "must"
    SHOULD = "should"
    MAY = "may"
