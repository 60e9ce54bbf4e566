"""KM2xx, the annual cycle: each rule broken by an edit of the clean model, and its near misses kept."""

from __future__ import annotations

import pytest

from .checks import MODEL, check_model_text, edit, found

H_MED = "cadence = { times_per_year = 8 }"
LAG = 'lag_days = { target = 14 }\nstrength = "should"'


def test_the_clean_cycle_has_no_findings() -> None:
    assert found(check_model_text(MODEL, "KM2")) == []


@pytest.mark.parametrize(
    ("cadence", "field", "words"),
    [
        ('{ quarter = 1, deadline = "10-15" }', "deadline", "does not lie in quarter 1"),
        ('{ month = [2, 3], date = "04-01" }', "date", "does not lie in month 2–3"),
        ('{ date = "11-01", deadline = "10-15" }', "deadline", "after its own deadline"),
        ('{ every_years = 1, years = "even" }', "years", "cannot keep to even years"),
        ("{ every_days = 14, times_per_year = 8 }", "times_per_year", "every 14 days is 26–27 times a year"),
        ("{ every_days = 400 }", "every_days", "less than once a year"),
    ],
)
def test_km201_parts_of_a_timing_that_contradict_each_other(cadence: str, field: str, words: str) -> None:
    report = check_model_text(edit(MODEL, H_MED, f"cadence = {cadence}"), "KM201")
    assert found(report) == [("KM201", "error", f"bodies[0].cadence.{field}")]
    assert words in report.findings[0].message


@pytest.mark.parametrize(
    "cadence",
    [
        '{ quarter = 4, deadline = "10-15" }',
        '{ every_years = 2, years = "odd", month = 11, date = "11-20" }',
        '{ years = "term_year_1", month = [1, 6] }',
        "{ every_days = 14, times_per_year = [25, 27] }",
    ],
)
def test_km201_timings_whose_parts_agree(cadence: str) -> None:
    assert found(check_model_text(edit(MODEL, H_MED, f"cadence = {cadence}"), "KM201")) == []


def test_km202_a_lag_out_of_order_and_a_negative_one() -> None:
    report = check_model_text(
        edit(MODEL, "lag_days = { target = 14 }", "lag_days = { min = -2, max = 7, target = 21 }"), "KM202"
    )
    # Both on one line: findings there are ordered by path.
    assert found(report) == [
        ("KM202", "error", "constraints[0].lag_days.max"),
        ("KM202", "error", "constraints[0].lag_days.min"),
    ]
    assert "target 21 days is more than max 7 days" in report.findings[0].message
    assert "lag min is -2 days" in report.findings[1].message


def test_km203_a_body_that_never_meets_is_a_warning() -> None:
    text = edit(MODEL, 'level = "center"\ncadence = { times_per_year = 6 }', 'level = "center"')
    report = check_model_text(text, "KM203")
    assert found(report) == [("KM203", "warning", "constraints[0].first")]
    assert "it never meets" in report.findings[0].message


def test_km203_an_event_whose_time_the_source_does_not_give_is_info() -> None:
    text = edit(MODEL, 'when = { deadline = "10-15" }', 'when = "not_described"')
    assert found(check_model_text(text, "KM203")) == [("KM203", "info", "constraints[1].first")]


def test_km203_a_body_that_meets_through_its_events_is_scheduled() -> None:
    text = edit(MODEL, 'level = "center"\ncadence = { times_per_year = 6 }', 'level = "center"')
    text = edit(text, 'action = "adopt"\nactors = ["byraad"]', 'action = "adopt"\nactors = ["byraad"]\nbody = "c_med"')
    assert found(check_model_text(text, "KM203")) == []


def test_km204_a_lag_longer_than_the_time_between_meetings() -> None:
    report = check_model_text(edit(MODEL, "lag_days = { target = 14 }", "lag_days = { min = 50 }"), "KM204")
    assert found(report) == [("KM204", "warning", "constraints[0].lag_days.min")]
    assert "the 46 days between occurrences of 'h_med' (8 times a year)" in report.findings[0].message


def test_km204_a_lag_shorter_than_both_periods() -> None:
    assert found(check_model_text(edit(MODEL, "lag_days = { target = 14 }", "lag_days = { min = 45 }"), "KM204")) == []


def test_km205_must_constraints_in_a_cycle() -> None:
    back = '[[constraints]]\nfirst = "h_med"\nthen = "c_med"\nsource = "notat §5"\n\n[budget]'
    text = edit(edit(MODEL, LAG, "lag_days = { target = 14 }"), "[budget]", back)
    report = check_model_text(text, "KM205")
    assert found(report) == [("KM205", "error", "constraints[0]")]
    assert "'c_med', 'h_med'" in report.findings[0].message


def test_km205_a_constraint_on_itself_is_a_cycle() -> None:
    text = edit(MODEL, 'first = "budget_vedtaget"\nthen = "lus"\nyear_offset = 1', 'first = "lus"\nthen = "lus"')
    assert found(check_model_text(text, "KM205")) == [("KM205", "error", "constraints[1]")]


@pytest.mark.parametrize(
    "back",
    [
        'first = "h_med"\nthen = "c_med"\nstrength = "should"',  # the other way round is only a should
        'first = "lus"\nthen = "budget_vedtaget"',  # budget → next year's LUS, LUS → this year's budget
    ],
)
def test_km205_no_contradiction(back: str) -> None:
    text = edit(
        edit(MODEL, LAG, "lag_days = { target = 14 }"),
        "[budget]",
        f'[[constraints]]\n{back}\nsource = "notat §5"\n\n[budget]',
    )
    assert found(check_model_text(text, "KM205")) == []
