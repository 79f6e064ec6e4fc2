/* graphbuilder view: the page script. Reads the JSON the Python side embedded, builds the
 * vis-network, legend, filters, search and tooltips. Article text is only ever placed with
 * textContent, never parsed as HTML. Exposes window.gbNetwork and window.gbData for tests. */
(function () {
  "use strict";

  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var rawNodes = readJSON("gb-nodes");
  var rawEdges = readJSON("gb-edges");
  var meta = readJSON("gb-meta");
  var options = readJSON("gb-options");
  var docLabels = meta.documents.map(function (d) { return d.label; });
  var nodeById = new Map();
  rawNodes.forEach(function (n) { nodeById.set(n.id, n); });
  var classLabel = {};
  meta.classes.forEach(function (c) { classLabel[c.key] = c.label; });
  var fontColor = options.nodes.font.color;
  var MAX_EVIDENCE = 6;

  window.gbSettled = false;
  window.gbErrors = [];

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function row(box, key, value) {
    if (value === undefined || value === null || value === "") return;
    if (Array.isArray(value)) {
      if (!value.length) return;
      value = value.join("; ");
    }
    var r = el("div", "gb-tip-row");
    r.appendChild(el("span", "gb-tip-key", key));
    var v = el("span", "gb-tip-val");
    if (value instanceof Node) v.appendChild(value);
    else v.textContent = String(value);
    r.appendChild(v);
    box.appendChild(r);
  }
  function nodeLabel(id) {
    var n = nodeById.get(id);
    return n ? n.label : id;
  }

  // ---------------------------------------------------------------- tooltips
  function nodeTip(n, withLink) {
    var box = el("div", "gb-tip");
    box.appendChild(el("div", "gb-tip-title", n.label));
    row(box, "class", classLabel[n.cls] || n.cls);
    row(box, "aliases", n.aliases);
    if (n.wd && /^Q[0-9]+$/.test(n.wd)) {
      var link;
      if (withLink) {
        link = el("a", null, n.wd);
        link.href = "https://www.wikidata.org/wiki/" + n.wd;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      } else {
        link = "wikidata.org/wiki/" + n.wd;
      }
      row(box, "Wikidata", link);
    }
    row(box, "documents", n.docs.map(function (i) { return docLabels[i]; }));
    row(box, "mentions", n.mentions);
    row(box, "connections", n.degree);
    return box;
  }
  function edgeTip(e) {
    var box = el("div", "gb-tip");
    box.appendChild(el("div", "gb-tip-title", nodeLabel(e.from) + " \u2192 " + nodeLabel(e.to)));
    if (e.kind === "stance") {
      row(box, "stance", e.label + (e.polarity ? " (" + e.polarity + ")" : ""));
      row(box, "topic", e.topic);
    } else {
      row(box, "relation", e.label + (e.kb ? " \u2014 knowledge-base fact" : ""));
    }
    e.evidence.slice(0, MAX_EVIDENCE).forEach(function (ev) {
      var item = el("div", "gb-tip-source");
      if (ev.text) item.appendChild(el("blockquote", "gb-tip-evidence", ev.text));
      row(item, "document", ev.doc);
      row(item, "attribution", ev.attribution);
      row(item, "confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : null);
      box.appendChild(item);
    });
    if (e.evidence.length > MAX_EVIDENCE) {
      box.appendChild(el("div", "gb-tip-more", "+ " + (e.evidence.length - MAX_EVIDENCE) + " more sources"));
    }
    return box;
  }

  // ---------------------------------------------------------------- data sets
  function edgeColor(c) {
    return { color: c, highlight: c, hover: c, inherit: false, opacity: 1.0 };
  }
  var nodes = new vis.DataSet(rawNodes.map(function (n) {
    var item = Object.assign({}, n);
    item.title = nodeTip(n, false);
    item.font = { color: fontColor };
    return item;
  }));
  var edges = new vis.DataSet(rawEdges.map(function (e) {
    var item = Object.assign({}, e);
    item.title = edgeTip(e);
    item.color = edgeColor(e.color);
    return item;
  }));

  // ---------------------------------------------------------------- filters
  var state = { cls: {}, types: {}, pol: { positive: true, negative: true }, doc: null, kb: true };
  meta.classes.forEach(function (c) { state.cls[c.key] = true; });
  meta.types.forEach(function (t) { state.types[t.kind + ":" + t.key] = true; });
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  function computeVisible() {
    visibleNodes.clear();
    visibleEdges.clear();
    var touched = new Set();
    rawEdges.forEach(function (e) {
      if (!state.types[e.kind + ":" + e.type]) return;
      if (e.polarity && !state.pol[e.polarity]) return;
      if (e.kb && !state.kb) return;
      if (state.doc !== null && e.docs.indexOf(state.doc) < 0) return;
      var a = nodeById.get(e.from), b = nodeById.get(e.to);
      if (!a || !b || !state.cls[a.cls] || !state.cls[b.cls]) return;
      visibleEdges.add(e.id);
      touched.add(e.from);
      touched.add(e.to);
    });
    rawNodes.forEach(function (n) {
      if (!state.cls[n.cls]) return;
      if (!touched.has(n.id)) {
        if (state.doc !== null && n.docs.indexOf(state.doc) < 0) return;
        if (!state.kb && n.docs.length === 0) return; // known only from the knowledge base
      }
      visibleNodes.add(n.id);
    });
  }
  computeVisible();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });

  // ---------------------------------------------------------------- network
  var container = document.getElementById("gb-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.gbNetwork = network;
  window.gbData = {
    nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    meta: meta, raw: { nodes: rawNodes, edges: rawEdges }, state: state
  };

  var progress = document.getElementById("gb-progress");
  var bar = document.getElementById("gb-progress-bar");
  var started = performance.now();
  function settle() {
    if (window.gbSettled) return;
    network.setOptions({ physics: { enabled: false } });
    window.gbSettled = true;
    window.gbSettleMs = Math.round(performance.now() - started);
    progress.style.display = "none";
    network.fit({ animation: false });
  }
  network.on("stabilizationProgress", function (p) {
    bar.style.width = Math.round((100 * p.iterations) / p.total) + "%";
    // a time budget on top of the iteration bound: a big graph on a slow machine stops
    // laying out after settleBudgetMs rather than keeping the page busy
    if (performance.now() - started > meta.settleBudgetMs) network.stopSimulation();
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (!rawNodes.length) settle();

  function applyFilters() {
    // keep the laid-out places of the nodes shown (network.storePositions fails on a
    // DataView with hidden nodes), so a node hidden and shown again comes back where it was
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    clearHighlight();
    updateStats();
  }
  function updateStats() {
    var s = document.getElementById("gb-stats");
    s.textContent = visibleNodes.size + " of " + rawNodes.length + " entities \u00b7 " +
      visibleEdges.size + " of " + rawEdges.length + " edges";
  }

  // ---------------------------------------------------------------- legend and filter controls
  function swatchShape(shape, color) {
    var s = el("span", "gb-swatch gb-shape-" + shape);
    s.style.background = color;
    return s;
  }
  function checkRow(parent, swatch, text, count, checked, onChange) {
    var label = el("label", "gb-row");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "gb-row-text", text));
    label.appendChild(el("span", "gb-count", count));
    parent.appendChild(label);
    return box;
  }
  var classBox = document.getElementById("gb-classes");
  meta.classes.forEach(function (c) {
    var b = checkRow(classBox, swatchShape(c.shape, c.color), c.label, c.count, true, function (on) {
      state.cls[c.key] = on;
      applyFilters();
    });
    b.dataset.cls = c.key;
  });
  var relBox = document.getElementById("gb-relations");
  var stanceBox = document.getElementById("gb-stances");
  var polOf = {};
  rawEdges.forEach(function (e) {
    if (e.kind === "stance") polOf[e.type] = polOf[e.type] || e.polarity;
  });
  meta.types.forEach(function (t) {
    var color = t.kind === "stance"
      ? (meta.edgeStyle[polOf[t.key] || "unknown_polarity"] || meta.edgeStyle.unknown_polarity).color
      : meta.edgeStyle.relation.color;
    var sw = el("span", "gb-line");
    sw.style.borderColor = color;
    var b = checkRow(t.kind === "stance" ? stanceBox : relBox, sw, t.label, t.count, true, function (on) {
      state.types[t.kind + ":" + t.key] = on;
      applyFilters();
    });
    b.dataset.type = t.kind + ":" + t.key;
  });
  if (!meta.types.some(function (t) { return t.kind === "stance"; })) {
    stanceBox.appendChild(el("div", "gb-note", "none in this graph"));
  }
  ["positive", "negative"].forEach(function (p) {
    document.getElementById("gb-pol-" + p).addEventListener("change", function (ev) {
      state.pol[p] = ev.target.checked;
      applyFilters();
    });
  });
  var docSelect = document.getElementById("gb-doc");
  meta.documents.forEach(function (d, i) {
    var o = el("option", null, d.label + " (" + d.count + ")");
    o.value = String(i);
    docSelect.appendChild(o);
  });
  docSelect.addEventListener("change", function () {
    state.doc = docSelect.value === "" ? null : Number(docSelect.value);
    applyFilters();
  });
  document.getElementById("gb-kb").addEventListener("change", function (ev) {
    state.kb = ev.target.checked;
    applyFilters();
  });

  // ---------------------------------------------------------------- neighbourhood highlight
  var highlighted = null;
  var details = document.getElementById("gb-details");
  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    var keepEdges = new Set(network.getConnectedEdges(id));
    nodes.update(rawNodes.map(function (n) {
      return keep.has(n.id)
        ? { id: n.id, color: n.color, font: { color: fontColor } }
        : { id: n.id, color: meta.dimColor, font: { color: "#b8b8b8" } };
    }));
    edges.update(rawEdges.map(function (e) {
      return { id: e.id, color: edgeColor(keepEdges.has(e.id) ? e.color : meta.dimColor) };
    }));
    highlighted = id;
    details.textContent = "";
    details.appendChild(nodeTip(nodeById.get(id), true));
    details.style.display = "block";
  }
  function clearHighlight() {
    if (highlighted === null) return;
    highlighted = null;
    nodes.update(rawNodes.map(function (n) { return { id: n.id, color: n.color, font: { color: fontColor } }; }));
    edges.update(rawEdges.map(function (e) { return { id: e.id, color: edgeColor(e.color) }; }));
    details.style.display = "none";
  }
  network.on("click", function (p) {
    if (p.nodes.length) highlight(p.nodes[0]);
    else if (!p.edges.length) clearHighlight();
  });

  // ---------------------------------------------------------------- search
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var names = [];
  rawNodes.forEach(function (n) {
    names.push({ key: norm(n.label), id: n.id, main: true });
    n.aliases.forEach(function (a) { names.push({ key: norm(a), id: n.id, main: false }); });
  });
  var datalist = document.getElementById("gb-names");
  var seen = new Set();
  rawNodes.slice(0, 5000).forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (a) {
      if (seen.has(a)) return;
      seen.add(a);
      var o = el("option");
      o.value = a;
      datalist.appendChild(o);
    });
  });
  function find(q) {
    q = norm(q);
    if (!q) return null;
    var tests = [
      function (k) { return k === q; },
      function (k) { return k.startsWith(q); },
      function (k) { return k.split(/[^a-z0-9]+/).indexOf(q) >= 0; },
      function (k) { return k.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var best = null;
      for (var i = 0; i < names.length; i++) {
        var m = names[i];
        if (!tests[t](m.key)) continue;
        if (!best || (m.main && !best.main) || (visibleNodes.has(m.id) && !visibleNodes.has(best.id))) best = m;
      }
      if (best) return best.id;
    }
    return null;
  }
  var msg = document.getElementById("gb-search-msg");
  function search(q) {
    var id = find(q);
    if (id === null) {
      msg.textContent = "No entity named \u201c" + q + "\u201d.";
      return null;
    }
    return showNode(id, { duration: 300 });
  }
  // select, highlight and centre a node (a message instead when the filters hide it)
  function showNode(id, animation) {
    if (!visibleNodes.has(id)) {
      msg.textContent = nodeLabel(id) + " is hidden by the filters.";
      return id;
    }
    msg.textContent = "";
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: animation });
    return id;
  }
  window.gbSearch = search;
  document.getElementById("gb-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("gb-search").value);
  });

  // ---------------------------------------------------------------- #node=<IRI> links
  // graph.html#node=<percent-encoded IRI> (the links of the analyze report) selects that node
  function focusFromHash() {
    var m = /^#node=(.+)$/.exec(window.location.hash);
    if (!m) return null;
    var id = decodeURIComponent(m[1]);
    if (!nodeById.has(id)) {
      msg.textContent = "No entity with the IRI of this link.";
      return null;
    }
    return showNode(id, false);
  }
  window.gbFocusFromHash = focusFromHash;
  window.addEventListener("hashchange", focusFromHash);
  network.once("stabilized", focusFromHash);
  focusFromHash();

  updateStats();
})();
