from __future__ import annotations

from collections.abc import Iterator

import pytest

from plangraph.api import PlanGraph, open_graph


@pytest.fixture(scope="session")
def plan(paths) -> Iterator[PlanGraph]:
    """The plan graph on embedded Oxigraph, built from the committed data/triples/."""
    with open_graph(home=paths.root) as graph:
        yield graph
