"""IsolatedStore: queries in killable worker processes, with a time limit and a row cap."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from web_support import ID, ONTOLOGY, PLAN, RUNAWAY, fixture_store

from plangraph._errors import (
    InputError,
    NotFound,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnly,
    StoreError,
)
from plangraph.store import (
    IRI,
    AskResult,
    GraphResult,
    IsolatedStore,
    SelectResult,
    open_store,
)
from plangraph.web.urls import ONTOLOGY_IRI


@pytest.fixture(scope="module")
def store():
    with fixture_store(workers=2, timeout=20) as st:
        yield st


def test_answers_select_ask_and_construct(store: IsolatedStore) -> None:
    rows = store.query(f"SELECT ?l WHERE {{ <{ID}entity/taihu-new-town> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    assert isinstance(rows, SelectResult)
    assert sorted(str(r["l"]) for r in rows.rows) == ["Taihu New Town", "太湖新城"]
    assert store.query("ASK { ?s ?p ?o }") == AskResult(True)
    graph = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o . FILTER(?s = <{ID}entity/suzhou>) }}")
    assert isinstance(graph, GraphResult) and len(graph) >= 4


def test_default_graph_is_the_union_and_the_ontology_is_a_named_graph(store: IsolatedStore) -> None:
    assert store.graphs() == [ONTOLOGY_IRI]
    union = store.query("ASK { <https://w3id.org/plangraph/ontology#Task> ?p ?o }")
    assert union == AskResult(True)
    only_ontology = store.evaluate("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[ONTOLOGY_IRI])
    everything = store.evaluate("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < int(str(only_ontology.result.rows[0]["n"])) < int(str(everything.result.rows[0]["n"]))
    named = store.evaluate("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[ONTOLOGY_IRI])
    assert [r["g"] for r in named.result.rows] == [IRI(ONTOLOGY_IRI)]


def test_row_cap_cuts_lazily_and_says_so(store: IsolatedStore) -> None:
    capped = store.evaluate("SELECT * WHERE { ?s ?p ?o }", max_rows=7)
    assert capped.truncated and len(capped.result.rows) == 7
    whole = store.evaluate("SELECT * WHERE { ?s ?p ?o } LIMIT 5", max_rows=7)
    assert not whole.truncated and len(whole.result.rows) == 5
    graph = store.evaluate("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=3)
    assert graph.truncated and len(graph.result.triples) == 3


def test_syntax_errors_name_line_and_column(store: IsolatedStore) -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 2, column \d+"):
        store.query("SELECT * WHERE {\n  ?s ?p }")


def test_service_is_refused_before_any_worker_sees_it(store: IsolatedStore) -> None:
    with pytest.raises(StoreError, match="SERVICE"):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_writes_are_refused_when_read_only(store: IsolatedStore) -> None:
    with pytest.raises(ReadOnly):
        store.update("INSERT DATA { <https://e.org/a> <https://e.org/p> 1 }")


def test_a_runaway_query_is_cut_off_while_others_are_answered() -> None:
    with fixture_store(workers=2, timeout=1.5) as store:
        outcome: dict[str, object] = {}

        def runaway() -> None:
            started = time.monotonic()
            try:
                store.query(RUNAWAY)
            except QueryTimeout as exc:
                outcome["error"] = exc
            outcome["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.2)
        answers = []
        while thread.is_alive():
            started = time.monotonic()
            assert store.query("ASK { ?s ?p ?o }") == AskResult(True)
            answers.append(time.monotonic() - started)
            time.sleep(0.05)
        thread.join()
        assert isinstance(outcome.get("error"), QueryTimeout)
        assert "time limit" in str(outcome["error"])
        assert 1.4 <= float(outcome["seconds"]) < 6  # type: ignore[arg-type]
        assert answers and max(answers) < 1.0
        # the killed worker was replaced: both workers answer again
        for _ in range(6):
            assert store.query("ASK { ?s ?p ?o }") == AskResult(True)


def test_updates_reach_every_worker_and_survive_a_restart() -> None:
    with fixture_store(workers=2, timeout=1.5, read_only=False) as store:
        store.update("INSERT DATA { <https://e.org/a> <https://e.org/p> 'new' }")
        store.load(b'<https://e.org/b> <https://e.org/p> "loaded" .', format="nt")
        query = "SELECT ?o WHERE { ?s <https://e.org/p> ?o } ORDER BY ?o"
        for _ in range(4):  # any worker
            assert [str(r["o"]) for r in store.query(query).rows] == ["loaded", "new"]
        with pytest.raises(QueryTimeout):
            store.query(RUNAWAY)
        for _ in range(4):  # the restarted worker replayed the writes
            assert [str(r["o"]) for r in store.query(query).rows] == ["loaded", "new"]
        assert store.count() > 0 and "https://e.org/p" in store.dump("ntriples").decode()


def test_bad_input_fails_at_construction(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        IsolatedStore([broken], workers=1)
    with pytest.raises(NotFound):
        IsolatedStore(path=tmp_path / "missing")
    with pytest.raises(InputError):
        IsolatedStore([PLAN], workers=0)


def test_on_disk_store_is_opened_read_only_by_every_worker(tmp_path: Path) -> None:
    location = tmp_path / "oxigraph"
    with open_store(location) as disk:
        disk.load(PLAN, format="turtle")
        disk.load(ONTOLOGY, format="turtle", graph=ONTOLOGY_IRI)
    with IsolatedStore(path=location, workers=2, timeout=5) as store:
        assert store.read_only
        assert store.query("ASK { ?s a <https://w3id.org/plangraph/ontology#PlanningZone> }") == AskResult(True)
        with pytest.raises(ReadOnly):
            store.update("INSERT DATA { <https://e.org/a> <https://e.org/p> 1 }")
