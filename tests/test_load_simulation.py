"""The load of a year (simulate/load.py): meetings per body and role, busiest weeks, political touchpoints."""

from __future__ import annotations

import json
from importlib.resources import files

import attrs
import jsonschema
import pytest

import kommunemodel
from kommunemodel import simulate
from kommunemodel.simulate.load import to_record
from kommunemodel.testing import run_cli

SCHEMA = json.loads((files("kommunemodel.simulate") / "schemas" / "load.schema.json").read_text(encoding="utf-8"))


def test_helsingoer_meetings_per_body() -> None:
    load = simulate.summary(kommunemodel.load_model("helsingoer"), 2024)
    bodies = {body.body: body for body in load.bodies}
    assert (bodies["h_med"].meetings, bodies["c_med"].meetings) == (8, 6)
    assert bodies["a_med"].meetings == 0 and bodies["a_med"].note.startswith("as needed")
    assert bodies["direktion"].note == "the source gives no cadence for its meetings"


def test_ishoej_roles_sit_in_the_fortnightly_forums() -> None:
    load = simulate.summary(kommunemodel.load_model("ishoej"), 2024)
    roles = {role.role: role for role in load.roles}
    assert set(roles["centerchef"].forums) >= {"koncernledelse"}
    assert roles["direktoer"].occurrences > roles["centerchef"].occurrences >= 26


def test_skanderborg_political_touchpoints_with_units() -> None:
    load = simulate.summary(kommunemodel.load_model("skanderborg"), 2024)
    assert load.political_touchpoints == len(load.touchpoint_events) == 1
    assert load.touchpoint_events == ("nytaarskur",)


def test_a_meeting_in_two_parts_counts_once_and_weeks_carry_their_iso_year() -> None:
    load = simulate.summary(kommunemodel.load_model("ishoej"), 2024)
    bodies = {body.body: body for body in load.bodies}
    assert bodies["direktion"].meetings == bodies["koncernledelse"].meetings == 27
    assert [str(week) for week in load.busiest_weeks][:2] == ["2024-W01", "2024-W03"]
    # Monday 30 December 2024 lies in ISO week 1 of 2025, which is not the 2024 one.
    from kommunemodel.simulate.load import Week

    assert str(Week(2025, 1, 4)) == "2025-W01"


def test_busiest_weeks_are_the_weeks_with_most_occurrences() -> None:
    load = simulate.summary(kommunemodel.load_model("skanderborg"), 2024)
    counts = [week.occurrences for week in load.busiest_weeks]
    assert counts == sorted(counts, reverse=True) and len(counts) == 5


def test_the_result_is_frozen_and_validates() -> None:
    load = simulate.summary(kommunemodel.load_model("hvidovre"), 2018)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        load.year = 2019  # type: ignore[misc]
    jsonschema.validate(to_record(load), SCHEMA)


def test_cli_load() -> None:
    status, out, err = run_cli("simulate", "load", "helsingoer", "--year", "2024", "--format", "json")
    assert status == 0 and not err
    jsonschema.validate(json.loads(out), SCHEMA)
    status, out, _ = run_cli("simulate", "load", "helsingoer", "--year", "2024")
    assert "H-MED" in out and "Busiest weeks" in out
