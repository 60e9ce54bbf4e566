"""How fast the command line starts and answers, against the floor of starting Python at all.

Run: python benchmarks/bench_cli.py [--repeat R]

Each command runs as a user runs it, in a fresh process, and is timed as the best of R runs (default 7), after
one run that fills what a user's machine keeps between runs: Python's bytecode cache (PYTHONDONTWRITEBYTECODE
is unset for the commands) and kommunemodel's cache of structured bundled models (`io/cache.py`); one row runs
`list` with that cache turned off. Every figure is printed beside the floor measured in the same run: `python
-c pass`, and for commands that read the bundled models, that plus parsing their four model.toml files with
tomli. Not a test.
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
    ("kommunemodel list, no model cache", ["env", "KOMMUNEMODEL_NO_CACHE=1", SCRIPT, "list"]),
    ("kommunemodel show helsingoer", [SCRIPT, "show", "helsingoer"]),
    ("kommunemodel check helsingoer", [SCRIPT, "check", "helsingoer"]),
    ("kommunemodel check (all four)", [SCRIPT, "check", *MODELS]),
]


#: The commands' environment: a user's, with Python's bytecode cache on.
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def best(command: list[str], repeat: int) -> float:
    """The fastest of `repeat` runs of a command, in seconds, after one run that warms the caches."""
    times = []
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
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
    print(f"{'command':38} {'time':>8}  {'÷ python':>9}  {'÷ parse':>8}")
    for label, seconds in measured.items():
        print(f"{label:38} {seconds:7.3f}s  {seconds / python:9.1f}  {seconds / parse:8.1f}")
    print(f"\naim: kommunemodel list ≤ 8× python -c pass; measured {measured['kommunemodel list'] / python:.1f}×")


if __name__ == "__main__":
    main()
