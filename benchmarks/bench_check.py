"""How much `kommunemodel check` costs beside parsing the TOML it reads, on a generated large municipality.

Run: python benchmarks/bench_check.py [--units N] [--repeat R]

A municipality of N decentral units under N/50 centres is generated as two TOML texts: the model (a MED
committee per unit and per centre, a policy per centre, constraints between the committees) and one year of
data (every unit's agreement with three goals, every committee's meetings, every unit's budget result), with
about one finding in a hundred planted so the findings are located too. The generation is deterministic (a
seeded numpy Generator). Each step is timed as the best of R runs, and every figure is printed as a ratio to
parsing the same text with tomli, measured in the same run. Not a test: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import tomli

from kommunemodel.io.load import model_from_table, read_toml
from kommunemodel.io.locate import SourceText
from kommunemodel.model.cycle import occurs
from kommunemodel.plugins import collect_rules, get_plugin_manager
from kommunemodel.rules import check_model, check_year
from kommunemodel.year import year_from_table

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    model_text, year_text = generate(args.units)
    rules = collect_rules(get_plugin_manager(load_entry_points=False))
    print(f"kommunemodel check benchmark: {args.units} units, best of {args.repeat} runs")
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"model file {len(model_text) / 1e6:.2f} MB, year file {len(year_text) / 1e6:.2f} MB\n")

    def load_model() -> Any:
        table, text = read_toml(model_text.encode(), "model.toml")
        return model_from_table(table, text, "model.toml")

    def load_year() -> Any:
        table, text = read_toml(year_text.encode(), "year.toml")
        return year_from_table(table, text, "year.toml")

    model = load_model()
    year = load_year()

    def check_the_model(located: bool = True) -> Any:
        return check_model(model, rules, SourceText("model.toml", model_text) if located else None)

    def check_the_year(located: bool = True) -> Any:
        return check_year(year, model, rules, SourceText("year.toml", year_text) if located else None)

    print(
        f"{'file':<6} {'parse':>7} {'load':>7} {'rules':>7} {'lines':>7}  |  per parse: structure  rules  "
        "rules+lines  load+check  | findings"
    )
    for name, text, load, check in (
        ("model", model_text, load_model, check_the_model),
        ("year", year_text, load_year, check_the_year),
    ):
        parse, _ = best(lambda text=text: tomli.loads(text), args.repeat)
        loading, _ = best(load, args.repeat)
        ruling, _ = best(lambda check=check: check(False), args.repeat)
        checking, report = best(check, args.repeat)
        counts = dict(sorted(Counter(finding.code for finding in report.findings).items()))
        print(
            # Locating is the difference of two best times; with no findings it is noise around zero.
            f"{name:<6} {parse:6.3f}s {loading:6.3f}s {ruling:6.3f}s {max(0.0, checking - ruling):6.3f}s  |  "
            f"{(loading - parse) / parse:19.2f} {ruling / parse:6.2f} {checking / parse:12.2f} "
            f"{(loading + checking) / parse:11.2f}  | {counts}"
        )

    engine, report = best(lambda: check_the_year(False), args.repeat)
    naive, found = best(lambda: naive_year_checks(year, model), 1)
    engine_codes = Counter(f.code for f in report.findings if f.code in ("KM403", "KM405", "KM410"))
    assert Counter(code for code, _ in found) == engine_codes, (engine_codes, Counter(code for code, _ in found))
    print(
        f"\nsimplest correct version of 3 year rules (nested scans): {naive:.3f}s; "
        f"the engine's {len(rules.for_subject(report.kind, 'storby'))} year rules, without lines: {engine:.3f}s "
        f"(naive / engine = {naive / engine:.1f})"
    )
    print(
        "load = tomli parse + structuring into attrs classes; rules = every rule that applies; "
        "lines = locating the findings in the text"
    )


if __name__ == "__main__":
    main()
