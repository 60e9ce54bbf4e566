"""The hierarchy (levels, bodies, who decides what) and the document chain, drawn as box diagrams."""

from __future__ import annotations

import importlib.util
import shutil
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ...model import DocumentStatus, Horizon, SteeringModel, Unknown
from ...model.responsibility import Raci
from .labels import Lang, word
from .style import INK, MUTED, NOT_XML, TIER_FILL, Drawing, Picture, canvas, styled

#: Box geometry in inches: width, line height of the body text, padding, gaps between boxes and rows.
BOX_WIDTH = 2.7
LINE = 0.15
TITLE_LINE = 0.19
PAD = 0.09
GAP_X = 0.3
GAP_Y = 0.45
WRAP = 48
TITLE_WRAP = 38
#: A box lists at most this many decisions, then says how many more there are.
MOST_DECISIONS = 6


@frozen
class Node:
    """One box: an id for the SVG group, a bold title, body lines, and the fill of its kind."""

    id: str
    title: tuple[str, ...]
    lines: tuple[str, ...]
    fill: str
    dashed: bool = False

    @property
    def height(self) -> float:
        """The box's height in inches, from its number of lines."""
        return 2 * PAD + len(self.title) * TITLE_LINE + len(self.lines) * LINE


def _wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def actor_name(model: SteeringModel, actor: str | Unknown, lang: Lang) -> str:
    """The name of an actor id in the model, the id itself if unknown, or "not described"."""
    if isinstance(actor, Unknown):
        return word("not_described", lang)
    found = model.actors().get(actor)
    return found.name if found is not None else actor


def _draw_node(axes: Axes, node: Node, x: float, top: float) -> None:
    """Draw `node` with its top-left corner at (x, top), as one SVG group named after the node."""
    patch = FancyBboxPatch(
        (x, top - node.height),
        BOX_WIDTH,
        node.height,
        boxstyle="round,pad=0,rounding_size=0.06",
        facecolor=node.fill,
        edgecolor=INK,
        linewidth=0.9,
        linestyle=(0, (4, 2)) if node.dashed else "-",
    )
    patch.set_gid(f"node-{node.id}")
    axes.add_patch(patch)
    y = top - PAD
    for line in node.title:
        axes.text(x + PAD, y, line, fontsize=8.5, fontweight="bold", color=INK, va="top", ha="left")
        y -= TITLE_LINE
    for line in node.lines:
        axes.text(x + PAD, y, line, fontsize=7, color=INK if not line.startswith("  ") else MUTED, va="top")
        y -= LINE


def _arrow(axes: Axes, start: tuple[float, float], end: tuple[float, float], gid: str, curved: bool) -> None:
    arrow = FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=9,
        color=MUTED,
        linewidth=0.9,
        connectionstyle="arc3,rad=0.08" if curved else "arc3,rad=0",
        shrinkA=0,
        shrinkB=1,
    )
    arrow.set_gid(gid)
    axes.add_patch(arrow)


def _forest(items: Sequence[tuple[str, str | None]]) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and children of (id, parent) pairs; a missing parent makes a root, and a cycle is broken."""
    known = {identifier for identifier, _ in items}
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    parent_of = dict(items)
    for identifier, parent in items:
        # Walk up to see whether this node reaches a root; inside a cycle, the first node met becomes a root.
        seen = {identifier}
        cursor = parent
        while cursor in known and cursor not in seen:
            seen.add(cursor)
            cursor = parent_of[cursor]
        if parent is None or parent not in known or cursor in seen:
            roots.append(identifier)
        else:
            children[parent].append(identifier)
    return roots, children


def _decisions(model: SteeringModel, actors: Iterable[str], lang: Lang) -> list[str]:
    """What these actors decide, approve, adopt or sign: the accountable verbs of their responsibilities."""
    wanted = set(actors)
    lines: list[str] = []
    for responsibility in model.responsibilities:
        if responsibility.actor in wanted and responsibility.verb.raci is Raci.ACCOUNTABLE:
            line = f"{responsibility.verb.value.replace('_', ' ')}: {responsibility.object}"
            if line not in lines:
                lines.append(line)
    return lines


def _level_node(model: SteeringModel, level_id: str, lang: Lang) -> Node:
    level = next(item for item in model.levels if item.id == level_id)
    counts = [
        f"{getattr(level, name)} {word(name, lang)}"
        for name in ("units", "persons", "employees")
        if not isinstance(getattr(level, name), Unknown)
    ]
    lines = _wrap(
        f"{level.kind.value} · " + (", ".join(counts) or f"{word('count', lang)} {word('not_described', lang)}")
    )
    bodies = [body for body in model.bodies if body.level == level_id]
    roles = [role for role in model.roles if role.level == level_id]
    for body in bodies:
        lines += _wrap(f"▪ {body.name}")
    for role in roles:
        lines += _wrap(f"• {role.name}")
    decisions = _decisions(model, [level_id, *(b.id for b in bodies), *(r.id for r in roles)], lang)
    if decisions:
        lines.append(f"{word('decides', lang)}:")
        for decision in decisions[:MOST_DECISIONS]:
            lines += ["  " + part for part in _wrap(decision, WRAP - 2)]
        if len(decisions) > MOST_DECISIONS:
            lines.append(f"  + {len(decisions) - MOST_DECISIONS}")
    return Node(level.id, tuple(_wrap(level.name, TITLE_WRAP)), tuple(lines), TIER_FILL.get(level.kind.value, "#fff"))


def hierarchy(model: SteeringModel, lang: Lang = "en", engine: str | None = None) -> Drawing:
    """The tiers from the council down, each with its bodies, roles and what they decide; bodies with no tier aside.

    Laid out by Graphviz where its `dot` program is installed (or `engine="graphviz"`), else by matplotlib.
    """
    if (engine or default_engine()) == "graphviz":
        return _graphviz(hierarchy_graph(model, lang), "TB")
    return _hierarchy(model, lang)


def chain(model: SteeringModel, lang: Lang = "en", engine: str | None = None) -> Drawing:
    """The document chain from the top political document (left) to the unit's document (right).

    Laid out by Graphviz where its `dot` program is installed (or `engine="graphviz"`), else by matplotlib.
    """
    if (engine or default_engine()) == "graphviz":
        return _graphviz(chain_graph(model, lang), "LR")
    return _chain(model, lang)


@frozen
class Graph:
    """A diagram before layout: a title, boxes by key, and arrows between keys."""

    title: str
    nodes: dict[str, Node]
    edges: tuple[tuple[str, str], ...]


def _hierarchy_nodes(model: SteeringModel, lang: Lang) -> tuple[dict[str, Node], list[str], dict[str, list[str]]]:
    roots, children = _forest([(level.id, level.parent) for level in model.levels])
    nodes = {level.id: _level_node(model, level.id, lang) for level in model.levels}
    loose = [body for body in model.bodies if body.level is None or body.level not in nodes]
    if loose:
        lines = [line for body in loose for line in _wrap(f"▪ {body.name}")]
        nodes["_bodies"] = Node("bodies-without-level", (word("bodies", lang),), tuple(lines), "#ffffff", dashed=True)
        roots = [*roots, "_bodies"]
    return nodes, roots, children


def hierarchy_graph(model: SteeringModel, lang: Lang = "en") -> Graph:
    """The hierarchy's boxes and arrows, for any layout."""
    nodes, _roots, children = _hierarchy_nodes(model, lang)
    edges = tuple((parent, kid) for parent, kids in children.items() for kid in kids)
    return Graph(word("hierarchy_title", lang, name=model.name), nodes, edges)


def _chain_nodes(model: SteeringModel, lang: Lang) -> tuple[dict[str, Node], list[list[str]]]:
    columns = chain_layers(model)
    nodes = {document.id: _document_node(model, document.id, lang) for document in model.documents}
    alone = outside_chain(model)
    if alone:
        lines = [line for identifier in alone for line in _wrap(f"▪ {model.document(identifier).name}")]
        nodes["_alone"] = Node(
            "outside-chain", tuple(_wrap(word("outside_chain", lang), TITLE_WRAP)), tuple(lines), "#ffffff", True
        )
        columns = [*columns, ["_alone"]]
    return nodes, columns


def chain_graph(model: SteeringModel, lang: Lang = "en") -> Graph:
    """The chain's boxes and arrows, for any layout."""
    nodes, columns = _chain_nodes(model, lang)
    placed = {identifier for column in columns for identifier in column} - {"_alone"}
    edges = tuple(
        (parent, document.id)
        for document in model.documents
        if document.id in placed
        for parent in document.parents
        if parent in placed and parent != document.id
    )
    boxes = {key: node for key, node in nodes.items() if key in placed or key == "_alone"}
    return Graph(word("chain_title", lang, name=model.name), boxes, edges)


def default_engine() -> str:
    """ "graphviz" where its `dot` program and the `graphviz` package are installed, else "matplotlib"."""
    return "graphviz" if shutil.which("dot") and importlib.util.find_spec("graphviz") else "matplotlib"


def _dot_text(text: str) -> str:
    # A backslash in a model's text is a character, not one of Graphviz's escapes (\l, \n).
    # A control character would end up in the SVG, where XML does not allow it.
    return NOT_XML.sub("", text).replace("\\", "\\\\")


def dot_graph(graph: Graph, rankdir: str) -> Any:
    """The `graphviz.Digraph` of a diagram: a box per node (its SVG group named after it), an arrow per edge."""
    import graphviz  # type: ignore[import-untyped]

    font = "DejaVu Sans"
    digraph = graphviz.Digraph(
        graph_attr={
            "rankdir": rankdir,
            "label": graph.title,
            "labelloc": "t",
            "labeljust": "l",
            "fontname": font,
            "fontsize": "14",
            "nodesep": "0.25",
            "ranksep": "0.45",
        },
        node_attr={"shape": "box", "fontname": font, "fontsize": "9", "color": INK, "penwidth": "0.9"},
        edge_attr={"color": MUTED, "arrowsize": "0.7"},
    )
    for key, node in graph.nodes.items():
        label = "\\n".join(_dot_text(line) for line in node.title) + "\\n"
        label += "".join(_dot_text(line) + "\\l" for line in node.lines)
        style = "rounded,filled" + (",dashed" if node.dashed else "")
        digraph.node(key, label=label, id=f"node-{node.id}", style=style, fillcolor=node.fill)
    for parent, kid in graph.edges:
        digraph.edge(parent, kid, id=f"edge-{parent}-{kid}")
    return digraph


@frozen(eq=False)
class DotPicture:
    """A diagram laid out by Graphviz's `dot`."""

    graph: Any
    title: str

    def svg(self) -> str:
        """The SVG `dot` writes: deterministic for the same graph."""
        return NOT_XML.sub("", str(self.graph.pipe(format="svg", encoding="utf-8")))

    def png(self) -> bytes:
        """The PNG `dot` writes, at 150 dpi."""
        graph = self.graph.copy()
        graph.graph_attr["dpi"] = "150"
        return bytes(graph.pipe(format="png"))


def _graphviz(graph: Graph, rankdir: str) -> DotPicture:
    return DotPicture(dot_graph(graph, rankdir), graph.title)


@styled
def _hierarchy(model: SteeringModel, lang: Lang) -> Picture:
    title = word("hierarchy_title", lang, name=model.name)
    nodes, roots, children = _hierarchy_nodes(model, lang)

    # A tidy tree: each leaf takes one column, a parent sits over the middle of its children.
    column: dict[str, float] = {}
    depth: dict[str, int] = {}
    next_leaf = 0.0

    def place(identifier: str, level: int) -> None:
        nonlocal next_leaf
        depth[identifier] = level
        kids = children.get(identifier, [])
        for kid in kids:
            place(kid, level + 1)
        if kids:
            column[identifier] = (column[kids[0]] + column[kids[-1]]) / 2
        else:
            column[identifier] = next_leaf
            next_leaf += 1

    for root in roots:
        place(root, 0)
    rows = max(depth.values(), default=-1) + 1
    row_height = [max((nodes[i].height for i in depth if depth[i] == row), default=0.0) for row in range(rows)]
    width = max(next_leaf, 1) * (BOX_WIDTH + GAP_X) + GAP_X
    height = sum(row_height) + GAP_Y * rows + 0.6
    figure, axes = canvas(max(width, 4.0), max(height, 1.4))
    axes.text(GAP_X, height - 0.15, title, fontsize=11, fontweight="bold", va="top", color=INK)
    if not nodes:
        axes.text(GAP_X, height - 0.6, word("no_levels", lang), fontsize=9, va="top", color=MUTED)
        return Picture(figure, title)
    tops = [height - 0.6 - sum(row_height[:row]) - GAP_Y * row for row in range(rows)]
    corner = {i: (GAP_X + column[i] * (BOX_WIDTH + GAP_X), tops[depth[i]]) for i in depth}
    for parent, kids in children.items():
        px, ptop = corner[parent]
        for kid in kids:
            kx, ktop = corner[kid]
            start = (px + BOX_WIDTH / 2, ptop - nodes[parent].height)
            _arrow(axes, start, (kx + BOX_WIDTH / 2, ktop), f"edge-{parent}-{kid}", curved=False)
    for identifier, (x, top) in corner.items():
        _draw_node(axes, nodes[identifier], x, top)
    return Picture(figure, title)


def _horizon(value: object, lang: Lang) -> str:
    if isinstance(value, int):
        return f"{value} {word('years' if value != 1 else 'one_year', lang)}"
    if isinstance(value, Horizon):
        return word(value.value, lang)
    return word("not_described", lang)


def _document_node(model: SteeringModel, document_id: str, lang: Lang) -> Node:
    from ..words import timing

    document = model.document(document_id)
    lines = _wrap(
        f"{word('owner', lang)}: {actor_name(model, document.owner, lang)}"
        f" · {word('approver', lang)}: {actor_name(model, document.approver, lang)}"
    )
    cadence = word("not_described", lang) if isinstance(document.cadence, Unknown) else timing(document.cadence)
    lines += _wrap(f"{word('horizon', lang)}: {_horizon(document.horizon_years, lang)} · {cadence}")
    if document.status is DocumentStatus.ANNOUNCED:
        lines.append(f"({word('announced', lang)})")
    return Node(
        document.id,
        tuple(_wrap(document.name, TITLE_WRAP)),
        tuple(lines),
        "#ffffff" if document.mandatory is True else "#f2f2f2",
        dashed=document.status is DocumentStatus.ANNOUNCED or document.mandatory is not True,
    )


def outside_chain(model: SteeringModel) -> list[str]:
    """The documents linked to no other: no parent in the model and no child."""
    known = {document.id for document in model.documents}
    linked = {p for d in model.documents for p in d.parents if p in known and p != d.id}
    linked |= {d.id for d in model.documents if any(p in known and p != d.id for p in d.parents)}
    return [document.id for document in model.documents if document.id not in linked]


def chain_layers(model: SteeringModel) -> list[list[str]]:
    """The linked documents in columns from the top: each one column right of its deepest parent, ordered to uncross."""
    alone = set(outside_chain(model))
    ids = [document.id for document in model.documents if document.id not in alone]
    known = set(ids)
    parents = {d.id: [p for p in d.parents if p in known and p != d.id] for d in model.documents if d.id in known}
    layer: dict[str, int] = {}

    def depth_of(identifier: str, trail: frozenset[str]) -> int:
        if identifier in layer:
            return layer[identifier]
        above = [p for p in parents[identifier] if p not in trail]  # a cycle is cut where it closes
        layer[identifier] = 1 + max((depth_of(p, trail | {identifier}) for p in above), default=-1)
        return layer[identifier]

    for identifier in ids:
        depth_of(identifier, frozenset())
    columns: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for identifier in ids:
        columns[layer[identifier]].append(identifier)
    # Barycentre ordering: a document sits near the mean position of its parents in the column before.
    for index in range(1, len(columns)):
        position = {identifier: rank for rank, identifier in enumerate(columns[index - 1])}
        order = {identifier: rank for rank, identifier in enumerate(columns[index])}

        def barycentre(identifier: str, position: dict[str, int] = position, order: dict[str, int] = order) -> float:
            ranks = [position[p] for p in parents[identifier] if p in position]
            return sum(ranks) / len(ranks) if ranks else len(position) + order[identifier]

        columns[index].sort(key=barycentre)
    return columns


@styled
def _chain(model: SteeringModel, lang: Lang) -> Picture:
    title = word("chain_title", lang, name=model.name)
    nodes, columns = _chain_nodes(model, lang)
    column_height = [sum(nodes[i].height for i in column) + GAP_Y * 0.6 * (len(column) - 1) for column in columns]
    width = len(columns) * (BOX_WIDTH + GAP_X * 2) + GAP_X
    height = max(column_height, default=0.0) + 0.9
    figure, axes = canvas(max(width, 4.0), max(height, 1.4))
    axes.text(GAP_X, height - 0.15, title, fontsize=11, fontweight="bold", va="top", color=INK)
    if not nodes:
        axes.text(GAP_X, height - 0.6, word("no_documents", lang), fontsize=9, va="top", color=MUTED)
        return Picture(figure, title)
    corner: dict[str, tuple[float, float]] = {}
    for index, column in enumerate(columns):
        x = GAP_X + index * (BOX_WIDTH + GAP_X * 2)
        top = height - 0.6 - (max(column_height) - column_height[index]) / 2
        for identifier in column:
            corner[identifier] = (x, top)
            top -= nodes[identifier].height + GAP_Y * 0.6
    for document in model.documents:
        if document.id not in corner:
            continue  # listed in the box of documents outside the chain
        cx, ctop = corner[document.id]
        for parent in document.parents:
            if parent not in corner or parent == document.id:
                continue
            px, ptop = corner[parent]
            start = (px + BOX_WIDTH, ptop - nodes[parent].height / 2)
            end = (cx, ctop - nodes[document.id].height / 2)
            _arrow(axes, start, end, f"edge-{parent}-{document.id}", curved=start[0] >= end[0])
    for identifier, (x, top) in corner.items():
        _draw_node(axes, nodes[identifier], x, top)
    return Picture(figure, title)
