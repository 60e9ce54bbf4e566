"""How much `kommunemodel check` costs beside parsing the TOML it reads, on a generated large municipality.

Run: python benchmarks/bench_check.py [--units N …] [--municipalities M] [--repeat R]

A municipality of N decentral units under N/50 centres is generated as two TOML texts: the model (a MED
committee per unit and per centre, a policy per centre, constraints between the committees) and one year of
data (every unit's agreement with three goals, every committee's meetings, every unit's budget result), with
about one finding in a hundred planted so the findings are located too. The generation is deterministic (a
seeded numpy Generator). Each is checked as `kommunemodel check FILE` checks it (after start-up), and so are 98
generated model files of 20–400 units (one per Danish municipality) in one run. Each step is timed as the best
of R runs, and every figure is printed as a ratio to parsing the same files with tomli, measured in the same
run; locating is also compared with the simplest correct locator, a scan of the whole text. Not a test.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import tomli

from kommunemodel.api import Checker
from kommunemodel.io.load import model_from_table
from kommunemodel.io.locate import SourceText, key_lines, line_of
from kommunemodel.io.year import year_from_table
from kommunemodel.model.cycle import occurs
from kommunemodel.plugins import collect_rules, get_plugin_manager
from kommunemodel.rules import check_year

YEAR = 2024


def generate(units: int, seed: int = 2024) -> tuple[str, str]:
    """The model and the year file of a municipality with `units` decentral units, as TOML text."""
    rng = np.random.default_rng(seed)
    centres = max(1, units // 50)
    model = [
        'schema = "kommunemodel/1"\n',
        '[municipality]\nid = "storby"\nname = "Storby Kommune (generated)"\nelection_term_years = 4\n'
        'source = "gen §1"\n',
        '[[sources]]\nid = "gen"\ntitle = "Generated for the benchmark"\n',
    ]
    for level, kind, parent in (
        ("byraad", "political", None),
        ("direktion", "executive", "byraad"),
        ("center", "centre", "direktion"),
        ("enhed", "unit", "center"),
    ):
        model.append(
            f'[[levels]]\nid = "{level}"\nname = "{level.title()}"\nkind = "{kind}"\n'
            + (f'parent = "{parent}"\n' if parent else "")
            + 'source = "gen §2"\n'
        )
    for role, level in (("direktoer", "direktion"), ("centerchef", "center"), ("decentral_leder", "enhed")):
        model.append(f'[[roles]]\nid = "{role}"\nname = "{role}"\nlevel = "{level}"\nsource = "gen §3"\n')
    model.append('[[responsibilities]]\nactor = "byraad"\nverb = "decides"\nobject = "vision"\nsource = "gen §3"\n')
    model.append(
        '[[bodies]]\nid = "h_med"\nname = "H-MED"\nkind = "med"\nlevel = "direktion"\n'
        'cadence = { times_per_year = 8 }\nsource = "gen §5"\n'
    )
    for c in range(centres):
        model.append(
            f'[[bodies]]\nid = "c_med_{c}"\nname = "C-MED {c}"\nkind = "med"\nlevel = "center"\n'
            'cadence = { times_per_year = 6 }\nsource = "gen §5"\n'
        )
    for u in range(units):
        model.append(
            f'[[bodies]]\nid = "a_med_{u}"\nname = "A-MED {u}"\nkind = "med"\nlevel = "enhed"\n'
            'cadence = { times_per_year = 4 }\nsource = "gen §5"\n'
        )
    model.append(
        '[[documents]]\nid = "vision"\nname = "Vision"\nkind = "vision"\nowner = "byraad"\napprover = "byraad"\n'
        'source = "gen §4"\n'
    )
    for c in range(centres):
        model.append(
            f'[[documents]]\nid = "politik_{c}"\nname = "Politik {c}"\nkind = "policy"\nowner = "byraad"\n'
            'approver = "byraad"\nparents = ["vision"]\nsource = "gen §4"\n'
        )
    model.append(
        '[[documents]]\nid = "decentral_aftale"\nname = "Decentral aftale"\nkind = "agreement"\n'
        'owner = "decentral_leder"\napprover = "centerchef"\nparties = ["centerchef", "decentral_leder"]\n'
        f'parents = [{", ".join(f"{chr(34)}politik_{c}{chr(34)}" for c in range(centres))}]\nper = "enhed"\n'
        'horizon_years = 1\ncadence = { every_years = 1, quarter = 1 }\nsource = "gen §4"\n\n'
        "[documents.requirements]\ndevelopment_goals = { min = 1, max = 3 }\neconomic_frame = true\n"
        'goal_criteria = { criteria = "SMARTE", strength = "should" }\ngoal_fields = ["expected_effect"]\n'
        'status_scale = ["red", "yellow", "green"]\nsource = "gen §4"\n'
    )
    for c in range(centres):
        model.append(
            f'[[constraints]]\nfirst = "c_med_{c}"\nthen = "h_med"\nlag_days = {{ target = 14 }}\n'
            'strength = "should"\nsource = "gen §5"\n'
        )
    model.append(
        '[budget]\nallocation = "not_described"\ncarry_over = { surplus_cap = "unlimited", deficit_cap = 0.05, '
        'repayment_plan_above = 0.05, source = "gen §6" }\nthresholds = [{ id = "merforbrug", measure = '
        '"expected_overspend", above = 0.03, consequence = "close follow-up", source = "gen §6" }]\nsource = "gen §6"\n'
    )

    def day(low: int, high: int) -> str:
        return (datetime.date(YEAR, 1, 1) + datetime.timedelta(days=int(rng.integers(low, high)))).isoformat()

    year = [f'schema = "kommunemodel-year/1"\nmodel = "storby"\nyear = {YEAR}\nterm_year = 3\n']
    meetings = [f'  {{ body = "h_med", date = {day(0, 365)} }},' for _ in range(8)]
    meetings += [f'  {{ body = "c_med_{c}", date = {day(0, 365)} }},' for c in range(centres) for _ in range(6)]
    for u in range(units):
        held = 3 if rng.random() < 0.01 else 4  # a planted finding: one A-MED meeting too few
        meetings += [f'  {{ body = "a_med_{u}", date = {day(0, 365)} }},' for _ in range(held)]
    year.append("meetings = [\n" + "\n".join(meetings) + "\n]\n")
    for c in range(centres):
        year.append(f'[[units]]\nid = "center_{c}"\nname = "Center {c}"\nlevel = "center"\n')
    for u in range(units):
        year.append(
            f'[[units]]\nid = "enhed_{u}"\nname = "Enhed {u}"\nlevel = "enhed"\nparent = "center_{u % centres}"\n'
        )
    for u in range(units):
        late = rng.random() < 0.01  # a planted finding: signed after the Q1 deadline
        frame = int(rng.integers(5_000_000, 80_000_000))
        year.append(
            f'[[agreements]]\ndocument = "decentral_aftale"\nunit = "enhed_{u}"\n'
            f'parties = ["centerchef", "decentral_leder"]\nsigned = {day(95, 120) if late else day(20, 85)}\n'
            f"economic_frame = {frame}\n"
        )
        for g in range(3):
            kind = "development" if g < 2 else "operations"
            status = ("red", "yellow", "green")[int(rng.integers(0, 3))]
            year.append(
                f'[[agreements.goals]]\ntitle = "Mål {g} for enhed {u}"\nkind = "{kind}"\n'
                f'expected_effect = "Effekt {g}"\nstatus = "{status}"\nmeets_criteria = true\n'
            )
    for u in range(units):
        budget = int(rng.integers(5_000_000, 80_000_000))
        spent = int(budget * rng.uniform(0.96, 1.04))
        year.append(
            f'[[budget_results]]\nunit = "enhed_{u}"\nbudget = {budget}\nspent = {spent}\n'
            f"carried_out = {budget - spent}\nrepayment_plan = true\n"
        )
    return "\n".join(model), "\n".join(year)


def best(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def naive_year_checks(year: Any, model: Any) -> list[tuple[str, str]]:
    """The simplest correct version of three year rules (KM403, KM405 from the cadence, KM410): plain nested scans."""
    found = []
    for unit in year.units:
        for document in model.documents:
            if document.per == unit.level and occurs(document.cadence, year.year, year.term_year):
                if not any(a.unit == unit.id and a.document == document.id for a in year.agreements):
                    found.append(("KM403", unit.id))
    for agreement in year.agreements:
        document = next(d for d in model.documents if d.id == agreement.document)
        quarter = getattr(document.cadence, "quarter", None)
        if quarter and agreement.signed and agreement.signed > datetime.date(year.year, quarter * 3, 28):
            found.append(("KM405", agreement.unit))
    for body in model.bodies:
        count = sum(1 for meeting in year.meetings if meeting.body == body.id)
        expected = body.cadence.per_year
        if count not in expected:
            found.append(("KM410", body.id))
    return found


def full_scan_lines(text: str, paths: list[tuple[str | int, ...]]) -> list[int | None]:
    """The simplest correct locator: scan the whole text once, then look each path up (what `check` did before)."""
    lines = key_lines(text)
    return [line_of(lines, path) for path in paths]


def check_files(checker: Checker, paths: list[Path]) -> list[Any]:
    """`kommunemodel check FILE…` without the start-up: every file read, loaded, checked and located."""
    return [checker.check(path) for path in paths]


def parse_files(paths: list[Path]) -> None:
    """The floor: parsing the same files with tomli (and reading them, as check must)."""
    for path in paths:
        tomli.loads(path.read_bytes().decode("utf-8"))


def main() -> None:
    """Print `check` per tomli parse at each size and for 98 municipalities' files, and its parts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--municipalities", type=int, default=98, help="model files checked in one run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rules = collect_rules(get_plugin_manager(load_entry_points=False))
    checker = Checker(get_plugin_manager(load_entry_points=False), rules=rules)
    machine = platform.processor() or platform.machine()
    print(f"kommunemodel check benchmark, best of {args.repeat} runs")
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print(
        f"{'file':<22} {'MB':>5} {'parse':>7} {'check':>7} {'check/parse':>11} {'findings':>8}  {'lines: all/lazy':>15}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for units in args.units:
            model_text, year_text = generate(units)
            model_path, year_path = Path(folder) / f"model-{units}.toml", Path(folder) / f"year-{units}.toml"
            model_path.write_text(model_text, encoding="utf-8")
            year_path.write_text(year_text.replace('model = "storby"', f'model = "{model_path.name}"'), "utf-8")
            for label, path in ((f"model, {units} units", model_path), (f"year, {units} units", year_path)):
                parse, _ = best(lambda path=path: parse_files([path]), args.repeat)
                checked, (report,) = best(lambda path=path: check_files(checker, [path]), args.repeat)
                text = path.read_text(encoding="utf-8")
                table = tomli.loads(text)
                wanted = [finding.path for finding in report.findings]
                everything, _ = best(lambda text=text, wanted=wanted: full_scan_lines(text, wanted), args.repeat)
                lazy, _ = best(lambda t=text, d=table, w=wanted: SourceText("x", t, d).lines(w), args.repeat)
                size = len(text.encode()) / 1e6
                locating = f"{everything / lazy:6.1f}× ({len(wanted)})" if wanted else "no findings"
                print(
                    f"{label:<22} {size:5.2f} {parse:6.3f}s {checked:6.3f}s {checked / parse:11.2f} "
                    f"{len(report.findings):8}  {locating:>15}"
                )
            checker._files.clear()  # the next size's year names its own model file

        sizes = [int(units) for units in np.random.default_rng(98).integers(20, 400, args.municipalities)]
        paths = []
        for number, units in enumerate(sizes):
            path = Path(folder) / f"kommune-{number:02d}.toml"
            path.write_text(generate(units, seed=number)[0], encoding="utf-8")
            paths.append(path)
        parse, _ = best(lambda: parse_files(paths), args.repeat)
        checked, reports = best(lambda: check_files(checker, paths), args.repeat)
        megabytes = sum(path.stat().st_size for path in paths) / 1e6
        findings = sum(len(report.findings) for report in reports)
        label = f"{len(paths)} model files"
        print(f"{label:<22} {megabytes:5.2f} {parse:6.3f}s {checked:6.3f}s {checked / parse:11.2f} {findings:8}")

    model_text, year_text = generate(args.units[0])
    model = model_from_table(tomli.loads(model_text), model_text, "model.toml")
    year = year_from_table(tomli.loads(year_text), year_text, "year.toml")
    engine, report = best(lambda: check_year(year, model, rules), args.repeat)
    naive, found = best(lambda: naive_year_checks(year, model), 1)
    engine_codes = Counter(f.code for f in report.findings if f.code in ("KM403", "KM405", "KM410"))
    assert Counter(code for code, _ in found) == engine_codes, (engine_codes, Counter(code for code, _ in found))
    print(
        f"\nsimplest correct version of 3 year rules (nested scans), {args.units[0]} units: {naive:.3f}s; the engine's "
        f"{len(rules.for_subject(report.kind, 'storby'))} year rules, without lines: {engine:.3f}s "
        f"(naive / engine = {naive / engine:.1f})"
    )
    print(
        "check = read + parse + structure (what can be built) + every rule + locating the findings' lines, as "
        "`kommunemodel check FILE` does after start-up;\nlines: all/lazy = scanning the whole text for every key "
        "(the simplest correct locator) ÷ locating only the findings' paths"
    )


if __name__ == "__main__":
    main()
