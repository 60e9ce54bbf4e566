"""What going through pluggy's hook callers costs, and how fast `kommunemodel plugins` and `new` answer.

Run: python benchmarks/bench_plugins.py [--repeat R] [--plugins N]

Three ways of asking N plugins for their models, each the best of R runs, in one process:
- floor: calling each plugin's function directly, as a loop over a list (no plugin manager at all);
- simplest correct: each implementation's function called on its own, catching its exception (what the plugin
  manager did before it went through pluggy: no argument subsetting, no wrappers);
- `PluginManager.call`: each implementation through pluggy's own hook caller, on its own.
Then `kommunemodel plugins` and `kommunemodel new` (into a temporary folder) in fresh processes, beside
`python -c pass`. Not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

from kommunemodel import hookimpl
from kommunemodel.plugins import get_plugin_manager

SCRIPT = str(Path(sys.executable).parent / "kommunemodel")


def best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time the three ways and the two commands; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--plugins", type=int, default=5, help="how many plugins answer (default 5: the bundled four and one)"
    )
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    functions = []
    manager = get_plugin_manager(load_entry_points=False)
    for index in range(args.plugins):
        module = types.ModuleType(f"plugin{index:03d}")

        def models(index: int = index) -> list[int]:
            return [index]

        functions.append(models)
        module.kommunemodel_models = hookimpl(models)  # type: ignore[attr-defined]
        manager.register(module, name=module.__name__)

    def floor() -> list[object]:
        return [function() for function in functions]

    def simplest() -> list[object]:
        found = []
        for implementation in manager.hook.kommunemodel_models.get_hookimpls():
            try:
                found.append(implementation.function())
            except Exception:  # noqa: BLE001 - the point of the comparison
                continue
        return found

    def through_pluggy() -> object:
        manager._calls.clear()  # measure the calls, not the memo of a manager's no-argument hooks
        return manager.call("kommunemodel_models")

    rounds = 100  # of the three ways; the commands below run R times each
    floor_s = best(lambda: [floor() for _ in range(rounds)], args.repeat) / rounds
    simplest_s = best(lambda: [simplest() for _ in range(rounds)], args.repeat) / rounds
    pluggy_s = best(lambda: [through_pluggy() for _ in range(rounds)], args.repeat) / rounds
    print(f"\nasking {args.plugins} plugins for their models, best of {args.repeat} (each of {rounds} rounds)")
    print(f"{'way':34} {'time':>10}  {'÷ floor':>8}  {'÷ simplest':>10}")
    for label, seconds in (
        ("floor: direct calls", floor_s),
        ("simplest correct", simplest_s),
        ("PluginManager.call", pluggy_s),
    ):
        print(f"{label:34} {seconds * 1e6:8.1f}µs  {seconds / floor_s:8.1f}  {seconds / simplest_s:10.1f}")

    def command(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(10_000))

        def new() -> object:
            name = f"bench{next(counter)}"
            return subprocess.run(
                [SCRIPT, "new", name, "--name", "Bench Kommune", "--dir", folder, "--prefix", "BEN"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )

        python = best(command([sys.executable, "-c", "pass"]), args.repeat)
        measured = {
            "kommunemodel --version": best(command([SCRIPT, "--version"]), args.repeat),
            "kommunemodel plugins": best(command([SCRIPT, "plugins"]), args.repeat),
            "kommunemodel new (into a temp dir)": best(new, args.repeat),
        }
    print(f"\ncommands in a fresh process, best of {args.repeat}")
    print(f"{'command':34} {'time':>8}  {'÷ python -c pass':>16}  {'÷ --version':>11}")
    version = measured["kommunemodel --version"]
    for label, seconds in measured.items():
        print(f"{label:34} {seconds:7.3f}s  {seconds / python:16.1f}  {seconds / version:11.1f}")


if __name__ == "__main__":
    main()
