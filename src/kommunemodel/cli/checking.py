"""The commands that check models and years and explain the rules."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from ..errors import InputError, UnknownModelError
from . import FINDINGS, OK, UNREADABLE, warn_plugins

if TYPE_CHECKING:
    from ..errors import PluginLoadError
    from ..rules import RuleSet


def _rules() -> tuple[RuleSet, list[PluginLoadError]]:
    """Every rule the installed plugins give, and every plugin that failed on the way (to name after the work)."""
    from ..api import catalogue
    from ..plugins import collect_rules, every_failure, get_plugin_manager

    manager = get_plugin_manager()
    models = catalogue(manager)
    rules = collect_rules(manager, models)
    return rules, every_failure(models.errors, rules.errors)


def cmd_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Check model files, models by id, and year files against the model they name; print the findings."""
    from ..api import Checker
    from ..rules import Selection, Severity, render

    checker = Checker(model=args.model)
    rules = checker.rules
    checker.selection = Selection.parse(args.select, args.ignore, rules)
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
    warn_plugins(checker.failures, stderr)
    for report in reports:
        warn_plugins(report.crashes, stderr)
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
    from ..rules import render

    rules, failures = _rules()
    writer = {"json": render.rules_json, "markdown": render.rules_markdown, "text": render.rules_text}[args.format]
    stdout.write(writer(rules))
    warn_plugins(failures, stderr)
    return OK


def cmd_rule(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Explain one rule: what it checks, why it matters, an example, and what to write instead."""
    from ..rules import render

    rules, failures = _rules()
    retired = rules.retired.get(args.code.upper())
    stdout.write(retired.explain(rules) if retired is not None else render.explain(rules.get(args.code)))
    warn_plugins(failures, stderr)
    return OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add `check`, `rules` and `rule`."""
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
    explain.add_argument("code", metavar="CODE", help="a rule code, e.g. KM101, or a retired one (where it went)")
    explain.set_defaults(run=cmd_rule)
