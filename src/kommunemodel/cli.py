"""The command line: parses arguments, calls the API, renders. No logic of its own."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from .errors import InputError, KommunemodelError, UnknownModelError

#: Exit statuses, as linters use them.
OK, FINDINGS, UNREADABLE = 0, 1, 2


def _warn_plugins(errors: Sequence[KommunemodelError], stderr: TextIO) -> None:
    for error in errors:
        print(f"warning: {error}", file=stderr)


def cmd_list(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """List the models the installed plugins provide."""
    from .api import catalogue

    found = catalogue()
    _warn_plugins(found.errors, stderr)
    rows = [
        {"id": entry.id, "name": entry.model.name, "distribution": entry.distribution, "version": entry.version}
        for entry in found.entries
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=stdout)
    else:
        from tabulate import tabulate

        print(tabulate(rows, headers="keys") if rows else "no models installed", file=stdout)
    return OK


def cmd_show(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Show one model as a summary, or whole as JSON or TOML."""
    from .api import load_model
    from .plugins import get_plugin_manager

    manager = get_plugin_manager()
    model = load_model(args.model, manager)
    _warn_plugins(manager.errors, stderr)
    if args.format == "json":
        from .io import dumps_json

        stdout.write(dumps_json(model))
    elif args.format == "toml":
        from .io import dumps_toml

        stdout.write(dumps_toml(model))
    else:
        from .report.summary import summary

        stdout.write(summary(model))
    return OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="kommunemodel",
        description="Validate, simulate and compare the steering models of Danish municipalities.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list the available models", description=cmd_list.__doc__)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=cmd_list)

    show = commands.add_parser("show", help="show one model", description=cmd_show.__doc__)
    show.add_argument("model", metavar="ID-or-FILE", help="a model id from `kommunemodel list`, or a model file")
    show.add_argument("--format", choices=("text", "json", "toml"), default="text")
    show.set_defaults(run=cmd_show)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(stdout)
        return UNREADABLE
    try:
        return run(args, stdout, stderr)
    except InputError as error:
        print(error, file=stderr)
        return UNREADABLE
    except UnknownModelError as error:
        print(f"kommunemodel: {error}", file=stderr)
        return UNREADABLE
    except BrokenPipeError:
        return OK


def entry() -> None:
    """The console script."""
    sys.exit(main())
