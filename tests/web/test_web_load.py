"""A bounded load test: 20 concurrent clients, 100 queries each, no errors."""

from __future__ import annotations

import threading

import httpx
import pytest
from web_support import TAIHU

pytestmark = pytest.mark.network

CLIENTS = 20
QUERIES = 100
QUERY_MIX = [
    ("/sparql", {"query": f"SELECT ?p ?o WHERE {{ <{TAIHU}> ?p ?o }}"}, "application/sparql-results+json"),
    ("/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, "text/csv"),
    ("/sparql", {"query": f"ASK {{ <{TAIHU}> ?p ?o }}"}, "application/sparql-results+xml"),
    ("/sparql", {"query": f"CONSTRUCT WHERE {{ <{TAIHU}> ?p ?o }}"}, "text/turtle"),
    ("/queries/label-search.json", {"q": "太湖"}, "application/json"),
]


def test_concurrent_clients(server) -> None:
    failures: list[str] = []
    done = [0]
    lock = threading.Lock()

    def client(number: int) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            for i in range(QUERIES):
                path, params, accept = QUERY_MIX[(number + i) % len(QUERY_MIX)]
                try:
                    response = http.get(path, params=params, headers={"Accept": accept})
                    if response.status_code != 200 or not response.content:
                        failures.append(f"{path} {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as exc:
                    failures.append(f"{path} {exc!r}")
                with lock:
                    done[0] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "clients still waiting after 120 s"
    assert failures == []
    assert done[0] == CLIENTS * QUERIES
