"""Helsingør's packaged model: conformance, and the facts a reader of the styringsmodel checks first."""

from __future__ import annotations

import kommunemodel_helsingoer
from kommunemodel.model import (
    NOT_DESCRIBED,
    Action,
    DocumentType,
    GoalCount,
    GoalCriteria,
    Horizon,
    Lag,
    LevelKind,
    Span,
    SteeringModel,
    Strength,
    Verb,
    Years,
)
from kommunemodel.testing import assert_shown, described_fields, model_fixture, timing

model = model_fixture(kommunemodel_helsingoer)  # the kit checks it conforms (test_rules.py)


def development_goals(document: DocumentType) -> GoalCount:
    assert document.requirements is not None and document.requirements.development_goals is not None
    return document.requirements.development_goals


def goal_criteria(document: DocumentType) -> GoalCriteria:
    assert document.requirements is not None and document.requirements.goal_criteria is not None
    return document.requirements.goal_criteria


def test_conformant(model: SteeringModel) -> None:
    assert model.id == "helsingoer"
    assert model.municipality.philosophy == "Koncernstyring med decentral løsning"
    assert [source.id for source in model.sources] == ["styringsmodel"]


def test_every_fact_cites_the_styringsmodel_by_section(model: SteeringModel) -> None:
    for path, fact in model.facts():
        assert fact.source.source == "styringsmodel", path
        assert fact.source.locator.startswith("§"), path


def test_levels_follow_the_steering_chain_figure(model: SteeringModel) -> None:
    parents = {level.id: level.parent for level in model.levels}
    kinds = {level.id: level.kind for level in model.levels}
    # The council is the political level "Byråd og udvalg" of the §3.1 figure, not a body beside it.
    assert (parents["byraad"], kinds["byraad"]) == (None, LevelKind.POLITICAL)
    assert "byraad" not in {item.id for item in model.bodies}
    assert model.find("fagudvalg").level == "byraad"
    assert kinds["borgere_og_virksomheder"] is LevelKind.CITIZEN
    assert kinds["medarbejdere"] is LevelKind.EMPLOYEE
    assert parents["direktion_og_koncernledelse"] == "byraad"
    assert parents["center"] == "direktion_og_koncernledelse"
    assert parents["enhed"] == "center"
    assert parents["medarbejdere"] == "enhed"
    # The source gives no headcount for any tier.
    assert all(level.units is level.persons is level.employees is NOT_DESCRIBED for level in model.levels)
    assert all(role.count is NOT_DESCRIBED for role in model.roles)
    # Nor who sits in the Direktion and Koncernledelsen.
    for board in ("direktion", "koncernledelse"):
        assert model.find(board).members is NOT_DESCRIBED
        assert model.find(board).size is NOT_DESCRIBED


def test_document_chain_from_vision_to_profile(model: SteeringModel) -> None:
    def parents(document_id: str) -> tuple[str, ...]:
        return model.document(document_id).parents

    assert parents("vision_2020") == ()
    assert parents("visionsmaal") == ("vision_2020",)
    assert parents("vores_vej") == ("vision_2020",)
    assert parents("koncernledelsens_strategikort") == ("visionsmaal",)
    assert parents("centrenes_strategikort") == ("koncernledelsens_strategikort",)
    assert parents("centeraftale") == ("centrenes_strategikort",)
    assert parents("decentral_aftale") == ("centrenes_strategikort",)
    assert parents("profildokument") == ("decentral_aftale",)


def test_byraad_owns_the_vision_and_adopts_the_policies(model: SteeringModel) -> None:
    vision = model.document("vision_2020")
    assert (vision.owner, vision.approver) == ("byraad", "byraad")
    policies = model.document("vores_vej")
    assert policies.approver == "byraad"
    assert policies.horizon_years is Horizon.LONG_TERM
    recommends = [r for r in model.responsibilities if r.verb is Verb.RECOMMENDS and r.document == "vores_vej"]
    assert [r.actor for r in recommends] == ["fagudvalg"]
    # "Fagudvalgene og Byrådet drøfter arbejdet med visionsmålene" in Q1.
    discuss = {r.actor: timing(r.when).quarter for r in model.responsibilities if r.verb is Verb.DISCUSSES}
    assert discuss == {"fagudvalg": 1, "byraad": 1}
    assert model.find("evalueringer_til_byraadet").actors == ("byraad",)


def test_decentral_agreement(model: SteeringModel) -> None:
    agreement: DocumentType = model.document("decentral_aftale")
    assert agreement.horizon_years == 1
    assert timing(agreement.cadence).every_years == 1
    assert timing(agreement.cadence).quarter == 1
    assert agreement.parties == ("centerchef", "decentral_leder")
    assert agreement.per == "enhed"
    assert agreement.mandatory is True
    # Only the parties are named; no separate approval step is described.
    assert agreement.approver is NOT_DESCRIBED
    goals = development_goals(agreement)
    assert (goals.min, goals.max) == (1, 3)
    assert goals.strength is Strength.MUST
    assert agreement.requirements is not None and agreement.requirements.economic_frame is True


def test_smarte_is_a_guideline_with_six_criteria(model: SteeringModel) -> None:
    criteria = goal_criteria(model.document("decentral_aftale"))
    assert criteria.criteria == "SMARTE"
    assert criteria.count == 6
    assert criteria.strength is Strength.SHOULD


def test_strategy_maps_run_two_years_new_in_even_years_reviewed_in_odd(model: SteeringModel) -> None:
    for map_id in ("koncernledelsens_strategikort", "centrenes_strategikort"):
        strategy_map = model.document(map_id)
        assert strategy_map.horizon_years == 2
        assert (timing(strategy_map.cadence).quarter, timing(strategy_map.cadence).years) == (4, Years.EVEN)
    assert model.document("koncernledelsens_strategikort").owner == "koncernledelse"
    assert model.document("centrenes_strategikort").owner == "center"
    new, review = model.find("strategikort_nyt"), model.find("strategikort_review")
    assert (timing(new.when).quarter, timing(new.when).years, new.action) == (4, Years.EVEN, Action.PREPARE)
    assert (timing(review.when).quarter, timing(review.when).years, review.action) == (4, Years.ODD, Action.EVALUATE)


def test_koncernledelse_approves_centre_agreements_annually(model: SteeringModel) -> None:
    centre_agreement = model.document("centeraftale")
    assert centre_agreement.approver == "koncernledelse"
    assert centre_agreement.per == "center"
    # "de kommende år": no number of years is given.
    assert centre_agreement.horizon_years is NOT_DESCRIBED
    approvals = [r for r in model.responsibilities if r.verb is Verb.APPROVES and r.document == "centeraftale"]
    assert [(r.actor, timing(r.when).every_years) for r in approvals] == [("koncernledelse", 1)]


def test_profile_document_is_optional(model: SteeringModel) -> None:
    assert model.document("profildokument").mandatory is False
    # "har mulighed for": a unit may prepare one.
    (prepares,) = [r for r in model.responsibilities if r.document == "profildokument"]
    assert (prepares.actor, prepares.verb, prepares.strength) == ("enhed", Verb.PREPARES, Strength.MAY)
    mandatory = {document.id for document in model.documents if document.mandatory is True}
    assert "profildokument" not in mandatory
    assert {"vision_2020", "koncernledelsens_strategikort", "centeraftale", "decentral_aftale"} <= mandatory


def test_planstrategi_is_only_mentioned(model: SteeringModel) -> None:
    plan = model.document("planstrategi")
    assert plan.owner is NOT_DESCRIBED
    assert plan.horizon_years is NOT_DESCRIBED
    assert plan.cadence is NOT_DESCRIBED


def test_med_cadences(model: SteeringModel) -> None:
    assert timing(model.find("h_med").cadence).times_per_year == Span.exactly(8)
    assert timing(model.find("c_med").cadence).times_per_year == Span.exactly(6)
    a_med = timing(model.find("a_med").cadence)
    assert a_med.as_needed is True
    assert a_med.times_per_year is None
    assert model.find("a_med").chair == "a_med_formand"
    levels = {med: model.find(med).level for med in ("h_med", "c_med", "a_med")}
    assert levels == {"h_med": "direktion_og_koncernledelse", "c_med": "center", "a_med": "enhed"}


def test_c_med_meets_about_two_weeks_before_h_med(model: SteeringModel) -> None:
    (constraint,) = [c for c in model.constraints if (c.first, c.then) == ("c_med", "h_med")]
    # "cirka to uger": an approximate target, and a planning principle rather than a rule.
    assert constraint.lag_days == Lag(target=14, approximate=True)
    assert constraint.strength is Strength.SHOULD


def test_q4_strategy_work_precedes_the_next_years_q1_agreements(model: SteeringModel) -> None:
    across = {(c.first, c.then): c.year_offset for c in model.constraints if c.then == "decentral_aftale_indgaas"}
    assert across == {
        ("koncernledelsesseminar", "decentral_aftale_indgaas"): 1,
        ("centeraftaler_udarbejdes", "decentral_aftale_indgaas"): 1,
        ("strategikort_nyt", "decentral_aftale_indgaas"): 1,
        ("strategikort_review", "decentral_aftale_indgaas"): 1,
        # The agreement holds the unit's whole economic frame (§4.4), so it follows the budget (§5).
        ("budget_andenbehandling", "decentral_aftale_indgaas"): 1,
    }
    # The Q1 evaluations feed the same year's Q4 revision of the maps.
    within = {(c.first, c.then): c.year_offset for c in model.constraints if c.then == "strategikort_nyt"}
    assert within == {
        ("lus_direktoer_centerchef", "strategikort_nyt"): 0,
        ("lus_centerchef_decentral_leder", "strategikort_nyt"): 0,
    }
    # A-MED weeks are announced before the year in which A-MED meets.
    (weeks,) = [c for c in model.constraints if (c.first, c.then) == ("a_med_uger_udmeldes", "a_med")]
    assert weeks.year_offset == 1


def test_lus_is_in_the_first_quarter(model: SteeringModel) -> None:
    for lus in ("lus_direktoer_centerchef", "lus_centerchef_decentral_leder", "decentral_aftale_indgaas"):
        assert timing(model.find(lus).when).quarter == 1
    assert set(model.find("lus_direktoer_centerchef").actors) == {"direktoer", "centerchef"}
    assert model.find("decentral_aftale_indgaas").documents == ("decentral_aftale",)


def test_budget_steps_of_the_year(model: SteeringModel) -> None:
    approval = timing(model.find("budgetproces_godkendes").when)
    assert (approval.quarter, approval.month) == (1, Span.exactly(2))
    assert timing(model.find("budgetmoede_foerste_skoen").when).quarter == 2
    assert timing(model.find("budget_foerstebehandling").when).quarter == 3
    assert timing(model.find("budget_andenbehandling").when).quarter == 4
    assert timing(model.find("koncernledelsesseminar").when).quarter == 4


def test_budget_model_is_described_elsewhere(model: SteeringModel) -> None:
    budget = model.budget
    assert described_fields(budget) == []
    assert budget.source is not None and budget.source.locator == "§1"


def test_principles_and_scope(model: SteeringModel) -> None:
    names = {principle.name for principle in model.principles}
    assert {"Helhed", "Enkelhed", "Tillid"} <= names
    scope = {item.id: item.included for item in model.scope}
    assert scope["alle_centre_og_enheder"] is True
    assert scope["budgetmodel"] is False


def test_roles_are_positions(model: SteeringModel) -> None:
    roles = {role.id: role for role in model.roles}
    assert roles["centerchef"].reports_to == "direktoer"
    assert roles["decentral_leder"].reports_to == "centerchef"
    assert roles["decentral_leder"].level == "enhed"


def test_cli_show_mentions_the_key_documents() -> None:
    assert_shown(
        "helsingoer",
        "Helsingør Kommune",
        "Vision 2020",
        "Koncernledelsens strategikort",
        "Centrenes strategikort",
        "Centeraftale",
        "Decentral aftale",
        "Profildokument",
        "H-MED",
        "C-MED",
        "A-MED",
    )


def test_the_parties_enter_into_the_decentral_agreement_without_a_signature(model: SteeringModel) -> None:
    # "Der indgås årligt en ét-årig aftale" (§4.4): entered into; the source mentions no signature.
    verbs = {(r.actor, r.verb) for r in model.responsibilities if r.document == "decentral_aftale"}
    assert {("centerchef", Verb.ENTERS_INTO), ("decentral_leder", Verb.ENTERS_INTO)} <= verbs
    assert not any(verb is Verb.SIGNS for _actor, verb in verbs)
    assert model.find("decentral_aftale_indgaas").action is Action.ENTER_INTO
    frame = model.document("decentral_aftale").requirements
    assert frame.economic_frame is True and "whole economic frame" in frame.note
