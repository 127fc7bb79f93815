"""Resource pages, search, named queries, explorer API, dataset and ontology, over real HTTP."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
import rdflib
from web_support import ID, PG, TAIHU, has_triple

pytestmark = pytest.mark.network

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TASK = ID + "test/2023/task/13"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
GOAL = ID + "test/2023/goal/5"


# -- resource pages -------------------------------------------------------------------------


def test_entity_page_shows_labels_quotes_and_links(client: httpx.Client, base: str) -> None:
    response = client.get("/id/entity/taihu-new-town", headers=HTML)
    assert response.status_code == 200
    page = response.text
    for text in ("太湖新城", "Taihu New Town", "太湖新城片区", "规划片区", "planning zone",
                 "高质量推进<mark>太湖新城</mark>建设，加快轨道交通7号线建设。",  # the sentence, name marked
                 'href="/id/test/2023/task/13"', 'href="/id/test/2023/goal/5"', 'href="/id/entity/metro-line-7"',
                 'href="/id/entity/suzhou"', 'href="/ontology#PlanningZone"', "/explore/neighbours?iri="):  # fmt: skip
        assert text in page, text
    links = response.headers["link"]
    for suffix, media in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"), (".nt", "application/n-triples"),
                          (".json", "application/json")):  # fmt: skip
        assert f'<{base}/id/entity/taihu-new-town{suffix}>; rel="alternate"; type="{media}"' in links


def test_task_page_shows_evidence_with_section(client: httpx.Client) -> None:
    page = client.get("/id/test/2023/task/13", headers=HTML).text
    assert "13．高标准开展城市规划建设。" in page
    assert "推进城乡融合发展" in page  # its goal, linked
    assert "chars 112–127" in page


@pytest.mark.parametrize(
    ("path", "accept", "media"),
    [
        ("/id/entity/taihu-new-town.ttl", None, "text/turtle"),
        ("/id/entity/taihu-new-town.nt", None, "application/n-triples"),
        ("/id/entity/taihu-new-town.jsonld", None, "application/ld+json"),
        ("/id/entity/taihu-new-town.rdf", None, "application/rdf+xml"),
        ("/id/entity/taihu-new-town", "text/turtle", "text/turtle"),
        ("/id/entity/taihu-new-town", "application/ld+json", "application/ld+json"),
        ("/id/entity/taihu-new-town", "application/n-triples", "application/n-triples"),
        ("/id/entity/taihu-new-town", "application/rdf+xml;q=0.5, text/turtle", "text/turtle"),
    ],
)
def test_resource_rdf_by_suffix_or_accept(client: httpx.Client, path: str, accept: str | None, media: str) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "jsonld",
           "application/rdf+xml": "rdfxml"}[media]  # fmt: skip
    assert has_triple(response.content, fmt, TAIHU, RDFS_LABEL, '"太湖新城"@zh')
    # incoming links are part of the description
    assert has_triple(response.content, fmt, TASK, PG + "involves", f"<{TAIHU}>")


def test_resource_json(client: httpx.Client) -> None:
    data = client.get("/id/entity/taihu-new-town.json").json()
    assert data["ok"] is True and data["iri"] == TAIHU and data["url"] == "/id/entity/taihu-new-town"
    assert data["label"] == {"zh": "太湖新城", "en": "Taihu New Town"}
    assert data["class"]["iri"] == PG + "PlanningZone"
    assert [m["sentence"] for m in data["mentions"]] == ["高质量推进太湖新城建设，加快轨道交通7号线建设。"]
    assert data["mentions"][0]["section"]["iri"] == TASK
    assert [t["iri"] for t in data["related"]["tasks"]] == [TASK]
    assert [g["iri"] for g in data["related"]["goals"]] == [GOAL]
    assert [e["iri"] for e in data["related"]["entities"]] == [ID + "entity/metro-line-7"]
    assert client.get("/id/entity/taihu-new-town", headers={"Accept": "application/json"}).json() == data


@pytest.mark.parametrize("path", ["/id/entity/nothing-here", "/id/", "/id/entity/bad%3Eiri", "/id/entity/x.ttl"])
def test_unknown_resources_are_404(client: httpx.Client, path: str) -> None:
    html = client.get(path, headers=HTML)
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")
    assert "Not found" in html.text
    data = client.get(path, headers={"Accept": "application/json"})
    assert data.status_code == 404 and data.json()["ok"] is False


def test_resource_406(client: httpx.Client) -> None:
    assert client.get("/id/entity/taihu-new-town", headers={"Accept": "image/png"}).status_code == 406


# -- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["太湖新城", "taihu", "Taihu New Town", "taihuxincheng", "tai hu xin cheng", "thxc"])
def test_search_finds_taihu_new_town_first(client: httpx.Client, q: str) -> None:
    data = client.get("/search", params={"q": q, "format": "json"}).json()
    assert data["ok"] and data["hits"][0]["iri"] == TAIHU
    assert data["hits"][0]["url"] == "/id/entity/taihu-new-town"


def test_search_html_csv_and_type_filter(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "taihu"}, headers=HTML).text
    assert 'href="/id/entity/taihu-new-town"' in page and "太湖科学城" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/search", params={"q": "苏州"}, headers={"Accept": "text/csv"}).text)))
    assert rows[0]["iri"] == ID + "entity/suzhou" and rows[0]["url"].endswith("/id/entity/suzhou")
    zones = client.get("/search", params={"q": "苏州", "type": "Zone", "format": "json"}).json()["hits"]
    assert [h["iri"] for h in zones] == [ID + "entity/suzhou"]  # pg:Zone includes its subclass AdministrativeArea
    labs = client.get("/search", params={"q": "苏州", "type": "pg:Laboratory", "format": "json"}).json()["hits"]
    assert [h["iri"] for h in labs] == [ID + "entity/suzhou-lab"]
    assert client.get("/search", params={"q": "x", "type": "NoSuchClass", "format": "json"}).status_code == 400
    # mentions and evidence spans repeat names: hidden unless asked for by class
    everything = client.get("/search", params={"q": "太湖新城", "format": "json", "limit": 500}).json()["hits"]
    assert ID + "test/2023/mention/130-134" not in [h["iri"] for h in everything]
    mentions = client.get("/search", params={"q": "太湖新城", "type": "Mention", "format": "json"}).json()["hits"]
    assert [h["iri"] for h in mentions] == [ID + "test/2023/mention/130-134"]
    assert client.get("/search", params={"q": "taihu", "type": ""}, headers=HTML).status_code == 200


# -- named queries ---------------------------------------------------------------------------------


def test_query_list(client: httpx.Client) -> None:
    listing = client.get("/queries.json").json()
    names = [q["name"] for q in listing["queries"]]
    assert "label-search" in names
    assert client.get("/queries", headers={"Accept": "application/json"}).json() == listing
    assert "名称检索" in client.get("/queries", headers=HTML).text


def test_named_query_with_parameters(client: httpx.Client) -> None:
    page = client.get("/queries/label-search", params={"q": "太湖"}, headers=HTML)
    assert page.status_code == 200 and 'href="/id/entity/taihu-new-town"' in page.text
    results = client.get("/queries/label-search.json", params={"q": "科学城"}).json()
    assert {b["node"]["value"] for b in results["results"]["bindings"]} == {ID + "entity/taihu-science-city"}
    table = client.get("/queries/label-search.csv", params={"q": "taihu"}).text
    assert table.splitlines()[0] == "node,class,label_zh,label_en,matched"
    text = client.get("/queries/label-search.rq", params={"q": "新城"})
    assert text.headers["content-type"].startswith("application/sparql-query") and '"新城"' in text.text
    assert client.get("/queries/label-search.json", params={"nope": "1"}).status_code == 400
    assert client.get("/queries/no-such-query", headers=HTML).status_code == 404


@pytest.mark.parametrize("name", ["binding-targets-2023", "goals-and-tasks", "outcome-status", "evidence-for"])
def test_every_kind_of_named_query_runs(client: httpx.Client, name: str) -> None:
    assert client.get(f"/queries/{name}.json").status_code == 200
    assert client.get(f"/queries/{name}", headers=HTML).status_code == 200


# -- explorer API ---------------------------------------------------------------------------------------


def test_explore_graph_filters(client: httpx.Client) -> None:
    data = client.get("/explore/graph").json()
    ids = {n["id"] for n in data["nodes"]}
    assert TAIHU in ids and GOAL in ids and ID + "test/2023/evidence/127-160" not in ids
    node = next(n for n in data["nodes"] if n["id"] == TAIHU)
    assert node["color"].startswith("#") and node["size"] > 0 and node["url"] == "/id/entity/taihu-new-town"
    assert all({e["from"], e["to"]} <= ids for e in data["edges"])
    zones = client.get("/explore/graph", params=[("class", "Zone")]).json()
    assert {n["group"] for n in zones["nodes"]} == {PG + "Zone"}
    near = {n["id"] for n in client.get("/explore/graph", params={"goal": GOAL}).json()["nodes"]}
    assert {GOAL, TASK, TAIHU} <= near and ID + "entity/suzhou-lab" not in near
    assert client.get("/explore/graph", params={"goal": ID + "nothing"}).status_code == 404


def test_explore_neighbours_and_path(client: httpx.Client) -> None:
    around = client.get("/explore/neighbours", params={"iri": TAIHU}).json()
    assert {n["id"] for n in around["nodes"]} >= {TAIHU, TASK, ID + "entity/suzhou"}
    assert client.get("/explore/neighbours", params={"iri": ID + "nothing"}).status_code == 404
    assert client.get("/explore/neighbours").status_code == 400
    path = client.get("/explore/path", params={"from": "太湖新城", "to": GOAL}).json()
    assert path["from"] == TAIHU and path["to"] == GOAL and path["length"] == 2
    assert [s["from"] for s in path["steps"]] == [TAIHU, TASK]
    first = path["steps"][0]
    assert first["forward"] is False and first["predicates"][0]["iri"] == PG + "involves"
    assert first["predicates"][0]["zh"] == "涉及"
    missing = client.get("/explore/path", params={"from": "太湖新城", "to": "no such name at all"})
    assert missing.status_code == 404


def test_vis_network_is_served_locally(client: httpx.Client) -> None:
    script = client.get("/vendor/vis-network/vis-network.min.js")
    assert script.status_code == 200 and "vis" in script.text[:2000]
    assert client.get("/vendor/vis-network/vis-network.css").status_code == 200


# -- dataset and ontology ------------------------------------------------------------------------------


def test_dataset_description_is_void_and_dcat(client: httpx.Client, base: str) -> None:
    graph = rdflib.Graph().parse(data=client.get("/dataset", headers={"Accept": "text/turtle"}).content, format="turtle")
    dataset = rdflib.URIRef(base + "/dataset")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert (dataset, rdflib.RDF.type, void.Dataset) in graph
    assert (dataset, void.sparqlEndpoint, rdflib.URIRef(base + "/sparql")) in graph
    assert (dataset, rdflib.DCTERMS.source, rdflib.URIRef("http://example.org/plan-report.html")) in graph
    assert (dataset, rdflib.DCTERMS.license, None) in graph
    triples = int(graph.value(dataset, void.triples))
    assert triples > 100
    assert (dataset, void.dataDump, rdflib.URIRef(base + "/dataset/dump.ttl")) in graph
    data = client.get("/dataset", headers={"Accept": "application/json"}).json()
    assert data["triples"] == triples and data["dumps"]["nq"]["media"] == "application/n-quads"
    assert "Downloads" in client.get("/dataset", headers=HTML).text


@pytest.mark.parametrize("ext", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_dumps(client: httpx.Client, ext: str) -> None:
    response = client.get(f"/dataset/dump.{ext}")
    assert response.status_code == 200
    assert has_triple(response.content, ext, TAIHU, RDFS_LABEL, '"太湖新城"@zh')
    assert client.get("/dataset/dump.pdf").status_code == 404


def test_ontology(client: httpx.Client) -> None:
    page = client.get("/ontology", headers=HTML).text
    assert 'id="PlanningZone"' in page and "规划片区" in page and "planning zone" in page
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.content, format="turtle")
    assert (rdflib.URIRef(PG + "PlanningZone"), rdflib.RDFS.subClassOf, rdflib.URIRef(PG + "Zone")) in graph
    assert client.get("/ontology.ttl").content == turtle.content
    assert len(rdflib.Graph().parse(data=client.get("/ontology.nt").content, format="nt")) == len(graph)
    terms = client.get("/ontology", headers={"Accept": "application/json"}).json()["terms"]
    assert any(t["local"] == "involves" and t["label_zh"] == "涉及" for t in terms)


# -- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [("/no/such/page", 404), ("/search?limit=0", 400), ("/explore/neighbours", 400), ("/dataset/dump.x", 404)],
)
def test_json_error_shape(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["errors"]


def test_home_page(client: httpx.Client) -> None:
    page = client.get("/", headers=HTML).text
    for text in ('action="/search"', 'href="/sparql"', 'href="/queries"', 'href="/explore"', 'href="/dataset"',
                 'href="/ontology"', "推进城乡融合发展"):  # fmt: skip
        assert text in page
    assert json.loads(client.get("/openapi.json").text)["paths"]["/sparql"]


def test_public_url_setting_is_used_for_absolute_links(make_server) -> None:
    live = make_server(public_url="https://plans.example.org")
    page = httpx.get(live.url + "/id/entity/taihu-new-town", headers=HTML)
    assert '<https://plans.example.org/id/entity/taihu-new-town.ttl>; rel="alternate"' in page.headers["link"]
    assert 'href="/id/test/2023/task/13"' in page.text  # page links stay relative
    description = httpx.get(live.url + "/sparql", headers={"Accept": "text/turtle"}).text
    assert "<https://plans.example.org/sparql>" in description and "127.0.0.1" not in description
    void = httpx.get(live.url + "/dataset", headers={"Accept": "application/n-triples"}).text
    assert "<https://plans.example.org/dataset/dump.ttl>" in void and "127.0.0.1" not in void
