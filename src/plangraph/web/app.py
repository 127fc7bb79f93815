"""Build the FastAPI app: settings and store in, one router per module, one error handler.

``create_app(settings, store)`` is the only constructor. The store is passed
in (tests hand in a small one; ``plangraph serve`` an
:class:`~plangraph.store.IsolatedStore`), reached by handlers through
``Depends(get_store)``. At startup the catalog (labels, search index,
explorer graph) is read from the store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Final

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plangraph.__version__ import __version__
from plangraph._errors import PlangraphError
from plangraph.queries import load_queries
from plangraph.store import Store
from plangraph.web import dataset, entities, explore, queries, reconcile, search, sparql
from plangraph.web.catalog import build_catalog
from plangraph.web.errors import WebError, handle_error
from plangraph.web.pages import create_templates
from plangraph.web.settings import Settings
from plangraph.web.vocabulary import load_vocabulary

__all__ = ["create_app"]

#: Browsers may load scripts, styles, images and data from this service only.
_SECURITY_HEADERS: Final = [
    (
        b"content-security-policy",
        (
            b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            b"connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
        ),
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
_STATIC: Final = Path(__file__).parent / "static"


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The web service over ``store``; the caller owns the store and closes it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.catalog = await run_in_threadpool(build_catalog, store, settings, app.state.vocabulary)
        yield

    app = FastAPI(
        title=f"{settings.title} web service",
        version=__version__,
        description="Linked data pages, search, named queries, a graph explorer and a SPARQL 1.1 endpoint "
        "over a knowledge graph of Chinese city development plans.",
        docs_url=None,  # FastAPI's docs pages load Swagger UI from a CDN; the schema stays at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.vocabulary = load_vocabulary(settings.ontology_file)
    app.state.queries = load_queries(settings.paths.queries) if settings.paths.queries.is_dir() else {}
    app.state.templates = create_templates()
    app.state.catalog = None
    for module in (dataset, search, sparql, queries, entities, explore, reconcile):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    vis = explore.vis_network_dir()
    if vis is not None:
        app.mount("/vendor/vis-network", StaticFiles(directory=vis), name="vendor")
    for exc_class in (Exception, WebError, PlangraphError, StarletteHTTPException, RequestValidationError):
        app.add_exception_handler(exc_class, handle_error)
    if settings.cors:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=["Plangraph-Truncated", "Plangraph-Row-Limit", "Plangraph-Query-Seconds", "Link"],
        )
    app.add_middleware(_SecurityHeaders)
    return app


class _SecurityHeaders:
    """Adds the content security policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
