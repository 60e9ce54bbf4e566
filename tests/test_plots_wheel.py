"""The årshjul wheel, read back from its SVG: month labels, one mark per dated event, rings, arcs, the legend."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from attrs import frozen

from kommunemodel import load_model
from kommunemodel.model import SteeringModel
from kommunemodel.report.plots.labels import MONTHS
from kommunemodel.report.plots.wheel import Arc, Mark, Ring, Undated, Wheel, draw_wheel, wheel_from_calendar

from .svgread import groups, texts

DAY = datetime.date


@pytest.fixture(scope="module")
def wheel() -> Wheel:
    marks = (
        Mark("lus", "Lederudviklingssamtale (LUS)", DAY(2025, 2, 14), 1, approximate=True),
        Mark("budget", "Vedtagelse af årsbudget", DAY(2025, 10, 8), 2),
        Mark("deadline", "Frist for vedtagelse", DAY(2025, 10, 15), 3, frame=True),
    )
    rings = (Ring("h_med", "H-MED", tuple(DAY(2025, month, 10) for month in (1, 3, 5, 6, 8, 9, 11, 12))),)
    arcs = (Arc("budget_doc", "Budget", DAY(2025, 2, 14), DAY(2025, 10, 8)),)
    undated = (Undated("a_med", "A-MED", "as needed: the source gives no dates"),)
    return Wheel("Helsingør Kommune", 2025, marks, rings, arcs, undated)


@pytest.fixture(scope="module")
def drawn(wheel: Wheel) -> dict[str, str]:
    """The wheel's SVG in each language, drawn once."""
    return {lang: draw_wheel(wheel, lang).svg() for lang in ("da", "en")}


def test_the_wheel_names_the_twelve_months_in_the_language_asked(drawn: dict[str, str]) -> None:
    for lang in ("da", "en"):
        labels = texts(drawn[lang])
        assert [label for label in labels if label in MONTHS[lang]] == list(MONTHS[lang])
    assert "Årshjul 2025: Helsingør Kommune" in texts(drawn["da"])


def test_each_dated_event_is_one_numbered_mark_and_listed_beside(drawn: dict[str, str]) -> None:
    svg = drawn["en"]
    assert groups(svg, "event-") == ["event-1-lus", "event-2-budget", "event-3-deadline"]
    labels = texts(svg)
    assert any("Lederudviklingssamtale (LUS)" in label and "≈14 Feb" in label for label in labels)
    assert any("Vedtagelse af årsbudget" in label for label in labels)


def test_meetings_are_ticks_on_their_ring_and_documents_arcs(drawn: dict[str, str]) -> None:
    svg = drawn["en"]
    assert len(groups(svg, "meeting-h_med-")) == 8
    assert groups(svg, "document-") == ["document-budget_doc"]
    assert any("H-MED (8)" in label for label in texts(svg))


def test_undated_items_are_listed_with_their_reason_and_not_placed(drawn: dict[str, str]) -> None:
    svg = drawn["en"]
    labels = texts(svg)
    assert "Undated (not placed)" in labels
    assert "as needed: the source gives no dates:" in labels
    assert any("A-MED" in label for label in labels)
    assert not groups(svg, "event-") or all("a_med" not in mark for mark in groups(svg, "event-"))


def test_the_legend_explains_every_kind_of_mark(drawn: dict[str, str]) -> None:
    svg = drawn["da"]
    assert groups(svg, "legend")
    labels = texts(svg)
    for phrase in ("Begivenhed", "≈ omtrentlig placering", "national ramme (lov)", "Møder (ring pr. organ)"):
        assert phrase in labels


def test_the_same_wheel_gives_the_same_bytes(wheel: Wheel, drawn: dict[str, str]) -> None:
    assert draw_wheel(wheel, "en").svg() == drawn["en"]


@frozen
class FakeOccurrence:
    """The fields of a calendar occurrence that the wheel reads."""

    event: str
    name: str
    date: datetime.date | None
    documents: tuple[str, ...] = ()
    approximate: bool = False
    frame: bool = False
    reason: str = ""
    body: str | None = None

    @property
    def is_meeting(self) -> bool:
        return self.body is not None and self.event == self.body


@frozen
class FakeCalendar:
    occurrences: tuple[FakeOccurrence, ...]


def test_a_calendar_becomes_marks_rings_arcs_and_undated_items(data_dir: Path) -> None:
    model: SteeringModel = load_model(data_dir / "minimal.toml")
    found = FakeCalendar(
        (
            FakeOccurrence("c_med", "C-MED", DAY(2025, 1, 9), body="c_med"),
            FakeOccurrence("c_med", "C-MED", DAY(2025, 3, 9), body="c_med"),
            FakeOccurrence("prepare", "Forberedelse", DAY(2025, 2, 1), ("decentral_aftale",), approximate=True),
            FakeOccurrence("other_year", "Sidste år", DAY(2024, 12, 1)),
            FakeOccurrence("review", "Review", DAY(2025, 11, 1), ("decentral_aftale",)),
            FakeOccurrence("loose", "Uden tid", None, reason="the source gives no time"),
        )
    )
    wheel = wheel_from_calendar(model, found, 2025)
    assert [(mark.number, mark.id) for mark in wheel.marks] == [(1, "prepare"), (2, "review")]
    assert wheel.marks[0].approximate
    assert wheel.rings == (Ring("c_med", "C-MED", (DAY(2025, 1, 9), DAY(2025, 3, 9))),)
    assert wheel.arcs == (Arc("decentral_aftale", "Decentral aftale", DAY(2025, 2, 1), DAY(2025, 11, 1)),)
    assert wheel.undated == (Undated("loose", "Uden tid", "the source gives no time"),)


def test_the_wheel_of_a_bundled_model_shows_its_calendar() -> None:
    from kommunemodel.simulate import calendar

    model = load_model("helsingoer")
    found = calendar(model, [2025])
    wheel = wheel_from_calendar(model, found, 2025)
    dated = [o for o in found.occurrences if o.date is not None and o.date.year == 2025 and not o.is_meeting]
    assert len(wheel.marks) == len(dated)
    meetings = {o.body for o in found.occurrences if o.date is not None and o.is_meeting and o.date.year == 2025}
    assert {ring.id for ring in wheel.rings} == meetings
    assert {item.id for item in wheel.undated} == {o.event for o in found.occurrences if o.date is None}
    svg = draw_wheel(wheel, "da").svg()
    assert len(groups(svg, "event-")) == len(dated)
    assert len(groups(svg, "meeting-")) == sum(len(ring.dates) for ring in wheel.rings)
