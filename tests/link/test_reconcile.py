"""The reconciliation service on a real uvicorn server on loopback; every answer against the 0.2 JSON Schemas."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

pytestmark = pytest.mark.network

#: The specification's JSON Schemas, copied from its repository (reconciliation-api/specs, 0.2/schemas).
SPECS = Path(__file__).resolve().parent / "schemas" / "reconciliation-0.2"


@pytest.fixture(scope="module")
def schemas():
    """A validator per schema file, with the files' cross-references (``type.json``) resolved locally."""
    assert SPECS.is_dir(), f"the Reconciliation API 0.2 schemas are missing from {SPECS}"
    from jsonschema import Draft7Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT7

    loaded = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SPECS.glob("*.json")}
    registry = Registry().with_resources((schema["$id"], DRAFT7.create_resource(schema)) for schema in loaded.values())
    validators = {name: Draft7Validator(schema, registry=registry) for name, schema in loaded.items()}

    def check(name: str, data: object) -> None:
        errors = sorted(validators[name].iter_errors(data), key=str)
        assert not errors, f"{name}: " + "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)

    return check


@pytest.fixture(scope="module")
def server(plan) -> Iterator[str]:
    """The router in a small app of its own, served by uvicorn in a thread on a free loopback port."""
    from plangraph.web.reconcile import router

    app = FastAPI()
    app.state.store = plan.store
    app.include_router(router)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield base
    instance.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as http:
        yield http


BATCH = {
    "q0": {"query": "昆山", "type": "AdministrativeArea"},
    "q1": {"query": "崑山市", "limit": 1},
    "q2": {"query": "Suzhou Gongye Yuanqu", "type": ["PlanningZone", "RailLine"], "type_strict": "any"},
    "q3": {"properties": [{"pid": "adminCode", "v": "320585"}]},
    "q4": {"query": "宿州"},
    "q5": {"query": "昆山", "properties": [{"pid": "partOf", "v": {"id": "entity/suzhou", "name": "苏州"}}]},
    "q6": {"query": "地区生产总值（GDP）", "type": "Indicator"},
    "q7": {"query": "太湖", "type": "Zone", "limit": 3},
}


def _best(results: dict, key: str) -> dict:
    return results[key]["result"][0]


def test_manifest(client, schemas, server) -> None:
    response = client.get("/reconcile")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.headers["access-control-allow-origin"] == "*"
    manifest = response.json()
    schemas("manifest", manifest)
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "https://w3id.org/plangraph/id/"
    assert manifest["schemaSpace"] == "https://w3id.org/plangraph/ontology#"
    assert manifest["view"]["url"] == f"{server}/id/{{{{id}}}}"
    assert {t["id"] for t in manifest["defaultTypes"]} >= {"Entity", "Indicator"}
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        assert client.get(service["service_url"] + service["service_path"], params={"prefix": "太"}).status_code == 200
    preview = manifest["preview"]["url"].replace("{{id}}", "entity%2Fkunshan")
    assert client.get(preview).status_code == 200


def test_batch_by_post_and_get(client, schemas) -> None:
    schemas("reconciliation-query-batch", BATCH)
    posted = client.post("/reconcile", data={"queries": json.dumps(BATCH, ensure_ascii=False)})
    assert posted.status_code == 200, posted.text
    results = posted.json()
    schemas("reconciliation-result-batch", results)
    got = client.get("/reconcile", params={"queries": json.dumps(BATCH)})
    assert got.status_code == 200 and got.json() == results
    assert set(results) == set(BATCH)
    assert (_best(results, "q0")["id"], _best(results, "q0")["match"]) == ("entity/kunshan", True)
    assert _best(results, "q0")["type"] == [{"id": "AdministrativeArea", "name": "administrative area", "description": "行政区划"}]
    assert len(results["q1"]["result"]) == 1 and _best(results, "q1")["id"] == "entity/kunshan"
    assert (_best(results, "q2")["id"], _best(results, "q2")["match"]) == ("entity/suzhou-industrial-park", True)
    assert {"id": "method_pinyin", "value": True} in _best(results, "q2")["features"]
    assert [c["id"] for c in results["q3"]["result"]] == ["entity/taicang"]
    assert not any(c["match"] for c in results["q4"]["result"])
    assert _best(results, "q5")["score"] == 100 and _best(results, "q5")["match"]
    assert (_best(results, "q6")["id"], _best(results, "q6")["match"]) == ("indicator/gdp", True)
    assert len(results["q7"]["result"]) <= 3 and _best(results, "q7")["id"] == "entity/lake-tai"
    scores = [c["score"] for c in results["q7"]["result"]]
    assert scores == sorted(scores, reverse=True)


def test_suggest(client, schemas) -> None:
    entities = client.get("/reconcile/suggest/entity", params={"prefix": "太湖"}).json()
    schemas("suggest-entities-response", entities)
    assert entities["result"][0]["id"] == "entity/lake-tai"
    page2 = client.get("/reconcile/suggest/entity", params={"prefix": "太湖", "cursor": 1}).json()
    assert page2["result"][0] == entities["result"][1]
    typed = client.get("/reconcile/suggest/entity", params={"prefix": "苏州", "type": "University"}).json()
    # names starting with 苏州 first, then those containing it
    assert [e["id"] for e in typed["result"]] == [
        "entity/soochow-university", "entity/soochow-university-normal-college", "entity/nanjing-university-suzhou-campus"
    ]
    types = client.get("/reconcile/suggest/type", params={"prefix": "zone"}).json()
    schemas("suggest-types-response", types)
    assert {t["id"] for t in types["result"]} >= {"Zone", "PlanningZone"}
    planning = next(t for t in types["result"] if t["id"] == "PlanningZone")
    assert planning["broader"] == [{"id": "Zone", "name": "zone", "description": "地域"}]
    properties = client.get("/reconcile/suggest/property", params={"prefix": "code"}).json()
    schemas("suggest-properties-response", properties)
    assert [p["id"] for p in properties["result"]] == ["adminCode"]


def test_preview(client) -> None:
    response = client.get("/reconcile/preview", params={"id": "entity/kunshan"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "昆山市" in response.text and "320583" in response.text and "/id/entity/kunshan" in response.text
    assert client.get("/reconcile/preview", params={"id": "entity/nowhere"}).status_code == 404


def test_jsonp(client) -> None:
    response = client.get("/reconcile/suggest/type", params={"prefix": "rail", "callback": "cb_1"})
    assert response.headers["content-type"].startswith("application/javascript")
    assert response.text.startswith("/**/cb_1({") and response.text.endswith("});")
    assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"queries": "{not json"}, "not JSON"),
        ({"queries": "[1]"}, "expected a JSON object"),
        ({"queries": json.dumps({"q": {"query": "昆山", "type": "Spaceship"}})}, "unknown type 'Spaceship'"),
        ({"queries": json.dumps({"q": {"query": "昆山", "colour": "red"}})}, "unknown field colour"),
        ({"queries": json.dumps({"q": {"query": "昆山", "limit": 0}})}, "positive integer"),
        ({"queries": json.dumps({"q": {"query": " "}})}, "non-empty query"),
        ({"queries": json.dumps({"q": {"properties": [{"pid": "height", "v": 1}]}})}, "unknown property 'height'"),
        ({"queries": json.dumps({f"q{i}": {"query": "x"} for i in range(101)})}, "at most 100"),
        ({"extend": "{}"}, "no data extension"),
    ],
)
def test_bad_batches_are_400(client, params, message) -> None:
    response = client.get("/reconcile", params=params)
    assert response.status_code == 400 and message in response.text, response.text


def test_post_protocol_errors(client) -> None:
    batch = json.dumps({"q": {"query": "昆山"}})
    twice = client.post("/reconcile", content=f"queries={batch}&queries={batch}", headers={"content-type": "application/x-www-form-urlencoded"})
    assert twice.status_code == 400 and "2 times" in twice.text
    both = client.post("/reconcile", params={"queries": batch}, data={"queries": batch})
    assert both.status_code == 400 and "both in the URL and in the body" in both.text
    as_json = client.post("/reconcile", json={"queries": batch})
    assert as_json.status_code == 415
    huge = client.post("/reconcile", data={"queries": "x" * 2_000_000})
    assert huge.status_code == 413
    bad_utf8 = client.post("/reconcile", content=b"queries=%FF%FE", headers={"content-type": "application/x-www-form-urlencoded"})
    assert bad_utf8.status_code == 400
    missing = client.post("/reconcile", data={"query": batch})
    assert missing.status_code == 400 and "no 'queries' field" in missing.text


def test_reconciler_is_a_dependency_tests_can_override(plan) -> None:
    import asyncio

    from plangraph.link import LinkTarget, Matcher, Reconciler
    from plangraph.web.reconcile import get_reconciler, router

    app = FastAPI()
    app.include_router(router)
    tiny = Reconciler(Matcher([LinkTarget("https://w3id.org/plangraph/id/entity/x", "某地", ("某地",))]), [])
    app.dependency_overrides[get_reconciler] = lambda: tiny

    async def ask() -> dict:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            response = await http.get("/reconcile", params={"queries": json.dumps({"q": {"query": "某地"}})})
            return response.json()

    results = asyncio.run(ask())
    assert results["q"]["result"][0]["id"] == "entity/x"
