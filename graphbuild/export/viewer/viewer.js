/* graph.html viewer: search, filters, neighbourhood highlight and a detail panel
 * over a vis-network graph. Data comes from the JSON block #graph-data; every
 * piece of it reaches the page through textContent, never as markup.
 * Globals (as in pyvis pages): network (vis.Network), nodes and edges (vis.DataSet).
 */
var network, nodes, edges;
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var meta = data.meta, styles = data.styles, details = data.details;
  var DIM = { background: "#e4e7ec", border: "#d3d8df", highlight: { background: "#e4e7ec", border: "#d3d8df" } };
  var LABEL_COLOR = "#1d2433", DIM_LABEL = "#c3c9d2";
  var EDGE_COLOR = meta.edge_color, EDGE_HIGHLIGHT = "#27496d";

  // ------------------------------------------------------------------ helpers

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        if (key === "text") node.textContent = props[key];
        else if (key === "className") node.className = props[key];
        else node.setAttribute(key, props[key]);
      });
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function safeUrl(value) {
    // Only absolute http(s) URLs become links.
    if (typeof value !== "string" || !/^https?:\/\//i.test(value.trim())) return null;
    try {
      var url = new URL(value.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(url, text) {
    var href = safeUrl(url);
    if (!href) return el("span", { text: text || String(url) });
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text || href });
  }

  function styleOf(type) { return styles[type] || meta.default_style; }

  function baseColor(type) {
    var s = styleOf(type);
    return { background: s.color, border: s.border, highlight: { background: s.color, border: "#1d2433" },
             hover: { background: s.color, border: "#1d2433" } };
  }

  // --------------------------------------------------------------- the graph

  var byId = {}, adjacency = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; adjacency[n.id] = []; });
  data.edges.forEach(function (e) {
    if (adjacency[e.from]) adjacency[e.from].push({ type: e.type, dir: "out", other: e.to, edge: e.id });
    if (adjacency[e.to] && e.to !== e.from) adjacency[e.to].push({ type: e.type, dir: "in", other: e.from, edge: e.id });
  });

  nodes = new vis.DataSet(data.nodes);
  edges = new vis.DataSet(data.edges);

  var state = { types: {}, series: "", yearFrom: null, yearTo: null };
  var shown = {};
  Object.keys(meta.counts).forEach(function (t) { state.types[t] = true; });
  var seriesMembers = {};
  data.series.forEach(function (s) {
    var set = {};
    s.members.forEach(function (id) { set[id] = true; });
    seriesMembers[s.id] = set;
  });

  function passes(n) {
    if (state.types[n.type] === false) return false;
    if (state.series && !seriesMembers[state.series][n.id]) return false;
    if (typeof n.year === "number") {
      if (state.yearFrom !== null && n.year < state.yearFrom) return false;
      if (state.yearTo !== null && n.year > state.yearTo) return false;
    }
    return true;
  }

  function computeShown() {
    shown = {};
    data.nodes.forEach(function (n) { if (passes(n)) shown[n.id] = true; });
  }
  computeShown();

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown[n.id] === true; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shown[e.from] === true && shown[e.to] === true; } });

  network = new vis.Network(document.getElementById("mynetwork"), { nodes: nodeView, edges: edgeView }, data.options);

  var viewer = window.graphViewer = { ready: false, data: data };

  function storePositions(ids) {
    var pos = network.getPositions(ids);
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

  function markReady() {
    if (viewer.ready) return;
    viewer.ready = true;
    document.body.setAttribute("data-ready", "true");
    updateCount();
  }

  if (meta.physics) {
    setStatus("visible-count", "Arranging the graph\u2026");
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      storePositions();
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
    setTimeout(markReady, 0);
  }
  network.on("dragEnd", function (params) { if (params.nodes.length) storePositions(params.nodes); });

  // ------------------------------------------------------------------ header

  function setStatus(id, text) { document.getElementById(id).textContent = text; }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  (function header() {
    setStatus("title", meta.title);
    var parts = [plural(meta.node_count, "node"), plural(meta.edge_count, "edge")];
    Object.keys(meta.counts).forEach(function (t) { parts.push(meta.counts[t] + " " + t); });
    setStatus("summary", parts.join(" \u00b7 "));
    var line = [];
    if (meta.inputs.length) line.push("From " + meta.inputs.join(", "));
    line.push("built " + meta.built + (meta.generator ? " by " + meta.generator : ""));
    if (meta.skipped) line.push(plural(meta.skipped, "file") + " skipped");
    if (meta.warnings) line.push(plural(meta.warnings, "warning"));
    setStatus("provenance-line", line.join(" \u00b7 "));
  })();

  // --------------------------------------------------------------- highlight

  // Colours live in the vis groups (one per node type). Dimming swaps the
  // groups for grey ones and gives the lit neighbourhood its own colours, so a
  // click touches a handful of nodes, not the whole graph.
  var dimmed = false, litNodes = [], litEdges = [];
  var dimGroups = {};
  function edgeColor(opacity) {             // the whole object: a partial one brings back colour inheritance
    return Object.assign({}, data.options.edges.color, { inherit: false, opacity: opacity });
  }
  Object.keys(data.options.groups).forEach(function (t) { dimGroups[t] = { color: DIM }; });

  function unlight() {
    nodes.update(litNodes.map(function (id) { return { id: id, color: null, font: null }; }));
    edges.update(litEdges.map(function (id) { return { id: id, color: null, width: null }; }));
    litNodes = [];
    litEdges = [];
  }

  function highlight(id) {
    var keep = {}, keepEdge = {};
    keep[id] = true;
    adjacency[id].forEach(function (a) { keep[a.other] = true; keepEdge[a.edge] = true; });
    unlight();
    if (!dimmed) {
      network.setOptions({ groups: dimGroups, nodes: { font: { color: DIM_LABEL } }, edges: { color: edgeColor(0.15) } });
      dimmed = true;
    }
    litNodes = Object.keys(keep);
    litEdges = Object.keys(keepEdge);
    nodes.update(litNodes.map(function (n) {
      return { id: n, color: baseColor(byId[n].type), font: { color: LABEL_COLOR } };
    }));
    edges.update(litEdges.map(function (e) {
      return { id: e, color: { color: EDGE_HIGHLIGHT, highlight: EDGE_HIGHLIGHT, inherit: false, opacity: 1 }, width: 1.5 };
    }));
  }

  function undim() {
    if (!dimmed) return;
    unlight();
    network.setOptions({ groups: data.options.groups, nodes: { font: { color: LABEL_COLOR } }, edges: { color: edgeColor(1) } });
    dimmed = false;
  }

  // ------------------------------------------------------------------- panel

  var panel = document.getElementById("panel");
  var hint = panel.firstElementChild;

  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
  }

  function showPanel(id) {
    var n = byId[id], d = details[id] || {}, s = styleOf(n.type);
    clearPanel();
    var badge = el("span", { className: "type-badge", text: n.type });
    badge.style.background = s.color;
    panel.appendChild(badge);
    panel.appendChild(el("h2", { text: n.full_label }));
    if (!shown[id]) panel.appendChild(el("p", { className: "note", text: "Hidden by the current filters." }));
    if (d.session) {                          // a talk and what the programme says of it
      var sess = d.session;
      if (sess.when) panel.appendChild(el("p", { className: "session", text: sess.when + (sess.track ? " \u00b7 " + sess.track : "") }));
      if (sess.confirmed === true) panel.appendChild(el("p", { className: "confirmed", text: "Listed in a conference programme." }));
      if (sess.confirmed === false) panel.appendChild(el("p", { className: "note", text: "Not listed in any loaded conference programme." }));
    }
    if (d.aliases && d.aliases.length) {
      panel.appendChild(el("h3", { text: "Also known as" }));
      panel.appendChild(el("ul", null, d.aliases.map(function (a) { return el("li", { text: a }); })));
    }
    var attrs = d.attrs || {};
    var keys = Object.keys(attrs);
    if (keys.length) {
      panel.appendChild(el("h3", { text: "Details" }));
      var dl = el("dl");
      keys.forEach(function (k) {
        dl.appendChild(el("dt", { text: k }));
        dl.appendChild(el("dd", { text: attrs[k] }));
      });
      panel.appendChild(dl);
    }
    var links = (d.links || []).slice();
    adjacency[id].forEach(function (a) {       // a talk's or an event's resources
      if (byId[a.other].type !== "Resource") return;
      ((details[a.other] || {}).links || []).forEach(function (l) {
        var kind = (details[a.other].attrs || {}).kind || byId[a.other].full_label;
        if (!links.some(function (x) { return x.url === l.url; })) links.push({ text: kind, url: l.url });
      });
    });
    links = links.filter(function (l) { return safeUrl(l.url); });
    if (links.length) {
      panel.appendChild(el("h3", { text: "Links" }));
      panel.appendChild(el("ul", null, links.map(function (l) {
        return el("li", null, [link(l.url, l.text ? l.text + ": " + l.url : l.url)]);
      })));
    }
    neighbourList(id);
    if (d.provenance && d.provenance.length) {
      panel.appendChild(el("h3", { text: "In the reports" }));
      d.provenance.forEach(function (p) {
        var where = (p.title || p.report) + ", line " + p.line;
        panel.appendChild(el("div", { className: "source", text: where }));
        if (p.text) panel.appendChild(el("blockquote", { text: p.text }));
      });
    }
  }

  function neighbourList(id) {
    var groups = {}, order = [];
    adjacency[id].forEach(function (a) {
      var key = a.dir === "out" ? a.type + " \u2192" : "\u2190 " + a.type;
      if (!groups[key]) { groups[key] = []; order.push(key); }
      if (groups[key].indexOf(a.other) < 0) groups[key].push(a.other);
    });
    if (!order.length) return;
    panel.appendChild(el("h3", { text: "Neighbours" }));
    order.sort().forEach(function (key) {
      panel.appendChild(el("div", { className: "source", text: key }));
      var items = groups[key].sort(function (a, b) {
        return byId[a].full_label.localeCompare(byId[b].full_label);
      }).map(function (other) {
        var button = el("button", { type: "button", className: "link" + (shown[other] ? "" : " hidden-node"),
                                    text: byId[other].full_label + " (" + byId[other].type + ")" });
        button.addEventListener("click", function () { selectNode(other, true); });
        return el("li", null, [button]);
      });
      panel.appendChild(el("ul", null, items));
    });
  }

  // --------------------------------------------------------------- selection

  function selectNode(id, focus) {
    if (!byId[id]) return;
    highlight(id);
    showPanel(id);
    if (shown[id]) {
      network.selectNodes([id]);
      if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 350 } });
    } else {
      network.unselectAll();
    }
    viewer.selected = id;
  }

  function clearSelection() {
    undim();
    network.unselectAll();
    clearPanel();
    panel.appendChild(hint);
    viewer.selected = null;
  }

  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (!params.edges.length) clearSelection();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.activeElement !== search) clearSelection();
  });

  // ------------------------------------------------------------------ search

  var search = document.getElementById("search");
  var index = data.nodes.map(function (n) {
    var keys = [n.full_label.toLowerCase()];
    ((details[n.id] || {}).aliases || []).forEach(function (a) { keys.push(a.toLowerCase()); });
    return { id: n.id, keys: keys };
  });

  (function fillOptions() {
    var list = document.getElementById("search-options"), seen = {}, frag = document.createDocumentFragment();
    data.nodes.forEach(function (n) {
      [n.full_label].concat((details[n.id] || {}).aliases || []).forEach(function (name) {
        if (seen[name]) return;
        seen[name] = true;
        var opt = document.createElement("option");
        opt.value = name;
        opt.label = n.type + (name === n.full_label ? "" : ": " + n.full_label);
        frag.appendChild(opt);
      });
    });
    list.appendChild(frag);
  })();

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var ranked = [[], [], []];
    index.forEach(function (entry) {
      var rank = 3;
      entry.keys.forEach(function (k) {
        if (k === q) rank = Math.min(rank, 0);
        else if (k.indexOf(q) === 0) rank = Math.min(rank, 1);
        else if (k.indexOf(q) > 0) rank = Math.min(rank, 2);
      });
      if (rank < 3) ranked[rank].push(entry.id);
    });
    var all = ranked[0].concat(ranked[1], ranked[2]);
    return all.filter(function (id) { return shown[id]; }).concat(all.filter(function (id) { return !shown[id]; }));
  }

  var lastQuery = null, lastHits = [], hitIndex = 0;

  function runSearch() {
    var q = search.value;
    if (q === lastQuery && lastHits.length) {
      hitIndex = (hitIndex + 1) % lastHits.length;
    } else {
      lastQuery = q;
      lastHits = find(q);
      hitIndex = 0;
    }
    if (!lastHits.length) {
      setStatus("search-status", q.trim() ? "No match." : "");
      return;
    }
    var id = lastHits[hitIndex];
    selectNode(id, true);
    setStatus("search-status", lastHits.length === 1 ? "1 match." :
      "Match " + (hitIndex + 1) + " of " + lastHits.length + "; Enter for the next.");
  }

  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); runSearch(); }
  });
  search.addEventListener("input", function (e) {
    // A pick from the suggestion list arrives as a replacement, not as typing.
    if (!e.inputType || e.inputType === "insertReplacementText") runSearch();
  });
  viewer.find = find;
  viewer.selectNode = selectNode;

  // ----------------------------------------------------------------- filters

  function applyFilters() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    updateCount();
    if (viewer.selected) showPanel(viewer.selected);
    lastQuery = null;
  }

  function updateCount() {
    var visible = nodeView.length;
    setStatus("visible-count", visible === data.nodes.length ? "Showing all " + plural(visible, "node") + "."
      : "Showing " + visible + " of " + plural(data.nodes.length, "node") + ".");
  }
  viewer.visibleCount = function () { return nodeView.length; };

  (function legend() {
    var box = document.getElementById("legend");
    Object.keys(meta.counts).forEach(function (t) {
      var input = el("input", { type: "checkbox", className: "type-filter", value: t });
      input.checked = true;
      input.addEventListener("change", function () { state.types[t] = input.checked; applyFilters(); });
      var swatch = el("span", { className: "swatch" });
      swatch.style.background = styleOf(t).color;
      box.appendChild(el("label", { className: "legend-row" },
        [input, swatch, el("span", { text: t }), el("span", { className: "count", text: String(meta.counts[t]) })]));
    });
  })();

  var seriesSelect = document.getElementById("series-filter");
  data.series.forEach(function (s) {
    seriesSelect.appendChild(el("option", { value: s.id, text: s.label + " (" + s.editions + ")" }));
  });
  seriesSelect.addEventListener("change", function () { state.series = seriesSelect.value; applyFilters(); });

  var yearFrom = document.getElementById("year-from"), yearTo = document.getElementById("year-to");
  if (meta.years.length) {
    yearFrom.placeholder = yearFrom.min = yearTo.min = meta.years[0];
    yearTo.placeholder = yearFrom.max = yearTo.max = meta.years[1];
  }
  function readYear(input) {
    var v = parseInt(input.value, 10);
    return isNaN(v) ? null : v;
  }
  [yearFrom, yearTo].forEach(function (input) {
    input.addEventListener("input", function () {
      state.yearFrom = readYear(yearFrom);
      state.yearTo = readYear(yearTo);
      applyFilters();
    });
  });

  document.getElementById("reset").addEventListener("click", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".type-filter"), function (box) {
      box.checked = true;
      state.types[box.value] = true;
    });
    seriesSelect.value = "";
    yearFrom.value = yearTo.value = "";
    state.series = "";
    state.yearFrom = state.yearTo = null;
    search.value = "";
    setStatus("search-status", "");
    clearSelection();
    applyFilters();
    network.fit();
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
})();
