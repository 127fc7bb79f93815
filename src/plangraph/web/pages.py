"""HTML rendering: the Jinja2 environment (autoescape on) and the context every page gets.

Templates never build URLs by hand: they call ``urls`` (:class:`~plangraph.web.urls.Urls`)
and ``label(iri)`` for display names. All graph text reaches the page through
Jinja's autoescaping; values for scripts go through the ``tojson`` filter into
``<script type="application/json">`` blocks, which browsers never execute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from plangraph.__version__ import __version__
from plangraph.web.urls import Urls

__all__ = ["NAV", "create_templates", "page_context", "render", "request_urls"]

_TEMPLATES = Path(__file__).parent / "templates"

#: Header navigation: (label zh, label en, Urls method name).
NAV: tuple[tuple[str, str, str], ...] = (
    ("检索", "Search", "search"),
    ("SPARQL", "SPARQL", "sparql"),
    ("查询", "Queries", "queries"),
    ("图谱", "Explore", "explore"),
    ("数据集", "Dataset", "dataset"),
    ("本体", "Ontology", "ontology"),
)


def create_templates() -> Environment:
    """A Jinja2 environment over web/templates with autoescaping for every template."""
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def request_urls(request: Request) -> Urls:
    """The URL builder for this request: the public_url setting, else the request's base URL."""
    settings = request.app.state.settings
    return Urls(settings.public_url or str(request.base_url), settings.graph_base)


def page_context(request: Request, **extra: Any) -> dict[str, Any]:
    """What every template may use: urls, settings, nav, a label function, the current search text."""
    state = request.app.state
    urls = request_urls(request)
    catalog = getattr(state, "catalog", None)
    vocabulary = state.vocabulary

    def label(iri: str) -> dict[str, str]:
        zh, en = catalog.label(iri) if catalog is not None else ("", "")
        if not zh and not en:
            zh, en = vocabulary.label(iri)
        return {"zh": zh, "en": en, "text": zh or en or iri, "url": urls.page(iri), "iri": iri}

    nav = [(zh, en, getattr(urls, method)(), method) for zh, en, method in NAV]
    context: dict[str, Any] = {
        "request": request,
        "urls": urls,
        "settings": state.settings,
        "nav": nav,
        "label": label,
        "q": request.query_params.get("q", "") if request.url.path.endswith("/search") else "",
    }
    context.update(extra)
    return context


def render(
    request: Request, template: str, *, status: int = 200, headers: dict[str, str] | None = None, **extra: Any
) -> HTMLResponse:
    """Render ``template`` with the page context plus ``extra``."""
    html = request.app.state.templates.get_template(template).render(page_context(request, **extra))
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept", **(headers or {})})
