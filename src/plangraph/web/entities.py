"""Resource pages: every IRI of the graph resolves under /id/... to HTML, JSON or RDF.

:func:`resource_data` builds the plain data of one resource (labels, classes,
properties, incoming links, evidence quotes, mentions, related tasks, goals and
entities); renderers turn it into HTML, JSON (``.json``) or RDF (``.ttl``,
``.jsonld``, ``.nt``, ``.rdf`` or by Accept). HTML answers carry
``Link: rel="alternate"`` headers to the other formats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Final

from fastapi import Path, Request
from starlette.responses import JSONResponse, Response

from plangraph.rdf.vocab import PG
from plangraph.store import (
    IRI,
    AskResult,
    BNode,
    GraphResult,
    Literal,
    SelectResult,
    Store,
)
from plangraph.web.catalog import Catalog
from plangraph.web.deps import (
    CatalogDep,
    SettingsDep,
    StoreDep,
    UrlsDep,
    VocabularyDep,
    run_query,
    select,
)
from plangraph.web.errors import NotAcceptable, PageNotFound
from plangraph.web.negotiation import PAGE_SUFFIXES, PAGE_TYPES, negotiate
from plangraph.web.pages import render
from plangraph.web.routes import router_for
from plangraph.web.settings import Settings
from plangraph.web.sparql import rdf_response
from plangraph.web.urls import Urls, valid_iri
from plangraph.web.vocabulary import Vocabulary

Term = IRI | Literal | BNode

__all__ = ["alternates", "resource_data", "router", "term_data"]

_PG: Final = str(PG)
_LINK_LIMIT: Final = 2000
_EXAMPLE: Final = "entity/taihu-new-town"
_PREFIX: Final = f"PREFIX pg: <{_PG}>\n"

_EXISTS: Final = "ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"
_OUT: Final = "SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT " + str(_LINK_LIMIT)
_IN: Final = "SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} LIMIT " + str(_LINK_LIMIT)
_EVIDENCE: Final = _PREFIX + """SELECT DISTINCT ?ev ?quote ?start ?end ?section WHERE {{
  <{iri}> pg:evidence ?ev . ?ev pg:quote ?quote .
  OPTIONAL {{ ?ev pg:charStart ?start }} OPTIONAL {{ ?ev pg:charEnd ?end }} OPTIONAL {{ ?ev pg:inSection ?section }}
}} ORDER BY ?start LIMIT 500"""
_MENTIONS: Final = _PREFIX + """SELECT DISTINCT ?m ?quote ?surface ?start ?section ?sentence WHERE {{
  ?m pg:mentionOf <{iri}> .
  OPTIONAL {{ ?m pg:quote ?quote }} OPTIONAL {{ ?m pg:surfaceForm ?surface }}
  OPTIONAL {{ ?m pg:charStart ?start }} OPTIONAL {{ ?m pg:inSection ?section }}
  OPTIONAL {{ ?m pg:evidence/pg:quote ?sentence }}
}} ORDER BY ?start LIMIT 500"""
#: The shortest evidence span around each mention: the sentence the name stands in.
_SENTENCES: Final = _PREFIX + """SELECT ?m ?quote ?es ?ee WHERE {{
  ?m pg:mentionOf <{iri}> ; pg:inDocument ?doc ; pg:charStart ?ms ; pg:charEnd ?me .
  ?ev a pg:Evidence ; pg:inDocument ?doc ; pg:charStart ?es ; pg:charEnd ?ee ; pg:quote ?quote .
  FILTER(?es <= ?ms && ?ee >= ?me)
}} LIMIT 2000"""
_RELATED: Final = _PREFIX + """SELECT DISTINCT ?task ?goal ?other WHERE {{
  {{ <{iri}> pg:involvedIn ?task }} UNION {{ ?task pg:involves <{iri}> }}
  OPTIONAL {{ ?task pg:contributesTo ?goal }}
  OPTIONAL {{ ?task pg:involves ?other . FILTER(?other != <{iri}>) }}
}} LIMIT 2000"""


def resource(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    path: Annotated[str, Path(description="Path of the resource below the graph base", examples=[_EXAMPLE])],
) -> Response:
    """The page of ``<graph_base><path>``; a known suffix picks the format, else the Accept header."""
    iri, accept = _locate(store, settings, urls, path, request.headers.get("accept"))
    chosen = negotiate(accept, PAGE_TYPES)
    if chosen is None:
        raise NotAcceptable(f"this resource is available as {', '.join(PAGE_TYPES)}; none is acceptable")
    fmt = PAGE_TYPES[chosen]
    data = resource_data(store, settings, catalog, vocabulary, urls, iri)
    if fmt in ("turtle", "ntriples", "jsonld", "rdfxml"):
        return rdf_response(GraphResult(data.pop("_triples")), chosen)
    triples = data.pop("_triples")
    if fmt == "json":
        return JSONResponse({"ok": True, **data}, headers={"Vary": "Accept"})
    related_count = sum(len(v) for v in data["related"].values())
    title = data["label"]["zh"] or data["label"]["en"] or iri
    return render(
        request,
        "entity.html",
        title=title,
        r=data,
        triple_count=len(triples),
        related_count=related_count,
        headers={"Link": alternates(urls, iri)},
    )


def alternates(urls: Urls, iri: str) -> str:
    """The ``Link`` header value naming the resource's other representations."""
    links = [
        f'<{urls.absolute(urls.data(iri, suffix))}>; rel="alternate"; type="{media}"'
        for suffix, media in PAGE_SUFFIXES.items()
        if suffix != ".html"
    ]
    return ", ".join(links)


def _locate(store: Store, settings: Settings, urls: Urls, path: str, accept: str | None) -> tuple[str, str | None]:
    """The resource's IRI and the Accept to use, honouring a format suffix; 404 if the IRI is unknown."""
    for suffix, media in PAGE_SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            iri = urls.iri_for_path(path[: -len(suffix)])
            if _exists(store, settings, iri):
                return iri, media
    iri = urls.iri_for_path(path)
    if not _exists(store, settings, iri):
        raise PageNotFound(f"the graph has no resource <{iri}>")
    return iri, accept


def _exists(store: Store, settings: Settings, iri: str) -> bool:
    if not valid_iri(iri):
        return False
    result = run_query(store, _EXISTS.format(iri=iri), settings).result
    return isinstance(result, AskResult) and result.value


def resource_data(
    store: Store, settings: Settings, catalog: Catalog, vocabulary: Vocabulary, urls: Urls, iri: str,
) -> dict[str, Any]:
    """Everything a page says about ``iri``, as plain JSON-ready data (plus ``_triples`` for RDF)."""

    def run(template: str) -> SelectResult:
        return select(store, template.format(iri=iri), settings, max_rows=None)

    describe = _describer(catalog, vocabulary, urls)
    subject = IRI(iri)
    out_rows, in_rows = run(_OUT).rows, run(_IN).rows
    triples: list[tuple[Term, Term, Term]] = []
    properties: dict[str, list[dict[str, Any]]] = {}
    for row in out_rows:
        p, o = row["p"], row["o"]
        if isinstance(p, IRI) and o is not None:
            triples.append((subject, p, o))
            properties.setdefault(p.value, []).append(term_data(o, describe))
    incoming: dict[str, list[dict[str, Any]]] = {}
    for row in in_rows:
        s, p = row["s"], row["p"]
        if isinstance(p, IRI) and s is not None:
            triples.append((s, p, subject))
            incoming.setdefault(p.value, []).append(term_data(s, describe))
    evidence = [
        {
            "iri": _text(row["ev"]),
            "url": urls.page(_text(row["ev"])),
            "quote": _text(row["quote"]),
            "start": _text(row["start"]),
            "end": _text(row["end"]),
            "section": describe(_text(row["section"])) if row["section"] else None,
        }
        for row in run(_EVIDENCE).rows
    ]
    return {
        "iri": iri,
        "url": urls.page(iri),
        "label": dict(zip(("zh", "en"), catalog.label(iri), strict=True)),
        "aliases": catalog.aliases.get(iri, []),
        "types": [describe(t) for t in catalog.types.get(iri, [])],
        "class": describe(c) if (c := catalog.class_of(iri)) else None,
        "properties": [{"predicate": describe(p), "values": v} for p, v in _ordered(properties)],
        "incoming": [{"predicate": describe(p), "subjects": v} for p, v in _ordered(incoming)],
        "evidence": evidence,
        "mentions": _mentions(run, describe),
        "related": _related(run, describe),
        "formats": {s.lstrip("."): urls.data(iri, s) for s in PAGE_SUFFIXES if s != ".html"},
        "explore": urls.explore(iri=iri),
        "neighbours": urls.explore_api("neighbours", iri=iri),
        "_triples": triples,
    }


def term_data(term: Term, describe: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """A term as JSON: IRIs with their page URL and labels, literals with language and datatype."""
    if isinstance(term, IRI):
        return {"type": "iri", **describe(term.value)}
    if isinstance(term, BNode):
        return {"type": "bnode", "id": term.id}
    return {"type": "literal", "value": term.value, "lang": term.language, "datatype": term.datatype}


def _describer(catalog: Catalog, vocabulary: Vocabulary, urls: Urls) -> Callable[[str], dict[str, Any]]:
    def describe(iri: str) -> dict[str, Any]:
        zh, en = catalog.label(iri)
        if not zh and not en:
            zh, en = vocabulary.label(iri)
        cls = catalog.class_of(iri)
        return {"iri": iri, "url": urls.page(iri), "zh": zh, "en": en, "class": cls}

    return describe


def _mentions(run: Callable[[str], SelectResult], describe: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    rows = run(_MENTIONS).rows
    if not rows:
        return []
    around: dict[str, tuple[int, str]] = {}
    for row in run(_SENTENCES).rows:
        span = _int(row["ee"]) - _int(row["es"])
        key = _text(row["m"])
        if key not in around or span < around[key][0]:
            around[key] = (span, _text(row["quote"]))
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = _text(row["m"])
        if key in out:
            continue
        quote = _text(row["quote"])
        sentence = _text(row["sentence"]) or around.get(key, (0, ""))[1] or quote
        out[key] = {
            "quote": quote,
            "surface": _text(row["surface"]) or quote,
            "sentence": sentence,
            "parts": _highlight(sentence, _text(row["surface"]) or quote),
            "start": _text(row["start"]),
            "section": describe(_text(row["section"])) if row["section"] else None,
        }
    return list(out.values())


def _related(run: Callable[[str], SelectResult], describe: Callable[[str], dict[str, Any]]) -> dict[str, list[Any]]:
    tasks: dict[str, Any] = {}
    goals: dict[str, Any] = {}
    others: dict[str, Any] = {}
    for row in run(_RELATED).rows:
        for key, bucket in (("task", tasks), ("goal", goals), ("other", others)):
            value = row[key]
            if isinstance(value, IRI) and value.value not in bucket:
                bucket[value.value] = describe(value.value)
    return {"tasks": list(tasks.values()), "goals": list(goals.values()), "entities": list(others.values())}


def _highlight(text: str, name: str) -> list[tuple[str, bool]]:
    """``text`` split into (piece, is_the_name) so the template can mark the name without markup in data."""
    if not name or name not in text:
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(text.split(name)):
        if index:
            parts.append((name, True))
        if piece:
            parts.append((piece, False))
    return parts


def _ordered(groups: dict[str, list[dict[str, Any]]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Predicates in reading order: type and labels first, then the plan's own, then the rest."""
    first = ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
             "http://www.w3.org/2004/02/skos/core#altLabel"]  # fmt: skip

    def key(item: tuple[str, list[dict[str, Any]]]) -> tuple[int, str]:
        p = item[0]
        return (first.index(p) if p in first else 3 if p.startswith(_PG) else 4, p)

    return sorted(groups.items(), key=key)


def _text(term: Term | None) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (IRI, Literal)) else str(term)


def _int(term: Term | None) -> int:
    try:
        return int(_text(term))
    except ValueError:
        return 0


router = router_for("entities", globals())
