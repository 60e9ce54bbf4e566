"""Hvidovre's model: conformance, and the facts of the 2018 memo a reader checks first."""

from __future__ import annotations

from itertools import pairwise

import kommunemodel_hvidovre
from kommunemodel.model import (
    NOT_DESCRIBED,
    Action,
    BodyKind,
    Horizon,
    LevelKind,
    Span,
    SteeringModel,
    Strength,
    Verb,
    Years,
)
from kommunemodel.testing import described_fields, model_fixture, walk_strings

model = model_fixture(kommunemodel_hvidovre)  # the kit checks it conforms (test_rules.py)


def test_dialogue_based_steering_for_2018_2021(model: SteeringModel) -> None:
    assert model.municipality.philosophy == "Dialogbaseret styring"
    assert model.municipality.period == Span(2018, 2021)
    # The memo never states the election term in years.
    assert model.municipality.election_term_years is NOT_DESCRIBED
    assert [source.id for source in model.sources] == ["notat"]


def test_the_council_is_the_political_level(model: SteeringModel) -> None:
    council = model.find("byraad")
    assert (council.name, council.kind) == ("Kommunalbestyrelsen", LevelKind.POLITICAL)
    assert model.find("fagudvalg").level == "byraad"
    # The memo gives no hierarchy of tiers: only the institution/afdeling is "i centeret".
    assert {level.id: level.parent for level in model.levels if level.parent} == {"institution_afdeling": "center"}
    assert model.find("borgere_og_virksomheder").kind is LevelKind.CITIZEN
    assert model.find("medarbejdere").kind is LevelKind.EMPLOYEE
    # The Direktion is a body on the executive tier; who sits in it is not described.
    direktion = model.find("direktion")
    assert direktion.kind is BodyKind.EXECUTIVE_BOARD
    assert model.find(direktion.level).kind is LevelKind.EXECUTIVE
    assert direktion.members is NOT_DESCRIBED
    # How many fagudvalg there are, and who sits in them, is not described either.
    committees = model.find("fagudvalg")
    assert committees.count is NOT_DESCRIBED
    assert committees.members is NOT_DESCRIBED


def test_four_steps_in_order(model: SteeringModel) -> None:
    steps = sorted((event.step, event.id) for event in model.events if event.step is not None)
    assert [step for step, _ in steps] == [1, 2, 3, 4]
    must_orderings = {(c.first, c.then) for c in model.constraints if c.strength is Strength.MUST}
    for (_, earlier), (_, later) in pairwise(steps):
        assert (earlier, later) in must_orderings
    step_2 = model.find("trin_2_dialogmoeder")
    assert step_2.body == "dialogmoede"
    assert step_2.documents == ("politiske_pejlemaerker",)
    assert model.find("trin_4_opfoelgning").action is Action.FOLLOW_UP
    # Who reports in step 4 is not described.
    assert model.find("trin_4_opfoelgning").actors is NOT_DESCRIBED


def test_follow_up_feeds_the_next_dialogue_meetings(model: SteeringModel) -> None:
    (feedback,) = [c for c in model.constraints if (c.first, c.then) == ("trin_4_opfoelgning", "trin_2_dialogmoeder")]
    # A year or a term later: the memo points both ways, so how much later is not described.
    assert feedback.year_offset is NOT_DESCRIBED
    assert "foregående års mål" in feedback.description and "den næste periode" in feedback.description
    assert feedback.strength is Strength.MUST
    # Within one year the steps run forward only.
    within = {(c.first, c.then) for c in model.constraints if c.year_offset == 0}
    assert ("trin_4_opfoelgning", "trin_2_dialogmoeder") not in within


def test_dialogue_meetings_have_three_forms(model: SteeringModel) -> None:
    meeting = model.find("dialogmoede")
    assert [variant.name for variant in meeting.variants] == ["Mødemodel 1", "Mødemodel 2", "Mødemodel 3"]
    assert set(meeting.members) == {"fagudvalg", "leder_kerneopgaver"}
    # Whether the meetings are yearly or once per term is not stated; the description gives both readings.
    assert meeting.cadence is NOT_DESCRIBED
    assert "fra år til år" in meeting.description and "for hele valgperioden" in meeting.description


def test_goals_cover_the_election_term_and_are_set_in_its_first_year(model: SteeringModel) -> None:
    goals = model.document("maal_institution_afdeling")
    assert goals.horizon_years is Horizon.ELECTION_TERM
    assert goals.cadence.years is Years.TERM_YEAR_1
    # Once per term, written one way: no count a year.
    assert (goals.cadence.per_term, goals.cadence.per_year, goals.cadence.times_per_year) == (
        Span.exactly(1),
        None,
        None,
    )
    assert goals.per == "institution_afdeling"
    assert goals.mandatory is True
    assert model.find("trin_3_maal").when.years is Years.TERM_YEAR_1


def test_fagudvalg_approves_institution_goals_and_decides_benchmarks(model: SteeringModel) -> None:
    assert model.document("maal_institution_afdeling").approver == "fagudvalg"
    assert "politiske_pejlemaerker" in model.document("maal_institution_afdeling").parents
    assert model.document("politiske_pejlemaerker").approver == "fagudvalg"
    decisions = {(r.actor, r.verb, r.document) for r in model.responsibilities}
    assert ("fagudvalg", Verb.APPROVES, "maal_institution_afdeling") in decisions
    assert ("fagudvalg", Verb.DECIDES, "politiske_pejlemaerker") in decisions
    final = model.find("endelig_politisk_behandling")
    assert (final.body, final.action) == ("fagudvalg", Action.APPROVE)


def test_pen_holder_is_the_administration_or_the_institution_leader(model: SteeringModel) -> None:
    drafters = {
        r.actor for r in model.responsibilities if r.verb is Verb.PREPARES and r.document == "maal_institution_afdeling"
    }
    assert drafters == {"administration", "institutionsleder"}


def test_administration_facilitates_and_committees_may_add_wishes(model: SteeringModel) -> None:
    facilitators = {r.actor for r in model.responsibilities if r.verb is Verb.FACILITATES}
    assert facilitators == {"administration"}
    (wishes,) = [r for r in model.responsibilities if r.object.startswith("special wishes")]
    assert (wishes.actor, wishes.verb, wishes.strength) == ("fagudvalg", Verb.RECOMMENDS, Strength.MAY)
    discussed = {r.object for r in model.responsibilities if r.actor == "fagudvalg" and r.verb is Verb.DISCUSSES}
    assert discussed == {"form of the coming dialogue meetings"}


def test_goal_content_rules(model: SteeringModel) -> None:
    requirements = model.document("maal_institution_afdeling").requirements
    assert requirements.status_scale == ("red", "yellow", "green")
    assert "expected_effect" in requirements.goal_fields
    assert "follow_up" in requirements.goal_fields
    assert requirements.template.mandatory is True
    assert requirements.preferred_goal_kind == "development"
    # "Few" goals: a guideline with no number, neither a floor nor a ceiling.
    assert requirements.goals.min is NOT_DESCRIBED
    assert requirements.goals.max is NOT_DESCRIBED
    assert requirements.goals.strength is Strength.SHOULD
    assert requirements.goals.note == "few"


def test_scope_covers_core_services_but_not_support_functions(model: SteeringModel) -> None:
    scope = {item.id: item for item in model.scope}
    assert scope["kerneydelser_institutioner"].included is True
    assert scope["kerneydelser_fagcentre"].included is True
    support = scope["stoette_og_stabsfunktioner"]
    assert support.included is False
    assert "direktion" in support.steered_by
    assert model.document("maal_faellescentre").parents == ("maal_institution_afdeling",)


def test_leaders_consult_employees_and_boards_before_the_dialogue_meeting(model: SteeringModel) -> None:
    orderings = {(c.first, c.then) for c in model.constraints}
    assert ("leders_dialog_med_medarbejdere", "trin_2_dialogmoeder") in orderings
    assert ("beslutning_moedeform", "trin_2_dialogmoeder") in orderings


def test_goals_are_adapted_after_each_adopted_budget_if_necessary(model: SteeringModel) -> None:
    orderings = {(c.first, c.then) for c in model.constraints}
    assert ("budgetvedtagelse", "maaltilpasning") in orderings
    adaptation = model.find("maaltilpasning")
    assert adaptation.when.every_years == 1
    assert adaptation.when.as_needed is True
    assert adaptation.documents == ("maal_institution_afdeling",)


def test_budget_rules_are_not_described(model: SteeringModel) -> None:
    assert described_fields(model.budget) == []


def test_no_timing_or_headcount_is_invented(model: SteeringModel) -> None:
    for event in ("trin_1_viden", "trin_2_dialogmoeder", "trin_4_opfoelgning"):
        assert model.find(event).when is NOT_DESCRIBED
    for event in model.events:
        if event.when is not NOT_DESCRIBED:
            assert (event.when.quarter, event.when.month, event.when.week, event.when.date) == (None,) * 4
    assert all(level.units is level.persons is level.employees is NOT_DESCRIBED for level in model.levels)
    # Fællescentre are staff areas among the centres; how many is not stated.
    assert model.find("center").staff_units is NOT_DESCRIBED
    assert all(role.count is NOT_DESCRIBED for role in model.roles)


def test_no_named_persons(model: SteeringModel) -> None:
    text = " ".join(walk_strings(model))
    assert "Grann" not in text
    assert "Malene" not in text
