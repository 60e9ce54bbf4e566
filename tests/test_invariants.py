"""Cross-field invariants: plain functions returning every breach, refused in Python, one finding each on loading."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.api import check
from kommunemodel.errors import Breach, InvariantError, KommunemodelError, ModelFileError, YearFileError
from kommunemodel.io import loads_model
from kommunemodel.io.converter import make_converter
from kommunemodel.model import GoalCount, Span, Timing, Years
from kommunemodel.model.cycle import timing_breaches
from kommunemodel.model.invariants import breaches, refuse
from kommunemodel.model.year import Meeting
from kommunemodel.plugins import get_plugin_manager
from kommunemodel.year import loads_year

from .checks import MODEL, YEAR, edit

MINIMAL = (Path(__file__).parent / "data" / "minimal.toml").read_text(encoding="utf-8")
CADENCE = "cadence = { times_per_year = 6 }"  # line 32 of minimal.toml, C-MED's cadence
QUARTER = "'month' 7–8 does not lie in quarter 1"
AS_NEEDED = "'as_needed' cannot be combined with every_days or times_per_year"
#: A timing breaking two invariants at once: as needed yet every 14 days, and July–August in the first quarter.
TWO_BROKEN = "cadence = { as_needed = true, every_days = 14, quarter = 1, month = [7, 8] }"


def problems_of(text: str) -> list[tuple[int | None, str, str, str]]:
    with pytest.raises(ModelFileError) as caught:
        loads_model(text, "model.toml")
    return [(problem.line, problem.code, problem.path, problem.message) for problem in caught.value.problems]


def test_a_timing_breaking_two_invariants_lists_both_in_one_error() -> None:
    with pytest.raises(InvariantError) as refused:
        Timing(as_needed=True, every_days=14, quarter=1, month=Span(7, 8))
    assert [breach.message for breach in refused.value.breaches] == [AS_NEEDED, QUARTER]
    assert str(refused.value) == f"{AS_NEEDED}; {QUARTER}"
    # One error class for Python callers who catch ValueError and for those who catch kommunemodel's own.
    assert isinstance(refused.value, ValueError) and isinstance(refused.value, KommunemodelError)
    assert refused.value.kind == "Timing"


def test_a_file_breaking_two_invariants_of_one_timing_gets_both_in_one_run() -> None:
    assert problems_of(edit(MINIMAL, CADENCE, TWO_BROKEN)) == [
        (32, "KM024", "bodies[0].cadence.years", AS_NEEDED),
        (32, "KM024", "bodies[0].cadence.years", QUARTER),
    ]
    # The file writes no `years`: what the check leaves out is the whole timing, and the hint says so.
    with pytest.raises(ModelFileError) as caught:
        loads_model(edit(MINIMAL, CADENCE, TWO_BROKEN), "model.toml")
    assert {problem.hint for problem in caught.value.problems} == {"'cadence' is read as not given"}


def test_a_field_broken_on_its_own_hides_only_the_invariants_that_read_it() -> None:
    # A month of 13 lies in no quarter: that is the month's finding, not a second one about the quarter.
    assert problems_of(edit(MINIMAL, CADENCE, "cadence = { quarter = 1, month = [13, 14] }")) == [
        (32, "KM024", "bodies[0].cadence.month", "'month' must lie in 1..12 (got 13–14)")
    ]
    assert problems_of(edit(MINIMAL, CADENCE, "cadence = { quarter = 5, month = [7, 8] }")) == [
        (32, "KM024", "bodies[0].cadence.quarter", "'quarter' must lie in 1..4 (got 5)")
    ]
    # A bad count is read as not given; as_needed with every_days is a mistake all the same, in the same run.
    text = edit(MINIMAL, CADENCE, "cadence = { times_per_year = 0, every_days = 14, as_needed = true }")
    assert problems_of(text) == [
        (32, "KM024", "bodies[0].cadence.times_per_year", "'times_per_year' must be >= 1 (got 0)"),
        (32, "KM024", "bodies[0].cadence.years", AS_NEEDED),
    ]


def test_once_per_term_with_a_count_is_one_finding_not_two() -> None:
    text = edit(MINIMAL, CADENCE, 'cadence = { years = "term_year_1", as_needed = true, every_days = 14 }')
    message = "years = 'term_year_1' already says once per election term; drop every_days, as_needed"
    assert problems_of(text) == [(32, "KM024", "bodies[0].cadence.years", message)]


def test_every_cross_field_invariant_refuses_in_python_and_is_a_plain_function() -> None:
    with pytest.raises(InvariantError, match=r"'high' must be >= 'low' \(got \[3, 2\]\)"):
        Span(3, 2)
    with pytest.raises(InvariantError, match=r"'max' must be >= 'min' \(got min 3, max 1\)"):
        GoalCount(min=3, max=1)
    with pytest.raises(InvariantError, match=r"exactly one of them \(got neither 'body' nor 'event'\)"):
        Meeting(date=datetime.date(2024, 1, 25))
    with pytest.raises(InvariantError, match="a timing needs at least one of"):
        Timing()
    # The classes that keep them build when nothing is broken, and then `breaches` finds nothing.
    for valid in (Span(2, 3), GoalCount(min=1, max=3), Meeting(datetime.date(2024, 1, 25), body="c"), Timing(week=3)):
        assert breaches(valid) == ()
    assert breaches("a string has no invariants") == ()
    refuse(Span(1, 1), [])  # nothing found, nothing raised


def test_a_goal_count_and_a_meeting_break_where_they_did_before() -> None:
    assert problems_of(edit(MINIMAL, "{ min = 1, max = 3 }", "{ min = 3, max = 1 }")) == [
        (42, "KM024", "documents[0].requirements.development_goals.max", "'max' must be >= 'min' (got min 3, max 1)")
    ]
    # A meeting's event that is no id is read as not given: the body alone is then no second mistake.
    text = edit(
        YEAR, '{ body = "c_med", date = 2024-01-25 }', '{ body = "c_med", event = "Seminar", date = 2024-01-25 }'
    )
    with pytest.raises(YearFileError) as caught:
        loads_year(text, "year.toml")
    assert [(problem.line, problem.path) for problem in caught.value.problems] == [(9, "meetings[0].event")]
    assert "ASCII slug" in caught.value.problems[0].message


# Fields each valid on its own, in every combination: coherent or not.
loose_timings = st.fixed_dictionaries(
    {},
    optional={
        "quarter": st.integers(1, 4),
        "month": st.tuples(st.integers(1, 12), st.integers(0, 4)).map(lambda low: Span(low[0], min(12, sum(low)))),
        "week": st.integers(1, 53),
        "every_days": st.integers(1, 30),
        "every_years": st.integers(1, 4),
        "times_per_year": st.integers(1, 12).map(Span.exactly),
        "as_needed": st.booleans(),
        "years": st.sampled_from(Years),
    },
)


@given(loose_timings)
def test_the_loader_reports_exactly_what_the_constructor_refuses(fields: dict[str, Any]) -> None:
    try:
        Timing(**fields)
        refused: list[str] = []
    except InvariantError as error:
        refused = [breach.message for breach in error.breaches]
    table = tomli.loads(MINIMAL)
    table["bodies"][0]["cadence"] = make_converter().unstructure(fields)
    try:
        loads_model(tomli_w.dumps(table), "model.toml")
        reported: list[str] = []
    except ModelFileError as error:
        reported = [problem.message for problem in error.problems if problem.path.startswith("bodies[0].cadence")]
    assert reported == refused


@given(loose_timings)
def test_a_breach_names_a_field_of_its_class_and_reads_only_fields(fields: dict[str, Any]) -> None:
    instance = object.__new__(Timing)
    for name, default in (("note", ""), ("approximate", False), ("as_needed", False), ("years", Years.EVERY)):
        object.__setattr__(instance, name, fields.get(name, default))
    for name in ("quarter", "month", "week", "date", "deadline", "every_days", "every_years", "times_per_year"):
        object.__setattr__(instance, name, fields.get(name))
    names = {attribute.name for attribute in attrs.fields(Timing)}
    for breach in timing_breaches(instance):
        assert isinstance(breach, Breach) and breach.at in names and set(breach.reads) <= names


def _findings(file: Path) -> list[tuple[str, int | None, str, str]]:
    report = check(file, manager=get_plugin_manager(load_entry_points=False))
    return [(finding.code, finding.line, finding.location, finding.message) for finding in report.findings]


def test_loading_in_threads_gives_the_same_findings_as_serially(tmp_path: Path) -> None:
    files = []
    for name, text in {
        "model.toml": MODEL,  # the year file's `model = "model.toml"`, beside it
        "two.toml": edit(
            MINIMAL, CADENCE, "cadence = { as_needed = true, every_days = 14, quarter = 1, month = [7, 8] }"
        ),
        "span.toml": edit(MINIMAL, CADENCE, "cadence = { times_per_year = [6, 3], week = 60 }"),
        "count.toml": edit(MINIMAL, "{ min = 1, max = 3 }", "{ min = 3, max = 1 }"),
        "clean.toml": MINIMAL,
        "year.toml": edit(YEAR, '{ body = "c_med", date = 2024-01-25 }', "{ date = 2024-01-25 }"),
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    serial = [_findings(file) for file in files]
    assert all(serial[1:5]) and any("exactly one of them" in finding[3] for finding in serial[5])
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(_findings, files * 3))
    assert threaded == serial * 3
