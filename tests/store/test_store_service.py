"""No store makes a request on behalf of a query text: SERVICE and LOAD are refused, FROM/USING never fetch."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plangraph._errors import StoreError
from plangraph.store import AskResult, SelectResult, Store
from plangraph.store._base import refuse_remote_access
from plangraph.store._sparql import has_dataset_clause


def test_pyoxigraph_itself_would_call_a_service(honeypot: tuple[str, list[str]]) -> None:
    """Why the guard exists: pyoxigraph 0.5 evaluates SERVICE with its own HTTP client."""
    url, hits = honeypot
    with pytest.raises((OSError, RuntimeError)):  # the honeypot's answer is not SPARQL results
        solutions = ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}")
        assert isinstance(solutions, ox.QuerySolutions)
        list(solutions)
    assert hits == ["POST /sparql"]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ service silent <{url}/sparql> {{ ?s ?q ?r }} }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
        "SELECT * WHERE {{ SERVI\\u0043E <{url}/sparql> {{ ?s ?p ?o }} }}",
        "ASK {{ SERVICE <{url}/sparql> {{ }} }}",
    ],
)
def test_service_in_a_query_is_refused(store: Store, honeypot: tuple[str, list[str]], template: str) -> None:
    url, hits = honeypot
    with pytest.raises(StoreError, match="SERVICE is not allowed"):
        store.query(template.format(url=url))
    assert hits == []


@pytest.mark.parametrize(
    ("template", "keyword"),
    [
        ("INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
        ("LOAD <{url}/data.nt>", "LOAD"),
        ("LOAD SILENT <{url}/data.nt> INTO GRAPH <https://e.org/g>", "LOAD"),
        ("CLEAR ALL ; load <{url}/data.nt>", "LOAD"),
    ],
)
def test_service_and_load_in_an_update_are_refused(
    store: Store, honeypot: tuple[str, list[str]], template: str, keyword: str
) -> None:
    url, hits = honeypot
    with pytest.raises(StoreError, match=f"{keyword} is not allowed"):
        store.update(template.format(url=url))
    assert hits == []
    assert store.count() == 0


def test_from_and_using_read_the_store_and_never_fetch(store: Store, honeypot: tuple[str, list[str]]) -> None:
    url, hits = honeypot
    result = store.query(f"SELECT * FROM <{url}/a.nt> FROM NAMED <{url}/b.nt> WHERE {{ ?s ?p ?o }}")
    assert isinstance(result, SelectResult) and result.rows == []
    store.update(f"INSERT {{ ?s ?p ?o }} USING <{url}/c.nt> WHERE {{ ?s ?p ?o }}")
    assert store.count() == 0
    assert hits == []


@pytest.mark.parametrize(
    "sparql",
    [
        "PREFIX service: <https://e.org/> SELECT * WHERE { ?s service:load ?o }",
        "SELECT ?service WHERE { ?service ?p 'SERVICE <http://x/> {}' } # SERVICE <http://x/> {}",
        "SELECT * WHERE { <https://e.org/SERVICE> ?p ?o }",
    ],
)
def test_keyword_outside_code_is_not_a_false_alarm(store: Store, sparql: str) -> None:
    result = store.query(sparql)
    assert isinstance(result, SelectResult) and result.rows == []


def test_guard_without_a_store() -> None:
    refuse_remote_access("SELECT * WHERE { ?s <https://e.org/load> ?o }", update=False)
    refuse_remote_access("INSERT DATA { <https://e.org/a> <https://e.org/p> 'LOAD <x>' }", update=True)
    with pytest.raises(StoreError, match="LOAD is not allowed"):
        refuse_remote_access("LOAD <https://e.org/x>", update=True)
    with pytest.raises(StoreError, match="SERVICE is not allowed"):
        # rdflib cannot parse this text, so it is refused without proof: safe side
        refuse_remote_access("SELECT * WHERE { SERVICE <https://e.org/s> { ?s ?p } ", update=False)


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * FROM <https://e.org/g> WHERE { ?s ?p ?o }", True),
        ("SELECT * from named <https://e.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("SELECT ?from WHERE { ?from <https://e.org/from> 'FROM' } # FROM", False),
        ("PREFIX from: <https://e.org/> SELECT * WHERE { ?s from:x ?o }", False),
    ],
)
def test_dataset_clause_detection(sparql: str, expected: bool) -> None:
    assert has_dataset_clause(sparql) is expected


def test_ask_with_service_word_in_string_runs(store: Store) -> None:
    assert store.query("ASK { FILTER(CONTAINS('use SERVICE here', 'SERVICE')) }") == AskResult(True)
