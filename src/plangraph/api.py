"""The notebook API: open the plan graph on any backend and run a named query in one line.

>>> import plangraph
>>> graph = plangraph.open_graph()                      # embedded Oxigraph with data/triples/
>>> rows = graph.run("missed-targets-2022")             # list of dicts
>>> frame = graph.frame("task-commitments", task=8)     # pandas DataFrame, when pandas is installed
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._errors import InputError, PlangraphError
from ._paths import ProjectPaths, project_paths
from .queries import NamedQuery, find_query, load_queries
from .store import AskResult, GraphResult, SelectResult, Store, open_store

__all__ = ["PLAN_GRAPH", "ONTOLOGY_GRAPH", "PlanGraph", "load_plan", "open_graph"]

#: Named graphs the plan data and the ontology are loaded into, so other datasets can sit beside them.
PLAN_GRAPH = "https://w3id.org/plangraph/id/graph/plan"
ONTOLOGY_GRAPH = "https://w3id.org/plangraph/id/graph/ontology"


def load_plan(store: Store, paths: ProjectPaths) -> int:
    """Load data/triples/*.ttl and the ontology into their named graphs, replacing what was there."""
    files = sorted(paths.triples.glob("*.ttl"))
    if not files:
        raise InputError(f"{paths.triples}: no built triples; run `plangraph build` first")
    store.clear(PLAN_GRAPH)
    store.clear(ONTOLOGY_GRAPH)
    loaded = 0
    for file in files:
        loaded += store.load(file, format="turtle", graph=PLAN_GRAPH)
    loaded += store.load(paths.ontology / "plangraph.ttl", format="turtle", graph=ONTOLOGY_GRAPH)
    return loaded


class PlanGraph:
    """A store holding the plan graph, with the named queries of ``queries/``."""

    def __init__(self, store: Store, paths: ProjectPaths) -> None:
        self.store = store
        self.paths = paths
        self._queries: dict[str, NamedQuery] | None = None

    @property
    def queries(self) -> dict[str, NamedQuery]:
        if self._queries is None:
            self._queries = load_queries(self.paths.queries)
        return self._queries

    def sparql(self, name_or_text: str, **params: Any) -> str:
        """The SPARQL text of a named query (parameters filled in), or ``name_or_text`` itself."""
        stripped = name_or_text.strip()
        if "\n" in stripped or " " in stripped or "{" in stripped:
            if params:
                raise InputError("parameters apply to named queries only")
            return name_or_text
        return find_query(self.queries, stripped).render({k: str(v) for k, v in params.items()})

    def query(self, name_or_text: str, **params: Any) -> SelectResult | AskResult | GraphResult:
        return self.store.query(self.sparql(name_or_text, **params))

    def run(self, name_or_text: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of a SELECT as dicts of plain Python values."""
        result = self.query(name_or_text, **params)
        if not isinstance(result, SelectResult):
            raise PlangraphError("run() needs a SELECT query; use query() for ASK, CONSTRUCT and DESCRIBE")
        return result.dicts()

    def frame(self, name_or_text: str, **params: Any) -> Any:
        """Rows of a SELECT as a pandas DataFrame."""
        try:
            import pandas
        except ImportError:
            raise PlangraphError("frame() needs pandas: pip install pandas") from None
        result = self.query(name_or_text, **params)
        if not isinstance(result, SelectResult):
            raise PlangraphError("frame() needs a SELECT query")
        return pandas.DataFrame(result.dicts(), columns=result.variables)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> PlanGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_graph(backend: str | Path | None = None, *, home: str | Path | None = None, load: bool | None = None) -> PlanGraph:
    """Open the plan graph.

    ``backend`` is what :func:`plangraph.store.open_store` accepts: None for embedded
    Oxigraph in memory, ``"rdflib"``, a directory for on-disk Oxigraph, or an endpoint
    URL. The plan data is loaded into in-memory stores, and into an on-disk store that
    lacks it; a remote endpoint is used as it is (``plangraph publish`` fills it).
    """
    paths = project_paths(home)
    store = open_store(backend)
    if load is None:
        remote = isinstance(backend, str) and backend.startswith(("http://", "https://"))
        load = not remote and PLAN_GRAPH not in store.graphs()
    if load:
        load_plan(store, paths)
    return PlanGraph(store, paths)
