"""Security: graph text is escaped, assets are local, no stack traces, no outbound requests."""

from __future__ import annotations

import http.server
import logging
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
import pytest
from web_support import ID, TAIHU

from plangraph.store import OxigraphStore
from plangraph.web.deps import get_store

pytestmark = pytest.mark.network

HTML = {"Accept": "text/html"}
XSS = ID + "entity/xss"
RAW_MARKUP = ("<script>alert('xss')</script>", "<img src=x onerror=alert(1)>")


class _Assets(HTMLParser):
    """Collects every URL the page would load by itself (not links the reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "embed", "source", "audio", "video") and values.get("src"):
            self.loads.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.loads.append(values["href"] or "")
        if tag == "object" and values.get("data"):
            self.loads.append(values["data"] or "")
        self._in_script = tag == "script" and not values.get("src") and values.get("type") != "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def html_pages(client: httpx.Client) -> list[str]:
    names = [q["name"] for q in client.get("/queries.json").json()["queries"]]
    return [
        "/", "/search", "/search?q=taihu", "/search?q=%3Cscript%3E", "/sparql", "/sparql?name=label-search",
        "/queries", *[f"/queries/{n}" for n in names], "/explore", "/dataset", "/ontology",
        "/id/entity/taihu-new-town", "/id/entity/xss", "/id/test/2023/task/13", "/id/test/2023/evidence/127-160",
        "/id/indicator/gdp", "/no-such-page", "/id/entity/none",
    ]  # fmt: skip


def test_every_html_page_loads_only_local_assets(client: httpx.Client, base: str) -> None:
    host = urlsplit(base).netloc
    for path in html_pages(client):
        response = client.get(path, headers=HTML)
        assert response.headers["content-type"].startswith("text/html"), path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        parser = _Assets()
        parser.feed(response.text)
        for url in parser.loads:
            parts = urlsplit(url)
            assert parts.scheme in ("", "data") or parts.netloc == host, f"{path} loads {url}"
            assert not url.startswith("//"), f"{path} loads {url}"
        assert parser.inline_scripts == [], f"{path} has inline script"
        assert not re.search(r"https?://[^\"']*(cdn|unpkg|jsdelivr|googleapis)", response.text), path


def test_graph_text_is_escaped_everywhere(client: httpx.Client) -> None:
    for path in ("/id/entity/xss", "/id/test/2023/task/4", "/search?q=%3Cimg", "/search?q=onerror",
                 "/queries/label-search?q=onerror"):  # fmt: skip
        text = client.get(path, headers=HTML).text
        for markup in RAW_MARKUP:
            assert markup not in text, (path, markup)
    page = client.get("/id/entity/xss", headers=HTML).text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;论坛</mark>" in page
    # JSON keeps the text as it is, but is never sniffed as HTML
    data = client.get("/id/entity/xss.json")
    assert data.headers["content-type"] == "application/json" and data.headers["x-content-type-options"] == "nosniff"
    # a query string echoed into the page is escaped too
    echoed = client.get("/search", params={"q": '"><script>alert(1)</script>'}, headers=HTML).text
    assert "<script>alert(1)</script>" not in echoed


def test_editor_config_is_inert_json(client: httpx.Client) -> None:
    query = "SELECT * WHERE { ?s ?p '</script><script>alert(1)</script>' }"
    page = client.get("/sparql", params={"query": query}, headers=HTML).text
    assert "</script><script>alert(1)" not in page
    assert '<script type="application/json" id="editor-config">' in page


def test_tooltips_are_built_as_text(client: httpx.Client) -> None:
    for name in ("graph.js", "explore.js", "sparql.js"):
        script = client.get(f"/static/{name}").text
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script
    assert "textContent" in client.get("/static/graph.js").text


class _Broken(OxigraphStore):
    """A store whose queries fail the way a bug would."""

    def _query(self, sparql: str):  # type: ignore[override]
        raise RuntimeError("secret internal detail /etc/passwd")


def test_server_errors_hide_details_and_are_logged(make_server, caplog: pytest.LogCaptureFixture) -> None:
    live = make_server()
    live.app.dependency_overrides[get_store] = _Broken
    caplog.set_level(logging.ERROR, logger="plangraph.web")
    text = httpx.get(live.url + "/sparql", params={"query": "ASK {}"})
    page = httpx.get(live.url + "/id/entity/taihu-new-town", headers=HTML)
    data = httpx.get(live.url + "/id/entity/taihu-new-town", headers={"Accept": "application/json"})
    for response in (text, page, data):
        assert response.status_code == 500
        assert "secret" not in response.text and "Traceback" not in response.text and "RuntimeError" not in response.text
    assert text.text.strip() == "internal server error (logged on the server)"
    assert data.json() == {"ok": False, "error": "internal server error (logged on the server)",
                           "errors": ["internal server error"], "status": 500}  # fmt: skip
    assert any("secret internal detail" in r.getMessage() for r in caplog.records)


@pytest.fixture
def trap() -> Iterator[list[str]]:
    """A loopback HTTP server that records every request: the service must never call it."""
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<https://e.org/s> <https://e.org/p> <https://e.org/o> .")

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hits.append(f"http://127.0.0.1:{server.server_port}")
    try:
        yield hits
    finally:
        server.shutdown()
        server.server_close()


def test_no_outbound_requests(client: httpx.Client, trap: list[str]) -> None:
    url = trap.pop(0)
    attempts = [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"DESCRIBE <{url}/thing>",
    ]
    for query in attempts:
        client.get("/sparql", params={"query": query})
        client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{url}/g"})
    client.post("/sparql", data={"update": f"LOAD <{url}/data.ttl>"})
    client.get("/id/entity/taihu-new-town", headers=HTML)
    client.get("/explore/neighbours", params={"iri": f"{url}/x"})
    client.get("/explore/path", params={"from": f"{url}/x", "to": TAIHU})
    assert trap == []
