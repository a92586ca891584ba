/**
 * Parent side of the benchmark's process protocol (see `rpc-child.ts`):
 * spawns a child, waits for its ready line and sends it commands.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** A running benchmark child process. */
export interface Child {
  /** What the child announced in its ready line. */
  readonly info: Record<string, unknown>;
  /** Process id. */
  readonly pid: number;
  /** Runs `op` in the child; rejects on a child error, exit or timeout. */
  call<T = unknown>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, then kills it if it lingers. */
  close(): Promise<void>;
}

/** Options of {@linkcode startChild}. */
export interface StartChildOptions {
  /** Working directory (the repository root, so `bunfig.toml` and `node_modules` are found). */
  cwd: string;
  /** Time allowed until the ready line (ms). Default 60000. */
  readyTimeoutMs?: number;
  /** Label used in error messages. */
  label?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Where the child's stderr goes: inherited (default) or dropped. */
  stderr?: "inherit" | "ignore";
}

/**
 * Spawns `command args` and resolves once the child printed its ready line.
 *
 * @example
 * ```ts ignore
 * import { startChild } from "./child.ts";
 * const c = await startChild("deno", ["run", "-A", "bench/peers/stream-peer.ts"], { cwd: "." });
 * console.log(await c.call("rss"));
 * await c.close();
 * ```
 */
export function startChild(
  command: string,
  args: string[],
  options: StartChildOptions,
): Promise<Child> {
  const label = options.label ?? `${command} ${args.join(" ")}`;
  const proc: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    stdio: ["pipe", "pipe", options.stderr ?? "inherit"],
    env: { ...process.env, ...options.env },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: Error | null = null;
  const rl = createInterface({ input: proc.stdout!, crlfDelay: Infinity });
  return new Promise<Child>((resolveReady, rejectReady) => {
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) {
        proc.kill("SIGKILL");
        rejectReady(
          new Error(`${label}: no ready line within ${options.readyTimeoutMs ?? 60000} ms`),
        );
      }
    }, options.readyTimeoutMs ?? 60_000);
    proc.on("error", (err) => {
      clearTimeout(timer);
      rejectReady(new Error(`${label}: ${err.message}`));
    });
    proc.on("exit", (code, signal) => {
      clearTimeout(timer);
      exited = new Error(`${label} exited (code ${code}, signal ${signal})`);
      if (!ready) rejectReady(exited);
      for (const p of pending.values()) p.reject(exited);
      pending.clear();
    });
    rl.on("line", (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line);
      } catch {
        process.stderr.write(`[${label}] ${line}\n`);
        return;
      }
      if (!ready && msg.ready) {
        ready = true;
        clearTimeout(timer);
        resolveReady(child(msg));
        return;
      }
      const p = pending.get(Number(msg.id));
      if (!p) return;
      pending.delete(Number(msg.id));
      if ("error" in msg) p.reject(new Error(`${label}: ${String(msg.error)}`));
      else p.resolve(msg.result);
    });
  });

  function child(info: Record<string, unknown>): Child {
    return {
      info,
      pid: proc.pid!,
      call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
        if (exited) return Promise.reject(exited);
        const id = nextId++;
        return new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => {
            pending.delete(id);
            reject(new Error(`${label}: ${op} timed out after ${timeoutMs} ms`));
          }, timeoutMs);
          pending.set(id, {
            resolve: (v) => {
              clearTimeout(timer);
              resolve(v as T);
            },
            reject: (e) => {
              clearTimeout(timer);
              reject(e);
            },
          });
          proc.stdin!.write(JSON.stringify({ id, op, ...args }) + "\n");
        });
      },
      async close() {
        if (exited) return;
        const gone = new Promise<void>((r) => proc.once("exit", () => r()));
        try {
          proc.stdin!.end();
        } catch { /* already closed */ }
        const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
        await gone;
        clearTimeout(timer);
      },
    };
  }
}
