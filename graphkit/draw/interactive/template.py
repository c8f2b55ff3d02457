"""The HTML and script of the interactive page (see :func:`graphkit.draw.interactive.interactive_html`).

:data:`PAGE` is a :meth:`str.format` template (literal braces doubled) with the
fields ``title``, ``headline``, ``note``, ``t`` (the page's texts by key),
``no_inflate`` (what an old browser shows instead of a packed page),
``font`` (an ``@font-face`` rule or nothing), ``vis`` (a ``<script>`` element
holding the vis-network library, plain or packed) and ``data`` (a ``<script>``
element holding the page data, plain JSON or packed). Packed elements
(``type="application/gzip-base64"``) are unpacked with the browser's
``DecompressionStream`` before the page starts.

The first view shows one pie per street (:func:`~graphkit.draw.interactive.data.street_groups`);
a click on a pie, the street list, the street filter or a search hit opens
that street in place. The script exposes ``window.graphkit`` (network, nodes,
data, search, select, expand, overview, expandAll, applyFilters) and marks
``body[data-ready]``, ``data-selected``, ``data-visible`` and
``data-expanded`` for tests.

Examples
--------
>>> import string
>>> sorted({name for _, name, _, _ in string.Formatter().parse(PAGE) if name})
['data', 'font', 'headline', 'no_inflate', 'note', 't[all_streets]', 't[details]', \
't[details_hint]', 't[expand_all]', 't[neighbours]', 't[overview]', 't[ranking]', 't[results]', \
't[results_hint]', 't[search]', 't[search_placeholder]', 't[street]', 'title', 'vis']

"""

__all__ = ["PAGE", "SCRIPT"]

#: The page script; ``start(DATA)`` draws the page from its data.
SCRIPT = r"""
(function () {
  "use strict";
  var FACE = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, graphkit-cjk, sans-serif";
  function el(tag, text) {
    var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e;
  }
  function fmt(s, v) { return s.replace(/\{(\w+)\}/g, function (_, k) { return String(v[k]); }); }

  function start(DATA) {
    var T = DATA.t;
    var PX = { Street: 16, Summary: 12, Unit: 11 };
    var RANK = { Street: 0, Summary: 1, Carrier: 2, PartyOrg: 3, GuidanceStation: 3, Department: 4,
      Instructor: 4, Liaison: 5, OrganBranch: 5, Unit: 6 };
    var byId = {}, indexById = {}, detailsById = {}, groupOf = {};
    DATA.nodes.forEach(function (n) { byId[n.id] = n; });
    DATA.index.forEach(function (r) { indexById[r.id] = r; });
    DATA.details.forEach(function (b) { b.index.forEach(function (id, i) { detailsById[id] = [b, i]; }); });
    DATA.groups.forEach(function (g) { groupOf[g.street] = g; byId[g.id] = g; });
    var expanded = {};
    if (DATA.startExpanded) DATA.groups.forEach(function (g) { expanded[g.street] = true; });

    // ---------- a street as a pie of its units by status, with red and orange badges of problems
    function pie(g) {
      return function (a) {
        var ctx = a.ctx, x = a.x, y = a.y, r = a.style.size, on = a.state.selected || a.state.hover;
        function draw() {
          var angle = -Math.PI / 2;
          ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fillStyle = "#d9d9d9"; ctx.fill();
          if (g.units > 0) DATA.statuses.forEach(function (s) {
            var n = g[s[0]]; if (!n) return;
            var end = angle + 2 * Math.PI * n / g.units;
            ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, r, angle, end); ctx.closePath();
            ctx.fillStyle = s[2]; ctx.fill(); angle = end;
          });
          ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.lineWidth = on ? r / 12 : r / 60; ctx.strokeStyle = on ? "#000000" : "#666666"; ctx.stroke();
          var name = g.label || T.no_street;
          var count = g.units ? fmt(T.units, { n: g.units.toLocaleString("en-US") })
            : fmt(T.nodes, { n: g.nodes.toLocaleString("en-US") });
          var fs = Math.max(Math.min(r / 3.6, 1.5 * r / Math.max(name.length, 3)), RMAX / 10);
          ctx.font = "bold " + fs + "px " + FACE; ctx.textAlign = "center"; ctx.textBaseline = "middle";
          var w = Math.max(ctx.measureText(name).width, ctx.measureText(count).width) + fs;
          ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fillRect(x - w / 2, y - 1.25 * fs, w, 2.5 * fs);
          ctx.fillStyle = "#111111"; ctx.fillText(name, x, y - 0.55 * fs);
          ctx.font = fs * 0.9 + "px " + FACE; ctx.fillText(count, x, y + 0.65 * fs);
          [["uncovered", -Math.PI / 4], ["work_only", Math.PI / 4]].forEach(function (b) {
            var n = g[b[0]]; if (!n) return;
            var br = Math.max(r * 0.2, RMAX / 10), bx = x + r * Math.cos(b[1]), by = y + r * Math.sin(b[1]);
            ctx.beginPath(); ctx.arc(bx, by, br, 0, 2 * Math.PI); ctx.fillStyle = COLOR[b[0]]; ctx.fill();
            ctx.lineWidth = br / 8; ctx.strokeStyle = "#ffffff"; ctx.stroke();
            ctx.fillStyle = b[0] === "uncovered" ? "#ffffff" : "#111111";
            ctx.font = "bold " + br + "px " + FACE; ctx.fillText(n.toLocaleString("en-US"), bx, by);
          });
        }
        return { drawNode: draw, nodeDimensions: { width: 2 * r, height: 2 * r } };
      };
    }
    var COLOR = {}; DATA.statuses.forEach(function (s) { COLOR[s[0]] = s[2]; });
    var RMAX = Math.max.apply(null, DATA.groups.map(function (g) { return g.size; }).concat([1]));

    var items = DATA.nodes.map(function (n) {
      var rec = indexById[n.id];
      // no vis label: the page draws labels itself, at a fixed size on screen, where they fit
      return { id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size, title: rec ? rec.name : n.label,
        color: { background: n.color, border: "#ffffff",
          highlight: { background: n.color, border: "#000000" },
          hover: { background: n.color, border: "#000000" } },
        borderWidth: 1 };
    });
    DATA.groups.forEach(function (g) {
      items.push({ id: g.id, x: g.x, y: g.y, shape: "custom", size: g.size, ctxRenderer: pie(g) });
    });
    var nodes = new vis.DataSet(items);
    var big = DATA.nodes.length > 200;
    var edges = new vis.DataSet(DATA.edges.map(function (e, i) {
      var edge = { id: i, from: e.from, to: e.to, title: e.label || e.type };
      if (e.cross) edge.color = { color: "#c8c8c8", opacity: 0.18, highlight: "#333333" };
      return edge;
    }));
    var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, hideEdgesOnDrag: DATA.edges.length > 3000, tooltipDelay: 150,
        dragNodes: false },
      edges: { smooth: false, width: 0.6, color: { color: "#b0b0b0", highlight: "#333333", opacity: 0.7 },
        selectionWidth: 2 }
    });

    // ---------- labels: a fixed size on screen, each only where it overlaps no label drawn before it
    // (streets, summaries, carriers and organisations first, units last and only from scale 0.5 on);
    // zooming in spreads the nodes apart, so more labels fit and none piles onto another
    var shownNow = {}, widthAt1 = {};
    var byRank = DATA.nodes.slice().sort(function (a, b) {
      var ra = RANK[a.kind] === undefined ? 5 : RANK[a.kind];
      var rb = RANK[b.kind] === undefined ? 5 : RANK[b.kind];
      return ra - rb ||
        b.size - a.size;
    });
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale(), view = network.getViewPosition(), box = network.body.container;
      var W = box.clientWidth, H = box.clientHeight, CELL = 8, used = {};
      var first = network.getSelectedNodes().map(function (id) { return byId[id]; })
        .filter(function (n) { return n && n.kind; });
      ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
      first.concat(byRank).forEach(function (n) {
        if (!shownNow[n.id] || !n.label || used["n" + n.id]) return;
        if (n.kind === "Unit" && scale < 0.5 && first.indexOf(n) < 0) return;
        var px = PX[n.kind] || 12, font = (n.kind === "Street" ? "bold " : "") + px + "px " + FACE;
        if (widthAt1[n.id] === undefined) { ctx.font = "bold 10px " + FACE;
          widthAt1[n.id] = ctx.measureText(n.label).width / 10; }
        var w = widthAt1[n.id] * px, sx = (n.x - view.x) * scale + W / 2;
        var sy = (n.y - view.y) * scale + H / 2 + n.size * scale + 2;
        if (sx + w / 2 < 0 || sx - w / 2 > W || sy > H || sy + px < 0) return;
        var x0 = Math.floor((sx - w / 2) / CELL), x1 = Math.floor((sx + w / 2) / CELL);
        var y0 = Math.floor(sy / CELL), y1 = Math.floor((sy + px * 1.15) / CELL), i, j;
        for (i = x0; i <= x1; i++) for (j = y0; j <= y1; j++) if (used[i + "," + j]) return;
        for (i = x0; i <= x1; i++) for (j = y0; j <= y1; j++) used[i + "," + j] = true;
        used["n" + n.id] = true;
        ctx.font = font.replace(px + "px", px / scale + "px");
        ctx.lineWidth = 3 / scale; ctx.strokeStyle = "#ffffff";
        ctx.strokeText(n.label, n.x, n.y + n.size + 2 / scale);
        ctx.fillStyle = "#222222"; ctx.fillText(n.label, n.x, n.y + n.size + 2 / scale);
      });
    });

    // ---------- legend, street list and filters
    var legend = document.getElementById("legend");
    function swatch(colour, square) {
      var sw = el("span"); sw.className = "swatch"; sw.style.background = colour;
      if (square) sw.style.borderRadius = "2px"; return sw;
    }
    DATA.statuses.forEach(function (s) {
      var span = el("span"); span.appendChild(swatch(s[2])); span.appendChild(document.createTextNode(s[1]));
      legend.appendChild(span);
    });
    DATA.kinds.forEach(function (k) {
      var span = el("span"); span.appendChild(swatch(k[2], true));
      span.appendChild(document.createTextNode(k[1])); legend.appendChild(span);
    });
    var ranking = document.getElementById("ranking");
    var most = Math.max.apply(null, DATA.groups.map(function (g) { return g.units; }).concat([1]));
    DATA.groups.filter(function (g) { return g.label; }).sort(function (a, b) {
      return b.uncovered - a.uncovered || b.work_only - a.work_only || b.units - a.units;
    }).forEach(function (g) {
      var row = el("div"); row.className = "street-row"; row.dataset.street = g.street;
      row.appendChild(el("b", g.label));
      row.appendChild(el("span", " " + fmt(T.ranking_row, g)));
      var bar = el("div"); bar.className = "bar"; bar.style.width = (100 * g.units / most) + "%";
      DATA.statuses.forEach(function (s) {
        if (!g[s[0]]) return;
        var part = el("span"); part.style.background = s[2]; part.style.flexGrow = g[s[0]];
        bar.appendChild(part);
      });
      row.appendChild(bar);
      row.addEventListener("click", function () { expand(g.street, true); });
      ranking.appendChild(row);
    });
    var streetSel = document.getElementById("street");
    DATA.streets.forEach(function (s) {
      var o = el("option", s[1]); o.value = s[0]; streetSel.appendChild(o);
    });
    var statusBox = document.getElementById("status-filters");
    DATA.statuses.forEach(function (s) {
      var lab = el("label"); var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.value = s[0];
      cb.className = "status-filter"; lab.appendChild(cb);
      lab.appendChild(document.createTextNode(s[1] + " "));
      statusBox.appendChild(lab);
    });

    // ---------- what is shown: pies of closed streets, the nodes of open ones
    function applyFilters(fit) {
      var street = streetSel.value, shown = {}, visible = {}, ids = [];
      document.querySelectorAll(".status-filter").forEach(function (cb) { shown[cb.value] = cb.checked; });
      var updates = DATA.nodes.map(function (n) {
        var open = !groupOf[n.street] || expanded[n.street];
        var hide = !open || (street !== "" && n.street !== street) ||
          ((n.kind === "Unit" || n.kind === "Summary") && n.status && shown[n.status] === false);
        if (!hide) { visible[n.id] = true; ids.push(n.id); }
        return { id: n.id, hidden: hide };
      });
      DATA.groups.forEach(function (g) {
        var hide = !!expanded[g.street] || (street !== "" && g.street !== street);
        if (!hide) { visible[g.id] = true; ids.push(g.id); }
        updates.push({ id: g.id, hidden: hide });
      });
      nodes.update(updates);
      shownNow = visible;
      edges.update(DATA.edges.map(function (e, i) {
        // on a big page the street grouping already shows membership: its star of lines is noise
        return { id: i, hidden: !(visible[e.from] && visible[e.to]) || (big && e.type === "IN_STREET") };
      }));
      document.body.dataset.visible = String(ids.length);
      document.body.dataset.expanded = String(Object.keys(expanded).filter(function (k) {
        return expanded[k]; }).length);
      if (fit && ids.length) network.fit({ nodes: ids, animation: false });
      return ids;
    }
    function expand(street, fit) {
      if (groupOf[street]) expanded[street] = true;
      applyFilters(false);
      if (fit) network.fit({ nodes: DATA.nodes.filter(function (n) { return n.street === street; })
        .map(function (n) { return n.id; }), animation: false });
    }
    function collapse(street) { delete expanded[street]; applyFilters(false); }
    function overview() { expanded = {}; streetSel.value = ""; return applyFilters(true); }
    function expandAll() {
      DATA.groups.forEach(function (g) { expanded[g.street] = true; }); return applyFilters(true);
    }
    streetSel.addEventListener("change", function () {
      if (streetSel.value !== "") expanded[streetSel.value] = true;
      applyFilters(true);
    });
    statusBox.addEventListener("change", function () { applyFilters(false); });
    document.getElementById("overview").addEventListener("click", overview);
    document.getElementById("expand-all").addEventListener("click", expandAll);

    // ---------- details
    function streetName(id) { var g = groupOf[id]; return g ? g.label : ""; }
    function showDetails(id) {
      var rec = indexById[id], drawn = byId[id], group = drawn && drawn.units !== undefined ? drawn : null;
      var box = document.getElementById("details"); box.textContent = "";
      var h = el("h3", rec ? rec.name : group ? (group.label || T.no_street) : (drawn ? drawn.label : id));
      h.style.margin = "4px 0"; box.appendChild(h);
      var table = el("table");
      function row(k, v) {
        var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", String(v)));
        table.appendChild(tr); }
      if (group) {
        row(T.kind, DATA.kindLabels.Street);
        DATA.statuses.forEach(function (s) { row(s[1], group[s[0]]); });
      } else {
        var kind = rec ? rec.kind : (drawn ? drawn.kind : "");
        row(T.kind, DATA.kindLabels[kind] || kind);
        row(T.id, id);
        var st = rec ? rec.street : (drawn ? drawn.street : "");
        if (streetName(st)) row(T.street, streetName(st));
        var status = rec ? rec.status : (drawn ? drawn.status : null);
        if (status) row(T.status, DATA.statusLabels[status] || status);
        var det = detailsById[id];
        if (det) det[0].columns.forEach(function (k, j) {
          var v = det[0].data[det[1]][j]; if (v !== null && v !== undefined) row(k, v);
        });
        if (rec && rec.at !== id) row(T.at, rec.at ? (byId[rec.at] || {}).label || rec.at : T.not_drawn);
      }
      box.appendChild(table);
      var home = rec ? rec.street : (drawn ? drawn.street : null);
      if (!group && home && expanded[home] && groupOf[home]) {
        var b = el("button", T.collapse); b.type = "button";
        b.addEventListener("click", function () { collapse(home); }); box.appendChild(b);
      }
      var nb = document.getElementById("neighbours"); nb.textContent = "";
      var at = rec ? rec.at : id;
      (byId[at] && !group ? network.getConnectedNodes(at) : []).slice(0, 200).forEach(function (other) {
        var d = el("div", (indexById[other] || byId[other] || {}).name || (byId[other] || {}).label || other);
        d.addEventListener("click", function () { select(other); }); nb.appendChild(d);
      });
    }
    function select(id) {
      var rec = indexById[id];
      var at = rec ? rec.at : id;
      var street = rec ? rec.street : (byId[id] || {}).street;
      if (groupOf[street] && !expanded[street]) expand(street, false);
      if (byId[at]) {
        network.selectNodes([at]);
        network.focus(at, { scale: 1.6, animation: false });
      }
      showDetails(id);
      document.body.dataset.selected = id;
    }
    network.on("click", function (p) {
      if (!p.nodes.length) return;
      var id = p.nodes[0], g = byId[id];
      if (g && g.units !== undefined) { expand(g.street, true); }
      showDetails(id);
      document.body.dataset.selected = id;
    });

    // ---------- search (no form: a sandboxed frame without allow-forms never submits one)
    var input = document.getElementById("search");
    function search(q) {
      q = (q || "").trim().toLowerCase();
      var box = document.getElementById("results"); box.textContent = "";
      if (!q) { box.textContent = T.results_hint; return []; }
      var hits = DATA.index.filter(function (r) {
        return (r.name && r.name.toLowerCase().indexOf(q) >= 0) || r.id.toLowerCase() === q;
      });
      hits.sort(function (a, b) { return (a.name === q ? 0 : 1) - (b.name === q ? 0 : 1) ||
        (a.name || "").length - (b.name || "").length; });
      if (!hits.length) box.textContent = T.not_found;
      hits.slice(0, 50).forEach(function (r) {
        var d = el("div", r.name + "（" + (DATA.kindLabels[r.kind] || r.kind) + "）");
        d.addEventListener("click", function () { select(r.id); }); box.appendChild(d);
      });
      if (hits.length > 50) box.appendChild(el("div", fmt(T.more, { n: hits.length })));
      if (hits.length) select(hits[0].id);
      return hits.map(function (r) { return r.id; });
    }
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(input.value); });
    document.getElementById("search-button").addEventListener("click", function () { search(input.value); });

    window.graphkit = { network: network, nodes: nodes, data: DATA, search: search, select: select,
      expand: expand, overview: overview, expandAll: expandAll, applyFilters: applyFilters };
    network.once("afterDrawing", function () { document.body.dataset.ready = "1"; });
    if (document.fonts && document.fonts.load) {
      document.fonts.load('12px "graphkit-cjk"', "党").then(function () { network.redraw(); });
    }
    applyFilters(true);
  }

  // ---------- the data and library, plain or packed (gzip, base64)
  function text(id) { return document.getElementById(id).textContent; }
  function unpack(id) {
    var bin = atob(text(id)), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  var packed = document.getElementById("graph-data").type === "application/gzip-base64";
  if (!packed) { start(JSON.parse(text("graph-data"))); return; }
  if (typeof DecompressionStream === "undefined") {
    document.getElementById("graph").textContent = document.getElementById("graph").dataset.noInflate;
    return;
  }
  var lib = document.getElementById("vis-library");
  Promise.all([lib.type === "application/gzip-base64" ? unpack("vis-library") : null, unpack("graph-data")])
    .then(function (parts) {
      if (parts[0] !== null) (0, eval)(parts[0]);
      start(JSON.parse(parts[1]));
    });
})();
"""

PAGE = (
    """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphkit">
<title>{title}</title>
<style>
{font}
html, body {{ margin: 0; height: 100%; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  "Noto Sans SC", "WenQuanYi Micro Hei", "graphkit-cjk", sans-serif; font-size: 14px; color: #222; }}
body {{ display: flex; flex-direction: column; }}
header {{ padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 6px 14px;
  align-items: center; }}
header h1 {{ font-size: 17px; margin: 0; }}
#headline {{ font-size: 15px; font-weight: bold; flex-basis: 100%; }}
#note {{ color: #555; font-size: 12px; flex-basis: 100%; }}
#main {{ flex: 1; display: flex; min-height: 0; }}
#graph {{ flex: 1; min-width: 0; background: #fff; }}
aside {{ width: 300px; border-left: 1px solid #ddd; padding: 8px 12px; overflow: auto; }}
aside h2 {{ font-size: 15px; margin: 8px 0 4px; }}
#details table {{ border-collapse: collapse; width: 100%; }}
#details td {{ border-bottom: 1px solid #eee; padding: 2px 4px; vertical-align: top; }}
#details td:first-child {{ color: #666; white-space: nowrap; }}
#results div, #neighbours div, .street-row {{ cursor: pointer; padding: 2px 0; }}
#results div:hover, #neighbours div:hover, .street-row:hover b {{ text-decoration: underline; }}
.street-row {{ font-size: 12px; margin-bottom: 3px; }}
.bar {{ display: flex; height: 6px; margin-top: 2px; }}
.swatch {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
  vertical-align: -1px; }}
.legend span {{ margin-right: 10px; white-space: nowrap; }}
label {{ white-space: nowrap; }}
input, select, button {{ font-family: inherit; font-size: 13px; }}
</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <span><input id="search" type="search" placeholder="{t[search_placeholder]}" size="18">
    <button id="search-button" type="button">{t[search]}</button></span>
  <label>{t[street]} <select id="street"><option value="">{t[all_streets]}</option></select></label>
  <button id="overview" type="button">{t[overview]}</button>
  <button id="expand-all" type="button">{t[expand_all]}</button>
  <span id="status-filters"></span>
  <div id="headline">{headline}</div>
  <div id="note">{note}</div>
  <div class="legend" id="legend"></div>
</header>
<div id="main">
  <div id="graph" data-no-inflate="{no_inflate}"></div>
  <aside>
    <h2>{t[ranking]}</h2><div id="ranking"></div>
    <h2>{t[results]}</h2><div id="results">{t[results_hint]}</div>
    <h2>{t[details]}</h2><div id="details">{t[details_hint]}</div>
    <h2>{t[neighbours]}</h2><div id="neighbours"></div>
  </aside>
</div>
{vis}
{data}
<script>"""
    + SCRIPT.replace("{", "{{").replace("}", "}}")
    + """</script>
</body>
</html>
"""
)
