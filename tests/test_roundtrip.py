"""Property tests: any valid model survives TOML and JSON round trips unchanged."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from kommunemodel.io import dumps_json, dumps_toml, loads_model
from kommunemodel.io.converter import make_converter
from kommunemodel.model import SteeringModel
from kommunemodel.model.integrity import problems

from .strategies import steering_models

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(steering_models())
def test_generated_models_are_valid(model: SteeringModel) -> None:
    assert problems(model) == []


@SETTINGS
@given(steering_models())
def test_toml_round_trip(model: SteeringModel) -> None:
    assert loads_model(dumps_toml(model)) == model


@SETTINGS
@given(steering_models())
def test_json_round_trip(model: SteeringModel) -> None:
    assert make_converter().structure(json.loads(dumps_json(model)), SteeringModel) == model


@SETTINGS
@given(steering_models())
def test_toml_output_is_stable(model: SteeringModel) -> None:
    text = dumps_toml(model)
    assert dumps_toml(loads_model(text)) == text
