"""The SPARQL 1.1 Protocol endpoint at /sparql, and the query editor browsers get there.

* Queries by GET (``?query=``), by POST form, or by POST with an
  ``application/sparql-query`` body. The serializer is chosen from the kind of
  result after execution (solutions, boolean, graph) and the Accept header (or
  ``format=``): 406 when nothing fits. Every answer says ``Vary: Accept``.
* Updates (POST ``application/sparql-update`` or form ``update=``) are refused
  with 403 unless the ``allow_updates`` setting is on.
* Without a query: a SPARQL Service Description (Turtle, N-Triples, JSON-LD,
  RDF/XML), or for browsers the HTML editor.
* Errors on this path are plain text: SPARQL clients show them as they are.
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from plangraph._errors import StoreError
from plangraph.queries import NamedQuery
from plangraph.rdf.vocab import PREFIXES
from plangraph.store import (
    IRI,
    AskResult,
    BNode,
    GraphResult,
    Literal,
    SelectResult,
    Store,
)
from plangraph.web import protocol
from plangraph.web.catalog import Catalog
from plangraph.web.deps import (
    CatalogDep,
    QueriesDep,
    SettingsDep,
    StoreDep,
    refresh_catalog,
    run_query,
)
from plangraph.web.errors import BadRequest, Forbidden, NotAcceptable
from plangraph.web.negotiation import (
    BOOLEAN_TYPES,
    GRAPH_TYPES,
    HTML,
    RESULT_TYPES,
    negotiate,
)
from plangraph.web.pages import render, request_urls
from plangraph.web.routes import router_for
from plangraph.web.settings import Settings
from plangraph.web.urls import ONTOLOGY_IRI

__all__ = ["rdf_response", "router", "service_description"]

_SD: Final = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS: Final = "http://www.w3.org/ns/formats/"
_RDF_TYPE: Final = IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VOID: Final = "http://rdfs.org/ns/void#"
_PREFIXES: Final = dict(PREFIXES)
_ALL_TYPES: Final = [*RESULT_TYPES, *GRAPH_TYPES, HTML]  # HTML last: */* must not pick the editor


def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    queries: QueriesDep,
    query: Annotated[str | None, Query(description="SPARQL query text")] = None,
    default_graph_uri: Annotated[
        list[str] | None, Query(alias="default-graph-uri", description="Graph IRIs forming the default graph")
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="Graph IRIs available to GRAPH")
    ] = None,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, jsonld or a media type")] = None,
) -> Response:
    """Query by GET; without a query, the service description (or the editor, for browsers)."""
    operation = protocol.parse_get(request)
    if operation.update is not None:
        raise BadRequest("updates must be sent by POST")
    return _answer(request, operation, store, settings, catalog, queries)


async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    queries: QueriesDep,
) -> Response:
    """Query or update by POST: form-encoded, or the operation as the whole body."""
    operation = await protocol.parse_post(request, settings.max_body_bytes)
    if operation.query is None and operation.update is None:
        raise BadRequest("no operation: send query= or update=, or a body of type application/sparql-query")
    return await run_in_threadpool(_answer, request, operation, store, settings, catalog, queries)


def _answer(
    request: Request,
    operation: protocol.ProtocolRequest,
    store: Store,
    settings: Settings,
    catalog: Catalog,
    queries: dict[str, NamedQuery],
) -> Response:
    accept = protocol.accept_for(request, operation.format)
    if operation.update is not None:
        return _update(request, operation.update, store, settings)
    if operation.query is None:
        if negotiate(accept, [*GRAPH_TYPES, HTML]) == HTML:
            return _editor(request, "", operation.name, queries)
        return rdf_response(service_description(request, settings, catalog), accept)
    if request.method == "GET" and negotiate(accept, _ALL_TYPES) == HTML:
        return _editor(request, operation.query, operation.name, queries)
    try:
        answer = run_query(
            store,
            operation.query,
            settings,
            default_graph=operation.default_graphs,
            named_graphs=operation.named_graphs,
        )
    except StoreError as exc:
        if type(exc) is StoreError:  # refused (SERVICE) or not evaluable: the query's fault, not the server's
            raise BadRequest(str(exc)) from exc
        raise
    headers = {"Vary": "Accept", "Plangraph-Query-Seconds": f"{answer.seconds:.4f}"}
    if answer.truncated:
        headers.update({"Plangraph-Truncated": "true", "Plangraph-Row-Limit": str(settings.max_rows)})
    result = answer.result
    if isinstance(result, GraphResult):
        return rdf_response(result, accept, headers=headers)
    table = RESULT_TYPES if isinstance(result, SelectResult) else BOOLEAN_TYPES
    chosen = negotiate(accept, table)
    if chosen is None:
        raise NotAcceptable(f"{_kind(result)} results can be sent as {', '.join(table)}; none is acceptable")
    return Response(result.serialize(table[chosen]), media_type=chosen, headers=headers)


def _update(request: Request, text: str, store: Store, settings: Settings) -> Response:
    if not settings.allow_updates or store.read_only:
        raise Forbidden("this endpoint is read-only: updates are refused (the operator can set allow_updates=true)")
    try:
        store.update(text)
    except StoreError as exc:
        if type(exc) is StoreError:
            raise BadRequest(str(exc)) from exc
        raise
    refresh_catalog(request, store, settings)
    return Response(status_code=204, headers={"Vary": "Accept"})


def rdf_response(graph: GraphResult, accept: str | None, *, headers: dict[str, str] | None = None) -> Response:
    """``graph`` serialized in the acceptable RDF format (406 if none)."""
    chosen = negotiate(accept, GRAPH_TYPES)
    if chosen is None:
        raise NotAcceptable(f"graph results can be sent as {', '.join(GRAPH_TYPES)}; none is acceptable")
    body = graph.serialize(GRAPH_TYPES[chosen], prefixes=_PREFIXES)
    return Response(body, media_type=chosen, headers={"Vary": "Accept", **(headers or {})})


def service_description(request: Request, settings: Settings, catalog: Catalog) -> GraphResult:
    """The SPARQL 1.1 Service Description of this endpoint."""
    urls = request_urls(request)
    endpoint = IRI(urls.absolute(urls.sparql()))
    dataset, default = BNode("dataset"), BNode("default")
    triples: list[tuple[IRI | BNode, IRI, IRI | BNode | Literal]] = [
        (endpoint, _RDF_TYPE, IRI(_SD + "Service")),
        (endpoint, IRI(_SD + "endpoint"), endpoint),
        (endpoint, IRI(_SD + "supportedLanguage"), IRI(_SD + "SPARQL11Query")),
        (endpoint, IRI(_SD + "feature"), IRI(_SD + "UnionDefaultGraph")),
        (endpoint, IRI(_SD + "defaultDataset"), dataset),
        (dataset, _RDF_TYPE, IRI(_SD + "Dataset")),
        (dataset, IRI(_SD + "defaultGraph"), default),
        (default, _RDF_TYPE, IRI(_SD + "Graph")),
        (default, IRI(_VOID + "triples"), Literal(str(catalog.triples), "http://www.w3.org/2001/XMLSchema#integer")),
        (dataset, IRI(_SD + "namedGraph"), BNode("ontology")),
        (BNode("ontology"), IRI(_SD + "name"), IRI(ONTOLOGY_IRI)),
        (endpoint, IRI("http://purl.org/dc/terms/title"), Literal(f"{settings.title} SPARQL endpoint", language="en")),
        (endpoint, IRI(_VOID + "inDataset"), IRI(urls.absolute(urls.dataset()))),
    ]
    if settings.allow_updates:
        triples.append((endpoint, IRI(_SD + "supportedLanguage"), IRI(_SD + "SPARQL11Update")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):  # fmt: skip
        triples.append((endpoint, IRI(_SD + "resultFormat"), IRI(_FORMATS + name)))
    return GraphResult(triples)  # type: ignore[arg-type]


def _editor(request: Request, query: str, name: str | None, queries: dict[str, NamedQuery]) -> Response:
    urls = request_urls(request)
    named = [
        {
            "name": q.name,
            "title_zh": q.title_zh,
            "title_en": q.title_en,
            "description": q.description,
            "parameters": [{"name": p.name, "default": p.default, "help": p.help} for p in q.parameters],
            "text_url": urls.query(q.name, ".rq"),
            "page_url": urls.query(q.name),
        }
        for q in queries.values()
    ]
    editor = {
        "query": query,
        "selected": name if name in queries else None,
        "queries": named,
        "endpoint": urls.sparql(),
        "graph_base": request.app.state.settings.graph_base,
        "id_path": urls.path("id/"),
        "ontology_path": urls.ontology(),
    }
    return render(request, "sparql.html", title="SPARQL", editor=editor, query=query, queries=queries)


def _kind(result: SelectResult | AskResult) -> str:
    return "SELECT" if isinstance(result, SelectResult) else "ASK"


router = router_for("sparql", globals())
