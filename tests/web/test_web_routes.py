"""The route table: every URL pattern maps to the view the table names; settings are documented."""

from __future__ import annotations

import pytest
from starlette.routing import Match, Mount
from web_support import web_settings

from plangraph._errors import InputError
from plangraph.store import OxigraphStore
from plangraph.web import Settings, create_app
from plangraph.web.routes import MOUNTS, ROUTES


@pytest.fixture(scope="module")
def app():
    with OxigraphStore() as store:
        yield create_app(web_settings(), store)


def flat_routes(routes):
    """Routes with included routers expanded (FastAPI may keep an included router as one entry)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from flat_routes(inner.routes)
        else:
            yield route


def resolve(app, method: str, path: str) -> tuple[str, dict[str, str]] | None:
    scope = {"type": "http", "method": method, "path": path, "root_path": "", "headers": [], "query_string": b""}
    for route in flat_routes(app.router.routes):
        match, child = route.matches(scope)
        if match == Match.FULL:
            return route.name, child.get("path_params", {})
    return None


@pytest.mark.parametrize(
    ("method", "path", "name", "params"),
    [
        ("GET", "/", "home", {}),
        ("GET", "/search", "search", {}),
        ("GET", "/sparql", "sparql_get", {}),
        ("POST", "/sparql", "sparql_post", {}),
        ("GET", "/queries", "query_list", {}),
        ("GET", "/queries.json", "query_list_json", {}),
        ("GET", "/queries/label-search", "query_page", {"name": "label-search"}),
        ("GET", "/queries/label-search.csv", "query_page", {"name": "label-search.csv"}),
        ("GET", "/id/entity/taihu-new-town", "resource", {"path": "entity/taihu-new-town"}),
        ("GET", "/id/suzhou/2023/task/13.ttl", "resource", {"path": "suzhou/2023/task/13.ttl"}),
        ("GET", "/ontology", "ontology", {}),
        ("GET", "/ontology.ttl", "ontology_file", {"ext": "ttl"}),
        ("GET", "/dataset", "dataset", {}),
        ("GET", "/dataset/dump.nq", "dump", {"ext": "nq"}),
        ("GET", "/explore", "explore_page", {}),
        ("GET", "/explore/graph", "graph_data", {}),
        ("GET", "/explore/neighbours", "neighbours", {}),
        ("GET", "/explore/path", "path", {}),
        ("GET", "/static/style.css", "static", {}),
        ("GET", "/vendor/vis-network/vis-network.min.js", "vendor", {}),
        ("GET", "/openapi.json", "openapi", {}),
    ],
)
def test_path_resolves_to_view(app, method: str, path: str, name: str, params: dict[str, str]) -> None:
    assert resolve(app, method, path) == (name, params)


@pytest.mark.parametrize("path", ["/nothing", "/id", "/searchx", "/dataset/dump", "/explore/other"])
def test_unknown_paths_match_nothing(app, path: str) -> None:
    assert resolve(app, "GET", path) is None


def test_table_and_app_agree(app) -> None:
    routes = list(flat_routes(app.router.routes))
    served = {(m, r.path) for r in routes if not isinstance(r, Mount) for m in getattr(r, "methods", None) or ()}
    for route in ROUTES:
        for method in route.methods:
            assert (method, route.path) in served, route
    table = {(m, r.path) for r in ROUTES for m in r.methods} | {("GET", "/openapi.json"), ("HEAD", "/openapi.json")}
    assert {pair for pair in served if pair[0] != "HEAD"} <= table
    mounts = {r.path for r in routes if isinstance(r, Mount)}
    assert mounts == set(MOUNTS)
    assert all(route.summary for route in ROUTES)


def test_views_are_plain_functions_of_their_module() -> None:
    import importlib

    for route in ROUTES:
        module = importlib.import_module(f"plangraph.web.{route.module}")
        assert callable(getattr(module, route.name)), route


def test_every_setting_has_a_default_and_help() -> None:
    described = Settings.describe()
    assert [name for name, _, _ in described] == list(Settings.model_fields)
    for name, _default, help_text in described:
        assert len(help_text) > 15, name


def test_settings_from_pairs() -> None:
    settings = Settings.from_pairs(["query_timeout=2.5", "max-rows=7", "allow_updates=true"], workers=3)
    assert (settings.query_timeout, settings.max_rows, settings.allow_updates, settings.workers) == (2.5, 7, True, 3)
    assert Settings.from_pairs([], public_url="https://plans.example.org").public_url == "https://plans.example.org/"
    for bad in (["nope=1"], ["query_timeout"], ["query_timeout=-1"], ["workers=zero"], ["public_url=ftp://x"]):
        with pytest.raises(InputError):
            Settings.from_pairs(bad)
