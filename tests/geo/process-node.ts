/**
 * The test side of `scripts/geo-node.ts`: starts a node process on a geo host
 * (Deno or Bun), sends it commands and hands out its event lines; kills it
 * with SIGKILL and restarts it with the same identity (same `certPath`, same
 * port, so peers' addresses for it stay valid).
 *
 * @example
 * ```ts ignore
 * const hosts = await createHosts({ count: 2 });
 * const a = spawnNode(hosts, 0, { runtime: "deno" });
 * const b = spawnNode(hosts, 1, { runtime: "bun", bootstrap: () => [a.address] });
 * await a.ready; await b.ready;
 * console.log(await b.request(a.id, "hi"));
 * await b.close(); await a.close(); await hosts.close();
 * ```
 *
 * @module
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createInterface } from "node:readline";
import type { Hosts } from "./hosts.ts";

const root = new URL("../../", import.meta.url).pathname;

/** The `ready` line of a node process. */
export interface Ready {
  id: string;
  address: string;
  host: string;
  port: number;
  protocols: string[];
  pid: number;
  runtime: "deno" | "bun";
}

/** One event line (`event` names it). */
export type GeoEvent = { event: string; [key: string]: unknown };

/** A command's outcome. */
export interface Result {
  ok: boolean;
  value?: unknown;
  error?: { name?: string; code?: string; message?: string };
  /** Time the node took, ms. */
  ms?: number;
}

/** Options of {@linkcode spawnNode}. */
export interface SpawnNodeOptions {
  /** Default `"deno"`. */
  runtime?: "deno" | "bun";
  /** Default `"hybrid"`. */
  mode?: "client" | "server" | "hybrid";
  /** Default 4433 in a namespace; in the fallback a free port picked at first start and kept. */
  port?: number;
  /** Bootstrap addresses, read at every (re)start. */
  bootstrap?: () => string[];
  /** More `geo-node` config (keepAliveMs, gossipIntervalMs, ...). */
  config?: Record<string, unknown>;
  /** Ms to wait for `ready`. Default 20000. */
  readyMs?: number;
}

/** A controlled node process. */
export interface GeoNode {
  readonly index: number;
  readonly runtime: "deno" | "bun";
  /** The current incarnation's `ready` (a new promise after `restart()`). */
  readonly ready: Promise<Ready>;
  /** Node id (the same across restarts). Throws before the first `ready`. */
  readonly id: string;
  readonly address: string;
  readonly alive: boolean;
  readonly restarts: number;
  /** Last lines of stderr (logs), for failure messages. */
  readonly stderr: string;
  command(cmd: Record<string, unknown>, ms?: number): Promise<Result>;
  send(to: string, payload: unknown): Promise<Result>;
  request(to: string, payload: unknown, timeoutMs?: number): Promise<Result>;
  broadcast(payload: unknown): Promise<Result>;
  connect(address: string): Promise<Result>;
  peers(): Promise<Array<{ id: string; connected: boolean; protocol?: string }>>;
  /** Memory, handles, metrics; `gc`: after a full collection where the runtime allows it. */
  stats(
    gc?: boolean,
  ): Promise<Record<string, unknown> & { rss: number; peers: number; fds: number }>;
  /** Listens to events of this and later incarnations; returns the unsubscribe. */
  on(event: string, listener: (e: GeoEvent) => void): () => void;
  kill9(): Promise<void>;
  restart(): Promise<Ready>;
  close(): Promise<void>;
}

const EXITED: Result = { ok: false, error: { name: "ProcessExited", code: "PROCESS_EXITED" } };

/**
 * Starts `scripts/geo-node.ts` on host `i` of `hosts`.
 *
 * @example
 * ```ts ignore
 * const n = spawnNode(hosts, 0, { runtime: "bun", mode: "server" });
 * console.log((await n.ready).address);
 * ```
 */
export function spawnNode(hosts: Hosts, i: number, options: SpawnNodeOptions = {}): GeoNode {
  const host = hosts.list[i];
  if (!host) throw new RangeError(`no host ${i}`);
  const runtime = options.runtime ?? "deno";
  const certPath = mkdtempSync(`${tmpdir()}/geomesh-geo-${hosts.tag}-${i}-`);
  let port = options.port ?? (hosts.mode === "netns" ? 4433 : 0);
  const listeners = new Map<string, Set<(e: GeoEvent) => void>>();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let info: Ready | undefined;
  let ready!: Promise<Ready>;
  let refs = 0;
  const pending = new Map<number, (r: Result) => void>();
  let restarts = 0;
  let closed = false;
  let stderr = "";

  const fire = (e: GeoEvent) => {
    for (const l of listeners.get(e.event) ?? []) l(e);
    for (const l of listeners.get("*") ?? []) l(e);
  };

  const blockedFor = (): string[] => {
    const groups = hosts.groups;
    if (!groups) return [];
    const mine = groups.find((g) => g.includes(i)) ?? groups[0];
    return hosts.list.filter((h) =>
      !mine.includes(h.index) && groups.some((g) => g.includes(h.index))
    )
      .map((h) => h.address);
  };
  if (hosts.mode === "loopback") {
    hosts.onPartition(async () => {
      if (child && child.exitCode === null) {
        await api.command({ cmd: "block", hosts: blockedFor() });
      }
    });
  }

  function start(): Promise<Ready> {
    const config = {
      mode: options.mode ?? "hybrid",
      hostname: host.address,
      port,
      certPath,
      bootstrap: options.bootstrap?.() ?? [],
      label: `h${i + 1}`,
      ...(hosts.mode === "loopback" ? { blockable: true } : {}),
      ...options.config,
    };
    const bin = `${root}node_modules/.bin/${runtime}`;
    const args = runtime === "deno"
      ? [
        "run",
        "-A",
        // So `stats` can measure the live heap after a full collection (the soak).
        "--v8-flags=--expose-gc",
        "scripts/geo-node.ts",
        "--config",
        JSON.stringify(config),
      ]
      : ["scripts/geo-node.ts", "--config", JSON.stringify(config)];
    const c = hosts.exec(i, bin, args, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    child = c;
    exited = new Promise<void>((resolve) => c.on("exit", () => resolve()));
    c.on("exit", (code, signal) => {
      fire({ event: "exit", code, signal, pid: c.pid });
      for (const [ref, r] of pending) {
        pending.delete(ref);
        r(EXITED);
      }
    });
    c.stdin!.on("error", () => {/* the process died: commands resolve as EXITED */});
    c.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    let onReady!: (r: Ready) => void, onFail!: (e: Error) => void;
    const p = new Promise<Ready>((res, rej) => ((onReady = res), (onFail = rej)));
    const timer = setTimeout(
      () => onFail(new Error(`h${i + 1} (${runtime}) not ready in time; stderr: ${stderr}`)),
      options.readyMs ?? 20_000,
    );
    c.on("exit", (code, sig) => {
      clearTimeout(timer);
      onFail(new Error(`h${i + 1} (${runtime}) exited ${code ?? sig} before ready; ${stderr}`));
    });
    createInterface({ input: c.stdout! }).on("line", (line) => {
      let e: GeoEvent;
      try {
        e = JSON.parse(line);
      } catch {
        return;
      }
      if (e.event === "ready") {
        clearTimeout(timer);
        info = e as unknown as Ready;
        port = info.port;
        onReady(info);
      } else if (e.event === "result" && typeof e.ref === "number") {
        pending.get(e.ref)?.(e as unknown as Result);
        pending.delete(e.ref);
      }
      fire(e);
    });
    p.catch(() => {/* surfaced through ready */});
    return p;
  }

  const api: GeoNode = {
    index: i,
    runtime,
    get ready() {
      return ready;
    },
    get id() {
      if (!info) throw new Error(`h${i + 1} not ready yet`);
      return info.id;
    },
    get address() {
      if (!info) throw new Error(`h${i + 1} not ready yet`);
      return info.address;
    },
    get alive() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    get restarts() {
      return restarts;
    },
    get stderr() {
      return stderr;
    },
    command(cmd, ms = 30_000) {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve(EXITED);
      const ref = ++refs;
      return new Promise<Result>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(ref);
          resolve({ ok: false, error: { name: "ControllerTimeout", code: "NO_RESULT" } });
        }, ms);
        pending.set(ref, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        c.stdin!.write(`${JSON.stringify({ ...cmd, ref })}\n`);
      });
    },
    send: (to, payload) => api.command({ cmd: "send", to, payload }),
    request: (to, payload, timeoutMs) =>
      api.command({ cmd: "request", to, payload, timeoutMs }, (timeoutMs ?? 3000) + 30_000),
    broadcast: (payload) => api.command({ cmd: "broadcast", payload }),
    connect: (address) => api.command({ cmd: "connect", address }),
    async peers() {
      const r = await api.command({ cmd: "peers" });
      return r.ok ? r.value as Array<{ id: string; connected: boolean }> : [];
    },
    async stats(gc = false) {
      const r = await api.command({ cmd: "stats", gc });
      if (!r.ok) throw new Error(`h${i + 1} stats: ${JSON.stringify(r.error)}`);
      return r.value as Record<string, unknown> & { rss: number; peers: number; fds: number };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async kill9() {
      if (api.alive) child!.kill("SIGKILL");
      await exited;
    },
    async restart() {
      if (closed) throw new Error("closed");
      await api.kill9();
      restarts++;
      ready = start();
      const r = await ready;
      // Rejoining mid-partition (fallback): the new process must block too.
      if (hosts.mode === "loopback" && hosts.groups) {
        await api.command({ cmd: "block", hosts: blockedFor() });
      }
      return r;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (api.alive) {
        child!.stdin!.write(`${JSON.stringify({ cmd: "close" })}\n`);
        const t = setTimeout(() => api.alive && child!.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(certPath, { recursive: true, force: true });
    },
  };
  ready = start();
  return api;
}

/** Closes every node (in parallel), ignoring ones already gone. */
export async function closeAll(nodes: Iterable<GeoNode>): Promise<void> {
  await Promise.all([...nodes].map((n) => n.close().catch(() => {})));
}
