"""The comparison's renderers: text, Markdown and LaTeX with footnotes, CSV that parses back, JSON against its
schema, an escaped HTML fragment, a QCA crisp-set matrix, and --explain printing the trail."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files

import jsonschema
import pytest

from kommunemodel import load_model
from kommunemodel.compare.metric import Metric, MetricValue, Range, unknown
from kommunemodel.compare.metrics import METRICS
from kommunemodel.compare.render import (
    crisp,
    explain,
    format_value,
    latex,
    latex_escape,
    markdown,
    qca,
    text,
    to_csv,
    to_html,
    to_json,
)
from kommunemodel.compare.table import Comparison, compare

from .compare_models import lille

SCHEMA = json.loads((files("kommunemodel.compare") / "schemas" / "kommunemodel-comparison-1.json").read_text())
BUNDLED = ("helsingoer", "hvidovre", "ishoej", "skanderborg")


@pytest.fixture(scope="module")
def bundled() -> Comparison:
    return compare([load_model(name) for name in BUNDLED], METRICS)


@pytest.fixture(scope="module")
def small() -> Comparison:
    return compare([lille()], METRICS)


def test_text_shows_unknowns_as_not_described_never_zero_or_empty(bundled: Comparison) -> None:
    table = text(bundled)
    surplus = next(line for line in table.splitlines() if line.startswith("Surplus cap"))
    assert surplus.count("not described") == 3 and "unlimited" in surplus
    assert "ikke beskrevet" in text(bundled, "da") and "not described" not in text(bundled, "da")


def test_format_value_in_both_languages() -> None:
    share = next(metric for metric in METRICS if metric.id == "decentralisation")
    assert format_value(share, MetricValue(0.0455)) == "4.5%"
    assert format_value(share, MetricValue(0.0455), "da") == "4,5%"
    assert format_value(share, MetricValue(Range(0.25, 0.5))) == "25%–50%"
    count = next(metric for metric in METRICS if metric.id == "committees")
    assert format_value(count, MetricValue(Range(6.0))) == "≥ 6"
    route = next(metric for metric in METRICS if metric.id == "budget_route")
    assert format_value(route, MetricValue("direct"), "da") == "direkte fra byrådet"
    assert format_value(route, unknown("not in the source")) == "not described"


def test_markdown_is_a_pipe_table_with_a_footnote_per_cited_cell(bundled: Comparison) -> None:
    output = markdown(bundled)
    lines = output.splitlines()
    assert lines[0] == "| metric | unit | helsingoer | hvidovre | ishoej | skanderborg |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- |"
    rows = [line for line in lines[2:] if line.startswith("|")]
    assert len(rows) == len(METRICS)
    assert all(line.count(" | ") == 5 for line in rows)
    marks = set(re.findall(r"\[\^(\d+)\](?!:)", output))
    notes = set(re.findall(r"^\[\^(\d+)\]: ", output, flags=re.MULTILINE))
    assert marks == notes and notes
    assert "[^" in next(row for row in rows if row.startswith("| Deficit cap"))
    assert re.search(r"^\[\^\d+\]: skanderborg: haandbog §3\.5", output, flags=re.MULTILINE)


def test_latex_is_a_tabular_with_one_column_per_model_and_footnotes(bundled: Comparison) -> None:
    output = latex(bundled)
    assert "\\begin{tabular}{llllll}" in output and output.count("\\end{tabular}") == 1
    body = output[output.index("\\begin{tabular}") : output.index("\\end{tabular}")]
    rows = [line for line in body.splitlines() if line.endswith("\\\\")]
    assert len(rows) == len(METRICS) + 1  # the header and one row per metric
    assert all(len(re.split(r"(?<!\\)&", row)) == 6 for row in rows)
    marks = set(re.findall(r"\\footnotemark\[(\d+)\]", output))
    texts = set(re.findall(r"\\footnotetext\[(\d+)\]", output))
    assert marks == texts and marks
    assert "\\S{}" in output and "§" not in output  # citations' § escaped
    assert "5\\%" in output  # the deficit cap's percent sign escaped


def test_latex_escapes_every_special_character() -> None:
    assert latex_escape("R&D 5% #1 a_b {x} ~ ^ \\") == (
        "R\\&D 5\\% \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
    )


def test_csv_parses_back_one_row_per_metric_with_a_unit_column(bundled: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(bundled))))
    assert rows[0] == ["metric", "label", "unit", *BUNDLED]
    assert [row[0] for row in rows[1:]] == [metric.id for metric in METRICS]
    assert all(len(row) == 3 + len(BUNDLED) for row in rows)
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id["deficit_cap"]["unit"] == "share" and by_id["deficit_cap"]["skanderborg"] == "0.05"
    assert by_id["deficit_cap"]["helsingoer"] == "not described"
    assert by_id["committees"]["skanderborg"] == "5" and by_id["committees"]["ishoej"] == ">=1"
    assert all(cell != "" for row in rows for cell in row)


def test_json_validates_against_the_shipped_schema(bundled: Comparison) -> None:
    document = json.loads(to_json(bundled))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    cells = {(row["metric"], cell["model"]): cell for row in document["metrics"] for cell in row["cells"]}
    deficit = cells[("deficit_cap", "skanderborg")]
    assert deficit["value"] == 0.05 and deficit["unit"] == "share" and deficit["unknown"] is False
    assert deficit["sources"] == [
        {
            "path": "budget.carry_over.deficit_cap",
            "value": "0.05",
            "citation": "haandbog §3.5; §6; §6.2; §7 Januar kvartal",
        }
    ]
    silent = cells[("deficit_cap", "helsingoer")]
    assert silent["value"] is None and silent["unknown"] is True and silent["reason"]


def test_the_schema_refuses_an_unknown_without_its_reason(bundled: Comparison) -> None:
    document = json.loads(to_json(bundled))
    cell = next(c for row in document["metrics"] for c in row["cells"] if c["unknown"])
    cell["reason"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_html_is_a_table_fragment_that_escapes_everything() -> None:
    hostile = lille(('name = "Lille Kommune"', 'name = "<script>alert(1)</script>"'))
    metric = Metric("tricky", "<b>da</b>", "<b>en</b>", "count", "a & b", lambda _m: MetricValue(1.0, note="<i>"))
    output = to_html(compare([hostile], [metric, *METRICS[:2]]))
    assert output.startswith('<table class="kommunemodel-comparison"')
    assert "<script>" not in output and "&lt;script&gt;" in output
    assert "<b>" not in output and "&lt;b&gt;en&lt;/b&gt;" in output
    assert output.count("<tr") == 1 + 3


def test_qca_is_a_crisp_matrix_with_unknowns_empty(bundled: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(qca(bundled))))
    header, *cases = rows
    assert header[0] == "case" and [row[0] for row in cases] == list(BUNDLED)
    assert set(header[1:]) >= {"FLAT", "DEEP_CHAIN", "DIRECT_BUDGET", "DECENTRAL"}
    matrix = {row[0]: dict(zip(header, row, strict=True)) for row in cases}
    assert matrix["skanderborg"]["FLAT"] == "1" and matrix["helsingoer"]["FLAT"] == "0"
    assert matrix["helsingoer"]["DEEP_CHAIN"] == "1" and matrix["hvidovre"]["DEEP_CHAIN"] == "0"
    assert matrix["skanderborg"]["DIRECT_BUDGET"] == "1"
    assert matrix["helsingoer"]["DIRECT_BUDGET"] == ""  # unknown is empty, never 0
    assert all(value in ("0", "1", "") for row in cases for value in row[1:])


def test_crisp_calibration_of_ranges() -> None:
    chain = next(metric for metric in METRICS if metric.id == "chain_depth")
    assert crisp(chain, MetricValue(Range(4.0, 6.0))) == 1
    assert crisp(chain, MetricValue(Range(2.0, 5.0))) is None  # straddles the threshold
    assert crisp(chain, MetricValue(Range(5.0))) == 1  # at least 5
    assert crisp(chain, MetricValue(Range(2.0))) is None  # at least 2: may reach 4
    assert crisp(chain, unknown("no unit document")) is None


def test_explain_prints_the_trail_not_a_second_computation(small: Comparison) -> None:
    output = explain(small, "chain_depth")
    cell = small.cell("chain_depth", "lille")
    for fact in cell.trail:
        assert f"{fact.path} = {fact.value}  [{fact.citation}]" in output
    assert output.splitlines()[0] == "chain_depth: Document-chain depth (documents)"
    assert "lille: 3" in output


def test_footnotes_group_citations_by_source_each_place_once() -> None:
    from kommunemodel.compare.metric import Fact
    from kommunemodel.compare.render import cited

    cell = MetricValue(
        1.0,
        (
            Fact("levels[0].parent", "x", "haandbog §4; §4.1"),
            Fact("levels[1].parent", "y", "haandbog §4.1; §4.2"),
            Fact("budget", "z", "note"),
        ),
    )
    assert cited(cell) == "haandbog §4; §4.1; §4.2; note"


def test_latex_escapes_the_arrows_and_guillemets_of_citations() -> None:
    assert latex_escape("Roller › Ledere → ≥ 1–2") == ("Roller \\guilsinglright{} Ledere $\\rightarrow$ $\\geq$ 1--2")
