"""The core metrics: each on a small invented model whose values are known by hand, and on the four bundled models."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kommunemodel import load_model
from kommunemodel.compare.metric import MetricValue, Range
from kommunemodel.compare.metrics import METRICS, kommunemodel_metrics
from kommunemodel.model import NOT_DESCRIBED

from .compare_models import UNITS_KEY, lille

BY_ID = {metric.id: metric for metric in METRICS}


def value(metric_id: str, *edits: tuple[str, str]) -> MetricValue:
    return BY_ID[metric_id].compute(lille(*edits))


# ---------------------------------------------------------------- the small model, by hand

LILLE = {
    "tiers": 4.0,  # raad → direktionsniveau → center → enhed
    "units": 12.0,
    "centres": 3.0,
    "span_of_control": 4.0,  # 12 units under 3 centres
    "documents": 3.0,  # the minutes are not a steering document
    "mandatory_documents": Range(2.0, 3.0),  # the strategy's is not described
    "chain_depth": 3.0,  # vision → strategi → aftale
    "unit_document_horizon": 2.0,
    "political_bodies": 2.0,  # two fagudvalg; the ældreråd sits at no political tier
    "committees": 2.0,
    "top_management_meetings": Range(46.0, 47.0),  # 20 + every 14 days (26–27); the as-needed one left out
    "follow_up_points": 3.0,  # the Q1 dialogue with the chief, twice-yearly follow-up; not the leader's own MUS
    "political_touchpoints": 0.25,  # one committee visit in the term's second year, of four
    "decentralisation": 0.5,  # the leader decides and signs: 2 of 4 decision rights
    "surplus_cap": 0.1,
    "deficit_cap": 0.02,
    "repayment_plan_threshold": 0.03,
    "close_monitoring_threshold": 0.04,
    "appropriation_level": "with_approval",
    "budget_route": "cascaded",
}


@pytest.mark.parametrize(("metric_id", "expected"), LILLE.items())
def test_each_metric_on_the_small_model(metric_id: str, expected: object) -> None:
    found = value(metric_id)
    assert found.value == expected, found
    assert not found.is_unknown and found.reason == ""
    assert found.trail, "every known value names the facts it was read from"
    assert all(fact.citation.startswith("note §") for fact in found.trail)


def test_every_core_metric_is_tested_on_the_small_model() -> None:
    # The share is tested below; the metrics that run a simulation in test_compare_simulated.py.
    assert set(LILLE) | {"undescribed_share", "cascade_latency", "repayment_plan_share"} == set(BY_ID)


def test_the_trail_is_the_facts_read_with_their_paths() -> None:
    trail = value("chain_depth").trail
    assert [fact.path for fact in trail] == [
        "documents[2].parents",
        "documents[1].parents",
        "documents[0].parents",
        "documents[0].approver",
    ]
    assert trail[0].value == "[strategi]" and trail[0].citation == "note §5"


def test_undescribed_share_counts_the_gaps_and_grows_with_one_more() -> None:
    before = value("undescribed_share")
    after = value("undescribed_share", ("horizon_years = 2", 'horizon_years = "not_described"'))
    assert 0 < before.value < after.value < 1
    assert len(after.trail) == len(before.trail) + 1
    assert "documents[2].horizon_years" in {fact.path for fact in after.trail}


# ---------------------------------------------------------------- unknowns are unknowns, with the reason


UNKNOWN = [
    ("tiers", [('parent = "center"', "")]),
    ("units", [(f"{UNITS_KEY} = 12", "")]),
    ("centres", [(f"{UNITS_KEY} = 3", "")]),
    ("span_of_control", [(f"{UNITS_KEY} = 3", "")]),
    ("chain_depth", [('per = "enhed"', "")]),
    ("unit_document_horizon", [("horizon_years = 2", 'horizon_years = "not_described"')]),
    ("top_management_meetings", [("cadence = { times_per_year = 20 }\n", ""), ("cadence = { every_days = 14 }", "")]),
    (
        "follow_up_points",
        [
            ('actors = ["center", "enhed"]', 'actors = "not_described"'),
            ('actors = ["chef", "leder"]', 'actors = ["chef"]'),
        ],
    ),
    ("political_touchpoints", [('when = { quarter = 2, years = "term_year_2" }', 'when = "not_described"')]),
    ("surplus_cap", [("surplus_cap = 0.1", 'surplus_cap = "not_described"')]),
    ("deficit_cap", [("deficit_cap = 0.02", "")]),
    ("repayment_plan_threshold", [("repayment_plan_above = 0.03", "")]),
    ("close_monitoring_threshold", [('measure = "expected_overspend"', 'measure = "deficit"')]),
    ("budget_route", [('route = "cascaded"', 'route = "not_described"')]),
    ("appropriation_level", [('transfers = "with_approval"', 'transfers = "not_described"')]),
]


@pytest.mark.parametrize(("metric_id", "edits"), UNKNOWN, ids=[metric for metric, _ in UNKNOWN])
def test_an_undescribed_fact_gives_an_unknown_with_its_reason(metric_id: str, edits: list[tuple[str, str]]) -> None:
    found = value(metric_id, *edits)
    assert found.value is NOT_DESCRIBED and found.is_unknown and found.kind == "unknown"
    assert found.reason, "an unknown says why"


def test_touchpoints_without_any_unit_event_are_unknown_not_zero() -> None:
    # With the unit tier in no event at all, the cycle says nothing about the units' year.
    found = value("political_touchpoints", ('actors = ["udvalg", "enhed"]', 'actors = ["udvalg"]'))
    assert found.value == 0.0  # units are still in other events: no touchpoint is a described fact
    silent = BY_ID["political_touchpoints"].compute(
        lille(
            ('actors = ["chef", "leder"]', 'actors = ["chef"]'),
            ('actors = ["center", "enhed"]', 'actors = ["center"]'),
            ('actors = ["udvalg", "enhed"]', 'actors = ["udvalg"]'),
            ('actors = ["leder"]', 'actors = ["chef"]'),
        )
    )
    assert silent.is_unknown and "no event" in silent.reason


def test_an_election_term_horizon_comes_from_the_national_frame_where_the_model_gives_none() -> None:
    found = value(
        "unit_document_horizon",
        ("horizon_years = 2", 'horizon_years = "election_term"'),
        ("election_term_years = 4", 'election_term_years = "not_described"'),
    )
    assert found.value == 4.0 and "national frame" in found.note
    assert found.trail[-1].citation == "kommunal- og regionalvalgloven § 6, stk. 1"
    own = value("unit_document_horizon", ("horizon_years = 2", 'horizon_years = "election_term"'))
    assert own.trail[-1].path == "municipality.election_term_years"


def test_a_budget_not_described_leaves_every_budget_metric_unknown() -> None:
    text_edit = ('route = "cascaded"', 'route = "not_described"')
    model = lille(text_edit)
    assert BY_ID["budget_route"].compute(model).is_unknown


def test_a_committee_class_of_unknown_size_counts_at_least_one() -> None:
    found = value("committees", ("count = 2", 'count = "not_described"'))
    assert found.value == Range(1.0) and "at least one" in found.note


def test_a_range_of_meetings_and_a_partial_sum() -> None:
    found = value("top_management_meetings", ("cadence = { every_days = 14 }", 'cadence = "not_described"'))
    assert found.value == Range(20.0) and "Ledelsen" in found.note  # at least the direktion's 20


def test_decentralisation_with_an_actor_on_no_tier_is_a_range() -> None:
    found = value("decentralisation", ('level = "center"\nsource = "note §2"', 'source = "note §2"'))
    # The chief is on no tier now: its approval may or may not be the units'.
    assert found.value == Range(0.5, 0.75) and "1 more" in found.note


def test_decentralisation_without_any_unit_responsibility_is_unknown() -> None:
    found = value("decentralisation", ('level = "enhed"\nsource = "note §2"', 'source = "note §2"'))
    assert found.is_unknown and "no responsibilities" in found.reason


def test_the_hook_returns_the_core_metrics() -> None:
    assert [metric.id for metric in kommunemodel_metrics()] == [metric.id for metric in METRICS]


#: Facts of the small model a source might leave out, each as the edit that leaves it `not_described`.
GAPS = [
    ("horizon_years = 2", 'horizon_years = "not_described"'),
    ("surplus_cap = 0.1", 'surplus_cap = "not_described"'),
    ('route = "cascaded"', 'route = "not_described"'),
    ("cadence = { times_per_year = 20 }", 'cadence = "not_described"'),
    ("when = { quarter = 1 }", 'when = "not_described"'),
    ('actors = ["center", "enhed"]', 'actors = "not_described"'),
    (f"{UNITS_KEY} = 12", f'{UNITS_KEY} = "not_described"'),
    ("election_term_years = 4", 'election_term_years = "not_described"'),
]


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(range(len(GAPS)))))
def test_leaving_facts_out_gives_unknowns_with_reasons_and_a_larger_undescribed_share(gaps: set[int]) -> None:
    model = lille(*(GAPS[index] for index in sorted(gaps)))
    for metric in METRICS:
        found = metric.compute(model)
        assert isinstance(found, MetricValue)
        assert not found.is_unknown or found.reason, metric.id
        assert found.value != 0 or not found.is_unknown
    share = BY_ID["undescribed_share"].compute(model).value
    baseline = BY_ID["undescribed_share"].compute(lille()).value
    assert isinstance(share, float) and isinstance(baseline, float)
    assert (share > baseline) if gaps else (share == baseline)


# ---------------------------------------------------------------- the bundled models, against their sources

U = NOT_DESCRIBED
BUNDLED = {
    # Helsingør §3.1 figure: Byråd og udvalg → Direktion og Koncernledelse → Center → Enhed. Ishøj: Byråd →
    # Direktion → 9 centres → operating units. Skanderborg §4: a flat organisation of two administrative levels.
    # Hvidovre's memo gives no hierarchy above the centres (issue 7 §1), so its tiers are not described.
    "tiers": {"helsingoer": 4.0, "hvidovre": U, "ishoej": 4.0, "skanderborg": 3.0},
    # Only Skanderborg counts its units (§4.1: 54 contract units); Ishøj its nine centres (Indledning), staff
    # areas among them. Skanderborg's fagsekretariater and stabe are a staff tier, not centres.
    "units": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": 54.0},
    "centres": {"helsingoer": U, "hvidovre": U, "ishoej": 9.0, "skanderborg": U},
    # No model counts both a unit tier and the tier above it: Skanderborg's central level is one level of
    # persons (3 directors, 8 fag- og stabschefer), not a number of units.
    "span_of_control": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": U},
    # Helsingør's chain (§4): Vision 2020 → visionsmål → koncernledelsens strategikort → centrenes → decentral
    # aftale. Hvidovre: political benchmarks → the institution's goals. Skanderborg (§3.5, §8): budget →
    # forandring → direktionens udviklingsspor → udviklingskontrakt. Ishøj names no unit document.
    "chain_depth": {"helsingoer": 5.0, "hvidovre": 2.0, "ishoej": U, "skanderborg": 4.0},
    # Helsingør's decentral aftale and Skanderborg's contract are one-year (§4.4; §8); Hvidovre's goals hold for
    # the election term, four years by law (the national frame: its memo gives no length); Ishøj has no unit document.
    "unit_document_horizon": {"helsingoer": 1.0, "hvidovre": 4.0, "ishoej": U, "skanderborg": 1.0},
    # Skanderborg §3.1 names five standing committees (Økonomiudvalget and four fagudvalg); the others one
    # generic fagudvalg of unstated number: at least one.
    "committees": {"helsingoer": Range(1.0), "hvidovre": Range(1.0), "ishoej": Range(1.0), "skanderborg": 5.0},
    # Ishøj: the direktion meets about every 14 days, koncernledelsen every 14 days (Mødefora).
    "top_management_meetings": {"helsingoer": U, "hvidovre": U, "ishoej": Range(52.0, 54.0), "skanderborg": U},
    # Helsingør: LUS in Q1, follow-up on the agreements in Q2 and on the action plans in Q3 (§5 table).
    # Skanderborg: the contract dialogue meeting in February–March (§8), perhaps more (who holds the LUS is not said).
    "follow_up_points": {"helsingoer": 3.0, "hvidovre": U, "ishoej": U, "skanderborg": Range(1.0)},
    # Skanderborg: the New Year reception brings the Byråd and the contract holders together (§7 Januar kvartal).
    "political_touchpoints": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": Range(1.0)},
    # Skanderborg §6, §6.2: surplus carried over without limit, deficit up to 5%, above that a repayment plan,
    # closer follow-up above 3% expected overspend, appropriation direct from the Byråd as one total pot
    # (samlet pengepose). The other three sources describe no budget rules.
    "surplus_cap": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": "unlimited"},
    "deficit_cap": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": 0.05},
    "repayment_plan_threshold": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": 0.05},
    "close_monitoring_threshold": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": 0.03},
    "appropriation_level": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": "free"},
    "budget_route": {"helsingoer": U, "hvidovre": U, "ishoej": U, "skanderborg": "direct"},
    # Ishøj's source gives the operating units no responsibilities at all; Hvidovre's none that decide.
    "decentralisation": {"hvidovre": 0.0, "ishoej": U},
}

CASES = [(metric, model, expected) for metric, row in BUNDLED.items() for model, expected in row.items()]


@pytest.mark.parametrize(("metric_id", "model_id", "expected"), CASES)
def test_the_bundled_models_against_their_sources(metric_id: str, model_id: str, expected: object) -> None:
    found = BY_ID[metric_id].compute(load_model(model_id))
    assert found.value == expected or (found.value is expected), (found.value, found.reason, found.note)
    if expected is NOT_DESCRIBED:
        assert found.reason
    else:
        assert found.trail and all(fact.citation for fact in found.trail)


def test_the_bundled_document_counts() -> None:
    counts = {model: BY_ID["documents"].compute(load_model(model)) for model in ("helsingoer", "ishoej")}
    assert counts["helsingoer"].value == 11.0
    # Ishøj's work programme and årshjul are announced ("vil fremover"), and agendas and minutes are meeting papers.
    assert counts["ishoej"].value == 6.0 and "Arbejdsprogram" in counts["ishoej"].note


def test_every_bundled_model_gets_every_metric() -> None:
    for model_id in ("helsingoer", "hvidovre", "ishoej", "skanderborg"):
        model = load_model(model_id)
        for metric in METRICS:
            found = metric.compute(model)
            assert not found.is_unknown or found.reason, (model_id, metric.id)
