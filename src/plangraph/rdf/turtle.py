"""A deterministic Turtle writer: the same graph gives the same bytes on every run.

Subjects are sorted, ``rdf:type`` comes first, then predicates and objects in
sorted order; no blank nodes are written (the mapping mints IRIs for everything).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .._errors import MappingError
from .vocab import BASE, PREFIXES, RDF, XSD

__all__ = ["to_turtle"]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_LOCAL_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@lru_cache(maxsize=65536)
def _name(iri: str) -> str:
    if iri.startswith(BASE):
        return f"<{iri[len(BASE):]}>"
    for prefix, namespace in PREFIXES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local and set(local) <= _LOCAL_SAFE and local[0] not in "-" and local[-1] != ".":
                return f"{prefix}:{local}"
    return f"<{iri}>"


@lru_cache(maxsize=65536)
def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return "a" if node == RDF.type else _name(str(node))
    if isinstance(node, Literal):
        lexical = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{lexical}@{node.language}"
        if node.datatype == XSD.integer and str(node).lstrip("-").isdigit():
            return str(node)
        if node.datatype == XSD.boolean:
            return "true" if node.value else "false"
        if node.datatype and node.datatype != XSD.string:
            return f"{lexical}^^{_name(str(node.datatype))}"
        return lexical
    if isinstance(node, BNode):
        raise MappingError("blank nodes are not written; mint an IRI instead")
    raise MappingError(f"cannot write {node!r}")


def _object_key(node: Node) -> tuple[int, str]:
    return (0 if isinstance(node, URIRef) else 1, _term(node))


def to_turtle(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Turtle text for ``triples`` (an rdflib Graph or any iterable of triples)."""
    by_subject: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        if not isinstance(subject, URIRef):
            raise MappingError("blank-node subjects are not written; mint an IRI instead")
        by_subject[str(subject)][str(predicate)].append(obj)
    lines = [f"@base <{BASE}> ."] + [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES if namespace != BASE]
    type_iri = str(RDF.type)
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        order = sorted(predicates, key=lambda p: (p != type_iri, _name(p)))
        lines.append("")
        parts = []
        for predicate in order:
            objects = ", ".join(_term(o) for o in sorted(predicates[predicate], key=_object_key))
            parts.append(f"    {_term(URIRef(predicate))} {objects}")
        lines.append(_name(subject) + "\n" + " ;\n".join(parts) + " .")
    return "\n".join(lines) + "\n"
