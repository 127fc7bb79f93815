"""Counts and per-node measures as plain rows, for ``plangraph stats`` to print as a table or CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from plangraph.network._classes import PG
from plangraph.network._metrics import betweenness, communities, degrees
from plangraph.network._presets import get_preset
from plangraph.network._projection import Projection, expand_iri, project, select
from plangraph.store import IRI, Literal, Store

__all__ = ["NODE_COLUMNS", "Row", "Stats", "compute_stats", "curie", "rows_to_csv"]

Row = dict[str, str | int | float]

NODE_COLUMNS: Final = ("iri", "label_zh", "label_en", "class", "degree", "betweenness", "goals", "community")
# The view whose nodes get measures when no preset is asked for: every linkable kind of node.
DEFAULT_METRICS_PRESET: Final = "all"
_PREFIXES: Final = {
    "pg": PG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "currency": "http://qudt.org/vocab/currency/",
}


@dataclass(frozen=True)
class Stats:
    """Three tables of rows (each a dict with the same keys in the same order).

    ``scope`` is ``"store"`` when the counts cover the whole store, the
    named graph's IRI when they cover one graph, else the preset name.
    ``classes`` has ``class`` and ``count``; ``predicates`` has
    ``predicate`` and ``count``; ``nodes`` has :data:`NODE_COLUMNS`, sorted
    by betweenness, then degree (highest first), then IRI. ``goals`` is the
    number of strategic goals whose tasks involve the node, counted in the
    store, so it is the same in every view.
    """

    scope: str
    classes: list[Row]
    predicates: list[Row]
    nodes: list[Row]


def curie(iri: str) -> str:
    """``pg:Task`` for the plangraph namespace and the common W3C ones, else the IRI unchanged."""
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def compute_stats(
    store: Store, preset: str | Projection | None = None, *, graph: str | None = None, seed: int = 0
) -> Stats:
    """Counts and node measures: of the whole store, or of the view ``preset`` projects.

    Without a preset the class and predicate counts cover every triple in
    the store, or only those of the named graph ``graph`` (so an ontology
    loaded beside the data is not counted), and the node measures are taken
    on the ``all`` view.
    """
    if preset is None:
        network = project(store, DEFAULT_METRICS_PRESET)
        scope = "store" if graph is None else graph
        classes, predicates = _store_class_counts(store, graph), _store_predicate_counts(store, graph)
    else:
        projection = get_preset(preset) if isinstance(preset, str) else preset
        network = project(store, projection)
        scope = projection.name
        classes = _count_rows("class", Counter(curie(attrs["class_iri"]) for _, attrs in network.nodes(data=True)))
        predicates = _count_rows(
            "predicate", Counter(curie(attrs["predicate"]) for *_, attrs in network.edges(data=True))
        )
    node_degrees, node_betweenness = degrees(network), betweenness(network)
    community_of = {node: index for index, group in enumerate(communities(network, seed=seed)) for node in group}
    goals = _goals_per_node(store)
    nodes: list[Row] = [
        {
            "iri": node,
            "label_zh": attrs["label_zh"],
            "label_en": attrs["label_en"],
            "class": attrs["class"],
            "degree": node_degrees[node],
            "betweenness": round(node_betweenness[node], 6),
            "goals": goals.get(node, 0),
            "community": community_of[node],
        }
        for node, attrs in network.nodes(data=True)
    ]
    nodes.sort(key=lambda row: (-float(row["betweenness"]), -int(row["degree"]), str(row["iri"])))
    return Stats(scope, classes, predicates, nodes)


def rows_to_csv(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    """``rows`` as CSV text with a header line (``columns``, else the first row's keys)."""
    header = list(columns if columns is not None else (rows[0].keys() if rows else ()))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _count_rows(key: str, counts: Counter[str]) -> list[Row]:
    return [{key: name, "count": count} for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _integer(term: object) -> int:
    value = term.to_python() if isinstance(term, Literal) else 0
    return int(value) if isinstance(value, int | float) else 0


def _from(graph: str | None) -> str:
    return "" if graph is None else f"FROM <{expand_iri(graph)}> "


def _store_class_counts(store: Store, graph: str | None) -> list[Row]:
    rows = select(
        store, f"SELECT ?class (COUNT(DISTINCT ?s) AS ?count) {_from(graph)}WHERE {{ ?s a ?class }} GROUP BY ?class"
    )
    counts = Counter(
        {curie(row["class"].value): _integer(row["count"]) for row in rows if isinstance(row["class"], IRI)}
    )
    return _count_rows("class", counts)


def _store_predicate_counts(store: Store, graph: str | None) -> list[Row]:
    # DISTINCT first: a triple held in several named graphs is one statement.
    rows = select(
        store,
        f"SELECT ?p (COUNT(*) AS ?count) {_from(graph)}"
        "WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?p",
    )
    counts = Counter({curie(row["p"].value): _integer(row["count"]) for row in rows if isinstance(row["p"], IRI)})
    return _count_rows("predicate", counts)


def _goals_per_node(store: Store) -> dict[str, int]:
    rows = select(
        store,
        f"""SELECT ?node (COUNT(DISTINCT ?goal) AS ?goals) WHERE {{
              {{ ?task <{PG}involves> ?node }} UNION {{ ?node <{PG}involvedIn> ?task }}
              ?task <{PG}contributesTo> ?goal .
            }} GROUP BY ?node""",
    )
    return {row["node"].value: _integer(row["goals"]) for row in rows if isinstance(row["node"], IRI)}
