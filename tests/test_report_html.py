"""The HTML report: what the page holds, how it is written, and how it looks in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from kommunemodel import load_model
from kommunemodel.api import resolve
from kommunemodel.model import Span, SteeringModel
from kommunemodel.report import html
from kommunemodel.report.gaps import undescribed

from . import browser

BUNDLED = ("helsingoer", "hvidovre", "ishoej", "skanderborg")
KINDS = ("wheel", "hierarchy", "chain")


@pytest.fixture(scope="module")
def models() -> list[SteeringModel]:
    return resolve(list(BUNDLED))


@pytest.fixture(scope="module")
def page(models: list[SteeringModel]) -> html.Page:
    from kommunemodel.report.budget import budget_for_report
    from kommunemodel.report.comparison import comparison_for_report

    return html.build(models, "en", 2025, budget_for_report(200, 0, None), comparison_for_report)


@pytest.fixture(scope="module")
def report(page: html.Page, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four bundled models' report, written once for the module."""
    return html.write(page, tmp_path_factory.mktemp("report") / "out")


class Elements(HTMLParser):
    """Every element's tag and attributes, for asserting what the page holds."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attributes)))


def elements(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(text)
    return parser.elements


def test_the_page_has_a_section_per_model_with_its_facts_figures_and_gaps(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    ids = {attributes.get("id") for _tag, attributes in elements(text)}
    for model_id in BUNDLED:
        assert {model_id, f"{model_id}-facts", f"{model_id}-gaps"} <= ids
        assert {f"{model_id}-{kind}" for kind in KINDS} <= ids or f"{model_id}-wheel-missing" in ids
    assert "Helsingør Kommune" in text and "Document chain" in text


def test_the_page_needs_no_other_host_and_no_script(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    for tag, attributes in elements(text):
        assert tag not in ("script", "link", "iframe", "img", "object", "embed"), tag
        for name in ("src", "href", "action"):
            value = attributes.get(name) or ""
            assert not value or value.startswith("#"), (tag, name, value)
    assert not re.search(r"url\((?!#)", text), "a stylesheet or figure fetches something"


def test_the_figures_are_inline_svg_and_also_written_beside_the_page(report: Path, page: html.Page) -> None:
    text = report.read_text(encoding="utf-8")
    figures = [figure for section in page.sections for figure in section.figures]
    if page.comparison_figure is not None:
        figures.append(page.comparison_figure)
    assert text.count("<svg") == len(figures)
    for figure in figures:
        assert (report.parent / figure.file).read_text(encoding="utf-8").startswith("<?xml")


def test_every_undescribed_fact_is_listed_with_its_path(page: html.Page, models: list[SteeringModel]) -> None:
    helsingoer = next(section for section in page.sections if section.id == "helsingoer")
    paths = {gap.path for gap in helsingoer.gaps}
    assert "municipality.election_term_years" in paths  # Helsingør's source gives no term
    assert "budget.allocation" in paths  # its budget model is "described separately"
    assert len(helsingoer.gaps) == len(undescribed(models[0]))


def test_the_gaps_follow_the_model_not_a_list(data_dir: Path) -> None:
    model = load_model(data_dir / "minimal.toml")
    paths = [gap.path for gap in undescribed(model)]
    assert "levels[0].units" in paths and "budget.allocation" in paths
    counted = attrs.evolve(model, levels=(attrs.evolve(model.levels[0], units=Span.exactly(1)), *model.levels[1:]))
    assert "levels[0].units" not in [gap.path for gap in undescribed(counted)]


def test_a_name_from_a_model_file_is_text_on_the_page_never_markup(data_dir: Path, tmp_path: Path) -> None:
    model = load_model(data_dir / "minimal.toml")
    hostile = attrs.evolve(model, municipality=attrs.evolve(model.municipality, name="<script>alert(1)</script> & Co"))
    text = html.render(html.build([hostile], "en", 2025))
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in text


def test_the_same_models_give_the_same_page(models: list[SteeringModel], page: html.Page) -> None:
    assert html.render(html.build(models[1:2], "da", 2025)) == html.render(html.build(models[1:2], "da", 2025))


def test_a_report_replaces_an_earlier_report_whole(page: html.Page, tmp_path: Path) -> None:
    out = tmp_path / "out"
    html.write(page, out)
    (out / "figures" / "stale.svg").write_text("<svg/>", encoding="utf-8")
    html.write(page, out)
    assert not (out / "figures" / "stale.svg").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary directory left beside it


def test_a_directory_with_other_files_or_an_input_is_refused(page: html.Page, tmp_path: Path, data_dir: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(html.ReportError, match="not an earlier kommunemodel report"):
        html.write(page, mine)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(html.ReportError, match="holds an input"):
        html.write(page, data_dir.parent, [data_dir / "minimal.toml"])
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(html.ReportError, match="not a directory"):
        html.write(page, tmp_path / "file")


def test_a_failed_write_leaves_nothing_behind(page: html.Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_page: html.Page) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(html, "render", broken)
    with pytest.raises(OSError, match="disk full"):
        html.write(page, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# -- in the browser ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def opened(report: Path):  # type: ignore[no-untyped-def]
    with browser.browser() as context:
        yield browser.visit(context, report)


def test_the_page_opens_without_a_single_request_to_the_network(opened: browser.Visit, report: Path) -> None:
    assert opened.refused == []
    assert opened.requests == [report.resolve().as_uri()]


def test_every_table_is_there_and_visible(opened: browser.Visit) -> None:
    tables = opened.page.locator("table")
    assert tables.count() >= 2 * len(BUNDLED)  # each model's facts and gaps, besides comparison and budget rules
    for model_id in BUNDLED:
        assert opened.page.locator(f"#{model_id}-facts").is_visible()
    for index in range(tables.count()):
        table = tables.nth(index)
        table.scroll_into_view_if_needed()
        assert table.is_visible()
        box = table.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 40


def _figure_or_reason(opened: browser.Visit, selector: str, missing: str) -> object:
    """The figure's locator, or a skip quoting the page's own reason why this installation cannot draw it."""
    figure = opened.page.locator(selector)
    if figure.count() == 0:
        reason = opened.page.locator(missing)
        assert reason.is_visible(), f"{selector} is neither drawn nor explained"
        pytest.skip(reason.inner_text())
    return figure


def _assert_drawn(opened: browser.Visit, figure: object, selector: str) -> None:
    svg = figure.locator("svg")  # type: ignore[attr-defined]
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    # The figure's own labels are text the browser laid out, not an image.
    assert opened.page.locator(f"{selector} svg text").count() > 5


@pytest.mark.parametrize("model_id", BUNDLED)
@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_is_drawn_visible_and_readable(opened: browser.Visit, model_id: str, kind: str) -> None:
    selector = f"#{model_id}-{kind}"
    _assert_drawn(opened, _figure_or_reason(opened, selector, f"{selector}-missing"), selector)


def test_the_budget_fan_is_drawn_where_the_rules_allow_and_explained_where_not(opened: browser.Visit) -> None:
    # Skanderborg's source gives carry-over caps and thresholds; the other three leave them undescribed.
    selector = "#skanderborg-budget"
    _assert_drawn(opened, _figure_or_reason(opened, selector, "#skanderborg-budget-missing"), selector)
    assert opened.page.locator("#skanderborg-assumptions li").count() >= 1
    for model_id in ("helsingoer", "hvidovre", "ishoej"):
        assert opened.page.locator(f"#{model_id}-budget-missing").is_visible()


def test_the_comparison_table_and_chart_are_there(opened: browser.Visit) -> None:
    table = _figure_or_reason(opened, "#comparison-table", "#comparison-missing")
    assert table.locator("tbody tr").count() >= 5  # type: ignore[attr-defined]
    assert table.locator("sup a").count() >= 1  # type: ignore[attr-defined]  # citations as footnotes
    _assert_drawn(opened, opened.page.locator("#figure-compare"), "#figure-compare")


@pytest.mark.parametrize("model_id", BUNDLED)
def test_a_screenshot_of_each_model_is_kept_as_an_artefact(opened: browser.Visit, model_id: str) -> None:
    path = browser.screenshot(opened.page, f"report-{model_id}.png", f"section#{model_id}")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_top_of_the_report_is_kept_as_an_artefact(opened: browser.Visit) -> None:
    opened.page.evaluate("window.scrollTo(0, 0)")
    path = browser.screenshot(opened.page, "report.png")
    assert path.stat().st_size > 10_000
    if os.environ.get("KOMMUNEMODEL_DOCS_SCREENSHOT"):  # how docs/report.png, shown in the README, is made
        docs = Path(__file__).parent.parent / "docs"
        for name, selector, height in (("report.png", "body", 1500), ("report-skanderborg.png", "#skanderborg", 2600)):
            shutil.copyfile(browser.screenshot(opened.page, f"docs-{name}", selector, height), docs / name)
