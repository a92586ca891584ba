/**
 * Running the CLI as a subprocess in the CLI tests: `runCli` for a command
 * that exits (bounded by a timeout, killed past it), `spawnCli` for one that
 * stays up (`start`, `listen`), whose lines can be awaited and which is
 * killed in the test's `finally`. Runtime-neutral (node:child_process), so
 * the files run under Deno and Bun; the child's runtime is chosen per call.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

/** The repository root (the CLI children run there). */
export const root = new URL("../../", import.meta.url).pathname;

/** A child runtime. */
export type ChildRuntime = "deno" | "bun";

/** The runtime running this test file. */
export const selfRuntime: ChildRuntime = "Bun" in globalThis ? "bun" : "deno";

/** The command line running `scripts/cli.ts` under `runtime`. */
export function cliCommand(runtime: ChildRuntime, args: string[]): [string, string[]] {
  const bin = `${root}node_modules/.bin/${runtime}`;
  return runtime === "deno"
    ? [bin, ["run", "-A", "scripts/cli.ts", ...args]]
    : [bin, ["run", "scripts/cli.ts", ...args]];
}

/** What a finished child printed. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` to its end (killed after `timeoutMs`). */
export function runCommand(
  cmd: string,
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    });
    let stdout = "", stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      stderr += `\n[killed after ${options.timeoutMs ?? 20_000} ms]`;
    }, options.timeoutMs ?? 20_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI under `runtime` to its end. */
export function runCli(
  runtime: ChildRuntime,
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const [cmd, full] = cliCommand(runtime, args);
  return runCommand(cmd, full, options);
}

/** A CLI child that stays up. */
export interface CliProcess {
  stdout: string[];
  stderr: string[];
  /** Resolves with the first line (of stdout or stderr) matching `re`, or rejects after `timeoutMs`. */
  line(stream: "stdout" | "stderr", re: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * SIGTERM, then SIGKILL after 3 s; resolves once it exited with whether the
   * SIGKILL was needed. (The exit code is not reported: Deno's child_process
   * reports a child it sent SIGTERM as killed by it even when the child
   * handled the signal and exited 0.)
   */
  stop(): Promise<{ forced: boolean }>;
}

/** Starts the CLI under `runtime` and returns at once. */
export function spawnCli(runtime: ChildRuntime, args: string[]): CliProcess {
  const [cmd, full] = cliCommand(runtime, args);
  const child = spawn(cmd, full, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters = new Set<() => void>();
  for (const stream of ["stdout", "stderr"] as const) {
    createInterface({ input: child[stream]! }).on("line", (l) => {
      lines[stream].push(l);
      for (const w of waiters) w();
    });
  }
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (c, signal) => {
      code = c ?? (signal ? -1 : null);
      for (const w of waiters) w();
      resolve(code);
    })
  );
  return {
    ...lines,
    line(stream, re, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines[stream].find((l) => re.test(l));
          if (found !== undefined || code !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            if (found !== undefined) resolve(found);
            else reject(new Error(`exited (${code}) before ${re}: ${lines.stderr.join("\n")}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no ${stream} line ${re} in ${timeoutMs} ms: ${lines.stderr.join("\n")}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (code !== undefined) return { forced: false };
      child.kill("SIGTERM");
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        child.kill("SIGKILL");
      }, 3000);
      await exited;
      clearTimeout(timer);
      return { forced };
    },
  };
}

/** A fresh temporary directory, removed by the returned `remove`. */
export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The address in a printed `address: '...'` line, unquoted. */
export function printedAddress(line: string): string {
  return line.replace(/^address:\s*/, "").replace(/^'(.*)'$/, "$1");
}

/** True when `text` holds a stack frame line. */
export function hasStackFrame(text: string): boolean {
  return /^\s+at\s/m.test(text);
}
