"""The budget fan chart, read back from its SVG: bands, median, the repayment share and its interval, labels."""

from __future__ import annotations

from attrs import frozen

from kommunemodel.report.plots.fan import fan

from .svgread import groups, texts


@frozen
class Estimate:
    mean: float
    low: float
    high: float


@frozen
class Percentile:
    q: int
    value: float
    low: float
    high: float


@frozen
class Year:
    year: int
    repayment_plan_share: Estimate | None
    balance_percentiles: tuple[Percentile, ...]


@frozen
class Scenario:
    runs: int = 500


@frozen
class Result:
    model_name: str
    years: tuple[Year, ...]
    seed: int = 7
    scenario: Scenario = Scenario()


def _result(share: bool = True) -> Result:
    years = tuple(
        Year(
            year,
            Estimate(0.05 * year, 0.04 * year, 0.06 * year) if share else None,
            tuple(Percentile(q, (q - 50) / 500 * year, 0, 0) for q in (5, 25, 50, 75, 95)),
        )
        for year in (1, 2, 3, 4)
    )
    return Result("Skanderborg Kommune", years)


def test_the_fan_draws_both_bands_the_median_and_the_share_with_its_interval() -> None:
    svg = fan(_result(), "en").svg()
    assert groups(svg, "band-") == ["band-5-95", "band-25-75"]
    assert groups(svg, "median") and groups(svg, "share-mean") and groups(svg, "share-interval")
    assert {"legend-balance", "legend-share"} <= set(groups(svg, "legend-"))
    labels = texts(svg)
    assert "Budget simulation: Skanderborg Kommune" in labels
    assert "5th–95th percentile" in labels and "95% confidence interval" in labels
    assert "500 runs, seed 7; the assumptions are printed with the figure" in labels


def test_without_a_repayment_rule_the_panel_says_so_in_danish() -> None:
    svg = fan(_result(share=False), "da").svg()
    assert not groups(svg, "share-")
    labels = texts(svg)
    assert "Modellen har ingen regel om genopretningsplan" in labels
    assert "Budgetsimulering: Skanderborg Kommune" in labels


def test_the_same_result_gives_the_same_bytes() -> None:
    assert fan(_result(), "da").svg() == fan(_result(), "da").svg()


def test_the_fan_of_a_real_simulation_has_a_median_mark_per_year() -> None:
    from kommunemodel import load_model
    from kommunemodel.simulate.budget import simulate_budget
    from kommunemodel.simulate.scenario import Scenario

    result = simulate_budget(load_model("skanderborg"), Scenario(runs=200), 3)
    svg = fan(result, "en").svg()
    assert groups(svg, "band-") == ["band-5-95", "band-25-75"]
    assert groups(svg, "share-mean")  # Skanderborg has a repayment plan above a 5% deficit
    assert "200 runs, seed 3; the assumptions are printed with the figure" in texts(svg)
    assert fan(simulate_budget(load_model("skanderborg"), Scenario(runs=200), 3), "en").svg() == svg
