"""The standalone HTML page: offline, escaped, and drawn by a real (headless) browser."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from network_samples import EVENT, TRIPLES, XSS, run_chromium

from plangraph.network import build_view, project, remote_references, render_html, write_html, write_view
from plangraph.store import Store, open_store

_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


@pytest.fixture
def page(plan) -> str:
    return render_html(plan, title="规划图谱 <test> & co")


def _data_block(page: str) -> str:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_no_remote_script_or_style(page: str) -> None:
    assert remote_references(page) == []
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert "@import" not in page
    assert "sourceMappingURL" not in page


def test_vis_network_is_inlined_and_policy_forbids_network_loads(page: str) -> None:
    scripts = _SCRIPT.findall(page)
    assert [attrs.strip() for attrs, _ in scripts] == ['type="application/json" id="pg-data"', "", ""]
    assert "vis-network" in page and len(scripts[1][1]) > 400_000
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert policy.startswith("default-src 'none';")
    # Each executable script is allowed by its hash, so the policy and the page cannot drift apart.
    for _attrs, body in scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_remote_references_catches_remote_tags() -> None:
    for tag in (
        '<script src="https://cdn.example/vis.js"></script>',
        "<script type=module src=//cdn.example/x.js></script>",
        '<link rel="stylesheet" href="http://cdn.example/x.css">',
        "<img src='https://example.org/p.png'>",
    ):
        assert remote_references(tag) == [re.match(r"<[^>]*?(?:https?:)?//", tag).group(0)]
    assert remote_references('<a href="https://example.org">x</a><script>var u = "https://x";</script>') == []


def test_hostile_labels_stay_text(page: str) -> None:
    assert XSS not in page
    assert "<b>label</b>" not in page
    assert html.escape(XSS) in page  # in the node table
    block = _data_block(page)
    assert "</" not in block and "<" not in block
    data = json.loads(block)
    (event,) = [node for node in data["nodes"] if node["id"] == EVENT]
    assert event["label"].startswith("<script>") and event["tooltip"][:2] == [XSS, "Bad <b>label</b> & co"]
    assert "innerHTML" not in page.split("<script>")[-1]
    assert "&lt;test&gt; &amp; co" in page


def test_page_is_deterministic(plan) -> None:
    assert render_html(plan, title="t") == render_html(plan, title="t")


def test_write_html_writes_utf8(plan, tmp_path: Path) -> None:
    out = write_html(plan, tmp_path / "sub" / "plan.html", title="规划")
    assert "<title>规划</title>" in out.read_text(encoding="utf-8")


class _ElementCounter(HTMLParser):
    """Counts start tags the way a browser's parser sees them (script text is not markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1


def _elements(dom: str) -> dict[str, int]:
    counter = _ElementCounter()
    counter.feed(dom)
    counter.close()
    return counter.counts


def _drawn(dom: str) -> tuple[int, int]:
    status = re.search(r'<p id="pg-status"[^>]*>', dom)
    assert status is not None, dom[:2000]
    nodes = re.search(r'data-drawn-nodes="(\d+)"', status.group(0))
    edges = re.search(r'data-drawn-edges="(\d+)"', status.group(0))
    assert nodes and edges, f"the page never finished drawing: {status.group(0)}"
    return int(nodes.group(1)), int(edges.group(1))


@pytest.mark.browser
def test_chromium_draws_every_node_and_injects_nothing(plan, tmp_path: Path) -> None:
    page = write_html(plan, tmp_path / "plan.html", title="plan")
    dom = run_chromium(page, tmp_path, "--dump-dom")
    assert _drawn(dom) == (9, 8)
    assert XSS not in dom
    elements = _elements(dom)
    assert elements["script"] == 3  # the data block, vis-network and the page's own script
    assert "b" not in elements  # the English label's <b> stayed text
    assert html.escape(XSS, quote=False) in dom


_HOVER_PROBE = """
setTimeout(function () {
  var network = window.plangraph.network;
  var canvas = document.querySelector("#pg-network canvas");
  var box = canvas.getBoundingClientRect();
  var at = network.canvasToDOM(network.getPosition(%s));
  canvas.dispatchEvent(new MouseEvent("mousemove", {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true}));
  setTimeout(function () {
    var tooltip = document.querySelector("div.vis-tooltip");
    var probe = document.createElement("output");
    probe.id = "probe";
    probe.dataset.found = String(Boolean(tooltip));
    if (tooltip) {
      probe.dataset.visibility = tooltip.style.visibility;
      probe.dataset.scripts = String(tooltip.querySelectorAll("script").length);
      probe.dataset.first = tooltip.querySelector("strong") ? tooltip.querySelector("strong").textContent : "";
    }
    document.body.appendChild(probe);
  }, 1000);
}, 500);
"""


@pytest.mark.browser
def test_chromium_tooltip_shows_hostile_label_as_text(plan, tmp_path: Path) -> None:
    page = render_html(plan, title="plan")
    probe = _HOVER_PROBE % json.dumps(EVENT)
    digest = base64.b64encode(hashlib.sha256(probe.encode()).digest()).decode()
    # The probe is a test-only script: allow it by hash like the page's own, and run it after them.
    page = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    page = page.replace("</body>", f"<script>{probe}</script>\n</body>", 1)
    path = tmp_path / "hover.html"
    path.write_text(page, encoding="utf-8")
    dom = run_chromium(path, tmp_path, "--dump-dom")
    match = re.search(r'<output id="probe"([^>]*)>', dom)
    assert match is not None, "the probe script did not run"
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', match.group(1)))
    assert attrs["found"] == "true" and attrs["visibility"] == "visible"
    assert attrs["scripts"] == "0"
    assert html.unescape(attrs["first"]) == XSS
    tooltip = re.search(r'<div class="vis-tooltip".*?</div></div>', dom, re.DOTALL)
    assert tooltip is not None and html.escape(XSS, quote=False) in tooltip.group(0)


@pytest.mark.browser
def test_chromium_screenshot_shows_the_network(oxigraph_store: Store, tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    page = write_view(build_view(oxigraph_store, "plan"), tmp_path / "plan.html")
    shot = tmp_path / "shot.png"
    run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,800", "--hide-scrollbars")
    with Image.open(shot) as image:
        pixels = np.asarray(image.convert("RGB")).astype(int)
    assert pixels.shape == (800, 1200, 3)
    # The goals' red (#d62728) must be on screen: vis-network drew on the canvas.
    red = (np.abs(pixels - np.array([0xD6, 0x27, 0x28])) < 12).all(axis=2).sum()
    assert red > 50


@pytest.mark.browser
def test_chromium_draws_the_real_plan_graph(tmp_path: Path) -> None:
    with open_store() as store:
        for ttl in sorted(TRIPLES.glob("*.ttl")):
            store.load(ttl, format="turtle")
        graph = project(store, "all")
    page = write_html(graph, tmp_path / "all.html", title="all")
    assert _drawn(run_chromium(page, tmp_path, "--dump-dom")) == (len(graph), graph.number_of_edges())
