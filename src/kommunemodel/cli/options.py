"""Options several commands share: `--swap PART=ID`, which turns each model named into a counterfactual."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

#: The parts `--swap` accepts; kept here (not imported from compare) so that parsing stays light.
SWAP_PARTS = ("budget", "cycle", "documents", "organisation")


def _swap(text: str) -> str:
    part, equals, donor = text.partition("=")
    if not equals or not donor or part not in SWAP_PARTS:
        raise argparse.ArgumentTypeError(f"write PART=ID with PART one of {', '.join(SWAP_PARTS)} (got {text!r})")
    return f"{part}={donor}"


def add_swap(parser: argparse.ArgumentParser) -> None:
    """Add `--swap PART=ID` (repeatable) to a command."""
    parser.add_argument(
        "--swap",
        action="append",
        default=[],
        type=_swap,
        metavar="PART=ID",
        help=f"take this part ({', '.join(SWAP_PARTS)}) from model ID: a counterfactual such as budget=skanderborg",
    )


def swapped(name: str, swaps: Sequence[str]) -> str:
    """The composed id of `name` with `swaps` applied: `helsingoer` and budget=skanderborg give
    `helsingoer+budget=skanderborg`; `load_model` composes it."""
    return name + "".join(f"+{swap}" for swap in swaps)
