"""A standalone interactive HTML page for a network: vis-network inlined, works offline.

pyvis assembles the node and edge records; the page itself is written here
because pyvis's templates load Bootstrap and, in some modes, vis-network
from CDNs (pyvis issues #228, #229). The vis-network script and stylesheet
are read from pyvis's own bundled copy and inlined, and a
Content-Security-Policy forbids every network load, so the file opens
offline and cannot call home.

Labels come from the data and may hold anything, so nothing from the data
becomes markup: the JSON data block escapes ``<``, ``>`` and ``&``, tooltips
are DOM elements filled with ``textContent`` (vis-network would render a
title *string* as HTML), and the legend and node table are HTML-escaped.
The script sets ``data-drawn-nodes`` and ``data-drawn-edges`` on
``#pg-status`` once vis-network has drawn, so a headless browser can check
what was drawn.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import networkx as nx

from plangraph._atomic import write_atomic
from plangraph._errors import PlangraphError
from plangraph.network._classes import CLASS_INFO, class_colour
from plangraph.network._layout import LAYOUT_SEED, class_order, drawing_positions, shorten
from plangraph.network._metrics import Hop, describe_path
from plangraph.network._projection import local_name

__all__ = ["VIS_NETWORK_VERSION", "remote_references", "render_html", "write_html"]

VIS_NETWORK_VERSION: Final = "9.1.2"
_CANVAS_LABEL_LIMIT: Final = 16
_PIXELS_PER_UNIT: Final = 60.0
_REMOTE_REFERENCE: Final = re.compile(
    r"""<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
_SOURCE_MAP: Final = re.compile(r"//# sourceMappingURL=\S+")
_JSON_ESCAPES: Final = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}

_PAGE_SCRIPT: Final = """(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  // Tooltips are elements built with textContent: vis-network renders a title string as HTML.
  function tooltipElement(lines) {
    var box = document.createElement("div");
    box.className = "pg-tooltip";
    lines.forEach(function (line, index) {
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }
  function withTooltips(items) {
    return items.map(function (item) {
      var copy = Object.assign({}, item);
      copy.title = tooltipElement(item.tooltip || []);
      delete copy.tooltip;
      return copy;
    });
  }
  var nodes = new vis.DataSet(withTooltips(data.nodes));
  var edges = new vis.DataSet(withTooltips(data.edges));
  var network = new vis.Network(document.getElementById("pg-network"), {nodes: nodes, edges: edges}, data.options);
  network.once("afterDrawing", function () {
    var drawnNodes = Object.keys(network.getPositions()).length;
    // vis-network has no public count of drawn edges; edgeIndices is what its renderer walks.
    var drawnEdges = network.body.edgeIndices.length;
    var status = document.getElementById("pg-status");
    status.dataset.drawnNodes = String(drawnNodes);
    status.dataset.drawnEdges = String(drawnEdges);
    status.textContent = "已绘制 " + drawnNodes + " 个节点、" + drawnEdges + " 条边 · " +
      drawnNodes + " nodes, " + drawnEdges + " edges drawn";
  });
  window.plangraph = {network: network, tooltipElement: tooltipElement};
})();
"""

_PAGE_STYLE: Final = """
body {
  margin: 0; color: #222;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 18px; margin: 0 0 4px; }
#pg-status { margin: 0; font-size: 13px; color: #555; }
main { display: flex; height: calc(100vh - 70px); }
#pg-network { flex: 1; min-width: 0; }
aside { width: 300px; overflow-y: auto; padding: 8px 12px; border-left: 1px solid #ddd; font-size: 13px; }
aside h2 { font-size: 14px; margin: 8px 0 4px; }
#pg-legend { list-style: none; padding: 0; margin: 0; }
#pg-legend li { margin: 2px 0; }
.pg-swatch {
  display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px; vertical-align: middle;
}
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 1px 4px; border-bottom: 1px solid #eee; vertical-align: top; }
.pg-tooltip { max-width: 360px; font-size: 12px; line-height: 1.4; white-space: normal; }
.pg-tooltip div { color: #444; word-break: break-all; }
"""


def remote_references(page: str) -> list[str]:
    """The tags in ``page`` that would load a script, style or image from the network."""
    return [match.group(0) for match in _REMOTE_REFERENCE.finditer(page)]


def render_html(graph: nx.Graph, *, title: str, path: Sequence[Hop] = (), seed: int = LAYOUT_SEED) -> str:
    """The standalone page for ``graph`` as text; ``path`` hops are drawn highlighted and listed."""
    script, stylesheet = _vis_assets()
    data = _network_data(graph, path, seed)
    data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():
        data_json = data_json.replace(raw, escaped)
    policy = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)} {_csp_hash(_PAGE_SCRIPT)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )
    escaped_title = html.escape(title)
    page = f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plangraph (vis-network {VIS_NETWORK_VERSION} via pyvis)">
<title>{escaped_title}</title>
<style>{stylesheet}</style>
<style>{_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>{escaped_title}</h1>
<p id="pg-status" data-nodes="{len(graph)}" data-edges="{graph.number_of_edges()}">\
{len(graph)} 个节点、{graph.number_of_edges()} 条边 · {len(graph)} nodes, {graph.number_of_edges()} edges</p>
</header>
<main>
<div id="pg-network"></div>
<aside>
{_legend_html(graph)}
{_path_html(graph, path)}
{_node_table_html(graph)}
</aside>
</main>
<script type="application/json" id="pg-data">{data_json}</script>
<script>{script}</script>
<script>{_PAGE_SCRIPT}</script>
</body>
</html>
"""
    if found := remote_references(page):
        raise PlangraphError(f"the page would load from the network: {found[0]}")
    return page


def write_html(graph: nx.Graph, output: Path, *, title: str, path: Sequence[Hop] = (), seed: int = LAYOUT_SEED) -> Path:
    """Write :func:`render_html`'s page to ``output`` (atomically) and return the path."""
    write_atomic(output, render_html(graph, title=title, path=path, seed=seed))
    return output


def _vis_assets() -> tuple[str, str]:
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise PlangraphError("pyvis is not installed; reinstall plangraph")
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        stylesheet = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise PlangraphError(f"pyvis's copy of vis-network {VIS_NETWORK_VERSION} is missing: {error}") from error
    # The map file is not shipped; a browser's devtools would try to fetch it.
    script = _SOURCE_MAP.sub("", script)
    # Inside a <script> element "</script" ends the element wherever it stands; "<\/" means the same in JS strings.
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    stylesheet = re.sub(r"</(style)", r"<\\/\1", stylesheet, flags=re.IGNORECASE)
    return script, stylesheet


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _network_data(graph: nx.Graph, path: Sequence[Hop], seed: int) -> dict[str, Any]:
    # pyvis imports IPython: paid only when a page is made.
    from pyvis.network import Network

    on_path_nodes = {hop.source for hop in path} | {hop.target for hop in path}
    on_path_edges = {frozenset((hop.source, hop.target)) for hop in path}
    scale = _PIXELS_PER_UNIT * max(6.0, len(graph) ** 0.5 * 2.0)
    positions = drawing_positions(graph, path, seed=seed)
    net = Network(directed=True)
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        colour = class_colour(attrs["class"])
        border = "#111111" if node in on_path_nodes else colour
        net.add_node(
            node,
            label=shorten(attrs["label"], _CANVAS_LABEL_LIMIT),
            color={"background": colour, "border": border, "highlight": {"background": colour, "border": "#111111"}},
            borderWidth=3 if node in on_path_nodes else 1,
            value=graph.degree(node) + 1,
            x=round(x * scale, 1),
            y=round(-y * scale, 1),
            tooltip=_node_tooltip(graph, node),
        )
    for u, v, attrs in graph.edges(data=True):
        highlighted = frozenset((u, v)) in on_path_edges
        name = local_name(attrs["predicate"])
        subject, obj = graph.nodes[attrs["subject"]], graph.nodes[attrs["object"]]
        options: dict[str, Any] = {
            "tooltip": [name, f"{subject['label']} → {obj['label']}", attrs["predicate"]],
            "color": {"color": "#d62728" if highlighted else "#b5b5b5", "highlight": "#333333"},
            "width": 3 if highlighted else 1,
        }
        if highlighted:
            options["label"] = name
        net.add_edge(attrs["subject"], attrs["object"], **options)
    net.options = _vis_options()
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options_json)}


def _vis_options() -> dict[str, Any]:
    # Positions come from the seeded networkx layout, so physics stays off: the page draws at
    # once, looks the same on every load and matches the PNG.
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": True},
        "nodes": {
            "shape": "dot",
            "scaling": {"min": 8, "max": 36},
            "font": {"size": 14, "face": "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 12, "align": "middle"},
        },
    }


def _node_tooltip(graph: nx.Graph, node: str) -> list[str]:
    attrs = graph.nodes[node]
    info = CLASS_INFO.get(attrs["class"])
    lines = [attrs["label_zh"] or attrs["label"]]
    if attrs["label_en"]:
        lines.append(attrs["label_en"])
    lines.append(f"{info.label_zh} {attrs['class']}" if info else attrs["class"])
    lines.append(f"度 degree: {graph.degree(node)}")
    lines.append(node)
    return lines


def _legend_html(graph: nx.Graph) -> str:
    counts = Counter(attrs["class"] for _, attrs in graph.nodes(data=True))
    items = []
    for name in sorted(counts, key=class_order):
        info = CLASS_INFO.get(name)
        text = f"{info.label_zh} {name}" if info else name
        items.append(
            f'<li><span class="pg-swatch" style="background:{class_colour(name)}"></span>'
            f"{html.escape(text)} ({counts[name]})</li>"
        )
    return '<h2>图例 Legend</h2>\n<ul id="pg-legend">\n' + "\n".join(items) + "\n</ul>"


def _path_html(graph: nx.Graph, path: Sequence[Hop]) -> str:
    if not path:
        return ""
    steps = "\n".join(f"<li>{html.escape(describe_path(graph, [hop]))}</li>" for hop in path)
    return f'<h2>最短路径 Shortest path ({len(path)} hops)</h2>\n<ol id="pg-path">\n{steps}\n</ol>'


def _node_table_html(graph: nx.Graph) -> str:
    rows = []
    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: (class_order(item[1]["class"]), item[0])):
        cells = (attrs["label_zh"] or attrs["label"], attrs["label_en"], attrs["class"], str(graph.degree(node)))
        rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
    return (
        f"<details><summary>节点 Nodes ({len(graph)})</summary>\n"
        '<table id="pg-nodes"><thead><tr><th>中文</th><th>English</th><th>class</th><th>度</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table></details>"
    )
