"""SteeringModel: the aggregate one plugin or one municipality's file describes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from attrs import field, frozen

from .budget import BudgetRules
from .cycle import Event, OrderingConstraint
from .documents import DocumentType
from .integrity import IDENTIFIED
from .organisation import Body, Level, Role
from .responsibility import Responsibility
from .source import NOT_DESCRIBED, Citation, Source, Span, Unknown, slug

SCHEMA = "kommunemodel/1"


def _schema(_instance: object, attribute: Any, value: str) -> None:
    if value != SCHEMA:
        raise ValueError(f"'{attribute.name}' must be {SCHEMA!r} (got {value!r})")


@frozen
class Municipality:
    """Who the model belongs to and its steering philosophy in the source's own words."""

    id: str = field(validator=slug)
    name: str
    philosophy: str | Unknown = NOT_DESCRIBED
    election_term_years: int | Unknown = NOT_DESCRIBED
    period: Span | None = None
    description: str = ""
    source: Citation | None = None


@frozen
class Principle:
    """A value or belief the model rests on (trust, dialogue, delegation …)."""

    id: str = field(validator=slug)
    name: str
    description: str = ""
    source: Citation | None = None


@frozen
class ScopeItem:
    """Something the model does or does not cover, and how it is steered if not."""

    id: str = field(validator=slug)
    name: str
    included: bool
    steered_by: str = ""
    source: Citation | None = None


@frozen
class Waiver:
    """A finding the file's authors accept, with the written reason why (`[[waivers]]`)."""

    code: str
    path: str = ""
    # An empty reason still loads: the rules engine reports it, so the file is not refused for it.
    reason: str = ""


@frozen
class SteeringModel:
    """One municipality's steering model: organisation, responsibilities, documents, cycle and budget."""

    municipality: Municipality
    schema: str = field(default=SCHEMA, validator=_schema)
    sources: tuple[Source, ...] = ()
    principles: tuple[Principle, ...] = ()
    scope: tuple[ScopeItem, ...] = ()
    levels: tuple[Level, ...] = ()
    bodies: tuple[Body, ...] = ()
    roles: tuple[Role, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    documents: tuple[DocumentType, ...] = ()
    events: tuple[Event, ...] = ()
    constraints: tuple[OrderingConstraint, ...] = ()
    budget: BudgetRules = field(factory=BudgetRules)
    waivers: tuple[Waiver, ...] = ()

    @property
    def id(self) -> str:
        """The municipality's id, which is the model's id."""
        return self.municipality.id

    @property
    def name(self) -> str:
        """The municipality's name."""
        return self.municipality.name

    def actors(self) -> dict[str, Level | Body | Role]:
        """Everything that can act, by id: levels, bodies and roles."""
        found: dict[str, Level | Body | Role] = {}
        for collection in (self.levels, self.bodies, self.roles):
            found.update((item.id, item) for item in collection)
        return found

    def find(self, item_id: str) -> Any:
        """The source, principle, scope item, level, body, role, document or event with this id (KeyError if none)."""
        for collection in IDENTIFIED:
            for item in getattr(self, collection):
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def document(self, document_id: str) -> DocumentType:
        """The document type with this id (KeyError if there is none)."""
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    def facts(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        """Every fact that must carry a source, with its path in the model file."""
        from .integrity import facts

        return facts(self)
