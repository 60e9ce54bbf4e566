"""KM1xx: the structure of a model — ids, references, hierarchies, responsibility, ownership, sources."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...model import Body, DocumentKind, DocumentType, Level, LevelKind, Role, Unknown
from ...model.integrity import duplicate_ids, facts, format_path, unresolved
from ..base import Finding, Rule, Severity, rule
from ..graph import cycles
from ..subject import Subject


@rule("KM101", "duplicate-id", Severity.ERROR)
def duplicate_id(self: Rule, subject: Subject) -> Iterator[Finding]:
    """An id is used twice.

    ## What it checks
    Levels, bodies, roles, documents, events, sources, principles and scope items share one namespace of ids.
    Each id may be given once.

    ## Why it matters
    Every reference in a model is an id: a document's `owner`, a constraint's `first`, a unit's `level` in a
    year file. When two things share an id, a reference cannot say which one it means, and every rule, table
    and simulation that follows it may pick the wrong one. Helsingør has both a centre *level* and centre
    *bodies* (C-MED) (Helsingør Kommunes styringsmodel §3.1, §5): they need different ids.

    ## Example
    ```toml
    [[levels]]
    id = "center"
    name = "Center"
    kind = "centre"

    [[bodies]]
    id = "center"          # the same id as the level
    name = "C-MED"
    kind = "med"
    ```

    ## Use instead
    ```toml
    [[bodies]]
    id = "c_med"
    name = "C-MED"
    kind = "med"
    level = "center"
    ```
    """
    for path, message in duplicate_ids(subject.model):
        yield self.finding(path, message, "give each thing its own id; ids of all kinds share one namespace")


@rule("KM102", "unresolved-reference", Severity.ERROR)
def unresolved_reference(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A reference names no id of the right kind, or a citation names a source that is not listed.

    ## What it checks
    Every field that refers to another part of the model (`parent`, `level`, `owner`, `approver`, `parties`,
    `parents`, `per`, `actors`, `body`, `documents`, `first`, `then`, the budget's `grantor`, `recipient` and
    `actor`) names an id that exists and is the right kind of thing: a document's `parents` are documents, a
    body's `level` is a level. Every `source` cites an id listed under `[[sources]]`.

    ## Why it matters
    A steering chain is only as strong as its links: Helsingør's decentral agreement is made "between
    centerchef and decentral leder" and hangs under the centre's strategy map (Helsingør Kommunes
    styringsmodel §4.3–4.4). A misspelt id silently cuts the link, and a citation of an unlisted source cannot
    be followed back to the text.

    ## Example
    ```toml
    [[documents]]
    id = "decentral_aftale"
    name = "Decentral aftale"
    kind = "agreement"
    owner = "decentral_leeder"        # no such role
    parents = ["strategikort"]        # the document is called "centrenes_strategikort"
    ```

    ## Use instead
    ```toml
    [[documents]]
    id = "decentral_aftale"
    name = "Decentral aftale"
    kind = "agreement"
    owner = "decentral_leder"
    parents = ["centrenes_strategikort"]
    ```
    """
    for path, message in unresolved(subject.model):
        yield self.finding(path, message, "use the id of an existing level, body, role, document, event or source")


@rule("KM103", "organisation-cycle", Severity.ERROR)
def organisation_cycle(self: Rule, subject: Subject) -> Iterator[Finding]:
    """Levels, bodies or roles are their own ancestors.

    ## What it checks
    Following `parent` from level to level (and from body to body), or `reports_to` from role to role, never
    comes back to where it started.

    ## Why it matters
    The organisation is a tree from the council down to the single unit (Helsingør: Byråd → Direktion og
    Koncernledelse → Center → Enhed, Helsingør Kommunes styringsmodel §3.1). A cycle makes "above" and "below"
    meaningless, so no rule can tell whether an approver sits above the owner, and no cascade can run a goal
    from the top to the bottom.

    ## Example
    ```toml
    [[levels]]
    id = "direktion"
    name = "Direktion"
    kind = "executive"
    parent = "center"

    [[levels]]
    id = "center"
    name = "Center"
    kind = "centre"
    parent = "direktion"
    ```

    ## Use instead
    ```toml
    [[levels]]
    id = "direktion"
    name = "Direktion"
    kind = "executive"
    parent = "byraad"

    [[levels]]
    id = "center"
    name = "Center"
    kind = "centre"
    parent = "direktion"
    ```
    """
    for collection, link in (("levels", "parent"), ("bodies", "parent"), ("roles", "reports_to")):
        items: Sequence[Level | Body | Role] = getattr(subject.model, collection)
        position = {item.id: index for index, item in reversed(list(enumerate(items)))}
        edges = {item.id: [getattr(item, link)] if getattr(item, link) else [] for item in items}
        for component in cycles(edges):
            members = " → ".join([*component, component[0]])
            yield self.finding(
                (collection, position[component[0]], link),
                f"{collection} {', '.join(repr(member) for member in component)} form a cycle through "
                f"'{link}' ({members})",
                f"point '{link}' up the hierarchy, towards the council; the top has no '{link}'",
            )


@rule("KM104", "document-cycle", Severity.ERROR)
def document_cycle(self: Rule, subject: Subject) -> Iterator[Finding]:
    """Documents are their own ancestors through `parents`.

    ## What it checks
    Following `parents` from document to document never comes back to where it started.

    ## Why it matters
    Documents carry goals down the steering chain, each built on the ones above it: vision → policies →
    strategy maps → centre agreements → decentral agreements (Helsingør Kommunes styringsmodel §4). A cycle has
    no top: no document in it can say where its goals come from, and a goal cascade through it never ends.

    ## Example
    ```toml
    [[documents]]
    id = "strategikort"
    name = "Strategikort"
    kind = "strategy"
    parents = ["centeraftale"]

    [[documents]]
    id = "centeraftale"
    name = "Centeraftale"
    kind = "agreement"
    parents = ["strategikort"]
    ```

    ## Use instead
    ```toml
    [[documents]]
    id = "strategikort"
    name = "Strategikort"
    kind = "strategy"
    parents = ["politikker"]

    [[documents]]
    id = "centeraftale"
    name = "Centeraftale"
    kind = "agreement"
    parents = ["strategikort"]
    ```
    """
    position = {document.id: index for index, document in reversed(list(enumerate(subject.model.documents)))}
    edges = {document.id: list(document.parents) for document in subject.model.documents}
    for component in cycles(edges):
        yield self.finding(
            ("documents", position[component[0]], "parents"),
            f"documents {', '.join(repr(member) for member in component)} are their own ancestors through 'parents'",
            "a document's parents are the documents above it in the chain; the top document has none",
        )


#: Documents that record rather than steer; they need not trace up to the council.
RECORDS = frozenset((DocumentKind.MINUTES, DocumentKind.AGENDA, DocumentKind.ACCOUNTS, DocumentKind.REPORT))


def _carries_goals(document: DocumentType) -> bool:
    requirements = document.requirements
    return requirements is not None and (requirements.goals is not None or requirements.development_goals is not None)


@rule("KM105", "no-political-root", Severity.WARNING)
def no_political_root(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A document of the steering chain does not trace up to a document of the political level.

    ## What it checks
    Each document in the steering chain — one with `parents`, one that is another document's parent, or one
    whose requirements count goals — reaches, by following `parents` upwards, at least one top document
    (without parents) that the political level owns or approves: a vision, a policy, the budget. The political
    level is a level of kind `political`, a body or role on it, or a council. Records (minutes, agendas,
    accounts, reports) and documents outside the chain are not checked. Where every top reached has neither
    owner nor approver described, the finding is only `info`: the source may simply not say who adopts it.

    ## Why it matters
    Steering runs from the elected council down: "a red thread from vision to action" (*en rød tråd fra vision
    til handling*), which the centre chief secures together with the decentral units (Helsingør Kommunes
    styringsmodel §4.4). A chain that stops below the council steers by goals no politician set.

    ## Example
    ```toml
    [[documents]]
    id = "centrenes_strategikort"
    name = "Centrenes strategikort"
    kind = "strategy"
    owner = "centerchef"            # no parents: the chain stops at the centre

    [[documents]]
    id = "decentral_aftale"
    name = "Decentral aftale"
    kind = "agreement"
    parents = ["centrenes_strategikort"]
    ```

    ## Use instead
    ```toml
    [[documents]]
    id = "vision"
    name = "Vision 2020"
    kind = "vision"
    owner = "byraad"

    [[documents]]
    id = "centrenes_strategikort"
    name = "Centrenes strategikort"
    kind = "strategy"
    owner = "centerchef"
    parents = ["vision"]
    ```
    """
    documents = subject.documents
    edges = {
        document.id: [parent for parent in document.parents if parent in documents] for document in documents.values()
    }
    in_cycle = {member for component in cycles(edges) for member in component}
    is_parent = {parent for parents in edges.values() for parent in parents}
    tops: dict[str, frozenset[str]] = {}

    def tops_of(start: str) -> frozenset[str]:
        """The documents without parents above `start`; a way up into a cycle (KM104 reports it) reaches none."""
        stack = [start]
        while stack:
            node = stack[-1]
            if node in tops:
                stack.pop()
                continue
            ways_up = [parent for parent in edges[node] if parent not in in_cycle]
            pending = [parent for parent in ways_up if parent not in tops]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            tops[node] = frozenset().union(*(tops[parent] for parent in ways_up)) if edges[node] else frozenset((node,))
        return tops[start]

    def described(top_id: str) -> bool:
        return any(isinstance(actor, str) for actor in (documents[top_id].owner, documents[top_id].approver))

    def political(top_id: str) -> bool:
        top = documents[top_id]
        return any(isinstance(actor, str) and subject.is_political(actor) for actor in (top.owner, top.approver))

    for index, document in enumerate(subject.model.documents):
        if document.kind in RECORDS or document.id in in_cycle or documents.get(document.id) is not document:
            continue
        if not (edges[document.id] or document.id in is_parent or _carries_goals(document)):
            continue
        reached = sorted(tops_of(document.id))
        if not reached or any(political(top_id) for top_id in reached):
            continue
        unknown = not any(described(top_id) for top_id in reached)
        ends = ", ".join(
            "itself" if top_id == document.id else f"{top_id!r} ({documents[top_id].kind.value})" for top_id in reached
        )
        yield self.finding(
            ("documents", index),
            f"document {document.id!r} does not trace up to a document of the political level: its chain ends at "
            + ends
            + (", whose owner and approver are not described" if unknown else ", owned and approved below the council"),
            "add the document above it to 'parents', up to one the council (or a committee) owns or approves",
            Severity.INFO if unknown else None,
        )


#: Levels of the people steered and served rather than tiers that steer: no one need be responsible on them.
OUTSIDE = frozenset((LevelKind.CITIZEN, LevelKind.EMPLOYEE))


@rule("KM106", "level-without-responsible", Severity.WARNING)
def level_without_responsible(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A level of the organisation has no one responsible on it.

    ## What it checks
    Each level (citizens and employees excepted: they are served and steered, not tiers that steer) has a
    responsibility whose actor is the level or a body or role on it, or at least a role or body placed on it
    (`level = …`).

    ## Why it matters
    A styringsmodel says who does what at each level: in Helsingør the council sets the vision, the executive
    board turns it into action, the centre management decides how goals are put into practice and the
    decentral leader decides the unit's development (Helsingør Kommunes styringsmodel §3.1 *Ansvar og
    fastsættelse af mål*). A level no one is responsible on is a gap in the chain.

    ## Example
    ```toml
    [[levels]]
    id = "enhed"
    name = "Decentral enhed"
    kind = "unit"
    parent = "center"
    # no role, body or responsibility on this level
    ```

    ## Use instead
    ```toml
    [[roles]]
    id = "decentral_leder"
    name = "Decentral leder"
    level = "enhed"

    [[responsibilities]]
    actor = "decentral_leder"
    verb = "decides"
    object = "the unit's development and optimisation"
    ```
    """
    model = subject.model
    covered = {role.level for role in model.roles} | {body.level for body in model.bodies}
    covered |= {subject.level_of(responsibility.actor) for responsibility in model.responsibilities}
    for index, level in enumerate(model.levels):
        if level.kind in OUTSIDE or level.id in covered:
            continue
        yield self.finding(
            ("levels", index),
            f"level {level.id!r} has no responsibility, role or body on it",
            f"add a role or body with level = {level.id!r}, or a responsibility whose actor is on this level",
        )


@rule("KM107", "document-without-owner", Severity.WARNING)
def document_without_owner(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A mandatory document has no owner or no approver.

    ## What it checks
    Each document with `mandatory = true` names an `owner` and an `approver`. A field the file leaves out is a
    `warning`; a field that says `"not_described"` is only `info`, because the source may simply not say.

    ## Why it matters
    A document someone must make needs someone who makes it and someone who accepts it: Helsingør's centre
    agreements are made by the centres and approved by Koncernledelsen every year (Helsingør Kommunes
    styringsmodel §4.3). Without them, no one can be held to the deadline and no year file can be checked for
    the right signatures.

    ## Example
    ```toml
    [[documents]]
    id = "centeraftale"
    name = "Centeraftale"
    kind = "agreement"
    mandatory = true
    ```

    ## Use instead
    ```toml
    [[documents]]
    id = "centeraftale"
    name = "Centeraftale"
    kind = "agreement"
    mandatory = true
    owner = "centerchef"
    approver = "koncernledelsen"
    ```
    """
    for index, document in enumerate(subject.model.documents):
        if document.mandatory is not True:
            continue
        for role in ("owner", "approver"):
            if not isinstance(getattr(document, role), Unknown):
                continue
            path = ("documents", index, role)
            stated = subject.written(path)
            yield self.finding(
                path,
                f"mandatory document {document.id!r} has no {role}"
                + (" described in the source" if stated is not False else ""),
                f'name the {role} (a level, body or role), or write {role} = "not_described" when the source '
                "does not say",
                self.severity if stated is False else Severity.INFO,
            )


@rule("KM108", "approver-below-owner", Severity.ERROR)
def approver_below_owner(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A document's approver sits below its owner in the level hierarchy.

    ## What it checks
    Where both the owner and the approver of a document are on a level (a level itself, or a body or role with
    `level`), the approver's level is not below the owner's.

    ## Why it matters
    Approval runs upwards: the centres' agreements are approved by Koncernledelsen, the decentral agreement is
    entered into with the centre chief above the unit (Helsingør Kommunes styringsmodel §4.3–4.4), and
    Skanderborg's development contract is approved by a member of the executive board (Skanderborg Kommune,
    Ledelse og styring 2018, §7–8). An approver below the owner is almost always an owner and approver swapped.

    ## Example
    ```toml
    [[documents]]
    id = "decentral_aftale"
    name = "Decentral aftale"
    kind = "agreement"
    owner = "centerchef"           # on the centre level
    approver = "decentral_leder"   # on the unit level, below it
    ```

    ## Use instead
    ```toml
    [[documents]]
    id = "decentral_aftale"
    name = "Decentral aftale"
    kind = "agreement"
    owner = "decentral_leder"
    approver = "centerchef"
    ```
    """
    for index, document in enumerate(subject.model.documents):
        if not (isinstance(document.owner, str) and isinstance(document.approver, str)):
            continue
        owner_level = subject.level_of(document.owner)
        approver_level = subject.level_of(document.approver)
        if owner_level is None or approver_level is None:
            continue
        if owner_level in subject.level_ancestors.get(approver_level, ()):
            yield self.finding(
                ("documents", index, "approver"),
                f"document {document.id!r} is approved by {document.approver!r} (level {approver_level!r}), "
                f"below its owner {document.owner!r} (level {owner_level!r})",
                "the approver should sit on the owner's level or above it; were owner and approver swapped?",
            )


@rule("KM109", "fact-without-source", Severity.WARNING)
def fact_without_source(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A fact carries no `source`.

    ## What it checks
    The municipality, each principle, scope item, level, body, role, responsibility, document, event and
    constraint, each document's requirements and each part of the budget rules cites where it is stated, with
    `source = "<source id> <locator>"`.

    ## Why it matters
    A model is only as trustworthy as its trail back to the text: researchers compare models fact by fact, and
    a municipality must be able to show where a rule comes from. kommunemodel never invents a value where a
    source is silent; the explicit `"not_described"` says so instead (kommunemodel design, *The model file*).

    ## Example
    ```toml
    [[bodies]]
    id = "h_med"
    name = "H-MED"
    kind = "med"
    cadence = { times_per_year = 8 }
    ```

    ## Use instead
    ```toml
    [[bodies]]
    id = "h_med"
    name = "H-MED"
    kind = "med"
    cadence = { times_per_year = 8 }
    source = "styringsmodel §5"
    ```
    """
    for path, fact in facts(subject.model):
        if getattr(fact, "source", None) is None:
            yield self.finding(
                path,
                f"{format_path(path)} states facts without a source",
                'add source = "<source id> <section>", citing an entry of [[sources]]',
            )
