"""The command line: parses arguments, calls the API, renders. No logic of its own."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

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
#: Commands run often enough that their parser is built from their own module alone (start-up speed); any other
#: command, and `--help`, builds every command's parser.
FAST_COMMANDS: dict[str, str] = {"list": "models", "show": "models", "check": "checking"}


class _Version(argparse.Action):
    """`--version`: reads the installed version only when asked, not for every command."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from .. import __version__

        print(f"{parser.prog} {__version__}")  # on stdout, as argparse's own version action prints
        parser.exit()


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of `modules` (by default every subcommand)."""
    parser = argparse.ArgumentParser(
        prog="kommunemodel",
        description="Validate, simulate and compare the steering models of Danish municipalities.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    given = list(sys.argv[1:] if argv is None else argv)
    command = next((word for word in given if not word.startswith("-")), None)
    if command in FAST_COMMANDS:
        modules: Sequence[str] = (FAST_COMMANDS[command],)
    elif command is None and "--version" in given and not {"-h", "--help"} & set(given):
        modules = ()  # the version alone needs no command's parser
    else:
        modules = COMMAND_MODULES
    parser = build_parser(modules)
    args = parser.parse_args(given)
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
