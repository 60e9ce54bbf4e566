"""Read a figure's SVG back as structure: its text labels and its named groups (marks), never its pixels."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    """Every text label of the figure, in drawing order."""
    root = ET.fromstring(svg.encode("utf-8"))
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def groups(svg: str, prefix: str) -> list[str]:
    """The ids of the groups whose id starts with `prefix` (each a mark the figure names: `event-3-lus`)."""
    root = ET.fromstring(svg.encode("utf-8"))
    return [element.get("id", "") for element in root.iter(f"{SVG}g") if element.get("id", "").startswith(prefix)]
