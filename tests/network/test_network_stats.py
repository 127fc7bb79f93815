"""compute_stats: counts per class and predicate, and per-node measures, as rows."""

from __future__ import annotations

import csv
import io

import pytest
from network_samples import LAB, PLAN_PAIRS, RAIL, T1, UNI

from plangraph.network import NODE_COLUMNS, compute_stats, curie, rows_to_csv
from plangraph.store import Store


def _by(rows, key):
    return {row[key]: row for row in rows}


def test_stats_of_a_preset(store: Store) -> None:
    stats = compute_stats(store, "plan")
    assert stats.scope == "plan"
    assert stats.classes == [
        {"class": "pg:Task", "count": 3},
        {"class": "pg:StrategicGoal", "count": 2},
        {"class": "pg:Event", "count": 1},
        {"class": "pg:Laboratory", "count": 1},
        {"class": "pg:RailLine", "count": 1},
        {"class": "pg:University", "count": 1},
    ]
    assert stats.predicates == [{"predicate": "pg:involves", "count": 5}, {"predicate": "pg:contributesTo", "count": 3}]
    assert stats.nodes[0]["iri"] == T1  # the highest betweenness comes first
    rows = _by(stats.nodes, "iri")
    assert list(rows[RAIL]) == list(NODE_COLUMNS)
    assert rows[RAIL]["degree"] == 2 and rows[RAIL]["goals"] == 2
    assert rows[RAIL]["betweenness"] == pytest.approx(15 / PLAN_PAIRS, abs=1e-6)
    assert rows[UNI]["goals"] == 1 and rows[T1]["goals"] == 0


def test_stats_of_the_whole_store(store: Store) -> None:
    stats = compute_stats(store)
    assert stats.scope == "store"
    classes = {row["class"]: row["count"] for row in stats.classes}
    assert classes["pg:Task"] == 3 and classes["skos:Concept"] == 1 and classes["pg:RailLine"] == 1
    predicates = {row["predicate"]: row["count"] for row in stats.predicates}
    assert predicates["pg:involves"] == 5 and predicates["pg:involvedIn"] == 1 and predicates["rdfs:label"] == 26
    # Measures come from the "all" view: the review area adds a second link to the laboratory.
    assert _by(stats.nodes, "iri")[LAB]["degree"] == 3


def test_goals_do_not_depend_on_the_view(store: Store) -> None:
    spatial = _by(compute_stats(store, "spatial").nodes, "iri")
    assert spatial[RAIL]["goals"] == 2 and spatial[LAB]["goals"] == 1


def test_rows_to_csv_round_trips(store: Store) -> None:
    stats = compute_stats(store, "plan")
    text = rows_to_csv(stats.nodes, NODE_COLUMNS)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0].keys() == set(NODE_COLUMNS)
    assert len(parsed) == 9
    assert any(row["label_zh"] == "<script>alert(1)</script>" for row in parsed)
    assert rows_to_csv([], ["a", "b"]) == "a,b\n"


def test_curie() -> None:
    assert curie("https://w3id.org/plangraph/ontology#Task") == "pg:Task"
    assert curie("http://www.w3.org/2000/01/rdf-schema#label") == "rdfs:label"
    assert curie("https://example.org/x") == "https://example.org/x"


def test_counts_can_be_limited_to_one_named_graph() -> None:
    from network_samples import ONTOLOGY, SAMPLE

    from plangraph.store import open_store

    plan_graph = "https://w3id.org/plangraph/id/graph/plan"
    for backend in ("memory", "rdflib"):
        with open_store(backend) as store:
            store.load(SAMPLE, format="turtle", graph=plan_graph)
            store.load(ONTOLOGY, format="turtle", graph="https://w3id.org/plangraph/id/graph/ontology")
            everything = {row["class"]: row["count"] for row in compute_stats(store).classes}
            assert everything["owl:Class"] > 40
            stats = compute_stats(store, graph=plan_graph)
            classes = {row["class"]: row["count"] for row in stats.classes}
            assert stats.scope == plan_graph and "owl:Class" not in classes and classes["pg:Task"] == 3
            assert {row["predicate"]: row["count"] for row in stats.predicates}["rdfs:label"] == 26
            # The ontology's axioms still help the projection: the measures are the same.
            assert len(stats.nodes) == 14
