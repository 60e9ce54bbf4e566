"""Numbers as findings write them: fractions as percentages, amounts in kroner."""

from __future__ import annotations


def percent(fraction: float) -> str:
    """0.05 reads 5%, 0.025 reads 2.5%."""
    return f"{fraction * 100:.4g}%"


def kroner(amount: float) -> str:
    """1234567.0 reads 1,234,567 kr."""
    return f"{amount:,.0f} kr"
