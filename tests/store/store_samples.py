"""Sample data and helpers shared by the store tests (imported by conftest and the test modules)."""

from __future__ import annotations


import pytest

from plangraph.store import Store
from servers import free_port, running_oxigraph  # noqa: F401  (re-exported for the store tests)

EX = "https://example.org/plan/"
TARGETS = "https://example.org/graph/targets"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Default graph: a plan and its city (no blank nodes, so results compare across backends).
DEFAULT_TTL = f"""\
@prefix ex: <{EX}> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <{XSD}> .

ex:suzhou-2023 a ex:Plan ;
    dct:title "苏州市2023年城市总体规划"@zh , "Suzhou 2023 master plan"@en ;
    ex:year 2023 ;
    ex:area "8657.32"^^xsd:decimal ;
    ex:city ex:suzhou .
ex:suzhou ex:name "Suzhou" .
"""

#: Named graph TARGETS: targets that point at the plan in the default graph.
TARGETS_TTL = f"""\
@prefix ex: <{EX}> .
@prefix xsd: <{XSD}> .

ex:target-1 ex:of ex:suzhou-2023 ; ex:value 120 ; ex:unit "km2" ; ex:met true .
ex:target-2 ex:of ex:suzhou-2023 ; ex:value "3.5E1"^^xsd:double ; ex:note "line one\\nline \\"two\\"" .
"""

DEFAULT_TRIPLES = 7
TARGET_TRIPLES = 7

BACKENDS = ["oxigraph", "rdflib", pytest.param("remote", marks=pytest.mark.network)]


def load_sample(store: Store) -> None:
    """Load the sample dataset: DEFAULT_TTL into the default graph, TARGETS_TTL into TARGETS."""
    assert store.load(DEFAULT_TTL, format="turtle") == DEFAULT_TRIPLES
    assert store.load(TARGETS_TTL.encode(), format="ttl", graph=TARGETS) == TARGET_TRIPLES


