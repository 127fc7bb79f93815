"""Fixtures for the store tests: a real ``oxigraph serve`` and one store per backend."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from store_samples import BACKENDS, load_sample, running_oxigraph

from plangraph.store import MemoryStore, OxigraphStore, RemoteStore, Store


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``oxigraph serve`` on a free loopback port, for the whole session."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-server")) as base:
        yield base


def make_store(kind: str, request: pytest.FixtureRequest) -> Store:
    """A new, empty store of the given backend kind."""
    if kind == "oxigraph":
        return OxigraphStore()
    if kind == "rdflib":
        return MemoryStore()
    base = request.getfixturevalue("oxigraph_server")
    store = RemoteStore(
        f"{base}/query",
        update_endpoint=f"{base}/update",
        graph_store=f"{base}/store",
        union_default_graph=True,
        timeout=30,
    )
    store.clear(None)
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store, once per backend."""
    st = make_store(request.param, request)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def sample(store: Store) -> Store:
    """The store, loaded with the sample dataset."""
    load_sample(store)
    return store


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _record(self) -> None:
        self.server.hits.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.end_headers()
        self.wfile.write(b"<https://example.org/fetched> <https://example.org/p> <https://example.org/o> .\n")

    do_GET = do_POST = _record

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def honeypot() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request: (base URL, hits)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
