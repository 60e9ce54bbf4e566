"""Counterfactuals: a new model composed from a base and parts of other models, the baseline untouched.

Each part carries exactly these facts of its donor (everything else stays the base's):

- ``budget``: the whole ``[budget]`` table (allocation, carry-over, thresholds, follow-ups, technical budget,
  adoption deadline).
- ``cycle``: the annual cycle, ``[[events]]`` and ``[[constraints]]``. Bodies' meeting cadences belong to the
  bodies, so to ``organisation``.
- ``documents``: ``[[documents]]`` and the ``[[responsibilities]]`` that name one of them (``document = …``).
- ``organisation``: ``[[levels]]``, ``[[bodies]]`` (with their cadences), ``[[roles]]`` and the
  ``[[responsibilities]]`` that name no document.

Every swapped fact keeps its donor's citation; the donor's ``[[sources]]`` come along under ids prefixed with
the donor's id (``skanderborg_haandbog``), so they cannot clash with the base's. Waivers follow the collections
they waive. References the base cannot resolve (Skanderborg's budget names its ``kontraktholder``) are left as
they are, for ``kommunemodel check`` to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..errors import ComposeError
from ..model import Citation, SteeringModel
from ..model.integrity import IDENTIFIED

#: The parts a counterfactual can take from another model, in the order a composed id names them.
PARTS: tuple[str, ...] = ("budget", "cycle", "documents", "organisation")

#: The model-file collections each part replaces (responsibilities are split by whether they name a document).
COLLECTIONS: dict[str, tuple[str, ...]] = {
    "budget": ("budget",),
    "cycle": ("events", "constraints"),
    "documents": ("documents",),
    "organisation": ("levels", "bodies", "roles"),
}


class ComposedModel(SteeringModel):
    """A SteeringModel composed from a base and parts of donors; its id says so (`helsingoer+budget=skanderborg`).

    It has exactly the fields of a SteeringModel, so it is shown, checked, compared and written like any other
    model (a written file carries the slug of its id, `helsingoer_budget_skanderborg`, and loads back as a model).
    """

    __slots__ = ("_composed_id",)

    @property
    def id(self) -> str:
        """The composed id: the base's id, then `+part=donor` for each part swapped in."""
        return getattr(self, "_composed_id", None) or self.municipality.id


def composed_id(base_id: str, swaps: Mapping[str, str]) -> str:
    """`helsingoer+budget=skanderborg`: the base, then each swap in the order of PARTS."""
    return base_id + "".join(f"+{part}={swaps[part]}" for part in PARTS if part in swaps)


def parse(name: str) -> tuple[str, dict[str, str]] | None:
    """A composed id as (base, {part: donor}); None when `name` is not one (it has no `+`)."""
    if "+" not in name:
        return None
    base, *pieces = name.split("+")
    swaps: dict[str, str] = {}
    for piece in pieces:
        part, equals, donor = piece.partition("=")
        if not equals or not donor or not base:
            raise ComposeError(name, f"write each swap as +PART=ID (got {piece!r})")
        if part not in PARTS:
            raise ComposeError(name, f"{part!r} is not a part; choose from {', '.join(PARTS)}")
        if part in swaps:
            raise ComposeError(name, f"{part!r} is swapped twice")
        swaps[part] = donor
    return base, swaps


def compose_named(name: str, load: Callable[[str], SteeringModel]) -> SteeringModel:
    """The model a composed id names, each model in it loaded by `load` (an id or a file)."""
    parsed = parse(name)
    if parsed is None:
        return load(name)
    base, swaps = parsed
    return compose(load(base), {part: load(donor) for part, donor in swaps.items()})


def _slug(text: str) -> str:
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", text.lower())).strip("_") or "model"


def _recite(value: Any, renamed: Mapping[str, str]) -> Any:
    """`value` with every citation of a renamed source pointing at its new id; unchanged objects are kept."""
    if isinstance(value, Citation):
        new = renamed.get(value.source)
        return value if new is None else Citation(new, value.locator)
    if isinstance(value, tuple):
        items = tuple(_recite(item, renamed) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if attrs.has(type(value)):
        changes = {}
        for attribute in attrs.fields(type(value)):
            old = getattr(value, attribute.name)
            new = _recite(old, renamed)
            if new is not old:
                changes[attribute.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


def _ids(fields: Mapping[str, Any]) -> set[str]:
    return {item.id for collection in IDENTIFIED for item in fields[collection]}


def _collection(path: str) -> str:
    match = re.match(r"[a-z_]+", path)
    return match.group(0) if match else ""


def compose(base: SteeringModel, swaps: Mapping[str, SteeringModel]) -> ComposedModel:
    """A new model: `base` with each part in `swaps` (budget, cycle, documents, organisation) taken from its donor.

    The base and the donors are not changed. ComposeError for a part that does not exist.
    """
    for part in swaps:
        if part not in PARTS:
            raise ComposeError(f"{base.id}+{part}=…", f"{part!r} is not a part; choose from {', '.join(PARTS)}")
    ordered = [(part, swaps[part]) for part in PARTS if part in swaps]
    fields: dict[str, Any] = {
        attribute.name: getattr(base, attribute.name) for attribute in attrs.fields(SteeringModel)
    }
    renames: dict[str, dict[str, str]] = {}
    sources = list(base.sources)
    taken = _ids(fields)
    for _part, donor in ordered:
        if donor.id in renames:
            continue
        renamed: dict[str, str] = {}
        for source in donor.sources:
            new_id = candidate = f"{_slug(donor.id)}_{source.id}"
            suffix = 2
            while new_id in taken:
                new_id, suffix = f"{candidate}_{suffix}", suffix + 1
            taken.add(new_id)
            renamed[source.id] = new_id
            note = f"Carried from {donor.name} ({donor.id}) into a counterfactual. {source.note}".strip()
            sources.append(attrs.evolve(source, id=new_id, note=note))
        renames[donor.id] = renamed
    fields["sources"] = tuple(sources)

    def take(donor: SteeringModel, name: str) -> Any:
        return _recite(getattr(donor, name), renames[donor.id])

    responsibilities_with_document = [r for r in base.responsibilities if r.document is not None]
    responsibilities_without = [r for r in base.responsibilities if r.document is None]
    for part, donor in ordered:
        if part == "budget":
            fields["budget"] = take(donor, "budget")
        elif part == "cycle":
            fields["events"] = take(donor, "events")
            fields["constraints"] = take(donor, "constraints")
        elif part == "documents":
            fields["documents"] = take(donor, "documents")
            responsibilities_with_document = [r for r in take(donor, "responsibilities") if r.document is not None]
        else:
            for name in COLLECTIONS["organisation"]:
                fields[name] = take(donor, name)
            responsibilities_without = [r for r in take(donor, "responsibilities") if r.document is None]
    fields["responsibilities"] = tuple(responsibilities_without + responsibilities_with_document)

    donor_of = {collection: donor for part, donor in ordered for collection in COLLECTIONS[part]}
    waivers = [w for w in base.waivers if _collection(w.path) not in donor_of]
    for collection, donor in donor_of.items():
        waivers += [w for w in donor.waivers if _collection(w.path) == collection and w not in waivers]
    fields["waivers"] = tuple(waivers)

    new_id = composed_id(base.id, {part: donor.id for part, donor in ordered})
    what = "; ".join(f"{part} from {donor.name} ({donor.id})" for part, donor in ordered)
    fields["municipality"] = attrs.evolve(
        base.municipality,
        id=_slug(new_id),
        name=f"{base.name} ({what})" if ordered else base.name,
        description=" ".join(filter(None, (base.municipality.description, f"Counterfactual: {what}."))),
    )
    model = ComposedModel(**fields)
    object.__setattr__(model, "_composed_id", new_id)
    return model
