"""How fast the command line starts and answers, against the floor of starting Python at all.

Run: python benchmarks/bench_cli.py [--repeat R]

Each command runs as a user runs it, in a fresh process, and is timed as the best of R runs (default 7).
Every figure is printed beside the floor measured in the same run: `python -c pass`, and for commands that
read the bundled models, that plus parsing their four model.toml files with tomli. Not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

SCRIPT = str(Path(sys.executable).parent / "kommunemodel")
MODELS = ("helsingoer", "hvidovre", "ishoej", "skanderborg")
PARSE_MODELS = "import tomli\n" + "".join(
    f"tomli.loads(open({str(files(f'kommunemodel_{name}').joinpath('model.toml'))!r}, encoding='utf-8').read())\n"
    for name in MODELS
)

COMMANDS: list[tuple[str, list[str]]] = [
    ("floor: python -c pass", [sys.executable, "-c", "pass"]),
    ("floor: parse the 4 models", [sys.executable, "-c", PARSE_MODELS]),
    ("import kommunemodel", [sys.executable, "-c", "import kommunemodel"]),
    ("kommunemodel --version", [SCRIPT, "--version"]),
    ("kommunemodel list", [SCRIPT, "list"]),
    ("kommunemodel show helsingoer", [SCRIPT, "show", "helsingoer"]),
    ("kommunemodel check helsingoer", [SCRIPT, "check", "helsingoer"]),
    ("kommunemodel check (all four)", [SCRIPT, "check", *MODELS]),
]


def best(command: list[str], repeat: int) -> float:
    """The fastest of `repeat` runs of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time every command and print the table of ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"kommunemodel CLI start-up, best of {args.repeat} runs")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    measured = {label: best(command, args.repeat) for label, command in COMMANDS}
    python, parse = measured["floor: python -c pass"], measured["floor: parse the 4 models"]
    print(f"{'command':34} {'time':>8}  {'÷ python':>9}  {'÷ parse':>8}")
    for label, seconds in measured.items():
        print(f"{label:34} {seconds:7.3f}s  {seconds / python:9.1f}  {seconds / parse:8.1f}")


if __name__ == "__main__":
    main()
