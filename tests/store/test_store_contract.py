"""The Store contract, run against every backend (in-memory Oxigraph, rdflib, remote Oxigraph)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_samples import DEFAULT_TRIPLES, EX, TARGET_TRIPLES, TARGETS

from plangraph._errors import InputError, QuerySyntaxError, ReadOnly, StoreError
from plangraph.store import IRI, AskResult, GraphResult, Literal, SelectResult, Store

PREFIX = f"PREFIX ex: <{EX}>\nPREFIX dct: <http://purl.org/dc/terms/>\n"
PLAN = IRI(EX + "suzhou-2023")


def select(store: Store, sparql: str) -> SelectResult:
    result = store.query(PREFIX + sparql)
    assert isinstance(result, SelectResult)
    return result


def row_set(result: SelectResult) -> list[tuple[tuple[str, object], ...]]:
    return sorted((tuple(sorted(row.items())) for row in result.rows), key=repr)


def quads(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data, format=fmt))


# -- loading, counting, graphs ---------------------------------------------------


def test_load_returns_statement_counts_and_graphs_are_listed(sample: Store) -> None:
    assert sample.count() == DEFAULT_TRIPLES + TARGET_TRIPLES
    assert sample.count(TARGETS) == TARGET_TRIPLES
    assert sample.count("https://example.org/graph/none") == 0
    assert sample.graphs() == [TARGETS]


def test_load_from_path_with_base_iri(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "relative.ttl"
    path.write_text('<a> <p> "x" .\n<b> <p> "y" .\n', encoding="utf-8")
    assert store.load(path, format="ttl", base_iri="https://example.org/base/", graph=TARGETS) == 2
    result = store.query("SELECT ?s WHERE { ?s <https://example.org/base/p> ?o }")
    assert isinstance(result, SelectResult)
    assert sorted(str(r["s"]) for r in result.rows) == ["https://example.org/base/a", "https://example.org/base/b"]


def test_quad_formats_keep_their_graphs(store: Store) -> None:
    nquads = '<https://e.org/a> <https://e.org/p> "1" <https://e.org/g1> .\n<https://e.org/a> <https://e.org/p> "2" .\n'
    assert store.load(nquads, format="nquads") == 2
    assert store.graphs() == ["https://e.org/g1"]
    assert store.count("https://e.org/g1") == 1


def test_blank_node_graph_names_are_refused(store: Store) -> None:
    with pytest.raises(InputError, match="blank node"):
        store.load('_:g { <https://e.org/a> <https://e.org/p> "1" . }', format="trig")
    assert store.count() == 0


def test_blank_nodes_are_fresh_for_each_load(store: Store) -> None:
    data = "_:b <https://e.org/p> 1 ."
    store.load(data, format="turtle")
    store.load(data, format="turtle")
    assert store.count() == 2
    result = store.query("SELECT DISTINCT ?s WHERE { ?s <https://e.org/p> 1 }")
    assert isinstance(result, SelectResult) and len(result) == 2


# -- queries ----------------------------------------------------------------------


def test_select_with_language_tags(sample: Store) -> None:
    result = select(sample, "SELECT ?title WHERE { ?plan a ex:Plan ; dct:title ?title }")
    assert result.variables == ["title"]
    assert sorted((r["title"] for r in result.rows), key=repr) == [
        Literal("Suzhou 2023 master plan", language="en"),
        Literal("苏州市2023年城市总体规划", language="zh"),
    ]


def test_query_spans_named_graphs_through_the_union_default_graph(sample: Store) -> None:
    result = select(sample, "SELECT ?target ?city WHERE { ?target ex:of ?plan . ?plan ex:city ?city }")
    assert row_set(result) == [
        (("city", IRI(EX + "suzhou")), ("target", IRI(EX + "target-1"))),
        (("city", IRI(EX + "suzhou")), ("target", IRI(EX + "target-2"))),
    ]


def test_graph_pattern_sees_named_graphs_only(sample: Store) -> None:
    result = select(sample, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert result.rows == [{"g": IRI(TARGETS)}]


def test_from_restricts_the_dataset(sample: Store) -> None:
    result = select(sample, f"SELECT ?s FROM <{TARGETS}> WHERE {{ ?s ex:of ?plan }}")
    assert len(result) == 2
    result = select(sample, f"SELECT ?s FROM <{TARGETS}> WHERE {{ ?s a ex:Plan }}")
    assert len(result) == 0


def test_unbound_optional_is_none(sample: Store) -> None:
    result = select(sample, "SELECT ?t ?unit WHERE { ?t ex:of ?p OPTIONAL { ?t ex:unit ?unit } } ORDER BY ?t")
    assert result.rows == [
        {"t": IRI(EX + "target-1"), "unit": Literal("km2")},
        {"t": IRI(EX + "target-2"), "unit": None},
    ]


def test_dicts_converts_literals_to_python(sample: Store) -> None:
    result = select(
        sample,
        "SELECT ?year ?area ?v1 ?v2 ?met ?note ?plan WHERE { "
        "?plan ex:year ?year ; ex:area ?area . ex:target-1 ex:value ?v1 ; ex:met ?met . "
        "ex:target-2 ex:value ?v2 ; ex:note ?note }",
    )
    assert result.dicts() == [
        {
            "year": 2023,
            "area": Decimal("8657.32"),
            "v1": 120,
            "v2": 35.0,
            "met": True,
            "note": 'line one\nline "two"',
            "plan": PLAN.value,
        }
    ]


def test_aggregate(sample: Store) -> None:
    result = select(sample, "SELECT (COUNT(?t) AS ?n) WHERE { ?t ex:of ?plan }")
    assert result.dicts() == [{"n": 2}]


def test_ask(sample: Store) -> None:
    assert sample.query(PREFIX + "ASK { ?t ex:of ex:suzhou-2023 }") == AskResult(True)
    assert sample.query(PREFIX + "ASK { ?t ex:of ex:nowhere }") == AskResult(False)


def test_construct(sample: Store) -> None:
    result = sample.query(PREFIX + "CONSTRUCT { ?plan ex:hasTarget ?t } WHERE { ?t ex:of ?plan }")
    assert isinstance(result, GraphResult)
    assert sorted(result.triples, key=repr) == [
        (PLAN, IRI(EX + "hasTarget"), IRI(EX + "target-1")),
        (PLAN, IRI(EX + "hasTarget"), IRI(EX + "target-2")),
    ]


def test_describe(sample: Store) -> None:
    result = sample.query(PREFIX + "DESCRIBE ex:target-1")
    assert isinstance(result, GraphResult)
    assert sorted((str(p), str(o)) for _, p, o in result) == [
        (EX + "met", "true"),
        (EX + "of", PLAN.value),
        (EX + "unit", "km2"),
        (EX + "value", "120"),
    ]


# -- updates ----------------------------------------------------------------------


def test_update_inserts_and_deletes(store: Store) -> None:
    store.update(f'INSERT DATA {{ GRAPH <{TARGETS}> {{ <{EX}t> <{EX}p> "v" }} }}')
    assert store.count(TARGETS) == 1
    store.update(f"DELETE WHERE {{ GRAPH <{TARGETS}> {{ ?s ?p ?o }} }}")
    assert store.count() == 0


def test_update_where_matches_the_stored_default_graph(sample: Store) -> None:
    sample.update(PREFIX + "INSERT { ?t ex:seen true } WHERE { ?t ex:of ?plan }")  # targets are in a named graph
    assert sample.count() == DEFAULT_TRIPLES + TARGET_TRIPLES
    sample.update(PREFIX + f"INSERT {{ ?t ex:seen true }} WHERE {{ GRAPH <{TARGETS}> {{ ?t ex:of ?plan }} }}")
    assert sample.count() == DEFAULT_TRIPLES + TARGET_TRIPLES + 2


# -- dump and clear ---------------------------------------------------------------------


def test_dump_whole_dataset_round_trips(sample: Store) -> None:
    expected = quads(sample.dump("nquads"), ox.RdfFormat.N_QUADS)
    assert len(expected) == DEFAULT_TRIPLES + TARGET_TRIPLES
    assert quads(sample.dump("trig"), ox.RdfFormat.TRIG) == expected
    assert quads(sample.dump("jsonld"), ox.RdfFormat.JSON_LD) == expected
    assert {q.graph_name for q in expected} == {ox.DefaultGraph(), ox.NamedNode(TARGETS)}


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("xml", ox.RdfFormat.RDF_XML)],
)
def test_dump_one_graph_or_the_merge(sample: Store, fmt: str, ox_format: ox.RdfFormat) -> None:
    assert len(quads(sample.dump(fmt, graph=TARGETS), ox_format)) == TARGET_TRIPLES
    assert len(quads(sample.dump(fmt), ox_format)) == DEFAULT_TRIPLES + TARGET_TRIPLES


def test_clear_one_graph_then_everything(sample: Store) -> None:
    sample.clear(TARGETS)
    assert sample.graphs() == []
    assert sample.count() == DEFAULT_TRIPLES
    sample.clear(None)
    assert sample.count() == 0


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("update", [False, True])
def test_malformed_sparql_reports_line_and_column(store: Store, update: bool) -> None:
    text = "INSERT DATA {\n  <https://e.org/a> <https://e.org/p> \n}" if update else "SELECT ?s WHERE {\n  ?s ?p \n}"
    with pytest.raises(QuerySyntaxError, match=r"at line \d+, column \d+") as caught:
        store.update(text) if update else store.query(text)
    position = re.search(r"line (\d+)", str(caught.value))
    assert position is not None and int(position[1]) in (2, 3)


def test_malformed_turtle_file_names_file_and_line_and_loads_nothing(sample: Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(f'<{EX}a> <{EX}p> "ok" .\n<{EX}b> <{EX}p> "also ok" .\n<{EX}c> <{EX}p> .\n', encoding="utf-8")
    before = sample.count()
    with pytest.raises(InputError) as caught:
        sample.load(path, format="turtle", graph=TARGETS)
    message = str(caught.value)
    assert str(path) in message
    assert f"{path}:3:" in message and "line 3" in message
    assert sample.count() == before


def test_unknown_format_and_bad_graph_iri_are_input_errors(store: Store) -> None:
    with pytest.raises(InputError, match="unknown RDF format"):
        store.load("", format="yaml")
    with pytest.raises(InputError, match="IRI"):
        store.load('<https://e.org/a> <https://e.org/p> "x" .', format="nt", graph="not an iri")
    with pytest.raises(InputError, match="IRI"):
        store.count("https://e.org/x> } ; DROP ALL ; {")


def test_closed_store_refuses_everything(request: pytest.FixtureRequest, store: Store) -> None:
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.query("ASK {}")
    with pytest.raises(StoreError, match="closed"):
        store.count()


@pytest.mark.parametrize("kind", ["oxigraph", "rdflib", pytest.param("remote", marks=pytest.mark.network)])
def test_read_only_store_refuses_writes(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if kind == "oxigraph":
        from plangraph.store import OxigraphStore

        OxigraphStore(tmp_path / "db").close()
        store: Store = OxigraphStore(tmp_path / "db", read_only=True)
    elif kind == "rdflib":
        from plangraph.store import MemoryStore

        store = MemoryStore(read_only=True)
    else:
        from plangraph.store import RemoteStore

        store = RemoteStore(request.getfixturevalue("oxigraph_server") + "/query", read_only=True)
    with store:
        assert store.read_only
        assert store.query("ASK {}") == AskResult(True)
        with pytest.raises(ReadOnly):
            store.update('INSERT DATA { <https://e.org/a> <https://e.org/p> "x" }')
        with pytest.raises(ReadOnly):
            store.load('<https://e.org/a> <https://e.org/p> "x" .', format="nt")
        with pytest.raises(ReadOnly):
            store.clear(None)
