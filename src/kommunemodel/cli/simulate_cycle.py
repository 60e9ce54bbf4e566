"""`kommunemodel simulate calendar|cascade|load`: the annual cycle, the goal cascade and the load of a year."""

from __future__ import annotations

import argparse
import datetime
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from . import OK, UNREADABLE, warn_plugins


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year like 2024, got {text!r}") from None
    if not 1900 <= value <= 2999:
        raise argparse.ArgumentTypeError(f"expected a year between 1900 and 2999, got {value}")
    return value


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {text!r}") from None


def _date_range(text: str) -> tuple[datetime.date, datetime.date]:
    start, colon, end = text.partition(":")
    if not colon:
        raise argparse.ArgumentTypeError(f"expected FROM:TO, like 2019-01-01:2019-12-31, got {text!r}")
    first, last = _date(start), _date(end)
    if last < first:
        raise argparse.ArgumentTypeError(f"the range ends ({last}) before it starts ({first})")
    return first, last


def _emit(content: str | bytes, out: str | None, stdout: TextIO) -> None:
    """Write to `out` atomically (a temporary file beside it, then os.replace), or to stdout."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if out is None:
        if isinstance(content, bytes):
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                stdout.flush()
                buffer.write(data)
                buffer.flush()
                return
            stdout.write(content.decode("utf-8"))
            return
        stdout.write(content)
        return
    target = Path(out)
    handle, temporary = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _model(args: argparse.Namespace, stderr: TextIO) -> Any:
    from ..api import catalogue, load_model
    from ..plugins import get_plugin_manager

    manager = get_plugin_manager()
    model = load_model(args.model, manager)
    warn_plugins(catalogue(manager).errors, stderr)  # the models hook is called once per manager
    return model


def _refuse(stderr: TextIO, message: str) -> int:
    print(f"kommunemodel: {message}", file=stderr)
    return UNREADABLE


def cmd_calendar(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Expand the model's cycle into dated occurrences for every year from --from to --to."""
    if args.to < args.start:
        return _refuse(stderr, f"--to {args.to} lies before --from {args.start}")
    model = _model(args, stderr)
    overrides = {}
    if args.year_file:
        from ..year.load import load_year_file

        for path in args.year_file:
            year = load_year_file(path)
            if year.national is not None:
                overrides[year.year] = year.national
    from ..simulate.calendar import calendar
    from ..simulate.calendar_render import render

    result = calendar(model, range(args.start, args.to + 1), overrides)
    _emit(render(result, args.format), args.out, stdout)
    return OK


def cmd_cascade(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Follow a goal the council adopts down the document chain to the units, with the latency."""
    import json

    model = _model(args, stderr)
    from ..simulate.cascade import cascade, cascade_range, range_record, render_range_text, render_text, to_record

    if args.adopted_range is not None:
        start, end = args.adopted_range
        distribution = cascade_range(model, start, end)
        if args.format == "json":
            content = json.dumps(range_record(distribution), ensure_ascii=False, indent=2) + "\n"
        else:
            content = render_range_text(distribution)
    else:
        result = cascade(model, args.adopted)
        if args.format == "json":
            content = json.dumps(to_record(result), ensure_ascii=False, indent=2) + "\n"
        else:
            content = render_text(result)
    _emit(content, args.out, stdout)
    return OK


def cmd_load(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Meetings per body and role, the busiest weeks and the political touchpoints with units in one year."""
    import json

    model = _model(args, stderr)
    from ..simulate.load import render_text, summary, to_record

    result = summary(model, args.year)
    content = json.dumps(to_record(result), ensure_ascii=False, indent=2) + "\n"
    _emit(content if args.format == "json" else render_text(result), args.out, stdout)
    return OK


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("model", metavar="ID-or-FILE", help="a model id from `kommunemodel list`, or a model file")
    parser.add_argument("--format", choices=formats, default="text")
    parser.add_argument("--out", metavar="FILE", help="write here (atomically) instead of to stdout")


def register(simulations: argparse._SubParsersAction) -> None:
    """Add `simulate calendar`, `simulate cascade` and `simulate load`."""
    cal = simulations.add_parser(
        "calendar", help="the annual cycle as dated occurrences", description=cmd_calendar.__doc__
    )
    _common(cal, ("text", "csv", "json", "ics"))
    cal.add_argument("--from", dest="start", type=_year, required=True, metavar="YEAR")
    cal.add_argument("--to", type=_year, required=True, metavar="YEAR")
    cal.add_argument(
        "--year-file",
        action="append",
        metavar="FILE",
        help="a year file (kommunemodel-year/1) whose [national] table overrides a frame fact for its year",
    )
    cal.set_defaults(run=cmd_calendar)

    cas = simulations.add_parser(
        "cascade", help="how long a council goal takes to bind a unit", description=cmd_cascade.__doc__
    )
    _common(cas, ("text", "json"))
    when = cas.add_mutually_exclusive_group(required=True)
    when.add_argument("--adopted", type=_date, metavar="YYYY-MM-DD", help="the day the council adopts the goal")
    when.add_argument(
        "--adopted-range",
        type=_date_range,
        metavar="FROM:TO",
        help="every adoption day of a span: the latency's min, median and max",
    )
    cas.set_defaults(run=cmd_cascade)

    load = simulations.add_parser("load", help="meetings per body and role in one year", description=cmd_load.__doc__)
    _common(load, ("text", "json"))
    load.add_argument("--year", type=_year, required=True)
    load.set_defaults(run=cmd_load)
