"""Shared dependencies: settings, store, catalog, vocabulary, named queries, URL builder.

Handlers receive these through ``Depends`` so tests can override any of them
(``app.dependency_overrides[get_store] = ...``). The bounded query runner
(:func:`run_query`) is re-exported from ``querying``.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from plangraph.queries import NamedQuery
from plangraph.store import Store
from plangraph.web.catalog import Catalog, build_catalog
from plangraph.web.pages import request_urls
from plangraph.web.querying import Answer, run_query, select
from plangraph.web.settings import Settings
from plangraph.web.urls import Urls
from plangraph.web.vocabulary import Vocabulary

__all__ = [
    "Answer",
    "CatalogDep",
    "QueriesDep",
    "SettingsDep",
    "StoreDep",
    "UrlsDep",
    "VocabularyDep",
    "get_catalog",
    "get_queries",
    "get_settings",
    "get_store",
    "get_urls",
    "get_vocabulary",
    "refresh_catalog",
    "run_query",
    "select",
]

_CATALOG_LOCK = threading.Lock()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_vocabulary(request: Request) -> Vocabulary:
    vocabulary: Vocabulary = request.app.state.vocabulary
    return vocabulary


def get_queries(request: Request) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = request.app.state.queries
    return queries


def get_urls(request: Request) -> Urls:
    return request_urls(request)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
VocabularyDep = Annotated[Vocabulary, Depends(get_vocabulary)]
QueriesDep = Annotated[dict[str, NamedQuery], Depends(get_queries)]
UrlsDep = Annotated[Urls, Depends(get_urls)]


def get_catalog(request: Request, store: StoreDep, settings: SettingsDep) -> Catalog:
    """The labels, types, search index and explorer graph, built on first use if startup did not."""
    state = request.app.state
    if getattr(state, "catalog", None) is None:
        with _CATALOG_LOCK:
            if getattr(state, "catalog", None) is None:
                state.catalog = build_catalog(store, settings, state.vocabulary)
    catalog: Catalog = state.catalog
    return catalog


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def refresh_catalog(request: Request, store: Store, settings: Settings) -> None:
    """Rebuild the catalog after an update changed the data."""
    catalog = build_catalog(store, settings, request.app.state.vocabulary)
    with _CATALOG_LOCK:
        request.app.state.catalog = catalog
