"""Year files (`kommunemodel-year/1`): loaded through the model files' converter, every problem located."""

from __future__ import annotations

import datetime

import pytest
import tomli
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.errors import YearFileError
from kommunemodel.io.converter import make_converter
from kommunemodel.year import YearData, load_year_file, loads_year

from .checks import DATA, YEAR, edit


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(YearFileError) as caught:
        loads_year(text, "year.toml")
    return [(problem.line, problem.path, problem.message) for problem in caught.value.problems]


def test_the_example_year_loads() -> None:
    year = load_year_file(DATA / "year.toml")
    assert (year.model, year.year, year.term_year) == ("model.toml", 2024, 3)
    assert [unit.id for unit in year.units] == ["boern", "nordskolen", "soendre"]
    assert year.agreements[1].signed == datetime.date(2024, 2, 20)
    assert year.agreements[1].goals[0].has("expected_effect") and not year.agreements[1].goals[0].has("indicator")
    assert len(year.meetings) == 40
    result = year.budget_results[0]
    assert (result.result, result.deficit_carried, result.surplus_carried) == (-400_000, 400_000 / 48_500_000, 0.0)


def test_every_problem_in_one_pass_with_its_line() -> None:
    text = edit(YEAR, 'name = "Nordskolen"\nlevel = "enhed"', 'name = "Nordskolen"')
    text = edit(text, "signed = 2024-02-20", 'signed = "2024-02-20"')
    text = edit(
        text, 'status = "green"\n\n[[agreements]]', 'status = "green"\nfields = { baseline = 3 }\n\n[[agreements]]'
    )
    text = edit(text, "budget = 9_200_000", "budget = 0\nspnt = 1")
    lines = text.splitlines()
    assert problems_of(text) == [
        (lines.index('id = "nordskolen"'), "units[1].level", "required key 'level' is missing"),
        (
            lines.index('signed = "2024-02-20"') + 1,
            "agreements[1].signed",
            "expected a date like 2024-03-01, got string '2024-02-20'",
        ),
        (
            lines.index("fields = { baseline = 3 }") + 1,
            "agreements[1].goals[1].fields.baseline",
            "expected a string, got integer 3",
        ),
        (lines.index("budget = 0") + 1, "budget_results[1].budget", "'budget' must be > 0 (got 0.0)"),
        (lines.index("spnt = 1") + 1, "budget_results[1].spnt", "unknown key 'spnt'; did you mean 'spent'?"),
    ]


def test_validators_name_the_field_and_the_value() -> None:
    text = edit(YEAR, "year = 2024", "year = 24")
    text = edit(text, "budget = 9_200_000", "budget = -1")
    # Both in one pass: the year's own invariant does not hide the budget result's.
    assert [(path, message) for _line, path, message in problems_of(text)] == [
        ("year", "'year' must be a calendar year like 2024 (got 24)"),
        ("budget_results[1].budget", "'budget' must be > 0 (got -1.0)"),
    ]
    assert problems_of(edit(YEAR, "year = 2024", "year = 24")) == [
        (4, "year", "'year' must be a calendar year like 2024 (got 24)")
    ]


def test_a_date_time_is_not_a_date() -> None:
    text = edit(YEAR, "date = 2024-01-25", "date = 2024-01-25T10:00:00")
    assert problems_of(text) == [
        (9, "meetings[0].date", "expected a date like 2024-03-01, got date-time 2024-01-25T10:00:00")
    ]


def test_a_meeting_records_a_body_or_an_event_exactly_one_of_them() -> None:
    text = edit(YEAR, '{ body = "c_med", date = 2024-01-25 }', "{ date = 2024-01-25 }")
    text = edit(
        text, '{ body = "c_med", date = 2024-03-14 }', '{ body = "c_med", event = "seminar", date = 2024-03-14 }'
    )
    message = "a meeting names a body or an event of the model, exactly one of them"
    assert problems_of(text) == [
        (9, "meetings[0].event", f"{message} (got neither 'body' nor 'event')"),
        (10, "meetings[1].event", f"{message} (got both 'body' and 'event')"),
    ]
    text = edit(
        YEAR, '{ body = "c_med", date = 2024-01-25 }', '{ event = "seminar", unit = "boern", date = 2024-01-25 }'
    )
    meeting = loads_year(text).meetings[0]
    assert (meeting.body, meeting.event, meeting.unit, meeting.held) == (None, "seminar", "boern", "seminar")


def test_an_agreement_records_its_approver_the_year_it_is_for_and_what_it_adjusts() -> None:
    text = edit(
        YEAR, "signed = 2024-03-12", 'signed = 2024-03-12\napprover = "centerchef"\nfor_year = 2025\nadjusts = 2023'
    )
    agreement = loads_year(text).agreements[2]
    assert (agreement.approver, agreement.for_year, agreement.adjusts) == ("centerchef", 2025, 2023)
    assert [path for _line, path, _message in problems_of(edit(text, "adjusts = 2023", "adjusts = 23"))] == [
        "agreements[2].adjusts"
    ]


def test_the_schema_line_is_required() -> None:
    assert problems_of(YEAR.replace('schema = "kommunemodel-year/1"\n', "")) == [
        (1, "schema", 'required key "schema" is missing: the first line should read schema = "kommunemodel-year/1"')
    ]
    assert problems_of(edit(YEAR, '"kommunemodel-year/1"', '"kommunemodel/1"'))[0][2] == (
        "this file is 'kommunemodel/1'; kommunemodel reads 'kommunemodel-year/1' here"
    )


def test_the_year_survives_a_round_trip() -> None:
    year = loads_year(YEAR)
    table = {"schema": year.schema, **make_converter().unstructure(year)}  # defaults are left out, the schema kept
    assert loads_year(tomli_w.dumps(table)) == year


toml_values = st.recursive(
    st.booleans()
    | st.integers(-5, 3000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=5,
)


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@given(st.data())
def test_mutated_year_files_give_located_errors_and_the_rules_never_crash(data: st.DataObject) -> None:
    from .checks import check_year_text

    table = tomli.loads(YEAR)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(table)[1:]))
        parent = table
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = data.draw(toml_values)  # type: ignore[index]
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):
        return  # not representable in TOML
    try:
        loads_year(text, "mutant.toml")
    except YearFileError as error:
        assert all(problem.message and (problem.line is not None or problem.path == "") for problem in error.problems)
        return
    report = check_year_text(text)
    assert report.crashes == ()


def test_year_data_is_frozen() -> None:
    year = loads_year(YEAR)
    with pytest.raises(AttributeError):
        year.year = 2025  # type: ignore[misc]
    assert isinstance(year, YearData)
