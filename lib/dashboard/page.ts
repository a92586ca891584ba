/**
 * The dashboard page: one self-contained HTML document (inline CSS and
 * script, no external assets) that polls `/api/state` every second and draws
 * the node id, rates, peers, the mesh topology (SVG) and recent log lines.
 * Everything from the node is put into the page with `textContent` /
 * attributes, never as HTML.
 *
 * The page itself holds no data. Opened as `/?token=<token>` (the link the
 * node prints), it keeps the token in this tab's `sessionStorage`, takes it
 * out of the address bar (so it does not linger in history or screenshots)
 * and sends it as `Authorization: Bearer` with every poll; refused (401/403),
 * it says what to open instead.
 *
 * @module
 */

const STYLE = `
:root { color-scheme: light dark; --bg:#0f1419; --panel:#182028; --line:#2a3642; --fg:#e6edf3;
  --dim:#8b98a5; --deno:#3ddc97; --bun:#f6a5c0; --browser:#5aa9ff; --node:#c9a227; --unknown:#8b98a5; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:14px/1.4 system-ui, sans-serif; }
header { display:flex; gap:12px; align-items:baseline; padding:14px 20px; border-bottom:1px solid var(--line); }
header h1 { margin:0; font-size:20px; letter-spacing:.5px; }
.badge { padding:2px 8px; border-radius:10px; background:var(--line); font-size:12px; }
#status.live { background:#1f6f4a; } #status.down { background:#8a2b2b; }
#locked { border-color:#8a2b2b; }
main { display:grid; grid-template-columns: 1fr 1fr; gap:14px; padding:14px 20px; }
section { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
section h2 { margin:0 0 8px; font-size:13px; text-transform:uppercase; color:var(--dim); letter-spacing:1px; }
.wide { grid-column: 1 / -1; }
.cards { display:grid; grid-template-columns: repeat(5, 1fr); gap:10px; }
.card .v { font-size:22px; font-variant-numeric: tabular-nums; }
.card .k { color:var(--dim); font-size:12px; }
code, .mono { font-family: ui-monospace, monospace; font-size:12px; word-break: break-all; }
table { width:100%; border-collapse: collapse; font-size:13px; }
th, td { text-align:left; padding:4px 6px; border-bottom:1px solid var(--line); }
th { color:var(--dim); font-weight:normal; }
svg text { fill:var(--fg); font-size:11px; font-family: ui-monospace, monospace; }
#logs { max-height:260px; overflow:auto; margin:0; }
#logs div { white-space: pre-wrap; }
.warn { color:#f0c050; } .error { color:#ff6b6b; } .debug { color:var(--dim); }
button { background:var(--line); color:var(--fg); border:1px solid var(--dim); border-radius:6px; padding:4px 10px; cursor:pointer; }
a { color:var(--browser); }
`;

const SCRIPT = String.raw`
const $ = (id) => document.getElementById(id);
const COLORS = { deno: "var(--deno)", bun: "var(--bun)", browser: "var(--browser)", node: "var(--node)" };
const short = (id) => id.slice(0, 8);
let prev;
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props || {};
  Object.assign(e, rest);
  Object.assign(e.dataset, dataset || {});
  for (const c of children) e.append(c);
  return e;
}
function fmtBytes(n) {
  const u = ["B", "KB", "MB", "GB"]; let i = 0;
  while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
  return n.toFixed(n >= 100 || i === 0 ? 0 : 1) + " " + u[i];
}
function fmtAge(ms) {
  const s = Math.floor(ms / 1000);
  return s < 60 ? s + "s" : s < 3600 ? Math.floor(s / 60) + "m" : Math.floor(s / 3600) + "h";
}
function rates(s) {
  const m = s.metrics;
  if (!prev) { prev = s; return { min: 0, mout: 0, bin: 0, bout: 0 }; }
  const dt = Math.max(0.001, (s.time - prev.time) / 1000), p = prev.metrics;
  prev = s;
  return {
    min: (m.messagesReceived - p.messagesReceived) / dt, mout: (m.messagesSent + (m.messagesRelayed || 0) - p.messagesSent - (p.messagesRelayed || 0)) / dt,
    bin: (m.bytesReceived - p.bytesReceived) / dt, bout: (m.bytesSent - p.bytesSent) / dt,
  };
}
function renderCards(s) {
  const r = rates(s);
  const cards = [
    ["sessions", String(s.metrics.sessions)],
    ["messages/s in / out", r.min.toFixed(0) + " / " + r.mout.toFixed(0)],
    ["bytes/s in / out", fmtBytes(r.bin) + " / " + fmtBytes(r.bout)],
    ["messages total", String(s.metrics.messagesReceived + s.metrics.messagesSent)],
    ["errors", String(s.metrics.errors)],
  ];
  $("cards").replaceChildren(...cards.map(([k, v]) =>
    el("div", { className: "card" }, el("div", { className: "v", textContent: v }), el("div", { className: "k", textContent: k }))));
}
function renderPeers(s) {
  const rows = s.peers.map((p) => el("tr", { dataset: { peer: p.id } },
    el("td", { className: "mono", title: p.id, textContent: short(p.id) }),
    el("td", { textContent: p.runtime || "?" }),
    el("td", { textContent: p.mode || "" }),
    el("td", { textContent: p.via ? "relay via " + short(p.via) : p.reached }),
    el("td", { textContent: p.rttMs === undefined ? "" : p.rttMs.toFixed(1) + " ms" }),
    el("td", { textContent: p.connected ? "connected" : "known" })));
  if (!rows.length) rows.push(el("tr", {}, el("td", { colSpan: 6, textContent: "no peers yet", className: "debug" })));
  $("peers").replaceChildren(...rows);
}
const NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function renderTopology(s) {
  const W = 560, H = 380, cx = W / 2, cy = H / 2;
  const pos = new Map();
  const ring1 = s.topology.nodes.filter((n) => n.distance === 1);
  const ring2 = s.topology.nodes.filter((n) => n.distance === 2);
  pos.set(s.id, [cx, cy]);
  ring1.forEach((n, i) => {
    const a = -Math.PI / 2 + 0.5 + (2 * Math.PI * i) / Math.max(1, ring1.length);
    pos.set(n.id, [cx + 115 * Math.cos(a), cy + 115 * Math.sin(a)]);
  });
  ring2.forEach((n, i) => {
    const a = -Math.PI / 2 + Math.PI / Math.max(2, ring2.length) + (2 * Math.PI * i) / Math.max(1, ring2.length);
    pos.set(n.id, [cx + 175 * Math.cos(a), cy + 165 * Math.sin(a)]);
  });
  const g = [];
  for (const e of s.topology.edges) {
    const a = pos.get(e.a), b = pos.get(e.b);
    if (!a || !b) continue;
    const dash = e.protocol === "h3" ? "" : e.protocol === "ws" ? "2 4" : "7 4";
    g.push(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "#6b7a88", "stroke-width": 2, "stroke-dasharray": dash }));
    // Label beside the middle of the line, pushed off it perpendicularly.
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const nx = -(b[1] - a[1]) / len, ny = (b[0] - a[0]) / len;
    const t = e.a === s.id || e.b === s.id ? 0.62 : 0.5; // clear of the centre node's labels
    const from = e.b === s.id ? b : a, to = e.b === s.id ? a : b;
    const mx = from[0] + (to[0] - from[0]) * t + nx * 12, my = from[1] + (to[1] - from[1]) * t + ny * 12;
    if (e.protocol) g.push(svg("text", { x: mx, y: my + 4, "text-anchor": "middle", opacity: 0.8 }, e.protocol));
  }
  for (const n of s.topology.nodes) {
    const [x, y] = pos.get(n.id);
    const color = COLORS[n.runtime] || "var(--unknown)";
    if (n.distance === 0) g.push(svg("circle", { cx: x, cy: y, r: 24, fill: "none", stroke: color, "stroke-width": 2 }));
    g.push(svg("circle", { cx: x, cy: y, r: 17, fill: color, "data-node": n.id }));
    // Labels on the outer side of the node, away from the edges to the centre.
    const up = y < cy - 5;
    g.push(svg("text", { x: x, y: y + (up ? -37 : 38), "text-anchor": "middle" }, (n.runtime || "?") + " " + short(n.id)));
    g.push(svg("text", { x: x, y: y + (up ? -24 : 51), "text-anchor": "middle", opacity: 0.6 }, n.mode || ""));
  }
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img" });
  root.append(...g);
  $("topology").replaceChildren(root);
}
function renderLogs(s) {
  $("logs").replaceChildren(...s.logs.slice().reverse().map((l) => {
    const t = new Date(l.time).toTimeString().slice(0, 8);
    const f = Object.entries(l.fields).map(([k, v]) => k + "=" + v).join(" ");
    return el("div", { className: l.level, textContent: t + " " + l.level.toUpperCase().padEnd(5) + " " + l.msg + (f ? " " + f : "") });
  }));
}
function render(s) {
  $("id").textContent = s.id;
  $("mode").textContent = s.mode;
  $("runtime").textContent = s.runtime;
  $("uptime").textContent = "up " + fmtAge(s.time - s.startedAt);
  $("address").textContent = s.address;
  renderCards(s); renderPeers(s); renderTopology(s); renderLogs(s);
}
const TOKEN_KEY = "geomesh.dashboard.token";
const token = (() => {
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given !== null) {
    try { sessionStorage.setItem(TOKEN_KEY, given); } catch {}
    url.searchParams.delete("token");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    return given;
  }
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
})();
if (token) $("metrics").href = "/metrics?token=" + encodeURIComponent(token);
async function tick() {
  let wait = 1000;
  try {
    const res = await fetch("/api/state", {
      cache: "no-store",
      headers: token ? { authorization: "Bearer " + token } : {},
    });
    if (res.status === 401 || res.status === 403) {
      $("status").textContent = "locked"; $("status").className = "badge down";
      $("locked").hidden = false;
      $("locked").textContent = (res.status === 403 ? "The token of this link is not this node's. " : "") +
        "This node's data needs its dashboard token: open the dashboard link the node printed " +
        "(it ends in ?token=…), or open the page from the node's own machine.";
      wait = 5000;
    } else {
      if (!res.ok) throw new Error("HTTP " + res.status);
      render(await res.json());
      $("locked").hidden = true;
      $("status").textContent = "live"; $("status").className = "badge live";
    }
  } catch (err) {
    $("status").textContent = "disconnected"; $("status").className = "badge down";
  }
  setTimeout(tick, wait);
}
$("copy").onclick = () => navigator.clipboard.writeText($("address").textContent);
$("join").onclick = async () => {
  $("joined").textContent = "joining…";
  try {
    const g = await import("/geomesh.js");
    const a = await (await fetch("/address.json")).json();
    const node = await g.createNode({});
    await node.connect(a.address);
    globalThis.geomeshNode = node;
    $("joined").textContent = "this page is node " + short(node.id);
  } catch (err) {
    $("joined").textContent = "could not join: " + err.message;
  }
};
tick();
`;

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>geomesh node</title><style>${STYLE}</style></head>
<body>
<header><h1>geomesh</h1><span class="mono" id="id">…</span>
<span class="badge" id="mode"></span><span class="badge" id="runtime"></span>
<span class="badge" id="uptime"></span><span class="badge" id="status">connecting</span></header>
<main>
<section class="wide" id="locked" hidden></section>
<section class="wide"><div class="cards" id="cards"></div></section>
<section><h2>Mesh topology</h2><div id="topology"></div>
<div class="debug">solid h3 · dashed h2 · dotted ws (WebSocket) —
<span style="color:var(--deno)">deno</span> <span style="color:var(--bun)">bun</span>
<span style="color:var(--browser)">browser</span> · peers of peers only as they
reveal them (geomesh.info, opt-in on each node)</div></section>
<section><h2>Peers</h2><table><thead><tr><th>node</th><th>runtime</th><th>mode</th>
<th>reached by</th><th>RTT</th><th>state</th></tr></thead><tbody id="peers"></tbody></table></section>
<section class="wide"><h2>Address</h2><code id="address"></code> <button id="copy">copy</button>
<button id="join">join as a browser node</button> <span id="joined"></span>
<div class="debug"><a href="/address">/address</a> · <a id="metrics" href="/metrics">/metrics</a> ·
<a href="/geomesh.js">/geomesh.js</a></div></section>
<section class="wide"><h2>Recent log lines</h2><pre id="logs" class="mono"></pre></section>
</main>
<script type="module">${SCRIPT}</script>
</body></html>
`;

/**
 * The dashboard HTML.
 *
 * @example
 * ```ts
 * import { dashboardPage } from "./page.ts";
 * console.assert(dashboardPage().startsWith("<!doctype html>"));
 * ```
 */
export function dashboardPage(): string {
  return HTML;
}
