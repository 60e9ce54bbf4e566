"""The command line: parses arguments, calls the API, renders. No logic of its own."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from .. import __version__
from ..errors import (
    ComposeError,
    InputError,
    KommunemodelError,
    UnknownMetricError,
    UnknownModelError,
    UnknownRuleError,
)

#: Exit statuses, as linters use them.
OK, FINDINGS, UNREADABLE = 0, 1, 2


def warn_plugins(errors: Sequence[KommunemodelError], stderr: TextIO) -> None:
    """Name on stderr each plugin that failed, after the work that met it."""
    for error in errors:
        print(f"warning: {error}", file=stderr)


#: The modules that add top-level commands, each through its `register(commands)`, in the order of `--help`.
COMMAND_MODULES: tuple[str, ...] = ("models", "checking", "compare", "simulate", "plotting", "plugins")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="kommunemodel",
        description="Validate, simulate and compare the steering models of Danish municipalities.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(commands)
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
    except (UnknownModelError, UnknownRuleError, UnknownMetricError, ComposeError) as error:
        print(f"kommunemodel: {error}", file=stderr)
        return UNREADABLE
    except BrokenPipeError:
        return OK
    except Exception as error:  # a bug must still not greet the user with a traceback
        if os.environ.get("KOMMUNEMODEL_DEBUG"):
            raise
        print(
            f"kommunemodel: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in kommunemodel or a plugin; run again with KOMMUNEMODEL_DEBUG=1 for the traceback.",
            file=stderr,
        )
        return UNREADABLE


def entry() -> None:
    """The console script."""
    sys.exit(main())
