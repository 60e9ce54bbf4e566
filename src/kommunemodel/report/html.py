"""The self-contained HTML report: the comparison and, per model, its figures, summary and gaps (Jinja2)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..errors import KommunemodelError
from ..model import Allocation, CarryOver, SteeringModel, Unknown
from ..model.source import Citation
from . import words
from .gaps import Gap, GapGroup, grouped, undescribed
from .plots.labels import Lang, word

#: The file a report directory holds besides index.html, so that `report --out` knows it may replace it.
MARKER = ".kommunemodel-report"


class ReportError(KommunemodelError):
    """Raised when a report cannot be written where it was asked for (the reason is the message)."""


@frozen
class Figure:
    """One figure on the page: its kind (for the anchor), caption and inline SVG markup."""

    kind: str
    caption: str
    svg: Markup
    file: str


@frozen
class Fact:
    """One line of a model's key facts, with the citation it rests on ("" where the model gives none)."""

    label: str
    value: str
    cited: str


@frozen
class Section:
    """Everything the page says about one model."""

    id: str
    name: str
    philosophy: str
    sources: tuple[str, ...]
    facts: tuple[Fact, ...]
    figures: tuple[Figure, ...]
    # Figures that could not be drawn here: (kind, why).
    missing: tuple[tuple[str, str], ...]
    budget: Any
    budget_reason: str
    gaps: tuple[Gap, ...]
    summary: str

    @property
    def gap_groups(self) -> list[GapGroup]:
        """The gaps by the item they belong to, one table row each."""
        return grouped(list(self.gaps))


@frozen
class Page:
    """The whole report, computed; `render` turns it into HTML."""

    lang: Lang
    title: str
    year: int
    sections: tuple[Section, ...]
    comparison: Markup | None
    comparison_figure: Figure | None
    comparison_reason: str
    version: str = __version__


def _cite(source: Citation | None) -> str:
    return str(source) if source else ""


def _value(item: object, lang: Lang) -> str:
    return word("not_described", lang) if isinstance(item, Unknown) else words.value(item)


def facts(model: SteeringModel, lang: Lang) -> tuple[Fact, ...]:
    """The facts a reader takes in first, each with its citation."""
    town = model.municipality
    budget = model.budget
    rows = [
        Fact(word("philosophy", lang), _value(town.philosophy, lang), _cite(town.source)),
        Fact(word("levels", lang), str(len(model.levels)), ""),
        Fact(word("bodies_count", lang), str(len(model.bodies)), ""),
        Fact(word("roles", lang), str(len(model.roles)), ""),
        Fact(word("documents_count", lang), str(len(model.documents)), ""),
        Fact(word("events_count", lang), str(len(model.events)), ""),
    ]
    allocation = budget.allocation
    rows.append(
        Fact(word("allocation", lang), words.value(allocation.route), _cite(allocation.source))
        if isinstance(allocation, Allocation)
        else Fact(word("allocation", lang), word("not_described", lang), "")
    )
    carry = budget.carry_over
    if isinstance(carry, CarryOver):
        text = f"surplus {words.fraction(carry.surplus_cap)}, deficit {words.fraction(carry.deficit_cap)}"
        if carry.repayment_plan_above is not None:
            text += f", repayment plan above {words.fraction(carry.repayment_plan_above)}"
        rows.append(Fact(word("carry_over", lang), text, _cite(carry.source)))
    else:
        rows.append(Fact(word("carry_over", lang), word("not_described", lang), ""))
    if isinstance(budget.thresholds, Unknown):
        rows.append(Fact(word("thresholds", lang), word("not_described", lang), ""))
    else:
        for threshold in budget.thresholds:
            rows.append(
                Fact(
                    word("thresholds", lang),
                    f"{threshold.measure.value.replace('_', ' ')} above {words.fraction(threshold.above)}: "
                    f"{threshold.consequence}",
                    _cite(threshold.source),
                )
            )
    # The national frame: what the law sets for every municipality, unless the model's file says otherwise.
    from ..model.national import inherited_facts

    for inherited in inherited_facts(model):
        value = str(inherited.value) + (f" ({word('from_frame', lang)})" if inherited.from_frame else "")
        rows.append(Fact(inherited.name, value, inherited.citation))
    return tuple(rows)


def _figure(kind: str, model_id: str, draw: Callable[[], Any]) -> Figure:
    from .plots.style import inline_svg

    drawing = draw()
    name = f"{model_id}-{kind}"
    return Figure(kind, drawing.title, Markup(inline_svg(drawing, name)), f"figures/{name}.svg")


def section(model: SteeringModel, lang: Lang, year: int, budget: Callable[[SteeringModel], Any] | None) -> Section:
    """One model's part of the page: key facts, wheel, hierarchy, chain, budget simulation and gaps."""
    from .plots import diagrams
    from .plots.wheel import draw_wheel, wheel_of
    from .summary import summary

    figures: list[Figure] = []
    missing: list[tuple[str, str]] = []
    try:
        figures.append(_figure("wheel", model.id, lambda: draw_wheel(wheel_of(model, year), lang)))
    except ImportError:
        missing.append(("wheel", "this installation has no calendar simulation (kommunemodel.simulate.calendar)"))
    figures.append(_figure("hierarchy", model.id, lambda: diagrams.hierarchy(model, lang)))
    figures.append(_figure("chain", model.id, lambda: diagrams.chain(model, lang)))
    result, reason = (None, "not asked for") if budget is None else budget(model)
    if result is not None:
        from .plots.fan import fan

        figures.append(_figure("budget", model.id, lambda: fan(result, lang)))
    return Section(
        model.id,
        model.name,
        _value(model.municipality.philosophy, lang),
        tuple(f"{source.title}" + (f" ({source.date})" if source.date else "") for source in model.sources),
        facts(model, lang),
        tuple(figures),
        tuple(missing),
        result,
        reason,
        tuple(undescribed(model)),
        summary(model),
    )


def build(
    models: Sequence[SteeringModel],
    lang: Lang = "en",
    year: int = 2025,
    budget: Callable[[SteeringModel], Any] | None = None,
    comparison: Callable[[Sequence[SteeringModel], Lang], tuple[Markup | None, Any, str]] | None = None,
) -> Page:
    """Compute the report of `models`: every figure drawn, every table filled, nothing rendered yet."""
    names = ", ".join(model.name for model in models)
    table, chart, reason = (None, None, "") if comparison is None else comparison(models, lang)
    chart_figure = None
    if chart is not None:
        from .plots.style import inline_svg

        chart_figure = Figure("compare", chart.title, Markup(inline_svg(chart, "compare")), "figures/compare.svg")
    return Page(
        lang,
        word("page_title", lang, names=names),
        year,
        tuple(section(model, lang, year, budget) for model in models),
        table,
        chart_figure,
        reason,
    )


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("kommunemodel.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["word"] = word
    return environment


def render(page: Page) -> str:
    """The page as one HTML document: figures inline, styles inline, no script, no request to any host."""
    return _environment().get_template("index.html.j2").render(page=page, lang=page.lang)


def _holds(directory: Path, file: Path) -> bool:
    try:
        file.resolve().relative_to(directory.resolve())
    except ValueError:
        return False
    return True


def write(page: Page, out: str | Path, inputs: Sequence[str | Path] = ()) -> Path:
    """Write index.html and each figure as SVG into `out`, atomically: built beside it, then renamed into place.

    Refuses (ReportError) a directory that holds one of `inputs`, a path that is a file, and a directory that
    holds files but is not an earlier report, so that a report never replaces what it did not write.
    """
    target = Path(out)
    for item in inputs:
        if Path(item).exists() and _holds(target, Path(item)):
            raise ReportError(f"{target}: refusing to write the report into a directory that holds an input ({item})")
    if target.exists() and not target.is_dir():
        raise ReportError(f"{target}: exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise ReportError(f"{target}: holds files that are not an earlier kommunemodel report; choose another --out")
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        (building / "figures").mkdir()
        (building / "index.html").write_text(render(page), encoding="utf-8")
        figures = [figure for section in page.sections for figure in section.figures]
        if page.comparison_figure is not None:
            figures.append(page.comparison_figure)
        for figure in figures:
            (building / figure.file).write_text(_standalone(figure.svg), encoding="utf-8")
        (building / MARKER).write_text(f"written by kommunemodel {__version__}\n", encoding="utf-8")
        os.chmod(building, 0o777 & ~_umask())
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, old / "report")
            os.replace(building, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return target / "index.html"


def _standalone(svg: str) -> str:
    return '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + str(svg)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
