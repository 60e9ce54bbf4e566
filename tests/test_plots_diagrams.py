"""The hierarchy and document-chain diagrams, read back from their SVG: boxes, arrows, labels."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from kommunemodel import load_model
from kommunemodel.model import SteeringModel
from kommunemodel.report.plots import diagrams

from .strategies import steering_models
from .svgread import groups, texts

FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def helsingoer() -> SteeringModel:
    return load_model("helsingoer")


def test_the_hierarchy_draws_a_box_per_level_and_an_arrow_per_parent(helsingoer: SteeringModel) -> None:
    svg = diagrams.hierarchy(helsingoer, "en").svg()
    boxes = groups(svg, "node-")
    assert {f"node-{level.id}" for level in helsingoer.levels} <= set(boxes)
    with_parent = [level for level in helsingoer.levels if level.parent]
    assert sorted(groups(svg, "edge-")) == sorted(f"edge-{level.parent}-{level.id}" for level in with_parent)
    labels = texts(svg)
    assert "Hierarchy: Helsingør Kommune" in labels
    assert "Byråd og udvalg" in labels  # æøå kept as text
    assert "decides:" in labels  # who decides what, under the level that decides


def test_the_hierarchy_lists_bodies_at_their_level_and_the_others_in_their_own_box(helsingoer: SteeringModel) -> None:
    svg = diagrams.hierarchy(helsingoer, "da").svg()
    labels = texts(svg)
    assert labels[0] == "Hierarki: Helsingør Kommune"
    drawn = " ".join(labels)
    for body in helsingoer.bodies:
        assert " ".join(body.name.split()) in drawn, body.name
    loose = [body for body in helsingoer.bodies if body.level is None]
    assert bool(loose) == ("node-bodies-without-level" in groups(svg, "node-"))


def test_the_chain_links_every_document_to_its_parents(helsingoer: SteeringModel) -> None:
    svg = diagrams.chain(helsingoer, "en").svg()
    alone = set(diagrams.outside_chain(helsingoer))
    linked = [d for d in helsingoer.documents if d.id not in alone]
    assert {f"node-{d.id}" for d in linked} == set(groups(svg, "node-")) - {"node-outside-chain"}
    edges = {f"edge-{parent}-{d.id}" for d in linked for parent in d.parents if parent in {x.id for x in linked}}
    assert set(groups(svg, "edge-")) == edges
    assert "Document chain: Helsingør Kommune" in texts(svg)


def test_the_chain_puts_each_document_right_of_its_parents(helsingoer: SteeringModel) -> None:
    columns = diagrams.chain_layers(helsingoer)
    column = {identifier: index for index, ids in enumerate(columns) for identifier in ids}
    for document in helsingoer.documents:
        for parent in document.parents:
            if document.id in column and parent in column:
                assert column[parent] < column[document.id]


def test_a_cycle_of_parents_is_drawn_not_looped(helsingoer: SteeringModel) -> None:
    first, second = helsingoer.documents[0], helsingoer.documents[1]
    looped = attrs.evolve(
        helsingoer,
        documents=(
            attrs.evolve(first, parents=(second.id,)),
            attrs.evolve(second, parents=(first.id,)),
            *helsingoer.documents[2:],
        ),
        levels=tuple(attrs.evolve(level, parent=helsingoer.levels[-1].id) for level in helsingoer.levels),
    )
    assert "node-" + first.id in groups(diagrams.chain(looped, "en").svg(), "node-")
    assert groups(diagrams.hierarchy(looped, "en").svg(), "node-")


def test_the_same_model_gives_the_same_bytes(helsingoer: SteeringModel, data_dir: Path) -> None:
    assert diagrams.chain(helsingoer, "da").svg() == diagrams.chain(helsingoer, "da").svg()
    small = load_model(data_dir / "minimal.toml")
    assert diagrams.hierarchy(small, "en").png() == diagrams.hierarchy(small, "en").png()


@FEW
@given(steering_models())
def test_any_valid_model_is_drawn_with_one_box_per_level_and_document(model: SteeringModel) -> None:
    hierarchy = groups(diagrams.hierarchy(model, "en").svg(), "node-")
    assert {f"node-{level.id}" for level in model.levels} <= set(hierarchy)
    chain = diagrams.chain(model, "da").svg()
    alone = set(diagrams.outside_chain(model))
    assert {f"node-{d.id}" for d in model.documents if d.id not in alone} <= set(groups(chain, "node-"))
    assert ("node-outside-chain" in groups(chain, "node-")) == bool(alone)


def test_a_dollar_in_a_name_is_drawn_as_text_not_read_as_mathtext(helsingoer: SteeringModel) -> None:
    council = attrs.evolve(helsingoer.levels[0], name="Byråd $\\x$ og")
    model = attrs.evolve(helsingoer, levels=(council, *helsingoer.levels[1:]))
    assert "Byråd $\\x$ og" in diagrams.hierarchy(model, "en").svg()


def test_for_graphviz_each_box_and_arrow_is_named_like_the_matplotlib_drawing(helsingoer: SteeringModel) -> None:
    # The DOT text is built without the `dot` program; rendering it needs the program (below).
    graph = diagrams.hierarchy_graph(helsingoer, "en")
    source = diagrams.dot_graph(graph, "TB").source
    for level in helsingoer.levels:
        assert f'id="node-{level.id}"' in source
        if level.parent:
            assert f'id="edge-{level.parent}-{level.id}"' in source
    chain = diagrams.chain_graph(helsingoer, "en")
    assert sorted(f"edge-{a}-{b}" for a, b in chain.edges) == sorted(groups(diagrams.chain(helsingoer).svg(), "edge-"))


def test_a_backslash_or_quote_in_a_name_stays_a_character_for_graphviz(data_dir: Path) -> None:
    model = load_model(data_dir / "minimal.toml")
    odd = attrs.evolve(model, levels=(attrs.evolve(model.levels[0], name='By\\råd "A"'), *model.levels[1:]))
    source = diagrams.dot_graph(diagrams.hierarchy_graph(odd, "en"), "TB").source
    assert 'By\\\\råd \\"A\\"\\n' in source


@pytest.mark.skipif(diagrams.default_engine() != "graphviz", reason="no Graphviz `dot` program here")
def test_graphviz_draws_the_same_boxes_and_arrows(helsingoer: SteeringModel) -> None:
    svg = diagrams.hierarchy(helsingoer, "en", engine="graphviz").svg()
    assert {f"node-{level.id}" for level in helsingoer.levels} <= set(groups(svg, "node-"))
    assert "Byråd og udvalg" in texts(svg)
