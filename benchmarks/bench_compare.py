"""How much `kommunemodel compare` costs beside loading the models it compares, and how it grows with their number.

Run: python benchmarks/bench_compare.py [--models N] [--repeat R]

N municipalities (default 98, the number of Danish municipalities) are generated with bench_check's generator,
each of a realistic size drawn from a seeded numpy Generator: 20–150 units under their centres, a MED committee
per unit and centre, a policy per centre, and a year of follow-ups and dialogues per centre in the annual
cycle. Every step is timed as the best of R runs in this one run: parsing the texts with tomli (the floor),
loading them into models, checking them with every rule, comparing them on every metric read from the model,
the metrics that run a simulation (the goal cascade through the calendar) apart, and, beside these,
the simplest correct version of the costliest metric (undescribed_share). Printed: each step as a ratio to
loading, and each step's growth from a quarter of the models (24 of 98) to all of them, beside the growth a
linear cost would show (the growth of the model files' size). Not a test: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import tomli

sys.path.insert(0, str(Path(__file__).parent))

from bench_check import generate

from kommunemodel.compare.metrics import METRICS
from kommunemodel.compare.table import compare
from kommunemodel.io import loads_model
from kommunemodel.io.locate import SourceText
from kommunemodel.model import NOT_DESCRIBED
from kommunemodel.plugins import collect_rules, get_plugin_manager
from kommunemodel.rules import check_model

#: The metrics read from the model, and those that run a simulation (the calendar's goal cascade), timed apart.
SIMULATED = [metric for metric in METRICS if metric.compute.__module__.endswith(".simulated")]
MODEL_METRICS = [metric for metric in METRICS if metric not in SIMULATED]


def cycle(centres: int) -> str:
    """A year of follow-ups and dialogues for each centre, so the cycle metrics have events to read."""
    events = []
    for c in range(centres):
        events.append(
            f'[[events]]\nid = "opfoelgning_{c}"\nname = "Opfølgning {c}"\nwhen = {{ quarter = {c % 4 + 1} }}\n'
            'action = "follow_up"\nactors = ["centerchef", "decentral_leder"]\nsource = "gen §7"\n'
        )
        events.append(
            f'[[events]]\nid = "dialog_{c}"\nname = "Dialog {c}"\nwhen = {{ times_per_year = 2 }}\n'
            'action = "discuss"\nactors = ["byraad", "enhed"]\nsource = "gen §7"\n'
        )
    return "\n".join(events)


def municipalities(count: int, seed: int = 98) -> list[str]:
    """`count` model texts of realistic, varied size, each with its own id."""
    rng = np.random.default_rng(seed)
    texts = []
    for index in range(count):
        units = int(rng.integers(20, 151))
        model, _year = generate(units, seed=index)
        model = model.replace('id = "storby"', f'id = "storby_{index}"', 1)
        texts.append(model + "\n" + cycle(max(1, units // 50)))
    return texts


def naive_undescribed_share(model: Any) -> float:
    """The simplest correct `undescribed_share`: every object's fields and their annotations read every time."""
    counted, gaps = 0, 0

    def walk(value: Any) -> None:
        nonlocal counted, gaps
        if isinstance(value, tuple):
            for item in value:
                walk(item)
        elif attrs.has(type(value)):
            for attribute in attrs.fields(type(value)):
                item = getattr(value, attribute.name)
                if "Unknown" in str(attribute.type):
                    counted += 1
                    gaps += item is NOT_DESCRIBED
                walk(item)

    walk(model)
    return round(gaps / counted, 4)


def best(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of `repeat` runs, and the last result.

    The garbage collector is off while a step runs, as timeit does: a full collection walks every live object,
    so with it on, each step would pay for the size of the whole heap (98 models) and no step would grow linearly.
    """
    times, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = step()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--models", type=int, default=98)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = municipalities(args.models)
    quarter = texts[: max(1, round(args.models * 24 / 98))]
    rules = collect_rules(get_plugin_manager(load_entry_points=False))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"kommunemodel compare benchmark: {len(texts)} generated models, best of {args.repeat} runs")
    print(f"machine: {machine}; {sum(map(len, texts)) / 1e6:.2f} MB of model files\n")

    def steps(chosen: list[str]) -> dict[str, float]:
        parse, _ = best(lambda: [tomli.loads(text) for text in chosen], args.repeat)
        load, models = best(lambda: [loads_model(text) for text in chosen], args.repeat)
        check, _ = best(
            lambda: [check_model(model, rules, SourceText(model.id, None)) for model in models], args.repeat
        )
        comparison_time, comparison = best(lambda: compare(models, MODEL_METRICS), args.repeat)
        assert len(comparison.columns) == len(chosen) and len(comparison.metrics) == len(MODEL_METRICS)
        simulated, _ = best(lambda: compare(models, SIMULATED), args.repeat)
        naive, shares = best(lambda: [naive_undescribed_share(model) for model in models], args.repeat)
        assert shares == [comparison.cell("undescribed_share", model.id).value for model in models]
        return {
            "parse (tomli)": parse,
            "load": load,
            "check": check,
            "compare": comparison_time,
            "naive share": naive,
            "simulated": simulated,
        }

    small, full = steps(quarter), steps(texts)
    # Sizes are drawn at random, so a quarter of the models is not exactly a quarter of the text: linear is
    # measured against the text's growth, beside the models' count.
    linear = sum(map(len, texts)) / sum(map(len, quarter))
    print(f"{'step':<14} {f'{len(quarter)} models':>11} {f'{len(texts)} models':>11} {'÷ load':>8} {'growth':>8}")
    for name in full:
        growth = full[name] / small[name]
        print(f"{name:<14} {small[name]:>10.3f}s {full[name]:>10.3f}s {full[name] / full['load']:>8.2f} {growth:>8.2f}")
    print(
        f"\nlinear growth from {len(quarter)} to {len(texts)} models would be {linear:.2f} "
        f"(the model files grow {linear:.2f}×, their number {len(texts) / len(quarter):.2f}×)"
    )
    print(
        f"compare ÷ load: {full['compare'] / full['load']:.2f}; "
        f"compare growth ÷ linear: {full['compare'] / small['compare'] / linear:.2f}; "
        f"compare growth ÷ load growth: {(full['compare'] / small['compare']) / (full['load'] / small['load']):.2f}"
    )
    print(
        "naive share: the simplest correct undescribed_share alone (fields and annotations read for every object) "
        f"costs {full['naive share'] / full['compare']:.2f}× the comparison of all {len(MODEL_METRICS)} model metrics"
    )
    print(
        f"simulated: the {len(SIMULATED)} metric(s) that run a simulation ({', '.join(m.id for m in SIMULATED)}) "
        f"cost {full['simulated'] / full['load']:.2f}× loading, timed apart from the model metrics"
    )


if __name__ == "__main__":
    main()
