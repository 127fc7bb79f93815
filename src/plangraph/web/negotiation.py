"""Content negotiation: the media-type tables as plain dicts, and one Accept parser.

Tables map a media type a client may ask for to the serializer's format name
(``plangraph.store`` formats for RDF and SPARQL results, or a page renderer).
Their key order is the server's preference when a client accepts several
types equally (``*/*``): the first key is the default.

:func:`negotiate` implements RFC 9110 ``Accept``: q-values, ``type/*`` and
``*/*`` wildcards, the most specific matching range deciding each type's q,
media-type parameters, and ``q=0`` as "not acceptable".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "BOOLEAN_TYPES",
    "DUMP_TYPES",
    "FORMAT_PARAMETER",
    "GRAPH_TYPES",
    "HTML",
    "PAGE_SUFFIXES",
    "PAGE_TYPES",
    "QUERY_SUFFIXES",
    "RESULT_TYPES",
    "SPARQL_POST_TYPES",
    "TABLE_FORMATS",
    "TABLE_TYPES",
    "MediaRange",
    "media_type",
    "negotiate",
    "parse_accept",
]

HTML: Final = "text/html"

#: SELECT results: media type -> SelectResult.serialize format.
RESULT_TYPES: Final[dict[str, str]] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}

#: ASK results: SPARQL 1.1 defines no CSV/TSV form for a boolean.
BOOLEAN_TYPES: Final[dict[str, str]] = {k: v for k, v in RESULT_TYPES.items() if v in ("json", "xml")}

#: CONSTRUCT / DESCRIBE results, RDF descriptions of resources: media type -> graph format.
GRAPH_TYPES: Final[dict[str, str]] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "text/plain": "ntriples",
}

#: Resource pages (/id/..., /ontology, /dataset): HTML, plain JSON data, or RDF.
PAGE_TYPES: Final[dict[str, str]] = {
    HTML: "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/json": "json",
}

#: Tables (search hits, named query results as pages): HTML, JSON, CSV.
TABLE_TYPES: Final[dict[str, str]] = {HTML: "html", "application/json": "json", "text/csv": "csv"}

#: Resource URL suffix -> the media type it stands for.
PAGE_SUFFIXES: Final[dict[str, str]] = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".json": "application/json",
    ".html": HTML,
}

#: ``format=`` parameter value -> the Accept header it stands for (results first, then graphs).
FORMAT_PARAMETER: Final[dict[str, str]] = {
    "json": "application/sparql-results+json, application/json;q=0.9, application/ld+json;q=0.8",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "html": HTML,
}

#: Dataset dump extension (/dataset/dump.EXT) -> (store format, media type).
DUMP_TYPES: Final[dict[str, tuple[str, str]]] = {
    "ttl": ("turtle", "text/turtle"),
    "nt": ("ntriples", "application/n-triples"),
    "nq": ("nquads", "application/n-quads"),
    "trig": ("trig", "application/trig"),
    "jsonld": ("jsonld", "application/ld+json"),
}

#: Named query suffix (/queries/NAME.EXT) -> the media type it asks for (``.rq``: the query text itself).
QUERY_SUFFIXES: Final[dict[str, str]] = {
    ".json": "application/sparql-results+json",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".xml": "application/sparql-results+xml",
    ".ttl": "text/turtle",
    ".rq": "application/sparql-query",
}

#: ``format=`` on tables (search, query list): short name -> media type.
TABLE_FORMATS: Final[dict[str, str]] = {"html": HTML, "json": "application/json", "csv": "text/csv"}

#: Content types a POST to /sparql may carry.
SPARQL_POST_TYPES: Final[dict[str, str]] = {
    "application/x-www-form-urlencoded": "form",
    "application/sparql-query": "query",
    "application/sparql-update": "update",
}


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float

    def matches(self, offered: str) -> int:
        """Specificity (3 exact with params, 2 exact, 1 type/*, 0 */*) if this range covers ``offered``, else -1."""
        kind, _, sub = offered.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != sub:
            return -1
        return 3 if self.params else 2


def media_type(header: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type header ('' when absent)."""
    return (header or "").split(";", 1)[0].strip().lower()


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an Accept header; malformed elements are skipped, a bad q counts as 1."""
    ranges = []
    for element in header.split(","):
        parts = [p.strip() for p in element.split(";")]
        kind, _, sub = parts[0].lower().partition("/")
        if not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        params = []
        for param in parts[1:]:
            key, _, value = param.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 1.0
                break  # parameters after q are accept-extensions, not media-type parameters
            if key:
                params.append((key, value))
        ranges.append(MediaRange(kind, sub, tuple(params), q))
    return ranges


def negotiate(header: str | None, offered: Mapping[str, str] | Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when nothing offered is acceptable.

    A missing or empty header accepts anything: the first offered type wins.
    Ties go to the earlier offered type (server preference).
    """
    choices = list(offered)
    if not choices:
        return None
    if header is None or not header.strip():
        return choices[0]
    ranges = parse_accept(header)
    if not ranges:
        return choices[0]
    best: tuple[float, int] | None = None
    chosen = None
    for index, candidate in enumerate(choices):
        q = _quality(ranges, candidate)
        if q <= 0:
            continue
        rank = (q, -index)
        if best is None or rank > best:
            best, chosen = rank, candidate
    return chosen


def _quality(ranges: list[MediaRange], offered: str) -> float:
    """q of the most specific range covering ``offered`` (ties: the highest q)."""
    best_specificity, q = -1, 0.0
    for item in ranges:
        specificity = item.matches(offered)
        if specificity > best_specificity or (specificity == best_specificity and item.q > q):
            best_specificity, q = specificity, item.q
    return q if best_specificity >= 0 else 0.0
