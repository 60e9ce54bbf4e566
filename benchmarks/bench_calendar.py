"""How fast the calendar expands the four bundled models over 25 and 100 years, against a day-by-day scan.

Run: python benchmarks/bench_calendar.py [--years 100] [--short 25] [--repeat 3]

Three things are timed, each the best of R runs, in one run of this script:
- `calendar()`: the whole calendar of every bundled model (expansion, working days, ordering constraints, frame);
- the expansion alone (`_Expander.expand` over every event and body: rrule recurrence and working days);
- the simplest correct implementation of that expansion: scan every day of the span and ask every rule whether it
  places an occurrence on that day. Its output is compared with the expansion's, occurrence for occurrence, so the
  ratio is between two programs that give the same dates.
The floor is building the Danish working days of the span with `holidays`, which every calendar needs.
Growth with years is the time at --years divided by the time at --short: 4.0 is linear for 100 against 25.
Not a test: nothing here is collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import kommunemodel
from kommunemodel.model.cycle import Timing, deadline, earliest, occurs
from kommunemodel.model.national import FRAME
from kommunemodel.model.source import Span
from kommunemodel.simulate.calendar import CADENCE_EPOCH, WorkingDays, _Expander, _middle, calendar

MODELS = ("helsingoer", "hvidovre", "ishoej", "skanderborg")
START = 2018


def best(function: Callable[[], Any], repeat: int) -> float:
    """The best wall time of `repeat` runs."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return min(times)


def timings_of(model: kommunemodel.SteeringModel) -> list[tuple[str, Any, bool]]:
    """Every body's cadence and event's timing, with whether the frame's budget deadline binds it."""
    expander = _Expander(model, range(START, START + 1), FRAME, {})
    found = [(body.id, body.cadence, False) for body in model.bodies]
    found += [(event.id, event.when, expander.adopts_budget(event)) for event in model.events]
    return found


def expansion(model: kommunemodel.SteeringModel, years: range) -> list[tuple[str, datetime.date]]:
    """The dated occurrences of every event and body, before orderings, as (id, date) in date order."""
    expander = _Expander(model, years, FRAME, {})
    found = []
    for item, timing, budget in timings_of(model):
        base = kommunemodel.simulate.Occurrence(item, item, None, None, False, "")
        found += [(item, o.date) for o in expander.expand(base, timing, budget) if o.date is not None]
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def day_by_day(model: kommunemodel.SteeringModel, years: range) -> list[tuple[str, datetime.date]]:
    """The same expansion by scanning every day and asking every rule whether it places something that day."""
    days = WorkingDays(years.start - 1, years.stop)
    rules = timings_of(model)
    found = []
    day, last = datetime.date(years.start, 1, 1), datetime.date(years.stop - 1, 12, 31)
    while day <= last:
        for item, timing, budget in rules:
            if isinstance(timing, Timing) and _places(timing, budget, day, days):
                found.append((item, day))
        day += datetime.timedelta(days=1)
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def _places(timing: Timing, budget: bool, day: datetime.date, days: WorkingDays) -> bool:
    """Whether `timing` places an occurrence on `day`: the rule, asked afresh for every day."""
    if timing.as_needed or not isinstance(timing.times_per_year, Span | None):
        return False
    if timing.every_days is not None:
        if not isinstance(timing.every_days, int):
            return False
        every = timing.every_days
        for back in range(every):  # the cadence day this day may have moved forward from
            start = day - datetime.timedelta(days=back)
            if (start - CADENCE_EPOCH).days % every == 0:
                moved = days.on_or_after(start, start + datetime.timedelta(days=every - 1)) or start
                return moved == day and occurs(timing, start.year, FRAME.term_year(start.year)) is not False
        return False
    year = day.year
    if not occurs(timing, year, FRAME.term_year(year)):
        return False
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    low, high = earliest(timing, year), deadline(timing, year)
    limit = datetime.date(year, 10, 15) if budget else None
    if limit is not None and (high is None or high > limit):
        high = limit
    if limit is not None and low is not None and low > limit:
        low = datetime.date(year, limit.month, 1)
    count = timing.times_per_year
    if isinstance(count, Span) and not (low is None and high is None and count.low == 1):
        low, high = low or start, high or end
        step = max(1, ((high - low).days + 1) // count.low)
        for index in range(count.low):
            share_low = low + datetime.timedelta(days=index * step)
            share_high = min(high, share_low + datetime.timedelta(days=step - 1))
            target = low + datetime.timedelta(days=step // 2 + index * step)
            if days.nearest(target, share_low, share_high) == day:
                return True
        return False
    if timing.date is not None:
        return day == low
    if limit is not None and low is None and high == limit:
        return day == (days.on_or_before(limit, start) or limit)
    if low is None and high is None:
        return False
    if low is None:
        assert high is not None
        return day == (days.on_or_before(high, start) or high)
    high = high if high is not None and high >= low else end
    return day == days.nearest(_middle(low, high), low, high)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=100)
    parser.add_argument("--short", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    models = [kommunemodel.load_model(model_id) for model_id in MODELS]
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; best of {args.repeat}")
    results: dict[int, dict[str, float]] = {}
    for span_years in (args.short, args.years):
        years = range(START, START + span_years)
        for model in models:
            assert expansion(model, years) == day_by_day(model, years), model.id
        count = sum(len(calendar(model, years).occurrences) for model in models)
        results[span_years] = {
            "floor": best(lambda years=years: WorkingDays(years.start - 1, years.stop), args.repeat),
            "calendar": best(lambda years=years: [calendar(model, years) for model in models], args.repeat),
            "expansion": best(lambda years=years: [expansion(model, years) for model in models], args.repeat),
            # The scan is slow: one run of it is enough to see the ratio.
            "scan": best(lambda years=years: [day_by_day(model, years) for model in models], 1),
        }
        figures = results[span_years]
        print(
            f"{span_years:>4} years, 4 models, {count} occurrences: calendar {figures['calendar']:.3f} s "
            f"({figures['calendar'] / figures['floor']:.1f}× the working-days floor {figures['floor'] * 1000:.1f} ms); "
            f"expansion {figures['expansion']:.3f} s; day-by-day scan {figures['scan']:.3f} s = "
            f"{figures['scan'] / figures['expansion']:.1f}× the expansion (same dates)"
        )
    growth = {key: results[args.years][key] / results[args.short][key] for key in ("calendar", "expansion", "scan")}
    print(
        f"growth {args.short} → {args.years} years ({args.years / args.short:.1f}× the years): calendar "
        f"{growth['calendar']:.2f}×, expansion {growth['expansion']:.2f}×, scan {growth['scan']:.2f}×"
    )


if __name__ == "__main__":
    main()
