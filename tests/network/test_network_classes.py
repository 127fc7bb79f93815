"""The built-in class table agrees with the ontology, and the presets' IRIs exist in it."""

from __future__ import annotations

import pytest
from network_samples import ONTOLOGY, PG

from plangraph.network import CLASS_INFO, PRESETS, class_colour
from plangraph.store import Store, open_store


@pytest.fixture(scope="module")
def ontology() -> Store:
    store = open_store()
    store.load(ONTOLOGY, format="turtle")
    return store


def test_class_table_matches_the_ontology(ontology: Store) -> None:
    rows = ontology.query(
        f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?class ?parent ?zh WHERE {{
          ?class rdfs:label ?zh FILTER(lang(?zh) = "zh")
          OPTIONAL {{ ?class rdfs:subClassOf ?parent FILTER(STRSTARTS(STR(?parent), "{PG}")) }}
        }}"""
    ).dicts()
    ontology_classes = {
        str(row["class"])[len(PG) :]: (None if row["parent"] is None else str(row["parent"])[len(PG) :], row["zh"])
        for row in rows
        if str(row["class"]).startswith(PG)
    }
    for name, info in CLASS_INFO.items():
        assert ontology_classes.get(name) == (info.parent, info.label_zh), name
    entity_classes = {name for name, (parent, _) in ontology_classes.items() if parent} - {
        "ReviewArea",
        "Task",
        "StrategicGoal",
    }
    assert entity_classes <= set(CLASS_INFO), "a new entity class needs a row (and a colour) in CLASS_INFO"


def test_preset_terms_are_defined_by_the_ontology(ontology: Store) -> None:
    for projection in PRESETS.values():
        terms = {*projection.node_classes, *projection.edge_predicates, *projection.inverse_predicates}
        for term in terms:
            assert ontology.query(f"ASK {{ <{term}> ?p ?o }}"), term


def test_colours_are_distinct_and_stable() -> None:
    colours = [info.colour for info in CLASS_INFO.values()]
    assert len(set(colours)) == len(colours)
    assert class_colour("SomethingNew") == class_colour("SomethingNew")
    assert class_colour("RailLine") == CLASS_INFO["RailLine"].colour
