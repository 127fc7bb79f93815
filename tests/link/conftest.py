"""Fixtures for the linking tests: the committed plan graph, its matcher and reconciler (built once)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from plangraph.api import PlanGraph, open_graph
from plangraph.link import Matcher, Reconciler, read_targets, read_types


@pytest.fixture(scope="session")
def plan(paths) -> Iterator[PlanGraph]:
    """The plan graph on in-memory Oxigraph, from the committed data/triples/."""
    with open_graph(home=paths.root) as graph:
        yield graph


@pytest.fixture(scope="session")
def matcher(plan: PlanGraph) -> Matcher:
    targets = read_targets(plan.store)
    types = read_types(plan.store, targets)
    return Matcher(targets, broader={t.iri: t.broader for t in types})


@pytest.fixture(scope="session")
def reconciler(plan: PlanGraph) -> Reconciler:
    return Reconciler.from_store(plan.store)
