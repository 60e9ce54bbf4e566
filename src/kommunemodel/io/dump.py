"""Writing models: domain objects → the model file's structure → TOML or JSON text."""

from __future__ import annotations

import json
from typing import Any

import tomli_w

from ..model.steering_model import SteeringModel
from .converter import make_converter


def model_to_table(model: SteeringModel) -> dict[str, Any]:
    """The model in exactly the structure of its file, `schema` first."""
    table = make_converter().unstructure(model)
    return {"schema": model.schema, **{key: value for key, value in table.items() if key != "schema"}}


def dumps_toml(model: SteeringModel) -> str:
    """The model as a `kommunemodel/1` TOML file that loads back unchanged."""
    return tomli_w.dumps(model_to_table(model), multiline_strings=False)


def dumps_json(model: SteeringModel) -> str:
    """The model as JSON, in the structure of the model file."""
    return json.dumps(model_to_table(model), ensure_ascii=False, indent=2) + "\n"
