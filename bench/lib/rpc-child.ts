/**
 * Child side of the benchmark's process protocol (Deno and Bun): the child
 * prints one JSON line `{ ready: true, ...info }`, then answers each JSON
 * command line read from stdin (`{ id, op, ...args }`) with one line
 * `{ id, result }` or `{ id, error }`. Commands run one at a time, in order.
 * The child exits when stdin closes (the parent went away) or on `{ op: "exit" }`.
 * Diagnostics go to stderr; stdout carries only protocol lines.
 *
 * @module
 */
import { createInterface } from "node:readline";
import process from "node:process";

/** A command handler: gets the command's fields, returns a JSON-able result. */
export type Op = (args: Record<string, unknown>) => unknown | Promise<unknown>;

/** Writes one protocol line. */
function emit(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

/**
 * Announces readiness and serves commands until stdin closes.
 *
 * @example
 * ```ts ignore
 * import { serveRpc } from "./rpc-child.ts";
 * serveRpc({ port: 1234 }, { add: ({ a, b }) => Number(a) + Number(b) });
 * ```
 */
export function serveRpc(ready: Record<string, unknown>, ops: Record<string, Op>): void {
  emit({ ready: true, version: runtimeVersion(), ...ready });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let chain: Promise<void> = Promise.resolve();
  rl.on("line", (line: string) => {
    if (!line.trim()) return;
    chain = chain.then(async () => {
      let cmd: Record<string, unknown>;
      try {
        cmd = JSON.parse(line);
      } catch {
        emit({ id: null, error: `bad command line: ${line.slice(0, 80)}` });
        return;
      }
      if (cmd.op === "exit") {
        emit({ id: cmd.id, result: true });
        process.exit(0);
      }
      const op = ops[String(cmd.op)];
      if (!op) {
        emit({ id: cmd.id, error: `unknown op ${String(cmd.op)}` });
        return;
      }
      try {
        emit({ id: cmd.id, result: await op(cmd) });
      } catch (err) {
        emit({ id: cmd.id, error: (err as Error)?.stack ?? String(err) });
      }
    });
  });
  rl.on("close", () => void chain.finally(() => process.exit(0)));
}

/** `deno 2.9.6` / `bun 1.4.5` / `node 20.20.2`. */
export function runtimeVersion(): string {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  return `node ${process.versions.node}`;
}

/**
 * Resident set size of this process in bytes, after a full GC when the runtime
 * exposes one (`--v8-flags=--expose-gc` in Deno, `Bun.gc(true)` in Bun).
 *
 * @example
 * ```ts ignore
 * import { rssAfterGc } from "./rpc-child.ts";
 * console.log(await rssAfterGc());
 * ```
 */
export async function rssAfterGc(): Promise<number> {
  const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
  for (let i = 0; i < 3; i++) {
    if (g.Bun) g.Bun.gc(true);
    else g.gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().rss;
}
