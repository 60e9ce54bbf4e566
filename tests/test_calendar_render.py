"""The calendar's renderers: JSON against its schema, CSV with its columns, iCalendar round trips; the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import icalendar
import jsonschema
import pytest

import kommunemodel
from kommunemodel import simulate
from kommunemodel.simulate.calendar_render import render_csv, render_ics, render_json
from kommunemodel.testing import run_cli

SCHEMAS = files("kommunemodel.simulate") / "schemas"


def schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("model_id", ["helsingoer", "hvidovre", "ishoej", "skanderborg"])
def test_json_validates_against_kommunemodel_calendar_1(model_id: str) -> None:
    record = json.loads(render_json(simulate.calendar(kommunemodel.load_model(model_id), range(2018, 2022))))
    jsonschema.validate(record, schema("calendar.schema.json"))
    assert record["schema"] == "kommunemodel-calendar/1" and (record["from"], record["to"]) == (2018, 2021)
    first = record["events"][0]
    assert set(first) >= {"event", "name", "date", "approximate", "placed", "body", "actors", "documents", "source"}


def test_the_schema_refuses_an_undated_occurrence_without_a_reason() -> None:
    record = json.loads(render_json(simulate.calendar(kommunemodel.load_model("hvidovre"), [2018])))
    undated = next(item for item in record["events"] if item["date"] is None)
    undated["reason"] = ""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema("calendar.schema.json"))


def test_csv_has_the_json_columns_and_one_row_per_occurrence() -> None:
    result = simulate.calendar(kommunemodel.load_model("skanderborg"), [2019])
    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert len(rows) == len(result.occurrences)
    columns = "event name date year approximate placed body actors documents source frame reason"
    assert list(rows[0]) == columns.split()
    (signing,) = [row for row in rows if row["event"] == "kontraktunderskrift"]
    assert signing["actors"] == "kontraktholder;direktoer" and signing["approximate"] == "true"


def test_ics_round_trips_through_icalendar_one_vevent_per_dated_occurrence() -> None:
    result = simulate.calendar(kommunemodel.load_model("helsingoer"), range(2018, 2020))
    data = render_ics(result)
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(result.dated)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    for event, occurrence in zip(events, result.dated, strict=True):
        assert event.decoded("DTSTART") == occurrence.date
        assert str(event["SUMMARY"]) == occurrence.name
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)  # RFC 5545 §3.6.1: required in every VEVENT
    assert parsed.to_ical() == data


def test_ics_uids_are_stable_so_a_re_import_updates_instead_of_duplicating() -> None:
    model = kommunemodel.load_model("ishoej")
    one = [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(render_ics(simulate.calendar(model, [2019]))).walk("VEVENT")
    ]
    two = icalendar.Calendar.from_ical(render_ics(simulate.calendar(model, range(2019, 2021)))).walk("VEVENT")
    assert set(one) <= {str(event["UID"]) for event in two}
    assert render_ics(simulate.calendar(model, [2019])) == render_ics(simulate.calendar(model, [2019]))


def test_ics_lines_are_crlf_and_folded_at_75_octets() -> None:
    data = render_ics(simulate.calendar(kommunemodel.load_model("skanderborg"), [2019]))
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and all(len(line) <= 75 for line in lines)


def test_cli_calendar_json_and_text() -> None:
    status, out, err = run_cli(
        "simulate", "calendar", "skanderborg", "--from", "2018", "--to", "2019", "--format", "json"
    )
    assert status == 0 and not err
    jsonschema.validate(json.loads(out), schema("calendar.schema.json"))
    status, out, _ = run_cli("simulate", "calendar", "hvidovre", "--from", "2018", "--to", "2018")
    assert status == 0
    assert "Undated (the source gives no date):" in out and "(national frame)" in out


def test_cli_writes_out_files_atomically_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "helsingoer.ics"
    status, out, err = run_cli(
        "simulate", "calendar", "helsingoer", "--from", "2018", "--to", "2021", "--format", "ics", "--out", str(target)
    )
    assert (status, out, err) == (0, "", "")
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [path.name for path in tmp_path.iterdir()] == ["helsingoer.ics"]


def test_cli_year_file_overrides_are_printed(tmp_path: Path) -> None:
    year = tmp_path / "year-2020.toml"
    year.write_text(
        'schema = "kommunemodel-year/1"\nmodel = "skanderborg"\nyear = 2020\n\n'
        '[national]\nbudget_deadline = "10-30"\nreason = "an example"\n',
        encoding="utf-8",
    )
    status, out, _ = run_cli(
        "simulate", "calendar", "skanderborg", "--from", "2020", "--to", "2020", "--year-file", str(year)
    )
    assert status == 0 and "2020: budget_deadline = 10-30 (an example)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("simulate", "calendar", "nowhere", "--from", "2018", "--to", "2019"), "nowhere"),
        (("simulate", "calendar", "ishoej", "--from", "2019", "--to", "2018"), "--to 2018 lies before --from 2019"),
        (("simulate", "calendar", "missing.toml", "--from", "2019", "--to", "2019"), "missing.toml"),
    ],
)
def test_cli_bad_input_is_a_clear_message_and_exit_2(argv: tuple[str, ...], message: str) -> None:
    status, out, err = run_cli(*argv)
    assert status == 2 and out == ""
    # One line says what is wrong; a file's problems end with the count, as `check` reports them.
    assert message in err.splitlines()[0] and "Traceback" not in err


def test_kommunemodel_list_does_not_import_the_calendar_libraries() -> None:
    code = (
        "import sys\nfrom kommunemodel.cli import main\nmain(['list'])\n"
        "print(sorted(m for m in ('dateutil', 'holidays', 'icalendar', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
