"""Property tests: any valid model is valid, and survives TOML and JSON round trips unchanged."""

from __future__ import annotations

import json

from hypothesis import given

from kommunemodel.io import dumps_json, dumps_toml, loads_model
from kommunemodel.io.converter import make_converter
from kommunemodel.model import SteeringModel
from kommunemodel.model.integrity import problems

from .strategies import steering_models


# One @given for the four properties of one model: generating models is most of the time these tests take.
@given(steering_models())
def test_generated_models_are_valid_and_survive_round_trips(model: SteeringModel) -> None:
    assert problems(model) == []
    text = dumps_toml(model)
    assert loads_model(text) == model  # TOML round trip
    assert dumps_toml(loads_model(text)) == text  # the TOML written is stable
    assert make_converter().structure(json.loads(dumps_json(model)), SteeringModel) == model  # JSON round trip
