"""The national frame: facts the law sets for every Danish municipality, each cited to the law."""

from __future__ import annotations

import datetime
from typing import Any

from attrs import field, frozen

from .cycle import month_day
from .source import Unknown
from .steering_model import SteeringModel

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip

#: The laws and rules the frame cites, by name and section.
VALGLOVEN_6 = "kommunal- og regionalvalgloven § 6"
VALGLOVEN_6_1 = "kommunal- og regionalvalgloven § 6, stk. 1"
VALGLOVEN_6_2 = "kommunal- og regionalvalgloven § 6, stk. 2"
VALGLOVEN_6_3 = "kommunal- og regionalvalgloven § 6, stk. 3; § 97, stk. 2"
STYRELSESLOVEN_37_38 = "lov om kommunernes styrelse §§ 37–38 (§ 38, stk. 1: two readings at least three weeks apart)"
STYRELSESLOVEN_40 = "lov om kommunernes styrelse § 40 (the adopted budget binds next year's administration)"
# The section of the 15 October deadline could not be verified in the published rules: cited by name only.
BUDGET_RULES = "the ministry's budget rules (bekendtgørelse om kommunernes budget- og regnskabsvæsen, revision m.v.)"


@frozen
class FrameFact:
    """One fact of the national frame: what it is, its value, and the law that sets it."""

    id: str
    name: str
    value: Any
    law: str


def _third_tuesday_of_november(year: int) -> datetime.date:
    first = datetime.date(year, 11, 1)
    # weekday(): Monday is 0, Tuesday 1; the first Tuesday falls on day 1..7, the third 14 days later.
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 14)


@frozen
class NationalFrame:
    """What the law sets for every municipality: the election term, the fiscal year and the budget's deadline."""

    term_years: int = 4
    # § 6, stk. 2 names the election of 2009, "derefter … 2013 og så fremdeles".
    reference_election: int = 2009
    fiscal_year_start: str = field(default="01-01", validator=month_day)
    budget_readings: int = 2
    budget_reading_gap_days: int = 21
    budget_deadline: str = field(default="10-15", validator=month_day)

    def facts(self) -> tuple[FrameFact, ...]:
        """Every fact of the frame with its citation, in the order `show` prints them."""
        return (
            FrameFact("election_term_years", "election term (years)", self.term_years, VALGLOVEN_6_1),
            FrameFact("election_day", "election day", "the third Tuesday of November", VALGLOVEN_6_2),
            FrameFact("term_start", "the term counted from", "1 January after the election", VALGLOVEN_6_3),
            FrameFact("fiscal_year", "fiscal year", "the calendar year", f"{STYRELSESLOVEN_40}; {BUDGET_RULES}"),
            FrameFact(
                "budget_readings",
                "budget readings in the council",
                f"{self.budget_readings}, at least {self.budget_reading_gap_days} days apart",
                STYRELSESLOVEN_37_38,
            ),
            FrameFact("budget_deadline", "budget adopted by", "15 October", BUDGET_RULES),
        )

    def is_election_year(self, year: int) -> bool:
        """Whether a municipal election is held in `year` (2017, 2021, 2025 …)."""
        return (year - self.reference_election) % self.term_years == 0

    def election_day(self, year: int) -> datetime.date | None:
        """The election day of `year` (third Tuesday of November), None in a year without an election."""
        return _third_tuesday_of_november(year) if self.is_election_year(year) else None

    def term_year(self, year: int) -> int:
        """Which year of its election term `year` is: 1 for the year after an election (2018, 2022), …, 4."""
        return (year - self.reference_election - 1) % self.term_years + 1

    def term_of(self, year: int) -> tuple[int, int]:
        """The first and last year of the election term `year` lies in (2019 lies in 2018–2021)."""
        first = year - self.term_year(year) + 1
        return first, first + self.term_years - 1


#: The frame as the law sets it today.
FRAME = NationalFrame()


@frozen
class FrameOverride:
    """A year file's change to a frame fact for that year (`[national]`): the ministry moved the deadline."""

    budget_deadline: str | None = field(default=None, validator=month_day)
    reason: str = ""


@frozen
class InheritedFact:
    """A fact as a model has it: its value, and whether it comes from the frame (with the law) or the model."""

    id: str
    name: str
    value: Any
    from_frame: bool
    citation: str

    @property
    def law(self) -> str:
        """The law the fact comes from, where it comes from the frame ("" for the model's own)."""
        return self.citation if self.from_frame else ""


def frame_for(model: SteeringModel) -> NationalFrame:
    """The frame a model inherits, with what the model says otherwise (its own term length)."""
    term = model.municipality.election_term_years
    if isinstance(term, int) and term != FRAME.term_years:
        return NationalFrame(term_years=term)
    return FRAME


def inherited_facts(model: SteeringModel) -> tuple[InheritedFact, ...]:
    """The frame's facts as `model` has them: its own where its file states one, the frame's otherwise."""
    own: dict[str, tuple[Any, str]] = {}
    municipality = model.municipality
    if not isinstance(municipality.election_term_years, Unknown):
        own["election_term_years"] = (municipality.election_term_years, str(municipality.source or ""))
    if not isinstance(model.budget.adoption_deadline, Unknown):
        month, day = int(model.budget.adoption_deadline[:2]), int(model.budget.adoption_deadline[3:])
        own["budget_deadline"] = (
            f"{day} {_MONTHS[month - 1]}",
            "the model file's budget.adoption_deadline",
        )
    found = []
    for fact in frame_for(model).facts():
        if fact.id in own:
            value, citation = own[fact.id]
            found.append(InheritedFact(fact.id, fact.name, value, False, citation))
        else:
            found.append(InheritedFact(fact.id, fact.name, fact.value, True, fact.law))
    return tuple(found)
