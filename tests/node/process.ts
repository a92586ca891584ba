/**
 * Runs a node fixture (`fixtures/serve.ts`) in a child process of the given
 * runtime and reads its output lines.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const root = new URL("../../", import.meta.url).pathname;

/** A running fixture. */
export interface NodeProcess {
  /** Resolves with the first line starting with `prefix` (prefix removed). */
  line(prefix: string, ms?: number): Promise<string>;
  /** Kills the process (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts `tests/node/fixtures/serve.ts` under `runtime` with `args`. */
export function startNodeProcess(runtime: "deno" | "bun", args: string[]): NodeProcess {
  const bin = `${root}node_modules/.bin/${runtime}`;
  const cmd = runtime === "deno" ? ["run", "-A", "tests/node/fixtures/serve.ts", ...args] : [
    "run",
    "tests/node/fixtures/serve.ts",
    ...args,
  ];
  const child = spawn(bin, cmd, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  createInterface({ input: child.stdout! }).on("line", (l) => {
    lines.push(l);
    for (const w of waiters.splice(0)) w();
  });
  return {
    async line(prefix, ms = 15_000) {
      const end = Date.now() + ms;
      while (true) {
        const hit = lines.find((l) => l.startsWith(prefix));
        if (hit !== undefined) return hit.slice(prefix.length).trim();
        if (Date.now() > end) {
          throw new Error(`no "${prefix}" line from ${runtime} fixture; stderr: ${stderr}`);
        }
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
