"""The SPARQL 1.1 Protocol at /sparql over real HTTP: operations, formats, negotiation and refusals."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from web_support import ID, TAIHU

from plangraph.web.urls import ONTOLOGY_IRI

pytestmark = pytest.mark.network

LABELS = f"SELECT ?l WHERE {{ <{TAIHU}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} ORDER BY ?l"
ASK = f"ASK {{ <{TAIHU}> ?p ?o }}"
CONSTRUCT = f"CONSTRUCT {{ <{TAIHU}> ?p ?o }} WHERE {{ <{TAIHU}> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{TAIHU}>"
FORM = "application/x-www-form-urlencoded"


def labels_from_json(body: bytes) -> list[str]:
    return [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_post_form_and_post_direct_agree(client: httpx.Client) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": LABELS}, headers=accept)
    by_form = client.post("/sparql", data={"query": LABELS}, headers=accept)
    by_body = client.post(
        "/sparql", content=LABELS.encode(), headers={**accept, "Content-Type": "application/sparql-query"}
    )
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert "Accept" in response.headers["vary"]
        assert labels_from_json(response.content) == ["Taihu New Town", "太湖新城"]


def test_percent_signs_are_decoded_once(client: httpx.Client) -> None:
    query = 'SELECT ?x WHERE { BIND("100%25 %" AS ?x) }'
    answers = [
        client.get("/sparql", params={"query": query}).json(),
        client.post("/sparql", data={"query": query}).json(),
        client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}).json(),
    ]
    assert {a["results"]["bindings"][0]["x"]["value"] for a in answers} == {"100%25 %"}


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/xml", "application/xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/json"),
    ],
)
def test_select_formats_by_accept(client: httpx.Client, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {"Accept": ""}
    response = client.get("/sparql", params={"query": LABELS}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    text = response.text
    if "json" in media:
        assert labels_from_json(response.content) == ["Taihu New Town", "太湖新城"]
    elif "xml" in media:
        root = ET.fromstring(response.content)
        assert len(root.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 2
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(text))) == [["l"], ["Taihu New Town"], ["太湖新城"]]
    else:
        assert text.splitlines() == ["?l", '"Taihu New Town"@en', '"太湖新城"@zh']


@pytest.mark.parametrize(
    ("fmt", "media"),
    [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
     ("tsv", "text/tab-separated-values"), ("text/csv", "text/csv")],
)  # fmt: skip
def test_format_parameter_overrides_accept(client: httpx.Client, fmt: str, media: str) -> None:
    response = client.get("/sparql", params={"query": LABELS, "format": fmt}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_graph_results_by_accept(client: httpx.Client, query: str, accept: str | None, media: str) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept or ""})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if media == "application/ld+json":
        document = json.loads(response.content)
        assert any(node.get("@id") == TAIHU for node in document)
    elif media == "application/n-triples":
        assert f"<{TAIHU}>" in response.text
    else:
        assert "太湖新城" in response.text


def test_ask_as_json_and_xml(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"query": ASK}).json() == {"head": {}, "boolean": True}
    xml_answer = client.get("/sparql", params={"query": ASK}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in xml_answer.text


@pytest.mark.parametrize(
    ("query", "accept"),
    [(LABELS, "text/turtle"), (LABELS, "image/png"), (ASK, "text/csv"), (CONSTRUCT, "application/sparql-results+json"),
     (CONSTRUCT, "text/csv")],
)  # fmt: skip
def test_unacceptable_accept_is_406(client: httpx.Client, query: str, accept: str) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("text/plain")
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", ""])
def test_unsupported_post_type_is_415(client: httpx.Client, content_type: str) -> None:
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": content_type})
    assert response.status_code == 415
    assert "application/sparql-query" in response.text


def test_malformed_query_is_400_with_the_parsers_position(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "line 3" in response.text and "column" in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": [("query", ASK), ("query", ASK)]}),
        ("GET", {"params": [("query", ASK), ("format", "json"), ("format", "xml")]}),
        ("POST", {"data": {"query": ASK, "update": "CLEAR ALL"}}),
        ("POST", {"params": {"query": ASK}, "data": {"query": ASK}}),
        ("POST", {"params": {"query": ASK}, "content": ASK.encode(), "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", {"params": {"query": ASK, "default-graph-uri": "not an iri"}}),
        ("GET", {"params": {"query": ASK, "default-graph-uri": ONTOLOGY_IRI, "union-default-graph": ""}}),
        ("GET", {"params": {"update": "CLEAR ALL"}}),
        ("GET", {"params": {"query": ASK, "format": "pdf"}}),
        ("POST", {"content": b"", "headers": {"Content-Type": FORM}}),
        ("POST", {"content": b"\xff\xfe ASK {}", "headers": {"Content-Type": "application/sparql-query"}}),
    ],
)
def test_ambiguous_or_bad_requests_are_400(client: httpx.Client, method: str, kwargs: dict) -> None:
    response = client.request(method, "/sparql", **kwargs)
    assert response.status_code == 400, response.text
    assert response.text.strip()


def test_updates_are_403_when_read_only(client: httpx.Client) -> None:
    insert = "INSERT DATA { <https://e.org/a> <https://e.org/p> 1 }"
    direct = client.post("/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    form = client.post("/sparql", data={"update": insert})
    for response in (direct, form):
        assert response.status_code == 403
        assert "read-only" in response.text
    assert client.get("/sparql", params={"query": "ASK { <https://e.org/a> ?p ?o }"}).json()["boolean"] is False


def test_service_is_refused(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 400
    assert "SERVICE" in response.text


def test_dataset_parameters_are_honoured(client: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def number(params: dict) -> int:
        return int(client.get("/sparql", params={"query": count, **params}).json()["results"]["bindings"][0]["n"]["value"])

    everything, ontology_only = number({}), number({"default-graph-uri": ONTOLOGY_IRI})
    assert 0 < ontology_only < everything
    assert number({"default-graph-uri": "https://e.org/no-such-graph"}) == 0
    graphs = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": ONTOLOGY_IRI},
    ).json()
    assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == [ONTOLOGY_IRI]


def test_request_body_is_capped(client: httpx.Client) -> None:
    big = b"# " + b"x" * 2_000_000 + b"\nASK {}"
    response = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_service_description_by_negotiation(client: httpx.Client, base: str) -> None:
    turtle = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert "sparql-service-description#" in turtle.text and f"{base}/sparql" in turtle.text
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and json.loads(jsonld.content)
    html = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and 'id="query"' in html.text
    assert client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_browser_get_with_query_shows_the_editor(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ASK}, headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert "ASK {" in response.text


def test_cors_headers(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": ASK}, headers={"Origin": "https://yasgui.example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={"Origin": "https://yasgui.example.org", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )  # fmt: skip
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_results_are_capped_and_flagged(make_server) -> None:
    live = make_server(max_rows=5)
    response = httpx.get(live.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["plangraph-truncated"] == "true"
    assert response.headers["plangraph-row-limit"] == "5"
    assert len(response.text.strip().splitlines()) == 1 + 5
    small = httpx.get(live.url + "/sparql", params={"query": LABELS})
    assert "plangraph-truncated" not in small.headers


def test_updates_when_the_operator_allows_them(make_server) -> None:
    live = make_server(allow_updates=True, read_only=False)
    insert = f'INSERT DATA {{ <{ID}entity/new-zone> <http://www.w3.org/2000/01/rdf-schema#label> "新区"@zh }}'
    response = httpx.post(live.url + "/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    assert response.status_code == 204, response.text
    ask = httpx.get(live.url + "/sparql", params={"query": f"ASK {{ <{ID}entity/new-zone> ?p ?o }}"}).json()
    assert ask["boolean"] is True
    # the search index was rebuilt
    hits = httpx.get(live.url + "/search", params={"q": "新区", "format": "json"}).json()["hits"]
    assert [h["iri"] for h in hits] == [f"{ID}entity/new-zone"]
    bad = httpx.post(live.url + "/sparql", data={"update": "INSERT DATA { oops"})
    assert bad.status_code == 400
    load = httpx.post(live.url + "/sparql", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"})
    assert load.status_code == 400 and "LOAD" in load.text
    description = httpx.get(live.url + "/sparql", headers={"Accept": "text/turtle"}).text
    assert "SPARQL11Update" in description
