"""Measures on the sample's plan view, checked against answers worked out by hand."""

from __future__ import annotations

import networkx as nx
import pytest
from network_samples import (
    CITY,
    EVENT,
    G1,
    G2,
    LAB,
    PARK,
    PG,
    PLAN_BETWEENNESS,
    PLAN_DEGREES,
    PLAN_PAIRS,
    RAIL,
    T1,
    T2,
    T3,
    UNI,
)

from plangraph._errors import InputError, NotFound
from plangraph.network import (
    Bridge,
    Hop,
    betweenness,
    communities,
    degrees,
    describe_path,
    goal_bridges,
    goals_reached,
    project,
    shortest_path,
)
from plangraph.store import Store


def test_degree(store: Store) -> None:
    assert degrees(project(store, "plan")) == PLAN_DEGREES


def test_betweenness_raw_and_normalised(store: Store) -> None:
    graph = project(store, "plan")
    assert betweenness(graph, normalized=False) == pytest.approx(PLAN_BETWEENNESS)
    expected = {node: value / PLAN_PAIRS for node, value in PLAN_BETWEENNESS.items()}
    assert betweenness(graph) == pytest.approx(expected)


def test_bridges_are_entities_whose_tasks_serve_two_goals(store: Store) -> None:
    graph = project(store, "plan")
    assert goal_bridges(graph) == [Bridge(RAIL, "轨道交通6号线", (G1, G2))]
    assert goals_reached(graph) == {RAIL: {G1, G2}, LAB: {G1}, EVENT: {G1}, UNI: {G2}}
    assert {b.iri for b in goal_bridges(graph, minimum=1)} == {RAIL, LAB, EVENT, UNI}
    assert goal_bridges(project(store, "spatial")) == []


def test_shortest_path_reports_predicates_and_directions(store: Store) -> None:
    graph = project(store, "plan")
    involves, contributes = PG + "involves", PG + "contributesTo"
    assert shortest_path(graph, LAB, UNI) == [
        Hop(LAB, involves, "backward", T2),  # T2 involves lab
        Hop(T2, contributes, "forward", G1),
        Hop(G1, contributes, "backward", T1),
        Hop(T1, involves, "forward", RAIL),
        Hop(RAIL, involves, "backward", T3),
        Hop(T3, involves, "forward", UNI),  # stated as uni involvedIn T3
    ]
    assert shortest_path(graph, RAIL, RAIL) == []


def test_describe_path_reads_left_to_right(store: Store) -> None:
    graph = project(store, "spatial")
    hops = shortest_path(graph, LAB, RAIL)
    assert [h.target for h in hops] == [PARK, CITY, RAIL]
    assert describe_path(graph, hops) == "苏州实验室 —locatedIn→ 苏州工业园区 —partOf→ 苏州市 ←locatedIn— 轨道交通6号线"


def test_no_path_and_unknown_nodes_are_not_found(store: Store) -> None:
    graph = project(store, "plan")
    graph.add_node("https://example.org/island", iri="", label="孤岛", label_zh="孤岛", label_en="", **{"class": "X"})
    with pytest.raises(NotFound, match="no path between 苏州实验室 and 孤岛"):
        shortest_path(graph, LAB, "https://example.org/island")
    with pytest.raises(NotFound):
        shortest_path(graph, LAB, "https://example.org/nowhere")


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_communities_partition_the_graph_and_repeat(store: Store, method: str) -> None:
    graph = project(store, "plan")
    found = communities(graph, method=method)
    assert set().union(*found) == set(graph)
    assert sum(len(group) for group in found) == len(graph)
    assert found == communities(graph, method=method)
    assert [len(g) for g in found] == sorted((len(g) for g in found), reverse=True)
    # Three stars of three: each cut of the tree's 8 edges that keeps modularity highest.
    assert found == [frozenset({T2, LAB, EVENT}), frozenset({G1, T1, RAIL}), frozenset({G2, T3, UNI})]


def test_communities_of_edgeless_graph_and_unknown_method() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(["b", "a"])
    assert communities(graph) == [frozenset({"a"}), frozenset({"b"})]
    graph.add_edge("a", "b")
    with pytest.raises(InputError):
        communities(graph, method="magic")
