/**
 * `npm run bench:wan`: QUIC congestion control under WAN conditions. For
 * each `congestionControl` value (`default`, `throughput`, `low-latency`), a
 * geomesh Deno node pair (h3) and, in the same run, raw Deno WebTransport
 * with the same controller (BENCH.md: the raw transport in the same run),
 * through the impairment relay (lib/testing, in a Bun process of its own)
 * with a profile:
 *
 * - `us-ap`: GEO_PROFILES 150 ms RTT, 2% loss each way;
 * - `20ms`: 20 ms RTT, no loss (for comparison).
 *
 * Per combination: small-request latency while idle (100-byte requests),
 * bulk MB/s (64 KiB messages, acknowledged at the end by the server), and the
 * same requests while a bulk transfer runs. First, the relay itself is
 * measured with a zero profile against a direct connection, so a figure the
 * relay caps is visible as such. Prints a table, writes
 * `bench/results/<date>-wan.json`.
 *
 *   deno run -A bench/wan.ts [--quick] [--only us-ap,20ms] [--cc default,low-latency]
 *                            [--capped] [--no-relay-check] [--out FILE | --no-write]
 *
 * `--capped` adds a third profile, 20 ms RTT with a 10 MB/s bottleneck and a
 * 100 ms queue (where a loss-based controller fills the queue). Progress goes
 * to stderr, the table to stdout. About 4 minutes (`--quick`: about 2).
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import type { Child } from "./lib/child.ts";
import { fmt } from "./lib/stats.ts";
import { ROOT, spawnScript } from "./lib/systems.ts";
import { GEO_PROFILES, type LinkProfile } from "../lib/testing/mod.ts";

const args = Deno.args;
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (name: string) => value(name)?.split(",").map((s) => s.trim()).filter(Boolean);
const quick = flag("quick");
const log = (line: string) => console.error(line);

const CCS = list("cc") ?? ["default", "throughput", "low-latency"];
const PROFILES: Record<string, LinkProfile> = {
  "us-ap": GEO_PROFILES["us-ap"],
  "20ms": { delayMs: 10, jitterMs: 1 },
  ...(flag("capped") ? { "20ms-10MBps": { delayMs: 10, bandwidthBps: 10e6 } } : {}),
};
const profiles = list("only") ?? Object.keys(PROFILES);
const SIZE = {
  bytes: (quick ? 16 : 32) << 20,
  chunk: 64 << 10,
  capMs: quick ? 4000 : 6000,
  requests: quick ? 100 : 200,
  size: 100,
  parallel: 4,
  warmMs: 1000,
};

interface Figures {
  profile: string;
  system: "geomesh" | "raw";
  cc: string;
  connectMs?: number;
  idle?: { p50Ms: number; p99Ms: number; n: number; pending?: number };
  bulk?: { mbPerS: number; bytes: number; seconds: number; capped: boolean };
  mixed?: {
    bulk: { mbPerS: number; bytes: number; seconds: number };
    requests: { p50Ms: number; p99Ms: number; n: number; pending?: number };
  };
  relay?: Record<string, unknown>;
  /** Machine-wide kernel UDP buffer overflows while this row ran. */
  kernelUdpDrops?: number;
  error?: string;
}

const short = (err: unknown) => String((err as Error)?.message ?? err).split("\n")[0].slice(0, 200);

async function pair(system: string, cc: string): Promise<{ server: Child; client: Child }> {
  const a = ["--system", system, "--cc", cc];
  const [server, client] = await Promise.all([
    spawnScript("deno", "bench/peers/wan-peer.ts", [...a, "--role", "server"]),
    spawnScript("deno", "bench/peers/wan-peer.ts", [...a, "--role", "client"]),
  ]);
  return { server, client };
}

/** Connects `client` to `server`, through a new relay link with `profile` unless it is null. */
async function connect(
  relay: Child,
  p: { server: Child; client: Child },
  profile: LinkProfile | null,
  seed: number,
): Promise<{ ms: number; link?: number }> {
  const info = p.server.info as { address?: string; url?: string; pin?: string; port: number };
  let link: number | undefined;
  let target: Record<string, unknown> = info.address
    ? { address: info.address }
    : { url: info.url, pin: info.pin };
  if (profile) {
    const l = await relay.call<{ link: number; port: number }>("link", {
      port: info.port,
      profile,
      seed,
    });
    link = l.link;
    target = info.address
      ? { address: await relay.call<string>("address", { link: l.link, address: info.address }) }
      : { url: `https://127.0.0.1:${l.port}/bench`, pin: info.pin };
  }
  const r = await p.client.call<{ ms: number }>("connect", target, 30_000);
  return { ms: r.ms, link };
}

/** The relay against a direct connection: bulk MB/s and idle request p50, zero profile. */
async function relayCheck(relay: Child): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const system of ["raw", "geomesh"]) {
    for (const through of [false, true]) {
      const p = await pair(system, "default");
      let link: number | undefined;
      try {
        link = (await connect(relay, p, through ? {} : null, 1)).link;
        const idle = await p.client.call<{ p50Ms: number }>("requests", {
          n: 200,
          size: SIZE.size,
          parallel: 1,
        });
        const bulk = await p.client.call<{ mbPerS: number }>("bulk", {
          ...SIZE,
          capMs: 4000,
        }, 120_000);
        const key = `${system} ${through ? "zero-profile relay" : "direct"}`;
        out[key] = { mbPerS: bulk.mbPerS, requestP50Ms: idle.p50Ms };
        log(`  relay check ${key}: ${fmt(bulk.mbPerS)} MB/s, request p50 ${fmt(idle.p50Ms)} ms`);
      } catch (err) {
        out[`${system} ${through ? "relay" : "direct"}`] = { error: short(err) };
        log(`  relay check ${system}: FAILED ${short(err)}`);
      } finally {
        await Promise.all([p.client.close(), p.server.close()]);
        if (link !== undefined) await relay.call("close", { link }).catch(() => {});
      }
    }
  }
  return out;
}

type Bulk = {
  startedAt: number;
  sent: number;
  capped: boolean;
  mbPerS?: number;
  bytes?: number;
  seconds?: number;
};

/** A bulk result; a capped one gets its MB/s from what the server says arrived by now. */
async function settle(server: Child, b: Bulk): Promise<Figures["bulk"]> {
  if (!b.capped) return b as Figures["bulk"];
  const r = await server.call<{ bytes: number; at: number }>("received");
  const seconds = (r.at - b.startedAt) / 1000;
  return { mbPerS: r.bytes / 1e6 / seconds, bytes: r.bytes, seconds, capped: true };
}

async function measure(relay: Child, profile: string, system: "geomesh" | "raw", cc: string) {
  const f: Figures = { profile, system, cc };
  const t0 = performance.now();
  const udp0 = await udpErrors();
  const req = { n: SIZE.requests, size: SIZE.size, parallel: SIZE.parallel };
  // Short links move the bytes (or reach the relay's cap) within half the time.
  const sizes = {
    ...SIZE,
    capMs: (PROFILES[profile].delayMs ?? 0) >= 50 ? SIZE.capMs : SIZE.capMs / 2,
  };
  // Two fresh pairs: a capped transfer leaves data queued that would slow what follows.
  for (const phase of ["idle+bulk", "mixed"]) {
    const p = await pair(system, cc);
    let link: number | undefined;
    try {
      const c = await connect(relay, p, PROFILES[profile], phase === "mixed" ? 8 : 7);
      link = c.link;
      if (phase === "idle+bulk") {
        f.connectMs = c.ms;
        f.idle = await p.client.call("requests", req, 120_000);
        f.bulk = await settle(p.server, await p.client.call<Bulk>("bulk", sizes, 120_000));
        f.relay = await relay.call("stats", { link });
      } else {
        const m = await p.client.call<{ bulk: Bulk; requests: Figures["idle"] }>("mixed", {
          ...sizes,
          ...req,
        }, 120_000);
        f.mixed = { bulk: (await settle(p.server, m.bulk))!, requests: m.requests! };
      }
    } catch (err) {
      f.error = `${phase}: ${short(err)}`;
    } finally {
      await Promise.all([p.client.close(), p.server.close()]);
      if (link !== undefined) await relay.call("close", { link }).catch(() => {});
    }
  }
  const udp1 = await udpErrors();
  if (udp0 !== undefined && udp1 !== undefined) f.kernelUdpDrops = udp1 - udp0;
  log(
    `  ${profile} ${system} ${cc}: ${
      f.error ?? `idle p50 ${fmt(f.idle?.p50Ms)} ms, bulk ${fmt(f.bulk?.mbPerS)} MB/s, ` +
          `under bulk p50 ${fmt(f.mixed?.requests.p50Ms)} / p99 ${fmt(f.mixed?.requests.p99Ms)} ms`
    } (${((performance.now() - t0) / 1000).toFixed(1)} s, kernel UDP drops ${f.kernelUdpDrops})`,
  );
  return f;
}

/** MB/s the zero-profile relay carried for `system` in the relay check. */
function relayCap(system: string): number {
  const v = relayFigures[`${system} zero-profile relay`] as { mbPerS?: number } | undefined;
  return v?.mbPerS ?? Infinity;
}

function table(rows: Figures[]): string {
  const head = [
    "profile",
    "system",
    "congestionControl",
    "bulk MB/s",
    "vs raw",
    "idle req p50/p99 ms",
    "req under bulk p50/p99 ms",
    "bulk MB/s with reqs",
    "relay drops",
    "kernel UDP drops",
  ];
  const raw = (r: Figures) =>
    rows.find((x) => x.profile === r.profile && x.cc === r.cc && x.system === "raw");
  const body = rows.map((r) => {
    if (r.error) {
      return [r.profile, r.system, r.cc, `FAILED: ${r.error.slice(0, 40)}`, "", "", "", "", "", ""];
    }
    const base = raw(r)?.bulk?.mbPerS;
    // Within 30% of what the relay itself carried with a zero profile: the relay may be the cap.
    const bound = (r.bulk?.mbPerS ?? 0) >= 0.7 * relayCap(r.system) ? " (relay)" : "";
    type Dir = { droppedLoss: number; droppedQueue: number };
    const rel = r.relay as { forward?: Dir; reverse?: Dir } | undefined;
    const dropped = (d?: Dir) => (d?.droppedLoss ?? 0) + (d?.droppedQueue ?? 0);
    return [
      r.profile,
      r.system,
      r.cc,
      `${fmt(r.bulk?.mbPerS)}${r.bulk?.capped ? " (t)" : ""}${bound}`,
      base ? `${((r.bulk?.mbPerS ?? NaN) / base).toFixed(2)}x` : "",
      `${fmt(r.idle?.p50Ms)} / ${fmt(r.idle?.p99Ms)}`,
      `${fmt(r.mixed?.requests.p50Ms)} / ${r.mixed?.requests.pending ? ">=" : ""}${
        fmt(r.mixed?.requests.p99Ms)
      } (n=${r.mixed?.requests.n})`,
      fmt(r.mixed?.bulk.mbPerS),
      `${dropped(rel?.forward) + dropped(rel?.reverse)}`,
      `${r.kernelUdpDrops ?? "n/a"}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("-|-"), ...body.map(line)].join("\n");
}

async function gitState(): Promise<Record<string, unknown>> {
  const run = async (...a: string[]) => {
    try {
      const out = await new Deno.Command("git", { args: a, cwd: ROOT, stderr: "null" }).output();
      return new TextDecoder().decode(out.stdout).trim();
    } catch {
      return "";
    }
  };
  const dirty = await run("status", "--short", "--", "lib", "mod.ts");
  return { commit: await run("rev-parse", "HEAD"), dirty: dirty ? dirty.split("\n") : [] };
}

/** Machine-wide UDP receive/send buffer overflows (Linux), to see drops the relay cannot count. */
async function udpErrors(): Promise<number | undefined> {
  try {
    const lines = (await Deno.readTextFile("/proc/net/snmp")).split("\n").filter((l) =>
      l.startsWith("Udp:")
    );
    const [names, values] = lines.map((l) => l.split(/\s+/).slice(1));
    const at = (k: string) => Number(values[names.indexOf(k)] ?? 0);
    return at("RcvbufErrors") + at("SndbufErrors");
  } catch {
    return undefined;
  }
}

const started = performance.now();
const startedAt = new Date().toISOString();
const udpBefore = await udpErrors();
const git = await gitState();
const relay = await spawnScript("bun", "bench/peers/relay-peer.ts");
const rows: Figures[] = [];
let relayFigures: Record<string, unknown> = {};
try {
  if (!flag("no-relay-check")) {
    log("relay check (zero profile vs direct, congestionControl default)");
    relayFigures = await relayCheck(relay);
  }
  let turn = 0;
  for (const profile of profiles) {
    if (!PROFILES[profile]) throw new RangeError(`unknown profile ${profile}`);
    log(`profile ${profile}: ${JSON.stringify(PROFILES[profile])}`);
    for (const cc of CCS) {
      // Alternate which system goes first, so drift on a shared machine hits both.
      const order: Array<"geomesh" | "raw"> = turn++ % 2 ? ["raw", "geomesh"] : ["geomesh", "raw"];
      for (const system of order) rows.push(await measure(relay, profile, system, cc));
    }
  }
} finally {
  await relay.close();
}
const order = (r: Figures) =>
  profiles.indexOf(r.profile) * 100 + CCS.indexOf(r.cc) * 10 + (r.system === "raw" ? 1 : 0);
rows.sort((a, b) => order(a) - order(b));
const durationS = (performance.now() - started) / 1000;
const udpAfter = await udpErrors();
const kernelUdpDrops = udpBefore === undefined || udpAfter === undefined
  ? undefined
  : udpAfter - udpBefore;
console.log(
  `\ngeomesh WAN bench ${startedAt}, ${os.cpus().length} x ${
    os.cpus()[0]?.model
  }, deno ${Deno.version.deno}, ` +
    `${quick ? "quick" : "full"}: bulk up to ${SIZE.bytes >> 20} MiB (cap ${SIZE.capMs} ms), ` +
    `${SIZE.requests} requests of ${SIZE.size} B, ${SIZE.parallel} in flight`,
);
console.log("relay check (zero profile):");
for (const [k, v] of Object.entries(relayFigures)) console.log(`  ${k}: ${JSON.stringify(v)}`);
console.log(table(rows));
console.log(
  "(t): time cap reached first; MB/s = bytes the server application received by then / time. " +
    ">=: some requests were still pending at the end (counted with their age so far). " +
    "(relay): within 30% of what the zero-profile relay carried, so the relay may cap it. " +
    "relay drops: datagrams the profile dropped (loss, full bottleneck queue), both ways. " +
    "kernel UDP drops: socket buffer overflows machine-wide while the row ran (relay or peers " +
    "too slow to read: extra loss the profile did not ask for).",
);
console.log(
  `kernel UDP buffer overflows during the run (machine-wide, other processes included): ${
    kernelUdpDrops ?? "n/a"
  }`,
);
console.log(`(${durationS.toFixed(0)} s)`);
if (!flag("no-write")) {
  const out = value("out") ??
    `${ROOT}bench/results/${startedAt.slice(0, 10)}-wan${quick ? "-quick" : ""}.json`;
  await mkdir(new URL(".", `file://${out}`).pathname, { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      {
        startedAt,
        durationS,
        machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadAverage: os.loadavg() },
        versions: { deno: Deno.version.deno },
        git,
        sizes: SIZE,
        profiles: Object.fromEntries(profiles.map((p) => [p, PROFILES[p]])),
        relayCheck: relayFigures,
        kernelUdpDrops,
        rows,
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${out}`);
}
