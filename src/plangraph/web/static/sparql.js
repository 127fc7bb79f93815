/* plangraph SPARQL editor: named queries with parameters, run, results table, downloads.
   Results are written with textContent; IRIs of the graph link to their local pages. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var picker = document.getElementById("named");
  var status = document.getElementById("status");
  var table = document.getElementById("results");
  var wrap = document.getElementById("results-wrap");
  var byName = {};
  config.queries.forEach(function (q) { byName[q.name] = q; });
  var ONTOLOGY = "https://w3id.org/plangraph/ontology#";

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i] != null) node.append(arguments[i]);
    return node;
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "status error" : "status";
  }

  /* The local page of a graph IRI, or null for IRIs of other datasets. */
  function pageOf(iri) {
    if (iri.indexOf(config.graph_base) === 0) {
      return config.id_path + iri.slice(config.graph_base.length).split("/").map(encodeURIComponent).join("/");
    }
    if (iri.indexOf(ONTOLOGY) === 0) return config.ontology_path + "#" + encodeURIComponent(iri.slice(ONTOLOGY.length));
    return null;
  }

  function cell(term) {
    var td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      var local = pageOf(term.value);
      var href = local || (/^https?:\/\//.test(term.value) ? term.value : null);
      var text = local ? term.value.replace(config.graph_base, "id:").replace(ONTOLOGY, "pg:") : term.value;
      td.append(href ? el("a", { href: href, title: term.value, text: text }) : el("span", { class: "iri", text: text }));
    } else if (term.type === "bnode") {
      td.append(el("span", { class: "iri", text: "_:" + term.value }));
    } else {
      td.append(document.createTextNode(term.value));
      if (term["xml:lang"]) td.append(el("span", { class: "lang", text: term["xml:lang"] }));
    }
    return td;
  }

  function showTable(data) {
    var head = el("tr");
    data.head.vars.forEach(function (v) { head.append(el("th", { text: v })); });
    var body = el("tbody");
    data.results.bindings.forEach(function (row) {
      var tr = el("tr");
      data.head.vars.forEach(function (v) { tr.append(cell(row[v])); });
      body.append(tr);
    });
    table.replaceChildren(el("thead", null, head), body);
    wrap.hidden = false;
  }

  function updateLinks() {
    var q = encodeURIComponent(textarea.value);
    document.getElementById("download-csv").href = config.endpoint + "?format=csv&query=" + q;
    document.getElementById("download-json").href = config.endpoint + "?format=json&query=" + q;
    document.getElementById("permalink").href = config.endpoint + "?query=" + q;
  }

  function run() {
    var started = performance.now();
    say("Running…");
    wrap.hidden = true;
    updateLinks();
    fetch(config.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query: textarea.value }).toString(),
    }).then(function (response) {
      var type = (response.headers.get("Content-Type") || "").split(";")[0];
      var truncated = response.headers.get("Plangraph-Truncated") === "true";
      var limit = response.headers.get("Plangraph-Row-Limit");
      return response.text().then(function (text) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        if (!response.ok) { say("Error " + response.status + ": " + text, true); return; }
        if (type === "text/turtle") {
          table.replaceChildren(el("tbody", null, el("tr", null, el("td", null, el("pre", { text: text })))));
          wrap.hidden = false;
          say("Graph result in " + seconds + " s");
          return;
        }
        var data = JSON.parse(text);
        if (typeof data.boolean === "boolean") {
          table.replaceChildren();
          say("ASK: " + data.boolean + " (" + seconds + " s)");
          return;
        }
        showTable(data);
        var n = data.results.bindings.length;
        say(n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s" +
            (truncated ? " — cut at the limit of " + limit + " rows" : ""));
      });
    }).catch(function (error) { say("Request failed: " + error.message, true); });
  }

  function paramValues() {
    var values = new URLSearchParams();
    document.querySelectorAll("#param-fields input").forEach(function (input) {
      values.set(input.name, input.value);
    });
    return values;
  }

  function loadText(named) {
    var query = paramValues().toString();
    return fetch(named.text_url + (query ? "?" + query : "")).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { say(text, true); return; }
        textarea.value = text;
        updateLinks();
      });
    });
  }

  /* Show a named query's description and parameter fields; load its text unless keepText. */
  function choose(name, runAfter, keepText) {
    var named = byName[name];
    var about = document.getElementById("about");
    var params = document.getElementById("params");
    var fields = document.getElementById("param-fields");
    fields.replaceChildren();
    if (!named) { about.hidden = true; params.hidden = true; return; }
    document.getElementById("about-title").textContent = named.title_zh + " · " + named.title_en;
    document.getElementById("about-description").textContent = named.description;
    document.getElementById("about-page").href = named.page_url;
    about.hidden = false;
    named.parameters.forEach(function (p) {
      var id = "param-" + p.name;
      var input = el("input", { type: "text", id: id, name: p.name });
      input.value = p["default"];
      input.addEventListener("change", function () { loadText(named); });
      fields.append(el("label", { for: id, text: p.name }), input, el("small", { text: p.help }));
    });
    params.hidden = named.parameters.length === 0;
    if (keepText) { if (runAfter) run(); return; }
    loadText(named).then(function () { if (runAfter) run(); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  textarea.addEventListener("input", updateLinks);
  picker.addEventListener("change", function () { choose(picker.value, true); });

  if (config.selected && !config.query) {
    picker.value = config.selected;
    choose(config.selected, true);
  } else if (config.query && config.selected) {
    picker.value = config.selected;  // opened from a query page: its text, already filled in
    choose(config.selected, true, true);
  } else if (config.query) {
    run();
  }
  updateLinks();
})();
