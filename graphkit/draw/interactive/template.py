"""The HTML and script of the interactive page (see :func:`graphkit.draw.interactive.interactive_html`).

:data:`PAGE` is a :meth:`str.format` template (literal braces doubled) with the
fields ``title``, ``note``, ``font`` (an ``@font-face`` rule or nothing),
``vis`` (the vis-network library) and ``data`` (the page data as JSON). The
script exposes ``window.graphkit`` (network, nodes, data, search, select,
applyFilters) and marks ``body[data-ready]``, ``data-selected`` and
``data-visible`` for tests.

Examples
--------
>>> import string
>>> sorted({name for _, name, _, _ in string.Formatter().parse(PAGE) if name})
['data', 'font', 'note', 'title', 'vis']

"""

__all__ = ["PAGE"]

PAGE = """<!DOCTYPE html>
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
header {{ padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 8px 16px;
  align-items: center; }}
header h1 {{ font-size: 17px; margin: 0; }}
#note {{ color: #555; font-size: 12px; flex-basis: 100%; }}
#main {{ flex: 1; display: flex; min-height: 0; }}
#graph {{ flex: 1; min-width: 0; background: #fff; }}
aside {{ width: 300px; border-left: 1px solid #ddd; padding: 8px 12px; overflow: auto; }}
aside h2 {{ font-size: 15px; margin: 8px 0 4px; }}
#details table {{ border-collapse: collapse; width: 100%; }}
#details td {{ border-bottom: 1px solid #eee; padding: 2px 4px; vertical-align: top; }}
#details td:first-child {{ color: #666; white-space: nowrap; }}
#results div, #neighbours div {{ cursor: pointer; padding: 2px 0; }}
#results div:hover, #neighbours div:hover {{ text-decoration: underline; }}
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
  <form id="search-form"><input id="search" type="search" placeholder="按名称搜索…" size="18">
    <button type="submit">搜索</button></form>
  <label>街道 <select id="street"><option value="">全部街道</option></select></label>
  <span id="status-filters"></span>
  <div id="note">{note}</div>
  <div class="legend" id="legend"></div>
</header>
<div id="main">
  <div id="graph"></div>
  <aside>
    <h2>搜索结果</h2><div id="results">输入名称后回车</div>
    <h2>节点详情</h2><div id="details">点击图中节点查看详情</div>
    <h2>相邻节点</h2><div id="neighbours"></div>
  </aside>
</div>
<script>
{vis}
</script>
<script type="application/json" id="graph-data">{data}</script>
<script>
(function () {{
  "use strict";
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var FACE = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, graphkit-cjk, sans-serif";
  var byId = {{}};
  DATA.nodes.forEach(function (n) {{ byId[n.id] = n; }});
  var indexById = {{}};
  DATA.index.forEach(function (r) {{ indexById[r.id] = r; }});
  var detailsById = {{}};
  DATA.details.forEach(function (b) {{ b.index.forEach(function (id, i) {{ detailsById[id] = [b, i]; }}); }});
  function el(tag, text) {{
    var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e;
  }}

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {{
    return {{ id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: {{ background: n.color, border: "#ffffff",
        highlight: {{ background: n.color, border: "#000000" }} }},
      borderWidth: 1, font: {{ size: n.kind === "Street" ? 64 : n.kind === "Summary" ? 20 : 12 }} }};
  }}));
  var edges = new vis.DataSet(DATA.edges.map(function (e, i) {{
    var edge = {{ id: i, from: e.from, to: e.to, title: e.label || e.type }};
    if (e.cross) edge.color = {{ color: "#c8c8c8", opacity: 0.18, highlight: "#333333" }};
    // on a big page the street grouping already shows membership: its star of lines is noise
    if (e.type === "IN_STREET" && DATA.nodes.length > 200) edge.hidden = true;
    return edge;
  }}));
  var network = new vis.Network(document.getElementById("graph"), {{ nodes: nodes, edges: edges }}, {{
    physics: false,
    layout: {{ improvedLayout: false }},
    interaction: {{ hover: true, hideEdgesOnDrag: DATA.edges.length > 3000, tooltipDelay: 150 }},
    nodes: {{ font: {{ face: FACE }},
      scaling: {{ label: {{ drawThreshold: 7 }} }} }},
    edges: {{ smooth: false, width: 0.6, color: {{ color: "#b0b0b0", highlight: "#333333", opacity: 0.7 }},
      selectionWidth: 2 }}
  }});

  // ---------- legend and filters
  var legend = document.getElementById("legend");
  DATA.statuses.forEach(function (s) {{
    var span = el("span"); var sw = el("span"); sw.className = "swatch"; sw.style.background = s[2];
    span.appendChild(sw); span.appendChild(document.createTextNode(s[1])); legend.appendChild(span);
  }});
  DATA.kinds.forEach(function (k) {{
    var span = el("span"); var sw = el("span"); sw.className = "swatch"; sw.style.background = k[2];
    sw.style.borderRadius = "2px"; span.appendChild(sw); span.appendChild(document.createTextNode(k[1]));
    legend.appendChild(span);
  }});
  var streetSel = document.getElementById("street");
  DATA.streets.forEach(function (s) {{
    var o = el("option", s[1]); o.value = s[0]; streetSel.appendChild(o);
  }});
  var statusBox = document.getElementById("status-filters");
  DATA.statuses.forEach(function (s) {{
    var lab = el("label"); var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.value = s[0];
    cb.className = "status-filter"; lab.appendChild(cb); lab.appendChild(document.createTextNode(s[1] + " "));
    statusBox.appendChild(lab);
  }});
  function applyFilters() {{
    var street = streetSel.value;
    var shown = {{}};
    document.querySelectorAll(".status-filter").forEach(function (cb) {{ shown[cb.value] = cb.checked; }});
    var updates = DATA.nodes.map(function (n) {{
      var hide = (street !== "" && n.street !== street) ||
        ((n.kind === "Unit" || n.kind === "Summary") && n.status && shown[n.status] === false);
      return {{ id: n.id, hidden: hide }};
    }});
    nodes.update(updates);
    document.body.dataset.visible = String(updates.filter(function (u) {{ return !u.hidden; }}).length);
    if (street !== "") {{
      var ids = updates.filter(function (u) {{ return !u.hidden; }}).map(function (u) {{ return u.id; }});
      network.fit({{ nodes: ids, animation: false }});
    }}
  }}
  streetSel.addEventListener("change", applyFilters);
  statusBox.addEventListener("change", applyFilters);

  // ---------- details
  function streetName(id) {{
    for (var i = 0; i < DATA.streets.length; i++) if (DATA.streets[i][0] === id) return DATA.streets[i][1];
    return "";
  }}
  function showDetails(id) {{
    var rec = indexById[id]; var drawn = byId[id];
    var box = document.getElementById("details"); box.textContent = "";
    var h = el("h3", rec ? rec.name : (drawn ? drawn.label : id));
    h.style.margin = "4px 0"; box.appendChild(h);
    var table = el("table");
    function row(k, v) {{ var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", String(v)));
      table.appendChild(tr); }}
    var kind = rec ? rec.kind : (drawn ? drawn.kind : "");
    row("节点类型", DATA.kindLabels[kind] || kind);
    row("编号", id);
    var st = rec ? rec.street : (drawn ? drawn.street : "");
    if (streetName(st)) row("街道", streetName(st));
    var status = rec ? rec.status : (drawn ? drawn.status : null);
    if (status) row("覆盖状态", DATA.statusLabels[status] || status);
    var det = detailsById[id];
    if (det) det[0].columns.forEach(function (k, j) {{
      var v = det[0].data[det[1]][j]; if (v !== null && v !== undefined) row(k, v);
    }});
    if (rec && rec.at !== id) row("图中位置", rec.at ? (byId[rec.at] || {{}}).label || rec.at : "未画出");
    box.appendChild(table);
    var nb = document.getElementById("neighbours"); nb.textContent = "";
    var at = rec ? rec.at : id;
    (byId[at] ? network.getConnectedNodes(at) : []).slice(0, 200).forEach(function (other) {{
      var d = el("div", (byId[other] || {{}}).label || other);
      d.addEventListener("click", function () {{ select(other); }}); nb.appendChild(d);
    }});
  }}
  function select(id) {{
    var rec = indexById[id];
    var at = rec ? rec.at : id;
    if (byId[at]) {{
      network.selectNodes([at]);
      network.focus(at, {{ scale: 1.2, animation: false }});
    }}
    showDetails(id);
    document.body.dataset.selected = id;
  }}
  network.on("click", function (p) {{ if (p.nodes.length) {{ showDetails(p.nodes[0]);
    document.body.dataset.selected = p.nodes[0]; }} }});

  // ---------- search
  function search(q) {{
    q = (q || "").trim().toLowerCase();
    var box = document.getElementById("results"); box.textContent = "";
    if (!q) {{ box.textContent = "输入名称后回车"; return []; }}
    var hits = DATA.index.filter(function (r) {{
      return (r.name && r.name.toLowerCase().indexOf(q) >= 0) || r.id.toLowerCase() === q;
    }});
    hits.sort(function (a, b) {{ return (a.name === q ? 0 : 1) - (b.name === q ? 0 : 1) ||
      (a.name || "").length - (b.name || "").length; }});
    if (!hits.length) box.textContent = "未找到";
    hits.slice(0, 50).forEach(function (r) {{
      var d = el("div", r.name + "（" + (DATA.kindLabels[r.kind] || r.kind) + "）");
      d.addEventListener("click", function () {{ select(r.id); }}); box.appendChild(d);
    }});
    if (hits.length > 50) box.appendChild(el("div", "……共" + hits.length + "项"));
    if (hits.length) select(hits[0].id);
    return hits.map(function (r) {{ return r.id; }});
  }}
  document.getElementById("search-form").addEventListener("submit", function (ev) {{
    ev.preventDefault(); search(document.getElementById("search").value);
  }});

  window.graphkit = {{ network: network, nodes: nodes, data: DATA, search: search, select: select,
    applyFilters: applyFilters }};
  network.once("afterDrawing", function () {{ document.body.dataset.ready = "1"; }});
  if (document.fonts && document.fonts.load) {{
    document.fonts.load('12px "graphkit-cjk"', "党").then(function () {{ network.redraw(); }});
  }}
  document.body.dataset.visible = String(DATA.nodes.length);
}})();
</script>
</body>
</html>
"""
