"""RDF terms and query results as plain, backend-independent Python values.

Callers of :class:`plangraph.store.Store` only ever see these types, never
pyoxigraph or rdflib objects:

* terms: :class:`IRI`, :class:`Literal`, :class:`BNode` (frozen, hashable);
* results: :class:`SelectResult`, :class:`AskResult`, :class:`GraphResult`.

Result sets serialise to the W3C SPARQL 1.1 result formats (JSON, XML, CSV,
TSV); graphs serialise to the RDF formats listed in ``_formats``.
"""

from __future__ import annotations

from functools import lru_cache

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final, TypeAlias
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from plangraph._errors import InputError, StoreError
from plangraph.store._formats import result_format, serialize_rdf

__all__ = [
    "XSD",
    "AskResult",
    "BNode",
    "GraphResult",
    "IRI",
    "Literal",
    "PyValue",
    "QueryResult",
    "SelectResult",
    "Term",
    "from_ox",
    "from_ox_result",
    "to_ox",
]

XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING: Final = XSD + "string"
_RDF_LANG_STRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES: Final = frozenset(
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)  # fmt: skip
_TURTLE_NUMBER: Final = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
}
_STRING_ESCAPES: Final = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)
_SRX_NS: Final = "http://www.w3.org/2005/sparql-results#"


@dataclass(frozen=True, slots=True)
class IRI:
    """An IRI such as ``IRI("https://example.org/plan/1")``."""

    value: str

    def __str__(self) -> str:
        return self.value

    def n3(self) -> str:
        """N-Triples form: ``<iri>``."""
        return f"<{self.value}>"


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal: lexical ``value`` plus either a ``datatype`` IRI or a ``language`` tag.

    ``datatype`` is None for plain strings (``xsd:string``) and for language
    strings; language tags are lower-cased. So ``Literal("x")`` equals a
    literal read back as ``"x"^^xsd:string`` from any backend.
    """

    value: str
    datatype: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.language is not None:
            if self.datatype not in (None, _RDF_LANG_STRING):
                raise ValueError(f"a literal has a language or a datatype, not both: {self!r}")
            object.__setattr__(self, "language", self.language.lower())
            object.__setattr__(self, "datatype", None)
        elif self.datatype == _XSD_STRING:
            object.__setattr__(self, "datatype", None)

    def __str__(self) -> str:
        return self.value

    def n3(self) -> str:
        """N-Triples form: ``"v"``, ``"v"@lang`` or ``"v"^^<datatype>``."""
        quoted = '"' + self.value.translate(_STRING_ESCAPES) + '"'
        if self.language is not None:
            return f"{quoted}@{self.language}"
        if self.datatype is not None:
            return f"{quoted}^^<{self.datatype}>"
        return quoted

    def to_python(self) -> str | int | float | Decimal | bool:
        """The Python value: int, Decimal, float or bool for those XSD types, else the lexical form."""
        dt, text = self.datatype, self.value.strip()
        try:
            if dt in _INTEGER_TYPES:
                return int(text)
            if dt == XSD + "decimal":
                return Decimal(text)
            if dt in (XSD + "double", XSD + "float"):
                return float(text)
        except (ValueError, InvalidOperation):
            return self.value
        if dt == XSD + "boolean" and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
        return self.value


@dataclass(frozen=True, slots=True)
class BNode:
    """A blank node; its ``id`` is only meaningful within one result or one dump."""

    id: str

    def __str__(self) -> str:
        return f"_:{self.id}"

    def n3(self) -> str:
        """N-Triples form: ``_:id``."""
        return f"_:{self.id}"


Term: TypeAlias = IRI | Literal | BNode
PyValue: TypeAlias = str | int | float | Decimal | bool | None
Row: TypeAlias = dict[str, Term | None]


@dataclass(frozen=True)
class SelectResult:
    """Solutions of a SELECT query: ``variables`` in projection order, one dict per row.

    Every row has a key for every variable; unbound variables map to None.
    """

    variables: list[str]
    rows: list[Row] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, PyValue]]:
        """Rows with plain Python values: IRIs as str, blank nodes as ``"_:id"``, literals converted."""
        return [{name: _python(row.get(name)) for name in self.variables} for row in self.rows]

    def serialize(self, fmt: str = "json") -> bytes:
        """Serialise as SPARQL 1.1 results: ``json``, ``xml``, ``csv`` or ``tsv`` (UTF-8)."""
        kind = result_format(fmt)
        if kind == "json":
            head = {"vars": self.variables}
            bindings = [{k: _json_term(v) for k, v in row.items() if v is not None} for row in self.rows]
            return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
        if kind == "xml":
            return _xml(self).encode()
        if kind == "csv":
            return _csv(self).encode()
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in self.variables) for row in self.rows]
        return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query; truthy when the pattern matched."""

    value: bool

    def __bool__(self) -> bool:
        return self.value

    def serialize(self, fmt: str = "json") -> bytes:
        """Serialise as SPARQL 1.1 results: ``json`` or ``xml`` (CSV/TSV define no boolean form)."""
        kind = result_format(fmt)
        word = "true" if self.value else "false"
        if kind == "json":
            return json.dumps({"head": {}, "boolean": self.value}).encode()
        if kind == "xml":
            return (
                f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX_NS}"><head/><boolean>{word}</boolean></sparql>\n'.encode()
            )
        raise InputError(f"an ASK result cannot be written as {kind}; use json or xml")


@dataclass(frozen=True)
class GraphResult:
    """Triples produced by a CONSTRUCT or DESCRIBE query."""

    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Term, Term, Term]]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def serialize(self, fmt: str = "turtle", *, prefixes: dict[str, str] | None = None) -> bytes:
        """Serialise in a graph format: turtle, ntriples, jsonld, rdfxml (or nquads, trig)."""
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in self.triples]  # type: ignore[arg-type]
        return serialize_rdf(quads, fmt, prefixes=prefixes)


QueryResult: TypeAlias = SelectResult | AskResult | GraphResult


@lru_cache(maxsize=65536)
def from_ox(term: object) -> Term:
    """Convert a pyoxigraph term to ours (cached: results repeat labels, classes and IRIs; our terms are frozen)."""
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return Literal(term.value, term.datatype.value, term.language)
    raise StoreError(f"unsupported RDF term in result: {term!r}")


def from_ox_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    """Convert (and fully consume) a pyoxigraph query result."""
    if isinstance(result, ox.QueryBoolean):
        return AskResult(bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for solution in result:
            rows.append({name: None if (t := solution[i]) is None else from_ox(t) for i, name in enumerate(names)})
        return SelectResult(names, rows)
    return GraphResult([(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result])


def to_ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one of our terms to pyoxigraph."""
    if isinstance(term, IRI):
        return ox.NamedNode(term.value)
    if isinstance(term, BNode):
        return ox.BlankNode(term.id)
    if term.language is not None:
        return ox.Literal(term.value, language=term.language)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or _XSD_STRING))


def _python(term: Term | None) -> PyValue:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.to_python()
    return str(term)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": term.id}
    out = {"type": "literal", "value": term.value}
    if term.language is not None:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = term.datatype
    return out


def _xml(result: SelectResult) -> str:
    parts = ['<?xml version="1.0"?>\n', f'<sparql xmlns="{_SRX_NS}">\n<head>\n']
    parts += [f"  <variable name={quoteattr(v)}/>\n" for v in result.variables]
    parts.append("</head>\n<results>\n")
    for row in result.rows:
        parts.append("  <result>\n")
        for name in result.variables:
            term = row.get(name)
            if term is not None:
                parts.append(f"    <binding name={quoteattr(name)}>{_xml_term(term)}</binding>\n")
        parts.append("  </result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def _xml_term(term: Term) -> str:
    if isinstance(term, IRI):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(term.id)}</bnode>"
    if term.language is not None:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype is not None:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv(result: SelectResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if (t := row.get(v)) is None else str(t) for v in result.variables])
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if (
        isinstance(term, Literal)
        and (pattern := _TURTLE_NUMBER.get(term.datatype or ""))
        and pattern.fullmatch(term.value)
    ):
        return term.value
    return term.n3()
