/**
 * The systems the benchmark compares, and how each one's processes start.
 * Every system runs its server and its client in separate processes, as the
 * reference figures of BENCH.md were measured.
 *
 * @module
 */
import { access } from "node:fs/promises";
import { type Child, startChild } from "./child.ts";

/** Where the repository root is (the bench runs its children from there). */
export const ROOT = new URL("../../", import.meta.url).pathname;
const DENO = `${ROOT}node_modules/.bin/deno`;
const BUN = `${ROOT}node_modules/.bin/bun`;

/** A runtime a child process runs in. */
export type Runtime = "deno" | "bun" | "node";

/** One compared system. */
export interface SystemDef {
  /** Stable key used in the JSON results. */
  id: string;
  /** Row label in the table. */
  label: string;
  /** `stream`: raw transport / adapter; `node`: geomesh's public API; `libp2p`. */
  level: "stream" | "node" | "libp2p";
  runtime: Runtime;
  /** Script and its extra arguments. */
  script: string;
  args: string[];
  /** Files that must exist for the system to run (e.g. an adapter not landed yet). */
  needs?: string[];
}

/** The systems measured for W1–W4 (and W7). */
export const SYSTEMS: readonly SystemDef[] = [
  {
    id: "raw",
    label: "raw Deno WebTransport (h3)",
    level: "stream",
    runtime: "deno",
    script: "bench/peers/stream-peer.ts",
    args: ["--kind", "raw"],
  },
  {
    id: "adapter-deno",
    label: "adapter deno (h3)",
    level: "stream",
    runtime: "deno",
    script: "bench/peers/stream-peer.ts",
    args: ["--kind", "deno"],
  },
  {
    id: "adapter-fails-bun",
    label: "adapter fails (h2), Bun",
    level: "stream",
    runtime: "bun",
    script: "bench/peers/stream-peer.ts",
    args: ["--kind", "fails"],
    needs: ["lib/transport/fails.ts"],
  },
  {
    id: "node-deno",
    label: "geomesh node, Deno (h3)",
    level: "node",
    runtime: "deno",
    script: "bench/peers/node-peer.ts",
    args: [],
  },
  {
    id: "node-bun",
    label: "geomesh node, Bun (h2)",
    level: "node",
    runtime: "bun",
    script: "bench/peers/node-peer.ts",
    args: [],
    needs: ["lib/transport/fails.ts", "lib/transport/mod.ts"],
  },
  {
    id: "libp2p",
    label: "js-libp2p TCP+Noise+Yamux, Node",
    level: "libp2p",
    runtime: "node",
    script: "bench/peers/libp2p-peer.mjs",
    args: [],
    needs: ["node_modules/libp2p/package.json"],
  },
];

/** Command line for a script under a runtime (GC exposed, for RSS figures). */
export function commandFor(runtime: Runtime, script: string, args: string[]): [string, string[]] {
  switch (runtime) {
    case "deno":
      return [DENO, ["run", "-A", "--v8-flags=--expose-gc", script, ...args]];
    case "bun":
      return [BUN, [script, ...args]];
    case "node":
      return ["node", ["--expose-gc", script, ...args]];
  }
}

/**
 * Whether a system can run here (its files exist).
 *
 * @example
 * ```ts ignore
 * console.log(await available(SYSTEMS[0]));
 * ```
 */
export async function available(system: SystemDef): Promise<boolean> {
  for (const file of system.needs ?? []) {
    try {
      await access(ROOT + file);
    } catch {
      return false;
    }
  }
  return true;
}

/** Starts a child of `system` in `role`. */
export function spawnRole(system: SystemDef, role: string, extra: string[] = []): Promise<Child> {
  const [cmd, args] = commandFor(system.runtime, system.script, [
    ...system.args,
    "--role",
    role,
    ...extra,
  ]);
  return startChild(cmd, args, { cwd: ROOT, label: `${system.id}/${role}` });
}

/** Starts a script that is not a client/server pair (mesh workloads). */
export function spawnScript(runtime: Runtime, script: string, args: string[] = []): Promise<Child> {
  const [cmd, a] = commandFor(runtime, script, args);
  return startChild(cmd, a, { cwd: ROOT, label: script });
}

/** The arguments a client needs to reach its server (URL and pin, or address). */
export function target(server: Child): Record<string, unknown> {
  const { url, pin, address } = server.info;
  return address !== undefined ? { address } : { url, pin };
}
