"""The command line: parses arguments, calls the API, renders. No logic of its own."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import InputError, KommunemodelError, UnknownModelError, UnknownRuleError

if TYPE_CHECKING:
    from .plugins import PluginManager
    from .rules import RuleSet

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


def _rules(stderr: TextIO) -> tuple[PluginManager, RuleSet]:
    """The plugin manager and every rule it collects; plugins that failed are named on stderr."""
    from .plugins import get_plugin_manager
    from .rules import collect_rules

    manager = get_plugin_manager()
    rules = collect_rules(manager)
    _warn_plugins(manager.errors, stderr)
    return manager, rules


def cmd_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Check model files, models by id, and year files against the model they name; print the findings."""
    from .api import Checker
    from .rules import Selection, Severity, render

    manager, rules = _rules(stderr)
    checker = Checker(manager, Selection.parse(args.select, args.ignore, rules), args.model, rules)
    reports = []
    unreadable = False
    for target in args.files:
        try:
            reports.append(checker.check(target))
        except InputError as error:
            print(error, file=stderr)
            unreadable = True
        except UnknownModelError as error:
            print(f"kommunemodel: {target}: {error}", file=stderr)
            unreadable = True
    for report in reports:
        _warn_plugins(report.crashes, stderr)
    writers = {
        "json": lambda: render.to_json(reports, rules),
        "sarif": lambda: render.sarif(reports, rules, __version__),
        "github": lambda: render.github(reports, rules),
        "text": lambda: render.text(reports) if reports else "",
    }
    stdout.write(writers[args.format]())
    if unreadable:
        return UNREADABLE
    fail_on = Severity(args.fail_on)
    return FINDINGS if any(report.at_least(fail_on) for report in reports) else OK


def cmd_rules(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """List every rule: the core's and the installed plugins'."""
    from .rules import render

    _manager, rules = _rules(stderr)
    writer = {"json": render.rules_json, "markdown": render.rules_markdown, "text": render.rules_text}[args.format]
    stdout.write(writer(rules))
    return OK


def cmd_rule(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Explain one rule: what it checks, why it matters, an example, and what to write instead."""
    from .rules import render

    _manager, rules = _rules(stderr)
    stdout.write(render.explain(rules.get(args.code)))
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

    check = commands.add_parser(
        "check",
        help="check models and year files",
        description=cmd_check.__doc__,
        epilog="exit status: 0 no findings at the --fail-on level, 1 findings at or above it, 2 an input unreadable",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a model file, a model id, or a year file")
    check.add_argument("--model", metavar="ID-or-FILE", help="check year files against this model instead")
    check.add_argument("--select", action="append", default=[], metavar="CODES", help="only these codes or prefixes")
    check.add_argument(
        "--ignore", action="append", default=[], metavar="CODES", help="leave out these codes or prefixes"
    )
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument("--fail-on", choices=("error", "warning"), default="error", help="default: error")
    check.set_defaults(run=cmd_check)

    rule_list = commands.add_parser("rules", help="list the rules", description=cmd_rules.__doc__)
    rule_list.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rule_list.set_defaults(run=cmd_rules)

    explain = commands.add_parser("rule", help="explain one rule", description=cmd_rule.__doc__)
    explain.add_argument("code", metavar="CODE", help="a rule code, e.g. KM101")
    explain.set_defaults(run=cmd_rule)
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
    except (UnknownModelError, UnknownRuleError) as error:
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
