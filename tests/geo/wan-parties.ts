/**
 * The WAN scenario's traffic: one interface over in-process nodes and node
 * processes (a "party"), routed rounds (acknowledged sends and requests
 * between every ordered pair, with per-pair latency) and broadcast rounds
 * (every live node must deliver each one exactly once).
 *
 * @example
 * ```ts ignore
 * const inbox = new Inbox();
 * const parties = [...mesh.clients.map((n) => inProcess(n, mesh, inbox))];
 * const r = await routedRound(inbox, parties, "geo", 10);
 * console.log(r.delivered, "/", r.sent);
 * ```
 *
 * @module
 */
import type { BroadcastDetail, GeomeshNode, MessageDetail } from "../../mod.ts";
import type { GeoNode } from "./process-node.ts";
import { sleep, waitFor } from "./mesh.ts";
import { pool, REGIONS, Samples, type WanMesh } from "./wan-helpers.ts";

/** A routed message as a receiver saw it. */
export interface Arrival {
  to: string;
  from: string;
  via?: string;
  payload: unknown;
  /** Date.now() at arrival (every process reads the same clock). */
  at: number;
}

/** A broadcast as a receiver saw it. */
export interface BroadcastArrival {
  to: string;
  from: string;
  seq: number;
  /** Date.now() at the origin. */
  t: number;
  at: number;
}

/** Everything every party received. */
export class Inbox {
  readonly messages: Arrival[] = [];
  readonly broadcasts: BroadcastArrival[] = [];
}

/** A node the scenario drives, in this process or another. */
export interface Party {
  readonly id: string;
  readonly label: string;
  readonly region: number;
  readonly runtime: "deno" | "bun";
  /** False once the test killed it. */
  live: boolean;
  send(to: string, payload: unknown): Promise<void>;
  request(to: string, payload: unknown, timeoutMs?: number): Promise<unknown>;
  broadcast(payload: unknown): Promise<void>;
}

/** A party over an in-process node; its deliveries go to `inbox`. */
export function inProcess(node: GeomeshNode, mesh: WanMesh, inbox: Inbox): Party {
  node.addEventListener("message", (e) => {
    const d = (e as CustomEvent<MessageDetail>).detail;
    inbox.messages.push({
      to: node.id,
      from: d.from,
      via: d.via,
      payload: d.payload,
      at: Date.now(),
    });
  });
  node.addEventListener("broadcast", (e) => {
    const d = (e as CustomEvent<BroadcastDetail>).detail;
    const p = d.payload as { seq: number; t: number };
    inbox.broadcasts.push({ to: node.id, from: d.from, seq: p.seq, t: p.t, at: Date.now() });
  });
  return {
    id: node.id,
    label: mesh.label(node.id),
    region: mesh.region(node.id)!,
    runtime: "deno",
    live: true,
    send: (to, payload) => node.send(to, payload),
    request: (to, payload, timeoutMs) => node.request(to, payload, timeoutMs ? { timeoutMs } : {}),
    broadcast: async (payload) => void await node.broadcast(payload),
  };
}

/** A party over a node process (`scripts/geo-node.ts`). */
export function processParty(
  child: GeoNode,
  label: string,
  region: number,
  inbox: Inbox,
): Party {
  child.on("message", (e) => {
    inbox.messages.push({
      to: child.id,
      from: String(e.from),
      via: e.via as string | undefined,
      payload: e.payload,
      at: Number(e.at),
    });
  });
  child.on("broadcast", (e) => {
    inbox.broadcasts.push({
      to: child.id,
      from: String(e.from),
      seq: Number(e.seq),
      t: Number(e.sentAt),
      at: Number(e.at),
    });
  });
  const check = async (p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) => {
    const r = await p;
    if (!r.ok) throw new Error(`${label}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return {
    id: child.id,
    label,
    region,
    runtime: child.runtime,
    live: true,
    send: async (to, payload) => void await check(child.send(to, payload)),
    request: (to, payload, timeoutMs) => check(child.request(to, payload, timeoutMs)),
    broadcast: async (payload) => void await check(child.broadcast(payload)),
  };
}

/** Figures of a routed round. */
export interface RoutedResult {
  sends: number;
  delivered: number;
  duplicates: number;
  requests: number;
  replied: number;
  failures: string[];
  /** Send latency (arrival - send) and request RTT, ms, by `from->to` label. */
  sendLatency: Samples;
  requestRtt: Samples;
  ms: number;
}

const key = (a: Party, b: Party) =>
  `${a.label}->${b.label} (${REGIONS[a.region]}-${REGIONS[b.region]})`;

/**
 * `perPair` routed messages between every ordered pair of `parties`, half
 * acknowledged sends and half requests, 4 in flight per pair; then waits (up
 * to `settleMs`) for the sends to arrive.
 */
export async function routedRound(
  inbox: Inbox,
  parties: Party[],
  phase: string,
  perPair: number,
  settleMs = 10_000,
): Promise<RoutedResult> {
  const started = performance.now();
  const r: RoutedResult = {
    sends: 0,
    delivered: 0,
    duplicates: 0,
    requests: 0,
    replied: 0,
    failures: [],
    sendLatency: new Samples(),
    requestRtt: new Samples(),
    ms: 0,
  };
  const expected: Array<{ from: Party; to: Party; k: number; t: number }> = [];
  const pairs = parties.flatMap((a) => parties.filter((b) => b !== a).map((b) => [a, b]));
  await Promise.all(pairs.map(([a, b]) => {
    const jobs = Array.from({ length: perPair }, (_, k) => async () => {
      const payload = { phase, k, src: a.label, t: Date.now() };
      if (k % 2 === 0) {
        r.sends++;
        expected.push({ from: a, to: b, k, t: payload.t });
        await a.send(b.id, payload).catch((e) => r.failures.push(`send ${key(a, b)}: ${e}`));
        return;
      }
      r.requests++;
      const t0 = performance.now();
      try {
        const reply = await a.request(b.id, payload, 10_000) as {
          echo?: { k?: number };
          by?: string;
        };
        if (reply?.by !== b.id || reply.echo?.k !== k) {
          r.failures.push(`request ${key(a, b)}: bad reply ${JSON.stringify(reply).slice(0, 200)}`);
        } else {
          r.replied++;
          r.requestRtt.add(key(a, b), performance.now() - t0);
        }
      } catch (e) {
        r.failures.push(`request ${key(a, b)}: ${e}`);
      }
    });
    return pool(jobs, 4);
  }));
  const arrived = (e: { from: Party; to: Party; k: number }) =>
    inbox.messages.filter((m) => {
      const p = m.payload as { phase?: string; k?: number; src?: string };
      return m.to === e.to.id && p?.phase === phase && p.k === e.k && p.src === e.from.label;
    });
  await waitFor(() => expected.every((e) => arrived(e).length > 0), settleMs);
  for (const e of expected) {
    const got = arrived(e);
    if (got.length) {
      r.delivered++;
      r.sendLatency.add(key(e.from, e.to), got[0].at - e.t);
    }
    if (got.length > 1) r.duplicates += got.length - 1;
  }
  r.ms = performance.now() - started;
  return r;
}

/** Figures of a broadcast round. */
export interface BroadcastResult {
  broadcasts: number;
  /** Deliveries expected (broadcasts x live receivers other than the origin). */
  expected: number;
  delivered: number;
  duplicates: number;
  failures: string[];
  /** Missing deliveries, `seq@label`. */
  missing: string[];
  /** Latency (ms) by origin region -> receiver region. */
  latency: Samples;
  ms: number;
}

let nextSeq = 1;

/**
 * `count` broadcasts, origins taken in turn from `origins`, one every
 * `gapMs`; each must reach every live party but its origin exactly once.
 */
export async function broadcastRound(
  inbox: Inbox,
  parties: Party[],
  origins: Party[],
  count: number,
  gapMs = 50,
  settleMs = 10_000,
): Promise<BroadcastResult> {
  const started = performance.now();
  const sent: Array<{ seq: number; origin: Party }> = [];
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const origin = origins[i % origins.length];
    const seq = nextSeq++;
    sent.push({ seq, origin });
    await origin.broadcast({ seq, t: Date.now() }).catch((e) =>
      failures.push(`broadcast ${seq} from ${origin.label}: ${e}`)
    );
    await sleep(gapMs);
  }
  const live = parties.filter((p) => p.live);
  const got = (seq: number, to: Party) =>
    inbox.broadcasts.filter((b) => b.seq === seq && b.to === to.id);
  const want = sent.flatMap((s) =>
    live.filter((p) => p !== s.origin).map((p) => ({ ...s, to: p }))
  );
  await waitFor(() => want.every((w) => got(w.seq, w.to).length > 0), settleMs);
  const r: BroadcastResult = {
    broadcasts: count,
    expected: want.length,
    delivered: 0,
    duplicates: 0,
    failures,
    missing: [],
    latency: new Samples(),
    ms: 0,
  };
  for (const w of want) {
    const g = got(w.seq, w.to);
    if (!g.length) r.missing.push(`${w.seq}@${w.to.label}`);
    else {
      r.delivered++;
      r.latency.add(`${REGIONS[w.origin.region]}->${REGIONS[w.to.region]}`, g[0].at - g[0].t);
    }
    if (g.length > 1) r.duplicates += g.length - 1;
  }
  r.ms = performance.now() - started;
  return r;
}
