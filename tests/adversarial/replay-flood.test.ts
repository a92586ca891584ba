/**
 * Attack 2 of the security review: the replay window forgot the least
 * recently active origin once 10,000 were known, and an origin it forgot
 * started again from zero, so a recorded request ran again after a flood of
 * frames from fresh identities. Broadcasts shared the window and their
 * signed timestamp was never checked. Now routed frames and broadcasts carry
 * a signed timestamp checked against a freshness window, the replay window
 * never forgets an origin while its frames are fresh, and one session can
 * introduce only so many new origins per second.
 *
 * Run on the memory transport and on the runtime's real one.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createNode } from "../../lib/runtime/create.ts";
import type { BroadcastDetail, GeomeshNode } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import type { WireMessage } from "../../lib/codec/messages.ts";
import { generateIdentity, type NodeIdentity } from "../../lib/identity/identity.ts";
import { routedSignedPart } from "../../lib/protocols/routing/router.ts";
import { broadcastSignedPart } from "../../lib/protocols/broadcast/broadcast.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { captureLogger, sleep, until } from "../node/helpers.ts";
import { memoryRogue, realRogue, type RoguePeer } from "./harness.ts";

type Routed = Extract<WireMessage, { type: "message" | "request" }>;

const OPTS: QuicConfig = { gossipIntervalMs: 0, minPeers: 0, keepAliveMs: 0 };
/** One more than the replay window's origin limit on main. */
const FLOOD = 10_008;

async function signed(origin: NodeIdentity, frame: Omit<Routed, "sig">): Promise<Routed> {
  const msg = { ...frame } as Routed;
  msg.sig = await origin.sign("message", routedSignedPart(msg));
  return msg;
}

function routed(
  type: "message" | "request",
  from: string,
  to: string,
  id: number,
  extra: Partial<Routed> = {},
): Omit<Routed, "sig"> {
  return { type, id, from, to, payload: id, hops: 0, ts: Date.now(), ...extra } as Routed;
}

async function victim(kind: "memory" | "real") {
  const net = createMemoryNetwork({ seed: 7 });
  const base = { ...OPTS, mode: "hybrid" as const, logger: captureLogger() };
  const b: GeomeshNode = kind === "real"
    ? await createNode({ ...base, port: 0 })
    : await createNode({ ...base, transport: net.transport("b") });
  let runs = 0;
  b.actor("count", () => ++runs);
  const r = kind === "real" ? await realRogue(b.address) : await memoryRogue(net, "r", b.address);
  return { b, r, runs: () => runs, close: () => (r.close(), b.close()) };
}

/** Responses the rogue got for routed frame ids in `ids`. */
function answered(r: RoguePeer, ids: Set<number>): number {
  return r.received.filter((m) => m.type === "response" && ids.has(m.id)).length;
}

for (const kind of ["memory", "real"] as const) {
  test(`${kind}: a recorded request does not run again after a flood of fresh origins`, async () => {
    const { b, r, runs, close } = await victim(kind);
    try {
      const origin = await generateIdentity();
      const recorded = await signed(
        origin,
        routed("request", origin.id, b.id, 1, { actor: "count" }),
      );
      await r.send(recorded);
      await until(() => runs() === 1, 3000, "the request runs once");
      await r.send(recorded);
      // Frames from fresh identities, paced so the victim verifies rather than sheds them;
      // a chunk not answered in full means the victim refuses new origins: stop there.
      let accepted = 0;
      for (let sent = 0; sent < FLOOD;) {
        const ids = new Set<number>();
        const chunk: Routed[] = [];
        for (let i = 0; i < 200 && sent < FLOOD; i++, sent++) {
          const fresh = await generateIdentity();
          chunk.push(await signed(fresh, routed("message", fresh.id, b.id, 1_000_000 + sent)));
          ids.add(1_000_000 + sent);
        }
        await Promise.all(chunk.map((f) => r.send(f)));
        const end = Date.now() + 1000;
        while (answered(r, ids) < ids.size && Date.now() < end) await sleep(5);
        const got = answered(r, ids);
        accepted += got;
        if (got < ids.size) break;
      }
      await r.send(recorded);
      await sleep(300);
      assert.is(runs(), 1, `the replay ran the actor again (after ${accepted} flood frames)`);
      // One session could not bring in the whole flood: its new-origin budget ran out.
      assert.ok(accepted < FLOOD, `all ${accepted} flood origins were accepted from one session`);
      // Honest traffic still flows: a new request from the same origin runs.
      await r.send(await signed(origin, routed("request", origin.id, b.id, 2, { actor: "count" })));
      await until(() => runs() === 2, 3000, "a new request runs");
    } finally {
      await close();
    }
  });

  test(`${kind}: an authentic broadcast signed long ago is refused`, async () => {
    const { b, r, close } = await victim(kind);
    try {
      const origin = await generateIdentity();
      const delivered: unknown[] = [];
      b.addEventListener(
        "broadcast",
        (e) => delivered.push((e as CustomEvent<BroadcastDetail>).detail.payload),
      );
      const old = { origin: origin.id, seq: 5, ts: Date.now() - 10 * 60_000, payload: "old" };
      const sig = await origin.sign("broadcast", broadcastSignedPart(old));
      await r.send({ type: "broadcast", ...old, ttl: 8, sig });
      const now = { origin: origin.id, seq: 6, ts: Date.now(), payload: "now" };
      await r.send({
        type: "broadcast",
        ...now,
        ttl: 8,
        sig: await origin.sign("broadcast", broadcastSignedPart(now)),
      });
      await until(() => delivered.includes("now"), 3000, "the fresh broadcast arrives");
      await sleep(100);
      assert.equal(delivered, ["now"]);
    } finally {
      await close();
    }
  });
}

test.run();
