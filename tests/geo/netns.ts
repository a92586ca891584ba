/**
 * Low-level helpers for the geo fixture (`hosts.ts`): running `ip`, owner
 * files that tell a live run's namespaces from ones a crashed run left, and
 * removing the stale ones.
 *
 * Namespaces are named `gm<6 hex>-<role>`; the 6 hex digits are the run's tag.
 * A run writes `<ownerDir>/<tag>.owner` (its pid and that process's start time)
 * BEFORE it creates a namespace, so a namespace whose owner file is missing or
 * names a dead process is left over and safe to remove, while a parallel run's
 * namespaces are never touched.
 *
 * @module
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

/** Matches a fixture namespace name; group 1 is the run tag. */
export const NS_PATTERN = /^gm([0-9a-f]{6})-[a-z0-9]+$/;

/** Absolute path of `ip` (PATH may lack /usr/sbin under a test runner). */
export function findIp(): string | undefined {
  for (const p of ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Runs `ip <args>` and resolves with its stdout; rejects with stderr.
 *
 * @example
 * ```ts ignore
 * await ip("/usr/sbin/ip", ["netns", "add", "gmabcdef-h1"]);
 * ```
 */
export function ip(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ip ${args.join(" ")}: ${String(stderr).trim() || err.message}`));
      else resolve(String(stdout));
    });
  });
}

/** Synchronous `ip`, for exit/signal handlers; errors are swallowed (best effort). */
export function ipSync(bin: string, args: string[]): void {
  try {
    execFileSync(bin, args, { stdio: "ignore", timeout: 10_000 });
  } catch { /* already gone */ }
}

/** Where owner files live: /run (cleared at boot, like /run/netns) or the temp dir. */
export function ownerDir(): string {
  for (const dir of ["/run/geomesh-geo", `${tmpdir()}/geomesh-geo`]) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch { /* not writable: next */ }
  }
  return tmpdir();
}

/** Start time (clock ticks since boot) of `pid`, or undefined when no such process. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command (field 2) may contain spaces, so count after its ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/**
 * Records that `tag` belongs to this process.
 *
 * @example
 * ```ts ignore
 * writeOwner("abcdef");
 * ```
 */
export function writeOwner(tag: string): string {
  const file = `${ownerDir()}/${tag}.owner`;
  writeFileSync(file, JSON.stringify({ pid: process.pid, start: processStart(process.pid) }));
  return file;
}

function ownerAlive(tag: string): boolean {
  try {
    const { pid, start } = JSON.parse(readFileSync(`${ownerDir()}/${tag}.owner`, "utf8"));
    return typeof pid === "number" && processStart(pid) !== undefined &&
      processStart(pid) === start;
  } catch {
    return false;
  }
}

/** Fixture namespaces that exist now, by run tag. */
export async function listFixtureNamespaces(bin: string): Promise<Map<string, string[]>> {
  const out = await ip(bin, ["netns", "list"]);
  const byTag = new Map<string, string[]>();
  for (const line of out.split("\n")) {
    const name = line.trim().split(/\s+/)[0];
    const m = name?.match(NS_PATTERN);
    if (!m) continue;
    byTag.set(m[1], [...(byTag.get(m[1]) ?? []), name]);
  }
  return byTag;
}

/** Kills what still runs inside `ns` (only namespaces of our own runs reach here). */
export function killInside(bin: string, ns: string): void {
  let pids: string[] = [];
  try {
    pids = execFileSync(bin, ["netns", "pids", ns], { encoding: "utf8", timeout: 10_000 })
      .split("\n").map((s) => s.trim()).filter(Boolean);
  } catch { /* namespace gone */ }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch { /* already gone */ }
  }
}

/**
 * Removes namespaces of runs whose owner is gone (a crashed or killed run), and
 * their owner files. Returns the names removed.
 *
 * @example
 * ```ts ignore
 * const removed = await removeStale("/usr/sbin/ip");
 * ```
 */
export async function removeStale(bin: string): Promise<string[]> {
  const removed: string[] = [];
  for (const [tag, names] of await listFixtureNamespaces(bin)) {
    if (ownerAlive(tag)) continue;
    for (const ns of names) {
      killInside(bin, ns);
      ipSync(bin, ["netns", "del", ns]);
      removed.push(ns);
    }
    rmSync(`${ownerDir()}/${tag}.owner`, { force: true });
  }
  // Owner files of dead runs whose namespaces are already gone.
  for (const f of readdirSync(ownerDir())) {
    const tag = f.match(/^([0-9a-f]{6})\.owner$/)?.[1];
    if (tag && !ownerAlive(tag)) rmSync(`${ownerDir()}/${f}`, { force: true });
  }
  return removed;
}

/**
 * A /24 (as its first three octets) that no address or route of this machine
 * uses, trying 10.77.0.0/24 first.
 *
 * @example
 * ```ts ignore
 * const prefix = await freeSubnet("/usr/sbin/ip"); // "10.77.0"
 * ```
 */
export async function freeSubnet(bin: string): Promise<string> {
  const used = (await ip(bin, ["-4", "-o", "addr", "show"])) + (await ip(bin, ["-4", "route"]));
  for (let second = 77; second < 100; second++) {
    const prefix = `10.${second}.0`;
    // Any mention of the /24 or a covering 10.x/8..16 route counts as in use.
    if (used.includes(`${prefix}.`) || used.includes(`10.${second}.0.0/`)) continue;
    if (/\b10\.0\.0\.0\/8\b/.test(used)) break;
    return prefix;
  }
  throw new Error("no free 10.x.0.0/24 subnet for the geo hosts");
}
