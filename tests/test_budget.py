"""The budget Monte Carlo: analytic answers, the plain-loop oracle, seeds and executors, percentiles, invariants."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kommunemodel.api import load_model
from kommunemodel.model.budget import Measure
from kommunemodel.simulate.budget import (
    CHUNK_RUNS,
    Estimate,
    chunk_seeds,
    chunk_sizes,
    percentile_ranks,
    percentiles,
    simulate_budget,
    simulate_chunk,
)
from kommunemodel.simulate.budget_reference import reference_draws, simulate_reference
from kommunemodel.simulate.scenario import Scenario
from kommunemodel.simulate.settlement import Line, Settlement, settle


@pytest.fixture(scope="module")
def skanderborg():
    return load_model("skanderborg")


def upper_tail(z: float) -> float:
    """P(Z > z) for a standard normal."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def test_one_year_shares_match_the_analytic_values(skanderborg) -> None:
    # N(1, 0.04) spending: a deficit beyond 5% is P(Z > 1.25), an overspend beyond 3% is P(Z > 0.75).
    result = simulate_budget(skanderborg, Scenario(units=60, years=1, runs=10_000, spend_sd=0.04), seed=1)
    year = result.years[0]
    plan, close = upper_tail(1.25), upper_tail(0.75)
    assert plan == pytest.approx(0.1056, abs=1e-4) and close == pytest.approx(0.2266, abs=1e-4)
    assert year.repayment_plan_share is not None and year.close_monitoring_share is not None
    assert year.repayment_plan_share.low <= plan <= year.repayment_plan_share.high
    assert year.close_monitoring_share.low <= close <= year.close_monitoring_share.high
    # The interval is the one a binomial share over 600,000 unit-years has: about ±0.08 percentage points.
    half = (year.repayment_plan_share.high - year.repayment_plan_share.low) / 2
    assert half == pytest.approx(1.96 * math.sqrt(plan * (1 - plan) / 600_000), rel=0.1)


def test_lognormal_spending_has_the_asked_mean_and_spread(skanderborg) -> None:
    scenario = Scenario(units=50, years=1, runs=4000, spend_sd=0.04, distribution="lognormal")
    result = simulate_budget(skanderborg, scenario, seed=3)
    # A lognormal with mean 1 and sd 0.04: P(X > 1.05) from its log-scale parameters.
    sigma = math.sqrt(math.log1p(0.04**2))
    mu = -sigma * sigma / 2
    expected = upper_tail((math.log(1.05) - mu) / sigma)
    share = result.years[0].repayment_plan_share
    assert share is not None and share.low <= expected <= share.high


def test_the_same_seed_gives_the_same_result_and_another_seed_other_numbers(skanderborg) -> None:
    scenario = Scenario(units=20, years=3, runs=300)
    first = simulate_budget(skanderborg, scenario, seed=7)
    assert simulate_budget(skanderborg, scenario, seed=7) == first
    assert simulate_budget(skanderborg, scenario, seed=np.random.SeedSequence(7)).years == first.years
    assert simulate_budget(skanderborg, scenario, seed=np.random.default_rng(7)).years == first.years
    other = simulate_budget(skanderborg, scenario, seed=8)
    assert other.years != first.years
    assert other.years[0].carried_over_total.mean != first.years[0].carried_over_total.mean


def test_a_generator_passed_in_gives_the_same_runs_each_time(skanderborg) -> None:
    rng = np.random.default_rng(11)
    scenario = Scenario(units=5, years=2, runs=50)
    assert simulate_budget(skanderborg, scenario, seed=rng).years == simulate_budget(skanderborg, scenario, rng).years


def test_workers_do_not_change_the_numbers(skanderborg) -> None:
    # Three chunks, finishing in any order on four threads, combine to the serial result.
    scenario = Scenario(units=3, years=3, runs=2 * CHUNK_RUNS + 17)
    serial = simulate_budget(skanderborg, scenario, seed=5)
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert simulate_budget(skanderborg, scenario, seed=5, executor=pool) == serial


def test_runs_are_split_into_fixed_chunks_with_their_own_streams() -> None:
    assert chunk_sizes(CHUNK_RUNS * 2 + 1) == [CHUNK_RUNS, CHUNK_RUNS, 1]
    assert chunk_sizes(5) == [5]
    root = np.random.SeedSequence(1)
    first, second = chunk_seeds(root, 2)
    # The children are SeedSequence.spawn's, and asking again (for more) gives the same first ones.
    spawned = np.random.SeedSequence(1).spawn(2)
    assert [seed.generate_state(4).tolist() for seed in (first, second)] == [
        seed.generate_state(4).tolist() for seed in spawned
    ]
    again = chunk_seeds(root, 5)[:2]
    assert [seed.spawn_key for seed in again] == [first.spawn_key, second.spawn_key]
    a = np.random.Generator(np.random.PCG64(first)).standard_normal(4)
    b = np.random.Generator(np.random.PCG64(second)).standard_normal(4)
    assert not np.array_equal(a, b)


def test_progress_is_reported_per_chunk(skanderborg) -> None:
    done: list[int] = []
    simulate_budget(skanderborg, Scenario(units=2, years=1, runs=CHUNK_RUNS + 3), seed=1, progress=done.append)
    assert done == [CHUNK_RUNS, 3]


settlements = st.builds(
    Settlement,
    surplus_cap=st.sampled_from([math.inf, 0.0, 0.02, 0.05]),
    deficit_cap=st.sampled_from([math.inf, 0.0, 0.03, 0.05]),
    repayment_plan_above=st.sampled_from([None, 0.02, 0.05, 0.08]),
    lines=st.sampled_from(
        [
            (),
            (Line("close", Measure.EXPECTED_OVERSPEND, 0.03),),
            (
                Line("close", Measure.EXPECTED_OVERSPEND, 0.03),
                Line("late", Measure.EXPECTED_OVERSPEND, 0.01),
                Line("debt", Measure.DEFICIT, 0.04),
                Line("savings", Measure.SURPLUS, 0.04),
            ),
        ]
    ),
    demography_adjusted=st.booleans(),
    rules=st.just(()),
    assumptions=st.just(()),
)

scenarios = st.builds(
    Scenario,
    units=st.integers(1, 4),
    years=st.integers(1, 6),
    runs=st.integers(2, 5),
    spend_mean=st.sampled_from([0.97, 1.0, 1.02]),
    spend_sd=st.sampled_from([0.03, 0.08]),  # sd 0 would land exactly on lines, where float32 and float64 differ
    distribution=st.sampled_from(["normal", "lognormal"]),
    year_correlation=st.sampled_from([0.0, 0.5]),
    cap_response=st.sampled_from([0.0, 0.5]),
    surplus_response=st.sampled_from([0.0, 1.0]),
    repayment_years=st.integers(1, 3),
    demand_growth=st.sampled_from([0.0, 0.02]),
    initial_balance=st.sampled_from([0.0, -0.06, 0.03]),
)


@settings(deadline=None)
@given(settlement=settlements, scenario=scenarios, seed=st.integers(0, 2**32))
def test_the_vectorised_kernel_agrees_with_the_plain_loop(settlement, scenario, seed) -> None:
    sequence = np.random.SeedSequence(seed)
    chunk = simulate_chunk(settlement, scenario, sequence, scenario.runs)
    oracle = simulate_reference(settlement, scenario, reference_draws(sequence, scenario.runs, scenario))
    np.testing.assert_allclose(chunk.net, np.array(oracle["net"]), atol=2e-5)
    for name, counted in chunk.counts.items():
        assert counted.tolist() == oracle["counts"][name], name


@settings(deadline=None, max_examples=25)
@given(settlement=settlements, scenario=scenarios, seed=st.integers(0, 2**32))
def test_caps_bound_the_carried_balance(settlement, scenario, seed) -> None:
    chunk = simulate_chunk(settlement, scenario, np.random.SeedSequence(seed), scenario.runs)
    top = settlement.surplus_cap * (1 + scenario.demand_growth) ** (scenario.years - 1)
    assert chunk.net.max() <= top + 1e-6
    if settlement.repayment_plan_above is None and math.isfinite(settlement.deficit_cap):
        bottom = settlement.deficit_cap * (1 + scenario.demand_growth) ** (scenario.years - 1)
        assert chunk.net.min() >= -bottom - 1e-6
    assert (chunk.counts["close"] <= scenario.units).all()


def test_a_repayment_plan_pays_the_debt_back_in_equal_instalments() -> None:
    # One unit overspends 10% in year 1 and is on budget after: the 5% beyond the cap is repaid over 2 years.
    settlement = Settlement(math.inf, 0.05, 0.05, (), False, (), ())
    scenario = Scenario(units=1, years=4, runs=2, spend_sd=0.0, spend_mean=1.0, repayment_years=2, initial_balance=-0.1)
    chunk = simulate_chunk(settlement, scenario, np.random.SeedSequence(0), 2)
    net = chunk.net[:, 0, 0].tolist()
    assert net == pytest.approx([-0.1, -0.075, -0.05, -0.05])
    assert chunk.counts["plan_needed"][:, 0].tolist() == [1, 0, 0, 0]
    assert chunk.counts["under_plan"][:, 0].tolist() == [1, 1, 0, 0]


def test_without_a_plan_a_deficit_beyond_the_cap_is_written_off(skanderborg) -> None:
    scenario = Scenario(units=10, years=1, runs=200, repayment_plan_above=None, spend_sd=0.08)
    settlement = settle(skanderborg, scenario)
    plain = Settlement(math.inf, 0.05, None, settlement.lines, True, (), ())
    result = simulate_budget(skanderborg, scenario, seed=1, settlement=plain)
    year = result.years[0]
    assert year.written_off_total.mean > 0 and year.repayment_plan_share is None
    assert year.balance_percentiles[0].value >= -0.05 - 1e-6


def test_demography_adjusted_budgets_absorb_demand_growth(skanderborg) -> None:
    scenario = Scenario(units=30, years=4, runs=400, demand_growth=0.03)
    adjusted = simulate_budget(skanderborg, scenario, seed=2)
    flat = Settlement(math.inf, 0.05, 0.05, settle(skanderborg, scenario).lines, False, (), ())
    unadjusted = simulate_budget(skanderborg, scenario, seed=2, settlement=flat)
    share = adjusted.years[-1].repayment_plan_share
    growing = unadjusted.years[-1].repayment_plan_share
    assert share is not None and growing is not None and growing.low > share.high


def test_percentiles_match_numpy_and_their_intervals_contain_them() -> None:
    values = np.random.default_rng(0).standard_normal(10_001).astype(np.float32)
    found = percentiles(values)
    expected = np.percentile(values.astype(np.float64), [5, 25, 50, 75, 95])
    assert [item.value for item in found] == pytest.approx(expected.tolist(), abs=1e-6)
    for item in found:
        assert item.low <= item.value <= item.high
    # The median's interval covers the true median 0 of a standard normal.
    assert found[2].low <= 0 <= found[2].high


@settings(deadline=None)
@given(
    values=st.lists(st.floats(-1, 1, width=32) | st.sampled_from([-0.05, 0.0]), min_size=1, max_size=300),
)
def test_percentiles_read_exact_order_statistics_and_leave_the_input_alone(values) -> None:
    # Ties (balances reset to a plan's base, or at zero) are common: every value read is an order statistic.
    array = np.array(values, np.float32)
    kept = array.copy()
    found = percentiles(array)
    assert np.array_equal(array, kept)
    assert percentiles(array.copy(), in_place=True) == found
    ordered = np.sort(array)
    partitioned = np.partition(array, percentile_ranks(array.size))
    for rank in percentile_ranks(array.size):
        assert partitioned[rank] == ordered[rank]
    for item in found:
        assert float(ordered[0]) <= item.low <= item.value <= item.high <= float(ordered[-1])
        assert item.low in ordered and item.high in ordered


def test_an_estimate_is_a_mean_with_a_clipped_interval() -> None:
    estimate = Estimate.of(np.array([0.0, 0.0, 0.0, 1.0]), (0.0, 1.0))
    assert estimate.mean == 0.25 and estimate.low == 0.0 and estimate.high < 1.0
    assert Estimate.of(np.array([0.5, 0.5])) == Estimate(0.5, 0.5, 0.5)


def test_a_chunk_writes_its_net_balances_into_the_callers_array(skanderborg) -> None:
    scenario = Scenario(units=3, years=2, runs=5)
    settlement = settle(skanderborg, scenario)
    pooled = np.full((2, 3 * 9), np.nan, np.float32)
    view = pooled[:, 3 * 4 :].reshape(2, 3, 5)  # the second chunk's place in a pool of 4 + 5 runs
    alone = simulate_chunk(settlement, scenario, np.random.SeedSequence(3), 5)
    written = simulate_chunk(settlement, scenario, np.random.SeedSequence(3), 5, net=view)
    assert np.shares_memory(written.net, pooled) and np.array_equal(written.net, alone.net)
    assert np.isnan(pooled[:, : 3 * 4]).all()
    with pytest.raises(ValueError, match="net must be 2 × 3 × 5"):
        simulate_chunk(settlement, scenario, np.random.SeedSequence(3), 5, net=np.empty((2, 5, 3), np.float32))
