"""Subject: what the rules run over (a model, or a year's data with its model), with indexes built once."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..io.locate import SourceText
from ..model import Body, BodyKind, DocumentType, Event, Level, LevelKind, Role, SteeringModel
from ..model.integrity import Path
from ..year.data import Agreement, BudgetResult, Unit, YearData
from .base import SubjectKind


class Subject:
    """A model, and for year rules the year's data checked against it; the lookups rules share, made on first use.

    Rules meet models whose references may not resolve (KM102 reports those), so every lookup here tolerates a
    missing id rather than raising.
    """

    def __init__(self, model: SteeringModel, year: YearData | None = None, source: SourceText | None = None) -> None:
        self.model = model
        self.year = year
        self.source = source

    @property
    def kind(self) -> SubjectKind:
        """A model, or a year's data."""
        return SubjectKind.MODEL if self.year is None else SubjectKind.YEAR

    def written(self, path: Path) -> bool | None:
        """Whether the file spells out `path` itself (not only an ancestor); None when there is no file text."""
        if self.source is None or self.source.text is None:
            return None
        return self.source.has(path)

    # The model

    @cached_property
    def levels(self) -> dict[str, Level]:
        """Levels by id (the first one, where an id is duplicated)."""
        found: dict[str, Level] = {}
        for level in self.model.levels:
            found.setdefault(level.id, level)
        return found

    @cached_property
    def bodies(self) -> dict[str, Body]:
        """Bodies by id."""
        found: dict[str, Body] = {}
        for body in self.model.bodies:
            found.setdefault(body.id, body)
        return found

    @cached_property
    def documents(self) -> dict[str, DocumentType]:
        """Document types by id."""
        found: dict[str, DocumentType] = {}
        for document in self.model.documents:
            found.setdefault(document.id, document)
        return found

    @cached_property
    def events(self) -> dict[str, Event]:
        """Events by id."""
        found: dict[str, Event] = {}
        for event in self.model.events:
            found.setdefault(event.id, event)
        return found

    @cached_property
    def actors(self) -> dict[str, Level | Body | Role]:
        """Everything that can act, by id."""
        found: dict[str, Level | Body | Role] = {}
        everyone: list[Level | Body | Role] = [*self.model.levels, *self.model.bodies, *self.model.roles]
        for actor in everyone:
            found.setdefault(actor.id, actor)
        return found

    def level_of(self, actor_id: str) -> str | None:
        """The level an actor sits on: a level is its own, a body or role the one it names; None if unknown."""
        actor = self.actors.get(actor_id)
        if isinstance(actor, Level):
            return actor.id
        if isinstance(actor, Body | Role) and actor.level in self.levels:
            return actor.level
        return None

    def _within(self, actor_id: str) -> list[str]:
        """An actor and the roles it is held within, nearest first (the kommunaldirektør is one of the directors)."""
        chain = [actor_id]
        actor = self.actors.get(actor_id)
        while isinstance(actor, Role) and actor.within is not None and actor.within not in chain:
            chain.append(actor.within)
            actor = self.actors.get(actor.within)
        return chain

    @cached_property
    def body_members(self) -> dict[str, frozenset[str]]:
        """Each body's members, a member that is itself a body standing for its own members too."""
        found: dict[str, frozenset[str]] = {}
        for body_id, body in self.bodies.items():
            members: set[str] = set()
            waiting = list(body.members) if isinstance(body.members, tuple) else []
            while waiting:
                member = waiting.pop()
                if member in members or member == body_id:
                    continue
                members.add(member)
                inner = self.bodies.get(member)
                if inner is not None and isinstance(inner.members, tuple):
                    waiting.extend(inner.members)
            found[body_id] = frozenset(members)
        return found

    def stands_for(self, actor_id: str, required: str) -> bool:
        """Whether `actor_id` acts for `required`: it is `required`, a role within it, a member of that body, or a
        body that acts on its behalf (`acts_for`).

        A director signs for the direktion when the direktion's `members` name the directors; the kommunaldirektør,
        a role within the directors, does too. A fagudvalg whose `acts_for` names the council approves for it.
        """
        chain = self._within(actor_id)
        if required in chain:
            return True
        members = self.body_members.get(required, frozenset())
        if any(actor in members for actor in chain):
            return True
        return any(required in self._acts_for(actor) for actor in chain)

    def _acts_for(self, actor_id: str) -> tuple[str, ...]:
        """The actors a body acts on behalf of; none for a level, a role or an unknown id."""
        actor = self.actors.get(actor_id)
        return actor.acts_for if isinstance(actor, Body) else ()

    def unit_level_of(self, body_id: str) -> str | None:
        """The level of the units that each have a body of this kind (a C-MED in each centre).

        The body's `per` where that is a level, else its own `level`; None where it names neither.
        """
        body = self.bodies.get(body_id)
        if body is None:
            return None
        if body.per is not None and body.per in self.levels:
            return body.per
        return body.level if body.level in self.levels else None

    @cached_property
    def level_ancestors(self) -> dict[str, tuple[str, ...]]:
        """Each level's chain of parents, nearest first, stopping before a repeat (a cycle KM103 reports)."""
        chains: dict[str, tuple[str, ...]] = {}
        for level_id in self.levels:
            chain: list[str] = []
            current = self.levels[level_id].parent
            while current in self.levels and current != level_id and current not in chain:
                chain.append(current)
                current = self.levels[current].parent
            chains[level_id] = tuple(chain)
        return chains

    def is_political(self, actor_id: str) -> bool:
        """Whether an actor belongs to the political level (a political level, or a council)."""
        actor = self.actors.get(actor_id)
        if isinstance(actor, Body) and actor.kind is BodyKind.COUNCIL:
            return True
        level = self.level_of(actor_id)
        return level is not None and self.levels[level].kind is LevelKind.POLITICAL

    @cached_property
    def scheduled_by_events(self) -> dict[str, list[int]]:
        """For each body, the indexes of the events held by it (`events[i].body`)."""
        found: dict[str, list[int]] = defaultdict(list)
        for index, event in enumerate(self.model.events):
            if event.body is not None:
                found[event.body].append(index)
        return found

    # The year's data

    def _year(self) -> YearData:
        if self.year is None:
            raise TypeError("a model rule asked for year data; give the rule subject=SubjectKind.YEAR")
        return self.year

    @cached_property
    def units(self) -> dict[str, Unit]:
        """The year's units by id."""
        found: dict[str, Unit] = {}
        for unit in self._year().units:
            found.setdefault(unit.id, unit)
        return found

    @cached_property
    def unit_positions(self) -> dict[str, int]:
        """Where each unit id is first listed in the year file's `units`."""
        found: dict[str, int] = {}
        for position, unit in enumerate(self._year().units):
            found.setdefault(unit.id, position)
        return found

    @cached_property
    def units_by_level(self) -> dict[str, list[str]]:
        """The ids of the year's units on each level, in file order."""
        found: dict[str, list[str]] = defaultdict(list)
        for unit in self._year().units:
            found[unit.level].append(unit.id)
        return found

    @cached_property
    def agreements_by_unit(self) -> dict[tuple[str, str], list[int]]:
        """For each (unit, document type), the indexes of its agreements."""
        found: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, agreement in enumerate(self._year().agreements):
            found[agreement.unit, agreement.document].append(index)
        return found

    @cached_property
    def meetings_by_body(self) -> dict[str, list[int]]:
        """For each body, the indexes of its meetings, in file order (a record of an event is not one)."""
        found: dict[str, list[int]] = defaultdict(list)
        for index, meeting in enumerate(self._year().meetings):
            if meeting.body is not None:
                found[meeting.body].append(index)
        return found

    @cached_property
    def meetings_by_event(self) -> dict[str, list[int]]:
        """For each of the model's events, the indexes of the year's records of it (`event = …`), in file order."""
        found: dict[str, list[int]] = defaultdict(list)
        for index, meeting in enumerate(self._year().meetings):
            if meeting.event is not None:
                found[meeting.event].append(index)
        return found

    def agreement_documents(self) -> list[tuple[int, Agreement, DocumentType]]:
        """Each agreement whose document type exists in the model, with that type."""
        return [
            (index, agreement, self.documents[agreement.document])
            for index, agreement in enumerate(self._year().agreements)
            if agreement.document in self.documents
        ]

    def results(self) -> list[tuple[int, BudgetResult]]:
        """Each budget result with its index."""
        return list(enumerate(self._year().budget_results))
