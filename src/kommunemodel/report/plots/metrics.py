"""The comparison chart: each numeric metric a small panel, one bar per model; ranges as spans, unknowns named."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from .labels import Lang, word
from .style import INK, MUTED, RULE, Picture, new_figure, series, styled

COLUMNS = 3


def numeric_rows(comparison: Any) -> list[tuple[Any, tuple[Any, ...]]]:
    """The metrics with a number or a range for at least one model, each with its cells (one per model)."""
    rows = []
    for metric, cells in zip(comparison.metrics, comparison.cells, strict=True):
        if metric.unit == "category":
            continue
        if any(cell.kind in ("number", "range") for cell in cells):
            rows.append((metric, cells))
    return rows


def _bounds(cell: Any) -> tuple[float, float, bool] | None:
    """(low, high, open) of a cell: a number is its own range; None for an unknown or a category."""
    if cell.kind == "number":
        return float(cell.value), float(cell.value), False
    if cell.kind == "range":
        high = cell.value.high
        return float(cell.value.low), float(high if high is not None else cell.value.low), high is None
    return None


@styled
def metrics_chart(comparison: Any, lang: Lang = "en") -> Picture:
    """Small multiples of the numeric metrics of a comparison: models side by side in each, unknowns written out."""
    title = word("compare_title", lang)
    rows = numeric_rows(comparison)
    names = [column.id for column in comparison.columns]
    panels = max(len(rows), 1)
    lines = math.ceil(panels / COLUMNS)
    panel_height = 0.45 + 0.28 * len(names)
    height = 0.8 + lines * (panel_height + 0.55)
    figure = new_figure(11.0, height)
    figure.text(0.015, 1 - 0.2 / height, title, fontsize=12, fontweight="bold", va="top", color=INK)
    if not rows:
        figure.text(0.015, 0.5, word("no_numeric_metrics", lang), fontsize=9, color=MUTED)
        return Picture(figure, title)
    grid = figure.add_gridspec(
        lines, COLUMNS, left=0.1, right=0.98, top=1 - 0.75 / height, bottom=0.35 / height, hspace=0.9, wspace=0.55
    )
    for index, (metric, cells) in enumerate(rows):
        axes = figure.add_subplot(grid[index // COLUMNS, index % COLUMNS])
        axes.set_gid(f"metric-{metric.id}")
        label = "\n".join(textwrap.wrap(f"{metric.label(lang)} ({metric.unit_label(lang)})", 42))
        axes.set_title(label, fontsize=7.5, loc="left", color=INK)
        top = 0.0
        for position, cell in enumerate(cells):
            y = len(cells) - 1 - position
            look = series(position)
            bounds = _bounds(cell)
            if bounds is None:
                mark = axes.text(
                    0, y, word("unknown_value", lang), fontsize=6.5, va="center", color=MUTED, style="italic"
                )
                mark.set_gid(f"unknown-{metric.id}-{names[position]}")
                continue
            low, high, is_open = bounds
            top = max(top, high)
            bar = axes.barh(y, low, color=look.colour, hatch=look.hatch, edgecolor=INK, linewidth=0.4, height=0.6)
            bar.patches[0].set_gid(f"bar-{metric.id}-{names[position]}")
            if high > low or is_open:
                (span,) = axes.plot(
                    [low, high if not is_open else low * 1.5 or 1],
                    [y, y],
                    color=INK,
                    linewidth=1.6,
                    marker="|" if not is_open else ">",
                    markersize=6,
                )
                span.set_gid(f"range-{metric.id}-{names[position]}")
        axes.set_yticks(range(len(cells)), list(reversed(names)), fontsize=7)
        axes.set_xlim(0, top * 1.15 if top > 0 else 1)
        axes.tick_params(axis="x", labelsize=6.5)
        axes.grid(axis="x", color=RULE, linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
    return Picture(figure, title)
