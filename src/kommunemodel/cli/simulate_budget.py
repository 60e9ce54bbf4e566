"""`kommunemodel simulate budget` and `simulate sweep`: Monte Carlo of a model's budget rules, and grids of it."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import OK, UNREADABLE, warn_plugins

if TYPE_CHECKING:
    from ..model import SteeringModel


def _scenario_options(parser: argparse.ArgumentParser) -> None:
    """The options every budget simulation shares: sizes, spending, behaviour, rules, output."""
    from ..simulate.scenario import PARAMETERS  # light: no numpy
    from .options import add_swap

    parser.add_argument("model", metavar="ID-or-FILE", help="a model id, a model file, or a composed id")
    add_swap(parser)
    group = parser.add_argument_group("size")
    group.add_argument("--units", type=int, default=60, help=PARAMETERS["units"] + " (default 60)")
    group.add_argument("--years", type=int, default=4, help=PARAMETERS["years"] + " (default 4)")
    group.add_argument("--runs", type=int, default=10_000, help=PARAMETERS["runs"] + " (default 10000)")
    group.add_argument("--seed", type=int, default=1, help="the seed of every random draw (default 1)")
    spending = parser.add_argument_group("spending and behaviour")
    for name, default in (
        ("spend_mean", 1.0),
        ("spend_sd", 0.04),
        ("year_correlation", 0.0),
        ("cap_response", 0.0),
        ("surplus_response", 0.0),
        ("demand_growth", 0.0),
        ("initial_balance", 0.0),
    ):
        spending.add_argument(
            "--" + name.replace("_", "-"), type=float, default=default, help=f"{PARAMETERS[name]} (default {default:g})"
        )
    spending.add_argument("--distribution", choices=("normal", "lognormal"), default="normal")
    spending.add_argument("--repayment-years", type=int, default=3, help=PARAMETERS["repayment_years"] + " (default 3)")
    rules = parser.add_argument_group("rules")
    rules.add_argument(
        "--assume",
        metavar="NAME",
        help="fill the rules the model leaves not described from an assumption profile (a shipped name or a .toml)",
    )
    rules.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one of the model's rules for this run: surplus_cap, deficit_cap (a fraction or unlimited), "
        "repayment_plan_above, close_monitoring_above",
    )
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write there (atomically) instead of stdout")


def _scenario(args: argparse.Namespace) -> Any:
    """The Scenario the options describe; ValueError with a one-line reason."""
    from ..simulate.scenario import RULE_OVERRIDES, Scenario, parse_value

    overrides: dict[str, Any] = {}
    for text in args.rule:
        name, equals, value = text.partition("=")
        name = name.strip().replace("-", "_")
        if not equals or name not in RULE_OVERRIDES:
            raise ValueError(f"--rule wants NAME=VALUE with NAME one of {', '.join(RULE_OVERRIDES)} (got {text!r})")
        overrides[name] = parse_value(name, value)
    return Scenario(
        units=args.units,
        years=args.years,
        runs=args.runs,
        spend_mean=args.spend_mean,
        spend_sd=args.spend_sd,
        distribution=args.distribution,
        year_correlation=args.year_correlation,
        cap_response=args.cap_response,
        surplus_response=args.surplus_response,
        repayment_years=args.repayment_years,
        demand_growth=args.demand_growth,
        initial_balance=args.initial_balance,
        **overrides,
    )


@contextmanager
def _progress(total: int, unit: str, stderr: TextIO) -> Iterator[Callable[[int], Any] | None]:
    """A tqdm bar on stderr when it is a terminal; nothing otherwise (pipes, files, CI logs)."""
    if not stderr.isatty():
        yield None
        return
    from tqdm import tqdm  # type: ignore[import-untyped]

    with tqdm(total=total, unit=unit, file=stderr, leave=False) as bar:
        yield bar.update


def _emit(text: str, output: str | None, stdout: TextIO) -> None:
    """Write the rendered result to stdout, or to a file through a temp file and os.replace."""
    if output is None:
        stdout.write(text)
        return
    target = Path(output)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    except OSError as error:
        raise OSError(f"cannot write {output}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _failures() -> tuple[type[BaseException], ...]:
    """The errors that are the user's input, not a bug: reported in one line, exit 2."""
    from ..errors import BudgetRuleMissingError, ProfileFileError, UnknownProfileError

    return (ValueError, BudgetRuleMissingError, UnknownProfileError, ProfileFileError, OSError)


def _model(args: argparse.Namespace, stderr: TextIO) -> SteeringModel:
    """The model named (with its `--swap`s); the plugins that failed on the way are named on stderr."""
    from ..api import catalogue, load_model
    from ..plugins import get_plugin_manager
    from .options import swapped

    manager = get_plugin_manager()
    model = load_model(swapped(args.model, args.swap), manager)
    warn_plugins(catalogue(manager).errors, stderr)  # the plugins that failed loading it (the hook is called once)
    return model


def cmd_budget(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Simulate the budget rules of a model: units × years × runs, seeded; prints the assumptions it used."""
    model = _model(args, stderr)
    try:
        from ..simulate.budget import simulate_budget
        from ..simulate.budget_output import RENDERERS
        from ..simulate.sweep import executor_for

        scenario = _scenario(args)
        executor = executor_for(args.workers, None)
        try:
            with _progress(scenario.runs, "runs", stderr) as progress:
                result = simulate_budget(
                    model, scenario, args.seed, assume=args.assume, executor=executor, progress=progress
                )
        finally:
            if executor is not None:
                executor.shutdown()
        _emit(RENDERERS[args.format](result), args.output, stdout)
    except _failures() as error:
        print(f"kommunemodel: {error}", file=stderr)
        return UNREADABLE
    return OK


def cmd_sweep(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Simulate the budget rules over a grid of parameters, on a process pool or a Dask cluster."""
    model = _model(args, stderr)
    try:
        from ..simulate.sweep import default_workers, executor_for, grid_points, parse_axis, simulate_sweep
        from ..simulate.sweep_output import RENDERERS

        scenario = _scenario(args)
        axes = [parse_axis(text) for text in args.param]
        total = len(grid_points(axes))
        workers = args.workers if args.workers is not None else min(default_workers(), total)
        executor = executor_for(workers, args.scheduler)
        try:
            with _progress(total, "points", stderr) as progress:
                result = simulate_sweep(
                    model, axes, scenario, args.seed, assume=args.assume, executor=executor, progress=progress
                )
        finally:
            if args.scheduler is not None:
                executor.close()  # not Client.shutdown(), which would stop the user's cluster
            elif executor is not None:
                executor.shutdown()
        _emit(RENDERERS[args.format](result), args.output, stdout)
    except _failures() as error:
        print(f"kommunemodel: {error}", file=stderr)
        return UNREADABLE
    return OK


def register(simulations: argparse._SubParsersAction) -> None:
    """Add `simulate budget` and `simulate sweep`."""
    budget = simulations.add_parser(
        "budget",
        help="Monte Carlo of the model's budget rules (carry-over, repayment plans, close monitoring)",
        description=cmd_budget.__doc__,
    )
    _scenario_options(budget)
    budget.add_argument(
        "--workers", type=int, default=1, help="processes to spread the runs over (same numbers for any count)"
    )
    budget.set_defaults(run=cmd_budget)

    sweep = simulations.add_parser(
        "sweep",
        help="the budget simulation over a grid of parameters",
        description=cmd_sweep.__doc__,
    )
    _scenario_options(sweep)
    sweep.add_argument(
        "--param",
        action="append",
        required=True,
        metavar="NAME=a:b:step|x,y,z",
        help="a swept parameter (repeat for a grid): a scenario parameter or a rule such as deficit_cap",
    )
    sweep.add_argument("--workers", type=int, help="processes in the pool (default: the CPUs, at most the points)")
    sweep.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster at this address (tcp://host:8786); needs kommunemodel[dask]",
    )
    sweep.set_defaults(run=cmd_sweep)


__all__ = ["register"]
