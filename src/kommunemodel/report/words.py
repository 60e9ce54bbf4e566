"""Short English phrases for model values: timings, spans, unknowns, caps."""

from __future__ import annotations

import calendar

from ..model import Horizon, Limit, Span, Timing, Unknown, Years

MONTHS = list(calendar.month_abbr)


def value(item: object) -> str:
    """Any model value as a short phrase; the explicit unknown reads "not described"."""
    if isinstance(item, Unknown):
        return "not described"
    if item is None:
        return "—"
    if isinstance(item, bool):
        return "yes" if item else "no"
    if isinstance(item, Limit):
        return "no limit"
    if isinstance(item, Horizon):
        return HORIZONS[item]
    return str(item)


HORIZONS = {Horizon.ELECTION_TERM: "the election term", Horizon.LONG_TERM: "long term"}


def fraction(item: float | Limit | Unknown | None) -> str:
    """A budget fraction as a percentage: 0.05 reads 5%."""
    if isinstance(item, float | int) and not isinstance(item, bool):
        return f"{item * 100:g}%"
    return value(item)


def month_day(text: str) -> str:
    """`10-15` reads `15 Oct`."""
    month, day = text.split("-")
    return f"{int(day)} {MONTHS[int(month)]}"


def _months(span: Span) -> str:
    return MONTHS[span.low] if span.is_exact else f"{MONTHS[span.low]}–{MONTHS[span.high]}"


def timing(item: Timing | Unknown | None) -> str:
    """A timing as a phrase: `Q1`, `6 times a year`, `about every 14 days`, `by 15 Oct, even years`."""
    if not isinstance(item, Timing):
        return value(item)
    parts: list[str] = []
    if item.as_needed:
        parts.append("as needed")
    if isinstance(item.times_per_year, Unknown):
        parts.append("times a year not described")
    elif item.times_per_year is not None:
        parts.append("once a year" if item.times_per_year == Span.exactly(1) else f"{item.times_per_year} times a year")
    if isinstance(item.every_days, Unknown):
        parts.append("interval in days not described")
    elif item.every_days is not None:
        parts.append(f"every {item.every_days} days")
    if item.every_years is not None:
        parts.append("every year" if item.every_years == 1 else f"every {item.every_years} years")
    if item.quarter is not None:
        parts.append(f"Q{item.quarter}")
    if item.month is not None:
        parts.append(_months(item.month))
    if item.week is not None:
        parts.append(f"week {item.week}")
    if item.date is not None:
        parts.append(f"on {month_day(item.date)}")
    if item.deadline is not None:
        parts.append(f"by {month_day(item.deadline)}")
    if item.years is not Years.EVERY:
        parts.append(
            f"{item.years.value} years"
            if item.years in (Years.EVEN, Years.ODD)
            else f"year {item.years.value[-1]} of the election term"
        )
    text = ", ".join(parts)
    return f"about {text}" if item.approximate else text
