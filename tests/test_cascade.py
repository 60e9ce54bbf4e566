"""The goal cascade: each model's latency from a mid-year adoption, the steps, the distribution over a year."""

from __future__ import annotations

import datetime
import json
from functools import cache
from importlib.resources import files

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kommunemodel
from kommunemodel import simulate
from kommunemodel.simulate.cascade import Cascade, cascade_range, range_record, render_text, to_record
from kommunemodel.testing import run_cli

MID_2019 = datetime.date(2019, 6, 15)
SCHEMAS = files("kommunemodel.simulate") / "schemas"


@cache
def mid_year(model_id: str) -> Cascade:
    return simulate.cascade(kommunemodel.load_model(model_id), MID_2019)


def test_helsingoer_waits_for_the_even_year_strategy_maps_then_the_q1_agreements() -> None:
    result = mid_year("helsingoer")
    assert result.reaches_unit and result.latency_days == 611
    steps = {step.document: step for step in result.steps}
    assert steps["koncernledelsens_strategikort"].event == "strategikort_nyt"
    assert steps["koncernledelsens_strategikort"].binding_from == datetime.date(2020, 11, 16)
    assert steps["decentral_aftale"].event == "decentral_aftale_indgaas"
    assert steps["decentral_aftale"].binding_from == datetime.date(2021, 2, 15)
    assert [step.level for step in result.steps][-1] == "enhed"


def test_skanderborg_binds_the_units_from_the_next_fiscal_year_through_the_signed_contract() -> None:
    result = mid_year("skanderborg")
    assert result.reaches_unit and result.latency_days == 200
    last = result.steps[-1]
    assert (last.document, last.event, last.level) == ("udviklingskontrakt", "kontraktunderskrift", "decentralt_niveau")
    assert last.date == datetime.date(2019, 12, 31) and last.binding_from == datetime.date(2020, 1, 1)
    assert "§ 40" in last.note


def test_hvidovre_reaches_its_institutions_only_in_the_next_term_s_first_year_with_no_month() -> None:
    result = mid_year("hvidovre")
    assert result.reaches_unit and result.latency_days is None
    assert result.latency_bounds == (931, 1295)  # 2022-01-01 and 2022-12-31 after 2019-06-15
    assert result.steps[-1].year == 2022 and result.steps[-1].binding_from is None
    assert "2022" in result.reason


def test_ishoej_cannot_reach_a_unit_and_says_why() -> None:
    result = mid_year("ishoej")
    assert not result.reaches_unit and result.latency_days is None and result.steps == ()
    assert "no document made per unit" in result.reason


def test_an_adoption_after_the_signing_waits_a_whole_cycle() -> None:
    model = kommunemodel.load_model("skanderborg")
    assert simulate.cascade(model, datetime.date(2019, 12, 30)).latency_days == 2
    assert simulate.cascade(model, datetime.date(2020, 1, 2)).latency_days == 365


@pytest.mark.parametrize("model_id", ["helsingoer", "hvidovre", "ishoej", "skanderborg"])
def test_json_validates_against_kommunemodel_cascade_1(model_id: str) -> None:
    record = to_record(mid_year(model_id))
    jsonschema.validate(record, json.loads((SCHEMAS / "cascade.schema.json").read_text(encoding="utf-8")))
    assert record["adopted"] == "2019-06-15"


def test_the_distribution_over_a_year_of_adoption_days() -> None:
    result = cascade_range(
        kommunemodel.load_model("skanderborg"), datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)
    )
    assert (result.days, result.known, result.minimum, result.median, result.maximum) == (365, 365, 1, 183, 365)
    record = range_record(result)
    jsonschema.validate(record, json.loads((SCHEMAS / "cascade-range.schema.json").read_text(encoding="utf-8")))


def test_the_distribution_where_no_day_can_be_told_gives_the_bounds() -> None:
    result = cascade_range(kommunemodel.load_model("hvidovre"), datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
    assert result.known == 0 and result.minimum is None and result.bounds == (916, 1309)


def test_a_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        cascade_range(kommunemodel.load_model("ishoej"), datetime.date(2019, 2, 1), datetime.date(2019, 1, 1))


def test_text_names_each_level_and_the_latency() -> None:
    text = render_text(mid_year("helsingoer"))
    assert "decentral_aftale" in text and "Reaches the unit level after 611 days" in text


def test_cli_cascade_and_range() -> None:
    status, out, err = run_cli("simulate", "cascade", "skanderborg", "--adopted", "2019-06-15", "--format", "json")
    assert status == 0 and not err and json.loads(out)["latency_days"] == 200
    status, out, _ = run_cli("simulate", "cascade", "ishoej", "--adopted-range", "2019-01-01:2019-01-31")
    assert status == 0 and "cannot be told" in out


def test_cli_refuses_a_bad_date_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run_cli("simulate", "cascade", "ishoej", "--adopted", "2019-13-01")
    assert caught.value.code == 2
    assert "expected a date written YYYY-MM-DD" in capsys.readouterr().err


def test_the_readme_explains_each_model_s_cascade_with_the_numbers_computed_here() -> None:
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The goal cascade") : readme.index("### The load of a year")]
    year = (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    for model_id, name in (("helsingoer", "Helsingør"), ("skanderborg", "Skanderborg")):
        spread = cascade_range(kommunemodel.load_model(model_id), *year)
        row = f"| {name} | **{mid_year(model_id).latency_days} days**"
        assert row in section and f"{spread.minimum} / {spread.median:g} / {spread.maximum}" in section
    low, high = mid_year("hvidovre").latency_bounds or (0, 0)
    assert f"| Hvidovre | **not told: {low:,}–{high:,} days**" in section
    assert "| Ishøj | **does not reach a unit**" in section


loaded = cache(kommunemodel.load_model)


@cache
def long_calendar(model_id: str) -> simulate.Calendar:
    """One calendar for every adoption day the property draws, and the years a goal may wait after it."""
    return simulate.calendar(loaded(model_id), range(2018, 2040))


@settings(deadline=None)  # the first example builds what the others reuse
@given(st.sampled_from(["helsingoer", "skanderborg"]), st.dates(datetime.date(2018, 1, 1), datetime.date(2030, 12, 31)))
def test_each_level_binds_no_earlier_than_the_one_above_and_the_latency_is_the_last_step(
    model_id: str, adopted: datetime.date
) -> None:
    result = simulate.cascade(loaded(model_id), adopted, long_calendar(model_id))
    binding = [step.binding_from for step in result.steps]
    assert all(day is not None for day in binding)
    assert binding == sorted(binding) and binding[0] == adopted  # type: ignore[type-var]
    assert result.latency_days == (binding[-1] - adopted).days  # type: ignore[operator]
