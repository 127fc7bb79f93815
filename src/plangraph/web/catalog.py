"""What the pages need to know about every node, read once from the store by SPARQL.

The catalog holds each node's labels, aliases and classes, the search index
and the explorer graph. It is built at startup (and again after an update),
so a page shows the label of every IRI it links to without one query per link.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from plangraph.store import IRI, Literal, Store
from plangraph.web.graphview import EXCLUDED_PREDICATES, GraphView
from plangraph.web.querying import select
from plangraph.web.searchindex import SearchIndex
from plangraph.web.settings import Settings
from plangraph.web.vocabulary import Vocabulary

__all__ = ["Catalog", "build_catalog"]

_LABEL: Final = "http://www.w3.org/2000/01/rdf-schema#label"
_STARTUP_TIMEOUT: Final = 120.0  # whole-graph scans, once; not subject to the per-query limit

_NAMES: Final = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?p ?name WHERE {
  ?node ?p ?name .
  FILTER(?p = rdfs:label || ?p = skos:altLabel)
  FILTER(isIRI(?node) && isLiteral(?name))
}
"""
_TYPES: Final = """
SELECT DISTINCT ?node ?type WHERE { ?node a ?type . FILTER(isIRI(?node) && isIRI(?type)) }
"""
_EDGES: Final = """
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?s), "{base}") && STRSTARTS(STR(?o), "{base}"))
  FILTER(?p NOT IN ({excluded}))
}}
"""
_COUNT: Final = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass
class Catalog:
    """Labels, aliases and classes of every named node, the search index and the explorer graph."""

    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, list[str]] = field(default_factory=dict)
    classes: dict[str, str | None] = field(default_factory=dict)
    index: SearchIndex = field(default_factory=SearchIndex)
    view: GraphView | None = None
    triples: int = 0

    def label(self, iri: str) -> tuple[str, str]:
        """(zh, en) labels, empty strings when the node has none."""
        return self.labels.get(iri, ("", ""))

    def class_of(self, iri: str) -> str | None:
        """The node's most specific class."""
        return self.classes.get(iri)

    def class_counts(self, base: str | None = None) -> Counter[str]:
        """Nodes per most specific class (only nodes whose IRI starts with ``base``, if given)."""
        return Counter(c for iri, c in self.classes.items() if c and (base is None or iri.startswith(base)))


def build_catalog(store: Store, settings: Settings, vocabulary: Vocabulary) -> Catalog:
    """Read names, classes and links of the whole graph (four SELECT queries)."""
    catalog = Catalog()
    names = select(store, _NAMES, settings, timeout=_STARTUP_TIMEOUT, max_rows=None)
    for row in names.rows:
        node, predicate, name = row["node"], row["p"], row["name"]
        if not isinstance(node, IRI) or not isinstance(name, Literal):
            continue
        is_label = isinstance(predicate, IRI) and predicate.value == _LABEL
        catalog.index.add(node.value, name.value, field="label" if is_label else "alias", language=name.language)
        if is_label:
            zh, en = catalog.labels.get(node.value, ("", ""))
            if (name.language or "").startswith("zh"):
                zh = zh or name.value
            else:
                en = en or name.value
            catalog.labels[node.value] = (zh, en)
        else:
            catalog.aliases.setdefault(node.value, []).append(name.value)
    catalog.index.add_slugs(settings.graph_base)
    for row in select(store, _TYPES, settings, timeout=_STARTUP_TIMEOUT, max_rows=None).rows:
        node, type_ = row["node"], row["type"]
        if isinstance(node, IRI) and isinstance(type_, IRI):
            catalog.types.setdefault(node.value, []).append(type_.value)
            catalog.index.add_type(node.value, type_.value)
    for iri, types in catalog.types.items():
        catalog.classes[iri] = vocabulary.most_specific(types)
    excluded = ", ".join(f"<{p}>" for p in sorted(EXCLUDED_PREDICATES))
    edges_query = _EDGES.format(base=settings.graph_base, excluded=excluded)
    edges = [
        (row["s"].value, row["p"].value, row["o"].value)
        for row in select(store, edges_query, settings, timeout=_STARTUP_TIMEOUT, max_rows=None).rows
        if isinstance(row["s"], IRI) and isinstance(row["p"], IRI) and isinstance(row["o"], IRI)
    ]
    catalog.view = GraphView.build(edges, catalog.classes, catalog.labels, vocabulary)
    count = select(store, _COUNT, settings, timeout=_STARTUP_TIMEOUT).rows
    value = count[0]["n"] if count else None
    catalog.triples = int(value.value) if isinstance(value, Literal) else 0
    return catalog
