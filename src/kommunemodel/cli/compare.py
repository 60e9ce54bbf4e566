"""`kommunemodel compare`: the models side by side, metric by metric, with citation trails."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import OK, warn_plugins
from .options import add_swap, swapped

FORMATS = ("text", "markdown", "latex", "csv", "json", "html", "qca")


def cmd_compare(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Compare models side by side: metrics as rows, models as columns, every value traced to its facts."""
    from ..api import catalogue, load_model
    from ..compare.registry import collect_metrics
    from ..compare.render import RENDERERS, explain
    from ..compare.table import compare
    from ..plugins import every_failure, get_plugin_manager

    manager = get_plugin_manager()
    metrics = collect_metrics(manager)
    names = list(args.models) or catalogue(manager).ids()
    if args.swap:
        # Each model next to its counterfactual, so the swap's effect reads across one row.
        names = [name for base in names for name in (base, swapped(base, args.swap))]
    names = list(dict.fromkeys(names))  # a model named twice is one column
    ids = [item.strip() for item in ",".join(args.metrics).split(",") if item.strip()] if args.metrics else None
    if args.explain:
        ids = [args.explain]
    chosen = metrics.select(ids)
    models = [load_model(name, manager) for name in names]
    comparison = compare(models, chosen, metrics.origin)
    warn_plugins(every_failure(catalogue(manager).errors, metrics.errors), stderr)
    for metric_id, model_id, failure in comparison.failures:
        owner = metrics.origin.get(metric_id, "?")
        print(f"warning: metric {metric_id} ({owner}) failed on {model_id}: {failure}", file=stderr)
    if args.explain:
        stdout.write(explain(comparison, args.explain, args.lang))
    else:
        stdout.write(RENDERERS[args.format](comparison, args.lang))
    return OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add `compare`."""
    parser = commands.add_parser(
        "compare",
        help="compare models side by side",
        description=cmd_compare.__doc__,
        epilog="An unknown is shown as 'not described' (da: 'ikke beskrevet'), never as 0 or an empty cell.",
    )
    parser.add_argument(
        "models", nargs="*", metavar="ID-or-FILE", help="models to compare (default: every installed model)"
    )
    parser.add_argument("--metrics", action="append", default=[], metavar="IDS", help="only these metrics, by id")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--lang", choices=("da", "en"), default="en")
    parser.add_argument("--explain", metavar="METRIC", help="print how METRIC was computed: each fact and citation")
    add_swap(parser)
    parser.set_defaults(run=cmd_compare)
