"""The named queries give the same rows on a real `oxigraph serve` as on the embedded store."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from servers import running_oxigraph

from plangraph.api import PlanGraph, open_graph
from plangraph.queries import load_queries

pytestmark = pytest.mark.network


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory, paths) -> Iterator[PlanGraph]:
    with running_oxigraph(tmp_path_factory.mktemp("endpoint")) as base:
        endpoint = f"{base}/query"
        env = {**os.environ, "PLANGRAPH_HOME": str(paths.root)}
        published = subprocess.run(
            [sys.executable, "-m", "plangraph", "publish", "--endpoint", endpoint],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert published.returncode == 0, published.stderr
        assert "published" in published.stdout
        with open_graph(endpoint, home=paths.root) as graph:
            yield graph


def _normalise(value: object) -> str:
    """GROUP_CONCAT leaves the order of the parts to the engine: compare them as sorted lists."""
    if isinstance(value, str):
        for separator in ("、", ","):
            if separator in value:
                return separator.join(sorted(value.split(separator)))
    return repr(value)


def _rows(graph: PlanGraph, name: str) -> list[tuple]:
    return sorted(tuple(sorted((k, _normalise(v)) for k, v in row.items())) for row in graph.run(name))


@pytest.mark.parametrize("name", sorted(load_queries(__import__("plangraph._paths", fromlist=["x"]).project_paths().queries)))
def test_named_query_gives_the_same_rows_remotely(name: str, plan: PlanGraph, remote: PlanGraph) -> None:
    embedded = _rows(plan, name)
    assert embedded, f"{name} returns no rows on the embedded store"
    assert _rows(remote, name) == embedded


def test_cli_query_against_the_endpoint(remote: PlanGraph, paths) -> None:
    endpoint = remote.store.endpoint if hasattr(remote.store, "endpoint") else None
    assert endpoint
    result = subprocess.run(
        [sys.executable, "-m", "plangraph", "query", "missed-targets-2022", "--endpoint", endpoint, "--format", "csv"],
        capture_output=True, text=True, env={**os.environ, "PLANGRAPH_HOME": str(paths.root)}, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 6  # header + 5 missed targets
    assert "全员劳动生产率" in result.stdout


def test_unreachable_endpoint_names_the_url(paths) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "plangraph", "query", "outcome-status", "--endpoint", "http://127.0.0.1:9/query"],
        capture_output=True, text=True, env={**os.environ, "PLANGRAPH_HOME": str(paths.root)}, timeout=120,
    )
    assert result.returncode == 1
    assert "http://127.0.0.1:9/query" in result.stderr and "unreachable" in result.stderr
