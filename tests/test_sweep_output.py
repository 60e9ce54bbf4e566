"""The sweep's renderers: JSON valid against the shipped schema, text with one row per point, wide CSV."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import jsonschema
import pytest

from kommunemodel.api import load_model
from kommunemodel.simulate.scenario import Scenario
from kommunemodel.simulate.sweep import parse_axis, simulate_sweep
from kommunemodel.simulate.sweep_output import SWEEP_SCHEMA, to_csv, to_json, to_text


@pytest.fixture(scope="module")
def sweep():
    axes = [parse_axis("surplus_cap=0.05,unlimited"), parse_axis("spend-sd=0.02,0.04")]
    return simulate_sweep(load_model("skanderborg"), axes, Scenario(units=4, years=2, runs=40), seed=2)


def test_json_follows_the_shipped_schema(sweep) -> None:
    text = resources.files("kommunemodel.simulate").joinpath("schemas", "kommunemodel-sweep-1.schema.json")
    schema = json.loads(text.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(to_json(sweep))
    jsonschema.validate(data, schema)
    assert data["schema"] == SWEEP_SCHEMA
    assert data["grid"] == [
        {"name": "surplus_cap", "values": [0.05, "unlimited"]},
        {"name": "spend_sd", "values": [0.02, 0.04]},
    ]
    assert [point["index"] for point in data["points"]] == [0, 1, 2, 3]
    assert data["points"][3]["values"] == {"surplus_cap": "unlimited", "spend_sd": 0.04}


def test_text_has_one_row_per_point_after_the_assumptions(sweep) -> None:
    text = to_text(sweep)
    assert "Assumptions (not in the source):" in text
    assert "surplus_cap=0.05, spend_sd=0.02" in text and "surplus_cap=unlimited, spend_sd=0.04" in text


def test_csv_has_a_row_per_point_and_year(sweep) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(sweep))))
    assert len(rows) == 4 * 2
    assert rows[0]["surplus_cap"] == "0.05" and rows[-1]["surplus_cap"] == "unlimited"
    assert float(rows[0]["repayment_plan_share_ci95_low"]) <= float(rows[0]["repayment_plan_share"])
