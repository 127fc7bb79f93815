"""Helpers for the web tests: a real uvicorn server in a thread on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from plangraph.store import IsolatedStore, Store, open_store
from plangraph.web import Settings, create_app
from plangraph.web.urls import ONTOLOGY_IRI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PLAN = HERE / "data" / "plan.ttl"
ONTOLOGY = ROOT / "ontology" / "plangraph.ttl"
ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/ontology#"
TAIHU = ID + "entity/taihu-new-town"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def has_triple(data: bytes, fmt: str, s: str, p: str, o: str) -> bool:
    """Parse RDF with the store layer's parser and ask for one triple (``o`` in N-Triples form)."""
    with open_store() as store:
        store.load(data, format=fmt)
        answer = store.query(f"ASK {{ <{s}> <{p}> {o} }}")
        return bool(getattr(answer, "value", False))


def fixture_store(*, workers: int = 2, timeout: float = 10.0, read_only: bool = True) -> IsolatedStore:
    """The test plan graph plus the ontology (in its own named graph), in worker processes."""
    return IsolatedStore([PLAN, (ONTOLOGY, ONTOLOGY_IRI)], workers=workers, timeout=timeout, read_only=read_only)


def web_settings(**overrides: object) -> Settings:
    """Settings for a test server: this checkout's queries/ and ontology/."""
    return Settings(home=ROOT, **overrides)  # type: ignore[arg-type]


class LiveServer:
    """A uvicorn server running the app in a background thread."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.app = create_app(settings, store)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._server.started:
                try:
                    if httpx.get(self.url + "/sparql", headers={"Accept": "text/turtle"}, timeout=5).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
            if not self._thread.is_alive():
                raise RuntimeError("the test server stopped during startup")
            time.sleep(0.05)
        raise RuntimeError(f"the test server did not answer on {self.url} within 60 s")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()


@contextmanager
def serving(settings: Settings, store: Store) -> Iterator[LiveServer]:
    """Run a server for the duration of the block (the store is closed afterwards)."""
    server = LiveServer(settings, store)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        store.close()
