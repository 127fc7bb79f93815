"""The explorer's graph: the plan's resources and the links between them, in networkx.

Built once from SPARQL results (see ``catalog``). Provenance links
(``pg:evidence``, ``pg:inSection``, ``pg:inDocument``, ``pg:mentionOf``) and
``rdf:type`` are left out: they would tie every node to the report and its
evidence and hide the plan's own structure (goal <- task -> entity). Node size
comes from degree centrality, and betweenness is reported beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from plangraph.rdf.vocab import PG
from plangraph.web.vocabulary import Vocabulary

__all__ = ["COLOURS", "DEFAULT_GROUPS", "EXCLUDED_PREDICATES", "GROUPS", "GraphView"]

_PG: Final = str(PG)

#: Predicates not drawn (provenance and typing).
EXCLUDED_PREDICATES: Final[frozenset[str]] = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        _PG + "evidence",
        _PG + "inSection",
        _PG + "inDocument",
        _PG + "mentionOf",
        _PG + "reportedIn",
        "http://www.w3.org/2000/01/rdf-schema#isDefinedBy",
        # curated statements are reified; their subject/object links repeat the statement itself
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
    }
)

#: Colour groups: a node's colour is that of the nearest of these among its class and superclasses.
COLOURS: Final[dict[str, str]] = {
    _PG + "StrategicGoal": "#d1495b",
    _PG + "Task": "#edae49",
    _PG + "ReviewArea": "#f4d58d",
    _PG + "IndicatorCategory": "#00798c",
    _PG + "Indicator": "#30a3b5",
    _PG + "Target": "#8fd3de",
    _PG + "Outcome": "#66a182",
    _PG + "Observation": "#b5d99c",
    _PG + "GoalAlignment": "#c9c9c9",
    _PG + "Project": "#6a4c93",
    _PG + "Institution": "#1982c4",
    _PG + "Zone": "#8ac926",
    _PG + "Event": "#ff924c",
    _PG + "Policy": "#c5283d",
    _PG + "Program": "#ff595e",
    _PG + "Entity": "#9d8189",
    _PG + "StatusRecord": "#bdb2ff",
    _PG + "Section": "#a0a0a0",
    _PG + "PlanDocument": "#404040",
}
GROUPS: Final = tuple(COLOURS)
#: Groups shown before the user picks classes: the plan's structure and the things it names.
DEFAULT_GROUPS: Final[frozenset[str]] = frozenset(
    _PG + name
    for name in (
        "StrategicGoal", "Task", "ReviewArea", "IndicatorCategory", "Indicator",
        "Project", "Institution", "Zone", "Event", "Policy", "Program", "Entity",
    )
)  # fmt: skip
_GREY: Final = "#b0b0b0"


@dataclass
class GraphView:
    """A directed graph of the plan's resources; edges carry the list of their predicates."""

    graph: nx.DiGraph
    degree: dict[str, float]
    betweenness: dict[str, float]

    @classmethod
    def build(
        cls,
        edges: Iterable[tuple[str, str, str]],
        classes: dict[str, str | None],
        labels: dict[str, tuple[str, str]],
        vocabulary: Vocabulary,
    ) -> GraphView:
        """From (subject, predicate, object) IRI triples, each node's class and labels."""
        graph: nx.DiGraph = nx.DiGraph()
        for s, p, o in edges:
            if p in EXCLUDED_PREDICATES or s == o:
                continue
            if graph.has_edge(s, o):
                graph.edges[s, o]["predicates"].append(p)
            else:
                graph.add_edge(s, o, predicates=[p])
        _drop_inverse_duplicates(graph, vocabulary)
        for node in graph.nodes:
            cls_iri = classes.get(node)
            group = vocabulary.group(cls_iri, GROUPS) if cls_iri else ""
            zh, en = labels.get(node, ("", ""))
            graph.nodes[node].update(cls=cls_iri or "", group=group, zh=zh, en=en)
        undirected = graph.to_undirected(as_view=True)
        degree = nx.degree_centrality(undirected) if len(graph) > 1 else {n: 0.0 for n in graph}
        # exact betweenness is O(V·E); a fixed sample keeps startup fast on large graphs
        sample = None if len(graph) <= 400 else 400
        betweenness = nx.betweenness_centrality(undirected, k=sample, seed=7) if len(graph) > 2 else {}
        return cls(graph, degree, betweenness)

    def __contains__(self, iri: object) -> bool:
        return iri in self.graph

    def groups(self) -> dict[str, int]:
        """Node count per colour group."""
        counts: dict[str, int] = {}
        for _, data in self.graph.nodes(data=True):
            counts[data["group"]] = counts.get(data["group"], 0) + 1
        return counts

    def view(self, *, groups: set[str] | None = None, goal: str | None = None, limit: int = 1500) -> list[str]:
        """Nodes of the given colour groups (default: DEFAULT_GROUPS), within two links of ``goal`` if given."""
        wanted = DEFAULT_GROUPS if groups is None else groups
        kept = [n for n, d in self.graph.nodes(data=True) if d["group"] in wanted]
        if goal is not None and goal in self.graph:
            sub = self.graph.subgraph(set(kept) | {goal}).to_undirected(as_view=True)
            near = nx.single_source_shortest_path_length(sub, goal, cutoff=2)
            kept = [n for n in kept if n in near] + ([goal] if goal not in kept else [])
        kept.sort(key=lambda n: -self.degree.get(n, 0.0))
        return kept[:limit]

    def neighbours(self, iri: str) -> list[str]:
        """The node and every node linked to it, either way."""
        return [iri, *sorted(set(self.graph.successors(iri)) | set(self.graph.predecessors(iri)))]

    def path(self, source: str, target: str) -> list[str] | None:
        """A shortest path ignoring link direction, or None."""
        try:
            return list(nx.shortest_path(self.graph.to_undirected(as_view=True), source, target))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None

    def steps(self, path: list[str]) -> list[dict[str, Any]]:
        """Each hop of ``path`` with its predicates and whether it runs along (forward) or against them."""
        out = []
        for a, b in pairwise(path):
            forward = self.graph.has_edge(a, b)
            data = self.graph.edges[a, b] if forward else self.graph.edges[b, a]
            out.append({"from": a, "to": b, "predicates": list(data["predicates"]), "forward": forward})
        return out

    def payload(self, nodes: list[str], describe: Any) -> dict[str, Any]:
        """vis-network data for ``nodes`` and the edges among them; ``describe(iri)`` gives node fields."""
        chosen = set(nodes)
        node_list = []
        for node in nodes:
            data = self.graph.nodes[node]
            degree = self.degree.get(node, 0.0)
            node_list.append(
                {
                    **describe(node),
                    "id": node,
                    "group": data["group"],
                    "class": data["cls"],
                    "color": COLOURS.get(data["group"], _GREY),
                    "size": round(8 + 40 * degree ** 0.5, 2),
                    "degree": round(degree, 5),
                    "betweenness": round(self.betweenness.get(node, 0.0), 5),
                }
            )
        edges = [
            {"from": a, "to": b, "predicates": list(d["predicates"])}
            for a, b, d in self.graph.edges(data=True)
            if a in chosen and b in chosen
        ]
        return {"nodes": node_list, "edges": edges}


def _drop_inverse_duplicates(graph: nx.DiGraph, vocabulary: Vocabulary) -> None:
    """Keep one of ``a -p-> b`` and ``b -inverse(p)-> a`` (pg:involves / pg:involvedIn): they say the same."""
    for a, b, data in list(graph.edges(data=True)):
        if not graph.has_edge(b, a):
            continue
        back = graph.edges[b, a]["predicates"]
        for p in list(data["predicates"]):
            term = vocabulary.terms.get(p)
            if term is not None and term.inverse in back and p < term.inverse:
                data["predicates"].remove(p)
        if not data["predicates"]:
            graph.remove_edge(a, b)
