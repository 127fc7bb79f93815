/* plangraph: shared graph helpers (vis-network) and the neighbourhood graph on resource pages.
   Graph text is only ever put into the page with textContent: tooltips are DOM elements,
   never HTML strings, so a label cannot inject markup. */
(function () {
  "use strict";
  var PG = (window.PG = window.PG || {});

  /* Build an element; attrs.text becomes textContent, children are nodes or plain strings (text). */
  PG.el = function (tag, attrs) {
    var node = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key) || attrs[key] == null) continue;
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      if (arguments[i] != null) node.append(arguments[i]);
    }
    return node;
  };

  PG.fetchJSON = function (url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      });
    });
  };

  PG.localName = function (iri) {
    var cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return cut >= 0 ? iri.slice(cut + 1) : iri;
  };

  PG.tooltip = function (n) {
    var box = PG.el("div", { class: "tooltip" });
    box.append(PG.el("div", { class: "t-zh", text: n.zh || n.en || n.id }));
    if (n.zh && n.en) box.append(PG.el("div", { text: n.en }));
    var cls = [n.class_zh, n.class_en].filter(Boolean).join(" · ");
    if (cls) box.append(PG.el("div", { class: "muted", text: cls }));
    box.append(PG.el("div", { class: "muted", text: "degree " + n.degree + " · betweenness " + n.betweenness }));
    return box;
  };

  PG.visNode = function (n) {
    return {
      id: n.id,
      label: n.label,
      title: PG.tooltip(n),
      shape: "dot",
      size: n.size,
      color: { background: n.color, border: "#4a4a4a", highlight: { background: n.color, border: "#a4262c" } },
      font: { size: 13, face: "Noto Sans CJK SC, sans-serif", color: "#1d2329" },
      raw: n,
    };
  };

  PG.visEdge = function (e) {
    var names = e.predicates.map(PG.localName);
    var tip = PG.el("div", { class: "tooltip" });
    e.predicates.forEach(function (p) { tip.append(PG.el("div", { text: p })); });
    return {
      id: e.from + " " + e.to,
      from: e.from,
      to: e.to,
      arrows: "to",
      label: names.join(", "),
      title: tip,
      font: { size: 9, color: "#5d6770", strokeWidth: 2 },
      color: { color: "#b7bec6", highlight: "#a4262c" },
      smooth: false,
    };
  };

  /* Add nodes and edges to vis DataSets, skipping ones already there. */
  PG.addPayload = function (nodes, edges, payload) {
    payload.nodes.forEach(function (n) { if (!nodes.get(n.id)) nodes.add(PG.visNode(n)); });
    payload.edges.forEach(function (e) {
      var edge = PG.visEdge(e);
      if (!edges.get(edge.id)) edges.add(edge);
    });
  };

  PG.network = function (container, nodes, edges, big) {
    return new vis.Network(container, { nodes: nodes, edges: edges }, {
      layout: { improvedLayout: !big },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: big ? 120 : 250 },
                 forceAtlas2Based: { gravitationalConstant: -45, springLength: 90 } },
      interaction: { hover: true, tooltipDelay: 150, navigationButtons: false },
      edges: { width: 1 },
    });
  };

  function miniGraph() {
    var box = document.getElementById("mini-graph");
    if (!box) return;
    if (!window.vis) {
      box.append(PG.el("p", { class: "muted", text: "vis-network is not available." }));
      return;
    }
    PG.fetchJSON(box.getAttribute("data-neighbours")).then(function (payload) {
      var nodes = new vis.DataSet();
      var edges = new vis.DataSet();
      PG.addPayload(nodes, edges, payload);
      var network = PG.network(box, nodes, edges, payload.nodes.length > 150);
      network.on("click", function (params) {
        if (params.nodes.length) {
          var node = nodes.get(params.nodes[0]);
          if (node && node.raw.url) window.location.href = node.raw.url;
        }
      });
    }).catch(function (error) {
      box.replaceChildren(PG.el("p", { class: "muted", text: "No neighbourhood graph: " + error.message }));
    });
  }

  document.addEventListener("DOMContentLoaded", miniGraph);
})();
