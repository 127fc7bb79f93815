"""The route table: every URL pattern of the service and the view that answers it, in one place.

Each web module builds its APIRouter from its own rows of :data:`ROUTES` with
:func:`router_for`, so ``app.py`` includes one router per module while a reader
finds any page here. Entity pages live under ``/id/`` so that machinery paths
(``/sparql``, ``/search``, ...) never collide with a resource's path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from fastapi import APIRouter
from starlette.responses import Response

__all__ = ["MOUNTS", "ROUTES", "Route", "router_for"]

_TEXT: Final = {"schema": {"type": "string"}}
_JSON: Final = {"schema": {"type": "object"}}

#: OpenAPI response documentation shared by routes (rdflib-endpoint's API_RESPONSES idea).
_HTML_JSON: Final = {"text/html": _TEXT, "application/json": _JSON}
_TABLE: Final = {**_HTML_JSON, "text/csv": _TEXT}
_RDF: Final = {"text/turtle": _TEXT, "application/ld+json": _JSON, "application/n-triples": _TEXT}
_SPARQL: Final = {
    "application/sparql-results+json": _JSON,
    "application/sparql-results+xml": _TEXT,
    "text/csv": _TEXT,
    "text/tab-separated-values": _TEXT,
    **_RDF,
    "text/html": _TEXT,
}
_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    400: {"description": "Bad request: malformed query or parameters"},
    404: {"description": "Not found"},
    406: {"description": "No acceptable representation"},
}


@dataclass(frozen=True)
class Route:
    """One URL pattern: path, ``module.function`` view, methods, OpenAPI summary and media types."""

    path: str
    view: str
    summary: str
    methods: tuple[str, ...] = ("GET",)
    media: Mapping[str, Any] = field(default_factory=lambda: _HTML_JSON)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def module(self) -> str:
        return self.view.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.view.split(".", 1)[1]


_SPARQL_BODY: Final = {
    "requestBody": {
        "required": False,
        "content": {
            "application/sparql-query": _TEXT,
            "application/sparql-update": _TEXT,
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "string"},
                        "named-graph-uri": {"type": "string"},
                    },
                }
            },
        },
    }
}

ROUTES: Final[tuple[Route, ...]] = (
    Route("/", "dataset.home", "Home: search box and what the graph holds"),
    Route("/search", "search.search", "Search names in Chinese, English or pinyin", media=_TABLE),
    Route("/sparql", "sparql.sparql_get", "SPARQL 1.1 query by GET; service description or editor without query", media=_SPARQL),
    Route(
        "/sparql",
        "sparql.sparql_post",
        "SPARQL 1.1 query or update by POST (form or direct body)",
        methods=("POST",),
        media={**_SPARQL, "text/plain": _TEXT},
        extra=_SPARQL_BODY,
    ),
    Route("/queries", "queries.query_list", "The named example queries"),
    Route("/queries.json", "queries.query_list_json", "The named example queries as JSON", media={"application/json": _JSON}),
    Route("/queries/{name}", "queries.query_page", "Run a named query (.json, .csv, .rq suffixes)", media={**_TABLE, **_SPARQL}),
    Route("/id/{path:path}", "entities.resource", "A resource of the graph: HTML, JSON or RDF", media={**_HTML_JSON, **_RDF}),
    Route("/ontology", "dataset.ontology", "The ontology's classes and properties", media={**_HTML_JSON, **_RDF}),
    Route("/ontology.{ext}", "dataset.ontology_file", "The ontology in one format (ttl, nt, jsonld)", media=_RDF),
    Route("/dataset", "dataset.dataset", "VoID/DCAT description of the dataset", media={**_HTML_JSON, **_RDF}),
    Route("/dataset/dump.{ext}", "dataset.dump", "The whole dataset (ttl, nt, nq, trig, jsonld)", media=_RDF),
    Route("/explore", "explore.explore_page", "Graph explorer", media={"text/html": _TEXT}),
    Route("/explore/graph", "explore.graph_data", "Explorer nodes and edges, filtered by class and goal", media={"application/json": _JSON}),
    Route("/explore/neighbours", "explore.neighbours", "A node and its neighbours", media={"application/json": _JSON}),
    Route("/reconcile", "reconcile.reconcile_get", "Reconciliation service manifest, or the results of a query batch (?queries=)", media={"application/json": _JSON}),
    Route("/reconcile", "reconcile.reconcile_post", "Reconciliation: the results of a query batch (form field 'queries')", methods=("POST",), media={"application/json": _JSON}),
    Route("/reconcile/preview", "reconcile.reconcile_preview", "Reconciliation: HTML preview of one entity", media={"text/html": _TEXT}),
    Route("/reconcile/suggest/entity", "reconcile.reconcile_suggest_entity", "Reconciliation: entity auto-complete", media={"application/json": _JSON}),
    Route("/reconcile/suggest/type", "reconcile.reconcile_suggest_type", "Reconciliation: type auto-complete", media={"application/json": _JSON}),
    Route("/reconcile/suggest/property", "reconcile.reconcile_suggest_property", "Reconciliation: property auto-complete", media={"application/json": _JSON}),
    Route("/explore/path", "explore.path", "A shortest path between two nodes, with its predicates", media={"application/json": _JSON}),
)  # fmt: skip

#: Static mounts: URL prefix -> what is served there (added by app.py).
MOUNTS: Final[dict[str, str]] = {
    "/static": "the service's own CSS and JavaScript (web/static)",
    "/vendor/vis-network": "vis-network 9.1.2 from the installed pyvis package",
}


def router_for(module: str, namespace: Mapping[str, Any]) -> APIRouter:
    """An APIRouter with the routes of ``module``, whose views are looked up in ``namespace``."""
    router = APIRouter()
    for route in ROUTES:
        if route.module != module:
            continue
        router.add_api_route(
            route.path,
            namespace[route.name],
            methods=list(route.methods),
            name=route.name,
            summary=route.summary,
            response_class=Response,
            responses={200: {"description": "OK", "content": dict(route.media)}, **_ERRORS},
            openapi_extra=dict(route.extra) or None,
        )
    return router
