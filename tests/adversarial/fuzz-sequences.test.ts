/**
 * A fuzzer over sequences of hostile but well-formed frames (not malformed
 * bytes: `tests/codec/fuzz.test.ts` covers those). A rogue peer of victim V
 * sends seeded random sequences of every message type, on the control
 * stream and as datagrams: routed frames claiming any origin, for V, for its
 * honest peer H or for strangers, with valid, zeroed or wrong-key signatures,
 * fresh, stale, future or missing timestamps, replays of earlier valid
 * frames; broadcasts with any hop limit; tree control with huge id lists;
 * discovery with junk records; stray responses; handshake frames again;
 * goodbyes.
 *
 * After every sequence: nothing was delivered that its claimed origin did
 * not sign, nothing twice, nothing stale; V and H still answer each other;
 * V's memory for replay state stays bounded.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import type { WireMessage } from "../../lib/codec/messages.ts";
import { createNode } from "../../lib/runtime/create.ts";
import type { BroadcastDetail, GeomeshNode, MessageDetail } from "../../lib/node/node.ts";
import { generateIdentity, type NodeIdentity } from "../../lib/identity/identity.ts";
import { routedSignedPart } from "../../lib/protocols/routing/router.ts";
import { broadcastSignedPart } from "../../lib/protocols/broadcast/broadcast.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { captureLogger, sleep } from "../node/helpers.ts";
import { memoryRogue, type RoguePeer } from "./harness.ts";

/** Sequences run (each up to MAX_STEPS frames); bounded for the 2-core CI machine. */
const RUNS = 80;
const MAX_STEPS = 40;

type Who = "rogue" | "minted" | "victim" | "honest" | "stranger";
type When = "fresh" | "stale" | "future" | "none";
type Sig = "valid" | "zero" | "wrongKey";

const who = fc.constantFrom<Who>("rogue", "minted", "victim", "honest", "stranger");
const when = fc.constantFrom<When>("fresh", "fresh", "stale", "future", "none");
const sig = fc.constantFrom<Sig>("valid", "valid", "zero", "wrongKey");
const bigUint = fc.oneof(fc.nat(10), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));

/** Mostly on the control stream: stream-only frames sent as datagrams are refused early. */
const datagram = fc.constantFrom(false, false, false, true);
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

const routed = fc.record({
  kind: fc.constant("routed" as const),
  type: fc.constantFrom("message" as const, "request" as const),
  from: who,
  to: fc.constantFrom<Who>("victim", "victim", "honest", "stranger"),
  /** Undefined: a number the origin never used before. */
  id: fc.oneof(weighted(3, fc.constant(undefined)), weighted(1, bigUint)),
  ts: when,
  sig,
  actor: fc.constantFrom(undefined, undefined, "count", "geomesh.info", "missing"),
  hops: fc.constantFrom(undefined, 0, 3, 4, 99),
  datagram,
});
/** Authentic, fresh frames for V or H: what a replay or a broken check would deliver twice. */
const genuine = routed.chain((r) =>
  fc.record({
    from: fc.constantFrom<Who>("rogue", "minted"),
    to: fc.constantFrom<Who>("victim", "honest"),
    actor: fc.constantFrom(undefined, "count"),
  }).map((g) => ({ ...r, ...g, sig: "valid" as Sig, ts: "fresh" as When, datagram: false }))
);

const step = fc.oneof(
  weighted(5, routed),
  weighted(4, genuine),
  weighted(2, fc.record({ kind: fc.constant("replay" as const), datagram })),
  weighted(
    2,
    fc.record({
      kind: fc.constant("direct" as const),
      type: fc.constantFrom("message" as const, "request" as const),
      actor: fc.constantFrom(undefined, "count", "missing"),
      id: fc.nat(1000),
      datagram,
    }),
  ),
  weighted(
    4,
    fc.record({
      kind: fc.constant("broadcast" as const),
      origin: who,
      seq: bigUint,
      ts: when,
      sig,
      ttl: fc.constantFrom(0, 1, 2, 64, 1000),
    }),
  ),
  weighted(
    2,
    fc.record({
      kind: fc.constant("tree" as const),
      type: fc.constantFrom("ihave" as const, "graft" as const, "prune" as const),
      origin: who,
      seqs: fc.array(bigUint, { maxLength: 600 }),
    }),
  ),
  weighted(
    2,
    fc.record({
      kind: fc.constant("discovery" as const),
      junk: fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }),
      filter: fc.option(fc.uint8Array({ maxLength: 2000 }), { nil: undefined }),
      want: fc.option(who, { nil: undefined }),
      datagram,
    }),
  ),
  weighted(
    2,
    fc.record({
      kind: fc.constant("response" as const),
      id: bigUint,
      from: who,
      to: fc.constantFrom<Who>("victim", "honest", "stranger"),
      error: fc.boolean(),
    }),
  ),
  weighted(
    1,
    fc.record({
      kind: fc.constant("handshake" as const),
      which: fc.constantFrom("hello", "auth", "welcome"),
    }),
  ),
  weighted(1, fc.record({ kind: fc.constant("goodbye" as const) })),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** What the fuzzer promised about a payload it sent. */
interface Expectation {
  /** The origin a delivery must name, or undefined: must never be delivered. */
  origin?: string;
  /** Where it may be delivered (node id). */
  at: string;
}

test("hostile frame sequences deliver nothing forged, stale or twice; the nodes keep serving", async () => {
  const net = createMemoryNetwork({ seed: 21 });
  const base = { gossipIntervalMs: 200, minPeers: 0, keepAliveMs: 0, requestTimeoutMs: 2000 };
  const vlog = captureLogger();
  const v = await createNode({
    ...base,
    mode: "hybrid",
    transport: net.transport("v"),
    logger: vlog,
  });
  const h = await createNode({
    ...base,
    mode: "hybrid",
    transport: net.transport("h"),
    logger: captureLogger(),
  });
  const minted: NodeIdentity[] = await Promise.all(
    Array.from({ length: 4 }, () => generateIdentity()),
  );
  const impostor = await generateIdentity(); // signs as "someone else" for wrongKey
  const strangerId = (await generateIdentity()).id;
  let rogue: RoguePeer | undefined;
  const rogueIdentity = await generateIdentity();
  const expectations = new Map<string, Expectation>();
  const deliveries = new Map<string, number>();
  const violations: string[] = [];
  const record = (at: GeomeshNode, from: string, payload: unknown) => {
    if (typeof payload !== "string" || !payload.startsWith("fz")) return;
    const n = (deliveries.get(payload) ?? 0) + 1;
    deliveries.set(payload, n);
    const e = expectations.get(payload);
    if (n > 1) violations.push(`${payload} delivered ${n} times`);
    if (!e) return void violations.push(`${payload} delivered but never sent`);
    if (e.origin === undefined) violations.push(`${payload} delivered though it must not be`);
    else if (e.origin !== from) {
      violations.push(`${payload} delivered as from ${from}, not ${e.origin}`);
    }
    if (e.at !== at.id) violations.push(`${payload} delivered at the wrong node`);
  };
  for (const node of [v, h]) {
    node.addEventListener("message", (e) => {
      const d = (e as CustomEvent<MessageDetail>).detail;
      record(node, d.from, d.payload);
    });
    node.addEventListener("broadcast", (e) => {
      const d = (e as CustomEvent<BroadcastDetail>).detail;
      // Broadcasts are delivered everywhere: only forgery and duplicates count.
      if (typeof d.payload === "string" && d.payload.startsWith("fzb")) {
        const key = `${d.payload}@${node.id}`;
        const n = (deliveries.get(key) ?? 0) + 1;
        deliveries.set(key, n);
        if (n > 1) violations.push(`${key} delivered ${n} times`);
        const e2 = expectations.get(d.payload);
        if (!e2 || e2.origin !== d.from) violations.push(`${d.payload} forged or stale, delivered`);
      }
    });
    node.handle((p, ctx) => (record(node, ctx.from, p), "ok"));
    node.actor("count", (p, ctx) => (record(node, ctx.from, p), "counted"));
  }
  try {
    await h.connect(v.address);
    const ids: Record<Who, () => string> = {
      rogue: () => rogueIdentity.id,
      minted: () => minted[0].id,
      victim: () => v.id,
      honest: () => h.id,
      stranger: () => strangerId,
    };
    const signer = (w: Who): NodeIdentity | undefined =>
      w === "rogue" ? rogueIdentity : w === "minted" ? minted[0] : undefined;
    const stamp = (t: When) =>
      t === "fresh"
        ? Date.now()
        : t === "stale"
        ? Date.now() - 5 * 60_000
        : t === "future"
        ? Date.now() + 5 * 60_000
        : undefined;
    let stepsRun = 0;
    let counter = 0, lastValid: WireMessage | undefined;
    let rogueClosed = true;
    const ensureRogue = async () => {
      if (rogue && !rogueClosed) return rogue;
      rogue?.close();
      rogueClosed = false;
      rogue = await memoryRogue(net, `rogue${counter++}`, v.address, { identity: rogueIdentity });
      rogue.link.channel.closed.then(() => (rogueClosed = true));
      return rogue;
    };
    const frameOf = async (s: Step): Promise<WireMessage | undefined> => {
      const payload = `fz${s.kind === "broadcast" ? "b" : ""}${++counter}`;
      switch (s.kind) {
        case "routed": {
          const from = ids[s.from](), to = ids[s.to]();
          const ts = stamp(s.ts);
          const m = { type: s.type, id: s.id ?? 1e9 + counter, from, to, payload, ts } as Extract<
            WireMessage,
            { type: "message" | "request" }
          >;
          if (s.actor !== undefined && m.type === "request") m.actor = s.actor;
          if (s.hops !== undefined) m.hops = s.hops;
          const key = signer(s.from);
          const signs = s.sig === "zero" ? undefined : s.sig === "wrongKey" ? impostor : key;
          m.sig = signs ? await signs.sign("message", routedSignedPart(m)) : new Uint8Array(64);
          // Authentic and fresh, for V itself or for H within the hop limit (V relays it).
          const genuine = s.sig === "valid" && key !== undefined && s.ts === "fresh" &&
            (s.to === "victim" || (s.to === "honest" && (s.hops ?? 0) < 4));
          const target = s.to === "victim" ? v.id : h.id;
          // A payload for an actor other than `count` is not delivered anywhere we watch.
          // (A message carries no actor: it goes to the `message` event.)
          const deliverable = genuine &&
            (m.type === "message" || s.actor === undefined || s.actor === "count");
          expectations.set(payload, { origin: deliverable ? from : undefined, at: target });
          if (deliverable) lastValid = m;
          return m;
        }
        case "replay":
          return lastValid;
        case "direct": {
          expectations.set(payload, { origin: rogueIdentity.id, at: v.id });
          return s.type === "message"
            ? { type: "message", payload }
            : { type: "request", id: s.id, payload, ...(s.actor ? { actor: s.actor } : {}) };
        }
        case "broadcast": {
          const key = signer(s.origin);
          const b = { origin: ids[s.origin](), seq: s.seq, ts: stamp(s.ts), payload };
          const signs = s.sig === "zero" ? undefined : s.sig === "wrongKey" ? impostor : key;
          const sigBytes = signs
            ? await signs.sign("broadcast", broadcastSignedPart(b))
            : new Uint8Array(64);
          const genuine = s.sig === "valid" && key !== undefined && s.ts === "fresh";
          expectations.set(payload, { origin: genuine ? b.origin : undefined, at: v.id });
          return { type: "broadcast", ...b, ttl: s.ttl, sig: sigBytes };
        }
        case "tree":
          return s.type === "prune"
            ? { type: "prune" }
            : { type: s.type, origin: ids[s.origin](), seqs: s.seqs };
        case "discovery":
          return s.junk.length ? { type: "discovery-response", peers: s.junk } : {
            type: "discover",
            ...(s.filter ? { filter: s.filter } : {}),
            ...(s.want ? { want: ids[s.want]() } : {}),
          };
        case "response":
          return {
            type: "response",
            id: s.id,
            from: ids[s.from](),
            to: ids[s.to](),
            ...(s.error ? { error: { code: "UNKNOWN_PEER", message: "x" } } : { payload }),
            sig: new Uint8Array(64),
          };
        case "handshake":
          return s.which === "hello"
            ? {
              type: "hello",
              version: 3,
              nodeId: rogueIdentity.id,
              publicKey: new Uint8Array(32),
              nonce: new Uint8Array(32),
              mode: "server",
            }
            : s.which === "auth"
            ? { type: "auth", signature: new Uint8Array(64) }
            : { type: "welcome", nodeId: v.id };
        case "goodbye":
          return { type: "goodbye", code: 1, reason: "fuzz" };
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: MAX_STEPS }), async (steps) => {
        for (const s of steps) {
          stepsRun++;
          const r = await ensureRogue();
          const frame = await frameOf(s);
          if (!frame) continue;
          const viaDatagram = "datagram" in s && s.datagram;
          await (viaDatagram ? r.datagram(frame) : r.send(frame)).catch(() => {});
        }
        await sleep(30);
        assert.equal(violations, []);
        // Both nodes still serve each other.
        assert.is(await h.request(v.id, "alive?", { timeoutMs: 3000 }), "ok");
        assert.is(await v.request(h.id, "alive?", { timeoutMs: 3000 }), "ok");
      }),
      { numRuns: RUNS, seed: 20261203, endOnFailure: true },
    );
    console.log(
      `fuzz: ${deliveries.size} deliveries, ${v.metrics.errors} refusals at V, ${expectations.size} payloads, ${stepsRun} steps`,
    );
    // Something was delivered (the fuzzer is not vacuous) and something was refused.
    assert.ok([...deliveries.keys()].length > 0, "nothing was ever delivered");
    assert.ok(v.metrics.errors > 0, "nothing was ever refused");
  } finally {
    rogue?.close();
    await Promise.all([h.close(), v.close()]);
  }
});

test.run();
