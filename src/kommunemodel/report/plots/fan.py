"""The budget fan chart: the balances' percentiles year by year, and the repayment-plan share with its interval."""

from __future__ import annotations

from typing import Any

from .labels import Lang, word
from .style import INK, MUTED, RULE, Picture, new_figure, series, styled


def _percentile(year: Any, q: int) -> float | None:
    for item in year.balance_percentiles:
        if item.q == q:
            return float(item.value)
    return None


def _percent(value: float) -> str:
    return f"{round(value * 100, 1):g}%"


@styled
def fan(result: Any, lang: Lang = "en") -> Picture:
    """Two panels over the simulated years: the balance fan (5–95, 25–75, median) and the repayment-plan share.

    `result` is a `kommunemodel.simulate.budget` result: `years`, each with `balance_percentiles` (q, value) as
    fractions of a unit's annual budget and `repayment_plan_share` (mean, low, high) or None.
    """
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    title = word("fan_title", lang, name=result.model_name)
    years = [int(year.year) for year in result.years]
    figure = new_figure(9.0, 4.4)
    figure.suptitle(title, x=0.02, y=0.97, ha="left", fontsize=12, fontweight="bold", color=INK)
    balance, share = figure.subplots(
        1, 2, gridspec_kw={"left": 0.08, "right": 0.98, "top": 0.80, "bottom": 0.2, "wspace": 0.28}
    )
    percent = FuncFormatter(lambda value, _position: _percent(value))

    bands = ((5, 95, 0.22), (25, 75, 0.45))
    for low_q, high_q, alpha in bands:
        lows = [_percentile(year, low_q) for year in result.years]
        highs = [_percentile(year, high_q) for year in result.years]
        if None in lows or None in highs:
            continue
        band = balance.fill_between(
            years,
            lows,
            highs,
            color=series(0).colour,
            alpha=alpha,
            linewidth=0,
            label=word("band", lang, low=low_q, high=high_q),
        )
        band.set_gid(f"band-{low_q}-{high_q}")
    medians = [_percentile(year, 50) for year in result.years]
    if None not in medians:
        (line,) = balance.plot(
            years, medians, color=INK, marker="o", markersize=4, linewidth=1.4, label=word("median", lang)
        )
        line.set_gid("median")
    balance.axhline(0, color=MUTED, linewidth=0.7)
    balance.set_title(word("balance", lang), fontsize=9, loc="left", color=INK)
    balance.yaxis.set_major_formatter(percent)

    estimates = [year.repayment_plan_share for year in result.years]
    if all(estimate is None for estimate in estimates):
        share.text(
            0.5,
            0.5,
            word("no_repayment_rule", lang),
            ha="center",
            va="center",
            fontsize=8.5,
            color=MUTED,
            transform=share.transAxes,
            wrap=True,
        )
    else:
        shown = [(year, estimate) for year, estimate in zip(years, estimates, strict=True) if estimate is not None]
        xs = [year for year, _ in shown]
        interval = share.fill_between(
            xs,
            [estimate.low for _, estimate in shown],
            [estimate.high for _, estimate in shown],
            color=series(1).colour,
            alpha=0.3,
            linewidth=0,
            hatch=series(1).hatch,
            label=word("ci", lang, level=95),
        )
        interval.set_gid("share-interval")
        (line,) = share.plot(
            xs,
            [estimate.mean for _, estimate in shown],
            color=series(1).colour,
            marker=series(1).marker,
            linestyle=series(1).dash,
            markersize=4,
            label=word("repayment_share", lang),
        )
        line.set_gid("share-mean")
        share.set_ylim(bottom=0)
    share.set_title(word("repayment_share", lang), fontsize=9, loc="left", color=INK)
    share.yaxis.set_major_formatter(percent)
    for axes in (balance, share):
        axes.set_xlabel(word("year", lang))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", color=RULE, linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
        handles, _labels = axes.get_legend_handles_labels()
        if handles:
            legend = axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=7, frameon=False)
            legend.set_gid(f"legend-{'balance' if axes is balance else 'share'}")
    runs = getattr(result.scenario, "runs", None)
    figure.text(0.02, 0.885, word("fan_note", lang, runs=runs, seed=result.seed), fontsize=7.5, color=MUTED)
    return Picture(figure, title)
