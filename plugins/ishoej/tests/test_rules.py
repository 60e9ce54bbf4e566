"""Ishøj's own rule (ISH001) broken and kept, its events counted by the core, the example year, the docs in step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from importlib.resources import files
from typing import ClassVar

import kommunemodel_ishoej
from kommunemodel.rules import Report, RuleSet
from kommunemodel.testing import (
    PluginConformance,
    check_year_text,
    findings,
    planted_findings,
    rules_fixture,
)
from kommunemodel_ishoej.rules import RULES

EXAMPLE = files("kommunemodel_ishoej") / "examples" / "year-2024.toml"
CODES = [item.code for item in RULES]

#: (body or event, date, note): a meeting of one of the model's bodies, or a time one of its events took place.
Meeting = tuple[str, datetime.date, str]
#: The model's events a year file records, as `{ event = … }`; every other name is a body.
EVENTS = {"strategidag", "koncernledelsesseminar"}


def on(week: int, weekday: int) -> datetime.date:
    """A day of 2024 by ISO week and weekday (1 is Monday)."""
    return datetime.date.fromisocalendar(2024, week, weekday)


#: A year that breaks no rule: the direktion on Tuesdays of odd weeks and koncernledelsen on Wednesdays of even
#: weeks, 26 fixed meetings each (within KM410's 26–27), one strategy day and one seminar.
DIREKTION = [on(week, 2) for week in range(1, 53, 2)]
KONCERNLEDELSE = [on(week, 3) for week in range(2, 53, 2)]
STRATEGY_DAY = ("strategidag", datetime.date(2024, 3, 7), "Med borgmesteren")
SEMINAR = ("koncernledelsesseminar", datetime.date(2024, 9, 19), "12-12 med overnatning")


def meetings(
    direktion: Iterable[datetime.date] = DIREKTION,
    koncernledelse: Iterable[datetime.date] = KONCERNLEDELSE,
    events: Iterable[Meeting] = (STRATEGY_DAY, SEMINAR),
) -> list[Meeting]:
    """The meetings in file order: the direktion's, then koncernledelsen's, then the strategy days and seminars."""
    return [
        *(("direktion", date, "") for date in direktion),
        *(("koncernledelse", date, "") for date in koncernledelse),
        *events,
    ]


def year(held: list[Meeting]) -> str:
    """A year file holding these meetings."""
    lines = ['schema = "kommunemodel-year/1"', 'model = "ishoej"', "year = 2024", "", "meetings = ["]
    for name, date, note in held:
        written = f', note = "{note}"' if note else ""
        key = "event" if name in EVENTS else "body"
        lines.append(f'  {{ {key} = "{name}", date = {date}{written} }},')
    return "\n".join([*lines, "]", ""]) if held else "\n".join(lines[:4]) + "\n"


def at(held: list[Meeting], body: str, date: datetime.date, field: str = "date") -> str:
    """The TOML path of one meeting's field."""
    (index,) = [i for i, (name, day, _) in enumerate(held) if (name, day) == (body, date)]
    return f"meetings[{index}].{field}"


def without(dates: list[datetime.date], *removed: datetime.date) -> list[datetime.date]:
    assert all(day in dates for day in removed)
    return [day for day in dates if day not in removed]


class TestConformance(PluginConformance):
    """The kit's standard checks; the year that breaks no rule is the base each rule's *Example* is written into."""

    plugin = kommunemodel_ishoej
    prefix = "ISH"
    model_findings: ClassVar = {"ishoej": {"KM107": 6}}  # owners and approvers the arbejdsgrundlag does not name
    clean_year = year(meetings())
    citing = "Arbejdsgrundlag for direktion og koncernledelse"
    examples_not_checked: ClassVar = {
        "ISH001": "its examples show two meetings; the rule judges a body's whole year from 1 January, "
        "which the tests below build meeting by meeting"
    }


rules = rules_fixture(kommunemodel_ishoej)


def report(held: list[Meeting], select: str) -> Report:
    """Check a year of these meetings with the selected rules (codes or prefixes; "" selects every rule)."""
    return check_year_text(kommunemodel_ishoej, year(held), select)


def check(held: list[Meeting], select: str = "ISH") -> list[tuple[str, str, str]]:
    """(code, severity, TOML path) of each finding; the plugin's rules unless `select` says otherwise."""
    return findings(report(held, select))


def test_the_clean_year_has_no_findings() -> None:
    assert check(meetings(), select="") == []


def test_a_year_that_records_no_meetings_is_not_checked() -> None:
    assert check([], select="") == []


# ---------------------------------------------------------------- ISH001 meeting-gap


def test_ish001_six_weeks_without_koncernledelse_in_spring_is_an_error() -> None:
    held = meetings(koncernledelse=without(KONCERNLEDELSE, on(14, 3), on(16, 3)))
    assert check(held) == [("ISH001", "error", at(held, "koncernledelse", on(18, 3)))]


def test_ish001_the_direktions_approximate_cadence_gives_a_warning() -> None:
    held = meetings(direktion=without(DIREKTION, on(15, 2), on(17, 2)))
    assert check(held) == [("ISH001", "warning", at(held, "direktion", on(19, 2)))]
    (finding,) = report(held, "ISH001").findings
    assert finding.message == (
        "'direktion' held no fixed meeting for 42 days, from 2024-03-26 to 2024-05-07; meeting every 14 days allows 28"
    )


def test_ish001_one_meeting_may_fall_away() -> None:
    assert check(meetings(koncernledelse=without(KONCERNLEDELSE, on(14, 3)))) == []


def test_ish001_two_may_fall_away_over_the_summer_three_may_not() -> None:
    assert check(meetings(koncernledelse=without(KONCERNLEDELSE, on(28, 3), on(30, 3)))) == []
    held = meetings(koncernledelse=without(KONCERNLEDELSE, on(28, 3), on(30, 3), on(32, 3)))
    assert check(held) == [("ISH001", "error", at(held, "koncernledelse", on(34, 3)))]


def test_ish001_the_start_and_the_end_of_the_year_count() -> None:
    held = meetings(
        direktion=without(DIREKTION, on(1, 2), on(3, 2)),
        koncernledelse=without(KONCERNLEDELSE, on(48, 3), on(50, 3), on(52, 3)),
    )
    assert check(held) == [
        ("ISH001", "warning", at(held, "direktion", on(5, 2))),
        ("ISH001", "error", at(held, "koncernledelse", on(46, 3))),
    ]
    start, end = (finding.message for finding in report(held, "ISH001").findings)
    assert "for 29 days, from the start of the year to 2024-01-30" in start
    assert "for 48 days, from 2024-11-13 to the end of the year" in end


def test_ish001_a_strategy_day_is_not_a_fixed_meeting() -> None:
    held = meetings(
        direktion=without(DIREKTION, on(15, 2), on(17, 2)),
        events=[("strategidag", on(16, 4), "Med borgmesteren"), SEMINAR],
    )
    assert check(held, select="ISH001") == [("ISH001", "warning", at(held, "direktion", on(19, 2)))]


def test_ish001_leaves_a_body_that_never_met_to_km410() -> None:
    held = meetings(koncernledelse=[])
    assert check(held, select="ISH,KM410") == [("KM410", "error", "meetings")]


# ---------------------------------------------------------------- ISH002 and ISH003, retired: KM410 counts the events


def test_the_strategy_day_and_the_seminar_are_counted_by_the_core_alone(rules: RuleSet) -> None:
    assert [code for code in ("ISH002", "ISH003") if code in rules] == []
    held = meetings(events=[SEMINAR])
    assert report(held, "").findings[0].message == (
        "event 'strategidag' took place 0 times in 2024; its timing gives 1–2 a year"
    )


def test_no_strategy_day_or_no_seminar() -> None:
    assert check(meetings(events=[SEMINAR]), select="") == [("KM410", "error", "meetings")]
    assert check(meetings(events=[STRATEGY_DAY]), select="") == [("KM410", "error", "meetings")]


def test_two_strategy_days_are_allowed_three_are_not() -> None:
    second = ("strategidag", datetime.date(2024, 9, 5), "Budget 2025")
    assert check(meetings(events=[STRATEGY_DAY, second, SEMINAR]), select="") == []
    third = ("strategidag", datetime.date(2024, 1, 25), "Budget 2025")
    held = meetings(events=[STRATEGY_DAY, second, third, SEMINAR])
    # The third by date is the one beyond the two allowed, wherever it stands in the file.
    assert check(held, select="") == [("KM410", "error", at(held, "strategidag", datetime.date(2024, 9, 5), "event"))]
    (finding,) = report(held, "KM410").findings
    assert "took place 3 times in 2024 (2024-01-25, 2024-03-07, 2024-09-05)" in finding.message


def test_two_seminars() -> None:
    second = ("koncernledelsesseminar", datetime.date(2024, 11, 28), "Arbejdsprogram 2025")
    held = meetings(events=[STRATEGY_DAY, SEMINAR, second])
    assert check(held, select="") == [("KM410", "error", at(held, "koncernledelsesseminar", second[1], "event"))]


def test_a_year_that_records_no_events_is_not_counted_for_them() -> None:
    assert check(meetings(events=[]), select="") == []


def test_an_event_is_not_a_meeting_of_its_body() -> None:
    # 25 fixed meetings and a strategy day are not 26 direktion meetings.
    assert check(meetings(direktion=DIREKTION[1:]), select="KM410") == [("KM410", "warning", "meetings[0].body")]


# ---------------------------------------------------------------- the example year


def test_the_example_plants_each_ishoej_rule_and_the_meeting_count_the_core_carries() -> None:
    codes = {code for code, _ in planted_findings(EXAMPLE.read_text(encoding="utf-8"))}
    assert set(CODES) | {"KM410"} == codes
