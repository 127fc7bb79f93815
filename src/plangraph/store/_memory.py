"""MemoryStore: a pure-Python store on an rdflib Dataset, for tests and small data.

rdflib's SPARQL engine would reach the network on behalf of a query text in
three ways; each is shut off here:

* ``SERVICE`` clauses — refused (the parsed algebra is walked, see
  :func:`check_algebra`);
* ``LOAD`` updates — refused the same way;
* ``FROM`` / ``FROM NAMED`` / ``USING`` naming a graph — rdflib would fetch
  the IRI (``rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS``); while this store
  evaluates, that switch is held off (under a module lock, then restored), so
  such clauses only read graphs already in the dataset, as Oxigraph does.

Parsing of RDF input is done by pyoxigraph (see ``_formats``) so a malformed
file gets the same error, with line and column, from every backend.

Updates are not atomic here: an update failing halfway leaves the operations
before the failure applied (Oxigraph and remote Oxigraph are atomic).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox
import rdflib
import rdflib.plugins.sparql as rdflib_sparql
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from plangraph._errors import PlangraphError, QuerySyntaxError, StoreError
from plangraph.store._base import Store
from plangraph.store._results import (
    IRI,
    AskResult,
    BNode,
    GraphResult,
    Literal,
    QueryResult,
    SelectResult,
    Term,
)
from plangraph.store._sparql import check_algebra, syntax_error, translate_sparql

__all__ = ["MemoryStore"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCK = threading.RLock()  # one lock for every MemoryStore: rdflib's switches are module globals

_RdflibNode = rdflib.URIRef | rdflib.BNode | rdflib.Literal


class MemoryStore(Store):
    """An in-memory store backed by rdflib; no files, no native code in queries.

    >>> store = MemoryStore()
    >>> store.load('<https://e.org/a> <https://e.org/p> "x" .', format="nt")
    1
    >>> store.query("ASK { ?s ?p 'x' }").value
    True
    """

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__(read_only=read_only)
        self._dataset = rdflib.Dataset(default_union=True)

    def _query(self, sparql: str) -> QueryResult:
        parsed = translate_sparql(sparql, update=False)
        check_algebra(parsed)
        with _rdflib():
            try:
                return _convert(self._dataset.query(parsed))
            except PlangraphError:
                raise
            except Exception as exc:  # rdflib signals evaluation errors with many types
                raise StoreError(f"rdflib could not evaluate the query: {exc}") from exc

    def _update(self, sparql: str) -> None:
        try:
            parsed = translate_sparql(sparql, update=True)
        except QuerySyntaxError as exc:
            raise _locate_update_error(sparql) or exc from exc
        check_algebra(parsed)
        with _rdflib():
            self._dataset.default_union = False  # updates match the stored default graph, as on Oxigraph
            try:
                self._dataset.update(parsed)
            except PlangraphError:
                raise
            except Exception as exc:
                raise StoreError(f"rdflib could not apply the update: {exc}") from exc
            finally:
                self._dataset.default_union = True

    def _insert(self, quads: list[ox.Quad]) -> None:
        with _rdflib():
            graphs: dict[str | None, rdflib.Graph] = {}
            batch = []
            for quad in quads:
                name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
                if name not in graphs:
                    graphs[name] = self._graph(name, create=True)
                batch.append(
                    (_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object), graphs[name])
                )
            self._dataset.addN(batch)

    def _quads(self, graph: str | None) -> Iterable[ox.Quad]:
        with _rdflib():
            context = None if graph is None else self._graph(graph)
            out = []
            for s, p, o, g in self._dataset.quads((None, None, None, context)):
                name = ox.DefaultGraph() if g in (None, DATASET_DEFAULT_GRAPH_ID) else ox.NamedNode(str(g))
                out.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), name))  # type: ignore[arg-type]
            return out

    def _graphs(self) -> Iterable[str]:
        with _rdflib():
            return [
                str(g.identifier)
                for g in self._dataset.graphs()
                if isinstance(g.identifier, rdflib.URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
            ]

    def _count(self, graph: str | None) -> int:
        with _rdflib():
            if graph is None:
                return sum(len(g) for g in self._dataset.graphs())
            return len(self._graph(graph))

    def _clear(self, graph: str | None) -> None:
        with _rdflib():
            if graph is None:
                self._dataset = rdflib.Dataset(default_union=True)
            else:
                self._dataset.remove_graph(rdflib.URIRef(graph))

    def _close(self) -> None:
        self._dataset = rdflib.Dataset(default_union=True)

    def _graph(self, name: str | None, *, create: bool = False) -> rdflib.Graph:
        if name is None:
            return self._dataset.default_graph  # type: ignore[no-any-return]
        if create:
            return self._dataset.graph(rdflib.URIRef(name))
        return self._dataset.get_context(rdflib.URIRef(name))


def _locate_update_error(sparql: str) -> QuerySyntaxError | None:
    """Oxigraph's diagnosis of a malformed update, or None if Oxigraph accepts it.

    rdflib's update grammar reports most errors at line 1, column 1; Oxigraph
    names the real position. The text is tried on a fresh, empty in-memory
    Oxigraph store, which is safe: ``Store.update`` has already refused any
    text mentioning SERVICE or LOAD, the only ways an update reaches out.
    """
    try:
        ox.Store().update(sparql)
    except SyntaxError as exc:
        return syntax_error(str(exc))
    except (OSError, ValueError, RuntimeError):
        return None
    return None


@contextmanager
def _rdflib() -> Iterator[None]:
    """Serialise access to rdflib and adjust its process-wide switches for the duration.

    * ``SPARQL_LOAD_GRAPHS`` off: FROM/USING read graphs from the dataset and
      never fetch their IRIs;
    * rdflib 7.6 deprecates ``Dataset.default_context``/``contexts``/``identifier``
      yet its own SPARQL engine still calls them (GRAPH patterns, updates,
      FROM): those DeprecationWarnings are not the caller's to act on, so
      they are silenced here.
    """
    with _LOCK, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning)
        previous = rdflib_sparql.SPARQL_LOAD_GRAPHS
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        try:
            yield
        finally:
            rdflib_sparql.SPARQL_LOAD_GRAPHS = previous


def _convert(result: Any) -> QueryResult:
    if result.type == "ASK":
        return AskResult(bool(result.askAnswer))
    if result.type == "SELECT":
        names = [str(v) for v in result.vars]
        rows = [{name: _from_rdflib(row[i]) for i, name in enumerate(names)} for row in result]
        return SelectResult(names, rows)
    return GraphResult([(_term(s), _term(p), _term(o)) for s, p, o in result.graph])


def _from_rdflib(node: object) -> Term | None:
    return None if node is None else _term(node)


def _term(node: object) -> Term:
    if isinstance(node, rdflib.URIRef):
        return IRI(str(node))
    if isinstance(node, rdflib.BNode):
        return BNode(str(node))
    if isinstance(node, rdflib.Literal):
        datatype = None if node.datatype is None else str(node.datatype)
        return Literal(str(node), datatype, node.language)
    raise StoreError(f"unsupported RDF term in result: {node!r}")


def _to_rdflib(term: object) -> _RdflibNode:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language is not None:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype), normalize=False)  # keep the lexical form
    raise StoreError(f"MemoryStore cannot hold the RDF term {term!r}")


def _to_ox(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype is not None else None
        return ox.Literal(str(node), datatype=datatype)
    raise StoreError(f"unsupported RDF term in dataset: {node!r}")
