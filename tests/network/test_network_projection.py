"""Projection of the hand-made sample: which nodes and edges each preset keeps, and their attributes."""

from __future__ import annotations

import pytest
from network_samples import (
    CATEGORY,
    CITY,
    EVENT,
    G1,
    G2,
    INDICATOR,
    LAB,
    LONELY,
    PARK,
    PG,
    RAIL,
    REVIEW,
    T1,
    T2,
    T3,
    UNI,
    XSS,
)

from plangraph._errors import InputError, NotFound
from plangraph.network import PRESETS, Projection, get_preset, goal_subgraph, neighbourhood, project, resolve_node
from plangraph.store import Store


def test_plan_view_holds_goals_tasks_and_involved_entities(store: Store) -> None:
    graph = project(store, "plan")
    assert set(graph) == {G1, G2, T1, T2, T3, RAIL, LAB, UNI, EVENT}
    assert graph.number_of_edges() == 8
    assert LONELY not in graph  # no task involves it, and isolated nodes are dropped
    assert REVIEW not in graph and CITY not in graph


def test_edges_keep_their_predicate_and_rdf_direction(store: Store) -> None:
    graph = project(store, "plan")
    assert graph.edges[T1, G1] == {"predicate": PG + "contributesTo", "subject": T1, "object": G1}
    assert graph.edges[RAIL, T3] == {"predicate": PG + "involves", "subject": T3, "object": RAIL}


def test_inverse_predicate_gives_the_canonical_edge(store: Store) -> None:
    graph = project(store, "plan")
    # The data says only "uni pg:involvedIn T3".
    assert graph.edges[UNI, T3] == {"predicate": PG + "involves", "subject": T3, "object": UNI}


def test_nodes_carry_labels_and_most_specific_class(store: Store) -> None:
    graph = project(store, "plan")
    assert graph.nodes[RAIL] == {
        "iri": RAIL,
        "label_zh": "轨道交通6号线",
        "label_en": "Rail Line 6",
        "label": "轨道交通6号线",
        "class": "RailLine",  # typed RailLine and Project: the subclass wins
        "class_iri": PG + "RailLine",
    }
    assert graph.nodes[EVENT]["label_zh"] == XSS
    assert graph.nodes[G1]["class"] == "StrategicGoal"


def test_spatial_view_holds_zones_and_projects(store: Store) -> None:
    graph = project(store, "spatial")
    assert set(graph) == {CITY, PARK, RAIL, LAB}
    assert {graph.edges[e]["predicate"] for e in graph.edges} == {PG + "locatedIn", PG + "partOf"}
    assert graph.nodes[PARK]["class"] == "PlanningZone"


def test_indicators_view_and_most_specific_class_over_other_vocabularies(store: Store) -> None:
    graph = project(store, "indicators")
    assert set(graph) == {G1, CATEGORY, INDICATOR}  # G2 has no category: isolated, dropped
    assert graph.nodes[INDICATOR]["class"] == "Indicator"  # typed pg:Indicator and skos:Concept


def test_all_view_adds_review_areas(store: Store) -> None:
    graph = project(store, "all")
    assert REVIEW in graph and graph.edges[REVIEW, LAB]["predicate"] == PG + "involves"
    assert len(graph) == 14


def test_custom_projection_and_keep_isolated(store: Store) -> None:
    projection = Projection(
        "policies", node_classes=("pg:Policy", "pg:Task"), edge_predicates=("pg:involves",), keep_isolated=True
    )
    graph = project(store, projection)
    assert set(graph) == {LONELY, T1, T2, T3}
    assert graph.number_of_edges() == 0


def test_subclass_axioms_in_the_store_extend_the_built_in_table(oxigraph_store: Store) -> None:
    oxigraph_store.load(
        """@prefix pg: <https://w3id.org/plangraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://example.org/CableCar> rdfs:subClassOf pg:Project .
        <https://w3id.org/plangraph/id/entity/cable> a <https://example.org/CableCar> ;
            pg:locatedIn <https://w3id.org/plangraph/id/entity/city> ; rdfs:label "缆车"@zh .""",
        format="turtle",
    )
    graph = project(oxigraph_store, "spatial")
    cable = "https://w3id.org/plangraph/id/entity/cable"
    assert graph.nodes[cable]["class"] == "CableCar"
    assert graph.has_edge(cable, CITY)


def test_projection_refuses_bad_iris() -> None:
    with pytest.raises(InputError):
        Projection("bad", node_classes=("pg:Task> } DROP ALL {",), edge_predicates=("pg:involves",))
    with pytest.raises(InputError):
        Projection("bad", node_classes=("Task",), edge_predicates=("pg:involves",))
    with pytest.raises(InputError):
        Projection("bad", node_classes=("pg:Task",), edge_predicates=("pg:a",), inverse_predicates={"pg:b": "pg:c"})


def test_presets_are_named_and_unknown_ones_are_listed() -> None:
    assert set(PRESETS) == {"plan", "spatial", "indicators", "all"}
    assert get_preset(" Plan ") is PRESETS["plan"]
    with pytest.raises(NotFound, match="presets: plan, spatial, indicators, all"):
        get_preset("nope")


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (RAIL, RAIL),
        (f"<{RAIL}>", RAIL),
        ("entity/rail-6", RAIL),
        ("轨道交通6号线", RAIL),
        ("rail line 6", RAIL),
        ("RAIL LINE 6", RAIL),
        ("  Soochow University ", UNI),
        (XSS, EVENT),
    ],
)
def test_resolve_node_by_iri_or_label(plan, ref: str, expected: str) -> None:
    assert resolve_node(plan, ref) == expected


def test_unknown_node_lists_near_matches(plan) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_node(plan, "苏州大")
    assert "苏州大学" in str(caught.value) and UNI in str(caught.value)
    with pytest.raises(NotFound, match="Suzhou Laboratory"):
        resolve_node(plan, "suzhou laboratry")
    with pytest.raises(NotFound, match="no similar labels"):
        resolve_node(plan, "zzzzzzzz")


def test_zh_labels_match_exactly(plan) -> None:
    with pytest.raises(NotFound):
        resolve_node(plan, "轨道交通6号")


def test_ambiguous_label_lists_the_candidates(oxigraph_store: Store) -> None:
    oxigraph_store.load(
        """<https://w3id.org/plangraph/id/entity/rail-6b> a <https://w3id.org/plangraph/ontology#RailLine> ;
            <https://w3id.org/plangraph/ontology#involvedIn> <https://w3id.org/plangraph/id/test/task/2> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "Rail line 6"@en .""",
        format="turtle",
    )
    graph = project(oxigraph_store, "plan")
    with pytest.raises(InputError, match="names 2 nodes") as caught:
        resolve_node(graph, "rail line 6")
    assert RAIL in str(caught.value) and RAIL + "b" in str(caught.value)


def test_goal_subgraph_keeps_the_goal_its_tasks_and_their_entities(plan) -> None:
    chains = PRESETS["plan"].goal_chains
    assert set(goal_subgraph(plan, G1, chains)) == {G1, T1, T2, RAIL, LAB, EVENT}
    # The bridge stays; the other goal's task does not.
    assert set(goal_subgraph(plan, G2, chains)) == {G2, T3, RAIL, UNI}


def test_neighbourhood_takes_k_hops(plan) -> None:
    assert set(neighbourhood(plan, RAIL, 0)) == {RAIL}
    assert set(neighbourhood(plan, RAIL, 1)) == {RAIL, T1, T3}
    assert set(neighbourhood(plan, RAIL, 2)) == {RAIL, T1, T3, G1, G2, UNI}
    with pytest.raises(InputError):
        neighbourhood(plan, RAIL, -1)
