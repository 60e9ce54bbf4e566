"""The settlement: the model's rules with their citations, refusals naming the missing rule, profiles and overrides."""

from __future__ import annotations

import math

import pytest

from kommunemodel.api import load_model
from kommunemodel.errors import BudgetRuleMissingError
from kommunemodel.model.budget import Measure
from kommunemodel.simulate.assumptions import load_profile
from kommunemodel.simulate.scenario import Scenario
from kommunemodel.simulate.settlement import fraction, settle


@pytest.fixture(scope="module")
def models():
    return {name: load_model(name) for name in ("skanderborg", "helsingoer", "hvidovre", "ishoej")}


def test_skanderborgs_rules_come_from_its_handbook_with_citations(models) -> None:
    settlement = settle(models["skanderborg"], Scenario())
    assert settlement.surplus_cap == math.inf
    assert settlement.deficit_cap == 0.05 and settlement.repayment_plan_above == 0.05
    assert [(line.measure, line.above) for line in settlement.close_monitoring] == [(Measure.EXPECTED_OVERSPEND, 0.03)]
    sources = {rule.name: rule.source for rule in settlement.rules}
    assert "§3.5" in sources["deficit_cap"] and "§6.2" in sources["threshold forventet_merforbrug_over_3_pct"]
    # No profile was used, and the choices no source makes are still printed.
    kinds = {item.kind for item in settlement.assumptions}
    assert "profile" not in kinds and "modelling" in kinds
    assert any(item.name == "repayment_years" for item in settlement.assumptions)


@pytest.mark.parametrize("name", ["helsingoer", "hvidovre", "ishoej"])
def test_models_without_budget_rules_are_refused_naming_what_is_missing(models, name) -> None:
    with pytest.raises(BudgetRuleMissingError) as caught:
        settle(models[name], Scenario())
    assert caught.value.missing == ("budget.carry_over", "budget.thresholds")
    message = str(caught.value)
    assert "budget.carry_over" in message and "--assume" in message and "symmetric-5pct" in message
    assert "\n" not in message


def test_demography_is_asked_for_only_when_demand_grows(models) -> None:
    profile = load_profile("symmetric-5pct")
    assert settle(models["helsingoer"], Scenario(demand_growth=0.02), profile).demography_adjusted is True
    with pytest.raises(BudgetRuleMissingError) as caught:
        settle(
            models["helsingoer"],
            Scenario(
                demand_growth=0.02,
                surplus_cap=0.1,
                deficit_cap=0.1,
                repayment_plan_above=0.1,
                close_monitoring_above=0.03,
            ),
        )
    assert caught.value.missing == ("budget.technical_budget.demography_adjusted",)
    cited = settle(models["skanderborg"], Scenario(demand_growth=0.02))
    assert any(rule.name == "demography_adjusted" and "§7" in rule.source for rule in cited.rules)


def test_a_profile_fills_the_gaps_and_says_so(models) -> None:
    settlement = settle(models["helsingoer"], Scenario(), load_profile("symmetric-5pct"))
    assert (settlement.surplus_cap, settlement.deficit_cap, settlement.repayment_plan_above) == (0.05, 0.05, 0.05)
    filled = [item for item in settlement.assumptions if item.kind == "profile"]
    assert {item.name for item in filled} == {
        "surplus_cap",
        "deficit_cap",
        "repayment_plan_above",
        "close_monitoring_above",
    }
    assert all("symmetric-5pct" in item.reason for item in filled)
    assert settlement.rules == ()  # nothing is presented as the model's own rule


def test_a_profile_never_overrides_what_the_model_describes(models) -> None:
    settlement = settle(models["skanderborg"], Scenario(), load_profile("annual-lapse"))
    assert settlement.surplus_cap == math.inf and settlement.deficit_cap == 0.05
    assert not [item for item in settlement.assumptions if item.kind == "profile"]


def test_profiles_with_none_leave_out_the_plan_and_the_line(models) -> None:
    settlement = settle(models["ishoej"], Scenario(), load_profile("full-carry-over"))
    assert settlement.repayment_plan_above is None and settlement.close_monitoring == ()
    assert settlement.deficit_cap == math.inf


def test_an_override_of_a_tied_cap_moves_the_repayment_line(models) -> None:
    settlement = settle(models["skanderborg"], Scenario(deficit_cap=0.03))
    assert settlement.deficit_cap == 0.03 and settlement.repayment_plan_above == 0.03
    overrides = {item.name: item for item in settlement.assumptions if item.kind == "override"}
    assert set(overrides) == {"deficit_cap", "repayment_plan_above"}
    assert "follows the overridden deficit cap" in overrides["repayment_plan_above"].reason
    untied = settle(models["skanderborg"], Scenario(deficit_cap=0.03, repayment_plan_above=0.08))
    assert untied.repayment_plan_above == 0.08 and untied.plan_base == 0.03


def test_overriding_the_close_monitoring_line(models) -> None:
    settlement = settle(models["skanderborg"], Scenario(close_monitoring_above=0.01))
    assert [line.above for line in settlement.close_monitoring] == [0.01]


def test_fractions_read_as_people_write_them() -> None:
    assert [fraction(0.05), fraction(math.inf), fraction(None), fraction(0.025)] == ["5%", "unlimited", "none", "2.5%"]


def test_a_partly_described_carry_over_names_the_one_rule_missing(models) -> None:
    import attrs

    from kommunemodel.model.source import NOT_DESCRIBED

    budget = models["skanderborg"].budget
    partial = attrs.evolve(
        budget,
        carry_over=attrs.evolve(budget.carry_over, deficit_cap=NOT_DESCRIBED, repayment_plan_above=NOT_DESCRIBED),
    )
    model = attrs.evolve(models["skanderborg"], budget=partial)
    with pytest.raises(BudgetRuleMissingError) as caught:
        settle(model, Scenario())
    assert caught.value.missing == ("budget.carry_over.deficit_cap", "budget.carry_over.repayment_plan_above")


def test_another_models_budget_rules_give_that_models_numbers_with_its_citations(models) -> None:
    # What a composed model (helsingoer+budget=skanderborg) is: Helsingør with Skanderborg's budget part.
    import attrs

    from kommunemodel.simulate.budget import simulate_budget

    composed = attrs.evolve(models["helsingoer"], budget=models["skanderborg"].budget)
    scenario = Scenario(units=8, years=3, runs=100)
    borrowed = simulate_budget(composed, scenario, seed=2)
    own = simulate_budget(models["skanderborg"], scenario, seed=2)
    assert borrowed.years == own.years and borrowed.model_id == "helsingoer"
    assert any("haandbog" in rule.source for rule in borrowed.rules)
