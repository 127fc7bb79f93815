"""Standard SPARQL clients use the endpoint as they are: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from web_support import TAIHU

pytestmark = pytest.mark.network

PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX pg: <https://w3id.org/plangraph/ontology#>\n"
ZONES = PREFIXES + "SELECT ?zone ?label WHERE { ?zone a pg:PlanningZone ; rdfs:label ?label . FILTER(lang(?label) = 'zh') } ORDER BY ?label"


def wrapper(base: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(base + "/sparql")
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_json(base: str, method: str | None) -> None:
    client = wrapper(base, JSON, method)
    client.setQuery(ZONES)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert (bindings[0]["zone"]["value"], bindings[0]["label"]["value"]) == (TAIHU, "太湖新城")
    assert {b["label"]["value"] for b in bindings} == {"太湖新城", "太湖科学城"}


def test_sparqlwrapper_select_xml_and_csv(base: str) -> None:
    client = wrapper(base, XML)
    client.setQuery(ZONES)
    document = client.queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 2
    client = wrapper(base, CSV)
    client.setQuery(ZONES)
    assert client.queryAndConvert().decode().splitlines()[0] == "zone,label"


# SPARQLWrapper builds an rdflib ConjunctiveGraph for RDF/XML answers, which rdflib 7.6 deprecates
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_ask_and_construct(base: str) -> None:
    client = wrapper(base, JSON)
    client.setQuery(f"ASK {{ <{TAIHU}> ?p ?o }}")
    assert client.queryAndConvert()["boolean"] is True
    client = wrapper(base, TURTLE)
    client.setQuery(f"CONSTRUCT {{ <{TAIHU}> ?p ?o }} WHERE {{ <{TAIHU}> ?p ?o }}")
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert (rdflib.URIRef(TAIHU), rdflib.RDFS.label, rdflib.Literal("太湖新城", lang="zh")) in graph
    client = wrapper(base, XML)  # SPARQLWrapper asks for RDF/XML for graphs in XML mode
    client.setQuery(f"DESCRIBE <{TAIHU}>")
    assert len(client.queryAndConvert()) > 3


def test_sparqlwrapper_reports_a_syntax_error(base: str) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = wrapper(base, JSON)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed, match="line 1"):
        client.queryAndConvert()


def test_rdflib_sparqlstore(base: str) -> None:
    store = SPARQLStore(base + "/sparql", returnFormat="json")
    graph = rdflib.Graph(store=store)
    try:
        rows = list(graph.query(ZONES))
        assert [str(row.label) for row in rows] == ["太湖新城", "太湖科学城"]
        assert graph.query(f"ASK {{ <{TAIHU}> ?p ?o }}").askAnswer is True
        labels = set(graph.objects(rdflib.URIRef(TAIHU), rdflib.RDFS.label))
        assert rdflib.Literal("Taihu New Town", lang="en") in labels
        assert len(store) > 100
    finally:
        store.close()
