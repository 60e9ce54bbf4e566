"""Loading model files: every problem reported in one pass, each with its path and line; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kommunemodel.errors import ModelFileError
from kommunemodel.io import dumps_toml, load_model_file, loads_model
from kommunemodel.model import Span

from .strategies import steering_models


def problems_of(text: str | bytes) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ModelFileError) as caught:
        loads_model(text, "model.toml")
    return [(problem.line, problem.path, problem.message) for problem in caught.value.problems]


def test_minimal_file_loads(data_dir: Path) -> None:
    model = load_model_file(data_dir / "minimal.toml")
    assert model.id == "helsingoer"
    assert model.documents[0].requirements.development_goals.max == 3


def test_every_kind_of_mistake_in_one_pass(data_dir: Path) -> None:
    text = (data_dir / "minimal.toml").read_text()
    broken = (
        text.replace('kind = "executive"', 'kind = "exec"')  # bad enum value, line 23
        .replace("horizon_years = 1", "horizn_years = 1")  # unknown key, line 40
        .replace("times_per_year = 6", 'times_per_year = "6"')  # wrong type, line 32
        .replace('id = "c_med"', 'id = "byraad"')  # duplicate id, line 28
        .replace('parent = "byraad"', 'parent = "byrad"')  # reference to nothing, line 24
    )
    found = problems_of(broken)
    assert found == [
        (
            23,
            "levels[1].kind",
            "expected one of political, executive, corporate, centre, unit, staff, citizen, "
            "employee; got string 'exec'",
        ),
        (24, "levels[1].parent", "'byrad' is not the id of any level in this model"),
        (28, "bodies[0].id", "duplicate id 'byraad': already used at levels[0].id"),
        (
            32,
            "bodies[0].cadence.times_per_year",
            "expected an integer, [low, high] or { about = … } or \"not_described\", got string '6'",
        ),
        (40, "documents[0].horizn_years", "unknown key 'horizn_years'"),
    ]


def test_all_broken_invariants_of_one_table_are_reported(data_dir: Path) -> None:
    text = (
        (data_dir / "minimal.toml")
        .read_text()
        .replace("cadence = { times_per_year = 6 }", 'cadence = { quarter = 5, week = 60, date = "02-30" }')
    )
    paths = [path for _line, path, _message in problems_of(text)]
    assert paths == ["bodies[0].cadence.quarter", "bodies[0].cadence.week", "bodies[0].cadence.date"]


def test_missing_key_points_at_its_table(data_dir: Path) -> None:
    text = (data_dir / "minimal.toml").read_text().replace('name = "C-MED"\n', "")
    assert problems_of(text) == [(27, "bodies[0].name", "required key 'name' is missing")]


def test_citation_of_unlisted_source(data_dir: Path) -> None:
    text = (data_dir / "minimal.toml").read_text().replace('source = "styringsmodel §5"', 'source = "model §5"')
    assert problems_of(text) == [
        (33, "bodies[0].source", "cites source 'model', which is not listed under [[sources]]")
    ]


def test_invalid_toml_gets_line_and_column() -> None:
    with pytest.raises(ModelFileError) as caught:
        loads_model('schema = "kommunemodel/1"\n[municipality]\nid = \n', "bad.toml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 6)
    assert problem.message.startswith("not valid TOML")
    assert str(caught.value).startswith("bad.toml:3:6: not valid TOML")


def test_not_utf8_gets_line_and_column() -> None:
    with pytest.raises(ModelFileError) as caught:
        loads_model(b'schema = "kommunemodel/1"\nname = "Helsing\xf8r"\n', "latin1.toml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 16)
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[municipality]\nid = 'x'\nname = 'X'\n", 'required key "schema" is missing'),
        ('schema = "kommunemodel/2"\n', "this file is 'kommunemodel/2'"),
    ],
)
def test_schema_is_required(text: str, message: str) -> None:
    ((line, path, found),) = problems_of(text)
    assert message in found and path == "schema" and line == 1


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError) as caught:
        load_model_file(tmp_path / "absent.toml")
    assert "cannot read file" in caught.value.problems[0].message


def test_input_file_is_not_modified(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model.toml"
    copy.write_bytes((data_dir / "minimal.toml").read_bytes().replace(b"political", b"politcal"))
    before = copy.read_bytes()
    with pytest.raises(ModelFileError):
        load_model_file(copy)
    assert copy.read_bytes() == before


# Mutations of a valid file: a broken file must give located problems, never any other exception.
toml_values = st.recursive(
    st.none().map(lambda _: "not_described")
    | st.booleans()
    | st.integers(-5, 400)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
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


def _assert_located_or_loads(text: str | bytes) -> None:
    try:
        loads_model(text, "mutant.toml")
    except ModelFileError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message
            assert problem.line is not None or problem.path == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steering_models(), st.data())
def test_structural_mutations_give_located_errors(model: object, data: st.DataObject) -> None:
    table = tomli.loads(dumps_toml(model))
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(_paths(table)[1:] or [("extra",)]))
        parent = table
        for part in path[:-1]:
            parent = parent[part]
        replacement = data.draw(toml_values)
        if isinstance(parent, dict):
            parent[path[-1]] = replacement
        elif isinstance(parent, list):
            parent[path[-1]] = replacement
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):
        return  # the mutation is not representable in TOML (e.g. a heterogeneous array in tomli-w)
    _assert_located_or_loads(text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_text_mutations_never_raise_anything_else(data: st.DataObject) -> None:
    text = (Path(__file__).parent / "data" / "minimal.toml").read_bytes()
    position = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 20))
    inserted = data.draw(st.binary(max_size=6) | st.sampled_from([b"[", b"]", b"=", b'"', b"\n[[x]]\n", b"\xff"]))
    _assert_located_or_loads(text[:position] + inserted + text[position + cut :])


def test_five_mistakes_in_a_copy_of_the_helsingoer_file(tmp_path: Path) -> None:
    from importlib.resources import files

    lines = files("kommunemodel_helsingoer").joinpath("model.toml").read_text(encoding="utf-8").split("\n")

    def plant(original: str, replacement: str) -> int:
        """Replace the first line that reads `original`; return its 1-based line number."""
        number = lines.index(original)
        lines[number] = replacement
        return number + 1

    kind = plant('kind = "executive"', 'kind = "executiv"')  # a bad enum value
    parent = plant('parent = "byraad"', 'parent = "byråd"')  # a reference to an id that does not exist
    cadence = plant(
        'cadence = { times_per_year = 8, note = "Under MED-aftalen §4 stk. 7." }',
        'cadence = { times_per_year = "8", note = "Under MED-aftalen §4 stk. 7." }',
    )  # a wrong type
    duplicate = plant('id = "c_med"', 'id = "h_med"')  # a duplicate id
    horizon = plant("horizon_years = 1", "horizn_years = 1")  # an unknown key
    copy = tmp_path / "helsingoer-broken.toml"
    copy.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(ModelFileError) as caught:
        load_model_file(copy)
    planted = {
        (kind, "kind"),
        (parent, "parent"),
        (cadence, "times_per_year"),
        (duplicate, "id"),
        (horizon, "horizn_years"),
    }
    found = {(problem.line, problem.path.rsplit(".", 1)[-1]): problem for problem in caught.value.problems}
    assert planted <= found.keys()
    # Renaming C-MED leaves the references to 'c_med' dangling: they are reported too, and nothing else is.
    others = [problem for key, problem in found.items() if key not in planted]
    assert others and all("'c_med' is not the id" in problem.message for problem in others)


@pytest.mark.parametrize(
    ("written", "span"),
    [
        ("54", Span.exactly(54)),
        ("[1, 2]", Span(1, 2)),
        ("{ about = 650 }", Span.about(650)),
        ("{ about = [950, 1000] }", Span.about(950, 1000)),
    ],
)
def test_a_count_is_exact_a_range_or_approximate_and_writes_back_as_it_was_read(
    data_dir: Path, written: str, span: Span
) -> None:
    text = (
        (data_dir / "minimal.toml").read_text().replace('kind = "political"', f'kind = "political"\nunits = {written}')
    )
    model = loads_model(text)
    assert model.levels[0].units == span
    assert tomli.loads(dumps_toml(model))["levels"][0]["units"] == tomli.loads(f"units = {written}")["units"]
    assert loads_model(dumps_toml(model)) == model


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('{ about = "650" }', "expected an integer, [low, high] or { about = … }"),
        ("{ about = 650, exact = true }", "expected an integer, [low, high] or { about = … }"),
        ("{ about = [1000, 950] }", "'high' must be >= 'low'"),
    ],
)
def test_an_ill_formed_count_is_refused(data_dir: Path, written: str, message: str) -> None:
    text = (
        (data_dir / "minimal.toml").read_text().replace('kind = "political"', f'kind = "political"\nunits = {written}')
    )
    assert any(message in found for _line, path, found in problems_of(text) if path.startswith("levels[0].units"))


def test_the_old_level_count_is_an_unknown_key(data_dir: Path) -> None:
    text = (data_dir / "minimal.toml").read_text().replace('kind = "political"', 'kind = "political"\ncount = 29')
    assert [(path, message) for _line, path, message in problems_of(text)] == [
        ("levels[0].count", "unknown key 'count'")
    ]


def test_a_wrong_table_for_a_count_does_not_spoil_the_next_file(data_dir: Path) -> None:
    # The converter picks a union's member by the value's TOML type once; the choice must not depend on the value.
    text = (data_dir / "minimal.toml").read_text()
    problems_of(text.replace('kind = "political"', 'kind = "political"\nunits = { exactly = 5 }'))
    model = loads_model(text.replace('kind = "political"', 'kind = "political"\nunits = { about = 5 }'))
    assert model.levels[0].units == Span.about(5)


def test_a_once_per_term_timing_that_also_recurs_is_refused_where_it_is_written(data_dir: Path) -> None:
    text = (data_dir / "minimal.toml").read_text()
    broken = text.replace("times_per_year = 6", 'every_years = 4, years = "term_year_1"')
    (problem,) = problems_of(broken)
    assert problem[:2] == (32, "bodies[0].cadence.years")
    assert "already says once per election term; drop every_years" in problem[2]
