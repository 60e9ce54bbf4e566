"""Skanderborg's packaged model: conformance, and the facts a reader of the 2018 handbook checks first."""

from __future__ import annotations

import pytest

import kommunemodel_skanderborg
from kommunemodel.model import (
    NOT_DESCRIBED,
    Action,
    Allocation,
    AppropriationLevel,
    Body,
    BodyKind,
    CarryOver,
    DocumentKind,
    Level,
    Limit,
    Measure,
    Route,
    Span,
    SteeringModel,
    Strength,
    TechnicalBudget,
    Transfers,
    Verb,
    Years,
)
from kommunemodel.testing import model_fixture, timing, walk_strings

ADMINISTRATIVE = {"executive", "corporate", "centre", "staff", "unit"}


model = model_fixture(kommunemodel_skanderborg)  # the kit checks it conforms (test_rules.py)


def members_total(model: SteeringModel, found: Body) -> int:
    """The sum of the member roles' counts: what the body's size must equal."""
    total = 0
    for member in found.members:
        count = model.find(member).count
        assert isinstance(count, Span) and count.is_exact, (member, count)
        total += count.low
    return total


def administrative_depth(model: SteeringModel, top: str) -> int:
    """Administrative levels on the longest parent chain below `top`."""
    children: dict[str | None, list[Level]] = {}
    for item in model.levels:
        children.setdefault(item.parent, []).append(item)

    def depth(level_id: str) -> int:
        below = [child for child in children.get(level_id, []) if child.kind in ADMINISTRATIVE]
        return max((1 + depth(child.id) for child in below), default=0)

    return depth(top)


def reaches(model: SteeringModel, first: str, then: str) -> bool:
    """Whether the ordering constraints lead from `first` to `then`."""
    following: dict[str, set[str]] = {}
    for constraint in model.constraints:
        following.setdefault(constraint.first, set()).add(constraint.then)
    seen: set[str] = set()
    todo = [first]
    while todo:
        current = todo.pop()
        for nxt in following.get(current, ()):
            if nxt == then:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


# ---------------------------------------------------------------- the model as a whole


def test_philosophy_rests_on_trust_dialogue_and_delegation(model: SteeringModel) -> None:
    assert "Skanderborgmodellen" in str(model.municipality.philosophy)
    assert {"tillid", "dialog", "delegation"} <= {principle.id for principle in model.principles}
    assert model.municipality.election_term_years == 4


def test_the_handbook_is_the_2018_edition_not_a_model_of_2018_only(model: SteeringModel) -> None:
    # "2018" names the edition of a handbook updated once a year, not the years the model covers.
    assert model.municipality.period is None
    (handbook,) = model.sources
    assert handbook.edition == "2018-udgave"


def test_no_named_persons(model: SteeringModel) -> None:
    # The handbook names the three directors and the unit heads of 2018; the model keeps roles only.
    names = ("Gammelgaard", "Rasmussen", "Binderup", "Rosenlund", "Brøchner", "Prætorius", "Hornbæk")
    text = " ".join(walk_strings(model))
    assert [name for name in names if name in text] == []


# ---------------------------------------------------------------- organisation


def test_54_contract_steered_units(model: SteeringModel) -> None:
    decentral = model.find("decentralt_niveau")
    assert decentral.kind == "unit"
    assert decentral.units == Span.exactly(54)
    assert model.find("kontraktholder").count == Span.exactly(54)
    assert model.find("kontraktholder").level == "decentralt_niveau"


def test_8_agreement_steered_units(model: SteeringModel) -> None:
    staff = model.find("aftalestyrede_enheder")
    assert staff.kind == "staff"
    assert staff.units == Span.exactly(8)
    assert staff.parent == "centralt_niveau"  # part of the central level, not a third level
    assert model.find("aftaleholder").count == Span.exactly(8)


def test_two_administrative_levels(model: SteeringModel) -> None:
    assert administrative_depth(model, "byraad") == 2
    assert model.find("decentralt_niveau").parent == "centralt_niveau"
    assert model.find("centralt_niveau").parent == "byraad"


def test_direktion_of_three(model: SteeringModel) -> None:
    direktion = model.find("direktion")
    assert direktion.kind == "executive_board"
    assert direktion.size == Span.exactly(3)
    assert members_total(model, direktion) == 3


def test_koncernledelse_of_eleven_is_direktion_plus_eight_chiefs(model: SteeringModel) -> None:
    koncernledelse = model.find("koncernledelse")
    assert koncernledelse.size == Span.exactly(11)
    assert set(koncernledelse.members) == {"direktoer", "fag_og_stabschef"}
    assert model.find("fag_og_stabschef").count == Span.exactly(8)
    assert members_total(model, koncernledelse) == 11


def test_byraad_of_29(model: SteeringModel) -> None:
    byraad = model.find("byraad")
    assert byraad.kind == "political"
    assert byraad.persons == Span.exactly(29)


def test_economy_committee_and_four_standing_committees(model: SteeringModel) -> None:
    standing = {
        "oekonomiudvalg",
        "socialudvalg",
        "undervisnings_og_boerneudvalg",
        "miljoe_og_planudvalg",
        "kultur_sundheds_og_beskaeftigelsesudvalg",
    }
    committees = {item.id for item in model.bodies if item.kind == "committee"}
    assert committees == standing
    # Special committees (styrelsesloven §17 stk. 4) are not standing ones: a kind of their own.
    assert model.find("saerlige_udvalg").kind is BodyKind.SPECIAL_COMMITTEE
    # The four standing committees follow up "på Byrådets vegne" (§3.1); the Økonomiudvalg is not said to.
    assert {item.id for item in model.bodies if "byraad" in item.acts_for} == standing - {"oekonomiudvalg"}
    assert model.find("oekonomiudvalg").name == "Økonomiudvalget"


def test_unknowns_stay_unknown(model: SteeringModel) -> None:
    special = model.find("saerlige_udvalg")
    assert special.count is NOT_DESCRIBED  # how many: not stated
    assert special.size is special.members is NOT_DESCRIBED
    for plural in ("lmu", "bestyrelse", "partigrupper"):
        assert model.find(plural).count is NOT_DESCRIBED
    for meeting in ("direktion", "koncernledelse", "hmu", "lmu", "oekonomiudvalg"):
        assert model.find(meeting).cadence is NOT_DESCRIBED
        assert model.find(meeting).chair is NOT_DESCRIBED
    assert model.find("budgetopfoelgning_1_byraad").when is NOT_DESCRIBED
    assert model.find("budgetopfoelgning_3_byraad").when is NOT_DESCRIBED


def test_borgerrepraesentationen_of_nearly_1000(model: SteeringModel) -> None:
    representation = model.find("borgerrepraesentationen")
    assert representation.kind == "citizens"
    assert representation.size == Span.about(1000)  # "næsten 1000"
    assert "Næsten 1000" in representation.description


def test_med_has_hmu_and_lmu(model: SteeringModel) -> None:
    assert {item.id for item in model.bodies if item.kind == "med"} == {"hmu", "lmu"}
    # "Lokal MED-drøftelse om næste års budget": LMU discusses, primo April or ultimo March.
    (dialogue,) = [r for r in model.responsibilities if r.actor == "lmu" and r.document == "budget"]
    assert dialogue.verb is Verb.DISCUSSES
    assert timing(dialogue.when).month == Span(3, 4)


def test_employees_by_level(model: SteeringModel) -> None:
    assert model.find("medarbejdere").employees == Span.exactly(5500)
    # Both are "ca." in the source.
    assert model.find("decentralt_niveau").employees == Span.about(4500)
    assert model.find("aftalestyrede_enheder").employees == Span.about(650)
    assert "ca. 4.500" in model.find("decentralt_niveau").description
    assert "ca. 650" in model.find("aftalestyrede_enheder").description


def test_actors_that_are_not_forums(model: SteeringModel) -> None:
    assert model.find("partigrupper").kind is BodyKind.PARTY_GROUP
    departments = {item.id for item in model.bodies if item.kind is BodyKind.DEPARTMENT}
    assert departments == {
        "oekonomistaben",
        "hr_staben",
        "byraads_og_direktionssekretariatet",
        "hr_konsulentteam",
        "personalejuridisk_team",
    }


def test_reporting_lines(model: SteeringModel) -> None:
    # The fag- og stabschefer and each kontraktholder answer to the direktion, a body.
    assert model.find("fag_og_stabschef").reports_to == "direktion"
    assert model.find("kontraktholder").reports_to == "direktion"
    # The kommunaldirektør is one of the three directors, not a fourth.
    assert model.find("kommunaldirektoer").within == "direktoer"
    assert model.find("direktoer").count == Span.exactly(3)


# ---------------------------------------------------------------- documents and the contract process


def test_common_language_is_six_document_types(model: SteeringModel) -> None:
    kinds = {item.id: item.kind for item in model.documents}
    assert {key: kinds[key] for key in ("vision", "strategi", "politik", "forandring", "standard", "bevilling")} == {
        "vision": "vision",
        "strategi": "strategy",
        "politik": "policy",
        "forandring": "change",
        "standard": "standard",
        "bevilling": "appropriation",
    }
    # Side by side (§3, §3.5), not under the policy: a change is decided with the budget, a standard has no parent.
    assert model.document("forandring").parents == ("budget",)
    assert model.document("standard").parents == ()


def test_development_contract_is_yearly_between_holder_and_direktion(model: SteeringModel) -> None:
    contract = model.find("udviklingskontrakt")
    assert contract.owner == "kontraktholder"
    assert set(contract.parties) == {"kontraktholder", "direktion"}
    assert contract.approver == "direktoer"
    assert contract.horizon_years == 1
    assert contract.mandatory is True
    assert contract.per == "decentralt_niveau"
    assert {"budget", "udviklingsspor"} <= set(contract.parents)
    assert model.find("udviklingsaftale").per == "aftalestyrede_enheder"


def test_contract_template_is_not_mandatory(model: SteeringModel) -> None:
    for contract_id in ("udviklingskontrakt", "udviklingsaftale"):
        requirements = model.find(contract_id).requirements
        assert requirements is not None and requirements.template is not None
        assert requirements.template.mandatory is False


def test_contract_goal_count_is_not_described(model: SteeringModel) -> None:
    requirements = model.find("udviklingskontrakt").requirements
    assert requirements is not None and requirements.development_goals is not None
    assert requirements.development_goals.max is NOT_DESCRIBED
    assert requirements.goal_criteria is None  # no SMART-type criteria in the source


def test_development_tracks_in_week_43(model: SteeringModel) -> None:
    published = model.find("udviklingsspor_udgives")
    assert timing(published.when).week == 43
    assert published.action == Action.PUBLISH
    assert published.actors == ("direktion",)
    tracks = model.find("udviklingsspor")
    assert tracks.owner == "direktion"
    assert timing(tracks.cadence).week == 43


def test_contract_signed_by_holder_and_director_before_new_year(model: SteeringModel) -> None:
    signing = model.find("kontraktunderskrift")
    assert signing.action == Action.SIGN
    assert set(signing.actors) == {"kontraktholder", "direktoer"}
    assert timing(signing.when).deadline == "12-31"
    signers = {item.actor for item in model.responsibilities if item.verb == Verb.SIGNS}
    assert signers == {"kontraktholder", "direktoer"}


def test_december_direktion_meeting_then_one_member_approves(model: SteeringModel) -> None:
    meeting = model.find("direktionsmoede_kontrakter")
    assert meeting.body == "direktion"
    assert timing(meeting.when).month == Span.exactly(12)
    approval = model.find("kontraktgodkendelse")
    assert approval.action == Action.APPROVE
    assert approval.actors == ("direktoer",)
    assert reaches(model, "direktionsmoede_kontrakter", "kontraktgodkendelse")


def test_contract_dialogue_in_february_march(model: SteeringModel) -> None:
    dialogue = model.find("kontraktdialogmoede")
    assert timing(dialogue.when).month == Span(2, 3)
    assert set(dialogue.actors) == {"direktoer", "kontraktholder"}
    assert dialogue.documents == ("udviklingskontrakt",)
    # It reviews the contract signed before the previous turn of the year.
    (review,) = [c for c in model.constraints if (c.first, c.then) == ("kontraktunderskrift", "kontraktdialogmoede")]
    assert review.year_offset == 1


def test_december_timetable_sets_next_years_follow_ups(model: SteeringModel) -> None:
    following = {c.then: c.year_offset for c in model.constraints if c.first == "budgettidsplan_besluttes"}
    assert following == {
        "budgetopfoelgning_1_indberetning": 1,
        "budgetopfoelgning_2_indberetning": 1,
        "budgetopfoelgning_3_indberetning": 1,
        "budgetforberedelse": 1,
    }


def test_budget_and_tracks_come_before_the_contract(model: SteeringModel) -> None:
    assert reaches(model, "budgetvedtagelse", "kontraktunderskrift")
    assert reaches(model, "udviklingsspor_udgives", "kontraktunderskrift")
    assert not reaches(model, "kontraktunderskrift", "budgetvedtagelse")


def test_development_policy_in_first_half_of_the_term(model: SteeringModel) -> None:
    policy = model.find("udviklingspolitik")
    assert policy.horizon_years == 4
    cadence = timing(policy.cadence)
    assert cadence.years == Years.TERM_YEAR_1
    assert cadence.month == Span(1, 6)
    # Once per term, written one way: no every_years, no count a year.
    assert (cadence.every_years, cadence.per_year, cadence.per_term) == (None, None, Span.exactly(1))


# ---------------------------------------------------------------- the year


def test_budget_adopted_by_15_october(model: SteeringModel) -> None:
    assert model.budget.adoption_deadline == "10-15"
    adoption = model.find("budgetvedtagelse")
    assert timing(adoption.when).deadline == "10-15"
    assert adoption.action == Action.ADOPT
    assert "byraad" in adoption.actors


def test_two_readings_with_the_hearing_between(model: SteeringModel) -> None:
    for between in ("budgethoering", "hmu_ekstraordinaert_moede", "budgetforhandling"):
        assert reaches(model, "budget_1_behandling", between)
        assert reaches(model, between, "budgetvedtagelse")
    hearing = model.find("budgethoering")
    assert set(hearing.actors) == {"seniorraadet", "integrationsraadet", "handicapraadet"}


def test_lmu_and_board_meetings_in_the_hearing_are_a_guideline(model: SteeringModel) -> None:
    strengths = {
        item.strength for item in model.constraints if "lmu_og_bestyrelsesmoede_i_hoeringen" in (item.first, item.then)
    }
    assert strengths == {Strength.SHOULD}


def test_guidelines_are_should(model: SteeringModel) -> None:
    # "Det vil være naturligt": contract follow-up at MED and board meetings; MUS around contract signing.
    on_contract = {
        r.actor: r.strength
        for r in model.responsibilities
        if r.document == "udviklingskontrakt" and r.actor in ("lmu", "bestyrelse")
    }
    assert on_contract == {"lmu": Strength.SHOULD, "bestyrelse": Strength.SHOULD}
    (mus,) = [r for r in model.responsibilities if r.object.startswith("staff development interviews")]
    assert mus.strength is Strength.SHOULD
    # A duty stays a must: the monthly budget follow-up.
    monthly = {r.actor: r.strength for r in model.responsibilities if r.object == "its budget every month (pligt)"}
    assert monthly == {"kontraktholder": Strength.MUST, "aftaleholder": Strength.MUST}


def test_recurring_leader_forums(model: SteeringModel) -> None:
    assert timing(model.find("kontraktholderdag").when).times_per_year == Span.exactly(2)
    ledertraef = timing(model.find("ledertraef").when)
    assert (ledertraef.quarter, ledertraef.per_year) == (1, Span.exactly(1))
    assert timing(model.find("lederevaluering").when).every_years == 3
    assert timing(model.find("nytaarskur").when).month == Span.exactly(1)


def test_accounts_cycle_in_the_january_quarter(model: SteeringModel) -> None:
    assert model.find("regnskab").kind is DocumentKind.ACCOUNTS
    assert model.find("regnskab").approver == "byraad"
    assert timing(model.find("regnskabsgodkendelse").when).month == Span.exactly(3)
    assert reaches(model, "bogfoeringsfrist", "overfoersel_formel")
    assert timing(model.find("teknisk_budget_fremlaeggelse").when).month == Span.exactly(3)
    assert model.find("teknisk_budget_fremlaeggelse").body == "oekonomiudvalg"


def test_mid_june_status_meeting_and_december_timetable(model: SteeringModel) -> None:
    assert timing(model.find("budgetstatusmoede").when).month == Span.exactly(6)
    assert reaches(model, "udvalgenes_budgetdroeftelse", "budgetstatusmoede")
    timetable = model.find("budgettidsplan_besluttes")
    assert timing(timetable.when).month == Span.exactly(12)
    assert timetable.documents == ("budgettidsplan",)


# ---------------------------------------------------------------- budget rules


def test_appropriation_goes_straight_from_byraad_to_holder(model: SteeringModel) -> None:
    allocation = model.budget.allocation
    assert isinstance(allocation, Allocation), allocation
    assert allocation.route == Route.DIRECT
    assert (allocation.grantor, allocation.recipient) == ("byraad", "kontraktholder")


def test_appropriations_go_to_holders_as_one_total_pot(model: SteeringModel) -> None:
    level = model.budget.appropriation_level
    assert isinstance(level, AppropriationLevel), level
    assert level.holders == ("kontraktholder", "aftaleholder")
    assert level.transfers is Transfers.FREE  # "en samlet pengepose" of salaries and all else (§6)
    assert "samlet pengepose" in level.description


def test_carry_over_caps(model: SteeringModel) -> None:
    carry_over = model.budget.carry_over
    assert isinstance(carry_over, CarryOver), carry_over
    assert carry_over.surplus_cap == Limit.UNLIMITED
    assert carry_over.deficit_cap == pytest.approx(0.05)
    assert carry_over.repayment_plan_above == pytest.approx(0.05)
    assert (carry_over.bookings_until, carry_over.formal_from) == ("01-15", "04-01")


def test_closer_follow_up_above_3_percent_overspend(model: SteeringModel) -> None:
    (threshold,) = model.budget.thresholds
    assert threshold.measure == Measure.EXPECTED_OVERSPEND
    assert threshold.above == pytest.approx(0.03)
    assert threshold.actor == "oekonomistaben"


def test_monthly_holder_and_three_political_follow_ups(model: SteeringModel) -> None:
    per_year = {item.actor: timing(item.cadence).times_per_year for item in model.budget.follow_ups}
    assert per_year == {
        "kontraktholder": Span.exactly(12),
        "aftaleholder": Span.exactly(12),
        "byraad": Span.exactly(3),
    }
    # The route via the direktion and Økonomiudvalget is stated for the second follow-up only (§7 April kvartal).
    political = next(item for item in model.budget.follow_ups if item.actor == "byraad")
    assert "second only" in political.description
    routed = {r.object for r in model.responsibilities if r.actor == "oekonomiudvalg" and r.verb is Verb.FOLLOWS_UP}
    assert routed == {"the second budget follow-up, after the direktion and before the Byråd"}


def test_technical_budget_at_unchanged_standards_adjusted_for_demography(model: SteeringModel) -> None:
    technical = model.budget.technical_budget
    assert isinstance(technical, TechnicalBudget), technical
    assert technical.demography_adjusted is True
    assert "Uændrede standarder" in technical.basis
