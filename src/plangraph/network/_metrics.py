"""Measures on a projected network: degree, betweenness, goal bridges, communities, paths.

All functions take the undirected graph :func:`plangraph.network.project`
returns and are deterministic: the same graph gives the same answer, and
the community detection runs with a fixed seed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Final, Literal

import networkx as nx

from plangraph._errors import InputError, NotFound
from plangraph.network._classes import PG
from plangraph.network._projection import local_name

__all__ = [
    "Bridge",
    "Hop",
    "betweenness",
    "communities",
    "degrees",
    "describe_path",
    "goal_bridges",
    "goals_reached",
    "shortest_path",
]

_CONTRIBUTES_TO: Final = PG + "contributesTo"
_INVOLVES: Final = PG + "involves"
_GOAL_CLASS: Final = "StrategicGoal"


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: ``source`` to ``target`` along ``predicate``.

    ``direction`` is ``"forward"`` when the graph states
    ``source predicate target`` and ``"backward"`` when it states
    ``target predicate source``.
    """

    source: str
    predicate: str
    direction: Literal["forward", "backward"]
    target: str


@dataclass(frozen=True, slots=True)
class Bridge:
    """A node involved in tasks of two or more strategic goals."""

    iri: str
    label: str
    goals: tuple[str, ...]


def degrees(graph: nx.Graph) -> dict[str, int]:
    """Number of neighbours of each node."""
    return {node: int(degree) for node, degree in graph.degree()}


def betweenness(graph: nx.Graph, *, normalized: bool = True) -> dict[str, float]:
    """Shortest-path betweenness centrality of each node (exact, not sampled)."""
    return {node: float(value) for node, value in nx.betweenness_centrality(graph, normalized=normalized).items()}


def goals_reached(graph: nx.Graph) -> dict[str, set[str]]:
    """For each node some task involves: the strategic goals those tasks contribute to."""
    goals_of_task: dict[str, set[str]] = defaultdict(set)
    for *_, data in graph.edges(data=True):
        if data["predicate"] == _CONTRIBUTES_TO and graph.nodes[data["object"]]["class"] == _GOAL_CLASS:
            goals_of_task[data["subject"]].add(data["object"])
    reached: dict[str, set[str]] = defaultdict(set)
    for *_, data in graph.edges(data=True):
        if data["predicate"] == _INVOLVES:
            reached[data["object"]] |= goals_of_task.get(data["subject"], set())
    return {node: goals for node, goals in reached.items() if goals}


def goal_bridges(graph: nx.Graph, *, minimum: int = 2) -> list[Bridge]:
    """Nodes involved in tasks of at least ``minimum`` goals, most goals first.

    Only meaningful on a view holding goals, tasks and ``involves`` edges
    (the ``plan`` and ``all`` presets); elsewhere the list is empty.
    """
    bridges = [
        Bridge(node, graph.nodes[node]["label"], tuple(sorted(goals)))
        for node, goals in goals_reached(graph).items()
        if len(goals) >= minimum
    ]
    return sorted(bridges, key=lambda b: (-len(b.goals), b.iri))


def communities(graph: nx.Graph, *, method: str = "louvain", seed: int = 0) -> list[frozenset[str]]:
    """Modularity communities, largest first (ties by smallest IRI).

    ``method`` is ``"louvain"`` (seeded, so repeatable) or ``"greedy"``
    (Clauset-Newman-Moore, deterministic by construction).
    """
    if graph.number_of_edges() == 0:
        return [frozenset([node]) for node in sorted(graph)]
    if method == "louvain":
        found = nx.community.louvain_communities(graph, seed=seed)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(graph)
    else:
        raise InputError(f"unknown community method {method!r}; use louvain or greedy")
    return sorted((frozenset(group) for group in found), key=lambda group: (-len(group), min(group)))


def shortest_path(graph: nx.Graph, source: str, target: str) -> list[Hop]:
    """The hops of one shortest path from ``source`` to ``target`` (empty when they are the same node).

    Raises :class:`NotFound` when either node is missing or no path joins them.
    """
    view = graph.graph.get("projection", "this")
    for end in (source, target):
        if end not in graph:
            raise NotFound(f"no node <{end}> in the {view} view")
    try:
        nodes = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        raise NotFound(
            f"no path between {graph.nodes[source]['label']} and {graph.nodes[target]['label']} in the {view} view"
        ) from None
    hops = []
    for here, there in pairwise(nodes):
        data = graph.edges[here, there]
        direction: Literal["forward", "backward"] = "forward" if data["subject"] == here else "backward"
        hops.append(Hop(here, data["predicate"], direction, there))
    return hops


def describe_path(graph: nx.Graph, hops: list[Hop]) -> str:
    """One line for people: ``A —involves→ B ←contributesTo— C`` with the nodes' labels."""
    if not hops:
        return ""
    parts = [graph.nodes[hops[0].source]["label"]]
    for hop in hops:
        name = local_name(hop.predicate)
        parts.append(f"—{name}→" if hop.direction == "forward" else f"←{name}—")
        parts.append(graph.nodes[hop.target]["label"])
    return " ".join(parts)
