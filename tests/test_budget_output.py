"""The budget result's renderers: JSON valid against the shipped schema, text and CSV that print the assumptions."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import jsonschema
import pytest

from kommunemodel.api import load_model
from kommunemodel.simulate.budget import simulate_budget
from kommunemodel.simulate.budget_output import BUDGET_SCHEMA, to_csv, to_json, to_text
from kommunemodel.simulate.scenario import Scenario


def schema(name: str) -> dict:
    text = resources.files("kommunemodel.simulate").joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def skanderborg_result():
    return simulate_budget(load_model("skanderborg"), Scenario(units=12, years=3, runs=200), seed=1)


@pytest.fixture(scope="module")
def helsingoer_result():
    return simulate_budget(
        load_model("helsingoer"), Scenario(units=5, years=2, runs=50), seed=1, assume="full-carry-over"
    )


def test_json_follows_the_shipped_schema(skanderborg_result, helsingoer_result) -> None:
    budget_schema = schema("kommunemodel-budget-1.schema.json")
    jsonschema.Draft202012Validator.check_schema(budget_schema)
    for result in (skanderborg_result, helsingoer_result):
        data = json.loads(to_json(result))
        jsonschema.validate(data, budget_schema)
        assert data["schema"] == BUDGET_SCHEMA


def test_json_has_what_the_issue_asks_for(skanderborg_result) -> None:
    data = json.loads(to_json(skanderborg_result))
    assert data["model"] == {"id": "skanderborg", "name": "Skanderborg Kommune"}
    assert data["parameters"]["units"] == 12 and data["parameters"]["seed"] == 1
    year = data["years"][0]
    assert year["year"] == 1
    low, high = year["repayment_plan_share"]["ci95"]
    assert low <= year["repayment_plan_share"]["mean"] <= high
    assert set(year["balance_percentiles"]) == {"p5", "p25", "p50", "p75", "p95"}
    assert {item["kind"] for item in data["assumptions"]} >= {"modelling", "parameter"}


def test_a_model_without_close_monitoring_says_null_not_zero(helsingoer_result) -> None:
    data = json.loads(to_json(helsingoer_result))
    assert data["years"][0]["close_monitoring_share"] is None
    assert data["years"][0]["repayment_plan_share"] is None
    assert data["parameters"]["assume"] == "full-carry-over"
    assert "not described" in to_text(helsingoer_result)


def test_the_text_prints_rules_with_citations_and_every_assumption(skanderborg_result) -> None:
    text = to_text(skanderborg_result)
    assert "haandbog §3.5" in text and "Assumptions (not in the source):" in text
    for item in skanderborg_result.assumptions:
        assert item.name in text
    assert "needs a repayment plan" in text and "p95" in text


def test_csv_is_long_format_with_the_assumptions_as_comments(skanderborg_result) -> None:
    text = to_csv(skanderborg_result)
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("repayment_years" in line for line in comments)
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))
    measures = {row["measure"] for row in rows}
    assert {"repayment_plan_share", "close_monitoring_share", "balance_p50"} <= measures
    assert {row["year"] for row in rows} == {"1", "2", "3"}
    assert all(float(row["ci95_low"]) <= float(row["mean"]) <= float(row["ci95_high"]) for row in rows)
