/**
 * Separate "hosts" for geo tests: one network namespace per host, each with
 * its own address on a private /24, all joined by a Linux bridge that lives in
 * a namespace of its own (the "switch"), so traffic never leaves the machine
 * and never touches the root namespace.
 *
 * A partition moves the switch ports of each group but the first onto a bridge
 * of its own: hosts within a group still talk, hosts across groups see their
 * packets vanish (a real blackhole for UDP/QUIC and TCP alike, sessions stay
 * open until their own timers notice). `heal()` moves every port back.
 *
 * Where namespaces cannot be made (not root, no `ip`, `ip netns add` fails) or
 * `GEOMESH_GEO_FALLBACK=1` is set, the fixture prints one line saying why and
 * falls back to loopback addresses 127.0.0.2, 127.0.0.3, ... There a partition
 * cannot be made by the fixture: `partition()` records the groups and tells
 * listeners (`onPartition`), which the node controller (`process-node.ts`)
 * turns into an in-app blackhole inside each node process
 * (`block-transport.ts`); `partitionMethod` says which method is in force so
 * tests print it.
 *
 * Namespace names are `gm<6 hex>-h<i>` / `gm<6 hex>-sw` with a random tag per
 * run; namespaces a crashed run left are removed first (see `netns.ts`).
 *
 * @example
 * ```ts ignore
 * const hosts = await createHosts({ count: 4 });
 * try {
 *   const child = hosts.exec(0, "deno", ["run", "-A", "scripts/geo-node.ts"]);
 *   await hosts.partition([0, 1], [2, 3]);
 *   await hosts.heal();
 * } finally {
 *   await hosts.close();
 * }
 * ```
 *
 * @module
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import {
  findIp,
  freeSubnet,
  ip,
  ipSync,
  killInside,
  ownerDir,
  removeStale,
  writeOwner,
} from "./netns.ts";

/** One host. */
export interface Host {
  /** 0-based index. */
  index: number;
  /** Namespace name (`gmXXXXXX-h1`), or `loopback-N` in the fallback. */
  name: string;
  /** The host's own IPv4 address (namespace address, or 127.0.0.N+2 in the fallback). */
  address: string;
}

/** Options of {@linkcode createHosts}. */
export interface HostsOptions {
  /** Number of hosts, 1 to 200. */
  count: number;
  /** Force the loopback fallback (also `GEOMESH_GEO_FALLBACK=1`). */
  fallback?: boolean;
}

/** A partition as the fixture applied it: groups of host indices. */
export type Groups = number[][];

/** The fixture's handle. */
export interface Hosts {
  /** `netns`: real namespaces; `loopback`: the fallback. */
  readonly mode: "netns" | "loopback";
  /** Why the fallback is in use (undefined with namespaces). */
  readonly fallbackReason?: string;
  /** This run's random tag (6 hex digits). */
  readonly tag: string;
  /** The hosts. */
  readonly list: readonly Host[];
  /** How `partition()` cuts traffic, for tests to print. */
  readonly partitionMethod: string;
  /** The groups currently partitioned, or undefined when healed. */
  readonly groups: Groups | undefined;
  /** Spawns `cmd args` on host `i` (`ip netns exec <ns> cmd args` with namespaces). */
  exec(i: number, cmd: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Cuts traffic between the groups (hosts in no group join the first). */
  partition(...groups: Groups): Promise<void>;
  /** Undoes `partition()`. */
  heal(): Promise<void>;
  /** Called after each partition/heal (with undefined); the fallback needs it. */
  onPartition(listener: (groups: Groups | undefined) => void | Promise<void>): void;
  /** Removes namespaces and bridges and kills what still runs in them. Idempotent. */
  close(): Promise<void>;
}

const live = new Set<() => void>();
let hooked = false;

/** Synchronous cleanup of every live fixture when the process ends or is interrupted. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const all = () => {
    for (const f of [...live]) f();
  };
  process.on("exit", all);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      all();
      process.exit(128 + (sig === "SIGINT" ? 2 : sig === "SIGTERM" ? 15 : 1));
    });
  }
  // Deno runs "unload" on a normal end of the main module.
  globalThis.addEventListener?.("unload", all);
}

/** Why namespaces cannot be used here, or undefined when they can be tried. */
function fallbackWhy(options: HostsOptions): string | undefined {
  if (options.fallback) return "fallback requested by the caller";
  if (process.env.GEOMESH_GEO_FALLBACK === "1") return "GEOMESH_GEO_FALLBACK=1";
  if (process.platform !== "linux") return `platform ${process.platform} has no network namespaces`;
  if (process.getuid?.() !== 0) return "not root (network namespaces need CAP_SYS_ADMIN)";
  if (!findIp()) return "no `ip` command (iproute2) found";
  return undefined;
}

/**
 * Creates `count` hosts: network namespaces joined by a bridge, or loopback
 * addresses when namespaces are not available (printed once, with the reason).
 *
 * @example
 * ```ts ignore
 * const hosts = await createHosts({ count: 2 });
 * console.log(hosts.mode, hosts.list.map((h) => h.address));
 * await hosts.close();
 * ```
 */
export async function createHosts(options: HostsOptions): Promise<Hosts> {
  const count = options.count;
  if (!Number.isInteger(count)) throw new TypeError("count must be an integer");
  if (count < 1 || count > 200) throw new RangeError(`count must be in [1, 200], got ${count}`);
  const why = fallbackWhy(options);
  if (why) return loopbackHosts(count, why);
  const bin = findIp()!;
  const tag = randomBytes(3).toString("hex");
  try {
    return await namespaceHosts(bin, tag, count);
  } catch (err) {
    return loopbackHosts(count, `network namespaces failed: ${(err as Error).message}`);
  }
}

function groupsChecked(groups: Groups, count: number): Groups {
  const seen = new Set<number>();
  for (const g of groups) {
    for (const i of g) {
      if (!Number.isInteger(i) || i < 0 || i >= count) {
        throw new RangeError(`host index ${i} out of [0, ${count})`);
      }
      if (seen.has(i)) throw new RangeError(`host ${i} is in two groups`);
      seen.add(i);
    }
  }
  if (groups.length < 2) throw new RangeError("a partition needs at least two groups");
  return groups.map((g) => [...g]);
}

function notifier() {
  const listeners: Array<(g: Groups | undefined) => void | Promise<void>> = [];
  return {
    add: (l: (g: Groups | undefined) => void | Promise<void>) => listeners.push(l),
    fire: async (g: Groups | undefined) => {
      await Promise.all(listeners.map((l) => l(g)));
    },
  };
}

async function namespaceHosts(bin: string, tag: string, count: number): Promise<Hosts> {
  const removed = await removeStale(bin);
  if (removed.length) {
    console.log(`[geo] removed ${removed.length} stale namespaces: ${removed.join(" ")}`);
  }
  const prefix = await freeSubnet(bin);
  const ownerFile = writeOwner(tag);
  const sw = `gm${tag}-sw`;
  const names = Array.from({ length: count }, (_, i) => `gm${tag}-h${i + 1}`);
  const created: string[] = [];
  let closed = false;
  const cleanupSync = () => {
    if (closed) return;
    closed = true;
    live.delete(cleanupSync);
    for (const ns of [...created].reverse()) {
      killInside(bin, ns);
      ipSync(bin, ["netns", "del", ns]);
    }
    rmSync(ownerFile, { force: true });
  };
  live.add(cleanupSync);
  hookExit();
  try {
    await ip(bin, ["netns", "add", sw]);
    created.push(sw);
    await ip(bin, ["-n", sw, "link", "add", "br0", "type", "bridge", "stp_state", "0"]);
    await ip(bin, ["-n", sw, "link", "set", "br0", "up"]);
    await Promise.all(names.map(async (ns, i) => {
      await ip(bin, ["netns", "add", ns]);
      created.push(ns);
      const port = `p${i + 1}`;
      await ip(bin, [
        "link",
        "add",
        "eth0",
        "netns",
        ns,
        "type",
        "veth",
        "peer",
        "name",
        port,
        "netns",
        sw,
      ]);
      await ip(bin, ["-n", sw, "link", "set", port, "master", "br0", "up"]);
      await ip(bin, ["-n", ns, "addr", "add", `${prefix}.${i + 1}/24`, "dev", "eth0"]);
      await ip(bin, ["-n", ns, "link", "set", "eth0", "up"]);
      await ip(bin, ["-n", ns, "link", "set", "lo", "up"]);
    }));
  } catch (err) {
    cleanupSync();
    throw err;
  }
  const list = names.map((name, index) => ({ index, name, address: `${prefix}.${index + 1}` }));
  let groups: Groups | undefined;
  const bridges = new Set(["br0"]);
  const notify = notifier();
  // Moves host ports: group k > 0 onto bridge br<k>, everything else onto br0.
  const place = async (target: Groups | undefined) => {
    const bridgeOf = new Map<number, string>();
    target?.forEach((g, k) => g.forEach((i) => bridgeOf.set(i, k === 0 ? "br0" : `br${k}`)));
    for (const b of new Set(bridgeOf.values())) {
      if (bridges.has(b)) continue;
      await ip(bin, ["-n", sw, "link", "add", b, "type", "bridge", "stp_state", "0"]);
      await ip(bin, ["-n", sw, "link", "set", b, "up"]);
      bridges.add(b);
    }
    await Promise.all(
      list.map((h) =>
        ip(bin, [
          "-n",
          sw,
          "link",
          "set",
          `p${h.index + 1}`,
          "master",
          bridgeOf.get(h.index) ?? "br0",
        ])
      ),
    );
  };
  return {
    mode: "netns",
    tag,
    list,
    partitionMethod:
      "bridge split: each group's switch ports on a bridge of its own (real blackhole)",
    get groups() {
      return groups;
    },
    exec(i, cmd, args, opts = {}) {
      if (closed) throw new Error("hosts are closed");
      const h = list[i];
      if (!h) throw new RangeError(`no host ${i}`);
      return spawn(bin, ["netns", "exec", h.name, cmd, ...args], opts);
    },
    async partition(...g) {
      groups = groupsChecked(g, count);
      await place(groups);
      await notify.fire(groups);
    },
    async heal() {
      groups = undefined;
      if (!closed) await place(undefined);
      await notify.fire(undefined);
    },
    onPartition: notify.add,
    close() {
      cleanupSync();
      return Promise.resolve();
    },
  };
}

function loopbackHosts(count: number, why: string): Hosts {
  console.log(`[geo] FALLBACK to loopback addresses 127.0.0.2..: ${why}`);
  const list = Array.from({ length: count }, (_, index) => ({
    index,
    name: `loopback-${index + 1}`,
    address: `127.0.0.${index + 2}`,
  }));
  let groups: Groups | undefined;
  const notify = notifier();
  const children = new Set<ChildProcess>();
  let closed = false;
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  };
  const cleanupSync = () => {
    closed = true;
    live.delete(cleanupSync);
    killAll();
  };
  live.add(cleanupSync);
  hookExit();
  return {
    mode: "loopback",
    fallbackReason: why,
    tag: randomBytes(3).toString("hex"),
    list,
    partitionMethod:
      "FALLBACK in-app blackhole: each node process stalls streams and drops datagrams of sessions to the other side (block-transport.ts)",
    get groups() {
      return groups;
    },
    exec(i, cmd, args, opts = {}) {
      if (closed) throw new Error("hosts are closed");
      if (!list[i]) throw new RangeError(`no host ${i}`);
      const child = spawn(cmd, args, opts);
      children.add(child);
      child.on("exit", () => children.delete(child));
      return child;
    },
    async partition(...g) {
      groups = groupsChecked(g, count);
      await notify.fire(groups);
    },
    async heal() {
      groups = undefined;
      await notify.fire(undefined);
    },
    onPartition: notify.add,
    close() {
      cleanupSync();
      return Promise.resolve();
    },
  };
}

/** Where owner files are kept (for the report in tests). */
export { ownerDir };
