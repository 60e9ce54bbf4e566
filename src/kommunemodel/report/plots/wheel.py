"""The årshjul wheel: months around a circle, events on their dates, meetings on rings, documents as arcs."""

from __future__ import annotations

import calendar as gregorian
import datetime
import math
import textwrap
from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from attrs import frozen

from ...model import Action, SteeringModel
from .labels import Lang, month, word
from .style import INK, MUTED, RULE, Picture, new_figure, series, styled

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.projections.polar import PolarAxes

#: The actions that close a document's preparation: the arc ends at the first of these.
ADOPTING = (Action.ADOPT, Action.APPROVE, Action.SIGN, Action.DECIDE, Action.PUBLISH)


@frozen
class Mark:
    """A dated event on the wheel; `number` keys it to the list beside the wheel."""

    id: str
    label: str
    date: datetime.date
    number: int = 0
    approximate: bool = False
    frame: bool = False


@frozen
class Ring:
    """One body's meetings in the year."""

    id: str
    label: str
    dates: tuple[datetime.date, ...]


@frozen
class Arc:
    """A document from the start of its preparation to its adoption."""

    id: str
    label: str
    start: datetime.date
    end: datetime.date


@frozen
class Undated:
    """Something of the cycle that has no date, and why."""

    id: str
    label: str
    reason: str


@frozen
class Wheel:
    """What one year's wheel shows, taken from the calendar: the drawing needs nothing else."""

    name: str
    year: int
    marks: tuple[Mark, ...]
    rings: tuple[Ring, ...]
    arcs: tuple[Arc, ...]
    undated: tuple[Undated, ...]


def wheel_of(model: SteeringModel, year: int) -> Wheel:
    """The wheel of `model` in `year`, from its calendar (`kommunemodel.simulate.calendar`)."""
    from ...simulate.calendar import calendar

    return wheel_from_calendar(model, calendar(model, [year]), year)


def wheel_from_calendar(model: SteeringModel, found: Any, year: int) -> Wheel:
    """The wheel of one year of a calendar: dated events as marks, meetings on rings, documents as arcs."""
    events = {event.id: event for event in model.events}
    names = {document.id: document.name for document in model.documents}
    marks: list[Mark] = []
    meetings: dict[str, list[datetime.date]] = defaultdict(list)
    body_names: dict[str, str] = {}
    on_document: dict[str, list[tuple[datetime.date, bool]]] = defaultdict(list)
    undated: list[Undated] = []
    seen_undated: set[str] = set()
    for occurrence in found.occurrences:
        if occurrence.date is None:
            if occurrence.event not in seen_undated:
                seen_undated.add(occurrence.event)
                undated.append(Undated(occurrence.event, occurrence.name, occurrence.reason))
            continue
        if occurrence.date.year != year:
            continue
        if occurrence.is_meeting:
            meetings[occurrence.event].append(occurrence.date)
            body_names[occurrence.event] = occurrence.name
            continue
        marks.append(
            Mark(occurrence.event, occurrence.name, occurrence.date, 0, occurrence.approximate, occurrence.frame)
        )
        event = events.get(occurrence.event)
        for document in occurrence.documents:
            on_document[document].append((occurrence.date, event is not None and event.action in ADOPTING))
    marks.sort(key=lambda mark: (mark.date, mark.label))
    numbered = tuple(
        Mark(m.id, m.label, m.date, number, m.approximate, m.frame) for number, m in enumerate(marks, start=1)
    )
    rings = tuple(Ring(body, body_names[body], tuple(sorted(dates))) for body, dates in meetings.items())
    arcs: list[Arc] = []
    for document, dates in on_document.items():
        start = min(date for date, _ in dates)
        adoptions = sorted(date for date, adopting in dates if adopting and date >= start)
        end = adoptions[0] if adoptions else max(date for date, _ in dates)
        if end > start:
            arcs.append(Arc(document, names.get(document, document), start, end))
    arcs.sort(key=lambda arc: (arc.start, arc.id))
    return Wheel(model.name, year, numbered, rings, tuple(arcs), tuple(undated))


def _angle(day: datetime.date) -> float:
    """Where a day lies on the wheel, in radians clockwise from 1 January at the top."""
    days = 366 if gregorian.isleap(day.year) else 365
    return 2 * math.pi * (day.timetuple().tm_yday - 0.5) / days


#: Radii of the wheel's bands (the outer rim is 1).
HUB, ARCS_OUT, RINGS_IN, RINGS_OUT, MARKS_IN, MARKS_OUT = 0.16, 0.36, 0.40, 0.72, 0.77, 0.95
WRAP = 58


def _lanes(angles: list[float], lanes: int, gap: float) -> list[int]:
    """A lane for each angle (sorted), so marks closer than `gap` radians go side by side."""
    last: list[float] = [-10.0] * lanes
    chosen = []
    for angle in angles:
        lane = next((i for i in range(lanes) if angle - last[i] >= gap), min(range(lanes), key=lambda i: last[i]))
        last[lane] = angle
        chosen.append(lane)
    return chosen


def _draw_wheel(axes: PolarAxes, wheel: Wheel, lang: Lang) -> None:
    axes.set_theta_zero_location("N")
    axes.set_theta_direction(-1)
    axes.set_ylim(0, 1.0)
    axes.set_axis_off()
    full = [2 * math.pi * step / 360 for step in range(361)]
    for radius in (1.0, MARKS_IN, RINGS_IN - 0.02, HUB):
        axes.plot(full, [radius] * len(full), color=RULE, linewidth=0.6)
    days = 366 if gregorian.isleap(wheel.year) else 365
    for number in range(1, 13):
        start = datetime.date(wheel.year, number, 1)
        angle = _angle(start) - math.pi / days
        axes.plot([angle, angle], [HUB, 1.0], color=RULE, linewidth=0.6)
        middle = _angle(start + datetime.timedelta(days=14))
        label = axes.text(middle, 1.06, month(number, lang), ha="center", va="center", fontsize=9, color=INK)
        label.set_gid(f"month-{number}")
    axes.text(0, 0, str(wheel.year), ha="center", va="center", fontsize=13, fontweight="bold", color=INK)

    # Documents: one track each, from preparation to adoption, an arrowhead at adoption.
    if wheel.arcs:
        step = (ARCS_OUT - HUB - 0.04) / max(len(wheel.arcs), 1)
        for index, arc in enumerate(wheel.arcs):
            radius = HUB + 0.04 + step * (index + 0.5)
            opening, closing = _angle(arc.start), _angle(arc.end)
            points = [opening + (closing - opening) * k / 60 for k in range(61)]
            (line,) = axes.plot(points, [radius] * len(points), color=series(0).colour, linewidth=2.2)
            line.set_gid(f"document-{arc.id}")
            axes.plot([closing], [radius], marker=">", markersize=4, color=series(0).colour)

    # Bodies' meetings: one ring each, a tick per meeting.
    if wheel.rings:
        step = (RINGS_OUT - RINGS_IN) / len(wheel.rings)
        for index, ring in enumerate(wheel.rings):
            low = RINGS_IN + step * index + step * 0.15
            high = RINGS_IN + step * (index + 1) - step * 0.15
            axes.plot(full, [(low + high) / 2] * len(full), color=RULE, linewidth=0.3)
            for day in ring.dates:
                angle = _angle(day)
                (tick,) = axes.plot([angle, angle], [low, high], color=series(1).colour, linewidth=1.1)
                tick.set_gid(f"meeting-{ring.id}-{day.isoformat()}")
            axes.text(0.0, (low + high) / 2, str(index + 1), fontsize=5, ha="right", va="center", color=MUTED)

    # Events: numbered marks in up to three lanes so that marks on near dates do not cover each other.
    angles = [_angle(mark.date) for mark in wheel.marks]
    lanes = _lanes(angles, 3, 0.075)
    lane_step = (MARKS_OUT - MARKS_IN) / 3
    for mark, angle, lane in zip(wheel.marks, angles, lanes, strict=True):
        radius = MARKS_IN + lane_step * (lane + 0.5)
        look = series(2) if mark.frame else series(0)
        (dot,) = axes.plot(
            [angle],
            [radius],
            marker="s" if mark.frame else "o",
            markersize=9,
            markerfacecolor="white" if mark.approximate else look.colour,
            markeredgecolor=look.colour if not mark.frame else INK,
            markeredgewidth=1.0,
            linestyle="none",
        )
        dot.set_gid(f"event-{mark.number}-{mark.id}")
        colour = INK if mark.approximate or mark.frame else "white"
        axes.text(angle, radius, str(mark.number), fontsize=5.5, ha="center", va="center", color=colour)


def _listing(wheel: Wheel, lang: Lang) -> list[tuple[str, str]]:
    """The lines beside the wheel, each with its style: heading, item or note."""
    lines: list[tuple[str, str]] = [(word("events", lang), "heading")]
    for mark in wheel.marks:
        when = f"{mark.date.day} {month(mark.date.month, lang)}"
        flag = "≈" if mark.approximate else " "
        for index, part in enumerate(textwrap.wrap(f"{mark.number:>2} {flag}{when:<7} {mark.label}", WRAP)):
            lines.append((part if index == 0 else " " * 11 + part, "item"))
    if wheel.rings:
        lines.append((word("meetings", lang), "heading"))
        for index, ring in enumerate(wheel.rings, start=1):
            lines.append((f"{index:>2}  {ring.label} ({len(ring.dates)})", "item"))
    if wheel.arcs:
        lines.append((word("documents", lang), "heading"))
        for arc in wheel.arcs:
            start, end = (
                f"{arc.start.day} {month(arc.start.month, lang)}",
                f"{arc.end.day} {month(arc.end.month, lang)}",
            )
            text = f"{arc.label}: {start} → {end}"
            lines += [(part, "item") for part in textwrap.wrap(text, WRAP)]
    lines.append((word("undated", lang), "heading"))
    if not wheel.undated:
        lines.append((word("none_undated", lang), "note"))
    by_reason: dict[str, list[str]] = defaultdict(list)
    for item in wheel.undated:
        by_reason[item.reason].append(item.label)
    for reason, labels in by_reason.items():
        lines += [(part, "note") for part in textwrap.wrap(f"{reason}:", WRAP)]
        lines += [("  " + part, "item") for part in textwrap.wrap("; ".join(labels), WRAP - 2)]
    return lines


@styled
def draw_wheel(wheel: Wheel, lang: Lang = "en") -> Picture:
    """The wheel of one year, with its events, meetings, documents and undated items listed beside it."""
    title = word("wheel_title", lang, year=wheel.year, name=wheel.name)
    lines = _listing(wheel, lang)
    line_height = 0.145
    headings = sum(1 for _, kind in lines if kind == "heading")
    height = max(8.2, 1.0 + line_height * (len(lines) + 0.5 * headings))
    figure = new_figure(14.0, height)
    figure.text(0.02, 1 - 0.25 / height, title, fontsize=13, fontweight="bold", va="top", color=INK)
    side = 7.2 / height
    axes = figure.add_axes((0.03, 1 - (0.6 / height) - side, 7.2 / 14, side), projection="polar")
    _draw_wheel(cast("PolarAxes", axes), wheel, lang)
    _legend(figure, axes, lang, bool(wheel.rings), bool(wheel.arcs))
    y = 1 - 0.6 / height
    for text, kind in lines:
        if kind == "heading":
            y -= line_height * 0.5 / height
        figure.text(
            0.58,
            y,
            text,
            fontsize=8.5 if kind == "heading" else 7.5,
            fontweight="bold" if kind == "heading" else "normal",
            color=MUTED if kind == "note" else INK,
            va="top",
            family="DejaVu Sans Mono" if kind == "item" and text[:2].strip().isdigit() else "DejaVu Sans",
        )
        y -= line_height / height
    return Picture(figure, title)


def _legend(figure: Any, axes: Axes, lang: Lang, rings: bool, arcs: bool) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="none", color=series(0).colour, markersize=7, label=word("events", lang)),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="white",
            markeredgecolor=series(0).colour,
            markersize=7,
            label=word("approximate", lang),
        ),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="none",
            color=series(2).colour,
            markeredgecolor=INK,
            markersize=7,
            label=word("frame", lang),
        ),
    ]
    if rings:
        handles.append(
            Line2D(
                [], [], marker="|", linestyle="none", color=series(1).colour, markersize=9, label=word("meetings", lang)
            )
        )
    if arcs:
        handles.append(Line2D([], [], color=series(0).colour, linewidth=2.2, label=word("documents", lang)))
    legend = axes.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncols=2, fontsize=7.5, frameon=False
    )
    legend.set_gid("legend")
