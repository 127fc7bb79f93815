"""Backend-specific behaviour: on-disk Oxigraph, rdflib's global switches, open_store."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib.plugins.sparql as rdflib_sparql
from store_samples import DEFAULT_TRIPLES, TARGET_TRIPLES, TARGETS, load_sample

from plangraph._errors import InputError, NotFound, ReadOnly, StoreError
from plangraph.store import MemoryStore, OxigraphStore, RemoteStore, SelectResult, open_store

# -- on-disk Oxigraph ----------------------------------------------------------------


def test_on_disk_store_persists_across_reopen(tmp_path: Path) -> None:
    location = tmp_path / "db"
    with OxigraphStore(location) as store:
        load_sample(store)
        store.update('INSERT DATA { <https://e.org/a> <https://e.org/p> "added" }')
    with OxigraphStore(location) as store:
        assert store.count() == DEFAULT_TRIPLES + TARGET_TRIPLES + 1
        assert store.graphs() == [TARGETS]
        assert store.path == location


def test_read_only_on_disk_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    location = tmp_path / "db"
    with OxigraphStore(location) as store:
        load_sample(store)
    with OxigraphStore(location, read_only=True) as store:
        assert store.count(TARGETS) == TARGET_TRIPLES
        result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(result, SelectResult) and result.dicts() == [{"n": DEFAULT_TRIPLES + TARGET_TRIPLES}]
        with pytest.raises(ReadOnly):
            store.update("CLEAR ALL")
        with pytest.raises(ReadOnly):
            store.load("", format="nt")


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no Oxigraph store"):
        OxigraphStore(tmp_path / "missing", read_only=True)


def test_unusable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the Oxigraph store"):
        OxigraphStore(blocker / "db")


# -- rdflib --------------------------------------------------------------------------


def test_memory_store_restores_rdflib_switches() -> None:
    before = rdflib_sparql.SPARQL_LOAD_GRAPHS
    with MemoryStore() as store:
        load_sample(store)
        store.query("SELECT * FROM <https://e.org/nowhere> WHERE { GRAPH ?g { ?s ?p ?o } }")
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert rdflib_sparql.SPARQL_LOAD_GRAPHS is before


def test_memory_store_query_needs_declared_prefixes() -> None:
    """rdflib would otherwise lend its graph's bound prefixes; Oxigraph has none."""
    from plangraph._errors import QuerySyntaxError

    with MemoryStore() as store, pytest.raises(QuerySyntaxError, match="prefix"):
        store.query("SELECT * WHERE { ?s rdfs:label ?o }")


def test_failed_update_on_oxigraph_changes_nothing() -> None:
    with OxigraphStore() as store:
        load_sample(store)
        with pytest.raises(StoreError):
            store.update("DELETE WHERE { ?s ?p ?o } ; CREATE GRAPH <https://example.org/graph/targets>")
        assert store.count() == DEFAULT_TRIPLES + TARGET_TRIPLES


# -- open_store ----------------------------------------------------------------------


def test_open_store_specs(tmp_path: Path) -> None:
    with open_store() as store:
        assert isinstance(store, OxigraphStore) and store.path is None
    with open_store("memory:oxigraph") as store:
        assert isinstance(store, OxigraphStore)
    for spec in ("rdflib", "memory:rdflib"):
        with open_store(spec) as store:
            assert isinstance(store, MemoryStore)
    with open_store(tmp_path / "db") as store:
        assert isinstance(store, OxigraphStore) and store.path == tmp_path / "db"
    with open_store(str(tmp_path / "db2")) as store:
        assert isinstance(store, OxigraphStore) and store.path == tmp_path / "db2"
    with open_store(tmp_path / "db", read_only=True) as store:
        assert store.read_only


def test_open_store_derives_oxigraph_endpoints() -> None:
    with open_store("http://127.0.0.1:7878/query") as store:
        assert isinstance(store, RemoteStore)
        assert (store.endpoint, store.update_endpoint, store.graph_store) == (
            "http://127.0.0.1:7878/query",
            "http://127.0.0.1:7878/update",
            "http://127.0.0.1:7878/store",
        )
        assert not store.read_only
    with open_store("https://sparql.example.org/sparql") as store:
        assert isinstance(store, RemoteStore)
        assert store.update_endpoint is None and store.read_only


@pytest.mark.parametrize("spec", ["ftp://example.org/x", "memory:neo4j"])
def test_open_store_rejects_unknown_specs(spec: str) -> None:
    with pytest.raises(InputError, match="unsupported store"):
        open_store(spec)
