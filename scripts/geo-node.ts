/**
 * A geomesh node in its own process, driven over stdin/stdout JSON lines, for
 * the geo and fault tests (`tests/geo/`) and the soak (`bench/soak.ts`).
 *
 * Run: `deno run -A scripts/geo-node.ts --config '<json>'` or
 * `bun scripts/geo-node.ts --config '<json>'`. The JSON holds `createNode`
 * options (`mode`, `hostname`, `port`, `certPath` so the identity survives a
 * restart, `bootstrap`, `keepAliveMs`, `gossipIntervalMs`, `requestTimeoutMs`,
 * `connectTimeoutMs`, `reconnectMaxMs`, `minPeers`, `logLevel`) plus `label`
 * and `blockable` (wrap the transport for the loopback fallback's in-app
 * partition, see `tests/geo/block-transport.ts`).
 *
 * Output lines (one JSON object each): `{"event":"ready","id","address",...}`,
 * `{"event":"broadcast","from","seq","sentAt","at","latencyMs","hops"}`,
 * `{"event":"message","from","payload","via","at","latencyMs"}`,
 * `{"event":"peer:connected"|"peer:disconnected","peer",...}`,
 * `{"event":"result","ref","ok","value"|"error","ms"}` for each command,
 * `{"event":"closed"}`. Latency uses a `t` (ms since the epoch) in the
 * payload: every process reads the same clock.
 *
 * Commands (stdin, with an optional `ref` echoed in the result):
 * `{"cmd":"send","to","payload"}`, `{"cmd":"request","to","payload","timeoutMs"}`,
 * `{"cmd":"broadcast","payload"}`, `{"cmd":"connect","address"}`,
 * `{"cmd":"peers"}`, `{"cmd":"stats","gc":true}` (`gc`: a full collection first, where the
 * runtime offers one: Bun, or Deno run with `--v8-flags=--expose-gc`), `{"cmd":"block","hosts":[ip...]}`,
 * `{"cmd":"close"}`. End of stdin closes the node too (the controller died).
 *
 * @example
 * ```sh
 * echo '{"cmd":"stats"}' | deno run -A scripts/geo-node.ts --config '{"hostname":"127.0.0.1","port":0}'
 * ```
 *
 * @module
 */
import { readdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { createLogger, createNode } from "../mod.ts";
import type { BroadcastDetail, LogLevel, MessageDetail, NetworkMode, Transport } from "../mod.ts";

const runtime = "Deno" in globalThis ? "deno" : "bun";
const argv = process.argv.slice(2);
const at = argv.indexOf("--config");
const config = JSON.parse(at >= 0 ? argv[at + 1] : "{}") as {
  mode?: NetworkMode;
  hostname?: string;
  port?: number;
  certPath?: string;
  bootstrap?: string[];
  keepAliveMs?: number;
  gossipIntervalMs?: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  reconnectMaxMs?: number;
  minPeers?: number;
  logLevel?: LogLevel;
  label?: string;
  blockable?: boolean;
};

function emit(obj: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

function errorOf(err: unknown) {
  const e = err as { name?: string; code?: string; message?: string };
  return { name: e?.name, code: e?.code, message: String(e?.message ?? err).slice(0, 300) };
}

let blocking: { block(hosts: string[]): void } | undefined;
let transport: Transport | undefined;
if (config.blockable) {
  // Loaded only in the fallback: the wrapper reaches the runtime's default adapter.
  const { defaultTransport } = await import("../lib/transport/mod.ts");
  const { blockingTransport } = await import("../tests/geo/block-transport.ts");
  const t = blockingTransport(await defaultTransport());
  blocking = t;
  transport = t;
}

const node = await createNode({
  mode: config.mode ?? "hybrid",
  hostname: config.hostname ?? "127.0.0.1",
  port: config.port ?? 0,
  certPath: config.certPath,
  bootstrap: config.bootstrap ?? [],
  keepAliveMs: config.keepAliveMs ?? 1000,
  gossipIntervalMs: config.gossipIntervalMs ?? 1000,
  requestTimeoutMs: config.requestTimeoutMs ?? 3000,
  connectTimeoutMs: config.connectTimeoutMs ?? 2000,
  reconnectMaxMs: config.reconnectMaxMs ?? 2000,
  minPeers: config.minPeers ?? 4,
  dashboard: false,
  logger: createLogger({
    level: config.logLevel ?? "warn",
    json: true,
    // stdout carries the protocol: logs go to stderr.
    sink: (line) => process.stderr.write(`${line}\n`),
  }),
  ...(transport ? { transport } : {}),
});

node.handle((payload, { from }) => ({ echo: payload, from, by: node.id, runtime }));

const latency = (p: unknown, now: number) => {
  const t = (p as { t?: unknown })?.t;
  return typeof t === "number" ? now - t : undefined;
};
node.addEventListener("broadcast", (e) => {
  const d = (e as CustomEvent<BroadcastDetail>).detail;
  const now = Date.now();
  const p = d.payload as { seq?: unknown; t?: unknown };
  emit({
    event: "broadcast",
    from: d.from,
    seq: p?.seq,
    sentAt: p?.t,
    at: now,
    latencyMs: latency(p, now),
    hops: d.hops,
  });
});
node.addEventListener("message", (e) => {
  const d = (e as CustomEvent<MessageDetail>).detail;
  const now = Date.now();
  emit({
    event: "message",
    from: d.from,
    payload: d.payload,
    via: d.via,
    at: now,
    latencyMs: latency(d.payload, now),
  });
});
for (const type of ["peer:connected", "peer:disconnected"]) {
  node.addEventListener(type, (e) => {
    const d = (e as CustomEvent<{ id: string; protocol?: string; reason?: string }>).detail;
    emit({ event: type, peer: d.id, protocol: d.protocol, reason: d.reason, at: Date.now() });
  });
}

let inflight = 0;
/** Forces a full collection where the runtime allows it (Bun; Deno with --expose-gc). */
function collect(): boolean {
  const bun = (globalThis as { Bun?: { gc(sync: boolean): void } }).Bun;
  if (bun) return bun.gc(true), true;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) return gc(), true;
  return false;
}

function stats(gc = false) {
  const collected = gc && collect();
  const mem = process.memoryUsage();
  let fds = -1;
  try {
    fds = readdirSync("/proc/self/fd").length;
  } catch { /* not Linux */ }
  return {
    pid: process.pid,
    runtime,
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    heapTotal: mem.heapTotal,
    fds,
    inflight,
    collected,
    peers: node.peers().filter((p) => p.connected).length,
    known: node.peers().length,
    metrics: { ...node.metrics },
  };
}

let closing: Promise<void> | undefined;
function shutdown(): Promise<void> {
  return closing ??= (async () => {
    await Promise.race([node.close(), new Promise((r) => setTimeout(r, 3000))]);
    emit({ event: "closed" });
    process.exit(0);
  })();
}

type Command = {
  cmd: string;
  ref?: unknown;
  to?: string;
  payload?: unknown;
  timeoutMs?: number;
  address?: string;
  hosts?: string[];
  gc?: boolean;
};

async function run(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case "send":
      return await node.send(String(c.to), c.payload);
    case "request":
      return await node.request(
        String(c.to),
        c.payload,
        c.timeoutMs ? { timeoutMs: c.timeoutMs } : {},
      );
    case "broadcast":
      return await node.broadcast(c.payload);
    case "connect":
      return await node.connect(String(c.address));
    case "peers":
      return node.peers();
    case "stats":
      return stats(c.gc === true);
    case "block":
      if (!blocking) throw new Error("not started with blockable: true");
      return blocking.block(c.hosts ?? []);
    default:
      throw new TypeError(`unknown command ${JSON.stringify(c.cmd)}`);
  }
}

createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  let c: Command;
  try {
    c = JSON.parse(line);
  } catch (err) {
    return emit({ event: "result", ok: false, error: errorOf(err) });
  }
  if (c.cmd === "close") return void shutdown();
  const started = performance.now();
  inflight++;
  run(c).then(
    (value) =>
      emit({ event: "result", ref: c.ref, ok: true, value, ms: performance.now() - started }),
    (err) =>
      emit({
        event: "result",
        ref: c.ref,
        ok: false,
        error: errorOf(err),
        ms: performance.now() - started,
      }),
  ).finally(() => inflight--);
}).on("close", () => void shutdown());

emit({
  event: "ready",
  id: node.id,
  address: node.address,
  host: node.addressInfo.host,
  port: node.addressInfo.port,
  protocols: node.addressInfo.protocols,
  pid: process.pid,
  runtime,
  label: config.label,
});
