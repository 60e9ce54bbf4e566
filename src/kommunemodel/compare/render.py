"""Renderers over a Comparison: text, Markdown, LaTeX, CSV, JSON, HTML, a QCA crisp-set matrix, and explanations."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from ..model.source import Unknown
from .metric import NOT_DESCRIBED_LABEL, Lang, Metric, MetricValue, Range
from .table import Comparison

SCHEMA = "kommunemodel-comparison/1"
QCA_SCHEMA = "kommunemodel-qca/1"

_HEADINGS: dict[Lang, tuple[str, str]] = {"da": ("nøgletal", "enhed"), "en": ("metric", "unit")}


def _number(value: float, lang: Lang, decimals: int = 2) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "da" else text


def _scalar(metric: Metric, value: float, lang: Lang) -> str:
    if metric.unit == "share":
        return _number(round(value * 100, 1), lang, 1) + "%"
    return _number(value, lang)


def format_value(metric: Metric, cell: MetricValue, lang: Lang = "en") -> str:
    """A cell as a reader sees it: "3", "8–10", "≥ 6", "5%", "direct from the council", "not described"."""
    value = cell.value
    if isinstance(value, Unknown):
        return NOT_DESCRIBED_LABEL[lang]
    if isinstance(value, str):
        return metric.category_label(value, lang)
    if isinstance(value, Range):
        if value.high is None:
            return "≥ " + _scalar(metric, value.low, lang)
        return _scalar(metric, value.low, lang) + "–" + _scalar(metric, value.high, lang)
    return _scalar(metric, value, lang)


def machine_value(cell: MetricValue) -> float | str | dict[str, float | None] | None:
    """A cell's value for JSON: a number, a category key, {low, high} for a range, None for unknown."""
    value = cell.value
    if isinstance(value, Unknown):
        return None
    if isinstance(value, Range):
        return {"low": value.low, "high": value.high}
    return value


def _rows(comparison: Comparison) -> list[tuple[Metric, tuple[MetricValue, ...]]]:
    return list(zip(comparison.metrics, comparison.cells, strict=True))


# ---------------------------------------------------------------- text and Markdown


def text(comparison: Comparison, lang: Lang = "en") -> str:
    """A plain table through tabulate, models as columns; unknowns read "not described"."""
    from tabulate import tabulate

    metric_heading, unit_heading = _HEADINGS[lang]
    headers = [metric_heading, unit_heading, *(column.id for column in comparison.columns)]
    body = [
        [metric.label(lang), metric.unit_label(lang), *(format_value(metric, cell, lang) for cell in cells)]
        for metric, cells in _rows(comparison)
    ]
    return tabulate(body, headers=headers, disable_numparse=True) + "\n"


def cited(cell: MetricValue) -> str:
    """A cell's citations grouped by source, each place once: `haandbog §3.5; §6; §6.2`."""
    places: dict[str, list[str]] = {}
    for citation in cell.citations():
        source, _, locators = citation.partition(" ")
        found = places.setdefault(source, [])
        found += [place for place in (part.strip() for part in locators.split(";")) if place and place not in found]
    return "; ".join(" ".join(filter(None, (source, "; ".join(found)))) for source, found in places.items())


def _footnote_text(comparison: Comparison, row: int, column: int, lang: Lang) -> str:
    cell = comparison.cells[row][column]
    said = cited(cell) or ("ingen kilde" if lang == "da" else "no citation")
    if cell.is_unknown and cell.reason:
        said += f" ({cell.reason})"
    return f"{comparison.columns[column].id}: {said}"


def _footnotes(comparison: Comparison, lang: Lang) -> tuple[dict[tuple[int, int], int], list[str]]:
    """A footnote number per cell with a trail or a reason, identical texts sharing one number."""
    numbers: dict[tuple[int, int], int] = {}
    texts: dict[str, int] = {}
    for row in range(len(comparison.metrics)):
        for column in range(len(comparison.columns)):
            cell = comparison.cells[row][column]
            if not cell.trail and not cell.reason:
                continue
            note = _footnote_text(comparison, row, column, lang)
            numbers[(row, column)] = texts.setdefault(note, len(texts) + 1)
    return numbers, list(texts)


def _markdown_cell(value: str) -> str:
    return value.replace("|", "\\|")


def markdown(comparison: Comparison, lang: Lang = "en") -> str:
    """A pipe table with each cell's citations as a footnote, ready to paste into a paper."""
    numbers, notes = _footnotes(comparison, lang)
    metric_heading, unit_heading = _HEADINGS[lang]
    names = [_markdown_cell(column.id) for column in comparison.columns]
    lines = [
        "| " + " | ".join([metric_heading, unit_heading, *names]) + " |",
        "| " + " | ".join(["---"] * (len(names) + 2)) + " |",
    ]
    for row, (metric, cells) in enumerate(_rows(comparison)):
        values = []
        for column, cell in enumerate(cells):
            mark = f"[^{numbers[(row, column)]}]" if (row, column) in numbers else ""
            values.append(_markdown_cell(format_value(metric, cell, lang)) + mark)
        lines.append("| " + " | ".join([_markdown_cell(metric.label(lang)), metric.unit_label(lang), *values]) + " |")
    lines.append("")
    lines += [f"[^{number}]: {_markdown_cell(note)}" for number, note in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- LaTeX

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "≥": r"$\geq$",
    "–": "--",
    "§": r"\S{}",
    "→": r"$\rightarrow$",
    "›": r"\guilsinglright{}",
    "≈": r"$\approx$",
}


def latex_escape(value: str) -> str:
    """Text safe inside a LaTeX document: every special character escaped."""
    return "".join(_LATEX.get(character, character) for character in value)


def latex(comparison: Comparison, lang: Lang = "en") -> str:
    """A `tabular` with one column per model; citations as `\\footnotemark`s, their texts after the table."""
    numbers, notes = _footnotes(comparison, lang)
    metric_heading, unit_heading = _HEADINGS[lang]
    columns = len(comparison.columns)
    lines = [
        "% kommunemodel compare --format latex; needs \\usepackage[T1]{fontenc} and \\usepackage[utf8]{inputenc}",
        "\\begin{tabular}{ll" + "l" * columns + "}",
        "\\hline",
        " & ".join(latex_escape(item) for item in (metric_heading, unit_heading, *(c.id for c in comparison.columns)))
        + " \\\\",
        "\\hline",
    ]
    for row, (metric, cells) in enumerate(_rows(comparison)):
        values = []
        for column, cell in enumerate(cells):
            mark = f"\\footnotemark[{numbers[(row, column)]}]" if (row, column) in numbers else ""
            values.append(latex_escape(format_value(metric, cell, lang)) + mark)
        lines.append(
            " & ".join([latex_escape(metric.label(lang)), latex_escape(metric.unit_label(lang)), *values]) + " \\\\"
        )
    lines += ["\\hline", "\\end{tabular}"]
    lines += [f"\\footnotetext[{number}]{{{latex_escape(note)}}}" for number, note in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- CSV, JSON, HTML


def to_csv(comparison: Comparison, lang: Lang = "en") -> str:
    """One row per metric: its id, label, unit, then one column per model (a share as a fraction, not a %)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["metric", "label", "unit", *(column.id for column in comparison.columns)])
    for metric, cells in _rows(comparison):
        writer.writerow(
            [metric.id, metric.label(lang), metric.unit, *(_csv_value(metric, cell, lang) for cell in cells)]
        )
    return buffer.getvalue()


def _csv_value(metric: Metric, cell: MetricValue, lang: Lang) -> str:
    value = cell.value
    if isinstance(value, Unknown):
        return NOT_DESCRIBED_LABEL[lang]
    if isinstance(value, str):
        return value
    if isinstance(value, Range):
        return f">={value.low:g}" if value.high is None else f"{value.low:g}..{value.high:g}"
    return f"{value:g}"


def to_json(comparison: Comparison, lang: Lang = "en") -> str:
    """The comparison as `kommunemodel-comparison/1`: per cell the value, unit, whether unknown and why, sources."""
    rows = []
    for metric, cells in _rows(comparison):
        rows.append(
            {
                "metric": metric.id,
                "label": {"da": metric.label_da, "en": metric.label_en},
                "unit": metric.unit,
                "definition": metric.definition,
                "plugin": dict(comparison.origin).get(metric.id, ""),
                "cells": [
                    {
                        "model": column.id,
                        "kind": cell.kind,
                        "value": machine_value(cell),
                        "text": format_value(metric, cell, lang),
                        "unit": metric.unit,
                        "unknown": cell.is_unknown,
                        "reason": cell.reason or None,
                        "note": cell.note,
                        "sources": [
                            {"path": fact.path, "value": fact.value, "citation": fact.citation} for fact in cell.trail
                        ],
                    }
                    for column, cell in zip(comparison.columns, cells, strict=True)
                ],
            }
        )
    document = {
        "schema": SCHEMA,
        "lang": lang,
        "models": [{"id": column.id, "name": column.name} for column in comparison.columns],
        "metrics": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_html(comparison: Comparison, lang: Lang = "en") -> str:
    """A `<table>` fragment (and its footnotes) for a page: every text from a model escaped."""
    escape = html.escape
    numbers, notes = _footnotes(comparison, lang)
    metric_heading, unit_heading = _HEADINGS[lang]
    lines = [f'<table class="kommunemodel-comparison" lang="{lang}">', "<thead><tr>"]
    lines += [f'<th scope="col">{escape(name)}</th>' for name in (metric_heading, unit_heading)]
    lines += [f'<th scope="col" title="{escape(c.name)}">{escape(c.id)}</th>' for c in comparison.columns]
    lines += ["</tr></thead>", "<tbody>"]
    for row, (metric, cells) in enumerate(_rows(comparison)):
        lines.append(f'<tr id="metric-{escape(metric.id)}">')
        lines.append(f'<th scope="row" title="{escape(metric.definition)}">{escape(metric.label(lang))}</th>')
        lines.append(f"<td>{escape(metric.unit_label(lang))}</td>")
        for column, cell in enumerate(cells):
            css = ' class="unknown"' if cell.is_unknown else ""
            mark = ""
            if (row, column) in numbers:
                number = numbers[(row, column)]
                mark = f'<sup><a href="#comparison-note-{number}">{number}</a></sup>'
            lines.append(f"<td{css}>{escape(format_value(metric, cell, lang))}{mark}</td>")
        lines.append("</tr>")
    lines += ["</tbody>", "</table>", '<ol class="kommunemodel-comparison-notes">']
    lines += [f'<li id="comparison-note-{n}">{escape(note)}</li>' for n, note in enumerate(notes, start=1)]
    lines.append("</ol>")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- QCA


def crisp(metric: Metric, cell: MetricValue) -> int | None:
    """A cell calibrated into its crisp set: 1, 0, or None where unknown or a range straddles the threshold."""
    if metric.condition is None or cell.is_unknown:
        return None
    value = cell.value
    test = metric.condition.test
    if isinstance(value, Range):
        ends = [test(value.low)] + ([test(value.high)] if value.high is not None else [])
        if value.high is None and not ends[0]:
            return None  # "at least low" may still reach the threshold
        return int(ends[0]) if all(end == ends[0] for end in ends) else None
    if isinstance(value, Unknown):
        return None
    return int(test(value))


def qca(comparison: Comparison, lang: Lang = "en") -> str:
    """A crisp-set data matrix: one row per model, one 0/1 column per condition, empty where unknown.

    Readable by R: `read.csv("matrix.csv", row.names = 1)` gives the data frame QCA's `truthTable()` takes.
    """
    calibrated = [(row, metric) for row, metric in enumerate(comparison.metrics) if metric.condition is not None]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["case", *(metric.condition.name for _row, metric in calibrated if metric.condition)])
    for column, model in enumerate(comparison.columns):
        values = [crisp(metric, comparison.cells[row][column]) for row, metric in calibrated]
        writer.writerow([model.id, *("" if value is None else value for value in values)])
    return buffer.getvalue()


# ---------------------------------------------------------------- --explain


def explain(comparison: Comparison, metric_id: str, lang: Lang = "en") -> str:
    """How one metric's value was reached for each model: every fact read, with its TOML path and citation."""
    row = [metric.id for metric in comparison.metrics].index(metric_id)
    metric = comparison.metrics[row]
    lines = [f"{metric.id}: {metric.label(lang)} ({metric.unit_label(lang)})", f"  {metric.definition}", ""]
    for column, cell in zip(comparison.columns, comparison.cells[row], strict=True):
        lines.append(f"{column.id}: {format_value(metric, cell, lang)}")
        if cell.reason:
            lines.append(f"  why: {cell.reason}")
        if cell.note:
            lines.append(f"  note: {cell.note}")
        for fact in cell.trail:
            cited = f"  [{fact.citation}]" if fact.citation else "  [no citation]"
            lines.append(f"  {fact.path} = {fact.value}{cited}")
        if not cell.trail:
            lines.append("  (no fact read)")
        lines.append("")
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[Comparison, Lang], str]] = {
    "text": text,
    "markdown": markdown,
    "latex": latex,
    "csv": to_csv,
    "json": to_json,
    "html": to_html,
    "qca": qca,
}
