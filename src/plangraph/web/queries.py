"""Named example queries: /queries (list) and /queries/<name> (run it).

Each query file in ``queries/`` gets its own URL; its parameters come from the
query string (``/queries/label-search?q=太湖``). Suffixes pick a format:
``.json`` (SPARQL JSON results), ``.csv``, ``.tsv``, ``.xml``, ``.rq`` (the query
text with the parameters filled in, which the editor loads); without one, the
HTML page shows the description, a parameter form, the query and its results.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import Path, Query, Request
from starlette.responses import JSONResponse, Response

from plangraph._errors import StoreError
from plangraph.queries import NamedQuery, find_query
from plangraph.store import GraphResult, SelectResult
from plangraph.web.catalog import Catalog
from plangraph.web.deps import (
    CatalogDep,
    QueriesDep,
    SettingsDep,
    StoreDep,
    UrlsDep,
    VocabularyDep,
    run_query,
)
from plangraph.web.entities import term_data
from plangraph.web.errors import BadRequest, NotAcceptable
from plangraph.web.negotiation import (
    BOOLEAN_TYPES,
    GRAPH_TYPES,
    HTML,
    QUERY_SUFFIXES,
    RESULT_TYPES,
    TABLE_FORMATS,
    negotiate,
)
from plangraph.web.pages import render
from plangraph.web.routes import router_for
from plangraph.web.sparql import rdf_response
from plangraph.web.urls import Urls
from plangraph.web.vocabulary import Vocabulary

__all__ = ["query_data", "router"]

_RESERVED: Final = {"format"}


def query_list(
    request: Request,
    queries: QueriesDep,
    urls: UrlsDep,
    format: Annotated[str | None, Query(description="html or json (else the Accept header)")] = None,
) -> Response:
    """Every named query with its titles, description and parameters."""
    accept = TABLE_FORMATS.get(format or "", request.headers.get("accept"))
    chosen = negotiate(accept, [HTML, "application/json"])
    if chosen is None:
        raise NotAcceptable("the query list is available as text/html or application/json")
    if chosen == "application/json":
        return _list_json(queries, urls)
    return render(request, "queries.html", title="Queries", items=[query_data(q, urls) for q in queries.values()])


def query_list_json(queries: QueriesDep, urls: UrlsDep) -> Response:
    """The query list as JSON."""
    return _list_json(queries, urls)


def query_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    queries: QueriesDep,
    urls: UrlsDep,
    name: Annotated[str, Path(description="Query name, optionally with .json .csv .tsv .xml .ttl .rq", examples=["label-search"])],
) -> Response:
    """Run a named query with parameters from the query string; suffix or Accept picks the format."""
    base, suffix = _split(name, queries)
    named = find_query(queries, base)  # NotFound -> 404 naming the known queries
    values = {k: v for k, v in request.query_params.items() if k not in _RESERVED}
    repeated = [k for k in values if len(request.query_params.getlist(k)) > 1]
    if repeated:
        raise BadRequest(f"parameter {', '.join(repeated)} given more than once")
    sparql = named.render(values)  # InputError (400) for unknown parameters or bad IRIs
    if suffix == ".rq":
        return Response(sparql, media_type="application/sparql-query", headers={"Vary": "Accept"})
    fmt = request.query_params.get("format")
    accept = QUERY_SUFFIXES[suffix] if suffix else ({**TABLE_FORMATS, "json": QUERY_SUFFIXES[".json"]}
                                               .get(fmt or "", request.headers.get("accept")))  # fmt: skip
    wants_html = negotiate(accept, [HTML, *RESULT_TYPES, *GRAPH_TYPES]) == HTML
    try:
        answer = run_query(store, sparql, settings)
    except StoreError as exc:
        if type(exc) is StoreError:
            raise BadRequest(str(exc)) from exc
        raise
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers.update({"Plangraph-Truncated": "true", "Plangraph-Row-Limit": str(settings.max_rows)})
    result = answer.result
    if wants_html:
        describe = _describer(catalog, vocabulary, urls)
        table = _table(result, describe)
        return render(request, "query.html", title=named.title_en, item=query_data(named, urls), values=values,
                      sparql=sparql, table=table, truncated=answer.truncated, seconds=answer.seconds,
                      editor_url=urls.sparql(query=sparql, name=named.name),
                      downloads={s: urls.query(named.name, s, values) for s in (".csv", ".json", ".tsv")},
                      headers=headers)  # fmt: skip
    if isinstance(result, GraphResult):
        return rdf_response(result, accept, headers=headers)
    types = RESULT_TYPES if isinstance(result, SelectResult) else BOOLEAN_TYPES
    chosen = negotiate(accept, types)
    if chosen is None:
        raise NotAcceptable(f"results are available as {', '.join(types)}")
    return Response(result.serialize(types[chosen]), media_type=chosen, headers=headers)


def query_data(named: NamedQuery, urls: Urls) -> dict[str, Any]:
    """A named query as plain data, with its URLs."""
    return {
        "name": named.name,
        "title_zh": named.title_zh,
        "title_en": named.title_en,
        "description": named.description,
        "parameters": [{"name": p.name, "default": p.default, "help": p.help} for p in named.parameters],
        "url": urls.query(named.name),
        "json": urls.query(named.name, ".json"),
        "csv": urls.query(named.name, ".csv"),
        "text": urls.query(named.name, ".rq"),
        "editor": urls.sparql(name=named.name),
    }


def _list_json(queries: dict[str, NamedQuery], urls: Urls) -> Response:
    items = [query_data(q, urls) for q in queries.values()]
    return JSONResponse({"ok": True, "count": len(items), "queries": items}, headers={"Vary": "Accept"})


def _split(name: str, queries: dict[str, NamedQuery]) -> tuple[str, str]:
    """(query name, suffix) — a name that is itself a query wins over suffix stripping."""
    if name in queries:
        return name, ""
    for suffix in QUERY_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in queries:
            return name[: -len(suffix)], suffix
    return name, ""


def _describer(catalog: Catalog, vocabulary: Vocabulary, urls: Urls) -> Any:
    def describe(iri: str) -> dict[str, Any]:
        zh, en = catalog.label(iri)
        if not zh and not en:
            zh, en = vocabulary.label(iri)
        return {"iri": iri, "url": urls.page(iri), "zh": zh, "en": en, "local": urls.is_local(iri)}

    return describe


def _table(result: Any, describe: Any) -> dict[str, Any]:
    """Columns and cells for the HTML results table (any result kind)."""
    if isinstance(result, SelectResult):
        rows = [[term_data(t, describe) if t is not None else None for t in (row.get(v) for v in result.variables)]
                for row in result.rows]  # fmt: skip
        return {"columns": result.variables, "rows": rows}
    if isinstance(result, GraphResult):
        return {"columns": ["subject", "predicate", "object"],
                "rows": [[term_data(t, describe) for t in triple] for triple in result.triples]}  # fmt: skip
    return {"columns": ["boolean"], "rows": [[{"type": "literal", "value": str(result.value).lower()}]]}


router = router_for("queries", globals())
