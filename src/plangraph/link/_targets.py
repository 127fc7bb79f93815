"""What can be linked to: entities, indicators and indicator categories, read from a store.

Also the types and properties the reconciliation service offers, with names
from the ontology where the store holds it (by local name otherwise).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..rdf.vocab import BASE, PG, RDF, RDFS, SKOS
from ..store import IRI, Literal, SelectResult, Store
from ._matcher import LinkTarget

__all__ = ["LINK_PROPERTIES", "LinkProperty", "LinkType", "read_targets", "read_types"]

_PREFIXES = ("entity/", "indicator/", "category/")
_PG = str(PG)


@dataclass(frozen=True, slots=True)
class LinkProperty:
    """A property a reconciliation query can give values for."""

    iri: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return self.iri.removeprefix(_PG)


@dataclass(frozen=True, slots=True)
class LinkType:
    """A class of linkable things, with its direct superclasses among the classes offered."""

    iri: str
    name: str
    description: str
    broader: tuple[str, ...]
    count: int

    @property
    def id(self) -> str:
        return self.iri.removeprefix(_PG)


#: Properties whose values a query may state: codes, containment, location, category.
LINK_PROPERTIES: tuple[LinkProperty, ...] = (
    LinkProperty(str(PG.adminCode), "administrative code", "GB/T 2260 code of an administrative area (行政区划代码), e.g. 320583"),
    LinkProperty(str(PG.inCategory), "indicator category", "The category of an indicator (指标分类), by id or name"),
    LinkProperty(str(PG.locatedIn), "located in", "A zone the thing lies in (所在地域), by id or name"),
    LinkProperty(str(PG.partOf), "part of", "A zone containing this zone (所属地域), by id or name"),
)
_PREDICATES = (RDF.type, RDFS.label, SKOS.altLabel, RDFS.comment, *(PG[p.id] for p in LINK_PROPERTIES))


def _select(store: Store, sparql: str) -> SelectResult:
    result = store.query(sparql)
    if not isinstance(result, SelectResult):  # pragma: no cover - a SELECT always gives rows
        raise TypeError("expected SELECT results")
    return result


def read_targets(store: Store) -> list[LinkTarget]:
    """Every entity (``id/entity/``), indicator (``id/indicator/``) and category (``id/category/``) in ``store``."""
    filters = " || ".join(f'STRSTARTS(STR(?s), "{BASE}{prefix}")' for prefix in _PREFIXES)
    values = " ".join(f"<{p}>" for p in _PREDICATES)
    rows = _select(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o . FILTER({filters}) }}").rows
    facts: dict[str, dict[str, list[IRI | Literal]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        subject, predicate, obj = row["s"], row["p"], row["o"]
        if isinstance(subject, IRI) and isinstance(predicate, IRI) and isinstance(obj, IRI | Literal):
            facts[subject.value][predicate.value].append(obj)
    targets: list[LinkTarget] = []
    for iri, by_predicate in facts.items():
        types = tuple(sorted(o.value for o in by_predicate.get(str(RDF.type), []) if isinstance(o, IRI)))
        labels = _texts(by_predicate.get(str(RDFS.label), []))
        if not types or not labels:
            continue
        zh = [text for text, lang in labels if lang.startswith("zh")]
        en = [text for text, lang in labels if lang.startswith("en")]
        name = (zh or en or [labels[0][0]])[0]
        aliases = tuple(sorted({text for text, _ in _texts(by_predicate.get(str(SKOS.altLabel), []))}))
        properties = {
            p.iri: tuple(sorted(o.value for o in by_predicate.get(p.iri, []))) for p in LINK_PROPERTIES if by_predicate.get(p.iri)
        }
        description = "; ".join(en[:1] + [text for text, _ in _texts(by_predicate.get(str(RDFS.comment), []))][:1])
        targets.append(
            LinkTarget(
                iri=iri,
                name=name,
                labels=tuple(sorted({text for text, _ in labels})),
                aliases=aliases,
                types=types,
                description=description,
                properties=properties,
            )
        )
    return sorted(targets, key=lambda t: t.iri)


def _texts(terms: list[IRI | Literal]) -> list[tuple[str, str]]:
    return sorted((term.value, term.language or "") for term in terms if isinstance(term, Literal))


def read_types(store: Store, targets: list[LinkTarget]) -> list[LinkType]:
    """The classes of ``targets`` and their superclasses (from ``rdfs:subClassOf`` in the store), by name."""
    counts: dict[str, int] = defaultdict(int)
    for target in targets:
        for type_iri in target.types:
            counts[type_iri] += 1
    rows = _select(
        store,
        f"""SELECT DISTINCT ?class ?parent ?label WHERE {{
              ?class a ?kind . VALUES ?kind {{ <http://www.w3.org/2002/07/owl#Class> <{RDFS.Class}> }}
              FILTER(STRSTARTS(STR(?class), "{_PG}"))
              OPTIONAL {{ ?class <{RDFS.subClassOf}> ?parent . FILTER(isIRI(?parent) && STRSTARTS(STR(?parent), "{_PG}")) }}
              OPTIONAL {{ ?class <{RDFS.label}> ?label }}
            }}""",
    ).rows
    parents: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        cls = row["class"]
        if not isinstance(cls, IRI):
            continue
        if isinstance(row["parent"], IRI):
            parents[cls.value].add(row["parent"].value)
        label = row["label"]
        if isinstance(label, Literal):
            labels[cls.value][(label.language or "")[:2]] = label.value
    offered = set(counts)
    todo = list(offered)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in offered:
                offered.add(parent)
                todo.append(parent)
    totals = {cls: sum(n for t, n in counts.items() if cls in _ancestors(t, parents)) for cls in offered}
    types = [
        LinkType(
            iri=cls,
            name=labels[cls].get("en", cls.rsplit("#", 1)[-1]),
            description=labels[cls].get("zh", ""),
            broader=tuple(sorted(parents.get(cls, set()) & offered)),
            count=totals[cls],
        )
        for cls in offered
    ]
    return sorted(types, key=lambda t: (-t.count, t.id))


def _ancestors(cls: str, parents: dict[str, set[str]]) -> set[str]:
    seen = {cls}
    todo = [cls]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen
