"""The ontology as plain data: labels, definitions and hierarchy of every term.

Read once at startup from ``ontology/plangraph.ttl`` through a private
in-memory store, so pages can name classes and properties in Chinese and
English whatever the served store holds. A few common terms of other
vocabularies (rdf:type, rdfs:label, dcterms:isPartOf ...) get labels here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from plangraph.rdf.vocab import PG, PREFIXES
from plangraph.store import IRI, Literal, SelectResult, open_store

__all__ = ["COMMON_TERMS", "Term", "Vocabulary", "compact", "load_vocabulary"]

_PG: Final = str(PG)
_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
_DCT: Final = "http://purl.org/dc/terms/"
_SKOS: Final = "http://www.w3.org/2004/02/skos/core#"

#: Labels (zh, en) for terms of other vocabularies that the graph uses.
COMMON_TERMS: Final[dict[str, tuple[str, str]]] = {
    _RDF + "type": ("类型", "type"),
    _RDFS + "label": ("名称", "label"),
    _RDFS + "comment": ("说明", "comment"),
    _RDFS + "seeAlso": ("参见", "see also"),
    _SKOS + "altLabel": ("别名", "alias"),
    _SKOS + "definition": ("定义", "definition"),
    _DCT + "isPartOf": ("属于", "is part of"),
    _DCT + "title": ("标题", "title"),
    _DCT + "source": ("来源", "source"),
    _DCT + "creator": ("编制者", "creator"),
    _DCT + "spatial": ("地域范围", "spatial coverage"),
    _DCT + "date": ("日期", "date"),
    _DCT + "issued": ("发布日期", "issued"),
    "http://www.w3.org/2002/07/owl#sameAs": ("等同于", "same as"),
}

_KINDS: Final = {
    "http://www.w3.org/2002/07/owl#Class": "class",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "object property",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "datatype property",
    "http://www.w3.org/2002/07/owl#NamedIndividual": "individual",
}

_TERMS_QUERY: Final = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?p ?o WHERE {
  ?term ?p ?o .
  FILTER(isIRI(?term) && STRSTARTS(STR(?term), "PG_NAMESPACE"))
  FILTER(?p IN (rdf:type, rdfs:label, skos:definition, rdfs:subClassOf, owl:inverseOf))
}
""".replace("PG_NAMESPACE", _PG)

_SCOPE_QUERY: Final = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?term ?p ?class WHERE {
  ?term ?p ?scope . FILTER(?p IN (rdfs:domain, rdfs:range))
  { BIND(?scope AS ?class) FILTER(isIRI(?scope)) }
  UNION
  { ?scope owl:unionOf/rdf:rest*/rdf:first ?class }
}
"""

_HEADER_QUERY: Final = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?p ?o WHERE { ?ontology a owl:Ontology ; ?p ?o }
"""


@dataclass
class Term:
    """One ontology term with its labels, definitions and place in the hierarchy."""

    iri: str
    kind: str = "other"
    label_zh: str = ""
    label_en: str = ""
    definition_zh: str = ""
    definition_en: str = ""
    parents: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    inverse: str | None = None

    @property
    def local(self) -> str:
        """The name after the namespace (``Task`` for ``pg:Task``)."""
        return self.iri[len(_PG) :] if self.iri.startswith(_PG) else compact(self.iri)


@dataclass
class Vocabulary:
    """Every term of the ontology, plus its header (title, description, licence, version)."""

    terms: dict[str, Term] = field(default_factory=dict)
    header: dict[str, list[str]] = field(default_factory=dict)

    def label(self, iri: str) -> tuple[str, str]:
        """(zh, en) label of a term; the compact IRI when it has none."""
        term = self.terms.get(iri)
        if term is not None and (term.label_zh or term.label_en):
            return term.label_zh, term.label_en
        if iri in COMMON_TERMS:
            return COMMON_TERMS[iri]
        return "", compact(iri)

    def of_kind(self, *kinds: str) -> list[Term]:
        """Terms of these kinds, sorted by local name."""
        return sorted((t for t in self.terms.values() if t.kind in kinds), key=lambda t: t.local)

    def ancestors(self, iri: str) -> list[str]:
        """The class and all its superclasses, nearest first."""
        seen: list[str] = []
        todo = [iri]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.append(current)
            term = self.terms.get(current)
            if term is not None:
                todo.extend(term.parents)
        return seen

    def descendants(self, iri: str) -> set[str]:
        """The class and all its subclasses."""
        return {t.iri for t in self.of_kind("class") if iri in self.ancestors(t.iri)} | {iri}

    def most_specific(self, types: Iterable[str]) -> str | None:
        """The type that is not a superclass of another one (preferring ontology classes)."""
        own = [t for t in types if t in self.terms and self.terms[t].kind == "class"]
        candidates = own or list(types)
        for candidate in sorted(candidates):
            if not any(candidate != other and candidate in self.ancestors(other) for other in candidates):
                return candidate
        return None

    def group(self, class_iri: str, roots: Iterable[str]) -> str:
        """The nearest of ``roots`` among the class and its ancestors, else the class itself."""
        wanted = set(roots)
        return next((c for c in self.ancestors(class_iri) if c in wanted), class_iri)


def compact(iri: str) -> str:
    """``pg:Task`` style name for IRIs of the well-known namespaces, else the IRI."""
    for prefix, namespace in PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def load_vocabulary(path: Path) -> Vocabulary:
    """Read the ontology file; a missing file gives an empty vocabulary."""
    vocabulary = Vocabulary()
    if not path.is_file():
        return vocabulary
    with open_store() as store:
        store.load(path, format="turtle")
        for row in _rows(store.query(_TERMS_QUERY)):
            term = vocabulary.terms.setdefault(str(row["term"]), Term(str(row["term"])))
            _add(term, str(row["p"]), row["o"])
        for row in _rows(store.query(_SCOPE_QUERY)):
            term = vocabulary.terms.setdefault(str(row["term"]), Term(str(row["term"])))
            target = term.domain if str(row["p"]).endswith("domain") else term.range
            if isinstance(row["class"], IRI) and str(row["class"]) not in target:
                target.append(str(row["class"]))
        for row in _rows(store.query(_HEADER_QUERY)):
            key = compact(str(row["p"]))
            value = row["o"]
            text = f"{value.value}@{value.language}" if isinstance(value, Literal) and value.language else str(value)
            vocabulary.header.setdefault(key, []).append(text)
    return vocabulary


def _add(term: Term, predicate: str, value: object) -> None:
    if predicate == _RDF + "type" and isinstance(value, IRI):
        kind = _KINDS.get(value.value)
        if kind is not None and (term.kind == "other" or kind != "individual"):
            term.kind = kind
        elif kind is None:
            term.types.append(value.value)
            if term.kind == "other":
                term.kind = "individual"
    elif predicate == _RDFS + "subClassOf" and isinstance(value, IRI):
        term.parents.append(value.value)
    elif predicate.endswith("#inverseOf") and isinstance(value, IRI):
        term.inverse = value.value
    elif isinstance(value, Literal):
        lang = "zh" if (value.language or "").startswith("zh") else "en"
        attribute = ("label_" if predicate.endswith("label") else "definition_") + lang
        if not getattr(term, attribute):
            setattr(term, attribute, value.value)


def _rows(result: object) -> list[dict[str, object]]:
    assert isinstance(result, SelectResult)
    return [dict(row) for row in result.rows]
