"""A runaway query is cut off with 503 while the server keeps answering other clients."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from web_support import RUNAWAY, TAIHU

pytestmark = pytest.mark.network


def test_runaway_query_is_cut_off_while_others_are_answered(make_server) -> None:
    live = make_server(query_timeout=1.5, workers=2)
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(live.url + "/sparql", params={"query": RUNAWAY}, timeout=30)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    simple = f"ASK {{ <{TAIHU}> ?p ?o }}"
    answered: list[float] = []
    with httpx.Client(base_url=live.url, timeout=30) as client:
        while thread.is_alive():
            started = time.monotonic()
            response = client.get("/sparql", params={"query": simple})
            answered.append(time.monotonic() - started)
            assert response.status_code == 200 and response.json()["boolean"] is True
            assert client.get("/search", params={"q": "taihu", "format": "json"}).status_code == 200
        thread.join()
        response = outcome["response"]
        assert isinstance(response, httpx.Response)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/plain")
        assert "time limit" in response.text and "1.5" in response.text
        assert 1.4 <= float(outcome["seconds"]) < 8  # type: ignore[arg-type]
        assert len(answered) >= 3 and max(answered) < 1.0
        # the worker was replaced: the service is whole again
        for _ in range(6):
            assert client.get("/sparql", params={"query": simple}).json()["boolean"] is True
