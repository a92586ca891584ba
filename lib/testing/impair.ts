/**
 * An impaired link: a userspace UDP + TCP relay in front of one target (a
 * geomesh node, say) that applies a {@linkcode LinkProfile} per direction.
 * It stands in for `tc netem`, which this kind of machine may lack, and runs
 * under Deno and Bun alike (`node:dgram`, `node:net`).
 *
 * Like a geomesh node, the relay listens on ONE port number for both UDP
 * (HTTP/3) and TCP (HTTP/2, WebSocket), so a rewritten node address keeps
 * every protocol it offered.
 *
 * @module
 */
import { lookup } from "node:dns/promises";
import { isIP, isIPv6 } from "node:net";
import { formatAddress, parseAddress } from "../../mod.ts";
import type { Protocol } from "../../mod.ts";
import { createPrng } from "./prng.ts";
import type { LinkProfile } from "./profile.ts";
import { createScheduler } from "./scheduler.ts";
import { DirectionShaper, type DirectionStats } from "./shaper.ts";
import { TcpRelay } from "./tcp-relay.ts";
import { UdpRelay } from "./udp-relay.ts";

/** Options of {@linkcode createImpairedLink}. */
export interface ImpairedLinkOptions {
  /** Where traffic goes: host name or IP, and port. */
  target: { host: string; port: number };
  /** Where the relay listens (default 127.0.0.1 and any free port number). */
  listen?: { host?: string; port?: number };
  /** Profile of the forward direction (client to target); the reverse one too unless given. */
  profile?: LinkProfile;
  /** Profile of the reverse direction (target to client). */
  reverseProfile?: LinkProfile;
  /** Seed of every random decision (default: random, readable as `link.seed`). */
  seed?: number;
  /** What to relay (default both). */
  protocols?: Array<"udp" | "tcp">;
  /** A UDP flow idle this long is forgotten, like a NAT mapping (default 60 s). */
  udpIdleMs?: number;
}

/** Which direction a profile change applies to. */
export type LinkDirection = "forward" | "reverse" | "both";

/** Counters of a link. */
export interface LinkStats {
  /** Client to target. */
  forward: DirectionStats;
  /** Target to client. */
  reverse: DirectionStats;
  /** UDP flows (client source address:port) in the table. */
  udpFlows: number;
  /** TCP connections open. */
  tcpConnections: number;
}

/** A running impaired link. */
export interface ImpairedLink {
  /** Host to dial (a wildcard listen address is given as loopback). */
  readonly host: string;
  /** Port number, the same for UDP and TCP. */
  readonly port: number;
  /** The seed in use: pass it back to replay a run. */
  readonly seed: number;
  /** What is relayed. */
  readonly protocols: ReadonlyArray<"udp" | "tcp">;
  /** True between `cut()` and `heal()`. */
  readonly isCut: boolean;
  /**
   * Rewrites a geomesh address to dial this relay: same node id and pins,
   * host and port replaced, protocols narrowed to what the relay carries.
   */
  address(nodeAddress: string): string;
  /** Replaces the profile of one or both directions (random streams carry on). */
  setProfile(profile: LinkProfile, direction?: LinkDirection): void;
  /**
   * Blackholes both directions: datagrams dropped (those already delayed on
   * the wire too), TCP bytes held and reading paused, so connections stall
   * without a reset. New TCP connections are still accepted locally; their
   * bytes are held like the rest.
   */
  cut(): void;
  /** Ends a `cut()`: held TCP bytes go on in order. A profile's own `blackhole` stays. */
  heal(): void;
  /** Gives every UDP flow a new upstream socket, so the target sees a new source port (NAT rebinding). */
  rebind(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): LinkStats;
  /** Closes every socket and timer; idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const BIND_ATTEMPTS = 20;

/**
 * Starts an impaired link in front of `target`.
 *
 * @example
 * ```ts
 * import { createImpairedLink } from "./impair.ts";
 * import { GEO_PROFILES } from "./profile.ts";
 * import { createNode } from "../../mod.ts";
 * const a = await createNode({ port: 0, logLevel: "error" });
 * const b = await createNode({ port: 0, logLevel: "error" });
 * const link = await createImpairedLink({
 *   target: { host: "127.0.0.1", port: b.addressInfo.port! },
 *   profile: GEO_PROFILES["eu-eu"],
 *   seed: 7,
 * });
 * b.handle(() => "pong");
 * console.assert(await a.connect(link.address(b.address)) === b.id);
 * console.assert(link.stats().udpFlows === 1); // HTTP/3: one UDP flow
 * link.cut(); // a partition: every datagram is dropped...
 * const lost = await a.request(b.id, null, { timeoutMs: 200 }).catch((e) => e.code);
 * console.assert(lost === "TIMEOUT" && link.stats().forward.droppedBlackhole > 0);
 * link.heal(); // ...until healed
 * console.assert(await a.request(b.id, null) === "pong");
 * await Promise.all([a.close(), b.close()]);
 * await link.close();
 * ```
 */
export async function createImpairedLink(options: ImpairedLinkOptions): Promise<ImpairedLink> {
  const o = checkOptions(options);
  const targetIp = isIP(o.target.host) ? o.target.host : (await lookup(o.target.host)).address;
  const target = { address: targetIp, port: o.target.port };
  const rng = createPrng(o.seed);
  const forward = new DirectionShaper(o.profile, rng.fork("forward"));
  const reverse = new DirectionShaper(o.reverseProfile ?? o.profile, rng.fork("reverse"));
  const scheduler = createScheduler();
  const wantUdp = o.protocols.includes("udp"), wantTcp = o.protocols.includes("tcp");
  const fixedPort = o.listen.port !== 0;

  let udp: UdpRelay | undefined;
  let tcp: TcpRelay | undefined;
  let port = 0;
  for (let attempt = 1;; attempt++) {
    udp = wantUdp
      ? new UdpRelay({
        target,
        upstreamHost: isIPv6(targetIp) ? "::" : "0.0.0.0",
        forward,
        reverse,
        scheduler,
        idleMs: o.udpIdleMs,
      })
      : undefined;
    tcp = wantTcp ? new TcpRelay({ target, forward, reverse, scheduler }) : undefined;
    try {
      // TCP first: a free TCP port is then tried for its UDP twin, as geomesh nodes do.
      port = tcp ? await tcp.listen(o.listen.host, o.listen.port) : o.listen.port;
      if (udp) port = await udp.listen(o.listen.host, port);
      break;
    } catch (err) {
      udp?.close();
      tcp?.close();
      const inUse = (err as { code?: string }).code === "EADDRINUSE";
      if (!inUse || fixedPort || attempt >= BIND_ATTEMPTS) throw err;
    }
  }

  let closed = false;
  let isCut = false;
  const shapers = (d: LinkDirection) =>
    d === "both" ? [forward, reverse] : d === "forward" ? [forward] : [reverse];
  const host = o.listen.host === "0.0.0.0" ? "127.0.0.1" : o.listen.host === "::" ? "::1" : o
    .listen.host;
  const carried: Protocol[] = [
    ...(wantUdp ? ["h3"] : []),
    ...(wantTcp ? ["h2", "ws"] : []),
  ] as Protocol[];

  const link: ImpairedLink = {
    host,
    port,
    seed: o.seed,
    protocols: Object.freeze([...o.protocols]),
    get isCut() {
      return isCut;
    },
    address(nodeAddress) {
      const parsed = parseAddress(nodeAddress);
      if (parsed.host === undefined) {
        throw new TypeError("that address has no host: a client-mode node cannot be dialed");
      }
      const protocols = parsed.protocols.filter((p) => carried.includes(p));
      if (!protocols.length) {
        throw new RangeError(
          `the relay carries ${o.protocols.join("+")}, the address offers ${
            parsed.protocols.join(",")
          }`,
        );
      }
      return formatAddress({ ...parsed, host, port, protocols });
    },
    setProfile(profile, direction = "both") {
      if (!["forward", "reverse", "both"].includes(direction)) {
        throw new TypeError(`direction is forward, reverse or both, got ${String(direction)}`);
      }
      for (const s of shapers(direction)) s.setProfile(profile);
      tcp?.release();
    },
    cut() {
      isCut = true;
      forward.partitioned = reverse.partitioned = true;
    },
    heal() {
      isCut = false;
      forward.partitioned = reverse.partitioned = false;
      tcp?.release();
    },
    async rebind() {
      await udp?.rebind();
    },
    stats() {
      return {
        forward: { ...forward.stats },
        reverse: { ...reverse.stats },
        udpFlows: udp?.flows ?? 0,
        tcpConnections: tcp?.connections ?? 0,
      };
    },
    close() {
      if (!closed) {
        closed = true;
        scheduler.clear();
        udp?.close();
        tcp?.close();
      }
      return Promise.resolve();
    },
    [Symbol.asyncDispose]() {
      return link.close();
    },
  };
  return link;
}

interface CheckedOptions {
  target: { host: string; port: number };
  listen: { host: string; port: number };
  profile: LinkProfile;
  reverseProfile: LinkProfile | undefined;
  seed: number;
  protocols: Array<"udp" | "tcp">;
  udpIdleMs: number;
}

function checkOptions(options: ImpairedLinkOptions): CheckedOptions {
  if (!options || typeof options !== "object") throw new TypeError("options must be an object");
  const { target, listen = {}, protocols = ["udp", "tcp"] } = options;
  if (!target || typeof target.host !== "string" || !target.host) {
    throw new TypeError("target.host must be a non-empty string");
  }
  checkPort("target.port", target.port, 1);
  if (typeof listen !== "object") throw new TypeError("listen must be an object");
  const listenHost = listen.host ?? "127.0.0.1";
  if (typeof listenHost !== "string" || !listenHost) {
    throw new TypeError("listen.host must be a non-empty string");
  }
  const listenPort = listen.port ?? 0;
  checkPort("listen.port", listenPort, 0);
  if (
    !Array.isArray(protocols) || !protocols.length ||
    protocols.some((p) => p !== "udp" && p !== "tcp")
  ) {
    throw new TypeError(`protocols is a non-empty list of "udp" and "tcp"`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError("seed must be a finite number");
  }
  const udpIdleMs = options.udpIdleMs ?? 60_000;
  if (typeof udpIdleMs !== "number" || !(udpIdleMs > 0) || !Number.isFinite(udpIdleMs)) {
    throw new RangeError("udpIdleMs must be a positive number of ms");
  }
  return {
    target: { host: target.host, port: target.port },
    listen: { host: listenHost, port: listenPort },
    profile: options.profile ?? {},
    reverseProfile: options.reverseProfile,
    seed,
    protocols: [...new Set(protocols)],
    udpIdleMs,
  };
}

function checkPort(where: string, port: unknown, min: number): void {
  if (typeof port !== "number") throw new TypeError(`${where} must be a number`);
  if (!Number.isInteger(port) || port < min || port > 65535) {
    throw new RangeError(`${where} must be an integer within ${min}..65535, got ${port}`);
  }
}
