"""Whole-model integrity: duplicate ids, references that do not resolve, citations of unknown sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .budget import BudgetRules
from .source import NOT_DESCRIBED_TEXT, Citation

if TYPE_CHECKING:
    from .steering_model import SteeringModel

Path = tuple[str | int, ...]

#: Collections whose items have an id, in the order they appear in a model file.
IDENTIFIED = ("sources", "principles", "scope", "levels", "bodies", "roles", "documents", "events")

#: The kinds of thing a reference field may point to.
ACTOR = ("levels", "bodies", "roles")
REFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("levels", "parent"): ("levels",),
    ("bodies", "level"): ("levels",),
    ("bodies", "parent"): ("bodies",),
    ("bodies", "members"): ACTOR,
    ("bodies", "chair"): ACTOR,
    ("bodies", "per"): ("levels", "roles"),
    ("bodies", "acts_for"): ACTOR,
    ("roles", "level"): ("levels",),
    ("roles", "reports_to"): ("roles", "bodies"),
    ("roles", "within"): ("roles",),
    ("responsibilities", "actor"): ACTOR,
    ("responsibilities", "document"): ("documents",),
    ("documents", "owner"): ACTOR,
    ("documents", "approver"): ACTOR,
    ("documents", "parties"): ACTOR,
    ("documents", "parents"): ("documents",),
    ("documents", "per"): ("levels",),
    ("events", "actors"): ACTOR,
    ("events", "body"): ("bodies",),
    ("events", "documents"): ("documents",),
    ("constraints", "first"): ("events", "bodies"),
    ("constraints", "then"): ("events", "bodies"),
}
BUDGET_REFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("allocation", "grantor"): ACTOR,
    ("allocation", "recipient"): ACTOR,
    ("appropriation_level", "holders"): ACTOR,
    ("thresholds", "actor"): ACTOR,
    ("follow_ups", "actor"): ACTOR,
    ("follow_ups", "audience"): ACTOR,
}

#: Collections whose items state facts and so carry `source`.
FACTS = ("principles", "scope", "levels", "bodies", "roles", "responsibilities", "documents", "events", "constraints")

KIND_NAMES = {
    "sources": "source",
    "levels": "level",
    "bodies": "body",
    "roles": "role",
    "documents": "document",
    "events": "event",
}


def _get(item: Any, name: str) -> Any:
    """A field of a model object or of its still-unstructured table, so files with other errors are checked too."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _items(model: Any, collection: str) -> list[Any]:
    value = _get(model, collection)
    return list(value) if isinstance(value, list | tuple) else []


def _ids(model: Any, collection: str) -> Iterator[tuple[int, str]]:
    for index, item in enumerate(_items(model, collection)):
        identifier = _get(item, "id")
        if isinstance(identifier, str):
            yield index, identifier


def duplicate_ids(model: SteeringModel | dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Each id used a second time, anywhere in the model (ids share one namespace)."""
    first_seen: dict[str, Path] = {}
    for collection in IDENTIFIED:
        for index, identifier in _ids(model, collection):
            path: Path = (collection, index, "id")
            if identifier in first_seen:
                yield path, f"duplicate id {identifier!r}: already used at {format_path(first_seen[identifier])}"
            else:
                first_seen[identifier] = path


def references(model: SteeringModel | dict[str, Any]) -> Iterator[tuple[Path, str, tuple[str, ...]]]:
    """Every id reference in the model: its path, the id, and the collections it may point into."""
    for (collection, name), kinds in REFERENCES.items():
        for index, item in enumerate(_items(model, collection)):
            yield from _targets(_get(item, name), (collection, index, name), kinds)
    budget = _get(model, "budget")
    if budget is None:
        return
    for (part, name), kinds in BUDGET_REFERENCES.items():
        value = _get(budget, part)
        parts = (
            [(("budget", part, index), item) for index, item in enumerate(value)]
            if isinstance(value, list | tuple)
            else [(("budget", part), value)]
        )
        for path, item in parts:
            if isinstance(item, dict) or attrs.has(type(item)):
                yield from _targets(_get(item, name), (*path, name), kinds)


def _targets(value: Any, path: Path, kinds: tuple[str, ...]) -> Iterator[tuple[Path, str, tuple[str, ...]]]:
    if isinstance(value, list | tuple):
        for position, target in enumerate(value):
            if isinstance(target, str):
                yield (*path, position), target, kinds
    elif isinstance(value, str) and value != NOT_DESCRIBED_TEXT:
        yield path, value, kinds


def unresolved(model: SteeringModel | dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Each reference to an id that does not exist or is the wrong kind of thing, and each unknown source."""
    owner: dict[str, str] = {}
    for collection in IDENTIFIED:
        for _index, identifier in _ids(model, collection):
            owner.setdefault(identifier, collection)
    for path, target, kinds in references(model):
        names = [KIND_NAMES[kind] for kind in kinds]
        wanted = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        if target not in owner:
            yield path, f"{target!r} is not the id of any {wanted} in this model"
        elif owner[target] not in kinds:
            found = KIND_NAMES.get(owner[target], owner[target])
            yield path, f"{target!r} is {_article(found)} {found}, not {_article(wanted)} {wanted}"
    sources = {identifier for _index, identifier in _ids(model, "sources")}
    for path, fact in facts(model):
        citation = _get(fact, "source")
        cited = (
            citation.source
            if isinstance(citation, Citation)
            else (citation.split(" ", 1)[0] if isinstance(citation, str) else None)
        )
        if cited is not None and cited not in sources:
            yield (*path, "source"), f"cites source {cited!r}, which is not listed under [[sources]]"


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def problems(model: SteeringModel | dict[str, Any]) -> list[tuple[Path, str]]:
    """All integrity problems of a model (or of its table as read from a file)."""
    return [*duplicate_ids(model), *unresolved(model)]


def facts(model: SteeringModel | dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    """Every object that states a fact and so carries `source`, with its path.

    Sub-parts that cite their own source (requirements, budget parts) are included when they exist;
    the budget table itself always is.
    """
    municipality = _get(model, "municipality")
    if municipality is not None:
        yield ("municipality",), municipality
    for collection in FACTS:
        for index, item in enumerate(_items(model, collection)):
            yield (collection, index), item
            for position, variant in enumerate(_items(item, "variants")):
                yield (collection, index, "variants", position), variant
            requirements = _get(item, "requirements") if collection == "documents" else None
            if isinstance(requirements, dict) or attrs.has(type(requirements)):
                yield (collection, index, "requirements"), requirements
    budget = _get(model, "budget")
    if isinstance(budget, dict) or attrs.has(type(budget)):
        yield from _budget_facts(budget)


def _budget_facts(budget: BudgetRules | dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    yield ("budget",), budget
    for part in ("allocation", "appropriation_level", "carry_over", "technical_budget"):
        value = _get(budget, part)
        if isinstance(value, dict) or attrs.has(type(value)):
            yield ("budget", part), value
    for part in ("thresholds", "follow_ups"):
        for index, item in enumerate(_items(budget, part)):
            yield ("budget", part, index), item


def format_path(path: Path) -> str:
    """`("documents", 3, "parents", 0)` as the file's reader writes it: `documents[3].parents[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
