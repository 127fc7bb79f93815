"""Layouts: seeded, normalised, components packed, and large graphs without scipy."""

from __future__ import annotations

import networkx as nx

from plangraph.network import layout_positions


def _inside(positions: dict[str, tuple[float, float]]) -> bool:
    return all(-1.0001 <= x <= 1.0001 and -1.0001 <= y <= 1.0001 for x, y in positions.values())


def test_layout_is_seeded_and_normalised() -> None:
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    first = layout_positions(graph)
    assert first == layout_positions(graph)
    assert first != layout_positions(graph, seed=99)
    assert set(first) == set(graph) and _inside(first)


def test_components_do_not_overlap() -> None:
    graph = nx.disjoint_union(nx.star_graph(8), nx.star_graph(5))
    graph = nx.relabel_nodes(graph, str)
    positions = layout_positions(graph)
    big = {str(n) for n in range(9)}
    big_xs = [positions[n][0] for n in big]
    big_ys = [positions[n][1] for n in big]
    for node in set(graph) - big:
        x, y = positions[node]
        assert not (min(big_xs) <= x <= max(big_xs) and min(big_ys) <= y <= max(big_ys))


def test_large_graph_uses_a_numpy_only_layout() -> None:
    graph = nx.relabel_nodes(nx.path_graph(520), str)
    positions = layout_positions(graph)
    assert len(positions) == 520 and _inside(positions)


def test_tiny_graphs() -> None:
    assert layout_positions(nx.Graph()) == {}
    single = nx.Graph()
    single.add_node("a")
    assert layout_positions(single) == {"a": (0.0, 0.0)}
