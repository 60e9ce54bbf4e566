"""The commands that draw: `plot wheel|hierarchy|chain|budget|compare` and `report` (matplotlib loads only here)."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import OK, UNREADABLE, warn_plugins

if TYPE_CHECKING:
    from ..model import SteeringModel
    from ..report.plots.style import Drawing

KINDS = ("wheel", "hierarchy", "chain", "budget", "compare")


def _this_year() -> int:
    return datetime.date.today().year


def _figure_target(out: str) -> Path | str:
    """The --out path, or the one-line reason it cannot be written."""
    target = Path(out)
    if target.suffix.lower() not in (".svg", ".png"):
        return f"{out}: a figure is written as .svg or .png"
    if not target.absolute().parent.is_dir():
        return f"{out}: the directory {target.absolute().parent} does not exist"
    if target.is_dir():
        return f"{out}: is a directory"
    return target


def cmd_plot(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Draw one figure of one model (or, for `compare`, of several) into an SVG or PNG file."""
    from ..api import catalogue, load_model
    from ..plugins import get_plugin_manager

    target = _figure_target(args.out)
    if isinstance(target, str):
        print(f"kommunemodel: {target}", file=stderr)
        return UNREADABLE
    if args.kind != "compare" and len(args.models) != 1:
        print(f"kommunemodel: plot {args.kind} draws one model (got {len(args.models)})", file=stderr)
        return UNREADABLE
    manager = get_plugin_manager()
    models = [load_model(name, manager) for name in args.models]
    try:
        drawing = _draw(args, models, stderr)
    except ImportError as error:
        print(f"kommunemodel: plot {args.kind} needs a part this installation lacks: {error}", file=stderr)
        return UNREADABLE
    finally:
        warn_plugins(catalogue(manager).errors, stderr)  # after the work that met them
    if drawing is None:
        return UNREADABLE
    from ..report.plots.style import save

    save(drawing, target)
    print(f"wrote {target}", file=stdout)
    return OK


def _draw(args: argparse.Namespace, models: list[SteeringModel], stderr: TextIO) -> Drawing | None:
    """The drawing `args` asks for, or None after saying on stderr why it cannot be drawn."""
    from ..report.plots import diagrams

    model = models[0]
    if args.kind == "wheel":
        from ..report.plots.wheel import draw_wheel, wheel_of

        return draw_wheel(wheel_of(model, args.year), args.lang)
    if args.kind == "hierarchy":
        return diagrams.hierarchy(model, args.lang)
    if args.kind == "chain":
        return diagrams.chain(model, args.lang)
    if args.kind == "budget":
        from ..report.budget import simulate_for_report

        result, reason = simulate_for_report(model, args.runs, args.seed, args.assume)
        if result is None:
            print(f"kommunemodel: {model.id}: {reason}", file=stderr)
            return None
        from ..report.plots.fan import fan

        return fan(result, args.lang)
    from ..report.comparison import comparison_chart

    return comparison_chart(models, args.lang)


def cmd_report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write one self-contained HTML page comparing the models, with every figure inline."""
    from ..api import available_models, catalogue, load_model
    from ..plugins import get_plugin_manager
    from ..report import html
    from ..report.budget import budget_for_report
    from ..report.comparison import comparison_for_report

    manager = get_plugin_manager()
    names = args.models or available_models(manager)
    if not names:
        print("kommunemodel: no models to report on: none is installed and none was named", file=stderr)
        return UNREADABLE
    models = [load_model(name, manager) for name in names]
    inputs = [name for name in names if Path(name).exists()]
    page = html.build(
        models,
        args.lang,
        args.year,
        budget_for_report(args.runs, args.seed, args.assume),
        comparison_for_report,
    )
    try:
        index = html.write(page, args.out, inputs)
    except html.ReportError as error:
        print(f"kommunemodel: {error}", file=stderr)
        return UNREADABLE
    finally:
        warn_plugins(catalogue(manager).errors, stderr)  # after the work that met them
    print(f"wrote {index}", file=stdout)
    return OK


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("da", "en"), default="en", help="labels in Danish or English")
    parser.add_argument("--year", type=int, default=_this_year(), help="the year of the wheel (default: this year)")
    parser.add_argument("--runs", type=int, default=2000, help="budget simulation runs (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="budget simulation seed: the same seed, the same file")
    parser.add_argument(
        "--assume",
        metavar="PROFILE",
        default=None,
        help="an assumption profile for budget rules the source leaves undescribed (named and printed)",
    )


def register(commands: argparse._SubParsersAction) -> None:
    """Add `plot` and `report`."""
    plot = commands.add_parser("plot", help="draw a figure of a model as SVG or PNG", description=cmd_plot.__doc__)
    plot.add_argument("kind", choices=KINDS, help="which figure")
    plot.add_argument("models", nargs="+", metavar="ID-or-FILE", help="the model (several for `compare`)")
    plot.add_argument("--out", required=True, metavar="FILE", help="the figure file: .svg or .png")
    _common(plot)
    plot.set_defaults(run=cmd_plot)

    report = commands.add_parser(
        "report", help="write a self-contained HTML report of models", description=cmd_report.__doc__
    )
    report.add_argument("models", nargs="*", metavar="ID-or-FILE", help="models to report on (default: every one)")
    report.add_argument("--out", required=True, metavar="DIR", help="the directory to write index.html into")
    _common(report)
    report.set_defaults(run=cmd_report)
