"""RemoteStore: the HTTP requests it sends and how it maps transport and HTTP errors."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from store_samples import DEFAULT_TRIPLES, TARGET_TRIPLES, TARGETS, free_port, load_sample, running_oxigraph

from plangraph._errors import QuerySyntaxError, QueryTimeout, ReadOnly, StoreError, StoreUnavailable
from plangraph.store import IRI, AskResult, GraphResult, RemoteStore, SelectResult

BASE = "http://sparql.test"
Handler = Callable[[httpx.Request], httpx.Response]


def mock_store(handler: Handler, **kwargs: object) -> RemoteStore:
    return RemoteStore(
        f"{BASE}/query",
        update_endpoint=f"{BASE}/update",
        graph_store=f"{BASE}/store",
        transport=httpx.MockTransport(handler),
        **kwargs,  # type: ignore[arg-type]
    )


def test_query_request_follows_the_protocol() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "https://e.org/a"}}]}}
        return httpx.Response(200, json=body, headers={"Content-Type": "application/sparql-results+json"})

    with mock_store(handler, union_default_graph=True) as store:
        result = store.query("SELECT ?s WHERE { ?s ?p ?o }")
        store.query("SELECT ?s FROM <https://e.org/g> WHERE { ?s ?p ?o }")
    assert result == SelectResult(["s"], [{"s": IRI("https://e.org/a")}])
    request = seen[0]
    assert request.method == "POST" and str(request.url) == f"{BASE}/query?union-default-graph="
    assert request.headers["Content-Type"] == "application/sparql-query"
    assert "application/sparql-results+json" in request.headers["Accept"]
    assert "application/n-triples" in request.headers["Accept"]
    assert request.content == b"SELECT ?s WHERE { ?s ?p ?o }"
    assert str(seen[1].url) == f"{BASE}/query"  # FROM: the query names its own dataset


def test_answers_are_read_by_content_type() -> None:
    answers = {
        "ASK": httpx.Response(
            200, content=b'{"head":{},"boolean":true}', headers={"Content-Type": "application/sparql-results+json"}
        ),
        "CONSTRUCT": httpx.Response(
            200,
            content=b"<https://e.org/a> <https://e.org/p> <https://e.org/b> .\n",
            headers={"Content-Type": "application/n-triples"},
        ),
        "XML": httpx.Response(
            200,
            content=b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>false</boolean></sparql>',
            headers={"Content-Type": "application/sparql-results+xml; charset=utf-8"},
        ),
        "HTML": httpx.Response(200, content=b"<html/>", headers={"Content-Type": "text/html"}),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return answers[request.content.decode().split()[0]]

    with mock_store(handler) as store:
        assert store.query("ASK {}") == AskResult(True)
        assert store.query("XML {}") == AskResult(False)
        graph = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(graph, GraphResult) and graph.triples == [
            (IRI("https://e.org/a"), IRI("https://e.org/p"), IRI("https://e.org/b"))
        ]
        with pytest.raises(StoreError, match="unexpected content type 'text/html'"):
            store.query("HTML {}")


def test_load_uses_the_graph_store_protocol() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    with mock_store(handler) as store:
        data = (
            '<https://e.org/a> <https://e.org/p> "1" <https://e.org/g> .\n<https://e.org/a> <https://e.org/p> "2" .\n'
        )
        assert store.load(data, format="nquads") == 2
    assert sorted((r.method, str(r.url)) for r in seen) == [
        ("POST", f"{BASE}/store?default="),
        ("POST", f"{BASE}/store?graph=https%3A%2F%2Fe.org%2Fg"),
    ]
    assert {r.headers["Content-Type"] for r in seen} == {"application/n-triples"}


def test_malformed_data_never_reaches_the_server() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"unexpected request {request}")

    from plangraph._errors import InputError

    with mock_store(handler) as store, pytest.raises(InputError, match="<input>:2:"):
        store.load('<https://e.org/a> <https://e.org/p> "1" .\n<https://e.org/a> <https://e.org/p> .\n', format="nt")


@pytest.mark.parametrize(
    ("response", "error", "pattern"),
    [
        (
            httpx.Response(400, text="error at 2:7: expected GRAPH"),
            QuerySyntaxError,
            r"line 2, column 7: expected GRAPH \(reported by http://sparql.test/query\)",
        ),
        (httpx.Response(400, text="Parse error: bad thing"), QuerySyntaxError, "Parse error: bad thing"),
        (
            httpx.Response(500, text="boom " * 200),
            StoreError,
            r"http://sparql.test/query answered HTTP 500 Internal Server Error: boom boom .*…$",
        ),
        (httpx.Response(503, text="busy"), StoreUnavailable, "HTTP 503"),
        (httpx.Response(504, text="slow"), QueryTimeout, "HTTP 504"),
        (httpx.Response(404, text="no such endpoint"), StoreError, "HTTP 404 Not Found: no such endpoint"),
    ],
)
def test_http_errors_are_mapped(response: httpx.Response, error: type[Exception], pattern: str) -> None:
    with mock_store(lambda request: response) as store, pytest.raises(error, match=pattern):
        store.query("ASK {}")


def test_read_timeout_is_a_query_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with mock_store(handler, timeout=2) as store, pytest.raises(QueryTimeout, match="did not answer within 2 s"):
        store.query("ASK {}")


def test_answer_cut_off_by_the_server_is_a_query_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
        return httpx.Response(200, content=body, headers={"Content-Type": "application/sparql-results+json"})

    with mock_store(handler) as store, pytest.raises(QueryTimeout, match="cut the query off"):
        store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


def test_truncated_answer_is_a_store_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=b'{"head":{"vars":["n"]},"res', headers={"Content-Type": "application/sparql-results+json"}
        )

    with mock_store(handler) as store, pytest.raises(StoreError, match="unreadable"):
        store.query("SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.network
def test_server_time_limit_is_a_query_timeout(tmp_path: Path) -> None:
    """``oxigraph serve --timeout-s 1`` cancels a query after one second, inside a 200 answer."""
    with (
        running_oxigraph(tmp_path / "db", "--timeout-s", "1") as base,
        RemoteStore(f"{base}/query", graph_store=f"{base}/store", timeout=60) as store,
    ):
        store.load("\n".join(f"<https://e.org/{i}> <https://e.org/p> {i} ." for i in range(3000)), format="turtle")
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert time.monotonic() - started < 30


def test_unreachable_endpoint_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with RemoteStore(url, timeout=5) as store, pytest.raises(StoreUnavailable) as caught:
        store.query("ASK {}")
    assert url in str(caught.value)


def test_store_without_write_endpoints_is_read_only() -> None:
    with RemoteStore(f"{BASE}/query", transport=httpx.MockTransport(lambda r: httpx.Response(500))) as store:
        assert store.read_only
        with pytest.raises(ReadOnly):
            store.update("CLEAR ALL")


def test_count_parses_the_aggregate() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {
            "head": {"vars": ["n"]},
            "results": {
                "bindings": [
                    {"n": {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
                ]
            },
        }
        return httpx.Response(
            200, content=json.dumps(body).encode(), headers={"Content-Type": "application/sparql-results+json"}
        )

    with mock_store(handler) as store:
        assert store.count() == 42


@pytest.mark.network
def test_load_falls_back_to_insert_data_without_graph_store(oxigraph_server: str) -> None:
    with RemoteStore(f"{oxigraph_server}/query", update_endpoint=f"{oxigraph_server}/update") as store:
        store.clear(None)
        load_sample(store)
        assert store.count() == DEFAULT_TRIPLES + TARGET_TRIPLES
        assert store.graphs() == [TARGETS]
        store.clear(None)


@pytest.mark.network
def test_real_server_syntax_error_has_line_and_column(oxigraph_server: str) -> None:
    with RemoteStore(f"{oxigraph_server}/query") as store, pytest.raises(QuerySyntaxError, match=r"line 2, column \d+"):
        store.query("SELECT * WHERE {\n  ?s ?p }")
