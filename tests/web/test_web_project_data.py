"""The service over the project's own data (data/triples + ontology), as `plangraph serve` runs it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from web_support import ROOT, LiveServer, serving

from plangraph.web import Settings, open_served_store

pytestmark = pytest.mark.network


@pytest.fixture(scope="module")
def project() -> Iterator[LiveServer]:
    settings = Settings(home=ROOT)
    if not settings.data_files:
        pytest.fail("data/triples/*.ttl is missing: run `plangraph build`")
    with serving(settings, open_served_store(settings)) as live:
        yield live


def test_every_named_query_runs_on_the_project_data(project: LiveServer) -> None:
    with httpx.Client(base_url=project.url, timeout=60) as client:
        names = [q["name"] for q in client.get("/queries.json").json()["queries"]]
        assert names
        for name in names:
            response = client.get(f"/queries/{name}.json")
            assert response.status_code == 200, (name, response.text)
            page = client.get(f"/queries/{name}", headers={"Accept": "text/html"})
            assert page.status_code == 200, name


def test_pages_of_the_project_data(project: LiveServer) -> None:
    with httpx.Client(base_url=project.url, timeout=60) as client:
        goals = client.get("/search", params={"q": "StrategicGoal", "format": "json"}).json()
        assert goals["ok"]
        task = client.get("/id/suzhou/2023/task/13", headers={"Accept": "text/html"})
        assert task.status_code == 200 and "高标准开展城市规划建设" in task.text
        hits = client.get("/search", params={"q": "gao biao zhun kai zhan cheng shi gui hua jian she", "format": "json"}).json()["hits"]
        assert hits and hits[0]["iri"].endswith("/suzhou/2023/task/13")
        assert client.get("/explore/graph").json()["nodes"]
        assert client.get("/dataset", headers={"Accept": "text/turtle"}).status_code == 200
