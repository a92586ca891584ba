/**
 * Attack of the security review, found by reading: a node's dashboard data
 * (`/api/state`: peers with addresses, routes, two-hop topology, the last 40
 * log lines; `/metrics`) was served to anyone reaching its public TLS port,
 * every GET made the node ask up to 256 peers for `geomesh.info`, and every
 * node (browsers included) answered `geomesh.info` with its direct peers to
 * any authenticated peer, so a few free identities could map the mesh.
 *
 * Now `/api/state` and `/metrics` need the dashboard token unless the client
 * is on loopback (as the HTTP server reports it; `trustLoopback: false` turns
 * that off) or the operator opened them (`dashboard: { public: true }`);
 * topology queries are made in bounded rounds whatever the request rate; and
 * `geomesh.info` is opt-in (`introspection`), revealing direct peers only to
 * the peers the operator names.
 *
 * The client's address is handed to the handler the way the HTTPS servers do
 * (its second argument), so the trust decision is tested from a non-loopback
 * source without one.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { request as httpsRequest } from "node:https";
import { createNode } from "../../lib/runtime/create.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { createDashboardHandler } from "../../lib/dashboard/handler.ts";
import { dashboardOf } from "../../lib/dashboard/mod.ts";
import { INFO_ACTOR, nodeInfo } from "../../lib/node/introspect.ts";
import type { DashboardState } from "../../lib/dashboard/state.ts";
import { captureLogger, memoryNode, rejectsWith } from "../node/helpers.ts";
import { memoryRogue } from "./harness.ts";

type Handler = ReturnType<typeof createDashboardHandler>;
type Client = { remoteAddress?: string };

/** Calls the handler as an HTTPS server would for a client at `client`. */
const call = (
  h: Handler,
  path: string,
  client?: Client,
  headers: Record<string, string> = {},
  host = "node.test:4433",
) =>
  (h as (r: Request, c?: Client) => Promise<Response>)(
    new Request(`https://${host}${path}`, { headers }),
    client,
  );

const REMOTE: Client = { remoteAddress: "203.0.113.7" };
const QUIET: QuicConfig = { gossipIntervalMs: 0, minPeers: 0 };
const randomToken = () => `tk-${crypto.randomUUID()}-${crypto.randomUUID()}`;

test("a remote client without the token gets 401 on /api/state and /metrics, a logged refusal; with it, the data", async () => {
  const net = createMemoryNetwork();
  const node = await memoryNode(net, "s", { mode: "server", ...QUIET });
  const log = captureLogger();
  const token = randomToken();
  try {
    const h = createDashboardHandler(
      {
        node,
        token,
        logger: log,
        bundle: () => Promise.resolve("export {};"),
      } as Parameters<typeof createDashboardHandler>[0],
    );
    for (const path of ["/api/state", "/metrics"]) {
      const bare = await call(h, path, REMOTE);
      const body = await bare.text();
      assert.is(bare.status, 401, `${path} without a token: ${body.slice(0, 80)}`);
      assert.match(body, /token/i);
      assert.not.match(body, new RegExp(node.id), "the refusal reveals nothing");
      assert.match(bare.headers.get("www-authenticate") ?? "", /^Bearer/);
      const wrong = await call(h, path, REMOTE, { authorization: `Bearer ${randomToken()}` });
      assert.is(wrong.status, 403, `${path} with a wrong token`);
      await wrong.body?.cancel();
      const bearer = await call(h, path, REMOTE, { authorization: `Bearer ${token}` });
      assert.is(bearer.status, 200, `${path} with the bearer token`);
      assert.match(await bearer.text(), new RegExp(node.id));
      const query = await call(h, `${path}?token=${encodeURIComponent(token)}`, REMOTE);
      assert.is(query.status, 200, `${path}?token=`);
      await query.body?.cancel();
    }
    const refused = log.lines.filter((l) => l.msg === "dashboard request refused");
    assert.ok(refused.length >= 2, `refusals logged: ${JSON.stringify(log.lines)}`);
    assert.ok(refused.some((l) => l.client === REMOTE.remoteAddress && l.path === "/api/state"));
    assert.ok(
      !JSON.stringify(log.lines).includes(token),
      "the token never appears in the log",
    );
    // What a browser needs stays public.
    for (const path of ["/", "/address", "/address.json", "/geomesh.js"]) {
      const res = await call(h, path, REMOTE);
      assert.is(res.status, 200, path);
      await res.body?.cancel();
    }
  } finally {
    await node.close();
  }
});

test("loopback is trusted only as the server reports it, with a loopback Host, unless trustLoopback: false", async () => {
  const net = createMemoryNetwork();
  const node = await memoryNode(net, "s", { mode: "server", ...QUIET });
  try {
    const h = createDashboardHandler(
      { node, logger: captureLogger() } as Parameters<
        typeof createDashboardHandler
      >[0],
    );
    const status = async (client?: Client, host?: string) => {
      const res = await call(h, "/api/state", client, {}, host);
      await res.body?.cancel();
      return res.status;
    };
    assert.is(await status({ remoteAddress: "127.0.0.1" }, "127.0.0.1:4433"), 200);
    assert.is(await status({ remoteAddress: "::1" }, "localhost:4433"), 200);
    assert.is(await status({ remoteAddress: "::ffff:127.0.0.1" }, "[::1]:4433"), 200);
    assert.is(await status(REMOTE, "127.0.0.1:4433"), 401, "a remote client");
    assert.is(await status(undefined, "127.0.0.1:4433"), 401, "an unknown client is not trusted");
    assert.is(
      await status({ remoteAddress: "127.0.0.1" }, "rebound.example:4433"),
      401,
      "a page whose name was rebound to 127.0.0.1 is not trusted",
    );
    // Behind a reverse proxy on the same host every client looks local.
    const proxied = createDashboardHandler(
      {
        node,
        trustLoopback: false,
        token: randomToken(),
        logger: captureLogger(),
      } as Parameters<typeof createDashboardHandler>[0],
    );
    const res = await call(proxied, "/metrics", { remoteAddress: "127.0.0.1" }, {}, "127.0.0.1");
    assert.is(res.status, 401, "trustLoopback: false");
    await res.body?.cancel();
    // The operator may open the data on purpose.
    const open = createDashboardHandler(
      { node, public: true } as Parameters<
        typeof createDashboardHandler
      >[0],
    );
    const served = await call(open, "/api/state", REMOTE);
    assert.is(served.status, 200, "public: true");
    await served.body?.cancel();
  } finally {
    await node.close();
  }
});

function httpsGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: u.hostname,
      port: Number(u.port),
      path: `${u.pathname}${u.search}`,
      headers,
      rejectUnauthorized: false,
      agent: false,
    }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

test("a real node's own TLS port trusts a loopback client without the token", async () => {
  const node = await createNode({ mode: "server", port: 0, logger: captureLogger(), ...QUIET });
  try {
    const dashboard = dashboardOf(node)!;
    assert.match(dashboard.url, /127\.0\.0\.1/);
    const res = await httpsGet(`${dashboard.url}api/state`);
    assert.is(res.status, 200, res.body.slice(0, 120));
    assert.match(res.body, new RegExp(node.id));
  } finally {
    await node.close();
  }
});

test("a real node's TLS port: /api/state and /metrics refused without the token, served with it; /address public", async () => {
  const node = await createNode({
    mode: "server",
    port: 0,
    logger: captureLogger(),
    ...QUIET,
    // Deterministic whether or not this server can tell that the test client is on loopback.
    dashboard: { trustLoopback: false } as never,
  });
  try {
    const dashboard = dashboardOf(node)!;
    for (const path of ["api/state", "metrics"]) {
      const bare = await httpsGet(`${dashboard.url}${path}`);
      assert.is(bare.status, 401, `${path}: ${bare.body.slice(0, 80)}`);
      assert.not.match(bare.body, new RegExp(node.id));
    }
    const token = (dashboard as unknown as { token?: string }).token;
    assert.type(token, "string", "a random token is generated at start");
    assert.ok(token!.length >= 32, "long enough not to be guessed");
    const link = (dashboard as unknown as { link?: string }).link ?? "";
    assert.is(new URL(link).searchParams.get("token"), token, "the printed link carries it");
    for (const path of ["api/state", "metrics"]) {
      const ok = await httpsGet(`${dashboard.url}${path}`, { authorization: `Bearer ${token}` });
      assert.is(ok.status, 200, path);
      assert.match(ok.body, new RegExp(node.id));
    }
    const address = await httpsGet(`${dashboard.url}address`);
    assert.equal([address.status, address.body.trim()], [200, node.address]);
  } finally {
    await node.close();
  }
});

test("a flood of 50 GETs of /api/state makes a bounded number of geomesh.info queries", async () => {
  const net = createMemoryNetwork();
  const hub = await memoryNode(net, "hub", { mode: "hybrid", ...QUIET, maxPeers: 64 });
  const peers: GeomeshNode[] = [];
  let asked = 0;
  try {
    for (let i = 0; i < 30; i++) {
      const p = await memoryNode(net, `p${i}`, { mode: "client", ...QUIET });
      // Counts the questions; answers as an introspecting node would.
      p.actor(INFO_ACTOR, () => {
        asked++;
        return nodeInfo(p);
      });
      await p.connect(hub.address);
      peers.push(p);
    }
    const h = createDashboardHandler({ node: hub, logger: captureLogger() });
    const local = { remoteAddress: "127.0.0.1" };
    const started = performance.now();
    const flood = await Promise.all(
      Array.from({ length: 50 }, () => call(h, "/api/state", local, {}, "127.0.0.1:4433")),
    );
    assert.equal(flood.map((r) => r.status), flood.map(() => 200), "the flood is served");
    const states = await Promise.all(flood.map((r) => r.json() as Promise<DashboardState>));
    const elapsed = performance.now() - started;
    // At most one round of at most 16 queries per 3 s (a slow machine only loosens it).
    const bound = 16 * (1 + Math.floor(elapsed / 3000));
    assert.ok(asked <= bound, `${asked} geomesh.info queries for 50 GETs (bound ${bound})`);
    assert.ok(asked > 0, "the topology is still collected");
    // The picture still has every direct peer.
    const last = states[states.length - 1];
    assert.is(last.topology.nodes.filter((n) => n.distance === 1).length, 30);
  } finally {
    await Promise.all(peers.map((p) => p.close()));
    await hub.close();
  }
});

test("geomesh.info is not answered by default (a free identity gets UNKNOWN_ACTOR), answered when enabled", async () => {
  const net = createMemoryNetwork();
  const victim = await memoryNode(net, "victim", { mode: "server", ...QUIET });
  const other = await memoryNode(net, "other", { mode: "client", ...QUIET });
  const nodes: GeomeshNode[] = [victim, other];
  try {
    await other.connect(victim.address);
    await rejectsWith(other.request(`${INFO_ACTOR}@${victim.id}`, null), "UNKNOWN_ACTOR");
    // The same with a throw-away identity speaking raw frames.
    const rogue = await memoryRogue(net, "rogue", victim.address);
    await rogue.send({ type: "request", id: 7, actor: INFO_ACTOR, payload: null });
    let reply;
    do reply = await rogue.inbox.next(); while (reply.type !== "response");
    assert.is(reply.id, 7);
    assert.is(reply.error?.code, "UNKNOWN_ACTOR", JSON.stringify(reply));
    rogue.close();

    // Enabled: runtime and mode for everyone, the peer list only for those named.
    const friend = await memoryNode(net, "friend", { mode: "client", ...QUIET });
    const stranger = await memoryNode(net, "stranger", { mode: "client", ...QUIET });
    nodes.push(friend, stranger);
    const open = await memoryNode(net, "open", {
      mode: "server",
      ...QUIET,
      introspection: { peers: [friend.id] },
    } as QuicConfig);
    nodes.push(open);
    await friend.connect(open.address);
    await stranger.connect(open.address);
    const toStranger = await stranger.request(`${INFO_ACTOR}@${open.id}`, null) as {
      id: string;
      mode: string;
      runtime: string;
      peers: unknown[];
    };
    assert.equal([toStranger.id, toStranger.mode], [open.id, "server"]);
    assert.ok(["deno", "bun", "node"].includes(toStranger.runtime), toStranger.runtime);
    assert.equal(toStranger.peers, [], "no peer list for a peer not named");
    const toFriend = await friend.request(`${INFO_ACTOR}@${open.id}`, null) as {
      peers: { id: string }[];
    };
    assert.equal(toFriend.peers.map((p) => p.id).sort(), [friend.id, stranger.id].sort());

    // An allow list: others cannot tell the actor from a missing one.
    const picky = await memoryNode(net, "picky", {
      mode: "server",
      ...QUIET,
      introspection: { allow: [friend.id] },
    } as QuicConfig);
    nodes.push(picky);
    await friend.connect(picky.address);
    await stranger.connect(picky.address);
    const err = await rejectsWith(
      stranger.request(`${INFO_ACTOR}@${picky.id}`, null),
      "UNKNOWN_ACTOR",
    );
    assert.match(err.message, /unknown actor "geomesh\.info"/);
    const allowed = await friend.request(`${INFO_ACTOR}@${picky.id}`, null) as { peers: [] };
    assert.equal(allowed.peers, [], "allowed, but no peer list unless named in peers");
  } finally {
    await Promise.all(nodes.map((n) => n.close()));
  }
});

test("the dashboard's two-hop topology shows only what peers chose to reveal", async () => {
  const net = createMemoryNetwork();
  const hub = await memoryNode(net, "hub", { mode: "hybrid", ...QUIET });
  const nodes: GeomeshNode[] = [hub];
  const make = async (name: string, config: QuicConfig) => {
    const n = await memoryNode(net, name, { ...QUIET, ...config });
    nodes.push(n);
    return n;
  };
  try {
    const silent = await make("silent", { mode: "server" });
    const summary = await make("summary", { mode: "server", introspection: true } as QuicConfig);
    const revealing = await make("revealing", {
      mode: "server",
      introspection: { peers: [hub.id] },
    } as QuicConfig);
    const hidden = await make("hidden", { mode: "client" });
    const shown = await make("shown", { mode: "client" });
    await hidden.connect(silent.address);
    await hidden.connect(summary.address);
    await shown.connect(revealing.address);
    for (const n of [silent, summary, revealing]) await hub.connect(n.address);
    const h = createDashboardHandler({ node: hub, logger: captureLogger() });
    const state =
      await (await call(h, "/api/state", { remoteAddress: "127.0.0.1" }, {}, "127.0.0.1"))
        .json() as DashboardState;
    const byId = new Map(state.topology.nodes.map((n) => [n.id, n]));
    assert.is(byId.get(silent.id)?.distance, 1);
    assert.is(byId.get(silent.id)?.runtime, undefined, "a silent peer reveals no runtime");
    assert.ok(byId.get(summary.id)?.runtime, "a summarising peer reveals its runtime");
    assert.is(byId.get(shown.id)?.distance, 2, "a peer that reveals its peers to us");
    assert.not.ok(byId.has(hidden.id), "nobody revealed this one");
  } finally {
    await Promise.all(nodes.map((n) => n.close()));
  }
});

test.run();
