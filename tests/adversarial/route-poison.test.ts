/**
 * Attack 1 of the security review: one unsigned routed frame claiming
 * `from: V` used to teach a relay that V is reached through the rogue, so
 * every later request to V went to the rogue (a blackhole that also saw the
 * payloads). Now routes are learned only from frames whose origin signature
 * verified, the target's signed servers come before learned routes, and a
 * relay that stays silent makes the sender try the next one.
 *
 * Topology: V (client) - S (server) - A (hybrid), and the rogue R dialing A.
 * Run on the memory transport and on the runtime's real one.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createNode } from "../../lib/runtime/create.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { createMemoryNetwork, type MemoryNetwork } from "../../lib/transport/memory.ts";
import { captureLogger, until } from "../node/helpers.ts";
import { memoryRogue, realRogue, type RoguePeer } from "./harness.ts";

interface Mesh {
  v: GeomeshNode;
  s: GeomeshNode;
  a: GeomeshNode;
  rogue(mode?: "hybrid" | "server"): Promise<RoguePeer>;
  /** A rogue that `v` attaches to as a second server (so it is in V's signed record). */
  rogueServerOfV?: RoguePeer;
  close(): Promise<unknown>;
}

const OPTS: QuicConfig = { gossipIntervalMs: 50, minPeers: 0, keepAliveMs: 0 };

async function build(kind: "memory" | "real"): Promise<Mesh> {
  let net: MemoryNetwork | undefined;
  const make = (name: string, config: QuicConfig) => {
    const base = { ...OPTS, logger: captureLogger(), ...config };
    if (kind === "real") return createNode({ ...base, port: 0, connectTimeoutMs: 3000 });
    net ??= createMemoryNetwork({ seed: 5 });
    return createNode({ ...base, transport: net.transport(name) });
  };
  const s = await make("s", { mode: "server" });
  const a = await make("a", { mode: "hybrid", requestTimeoutMs: 4000 });
  const v = await make("v", { mode: "client" });
  const nodes = [v, a, s];
  const rogues: RoguePeer[] = [];
  try {
    await a.connect(s.address);
    await v.connect(s.address);
    v.handle((p) => ({ echo: p }));
    await until(() => a.peers().some((p) => p.id === v.id), 5000, "A learns V's record");
  } catch (err) {
    await Promise.all(nodes.map((n) => n.close()));
    throw err;
  }
  let n = 0;
  return {
    v,
    s,
    a,
    async rogue(mode = "hybrid") {
      const r = kind === "real"
        ? await realRogue(a.address, { mode })
        : await memoryRogue(net!, `rogue${++n}`, a.address, { mode });
      rogues.push(r);
      return r;
    },
    close: async () => {
      for (const r of rogues) r.close();
      await Promise.all(nodes.map((n) => n.close()));
    },
  };
}

/** The routed frames for `target` that reached the rogue (it must see none). */
function framesFor(r: RoguePeer, target: string) {
  return r.received.filter((m) =>
    (m.type === "request" || m.type === "message") && m.to === target
  );
}

for (const kind of ["memory", "real"] as const) {
  test(`${kind}: an unsigned frame claiming to come from V does not redirect A's traffic to V`, async () => {
    const m = await build(kind);
    try {
      const r = await m.rogue();
      const stranger = (await generateIdentity()).id;
      // Claims origin V, for a node nobody knows, with a zeroed signature.
      for (const type of ["message", "request"] as const) {
        await r.send({
          type,
          id: 1 + (type === "request" ? 1 : 0),
          from: m.v.id,
          to: stranger,
          payload: "poison",
          hops: 0,
          sig: new Uint8Array(64),
        });
      }
      // A refuses to relay to the stranger (signed UNKNOWN_PEER back to the rogue).
      await until(
        () => r.received.some((f) => f.type === "response" && f.error?.code === "UNKNOWN_PEER"),
        3000,
        "A's refusal",
      );
      for (let i = 0; i < 3; i++) {
        assert.equal(await m.a.request(m.v.id, i, { timeoutMs: 3000 }), { echo: i });
      }
      await m.a.send(m.v.id, "one-way");
      assert.is(framesFor(r, m.v.id).length, 0, "the rogue received traffic for V");
      assert.is.not(m.a.peers().find((p) => p.id === m.v.id)?.via, r.identity.id);
    } finally {
      await m.close();
    }
  });
}

test("memory: a relay in V's own record that drops frames makes the sender try the next one", async () => {
  const net = createMemoryNetwork({ seed: 9 });
  const log = () => captureLogger();
  const s = await createNode({
    ...OPTS,
    mode: "server",
    transport: net.transport("s"),
    logger: log(),
  });
  const a = await createNode({
    ...OPTS,
    mode: "hybrid",
    transport: net.transport("a"),
    logger: log(),
    requestTimeoutMs: 6000,
  });
  const v = await createNode({
    ...OPTS,
    mode: "client",
    transport: net.transport("v"),
    logger: log(),
  });
  // The black hole: a server V attaches to first (so it leads V's signed record), whose
  // link to V then holds everything it forwards.
  const hole = await createNode({
    ...OPTS,
    mode: "server",
    transport: net.transport("hole"),
    logger: log(),
  });
  try {
    await a.connect(s.address);
    await a.connect(hole.address);
    await v.connect(hole.address);
    await v.connect(s.address);
    v.handle((p) => ({ echo: p }));
    await until(
      () => {
        const via = a.peers().find((p) => p.id === v.id);
        return via !== undefined && !via.connected;
      },
      5000,
      "A learns V's record",
    );
    // Each relay in turn keeps its session with V but nothing it forwards arrives (a silent
    // drop): whichever A tries first, the request must get through the other.
    for (const silent of ["hole", "s"]) {
      net.block(silent, "v");
      const got = await a.request(v.id, `around ${silent}`, { timeoutMs: 6000 });
      assert.equal(got, { echo: `around ${silent}` });
      net.heal(silent, "v");
    }
  } finally {
    await Promise.all([v.close(), a.close(), s.close(), hole.close()]);
  }
});
test.run();
