"""The graph explorer: /explore (page) and its JSON API.

* ``/explore/graph?goal=&class=`` — nodes (coloured by class group, sized by
  degree centrality) and the edges among them;
* ``/explore/neighbours?iri=`` — a node and everything linked to it (click to expand);
* ``/explore/path?from=&to=`` — a shortest path, each hop with its predicates;
  ends may be IRIs or names (the best search hit is taken).

The page draws with vis-network, served from the installed pyvis package
(``/vendor/vis-network/``), never from a CDN.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import Query, Request
from starlette.responses import JSONResponse, Response

from plangraph.rdf.vocab import PG
from plangraph.web.catalog import Catalog
from plangraph.web.deps import CatalogDep, UrlsDep, VocabularyDep
from plangraph.web.errors import BadRequest, PageNotFound
from plangraph.web.graphview import COLOURS, DEFAULT_GROUPS, GraphView
from plangraph.web.pages import render
from plangraph.web.routes import router_for
from plangraph.web.search import HIDDEN
from plangraph.web.urls import Urls
from plangraph.web.vocabulary import Vocabulary

__all__ = ["router", "vis_network_dir"]

_PG: Final = str(PG)
_GOAL: Final = _PG + "StrategicGoal"
_EXAMPLE: Final = "https://w3id.org/plangraph/id/entity/taihu-new-town"


def vis_network_dir() -> str | None:
    """The folder of pyvis's own vis-network copy, or None when pyvis is not installed."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / "vis-9.1.2"
    return str(folder) if (folder / "vis-network.min.js").is_file() else None


def explore_page(
    request: Request,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    iri: Annotated[str | None, Query(description="A node to start from")] = None,
    goal: Annotated[str | None, Query(description="Show the neighbourhood of this goal")] = None,
) -> Response:
    """The explorer page; its script loads /explore/graph."""
    view = _view(catalog)
    config = {
        "graph": urls.explore_api("graph"),
        "neighbours": urls.explore_api("neighbours"),
        "path": urls.explore_api("path"),
        "search": urls.search(format="json"),
        "start": iri if iri and iri in view else None,
        "goal": goal,
        "groups": _legend(view, vocabulary),
        "goals": _goals(catalog, urls),
    }
    return render(request, "explore.html", title="Explore", config=config,
                  has_vis=vis_network_dir() is not None)  # fmt: skip


def graph_data(
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    goal: Annotated[str | None, Query(description="Goal IRI: keep nodes within two links of it")] = None,
    class_: Annotated[list[str] | None, Query(alias="class", description="Class groups to show (local names or IRIs)")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1500,
) -> Response:
    """Nodes and edges for the explorer, filtered by goal and class group."""
    view = _view(catalog)
    groups = None if not class_ else {_class_iri(c) for c in class_ if c.strip()}
    if goal is not None and goal not in view:
        raise PageNotFound(f"no goal <{goal}> in the graph")
    nodes = view.view(groups=groups, goal=goal, limit=limit)
    payload = view.payload(nodes, _describer(catalog, vocabulary, urls))
    return JSONResponse({"ok": True, **payload, "count": len(nodes)})


def neighbours(
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    iri: Annotated[str, Query(description="IRI of the node to expand", min_length=1, examples=[_EXAMPLE])],
) -> Response:
    """The node and its neighbours, with the edges among them."""
    view = _view(catalog)
    if iri not in view:
        raise PageNotFound(f"<{iri}> is not a node of the explorer graph")
    payload = view.payload(view.neighbours(iri), _describer(catalog, vocabulary, urls))
    return JSONResponse({"ok": True, "iri": iri, **payload})


def path(
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    from_: Annotated[str, Query(alias="from", description="IRI or name of the first node", min_length=1, examples=["太湖新城"])],
    to: Annotated[str, Query(description="IRI or name of the last node", min_length=1, examples=["苏州市"])],
) -> Response:
    """A shortest path between two nodes, with the predicates along it (404 when there is none)."""
    view = _view(catalog)
    source, target = _resolve(from_, view, catalog), _resolve(to, view, catalog)
    nodes = view.path(source, target)
    if nodes is None:
        raise PageNotFound(f"no path between <{source}> and <{target}> in the explorer graph")
    describe = _describer(catalog, vocabulary, urls)
    steps = [
        {**step, "predicates": [{"iri": p, **_labels(vocabulary, p), "url": urls.page(p)} for p in step["predicates"]]}
        for step in view.steps(nodes)
    ]
    payload = view.payload(nodes, describe)
    return JSONResponse({"ok": True, "from": source, "to": target, "length": len(steps), "steps": steps, **payload})


def _view(catalog: Catalog) -> GraphView:
    if catalog.view is None:
        raise PageNotFound("the explorer graph is not built")
    return catalog.view


def _resolve(text: str, view: GraphView, catalog: Catalog) -> str:
    """An IRI in the graph, or the best-ranked named node for a search text."""
    text = text.strip()
    if text in view:
        return text
    for hit in catalog.index.search(text, exclude=HIDDEN, limit=50):
        if hit.iri in view:
            return hit.iri
    raise PageNotFound(f"no node of the explorer graph matches {text!r}")


def _class_iri(name: str) -> str:
    name = name.strip()
    if name.startswith(("http://", "https://")):
        return name
    if not name.replace("pg:", "", 1).isidentifier():
        raise BadRequest(f"not a class name: {name!r}")
    return _PG + name.removeprefix("pg:")


def _labels(vocabulary: Vocabulary, iri: str) -> dict[str, str]:
    zh, en = vocabulary.label(iri)
    return {"zh": zh, "en": en}


def _describer(catalog: Catalog, vocabulary: Vocabulary, urls: Urls) -> Any:
    def describe(iri: str) -> dict[str, Any]:
        zh, en = catalog.label(iri)
        cls = catalog.class_of(iri) or ""
        czh, cen = vocabulary.label(cls) if cls else ("", "")
        short = zh or en or iri.rsplit("/", 2)[-2] + "/" + iri.rsplit("/", 1)[-1]
        return {
            "label": short if len(short) <= 18 else short[:17] + "…",
            "zh": zh,
            "en": en,
            "url": urls.page(iri),
            "class_zh": czh,
            "class_en": cen,
        }

    return describe


def _legend(view: GraphView, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    counts = view.groups()
    return [
        {"iri": g, "local": g.removeprefix(_PG), **_labels(vocabulary, g), "color": colour, "count": counts.get(g, 0),
         "default": g in DEFAULT_GROUPS}
        for g, colour in COLOURS.items()
        if counts.get(g)
    ]  # fmt: skip


def _goals(catalog: Catalog, urls: Urls) -> list[dict[str, str]]:
    goals = [iri for iri, cls in catalog.classes.items() if cls == _GOAL]
    return [{"iri": g, "zh": catalog.label(g)[0], "en": catalog.label(g)[1], "url": urls.page(g)} for g in sorted(goals)]


router = router_for("explore", globals())
