"""The :class:`Store` interface, and the SPARQL checks every backend shares.

A backend subclasses :class:`Store` and implements the small set of
underscore hooks (``_query``, ``_update``, ``_insert``, ``_quads``,
``_graphs``, ``_count``, ``_clear``, ``_close``); the public methods here do
the argument checking, the read-only and closed checks, the SERVICE/LOAD
refusal and the all-or-nothing parsing of loads, so every backend keeps the
same contract.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

import pyoxigraph as ox

from plangraph._errors import QuerySyntaxError, ReadOnly, StoreError
from plangraph.store._formats import graph_format, named_node, parse_rdf, serialize_rdf
from plangraph.store._results import QueryResult
from plangraph.store._sparql import check_algebra, keyword_in_code, translate_sparql

__all__ = ["Store", "refuse_remote_access"]


class Store(abc.ABC):
    """An RDF dataset (a default graph plus named graphs) that answers SPARQL 1.1.

    Contract, the same for every backend:

    * ``query`` evaluates SELECT, ASK, CONSTRUCT and DESCRIBE with the default
      graph being the union of all graphs, so a query sees the named graphs
      without ``GRAPH``; ``GRAPH ?g {…}`` still selects named graphs, and a
      query with ``FROM``/``FROM NAMED`` gets exactly the dataset it names
      (graphs absent from the store are empty, never fetched). (A triple
      stored in several graphs may show once per graph on Oxigraph: use
      DISTINCT where that matters.) Results are plain values — :class:`IRI`,
      :class:`Literal`, :class:`BNode` inside :class:`SelectResult`,
      :class:`AskResult` or :class:`GraphResult` — never backend objects.
      Numbers are stored by value: Oxigraph gives ``"3.5E1"^^xsd:double``
      back as ``35`` while rdflib keeps the lexical form, so compare
      numeric literals with :meth:`Literal.to_python`. Prefixes must be
      declared in the query text (rdflib's built-in ones are not lent).
    * ``update`` runs SPARQL 1.1 Update; its WHERE clauses see the stored
      default graph only (name graphs with ``GRAPH``).
    * Queries and updates containing ``SERVICE``, and updates containing
      ``LOAD``, are refused with :class:`StoreError`: no store fetches URLs
      on behalf of a query text.
    * ``load`` parses the whole input first; malformed input raises
      :class:`InputError` naming the file, line and column, and nothing is
      loaded. It returns the number of statements read.
    * Writes (``update``, ``load``, ``clear``) on a read-only store raise
      :class:`ReadOnly`; a malformed query raises :class:`QuerySyntaxError`
      whose message gives line and column; any use after ``close`` raises
      :class:`StoreError`.
    * There is no query timeout in-process (pyoxigraph cannot interrupt a
      query: oxigraph issue #1926); :class:`RemoteStore` raises
      :class:`QueryTimeout` when its HTTP timeout runs out or when
      ``oxigraph serve --timeout-s`` cuts a query off.
    * Updates are atomic on Oxigraph (embedded or served); on
      :class:`MemoryStore` an update failing halfway keeps its earlier
      operations. ``load`` is all-or-nothing everywhere except a remote load
      spanning several graphs (one request per graph).
    * ``graph`` arguments are absolute IRIs. ``None`` means the default graph
      for ``load`` and the whole dataset for ``dump``, ``count`` and ``clear``.

    Example::

        from pathlib import Path
        from plangraph.store import open_store

        with open_store() as store:                      # in-memory Oxigraph
            store.load(Path("plans.ttl"), format="turtle", graph="https://example.org/g/plans")
            result = store.query("SELECT ?plan ?title WHERE { ?plan <http://purl.org/dc/terms/title> ?title }")
            for row in result.dicts():
                print(row["plan"], row["title"])
            csv_bytes = result.serialize("csv")
    """

    def __init__(self, *, read_only: bool = False) -> None:
        self._read_only = read_only
        self._closed = False

    # -- public API ---------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when writes are refused with :class:`ReadOnly`."""
        return self._read_only

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has been called."""
        return self._closed

    def query(self, sparql: str) -> QueryResult:
        """Evaluate a SPARQL query; the result type follows the query form."""
        self._check_open()
        refuse_remote_access(sparql, update=False)
        return self._query(sparql)

    def update(self, sparql: str) -> None:
        """Execute a SPARQL update (raises :class:`ReadOnly` on a read-only store)."""
        self._check_writable()
        refuse_remote_access(sparql, update=True)
        self._update(sparql)

    def load(
        self,
        data: bytes | str | Path,
        *,
        format: str,
        graph: str | None = None,
        base_iri: str | None = None,
    ) -> int:
        """Parse ``data`` (content, or a file when a :class:`Path`) and add it; return statements read.

        Triples go to ``graph`` (default graph when None); quad formats keep
        their own named graphs. All-or-nothing: on malformed input
        :class:`InputError` names the file, line and column and the store is
        unchanged.
        """
        self._check_writable()
        quads = parse_rdf(data, format=format, graph=graph, base_iri=base_iri)
        if quads:
            self._insert(quads)
        return len(quads)

    def dump(self, format: str, *, graph: str | None = None) -> bytes:
        """Serialise ``graph`` (or, when None, the whole dataset) in ``format``.

        With ``graph=None`` a quad format (nquads, trig, jsonld) keeps graph
        names, while a triple format (turtle, ntriples, rdfxml) gets the merge
        of all graphs.
        """
        self._check_open()
        fmt = graph_format(format)
        quads = self._quads(None if graph is None else named_node(graph).value)
        return serialize_rdf(quads, fmt)

    def graphs(self) -> list[str]:
        """The sorted names of the named graphs that hold at least one triple."""
        self._check_open()
        return sorted(self._graphs())

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or of quads in the whole dataset when None."""
        self._check_open()
        return self._count(None if graph is None else named_node(graph).value)

    def clear(self, graph: str | None) -> None:
        """Remove ``graph`` (a named graph IRI), or everything when None."""
        self._check_writable()
        self._clear(None if graph is None else named_node(graph).value)

    def close(self) -> None:
        """Release the backend; further calls raise :class:`StoreError`. Idempotent."""
        if not self._closed:
            self._closed = True
            self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- backend hooks ------------------------------------------------------

    @abc.abstractmethod
    def _query(self, sparql: str) -> QueryResult:
        """Evaluate a query already checked for SERVICE."""

    @abc.abstractmethod
    def _update(self, sparql: str) -> None:
        """Execute an update already checked for SERVICE and LOAD."""

    @abc.abstractmethod
    def _insert(self, quads: list[ox.Quad]) -> None:
        """Add fully parsed quads, atomically where the backend can."""

    @abc.abstractmethod
    def _quads(self, graph: str | None) -> Iterable[ox.Quad]:
        """The quads of ``graph``, or of the whole dataset when None."""

    @abc.abstractmethod
    def _graphs(self) -> Iterable[str]:
        """Names of the non-empty named graphs."""

    @abc.abstractmethod
    def _count(self, graph: str | None) -> int:
        """Triples in ``graph``, or quads in the dataset when None."""

    @abc.abstractmethod
    def _clear(self, graph: str | None) -> None:
        """Drop ``graph``, or everything when None."""

    def _close(self) -> None:
        """Release resources (no-op by default)."""

    # -- helpers --------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{type(self).__name__} is closed")

    def _check_writable(self) -> None:
        self._check_open()
        if self._read_only:
            raise ReadOnly(f"{type(self).__name__} was opened read-only")


def refuse_remote_access(sparql: str, *, update: bool) -> None:
    """Raise StoreError when a query (or update) holds SERVICE (or LOAD).

    Fast path: after undoing ``\\uXXXX`` escapes (which SPARQL applies before
    parsing) and blanking strings, IRIs and comments, a text that has no
    ``SERVICE``/``LOAD`` token at all is accepted without parsing. Otherwise
    the text is parsed with rdflib and its algebra walked, so a keyword inside
    a prefixed name or a string is not a false alarm; if rdflib cannot parse
    such a text, it is refused, to be safe.
    """
    keyword = keyword_in_code(sparql, update=update)
    if keyword is None:
        return
    try:
        parsed = translate_sparql(sparql, update=update)
    except QuerySyntaxError as exc:
        raise StoreError(
            f"{keyword} is not allowed (the text mentions {keyword} and could not be checked: {exc})"
        ) from exc
    check_algebra(parsed)
