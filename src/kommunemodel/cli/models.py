"""The commands that list and show models."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from . import OK, warn_plugins


def columns(rows: list[dict[str, str]]) -> str:
    """Rows as left-aligned text columns under a dashed header, as tabulate's "simple" format sets text.

    Written out because importing tabulate (which reads its version from the installed metadata) costs more
    than the rest of `list`; every cell is text here, versions included, so none is aligned as a number.
    """
    headers = list(rows[0])
    # tabulate's width: the widest cell, or the header with its minimum padding of two
    widths = [max(len(key) + 2, *(len(str(row[key])) for row in rows)) for key in headers]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    body = [line([str(row[key]) for key in headers]) for row in rows]
    return "\n".join([line(headers), line(["-" * width for width in widths]), *body])


def cmd_list(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """List the models the installed plugins provide."""
    from ..api import catalogue

    found = catalogue()
    rows = [
        {"id": entry.id, "name": entry.model.name, "distribution": entry.distribution, "version": entry.version}
        for entry in found.entries
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=stdout)
    else:
        print(columns(rows) if rows else "no models installed", file=stdout)
    warn_plugins(found.errors, stderr)
    return OK


def cmd_show(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Show one model as a summary, or whole as JSON or TOML."""
    from ..api import catalogue, load_model
    from ..plugins import get_plugin_manager

    manager = get_plugin_manager()
    model = load_model(args.model, manager)
    failures = catalogue(manager).errors  # the models hook is called once per manager: this costs nothing more
    if args.format == "json":
        from ..io import dumps_json

        stdout.write(dumps_json(model))
    elif args.format == "toml":
        from ..io import dumps_toml

        stdout.write(dumps_toml(model))
    else:
        from ..report.summary import summary

        stdout.write(summary(model))
    warn_plugins(failures, stderr)
    return OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add `list` and `show`."""
    listing = commands.add_parser("list", help="list the available models", description=cmd_list.__doc__)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=cmd_list)

    show = commands.add_parser("show", help="show one model", description=cmd_show.__doc__)
    show.add_argument("model", metavar="ID-or-FILE", help="a model id from `kommunemodel list`, or a model file")
    show.add_argument("--format", choices=("text", "json", "toml"), default="text")
    show.set_defaults(run=cmd_show)
