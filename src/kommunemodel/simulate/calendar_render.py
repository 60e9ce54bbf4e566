"""The calendar's renderers: text for a reader, JSON (kommunemodel-calendar/1), CSV and RFC 5545 iCalendar."""

from __future__ import annotations

import datetime
from typing import Any

from .calendar import ONE_DAY, SCHEMA, Calendar, Occurrence

COLUMNS = ("event", "name", "date", "year", "approximate", "placed", "body", "actors", "documents", "source", "frame")


def occurrence_record(occurrence: Occurrence) -> dict[str, Any]:
    """One occurrence as the JSON and CSV outputs give it."""
    return {
        "event": occurrence.event,
        "name": occurrence.name,
        "date": occurrence.date.isoformat() if occurrence.date else None,
        "year": occurrence.year,
        "approximate": occurrence.approximate,
        "placed": occurrence.placed,
        "reason": occurrence.reason,
        "body": occurrence.body,
        "actors": list(occurrence.actors),
        "documents": list(occurrence.documents),
        "source": occurrence.source,
        "frame": occurrence.frame,
    }


def to_record(result: Calendar) -> dict[str, Any]:
    """The calendar as a JSON-ready record (schema kommunemodel-calendar/1)."""
    return {
        "schema": SCHEMA,
        "model": result.model,
        "from": result.start,
        "to": result.end,
        "term_years": {"value": result.term_years, "from_frame": result.term_from_frame},
        "events": [occurrence_record(occurrence) for occurrence in result.occurrences],
        "conflicts": [
            {
                "first": conflict.first,
                "then": conflict.then,
                "year": conflict.year,
                "strength": conflict.strength.value,
                "message": conflict.message,
                "source": conflict.source,
            }
            for conflict in result.conflicts
        ],
        "overrides": [
            {"year": item.year, "fact": item.fact, "value": item.value, "reason": item.reason}
            for item in result.overrides
        ],
        "unchecked": [{"first": item.first, "then": item.then, "reason": item.reason} for item in result.unchecked],
    }


def render_json(result: Calendar) -> str:
    """The calendar as JSON."""
    import json

    return json.dumps(to_record(result), ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def render_csv(result: Calendar) -> str:
    """The calendar as CSV: one row per occurrence, lists joined with `;`."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [*COLUMNS, "reason"]
    writer.writerow(header)
    for occurrence in result.occurrences:
        record = occurrence_record(occurrence)
        writer.writerow(_cell(record[column]) for column in header)
    return out.getvalue()


def render_text(result: Calendar) -> str:
    """The calendar for a reader: by year, the date, a `~` where the day is placed roughly, and why."""
    term = f"{result.term_years}-year election term" + (", from the national frame" if result.term_from_frame else "")
    lines = [f"{result.name}: the annual cycle {result.start}–{result.end} ({term})", ""]
    for year in range(result.start, result.end + 1):
        lines.append(f"{year}")
        for occurrence in result.occurrences:
            if occurrence.date is None or occurrence.year != year:
                continue
            mark = "~" if occurrence.approximate else " "
            frame = " [national frame]" if occurrence.frame else ""
            lines.append(f"  {occurrence.date:%Y-%m-%d} {mark} {occurrence.name}{frame}  ({occurrence.placed})")
        lines.append("")
    if result.undated:
        lines.append("Undated (the source gives no date):")
        for occurrence in result.undated:
            when = f"{occurrence.year}: " if occurrence.year else ""
            lines.append(f"  {occurrence.name} ({occurrence.event}) — {when}{occurrence.reason}")
        lines.append("")
    if result.overrides:
        lines.append("Frame facts a year file changes:")
        lines.extend(f"  {item.year}: {item.fact} = {item.value} ({item.reason})" for item in result.overrides)
        lines.append("")
    if result.conflicts:
        lines.append("Orderings the placement cannot keep:")
        lines.extend(f"  {conflict.strength.value}: {conflict.message}" for conflict in result.conflicts)
    else:
        lines.append("Every ordering constraint between dated occurrences is kept.")
    if result.unchecked:
        lines.append(f"Orderings not checked ({len(result.unchecked)}):")
        lines.extend(f"  {item.first} → {item.then}: {item.reason}" for item in result.unchecked)
    lines.append("~ the source gives no day: placed as the note in brackets says, not a date from the source.")
    return "\n".join(lines) + "\n"


def render_ics(result: Calendar) -> bytes:
    """The dated occurrences as RFC 5545 iCalendar, one VEVENT each, with UIDs stable across runs."""
    import icalendar

    ical = icalendar.Calendar()
    ical.add("prodid", "-//kommunemodel//simulate calendar//EN")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", f"{result.name} {result.start}–{result.end}")
    # A fixed stamp keeps the file the same bytes for the same model; UIDs make a re-import update, not add.
    stamp = datetime.datetime(result.start, 1, 1, tzinfo=datetime.UTC)
    counts: dict[tuple[str, int], int] = {}
    for occurrence in result.dated:
        assert occurrence.date is not None and occurrence.year is not None
        key = (occurrence.event, occurrence.year)
        counts[key] = counts.get(key, 0) + 1
        vevent = icalendar.Event()
        vevent.add("uid", f"{occurrence.event}-{occurrence.year}-{counts[key]}.{result.model}@kommunemodel")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", occurrence.date)
        vevent.add("dtend", occurrence.date + ONE_DAY)
        vevent.add("summary", occurrence.name)
        description = [f"Placed: {occurrence.placed}"]
        if occurrence.actors:
            description.append("Actors: " + ", ".join(occurrence.actors))
        if occurrence.documents:
            description.append("Documents: " + ", ".join(occurrence.documents))
        if occurrence.source:
            description.append(f"Source: {occurrence.source}")
        vevent.add("description", "\n".join(description))
        vevent.add("transp", "TRANSPARENT")
        if occurrence.body:
            vevent.add("categories", [occurrence.body])
        ical.add_component(vevent)
    return ical.to_ical()


def render(result: Calendar, fmt: str) -> str | bytes:
    """The calendar in one of the formats: text, json, csv, ics."""
    renderers: dict[str, Any] = {"text": render_text, "json": render_json, "csv": render_csv, "ics": render_ics}
    return renderers[fmt](result)
