"""Cycles in graphs of ids: Tarjan's components against the definition (a node on a cycle reaches itself)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.rules.graph import cycles

nodes = st.sampled_from("abcdefgh")
graphs = st.dictionaries(nodes, st.lists(nodes | st.just("outside"), max_size=3), max_size=8)


def reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    seen: set[str] = set()
    todo = list(graph.get(start, []))
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen and node in graph:
            seen.add(node)
            todo += graph[node]
    return False


@given(graphs)
def test_the_components_are_exactly_the_nodes_on_cycles(graph: dict[str, list[str]]) -> None:
    found = cycles(graph)
    on_cycles = {node for node in graph if reaches(graph, node, node)}
    assert {node for component in found for node in component} == on_cycles
    for component in found:
        # Members of one component reach each other; they are listed in the order the graph gives them.
        assert all(reaches(graph, a, b) or a == b for a in component for b in component)
        assert component == sorted(component, key=list(graph).index)


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    chain = {f"n{i}": [f"n{i + 1}"] for i in range(50_000)}
    chain["n50000"] = ["n0"]
    assert len(cycles(chain)[0]) == 50_001
