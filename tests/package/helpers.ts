/**
 * Helpers for the package tests: bounded child processes, a throwaway network
 * namespace (so a README snippet's fixed ports never meet another process on
 * this machine), a copy of the tree as a commit would hold it, and the README
 * snippets the tests run.
 *
 * @module
 */
import { existsSync } from "node:fs";

export const root = new URL("../../", import.meta.url).pathname;
export const bin = (name: string): string => `${root}node_modules/.bin/${name}`;

/** What a finished command printed. */
export interface Output {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `cmd`, killed after `timeoutMs`; rejects unless it exits 0. */
export async function sh(
  cmd: string[],
  options: { cwd: string; timeoutMs: number; env?: Record<string, string> },
): Promise<Output> {
  const started = performance.now();
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...options.env },
  }).spawn();
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }, options.timeoutMs);
  const out = await child.output().finally(() => clearTimeout(timer));
  const text = new TextDecoder();
  // Colours stripped: the test runner sets FORCE_COLOR, which Deno reads as "force".
  // deno-lint-ignore no-control-regex
  const plain = (bytes: Uint8Array) => text.decode(bytes).replace(/\x1b\[[0-9;]*m/g, "");
  const result = {
    code: out.code,
    stdout: plain(out.stdout),
    stderr: plain(out.stderr),
    ms: performance.now() - started,
  };
  if (!out.success) {
    throw new Error(
      `${cmd.join(" ")} exited ${out.code} after ${result.ms.toFixed(0)} ms ` +
        `(limit ${options.timeoutMs} ms)\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** A long-running child (a server) that is killed by `stop()`. */
export function spawn(
  cmd: string[],
  options: { cwd: string; env?: Record<string, string> },
): { process: Deno.ChildProcess; stop(): Promise<void> } {
  const process = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
    env: { NO_COLOR: "1", ...options.env },
  }).spawn();
  return {
    process,
    async stop() {
      try {
        process.kill("SIGKILL");
      } catch { /* already gone */ }
      await process.status;
      await process.stdout.cancel().catch(() => {});
    },
  };
}

/** Reads `child`'s stdout until a line matches `pattern`; returns the match. */
export async function waitForLine(
  child: Deno.ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const timer = setTimeout(() => reader.cancel("timed out").catch(() => {}), timeoutMs);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`no line matching ${pattern} in ${timeoutMs} ms:\n${seen}`);
      seen += value;
      const match = seen.match(pattern);
      if (match) return match;
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/** Absolute path of `ip`, or undefined. */
export function findIp(): string | undefined {
  return ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find((p) => existsSync(p));
}

/**
 * A fresh network namespace with loopback up: `exec(cmd)` is the prefix that
 * runs a command inside it. The name (`gmpkg-<hex>`) is outside the geo
 * fixture's `gm<hex>-<role>` pattern, so its stale-namespace sweep leaves it be.
 */
export async function netns(ip: string): Promise<{ exec: string[]; remove(): Promise<void> }> {
  const name = `gmpkg-${crypto.randomUUID().slice(0, 8)}`;
  await sh([ip, "netns", "add", name], { cwd: root, timeoutMs: 10_000 });
  const remove = async () => {
    await sh([ip, "netns", "del", name], { cwd: root, timeoutMs: 10_000 }).catch(() => {});
  };
  try {
    await sh([ip, "netns", "exec", name, ip, "link", "set", "lo", "up"], {
      cwd: root,
      timeoutMs: 10_000,
    });
  } catch (err) {
    await remove();
    throw err;
  }
  return { exec: [ip, "netns", "exec", name], remove };
}

/**
 * Copies the files a commit of this tree would hold (tracked and untracked,
 * not ignored: no node_modules, no certs) into `to`.
 */
export async function cleanCopy(to: string): Promise<void> {
  const listed = await sh(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    timeoutMs: 30_000,
  });
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const source = `${root}${file}`;
    if (!existsSync(source)) continue; // deleted in the working tree
    const target = `${to}/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(source, target);
  }
}

/**
 * The fenced code blocks of README.md under the heading `heading`, in order,
 * so the tests run exactly what the README tells users to run.
 */
export async function readmeBlocks(heading: string): Promise<string[]> {
  const readme = await Deno.readTextFile(`${root}README.md`);
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Replaces every `placeholder` in `text`, failing when there is none. */
export function fill(text: string, placeholder: string, value: string): string {
  if (!text.includes(placeholder)) {
    throw new Error(`README snippet lacks the placeholder ${placeholder}:\n${text}`);
  }
  return text.replaceAll(placeholder, value);
}
