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
from .rdf.iri import graph_iri
from .store import AskResult, GraphResult, SelectResult, Store, open_store

__all__ = ["ONTOLOGY_GRAPH", "PlanGraph", "data_graph", "load_plan", "open_graph", "plan_graphs"]

#: Named graph the ontology is loaded into, so that counts and exports can leave it out.
ONTOLOGY_GRAPH = str(graph_iri("ontology"))
_GRAPH_BASE = str(graph_iri("x"))[:-1]


def data_graph(stem: str) -> str:
    """The named graph of ``data/triples/<stem>.ttl``: one per report (``graph/suzhou-2023-plan-report``), plus ``graph/entities``."""
    try:
        return str(graph_iri(stem))
    except ValueError as error:
        raise InputError(f"data/triples/{stem}.ttl: {error}") from error


def plan_graphs(paths: ProjectPaths, store: Store | None = None) -> list[str]:
    """The named graphs of the built data files, sorted; with ``store``, only those it holds."""
    names = [data_graph(file.stem) for file in sorted(paths.triples.glob("*.ttl"))]
    if store is None:
        return names
    present = set(store.graphs())
    return [name for name in names if name in present]


def load_plan(store: Store, paths: ProjectPaths) -> int:
    """Load each data/triples/<stem>.ttl into its own named graph and the ontology into its graph.

    Graph names directly under ``graph/`` belong to the data files: those of
    files no longer there are cleared too (linked datasets live deeper, under
    ``graph/links/`` and ``graph/observations/``, and are left alone).
    """
    files = sorted(paths.triples.glob("*.ttl"))
    if not files:
        raise InputError(f"{paths.triples}: no built triples; run `plangraph build` first")
    wanted = {data_graph(file.stem) for file in files}
    for name in store.graphs():
        local = name[len(_GRAPH_BASE) :] if name.startswith(_GRAPH_BASE) else None
        if local is not None and "/" not in local and name not in wanted:
            store.clear(name)
    for name in sorted(wanted | {ONTOLOGY_GRAPH}):
        store.clear(name)
    loaded = 0
    for file in files:
        loaded += store.load(file, format="turtle", graph=data_graph(file.stem))
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
        load = not remote and not plan_graphs(paths, store)
    if load:
        load_plan(store, paths)
    return PlanGraph(store, paths)
