"""Format names, media types, and the RDF parser/serialiser every backend shares.

Two separate tables, because the same short name means different things in
each: ``"xml"`` is RDF/XML for a graph but SPARQL XML for a result set.

* :data:`GRAPH_FORMATS` — RDF serialisations accepted by ``Store.load`` and
  produced by ``Store.dump`` / ``GraphResult.serialize``.
* :data:`RESULT_FORMATS` — SPARQL result serialisations produced by
  ``SelectResult.serialize`` / ``AskResult.serialize``.

Parsing always goes through pyoxigraph, whatever the backend: it reports line
and column for malformed input, never fetches remote JSON-LD contexts nor
XML external entities, and parses the whole input before a store sees any of
it (so a failed load leaves the store unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from plangraph._errors import InputError

__all__ = [
    "GRAPH_ALIASES",
    "GRAPH_FORMATS",
    "QUAD_FORMATS",
    "RESULT_ALIASES",
    "RESULT_FORMATS",
    "graph_format",
    "graph_format_for_media_type",
    "named_node",
    "ox_format",
    "parse_rdf",
    "result_format",
    "serialize_rdf",
]

#: Canonical graph format name -> media type.
GRAPH_FORMATS: Final[dict[str, str]] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

#: Accepted alternative spellings of graph format names.
GRAPH_ALIASES: Final[dict[str, str]] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "xml": "rdfxml",
    "rdf": "rdfxml",
    "rdf/xml": "rdfxml",
}

#: Graph formats that can carry named graphs.
QUAD_FORMATS: Final[frozenset[str]] = frozenset({"nquads", "trig", "jsonld"})

#: Canonical result format name -> media type.
RESULT_FORMATS: Final[dict[str, str]] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

#: Accepted alternative spellings of result format names.
RESULT_ALIASES: Final[dict[str, str]] = {
    "srj": "json",
    "srx": "xml",
}

_GRAPH_BY_MEDIA_TYPE: Final[dict[str, str]] = {
    **{media: name for name, media in GRAPH_FORMATS.items()},
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}

_OX_FORMATS: Final[dict[str, ox.RdfFormat]] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def graph_format(name: str) -> str:
    """Return the canonical graph format name for ``name``; InputError if unknown."""
    key = name.strip().lower()
    key = GRAPH_ALIASES.get(key, key)
    if key not in GRAPH_FORMATS:
        known = ", ".join(sorted({*GRAPH_FORMATS, *GRAPH_ALIASES}))
        raise InputError(f"unknown RDF format {name!r} (known: {known})")
    return key


def result_format(name: str) -> str:
    """Return the canonical result format name for ``name``; InputError if unknown."""
    key = name.strip().lower()
    key = RESULT_ALIASES.get(key, key)
    if key not in RESULT_FORMATS:
        known = ", ".join(sorted({*RESULT_FORMATS, *RESULT_ALIASES}))
        raise InputError(f"unknown result format {name!r} (known: {known})")
    return key


def graph_format_for_media_type(content_type: str) -> str | None:
    """Map a ``Content-Type`` header value to a graph format name, or None."""
    media = content_type.split(";", 1)[0].strip().lower()
    return _GRAPH_BY_MEDIA_TYPE.get(media)


def ox_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format object for a graph format name (any alias)."""
    return _OX_FORMATS[graph_format(name)]


def parse_rdf(
    data: bytes | str | Path,
    *,
    format: str,
    graph: str | None = None,
    base_iri: str | None = None,
) -> list[ox.Quad]:
    """Parse ``data`` completely and return its quads.

    Triples outside any named graph go to ``graph`` (the default graph when
    None). Blank nodes get fresh identifiers, so loading the same file twice
    does not merge its blank nodes. Raises :class:`InputError` naming the file
    (or ``<input>``), the line and the column on malformed input.
    """
    fmt = graph_format(format)
    where = str(data) if isinstance(data, Path) else "<input>"
    target: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if graph is None else named_node(graph)
    try:
        if isinstance(data, Path):
            parser = ox.parse(path=data, format=_OX_FORMATS[fmt], base_iri=base_iri, rename_blank_nodes=True)
        else:
            parser = ox.parse(data, format=_OX_FORMATS[fmt], base_iri=base_iri, rename_blank_nodes=True)
        quads = list(parser)
    except SyntaxError as exc:
        raise InputError(_syntax_message(where, exc)) from exc
    except FileNotFoundError as exc:
        raise InputError(f"{where}: no such file") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{where}: {exc}") from exc
    for quad in quads:
        if isinstance(quad.graph_name, ox.BlankNode):
            raise InputError(f"{where}: a graph named by a blank node is not supported; name graphs with IRIs")
    if graph is None:
        return quads
    return [
        ox.Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, ox.DefaultGraph) else q
        for q in quads
    ]


def serialize_rdf(quads: Iterable[ox.Quad], format: str, *, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise quads; triple formats get the triples with graph names dropped (deduplicated)."""
    fmt = graph_format(format)
    if fmt in QUAD_FORMATS:
        items: list[ox.Quad] | list[ox.Triple] = list(quads)
    else:
        items = list(dict.fromkeys(q.triple for q in quads))
    output = ox.serialize(items, format=_OX_FORMATS[fmt], prefixes=prefixes)
    assert output is not None  # no output target given, so bytes come back
    return output


def named_node(iri: str) -> ox.NamedNode:
    """Validate an absolute IRI (e.g. a graph name) and wrap it; InputError if invalid."""
    if ":" not in iri:
        raise InputError(f"not an absolute IRI: {iri!r}")
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"not a valid IRI: {iri!r} ({exc})") from exc


def _syntax_message(where: str, exc: SyntaxError) -> str:
    """``file:line:col: message`` from a pyoxigraph parser SyntaxError."""
    message = exc.msg or str(exc)
    if exc.lineno is not None:
        return f"{where}:{exc.lineno}:{exc.offset or 0}: {message}"
    return f"{where}: {message}"
