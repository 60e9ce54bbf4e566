"""Sweeps: grids from --param, one seed per point, the same bytes inline, on a process pool and on Dask."""

from __future__ import annotations

import io
import math
from concurrent.futures import ProcessPoolExecutor

import pytest

from kommunemodel.api import load_model
from kommunemodel.cli import main
from kommunemodel.errors import BudgetRuleMissingError
from kommunemodel.simulate.scenario import Scenario
from kommunemodel.simulate.sweep import Axis, grid_points, parse_axis, simulate_sweep
from kommunemodel.simulate.sweep_output import to_json

SMALL = Scenario(units=6, years=2, runs=60)


@pytest.fixture(scope="module")
def skanderborg():
    return load_model("skanderborg")


def test_a_range_includes_its_end_without_float_drift() -> None:
    axis = parse_axis("deficit_cap=0.02:0.10:0.01")
    assert axis.name == "deficit_cap"
    assert axis.values == (0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1)


def test_a_list_and_hyphenated_names() -> None:
    assert parse_axis("spend-sd=0.02,0.04,0.08") == Axis("spend_sd", (0.02, 0.04, 0.08))
    assert parse_axis("surplus_cap=0.05,unlimited").values == (0.05, math.inf)
    assert parse_axis("distribution=normal,lognormal").values == ("normal", "lognormal")
    assert parse_axis("units=10:30:10").values == (10, 20, 30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("deficit_cap", "NAME=a:b:step"),
        ("nonsense=1,2", "unknown parameter 'nonsense'"),
        ("deficit_cap=0.1:0.02:0.01", "a <= b and step > 0"),
        ("deficit_cap=0:1:0", "a <= b and step > 0"),
        ("deficit_cap=0:1", "a range is a:b:step"),
        ("spend_sd=a:b:c", "must be numbers"),
        ("spend_sd=0.1,0.1", "repeats a value"),
        ("runs=10,20", "runs cannot be swept"),
        ("spend_sd=0:1000:0.0001", "at most"),
        ("distribution=normal,uniform", "distribution must be one of"),
    ],
)
def test_bad_params_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_axis(text)


def test_the_grid_is_the_product_in_the_order_given() -> None:
    points = grid_points([Axis("deficit_cap", (0.03, 0.05)), Axis("spend_sd", (0.02, 0.04))])
    assert points == [
        {"deficit_cap": 0.03, "spend_sd": 0.02},
        {"deficit_cap": 0.03, "spend_sd": 0.04},
        {"deficit_cap": 0.05, "spend_sd": 0.02},
        {"deficit_cap": 0.05, "spend_sd": 0.04},
    ]
    with pytest.raises(ValueError, match="swept twice"):
        grid_points([Axis("spend_sd", (0.1,)), Axis("spend_sd", (0.2,))])


def test_a_stricter_cap_needs_more_plans(skanderborg) -> None:
    result = simulate_sweep(skanderborg, [parse_axis("deficit_cap=0.03,0.05,0.08")], SMALL.replace(runs=300), seed=1)
    shares = [point.years[0].repayment_plan_share.mean for point in result.points]
    assert shares[0] > shares[1] > shares[2]
    # Each point lists its own override; the sweep's common assumptions do not repeat them.
    assert {item.name for item in result.points[0].overrides} == {"deficit_cap", "repayment_plan_above"}
    assert all(item.kind != "override" for item in result.assumptions)


def test_every_point_draws_from_its_own_stream(skanderborg) -> None:
    # Two points whose parameters barely differ would give nearly equal numbers if they shared their draws.
    result = simulate_sweep(skanderborg, [parse_axis("cap_response=0,0.0001")], SMALL, seed=3)
    first, second = (point.years[0].carried_over_total.mean for point in result.points)
    assert first != second


def test_every_point_is_settled_before_anything_runs() -> None:
    with pytest.raises(BudgetRuleMissingError, match=r"budget\.carry_over"):
        simulate_sweep(load_model("helsingoer"), [parse_axis("spend_sd=0.02,0.04")], SMALL, seed=1)


def test_the_process_pool_gives_the_same_bytes_as_inline(skanderborg) -> None:
    axes = [parse_axis("deficit_cap=0.03,0.05"), parse_axis("spend_sd=0.02,0.06")]
    inline = to_json(simulate_sweep(skanderborg, axes, SMALL, seed=9))
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = to_json(simulate_sweep(skanderborg, axes, SMALL, seed=9, executor=pool))
    assert pooled == inline
    assert to_json(simulate_sweep(skanderborg, axes, SMALL, seed=10)) != inline


def test_a_dask_local_cluster_gives_the_same_bytes_as_the_process_pool(skanderborg) -> None:
    import distributed  # in the test extra: this test runs in CI, never skipped

    axes = [parse_axis("deficit_cap=0.03,0.05,0.07")]
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = to_json(simulate_sweep(skanderborg, axes, SMALL, seed=4, executor=pool))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, silence_logs=50
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        done: list[int] = []
        on_dask = to_json(simulate_sweep(skanderborg, axes, SMALL, seed=4, executor=client, progress=done.append))
        # The command line's --scheduler connects its own client to the same cluster.
        argv = [
            "simulate",
            "sweep",
            "skanderborg",
            "--units",
            "6",
            "--years",
            "2",
            "--runs",
            "60",
            "--seed",
            "4",
            "--param",
            "deficit_cap=0.03,0.05,0.07",
            "--format",
            "json",
        ]
        out = io.StringIO()
        assert main([*argv, "--scheduler", cluster.scheduler_address], stdout=out, stderr=io.StringIO()) == 0
        assert client.submit(sum, [1, 2]).result() == 3  # the command closed its client, not the cluster
    assert on_dask == pooled == out.getvalue()
    assert done == [1, 1, 1]
