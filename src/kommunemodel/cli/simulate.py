"""`kommunemodel simulate`: the group whose subcommands run the simulations."""

from __future__ import annotations

import argparse
import importlib
from typing import TextIO

from . import UNREADABLE

#: The modules that add `simulate` subcommands, each through its `register(simulations)`.
SIMULATION_MODULES: tuple[str, ...] = ("simulate_cycle", "simulate_budget")


def register(commands: argparse._SubParsersAction) -> None:
    """Add `simulate` and every simulation registered under it."""
    simulate = commands.add_parser(
        "simulate",
        help="simulate the annual cycle or the budget rules of a model",
        description="Simulate a model: see `kommunemodel simulate SIMULATION --help`.",
    )
    simulations = simulate.add_subparsers(dest="simulation", metavar="SIMULATION")

    def usage(_args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
        simulate.print_help(stdout)
        return UNREADABLE

    simulate.set_defaults(run=usage)
    for name in SIMULATION_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(simulations)
