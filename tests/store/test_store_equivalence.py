"""The three backends give the same answers to the same queries over the same data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_samples import EX, TARGETS, load_sample

from plangraph.store import AskResult, GraphResult, Literal, SelectResult, Store
from plangraph.store._results import QueryResult, from_ox

pytestmark = pytest.mark.network
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIX = (
    f"PREFIX ex: <{EX}>\nPREFIX dct: <http://purl.org/dc/terms/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)

QUERIES = {
    "select-default": "SELECT ?plan ?title WHERE { ?plan a ex:Plan ; dct:title ?title }",
    "select-across-graphs": "SELECT ?t ?v ?city WHERE { ?t ex:of ?p ; ex:value ?v . ?p ex:city ?city }",
    "graph-variable": "SELECT ?g ?t WHERE { GRAPH ?g { ?t ex:of ?p } }",
    "optional": (
        "SELECT ?t ?unit ?note WHERE { ?t ex:of ?p OPTIONAL { ?t ex:unit ?unit } OPTIONAL { ?t ex:note ?note } }"
    ),
    "filter-lang": "SELECT ?title WHERE { ?p dct:title ?title FILTER(LANGMATCHES(LANG(?title), 'zh')) }",
    "filter-number": "SELECT ?t WHERE { ?t ex:value ?v FILTER(?v > 100) }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "group": "SELECT ?p (COUNT(?t) AS ?n) WHERE { ?t ex:of ?p } GROUP BY ?p",
    "order-limit": "SELECT ?t WHERE { ?t ex:of ?p } ORDER BY DESC(?t) LIMIT 1",
    "bind-str": "SELECT ?s (STR(?year) AS ?y) WHERE { ?s ex:year ?year }",
    "values": "SELECT ?t ?v WHERE { VALUES ?t { ex:target-1 ex:missing } ?t ex:value ?v }",
    "from": f"SELECT ?s ?p ?o FROM <{TARGETS}> WHERE {{ ?s ?p ?o }}",
    "from-named": f"SELECT ?g ?s FROM NAMED <{TARGETS}> WHERE {{ GRAPH ?g {{ ?s ex:of ?p }} }}",
    "ask-yes": "ASK { ex:target-1 ex:met true }",
    "ask-no": "ASK { ex:target-1 ex:met false }",
    "construct": "CONSTRUCT { ?p ex:hasTarget ?t } WHERE { ?t ex:of ?p }",
    "construct-where": "CONSTRUCT WHERE { ?s ex:name ?n }",
    "describe": "DESCRIBE ex:target-2",
}


NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float")}


def value(term: object) -> object:
    """Numbers compare by value: Oxigraph stores "3.5E1"^^xsd:double as 35, rdflib keeps the lexical form."""
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return (term.datatype, term.to_python())
    return term


def normalise(result: QueryResult) -> object:
    if isinstance(result, SelectResult):
        rows = (tuple(sorted((k, value(v)) for k, v in r.items())) for r in result.rows)
        return result.variables, sorted(rows, key=repr)
    if isinstance(result, AskResult):
        return result.value
    assert isinstance(result, GraphResult)
    return sorted((tuple(value(t) for t in triple) for triple in result.triples), key=repr)


@pytest.fixture(scope="module")
def stores(oxigraph_server: str) -> Iterator[dict[str, Store]]:
    from plangraph.store import MemoryStore, OxigraphStore, RemoteStore

    remote = RemoteStore(
        f"{oxigraph_server}/query",
        update_endpoint=f"{oxigraph_server}/update",
        graph_store=f"{oxigraph_server}/store",
        union_default_graph=True,
    )
    remote.clear(None)
    all_stores: dict[str, Store] = {"oxigraph": OxigraphStore(), "rdflib": MemoryStore(), "remote": remote}
    for store in all_stores.values():
        load_sample(store)
    yield all_stores
    remote.clear(None)
    for store in all_stores.values():
        store.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_backends_agree(stores: dict[str, Store], name: str) -> None:
    answers = {kind: normalise(store.query(PREFIX + QUERIES[name])) for kind, store in stores.items()}
    assert answers["rdflib"] == answers["oxigraph"]
    assert answers["remote"] == answers["oxigraph"]
    if isinstance(answers["oxigraph"], tuple):
        assert answers["oxigraph"][1] or name == "values", "the sample should give rows"


def test_dumps_agree(stores: dict[str, Store]) -> None:
    import pyoxigraph as ox

    dumps = {
        kind: {
            (value(from_ox(q.subject)), value(from_ox(q.predicate)), value(from_ox(q.object)), str(q.graph_name))
            for q in ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)
        }
        for kind, store in stores.items()
    }
    assert dumps["rdflib"] == dumps["oxigraph"] == dumps["remote"]
