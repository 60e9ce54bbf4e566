"""Scenario parameters: validation with the attribute and value named, command-line values, plain output."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.simulate.scenario import PARAMETERS, Scenario, parse_value


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"units": 0}, "'units' must be >= 1 (got 0)"),
        ({"runs": 1}, "'runs' must be >= 2"),
        ({"spend_sd": -0.1}, "'spend_sd' must be >= 0"),
        ({"spend_sd": math.nan}, "'spend_sd' must be a finite number"),
        ({"year_correlation": 1.0}, "'year_correlation' must lie in [0, 1)"),
        ({"cap_response": 2.0}, "'cap_response' must lie in [0, 1]"),
        ({"distribution": "uniform"}, "'distribution' must be one of normal, lognormal"),
        ({"deficit_cap": -0.01}, "'deficit_cap' must be >= 0"),
        ({"distribution": "lognormal", "spend_mean": 0.0}, "must be > 0 for a lognormal"),
    ],
)
def test_bad_parameters_name_the_attribute_and_value(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        Scenario(**changes)


def test_command_line_values() -> None:
    assert parse_value("deficit-cap", "unlimited") == math.inf
    assert parse_value("units", "12") == 12
    assert parse_value("spend_sd", "0.08") == 0.08
    with pytest.raises(ValueError, match="units must be a whole number"):
        parse_value("units", "1.5")
    with pytest.raises(ValueError, match="unknown parameter 'spending'"):
        parse_value("spending", "1")


def test_plain_values_leave_out_unset_overrides_and_spell_unlimited() -> None:
    values = Scenario(surplus_cap=math.inf).as_dict()
    assert values["surplus_cap"] == "unlimited" and "deficit_cap" not in values
    assert set(values) <= set(PARAMETERS)


@given(sd=st.floats(0, 1), rho=st.floats(0, 0.99))
def test_replace_validates_like_a_new_scenario(sd: float, rho: float) -> None:
    scenario = Scenario().replace(spend_sd=sd, year_correlation=rho)
    assert (scenario.spend_sd, scenario.year_correlation) == (sd, rho)
