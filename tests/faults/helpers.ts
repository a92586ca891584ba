/**
 * Shared helpers of the fault suite: real-transport nodes on 127.0.0.1 with a
 * temporary cert path, a steady request stream with latency figures, child
 * processes driven over stdin/stdout, and RSS readings.
 *
 * Everything geomesh comes through the root module, so the suite survives
 * moves inside `lib/`.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createInterface } from "node:readline";
import { createLogger, createNode, type GeomeshNode, type QuicConfig } from "../../mod.ts";
import type { Logger, LogLevel } from "../../mod.ts";

/** The runtime running the tests. */
export const RUNTIME: "deno" | "bun" = "Deno" in globalThis ? "deno" : "bun";
/** The protocol nodes of this runtime dial each other with. */
export const PROTOCOL: "h3" | "h2" = RUNTIME === "deno" ? "h3" : "h2";

const root = new URL("../../", import.meta.url).pathname;

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` every 5 ms until true; throws after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * A logger keeping its lines (parsed JSON), for assertions and evidence.
 * Default level `info`, as a deployed node's: a flood's debug lines kept in
 * memory would measure the test, not the node.
 */
export function captureLogger(
  level: LogLevel = "info",
): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ json: true, level, sink: (l) => lines.push(JSON.parse(l)) });
  return Object.assign(log, { lines });
}

const dirs: string[] = [];

/** A fresh temporary directory; {@linkcode removeTempDirs} removes every one made. */
export async function tempDir(prefix = "geomesh-faults-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Removes the temporary directories made by {@linkcode tempDir}. */
export async function removeTempDirs(): Promise<void> {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** A node with a logger that keeps its lines. */
export type FaultNode = GeomeshNode & { log: ReturnType<typeof captureLogger> };

/**
 * A hybrid node on the runtime's real transport, 127.0.0.1, a free port, a
 * temporary cert path, no dashboard, discovery off (the scenarios are about
 * the sessions they set up), the given overrides on top.
 */
export async function realNode(config: QuicConfig = {}): Promise<FaultNode> {
  const log = captureLogger();
  const node = await createNode({
    mode: "hybrid",
    port: 0,
    hostname: "127.0.0.1",
    certPath: config.certPath ?? await tempDir(),
    dashboard: false,
    gossipIntervalMs: 0,
    minPeers: 0,
    logger: log,
    ...config,
  });
  return Object.assign(node, { log });
}

/** The `q`-quantile (0..1) of `values` (nearest rank); NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** `p50`/`p99`/`max` of latencies in ms, rounded to 0.1 ms. */
export function latencyFigures(values: number[]): { n: number; p50: number; p99: number } {
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: values.length, p50: r(quantile(values, 0.5)), p99: r(quantile(values, 0.99)) };
}

/** Resident set size of this process in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1048576 * 10) / 10;
}

/**
 * Heap in use in MiB, after a full collection where the runtime offers one
 * without flags (Bun); Deno collects on its own schedule.
 */
export async function heapMiB(): Promise<number> {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  if (bun) bun.gc(true);
  await sleep(50);
  return Math.round(process.memoryUsage().heapUsed / 1048576 * 10) / 10;
}

/** What a {@linkcode requestStream} measured. */
export interface StreamFigures {
  sent: number;
  ok: number;
  failed: number;
  /** Latency of every successful request, ms, with the time it was sent. */
  samples: Array<{ at: number; ms: number }>;
  errors: string[];
}

/**
 * Sends `request(target, i)` from `node` one after another (with at most
 * `concurrency` in flight) every `gapMs`, until `stop()`; every request that
 * fails is counted and its error kept. `done` resolves once everything sent
 * has settled.
 */
export function requestStream(
  node: GeomeshNode,
  target: () => string,
  options: { gapMs?: number; timeoutMs?: number; concurrency?: number } = {},
): { figures: StreamFigures; stop(): Promise<StreamFigures> } {
  const figures: StreamFigures = { sent: 0, ok: 0, failed: 0, samples: [], errors: [] };
  let running = true;
  const worker = async () => {
    while (running) {
      const i = figures.sent++;
      const started = performance.now();
      try {
        const reply = await node.request(target(), i, { timeoutMs: options.timeoutMs ?? 5000 });
        if (reply !== i) throw new Error(`wrong reply ${JSON.stringify(reply)} for ${i}`);
        figures.ok++;
        figures.samples.push({ at: started, ms: performance.now() - started });
      } catch (err) {
        figures.failed++;
        const e = err as { code?: string; message?: string };
        figures.errors.push(`${e.code ?? "?"}: ${e.message ?? String(err)}`.slice(0, 200));
      }
      if (options.gapMs) await sleep(options.gapMs);
    }
  };
  const workers = Array.from({ length: options.concurrency ?? 1 }, worker);
  return {
    figures,
    async stop() {
      running = false;
      await Promise.all(workers);
      return figures;
    },
  };
}

/** A child process speaking lines on stdin/stdout. */
export interface Child {
  readonly pid: number;
  /** Resolves with the rest of the first line starting with `prefix` not yet taken. */
  line(prefix: string, ms?: number): Promise<string>;
  /** Writes one line to the child's stdin. */
  write(line: string): void;
  /** Sends SIGKILL (if still running) and waits for the exit. */
  kill(): Promise<void>;
  /** What the child wrote to stderr so far. */
  stderr(): string;
}

/**
 * Runs `script` (a path relative to the repository root) under the runtime
 * running the tests, with stdin piped.
 */
export function spawnChild(script: string, args: string[] = []): Child {
  const bin = `${root}node_modules/.bin/${RUNTIME}`;
  const argv = RUNTIME === "deno" ? ["run", "-A", script, ...args] : ["run", script, ...args];
  const child = spawn(bin, argv, {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const lines: string[] = [];
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    pid: child.pid!,
    async line(prefix, ms = 20_000) {
      const end = performance.now() + ms;
      while (true) {
        const at = lines.findIndex((l) => l.startsWith(prefix));
        if (at >= 0) return lines.splice(at, 1)[0].slice(prefix.length).trim();
        if (child.exitCode !== null || performance.now() > end) {
          throw new Error(`no "${prefix}" line from ${script} (exit ${child.exitCode}); ${err}`);
        }
        await sleep(10);
      }
    },
    write(line) {
      child.stdin!.write(line + "\n");
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stderr: () => err,
  };
}

/** Closes every node, ignoring errors (cleanup in `finally`). */
export async function closeAll(...nodes: Array<GeomeshNode | undefined>): Promise<void> {
  await Promise.all(nodes.map((n) => n?.close().catch(() => {})));
}
