"""Fixtures for the network tests: the hand-made sample in every embedded store backend."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from network_samples import SAMPLE

from plangraph.network import project
from plangraph.store import Store, open_store


@pytest.fixture(params=["memory", "rdflib"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The sample graph in an embedded Oxigraph store and in an rdflib store."""
    with open_store(request.param) as opened:
        opened.load(SAMPLE, format="turtle")
        yield opened


@pytest.fixture
def oxigraph_store() -> Iterator[Store]:
    """The sample graph in an embedded Oxigraph store only (for tests that need one backend)."""
    with open_store() as opened:
        opened.load(SAMPLE, format="turtle")
        yield opened


@pytest.fixture
def plan(oxigraph_store: Store) -> nx.Graph:
    """The plan view of the sample."""
    return project(oxigraph_store, "plan")
