"""RemoteStore: a SPARQL 1.1 Protocol / Graph Store Protocol client over httpx.

* Queries: ``POST endpoint`` with ``Content-Type: application/sparql-query``;
  the answer is read by its ``Content-Type`` (SPARQL JSON/XML/TSV results, or
  N-Triples/Turtle/… for CONSTRUCT and DESCRIBE).
* Updates: ``POST update_endpoint`` with ``application/sparql-update``.
* Loads: parsed and checked locally first (so malformed input never reaches
  the server), then sent graph by graph as N-Triples with the Graph Store
  Protocol (``POST graph_store?graph=IRI`` or ``?default``); without a
  ``graph_store`` they are sent as ``INSERT DATA`` to the update endpoint. A
  load that spans several graphs is one request per graph, so it is not
  atomic across graphs, and a blank node shared between graphs is split.
* ``count``, ``graphs`` and ``dump`` are SELECT queries, so they need only
  the query endpoint. They assume the server's default graph is the stored
  default graph: do not start ``oxigraph serve`` with
  ``--union-default-graph``; pass ``union_default_graph=True`` here instead,
  which sends Oxigraph's ``union-default-graph`` parameter with user queries.

Errors: a connection failure raises :class:`StoreUnavailable` naming the URL;
the HTTP timeout while waiting for an answer, HTTP 408/504, or an answer cut
off by ``oxigraph serve --timeout-s`` raise :class:`QueryTimeout`;
HTTP 400 on a query or update raises :class:`QuerySyntaxError` carrying the
server's message; any other non-2xx raises :class:`StoreError` with the
status and the start of the body.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import httpx
import pyoxigraph as ox

from plangraph._errors import InputError, QueryTimeout, ReadOnly, StoreError, StoreUnavailable
from plangraph.store._base import Store
from plangraph.store._formats import GRAPH_FORMATS, RESULT_FORMATS
from plangraph.store._results import (
    IRI,
    GraphResult,
    Literal,
    QueryResult,
    SelectResult,
    Term,
    from_ox,
    from_ox_result,
    to_ox,
)
from plangraph.store._sparql import has_dataset_clause, syntax_error

__all__ = ["RemoteStore"]

_ACCEPT: Final = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.8, application/n-triples, text/turtle;q=0.9"
)
_EXCERPT: Final = 300
#: ``oxigraph serve --timeout-s`` has already sent "200 OK" when it gives up, so it ends the body with this.
_CANCELLED: Final = b"The SPARQL operation has been cancelled"
_ALL_QUADS: Final = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


class RemoteStore(Store):
    """A store behind SPARQL 1.1 HTTP endpoints (for ``oxigraph serve``: /query, /update, /store).

    Without ``update_endpoint`` and ``graph_store`` the store is read-only.
    ``transport`` replaces httpx's network transport (e.g. ``httpx.MockTransport``
    in tests). ``timeout`` (seconds) bounds each request.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        timeout: float = 30,
        transport: httpx.BaseTransport | None = None,
        union_default_graph: bool = False,
        read_only: bool = False,
    ) -> None:
        for url in (endpoint, update_endpoint, graph_store):
            if url is not None and not url.startswith(("http://", "https://")):
                raise InputError(f"not an http(s) URL: {url!r}")
        super().__init__(read_only=read_only or (update_endpoint is None and graph_store is None))
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.graph_store = graph_store
        self.timeout = timeout
        self._union = union_default_graph
        self._client = httpx.Client(transport=transport, timeout=timeout, headers={"User-Agent": "plangraph"})

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, read_only={self.read_only})"

    # -- hooks ----------------------------------------------------------------

    def _query(self, sparql: str) -> QueryResult:
        union = self._union and not has_dataset_clause(sparql)
        params = {"union-default-graph": ""} if union else None
        return self._post_query(sparql, params)

    def _update(self, sparql: str) -> None:
        if self.update_endpoint is None:
            raise ReadOnly(f"no update endpoint configured for {self.endpoint}")
        self._send(
            "POST",
            self.update_endpoint,
            syntax=True,
            content=sparql.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )

    def _insert(self, quads: list[ox.Quad]) -> None:
        by_graph: dict[str | None, list[ox.Triple]] = {}
        for quad in quads:
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            by_graph.setdefault(name, []).append(quad.triple)
        for name, triples in by_graph.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            if self.graph_store is not None:
                self._send(
                    "POST",
                    self.graph_store,
                    params={"default": ""} if name is None else {"graph": name},
                    content=body,
                    headers={"Content-Type": GRAPH_FORMATS["ntriples"]},
                )
            else:
                data = body.decode()
                self._update(
                    f"INSERT DATA {{ {data} }}" if name is None else f"INSERT DATA {{ GRAPH <{name}> {{ {data} }} }}"
                )

    def _quads(self, graph: str | None) -> Iterable[ox.Quad]:
        if graph is None:
            rows = self._select(_ALL_QUADS).rows
        else:
            rows = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
        quads = []
        for row in rows:
            g = row.get("g") if graph is None else IRI(graph)
            name = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
            quads.append(ox.Quad(_ox(row["s"]), _ox(row["p"]), _ox(row["o"]), name))  # type: ignore[arg-type]
        return quads

    def _graphs(self) -> Iterable[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return [row["g"].value for row in rows if isinstance(row["g"], IRI)]

    def _count(self, graph: str | None) -> int:
        pattern = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}").rows
        value = rows[0].get("n") if rows else None
        if not isinstance(value, Literal) or not isinstance(number := value.to_python(), int):
            raise StoreError(f"{self.endpoint}: COUNT answered {value!r}")
        return number

    def _clear(self, graph: str | None) -> None:
        self._update("DROP SILENT ALL" if graph is None else f"DROP SILENT GRAPH <{graph}>")

    def _close(self) -> None:
        self._client.close()

    # -- HTTP -----------------------------------------------------------------

    def _select(self, sparql: str) -> SelectResult:
        result = self._post_query(sparql, None)
        if not isinstance(result, SelectResult):
            raise StoreError(f"{self.endpoint}: expected SELECT results, got {type(result).__name__}")
        return result

    def _post_query(self, sparql: str, params: dict[str, str] | None) -> QueryResult:
        response = self._send(
            "POST",
            self.endpoint,
            syntax=True,
            params=params,
            content=sparql.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": _ACCEPT},
        )
        return _parse_answer(self.endpoint, response)

    def _send(
        self,
        method: str,
        url: str,
        *,
        syntax: bool = False,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send one request and map transport failures and error statuses to store errors."""
        try:
            response = self._client.request(method, url, params=params, content=content, headers=headers)
        except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise StoreUnavailable(f"{url} is unreachable: {type(exc).__name__}: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise QueryTimeout(f"{url} did not answer within {self.timeout} s") from exc
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"{url} is unreachable: {type(exc).__name__}: {exc}") from exc
        if response.is_success:
            return response
        body = response.text.strip()
        status = response.status_code
        if status == 400 and syntax:
            raise syntax_error(body, source=url)
        excerpt = body if len(body) <= _EXCERPT else body[:_EXCERPT] + "…"
        message = f"{url} answered HTTP {status} {response.reason_phrase}: {excerpt}"
        if status in (408, 504):
            raise QueryTimeout(message)
        if status in (502, 503):
            raise StoreUnavailable(message)
        raise StoreError(message)


def _parse_answer(url: str, response: httpx.Response) -> QueryResult:
    """Read a query answer according to its Content-Type."""
    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    try:
        if media in RESULT_FORMATS.values():
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is not None:
                return from_ox_result(ox.parse_query_results(response.content, results_format))
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if rdf_format is not None:
            quads = ox.parse(response.content, format=rdf_format)
            return GraphResult([(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads])
    except (SyntaxError, ValueError) as exc:
        if _CANCELLED in response.content[-200:]:
            raise QueryTimeout(f"{url} cut the query off at its time limit") from exc
        raise StoreError(f"{url} sent an unreadable {media} answer: {exc}") from exc
    raise StoreError(f"{url} answered with an unexpected content type {media or '(none)'!r}")


def _ox(term: Term | None) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term is None:
        raise StoreError("the server sent a quad with an unbound term")
    return to_ox(term)
