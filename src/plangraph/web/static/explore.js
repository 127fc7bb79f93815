/* plangraph explorer: filters, expand on click, open on double click, paths between nodes. */
(function () {
  "use strict";
  var PG = window.PG;
  var config = JSON.parse(document.getElementById("explore-config").textContent);
  var status = document.getElementById("status");
  var container = document.getElementById("network");
  var nodes, edges, network;

  function say(text) { status.textContent = text; }

  function withParams(url, params) {
    var query = new URLSearchParams();
    params.forEach(function (pair) { if (pair[1]) query.append(pair[0], pair[1]); });
    var text = query.toString();
    return text ? url + (url.indexOf("?") >= 0 ? "&" : "?") + text : url;
  }

  function selectedClasses() {
    return Array.prototype.map.call(document.querySelectorAll("input[name=class]:checked"), function (box) {
      return box.value;
    });
  }

  function showSelection(node) {
    var panel = document.getElementById("selection");
    var body = document.getElementById("selection-body");
    var n = node.raw;
    body.replaceChildren(
      PG.el("div", { class: "t-zh", text: n.zh || n.en || n.id }),
      n.zh && n.en ? PG.el("div", { class: "en", text: n.en }) : null,
      PG.el("div", { class: "muted", text: [n.class_zh, n.class_en].filter(Boolean).join(" · ") }),
      PG.el("div", { class: "iri", text: n.id }),
      PG.el("a", { href: n.url, text: "打开页面 Open page →" })
    );
    panel.hidden = false;
  }

  function expand(iri) {
    say("Loading neighbours…");
    return PG.fetchJSON(withParams(config.neighbours, [["iri", iri]])).then(function (payload) {
      PG.addPayload(nodes, edges, payload);
      say(nodes.length + " nodes, " + edges.length + " links");
    }).catch(function (error) { say(error.message); });
  }

  function load() {
    if (!window.vis) { say("vis-network is not available."); return; }
    var goal = document.getElementById("goal").value;
    var params = [["goal", goal]];
    selectedClasses().forEach(function (c) { params.push(["class", c]); });
    say("Loading…");
    PG.fetchJSON(withParams(config.graph, params)).then(function (payload) {
      nodes = new vis.DataSet();
      edges = new vis.DataSet();
      PG.addPayload(nodes, edges, payload);
      if (network) network.destroy();
      network = PG.network(container, nodes, edges, payload.nodes.length > 200);
      network.on("click", function (event) {
        if (!event.nodes.length) return;
        var node = nodes.get(event.nodes[0]);
        showSelection(node);
        expand(node.id);
      });
      network.on("doubleClick", function (event) {
        if (!event.nodes.length) return;
        var node = nodes.get(event.nodes[0]);
        if (node.raw.url) window.location.href = node.raw.url;
      });
      say(payload.nodes.length + " nodes, " + payload.edges.length + " links");
      if (config.start) {
        expand(config.start).then(function () {
          network.selectNodes([config.start]);
          network.focus(config.start, { scale: 1.2 });
          showSelection(nodes.get(config.start));
        });
      }
      document.body.setAttribute("data-graph-ready", "true");
    }).catch(function (error) { say(error.message); });
  }

  function findPath() {
    var from = document.getElementById("path-from").value.trim();
    var to = document.getElementById("path-to").value.trim();
    var list = document.getElementById("path-steps");
    list.replaceChildren();
    if (!from || !to) { say("Give both ends of the path."); return; }
    PG.fetchJSON(withParams(config.path, [["from", from], ["to", to]])).then(function (payload) {
      PG.addPayload(nodes, edges, payload);
      var byId = {};
      payload.nodes.forEach(function (n) { byId[n.id] = n; });
      payload.steps.forEach(function (step) {
        var a = byId[step.from], b = byId[step.to];
        var names = step.predicates.map(function (p) { return p.zh ? p.zh + " " + p.en : p.en; }).join(" / ");
        var arrow = step.forward ? " —" + names + "→ " : " ←" + names + "— ";
        list.append(PG.el("li", null,
          PG.el("a", { href: a.url, text: a.zh || a.en || a.id }), arrow,
          PG.el("a", { href: b.url, text: b.zh || b.en || b.id })));
      });
      network.selectNodes(payload.nodes.map(function (n) { return n.id; }));
      network.fit({ nodes: payload.nodes.map(function (n) { return n.id; }), animation: true });
      say("Path of " + payload.length + " links.");
    }).catch(function (error) { say(error.message); });
  }

  document.querySelectorAll(".swatch").forEach(function (swatch) {
    swatch.style.backgroundColor = swatch.getAttribute("data-color");
  });
  document.getElementById("apply").addEventListener("click", load);
  document.getElementById("goal").addEventListener("change", load);
  document.getElementById("find-path").addEventListener("click", findPath);
  load();
})();
