"""Project the RDF graph held in a store onto a networkx graph.

A :class:`Projection` names the classes whose instances become nodes and the
predicates whose triples become edges. :func:`project` reads them with
SPARQL only (``Store.query``), so it works on every store backend, and
returns an undirected :class:`networkx.Graph`:

* node key: the IRI; attributes ``iri``, ``label_zh``, ``label_en``,
  ``label`` (zh, else en, else the IRI's last segment), ``class`` (the
  local name of the node's most specific class) and ``class_iri``;
* edge attributes ``predicate`` (IRI), ``subject`` and ``object`` (IRIs), so
  the RDF direction survives the undirected graph.

:func:`resolve_node`, :func:`goal_subgraph` and :func:`neighbourhood` pick
nodes and views out of a projected graph.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

import networkx as nx

from plangraph._errors import InputError, NotFound
from plangraph.network._classes import CLASS_INFO, PG
from plangraph.store import IRI, Literal, SelectResult, Store

__all__ = [
    "ID_BASE",
    "Projection",
    "expand_iri",
    "goal_subgraph",
    "local_name",
    "neighbourhood",
    "project",
    "resolve_node",
    "select",
]

ID_BASE: Final = "https://w3id.org/plangraph/id/"
_RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
# Characters that may not appear inside <...> in SPARQL: refusing them keeps a
# caller-supplied IRI from ending the IRI and injecting query text.
_BAD_IRI_CHARS: Final = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ABSOLUTE_IRI: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Projection:
    """Which part of the RDF graph becomes a network.

    ``node_classes`` and ``edge_predicates`` are IRIs (``"pg:Task"`` is
    expanded to the plangraph ontology namespace). Instances of subclasses
    count as instances of a listed class. ``inverse_predicates`` maps a
    predicate to the listed predicate it is the inverse of, so data stating
    only ``?entity pg:involvedIn ?task`` still yields the ``pg:involves``
    edge. ``goal_chains`` tell :func:`goal_subgraph` how to walk down from a
    strategic goal (e.g. ``contributesTo`` to the tasks, then ``involves`` to
    their entities). Nodes without edges are dropped unless ``keep_isolated``.
    """

    name: str
    node_classes: tuple[str, ...]
    edge_predicates: tuple[str, ...]
    inverse_predicates: Mapping[str, str] = field(default_factory=dict, hash=False)
    goal_chains: tuple[tuple[str, ...], ...] = ()
    keep_isolated: bool = False
    title_zh: str = ""
    title_en: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "node_classes", tuple(expand_iri(c) for c in self.node_classes))
        object.__setattr__(self, "edge_predicates", tuple(expand_iri(p) for p in self.edge_predicates))
        inverses = {expand_iri(k): expand_iri(v) for k, v in self.inverse_predicates.items()}
        object.__setattr__(self, "inverse_predicates", inverses)
        chains = tuple(tuple(expand_iri(p) for p in chain) for chain in self.goal_chains)
        object.__setattr__(self, "goal_chains", chains)
        if not self.node_classes or not self.edge_predicates:
            raise InputError(f"projection {self.name!r} needs at least one node class and one edge predicate")
        for target in inverses.values():
            if target not in self.edge_predicates:
                raise InputError(f"projection {self.name!r}: inverse of {target}, which is not an edge predicate")


def local_name(iri: str) -> str:
    """The part of ``iri`` after its last ``#`` or ``/``."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def select(store: Store, sparql: str) -> SelectResult:
    """Run a SELECT query; a store answering something else is a programming error."""
    result = store.query(sparql)
    if not isinstance(result, SelectResult):
        raise TypeError(f"expected a SELECT result, got {type(result).__name__}")
    return result


def project(store: Store, projection: Projection | str) -> nx.Graph:
    """Build the network ``projection`` (a :class:`Projection` or a preset name) selects from ``store``."""
    if isinstance(projection, str):
        from plangraph.network._presets import get_preset  # the presets module imports this one

        projection = get_preset(projection)
    parents = _class_parents(store)
    wanted = _with_subclasses(projection.node_classes, parents)
    class_values = _values(wanted)
    types: dict[str, set[str]] = defaultdict(set)
    for row in select(
        store, f"SELECT DISTINCT ?node ?type WHERE {{ VALUES ?type {{ {class_values} }} ?node a ?type }}"
    ):
        if isinstance(node := row["node"], IRI) and isinstance(kind := row["type"], IRI):
            types[node.value].add(kind.value)
    labels: dict[str, list[Literal]] = defaultdict(list)
    label_query = (
        f"SELECT DISTINCT ?node ?label WHERE {{ VALUES ?type {{ {class_values} }} "
        f"?node a ?type ; <{_RDFS}label> ?label }}"
    )
    for row in select(store, label_query):
        if isinstance(node := row["node"], IRI) and isinstance(label := row["label"], Literal):
            labels[node.value].append(label)

    graph = nx.Graph(projection=projection.name, title_zh=projection.title_zh, title_en=projection.title_en)
    for iri in sorted(types):
        graph.add_node(iri, **_node_attributes(iri, types[iri], labels.get(iri, []), parents))
    for subject, predicate, obj in _edge_triples(store, projection):
        if subject == obj or subject not in graph or obj not in graph:
            continue
        # One edge per node pair; the smallest predicate wins so the result is the same on every backend.
        current = graph.get_edge_data(subject, obj)
        if current is None or (predicate, subject) < (current["predicate"], current["subject"]):
            graph.add_edge(subject, obj, predicate=predicate, subject=subject, object=obj)
    if not projection.keep_isolated:
        graph.remove_nodes_from([n for n in sorted(graph) if graph.degree(n) == 0])
    return graph


def resolve_node(graph: nx.Graph, ref: str) -> str:
    """The node ``ref`` names: its IRI, its id relative to ``ID_BASE``, or its zh or en label.

    Labels match exactly, English ones case-insensitively. Raises
    :class:`NotFound` listing similar labels when nothing matches, and
    :class:`InputError` listing the candidates when a label is ambiguous.
    """
    text = ref.strip()
    iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    for candidate in (iri, ID_BASE + iri.lstrip("/")):
        if candidate in graph:
            return str(candidate)
    folded = text.casefold()
    matches = sorted(
        node
        for node, data in graph.nodes(data=True)
        if text == data["label_zh"] or (data["label_en"] and folded == data["label_en"].casefold())
    )
    if len(matches) == 1:
        return str(matches[0])
    view = graph.graph.get("projection", "this")
    if matches:
        listed = "; ".join(f"{graph.nodes[n]['label']} <{n}>" for n in matches)
        raise InputError(f"{ref!r} names {len(matches)} nodes in the {view} view, give an IRI: {listed}")
    raise NotFound(f"no node {ref!r} in the {view} view; {_near_matches(graph, text)}")


def goal_subgraph(graph: nx.Graph, goal: str, chains: Iterable[tuple[str, ...]]) -> nx.Graph:
    """The goal, and what hangs below it along each chain of predicates.

    With the plan chain (``contributesTo``, ``involves``) that is the goal,
    its tasks and their entities; an entity shared with another goal stays,
    the other goal's tasks do not.
    """
    if goal not in graph:
        raise NotFound(f"no goal <{goal}> in the {graph.graph.get('projection', 'this')} view")
    keep = {goal}
    for chain in chains:
        frontier = {goal}
        for predicate in chain:
            frontier = {
                other
                for node in frontier
                for other, data in graph[node].items()
                if data["predicate"] == predicate and other not in keep
            }
            keep |= frontier
    return graph.subgraph(sorted(keep)).copy()


def neighbourhood(graph: nx.Graph, focus: str, depth: int) -> nx.Graph:
    """The nodes at most ``depth`` hops from ``focus``, with the edges among them."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}")
    if focus not in graph:
        raise NotFound(f"no node <{focus}> in the {graph.graph.get('projection', 'this')} view")
    nearby = nx.single_source_shortest_path_length(graph, focus, cutoff=depth)
    return graph.subgraph(sorted(nearby)).copy()


def expand_iri(term: str) -> str:
    """``term`` as an absolute IRI safe to put between ``<`` and ``>`` in SPARQL (``pg:X`` is expanded)."""
    text = term.strip()
    if text.startswith("pg:"):
        text = PG + text[3:]
    if not _ABSOLUTE_IRI.match(text) or _BAD_IRI_CHARS.search(text):
        raise InputError(f"not an absolute IRI (or pg:Name): {term!r}")
    return text


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def _class_parents(store: Store) -> dict[str, set[str]]:
    """Child class IRI -> parent IRIs, from the built-in table and any axioms the store holds."""
    parents: dict[str, set[str]] = defaultdict(set)
    for name, info in CLASS_INFO.items():
        if info.parent is not None:
            parents[PG + name].add(PG + info.parent)
    for row in select(store, f"SELECT DISTINCT ?child ?parent WHERE {{ ?child <{_RDFS}subClassOf> ?parent }}"):
        if isinstance(child := row["child"], IRI) and isinstance(parent := row["parent"], IRI):
            parents[child.value].add(parent.value)
    return parents


def _with_subclasses(classes: Iterable[str], parents: Mapping[str, set[str]]) -> set[str]:
    found = set(classes)
    grew = True
    while grew:
        more = {child for child, ups in parents.items() if ups & found} - found
        found |= more
        grew = bool(more)
    return found


def _ancestors(iri: str, parents: Mapping[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(parents.get(iri, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(parents.get(current, ()))
    return seen


def _most_specific(types: set[str], parents: Mapping[str, set[str]]) -> str:
    implied = set().union(*(_ancestors(t, parents) for t in types))
    candidates = sorted(types - implied) or sorted(types)
    # A node typed with both a pg: class and, say, skos:Concept is shown by its pg: class.
    return min(candidates, key=lambda t: (not t.startswith(PG), t))


def _pick_label(labels: list[Literal], language: str) -> str:
    tagged = sorted(
        lit.value
        for lit in labels
        if lit.language and (lit.language == language or lit.language.startswith(language + "-"))
    )
    return tagged[0] if tagged else ""


def _node_attributes(
    iri: str, types: set[str], labels: list[Literal], parents: Mapping[str, set[str]]
) -> dict[str, str]:
    label_zh, label_en = _pick_label(labels, "zh"), _pick_label(labels, "en")
    untagged = sorted(lit.value for lit in labels if not lit.language)
    display = label_zh or label_en or (untagged[0] if untagged else local_name(iri))
    class_iri = _most_specific(types, parents)
    return {
        "iri": iri,
        "label_zh": label_zh,
        "label_en": label_en,
        "label": display,
        "class": local_name(class_iri),
        "class_iri": class_iri,
    }


def _edge_triples(store: Store, projection: Projection) -> list[tuple[str, str, str]]:
    triples: set[tuple[str, str, str]] = set()
    forward = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_values(projection.edge_predicates)} }} ?s ?p ?o }}"
    for row in select(store, forward):
        if isinstance(s := row["s"], IRI) and isinstance(p := row["p"], IRI) and isinstance(o := row["o"], IRI):
            triples.add((s.value, p.value, o.value))
    if projection.inverse_predicates:
        inverse = (
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_values(projection.inverse_predicates)} }} ?o ?p ?s }}"
        )
        for row in select(store, inverse):
            if isinstance(s := row["s"], IRI) and isinstance(p := row["p"], IRI) and isinstance(o := row["o"], IRI):
                triples.add((s.value, projection.inverse_predicates[p.value], o.value))
    return sorted(triples)


def _near_matches(graph: nx.Graph, text: str) -> str:
    by_label: dict[str, str] = {}
    for node, data in sorted(graph.nodes(data=True)):
        for label in (data["label_zh"], data["label_en"], data["label"]):
            if label:
                by_label.setdefault(label, node)
    folded = text.casefold()
    close = sorted((label for label in by_label if folded and folded in label.casefold()), key=len)
    close += difflib.get_close_matches(text, list(by_label), n=5, cutoff=0.4)
    unique = list(dict.fromkeys(close))[:5]
    if not unique:
        return "no similar labels (give an IRI or an exact zh/en label)"
    return "did you mean: " + "; ".join(f"{label} <{by_label[label]}>" for label in unique)
