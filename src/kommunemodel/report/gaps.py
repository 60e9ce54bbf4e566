"""What a model's source leaves undescribed: every `not_described` value, with its place in the model file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from attrs import frozen

from ..model import SteeringModel, Unknown
from ..model.source import Citation

#: Fields whose unknown is the default of a fact no source gives and that the report would only repeat.
_COLLECTIONS = ("levels", "bodies", "roles", "documents", "events", "responsibilities", "constraints")


@frozen
class Gap:
    """One fact the source does not describe: where it sits, what it belongs to, and that item's citation."""

    path: str
    item: str
    field: str
    cited: str

    @property
    def text(self) -> str:
        """`Decentral aftale: owner` — what a reader looks for."""
        return f"{self.item}: {self.field.replace('_', ' ')}"


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, field name) of each unknown below an attrs object, a tuple of them, or a value."""
    if isinstance(value, Unknown):
        yield path, path.rsplit(".", 1)[-1]
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _label(item: Any, fallback: str) -> str:
    return str(getattr(item, "name", None) or getattr(item, "id", None) or fallback)


def _cited(item: Any) -> str:
    source = getattr(item, "source", None)
    return str(source) if isinstance(source, Citation) else ""


def undescribed(model: SteeringModel) -> list[Gap]:
    """Every fact of `model` its source leaves undescribed, in the order of the model file."""
    gaps: list[Gap] = []
    for path, name in _walk(model.municipality, "municipality"):
        gaps.append(Gap(path, model.name, name, _cited(model.municipality)))
    for collection in _COLLECTIONS:
        for index, item in enumerate(getattr(model, collection)):
            label = _label(item, f"{collection}[{index}]")
            if collection == "responsibilities":
                label = f"{item.actor} {item.verb.value} {item.object}"
            elif collection == "constraints":
                label = f"{item.first} → {item.then}"
            for path, name in _walk(item, f"{collection}[{index}]"):
                gaps.append(Gap(path, label, name, _cited(item)))
    budget = model.budget
    for field in attrs.fields(type(budget)):
        part = getattr(budget, field.name)
        for path, name in _walk(part, f"budget.{field.name}"):
            owner = part if attrs.has(type(part)) else budget
            gaps.append(Gap(path, "budget", name if name != field.name else field.name, _cited(owner)))
    return gaps


@frozen
class GapGroup:
    """The gaps of one item of the model, for a table row: the item, its undescribed fields and their paths."""

    item: str
    fields: tuple[str, ...]
    paths: tuple[str, ...]
    cited: str


def grouped(gaps: list[Gap]) -> list[GapGroup]:
    """Gaps gathered by the item they belong to (the part of the path before the last field), in file order."""
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        owner = gap.path.rsplit(".", 1)[0] if "." in gap.path else gap.path
        groups.setdefault(owner, []).append(gap)
    return [
        GapGroup(
            members[0].item,
            tuple(gap.field.replace("_", " ") for gap in members),
            tuple(gap.path for gap in members),
            members[0].cited,
        )
        for members in groups.values()
    ]
