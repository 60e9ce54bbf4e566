"""The TOML path → line map used to locate every problem."""

from __future__ import annotations

import tomli
from hypothesis import given

from kommunemodel.io import dumps_toml
from kommunemodel.io.locate import SourceText, key_lines, line_of

from .strategies import steering_models

TEXT = '''schema = "x"
# a comment with = and [brackets]
[municipality]
id = "a" # trailing [comment]
name = """two
lines ] = """

[[documents]]
id = "d1"
requirements = { development_goals = { min = 1, max = 3 }, economic_frame = true }

[[documents]]
id = "d2"
parents = [
  "d1",
  'x', # with a comment
]

[documents.requirements]
goals = 3

[[documents.sub]]
a.b = 1

[[levels]]
"quoted key" = 'literal'
'''


def test_keys_tables_and_array_items_have_lines() -> None:
    lines = key_lines(TEXT)
    assert lines[("schema",)] == 1
    assert lines[("municipality", "id")] == 4
    assert lines[("municipality", "name")] == 5
    assert lines[("documents", 0)] == 8
    assert lines[("documents", 0, "requirements", "development_goals", "max")] == 10
    assert lines[("documents", 1, "parents", 1)] == 16
    assert lines[("documents", 1, "requirements", "goals")] == 20
    assert lines[("documents", 1, "sub", 0, "a", "b")] == 23
    assert lines[("levels", 0, "quoted key")] == 26


def test_missing_key_falls_back_to_its_nearest_ancestor() -> None:
    lines = key_lines(TEXT)
    assert line_of(lines, ("documents", 1, "horizon_years")) == 12
    assert line_of(lines, ("nothing", "here")) == 1


@given(steering_models())
def test_every_key_of_a_written_model_is_found_on_its_line(model: object) -> None:
    text = dumps_toml(model)
    source_lines = text.split("\n")  # TOML ends lines at \n only; str.splitlines also splits at U+0085
    everything = key_lines(text)
    for path, line in everything.items():
        key = path[-1] if path else None
        if isinstance(key, str) and key.isidentifier():
            assert key in source_lines[line - 1], (path, line)
    # Asked one path at a time, as findings ask, the lazy locator finds the line the full scan finds.
    table = tomli.loads(text)
    paths = list(everything)
    for path in paths[:: max(1, len(paths) // 12)]:
        assert SourceText("model.toml", text, table).lines([path])[path] == everything[path], path


TRICKY = '''a = """
[not.a.header]
b = "not a key"
"""
matrix = [
  [1, 2],
  [3], # a line that starts like a header
]
"quoted.key" = 1
dotted.key = { x = "}", y = [1, 2] }

[ spaced . header ]
c = 'x' # comment
["quoted header"]
d = 1979-05-27 07:32:00
'''


def test_lines_that_only_look_like_headers_or_keys() -> None:
    for text in (TRICKY, TRICKY.replace("\n", "\r\n")):
        lines = key_lines(text)
        assert lines[("a",)] == 1
        assert ("not", "a", "header") not in lines and ("b",) not in lines
        assert lines[("matrix", 1)] == 7
        assert lines[("quoted.key",)] == 9
        assert lines[("dotted", "key", "y", 1)] == 10
        assert lines[("spaced", "header", "c")] == 13
        assert lines[("quoted header", "d")] == 15


def test_items_of_arrays_are_found_without_scanning_the_whole_text() -> None:
    text = "schema = 'x'\nmeetings = [\n  { body = 'a' },\n  # a comment\n  { body = 'b', date = 2024-01-02 },\n]\n"
    text += "".join(f"\n[[agreements]]\nunit = 'u{number}'\nsigned = 2024-01-0{number}\n" for number in range(1, 4))
    source = SourceText("year.toml", text, tomli.loads(text))
    found = source.lines([("meetings", 1, "date"), ("agreements", 2, "signed"), ("agreements", 0, "nothing")])
    assert found == {("meetings", 1, "date"): 5, ("agreements", 2, "signed"): 18, ("agreements", 0, "nothing"): 8}
    assert not source.has(("agreements", 0, "nothing")) and source.has(("agreements", 0, "unit"))


def test_a_header_inside_a_string_does_not_mislead_the_item_search() -> None:
    text = 'note = """\n[[agreements]]\n"""\n\n[[agreements]]\nunit = "a"\n\n[[agreements]]\nunit = "b"\n'
    source = SourceText("year.toml", text, tomli.loads(text))
    assert source.lines([("agreements", 1, "unit")]) == {("agreements", 1, "unit"): 9}


def test_text_that_is_not_toml_is_never_scanned() -> None:
    # The scanner assumes valid TOML; given text the parser refuses, the locator answers without scanning it
    # (a syntax slip once made the scan loop for ever: the syntax error's finding carries its own line).
    source = SourceText("broken.toml", 'schema = "x"\nname = "Helsing\x00r\n[[levels]\n')
    assert source.lines([("levels", 0, "id")]) == {("levels", 0, "id"): None}
    assert not source.has(("schema",))
