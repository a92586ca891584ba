/**
 * The dashboard site as a fetch handler, on memory-transport nodes (no TLS,
 * no ports): every path, content types, HEAD, refused methods, the state
 * JSON with peers, RTT and the two-hop topology from `geomesh.info`, and
 * the `dashboard` and `introspection` config options. (Who may read `/api/state` and `/metrics`, and the bounds on the
 * questions to peers, are attacks: `tests/adversarial/dashboard.test.ts`.)
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { createDashboardHandler } from "../../lib/dashboard/handler.ts";
import { LogRing } from "../../lib/dashboard/log-ring.ts";
import { INFO_ACTOR } from "../../lib/node/introspect.ts";
import type { DashboardState } from "../../lib/dashboard/state.ts";
import { resolveConfig } from "../../lib/node/config.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { silentLogger } from "../../lib/log.ts";
import { memoryNode } from "../node/helpers.ts";

/** A request from a loopback client (as the HTTPS servers report it). */
const get = (h: ReturnType<typeof createDashboardHandler>, path: string, init?: RequestInit) =>
  h(new Request(`https://127.0.0.1:4433${path}`, init), { remoteAddress: "127.0.0.1" });

test("paths: page, address (text and JSON), metrics, bundle, 404, 405, HEAD", async () => {
  const net = createMemoryNetwork();
  const node = await memoryNode(net, "s", { mode: "server" });
  try {
    const h = createDashboardHandler({
      node,
      bundle: () => Promise.resolve("export const x = 1;"),
    });
    const page = await get(h, "/");
    assert.match(page.headers.get("content-type")!, /^text\/html/);
    assert.match(page.headers.get("content-security-policy")!, /default-src 'self'/);
    assert.match(await page.text(), /<title>geomesh node<\/title>/);
    assert.is(await (await get(h, "/address")).text(), `${node.address}\n`);
    for (
      const res of [
        await get(h, "/address", { headers: { accept: "application/json" } }),
        await get(h, "/address?format=json"),
        await get(h, "/address.json"),
      ]
    ) {
      assert.is(res.headers.get("access-control-allow-origin"), "*");
      const json = await res.json();
      assert.equal([json.address, json.nodeId], [node.address, node.id]);
    }
    const metrics = await get(h, "/metrics");
    assert.match(metrics.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    assert.match(await metrics.text(), new RegExp(`geomesh_sessions\\{node="${node.id}"\\} 0`));
    const js = await get(h, "/geomesh.js");
    assert.match(js.headers.get("content-type")!, /^text\/javascript/);
    assert.is(await js.text(), "export const x = 1;");
    assert.is((await get(h, "/nope")).status, 404);
    const post = await get(h, "/", { method: "POST", body: "x" });
    assert.equal([post.status, post.headers.get("allow")], [405, "GET, HEAD"]);
    const head = await get(h, "/address", { method: "HEAD" });
    assert.equal([head.status, await head.text()], [200, ""]);
    const noBundle = createDashboardHandler({ node });
    assert.is((await get(noBundle, "/geomesh.js")).status, 404);
    const failing = createDashboardHandler({ node, bundle: () => Promise.reject(new Error("no")) });
    assert.is((await get(failing, "/geomesh.js")).status, 503);
  } finally {
    await node.close();
  }
});

test("state: peers with how they are reached, topology two hops out, recent logs", async () => {
  const net = createMemoryNetwork();
  const logs = new LogRing(silentLogger);
  const hub = await memoryNode(net, "hub", {
    mode: "hybrid",
    logger: logs,
    introspection: { peers: "all" },
  });
  const far = await memoryNode(net, "far", { mode: "server" });
  const client = await memoryNode(net, "c", { mode: "client" });
  try {
    await hub.connect(far.address);
    await client.connect(hub.address);
    const info = await client.request(`${INFO_ACTOR}@${hub.id}`, null) as { peers: unknown[] };
    assert.is(info.peers.length, 2);
    const h = createDashboardHandler({ node: hub, logs });
    const state = await (await get(h, "/api/state")).json() as DashboardState;
    assert.is(state.id, hub.id);
    assert.is(state.mode, "hybrid");
    assert.equal(
      state.peers.map((p) => [p.id, p.reached, p.connected]).sort(),
      [
        [client.id, "memory", true],
        [far.id, "memory", true],
      ].sort(),
    );
    assert.equal(
      state.topology.nodes.map((n) => [n.id, n.distance]).sort(),
      [
        [client.id, 1],
        [far.id, 1],
        [hub.id, 0],
      ].sort(),
    );
    assert.is(state.topology.edges.length, 2);
    assert.ok(state.logs.some((l) => l.msg === "peer connected"), "log lines kept");
    assert.is(typeof state.metrics.messagesReceived, "number");
    // The far node's own view, asked by the client through the hub, shows the two-hop edge.
    const h2 = createDashboardHandler({ node: client });
    const seen = await (await get(h2, "/api/state")).json() as DashboardState;
    assert.ok(seen.topology.nodes.some((n) => n.id === far.id && n.distance === 2), "two hops");
  } finally {
    await client.close();
    await hub.close();
    await far.close();
  }
});

test("config: dashboard is true, false or { port, hostname, public, token, trustLoopback }", () => {
  assert.is(resolveConfig({}).dashboard, true);
  assert.is(resolveConfig({ dashboard: false }).dashboard, false);
  assert.equal(resolveConfig({ dashboard: { port: 8443 } }).dashboard, { port: 8443 });
  const token = "abcdefghijklmnop-._~+/=";
  assert.equal(resolveConfig({ dashboard: { token, trustLoopback: false } }).dashboard, {
    token,
    trustLoopback: false,
  });
  assert.equal(resolveConfig({ dashboard: { public: true } }).dashboard, { public: true });
  assert.throws(() => resolveConfig({ dashboard: { port: 70000 } }), /dashboard\.port/);
  assert.throws(() => resolveConfig({ dashboard: { hostname: "" } }), /dashboard\.hostname/);
  assert.throws(() => resolveConfig({ dashboard: "yes" as never }), /config\.dashboard/);
  assert.throws(() => resolveConfig({ dashboard: { token: "short" } }), /16 to 256/);
  assert.throws(() => resolveConfig({ dashboard: { token: "x".repeat(15) + " " } }), /may hold/);
  assert.throws(() => resolveConfig({ dashboard: { public: true, token } }), /exclude/);
  assert.throws(() => resolveConfig({ dashboard: { public: "yes" as never } }), /public/);
  assert.throws(() => resolveConfig({ dashboard: { tokn: token } as never }), /dashboard\.tokn/);
});

test("config: introspection is off by default, true, or { allow, peers } with node ids", async () => {
  const id = (await generateIdentity()).id;
  const other = (await generateIdentity()).id;
  assert.is(resolveConfig({}).introspection, false);
  assert.equal(resolveConfig({ introspection: true }).introspection, {
    allow: "all",
    peers: "none",
  });
  assert.equal(resolveConfig({ introspection: { peers: [id] } }).introspection, {
    allow: "all",
    peers: [id],
  });
  assert.equal(
    resolveConfig({ introspection: { allow: [id, other], peers: [id] } }).introspection,
    {
      allow: [id, other],
      peers: [id],
    },
  );
  assert.throws(() => resolveConfig({ introspection: { peers: ["nope"] } }), /not a node id/);
  assert.throws(() => resolveConfig({ introspection: { allow: "none" as never } }), /allow/);
  assert.throws(
    () => resolveConfig({ introspection: { allow: [id], peers: [other] } }),
    /not in introspection\.allow/,
  );
  assert.throws(
    () => resolveConfig({ introspection: { allow: [id], peers: "all" } }),
    /name the ids/,
  );
  assert.throws(() => resolveConfig({ introspection: "yes" as never }), /config\.introspection/);
  assert.throws(
    () => resolveConfig({ introspection: { everyone: true } as never }),
    /introspection\.everyone/,
  );
});

test.run();
