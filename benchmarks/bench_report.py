"""How long the figures and the report take, against floors measured in the same run.

Run: python benchmarks/bench_report.py [--repeat R]

Each figure of the four bundled models is drawn and saved as SVG, best of R runs (default 3), and printed beside
two floors: an empty figure saved as SVG (what any figure costs), and a figure holding only the same text
labels at the same places (what laying out its words costs, which no drawing of it can avoid). The whole report
(every figure, the tables, the page) is set beside the sum of its figures. Not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

from kommunemodel.api import resolve
from kommunemodel.report import html
from kommunemodel.report.plots import diagrams
from kommunemodel.report.plots.style import Picture, canvas, styled

MODELS = ("helsingoer", "hvidovre", "ishoej", "skanderborg")
SVG = "{http://www.w3.org/2000/svg}"


def best(work: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@styled
def labels_only(svg: str, width: float, height: float) -> Picture:
    """A figure of the same size with only the same text labels: the floor of drawing that figure's words."""
    figure, axes = canvas(width, height)
    root = ET.fromstring(svg.encode("utf-8"))
    for index, element in enumerate(root.iter(f"{SVG}text")):
        axes.text((index % 7) * width / 7, (index // 7 % 40) * height / 40, "".join(element.itertext()), fontsize=7)
    return Picture(figure, "labels")


def main() -> None:
    """Time each figure and the report; print the table of ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"kommunemodel figures and report, best of {args.repeat} runs")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    models = resolve(list(MODELS))
    kinds: dict[str, Callable[..., Picture]] = {"hierarchy": diagrams.hierarchy, "chain": diagrams.chain}
    try:
        from kommunemodel.report.plots.wheel import draw_wheel, wheel_of

        wheel_of(models[0], 2025)
        kinds["wheel"] = lambda model, lang: draw_wheel(wheel_of(model, 2025), lang)
    except ImportError:
        print("(no calendar simulation installed: the wheel is not timed)\n")

    empty = best(lambda: canvas(8, 6)[0].savefig(os.devnull, format="svg"), args.repeat)
    print(f"{'figure':26} {'time':>8}  {'÷ empty figure':>14}  {'÷ its labels alone':>18}")
    total = 0.0
    for kind, draw in kinds.items():
        for model in models:
            drawing = draw(model, "en")
            svg = drawing.svg()
            width, height = drawing.figure.get_size_inches()
            seconds = best(lambda draw=draw, model=model: draw(model, "en").svg(), args.repeat)
            floor = best(lambda svg=svg, width=width, height=height: labels_only(svg, width, height).svg(), args.repeat)
            total += seconds
            print(f"{kind + ' ' + model.id:26} {seconds:7.3f}s  {seconds / empty:14.1f}  {seconds / floor:18.2f}")
    report = best(lambda: html.render(html.build(models, "en", 2025)), args.repeat)
    print(
        f"\nthe report of the four models (figures, facts, gaps, page): {report:.2f}s,"
        f" {report / total:.2f}× the sum of its figures ({total:.2f}s)"
    )
    print(f"floor: an empty figure saved as SVG, {empty * 1000:.1f} ms")


if __name__ == "__main__":
    main()
