/* ecosystem map page (ecosystem/export/html_map.py writes the data; vis-network draws it).
 *
 * Every text coming from the data is put in the page as TEXT (textContent, new Option(text),
 * vis-network string titles, canvas labels): nothing from the data is ever parsed as HTML.
 * The positions are computed before export: physics stays off, the map opens still.
 * A large territory comes aggregated (data.aggregate): the overview, then on demand the full
 * detail of one chantier, enjeu or shared actor, both built here from compact rows.
 */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function showError(text) {
    var p = document.createElement("p");
    p.className = "map-error";
    p.textContent = text;
    document.body.insertBefore(p, document.body.firstChild);
  }

  var data;
  try {
    data = JSON.parse(byId("ecosystem-data").textContent);
  } catch (e) {
    showError("ecosystem: " + e);
    return;
  }
  var text = data.text;
  if (typeof vis === "undefined" || !vis.Network) {
    showError(text.loadError);
    return;
  }

  document.documentElement.lang = data.lang;
  document.title = data.title;
  byId("map-title").textContent = data.title;
  byId("map-subtitle").textContent = data.subtitle;
  byId("map").setAttribute("aria-label", data.title);
  byId("focus-label").textContent = text.focusLabel;
  byId("search-label").textContent = text.searchLabel;
  byId("search-input").placeholder = text.searchPlaceholder;
  byId("fit-button").textContent = text.fit;
  byId("legend-title").textContent = text.legendTitle;
  byId("map-tools").addEventListener("submit", function (event) { event.preventDefault(); });

  // --- legend --------------------------------------------------------------------------------

  var SWATCH_W = 44, SWATCH_H = 24;

  function polygon(ctx, cx, cy, r, points, inner, rotation) {
    ctx.beginPath();
    var count = inner ? points * 2 : points;
    for (var i = 0; i < count; i++) {
      var radius = inner && i % 2 ? r * inner : r;
      var angle = rotation + (i * 2 * Math.PI) / count;
      var x = cx + radius * Math.cos(angle), y = cy + radius * Math.sin(angle);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.closePath();
  }

  function drawShape(ctx, s) {
    var cx = SWATCH_W / 2, cy = SWATCH_H / 2, r = 9;
    ctx.beginPath();
    switch (s.shape) {
      case "dot": ctx.arc(cx, cy, r, 0, 2 * Math.PI); break;
      case "square": ctx.rect(cx - r, cy - r, 2 * r, 2 * r); break;
      case "diamond": polygon(ctx, cx, cy, r + 1, 4, 0, -Math.PI / 2); break;
      case "triangle": polygon(ctx, cx, cy + 2, r + 1, 3, 0, -Math.PI / 2); break;
      case "star": polygon(ctx, cx, cy + 1, r + 2, 5, 0.45, -Math.PI / 2); break;
      case "hexagon": polygon(ctx, cx, cy, r, 6, 0, 0); break;
      default: ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    }
    ctx.fillStyle = s.fill;
    ctx.fill();
    ctx.lineWidth = s.borderWidth || 2;
    ctx.strokeStyle = s.border;
    ctx.setLineDash(s.borderDashes ? [4, 3] : []);
    ctx.stroke();
  }

  function drawLine(ctx, s) {
    var y = SWATCH_H / 2;
    if (s.none) {
      ctx.fillStyle = "#8c8c8c";
      ctx.font = "14px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText("\u2205", SWATCH_W / 2, y);
      return;
    }
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.width;
    ctx.setLineDash(s.dashes || []);
    ctx.beginPath();
    ctx.moveTo(2, y);
    ctx.lineTo(SWATCH_W - (s.arrow ? 8 : 2), y);
    ctx.stroke();
    if (s.arrow) {
      ctx.setLineDash([]);
      ctx.fillStyle = s.color;
      ctx.beginPath();
      ctx.moveTo(SWATCH_W - 1, y);
      ctx.lineTo(SWATCH_W - 11, y - 5);
      ctx.lineTo(SWATCH_W - 11, y + 5);
      ctx.closePath();
      ctx.fill();
    }
  }

  function swatch(s) {
    var canvas = document.createElement("canvas");
    var ratio = window.devicePixelRatio || 1;
    canvas.width = SWATCH_W * ratio;
    canvas.height = SWATCH_H * ratio;
    canvas.style.width = SWATCH_W + "px";
    canvas.style.height = SWATCH_H + "px";
    canvas.setAttribute("aria-hidden", "true");
    var ctx = canvas.getContext("2d");
    if (ctx) {
      ctx.scale(ratio, ratio);
      if (s.shape) drawShape(ctx, s); else drawLine(ctx, s);
    }
    return canvas;
  }

  var legend = byId("legend-body");
  data.legend.forEach(function (section) {
    var h = document.createElement("h2");
    h.textContent = section.title;
    legend.appendChild(h);
    var ul = document.createElement("ul");
    section.items.forEach(function (item) {
      var li = document.createElement("li");
      if (item.swatch) li.appendChild(swatch(item.swatch));
      var span = document.createElement("span");
      span.textContent = item.text;
      li.appendChild(span);
      ul.appendChild(li);
    });
    legend.appendChild(ul);
    (section.notes || []).forEach(function (note) {
      var p = document.createElement("p");
      p.className = "legend-note";
      p.textContent = note;
      legend.appendChild(p);
    });
  });

  // --- network -------------------------------------------------------------------------------

  var FIT = { maxZoomLevel: 1.2, animation: false };
  var select = byId("focus-select");
  select.appendChild(new Option(text.focusAll, ""));
  var choices = {};
  data.focus.choices.forEach(function (choice) {
    choices[choice.id] = choice;
    select.appendChild(new Option(choice.label, choice.id));
  });
  var input = byId("search-input");
  var count = byId("search-count");

  function normalise(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  var view = data.aggregate ? aggregatedView(data.aggregate) : wholeView();
  var nodes = view.nodes, edges = view.edges, network = view.network;
  var api = { network: network, nodes: nodes, edges: edges, data: data, ready: false, aggregated: !!data.aggregate };
  window.ecosystemMap = api;
  network.once("afterDrawing", function () { api.ready = true; });

  // Every element is in the vis DataSets; a focus hides the others.
  function wholeView() {
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(byId("map"), { nodes: nodes, edges: edges }, data.options);
    var shown = null; // null: every node; else a Set of node ids
    function isShown(id) { return shown === null || shown.has(id); }

    function focus(id) {
      var choice = id ? choices[id] : null;
      shown = choice ? new Set(choice.members.map(function (i) { return data.nodes[i].id; })) : null;
      nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !isShown(n.id) }; }));
      edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !(isShown(e.from) && isShown(e.to)) }; }));
      select.value = choice ? id : "";
      search(input.value, true);
      network.fit(Object.assign({ nodes: shown ? Array.from(shown) : nodes.getIds() }, FIT));
      return shown ? shown.size : data.nodes.length;
    }

    var searchable = data.nodes.map(function (n) { return normalise(n.name + " " + n.label); });
    function search(query, keepView) {
      var q = normalise(query || "");
      if (!q) {
        network.unselectAll();
        count.textContent = "";
        return [];
      }
      var ids = [];
      data.nodes.forEach(function (n, i) {
        if (isShown(n.id) && searchable[i].indexOf(q) !== -1) ids.push(n.id);
      });
      network.selectNodes(ids, false);
      count.textContent = ids.length ? text.results.replace("{count}", String(ids.length)) : text.noResult;
      if (ids.length && !keepView) network.fit(Object.assign({ nodes: ids }, FIT));
      return ids;
    }
    function shownIds() { return shown ? Array.from(shown) : nodes.getIds(); }
    return { nodes: nodes, edges: edges, network: network, focus: focus, search: search, shownIds: shownIds };
  }

  // A large territory: the DataSets hold the overview (enjeux, chantiers, shared elements,
  // bundles); a focus replaces them with every element of its neighbourhood, built on demand
  // from the compact rows ([id, name, label, style, x, y, size, title]; links [from, to, type, note]).
  function aggregatedView(agg) {
    var rows = agg.nodes, links = agg.links;
    var NAME = 1, LABEL = 2, STYLE = 3, X = 4, Y = 5, SIZE = 6, TITLE = 7;

    function element(i) {
      var r = rows[i];
      var n = Object.assign({}, agg.styles[r[STYLE]]);
      n.id = r[0]; n.name = r[NAME]; n.label = r[LABEL] === null ? r[NAME] : r[LABEL];
      n.x = r[X]; n.y = r[Y]; n.size = r[SIZE]; n.title = r[TITLE];
      return n;
    }
    function link(j) {
      var l = links[j], type = agg.linkTypes[l[2]];
      var e = Object.assign({}, type.style);
      e.id = "l" + j; e.from = rows[l[0]][0]; e.to = rows[l[1]][0];
      e.title = rows[l[0]][NAME] + " \u2192 " + rows[l[1]][NAME] + "\n" + type.meaning + (l.length > 3 ? "\n" + l[3] : "");
      return e;
    }
    var bundleOf = {}; // chantier row -> bundle id
    var bundleChantier = {}; // bundle id -> chantier id
    var bundleNodes = [], bundleEdges = [];
    agg.bundles.forEach(function (b, k) {
      var chantier = rows[b[0]][0], id = agg.bundleLink.type + chantier;
      bundleOf[b[0]] = id;
      bundleChantier[id] = chantier;
      var n = Object.assign({}, agg.bundleStyle);
      n.id = id; n.name = b[3]; n.label = b[3]; n.x = b[1]; n.y = b[2]; n.title = b[4]; n.count = b[5]; n.chantier = chantier;
      bundleNodes.push(n);
      var e = Object.assign({}, agg.bundleLink);
      e.id = "b" + k; e.from = chantier; e.to = id; e.title = b[4].split("\n")[0];
      bundleEdges.push(e);
    });
    var drawn = new Set(agg.overview.nodes);
    var overviewNodes = agg.overview.nodes.map(element).concat(bundleNodes);
    var overviewEdges = agg.overview.links.map(link).concat(bundleEdges);
    // Hidden elements are found through the bundles of the chantiers they are linked to.
    var inBundles = {};
    links.forEach(function (l) {
      var a = l[0], b = l[1];
      if (bundleOf[a] !== undefined && !drawn.has(b)) (inBundles[b] = inBundles[b] || []).push(bundleOf[a]);
      else if (bundleOf[b] !== undefined && !drawn.has(a)) (inBundles[a] = inBundles[a] || []).push(bundleOf[b]);
    });
    var searchable = rows.map(function (r) { return normalise(r[NAME] + " " + (r[LABEL] === null ? "" : r[LABEL])); });

    var nodes = new vis.DataSet(overviewNodes);
    var edges = new vis.DataSet(overviewEdges);
    var network = new vis.Network(byId("map"), { nodes: nodes, edges: edges }, data.options);
    var members = null; // null: the overview; else the Set of the rows shown

    function focus(id) {
      var choice = id ? choices[id] : null;
      nodes.clear();
      edges.clear();
      if (choice) {
        members = new Set(choice.members);
        nodes.add(choice.members.map(element));
        var chosen = [];
        links.forEach(function (l, j) { if (members.has(l[0]) && members.has(l[1])) chosen.push(link(j)); });
        edges.add(chosen);
      } else {
        members = null;
        nodes.add(overviewNodes);
        edges.add(overviewEdges);
      }
      select.value = choice ? id : "";
      search(input.value, true);
      network.fit(Object.assign({ nodes: nodes.getIds() }, FIT));
      return nodes.length;
    }

    function search(query, keepView) {
      var q = normalise(query || "");
      if (!q) {
        network.unselectAll();
        count.textContent = "";
        return [];
      }
      var ids = new Set(), found = 0;
      searchable.forEach(function (s, i) {
        if (s.indexOf(q) === -1) return;
        if (members !== null) {
          if (members.has(i)) { ids.add(rows[i][0]); found++; }
        } else if (drawn.has(i)) {
          ids.add(rows[i][0]); found++;
        } else if (inBundles[i]) {
          inBundles[i].forEach(function (b) { ids.add(b); });
          found++;
        }
      });
      ids = Array.from(ids);
      network.selectNodes(ids, false);
      count.textContent = found ? text.results.replace("{count}", String(found)) : text.noResult;
      if (ids.length && !keepView) network.fit(Object.assign({ nodes: ids }, FIT));
      return ids;
    }

    // A double click on a chantier, an enjeu, a drawn actor or a bundle shows its detail.
    network.on("doubleClick", function (params) {
      if (!params.nodes.length) return;
      var id = bundleChantier[params.nodes[0]] || params.nodes[0];
      if (choices[id]) focus(id);
    });
    function shownIds() { return nodes.getIds(); }
    return { nodes: nodes, edges: edges, network: network, focus: focus, search: search, shownIds: shownIds };
  }

  // --- focus on a chantier or an enjeu, search by name ----------------------------------------

  select.addEventListener("change", function () { view.focus(select.value); });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { view.search(input.value); }, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(timer); view.search(input.value); }
  });
  byId("fit-button").addEventListener("click", function () {
    network.fit(Object.assign({ nodes: view.shownIds() }, FIT));
  });

  api.focus = view.focus;
  api.search = view.search;
  if (data.focus.initial && choices[data.focus.initial]) view.focus(data.focus.initial);
  else network.fit(Object.assign({ nodes: nodes.getIds() }, FIT));
})();
