/**
 * The UDP half of an impaired link: a listening socket for clients, and per
 * client source address:port one upstream socket towards the target (a flow
 * table with idle expiry, like a NAT). Datagrams go through the direction's
 * {@linkcode DirectionShaper} and leave at their departure time from one
 * shared {@linkcode Scheduler}.
 *
 * @module
 */
import type { Scheduler } from "./scheduler.ts";
import type { DirectionShaper } from "./shaper.ts";
import { bindUdp, type Peer, type UdpSocket } from "./udp-socket.ts";

interface Flow {
  client: Peer;
  upstream: UdpSocket | undefined;
  /** Datagrams towards the target that left while the upstream socket was still binding. */
  waiting: Uint8Array[];
  lastActive: number;
  /** Bumped by rebind: replies reaching an old socket are dropped, as at a NAT. */
  generation: number;
}

/** Options of {@linkcode UdpRelay}. */
export interface UdpRelayOptions {
  /** Target, as an IP address. */
  target: Peer;
  /** Address the upstream sockets bind to (the listen host's family). */
  upstreamHost: string;
  forward: DirectionShaper;
  reverse: DirectionShaper;
  scheduler: Scheduler;
  /** A flow with no datagram either way for this long is closed. */
  idleMs: number;
}

/**
 * Relays datagrams between clients of `listener` and the target.
 *
 * @example
 * ```ts
 * import { UdpRelay } from "./udp-relay.ts";
 * import { bindUdp } from "./udp-socket.ts";
 * import { DirectionShaper } from "./shaper.ts";
 * import { createPrng } from "./prng.ts";
 * import { createScheduler } from "./scheduler.ts";
 * // An echo target behind a relay that delays each direction by 5 ms.
 * const echo = await bindUdp("127.0.0.1", 0, (data, from) => echo.send(data, from));
 * const rng = createPrng(1);
 * const relay = new UdpRelay({
 *   target: { address: "127.0.0.1", port: echo.port },
 *   upstreamHost: "127.0.0.1",
 *   forward: new DirectionShaper({ delayMs: 5 }, rng.fork("forward")),
 *   reverse: new DirectionShaper({ delayMs: 5 }, rng.fork("reverse")),
 *   scheduler: createScheduler(),
 *   idleMs: 60_000,
 * });
 * const port = await relay.listen("127.0.0.1", 0);
 * const { promise, resolve } = Promise.withResolvers<string>();
 * const client = await bindUdp("127.0.0.1", 0, (data) => resolve(new TextDecoder().decode(data)));
 * client.send(new TextEncoder().encode("hi"), { address: "127.0.0.1", port });
 * console.assert(await promise === "hi" && relay.flows === 1);
 * client.close();
 * relay.close();
 * echo.close();
 * ```
 */
export class UdpRelay {
  readonly #o: UdpRelayOptions;
  readonly #flows = new Map<string, Flow>();
  #listener: UdpSocket | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** In-order datagrams waiting in the scheduler, per direction (the zero-delay fast path needs none). */
  #pending = { forward: 0, reverse: 0 };

  constructor(options: UdpRelayOptions) {
    this.#o = options;
  }

  /** Binds the client-facing socket; rejects with the bind error (e.g. `EADDRINUSE`). */
  async listen(host: string, port: number): Promise<number> {
    this.#listener = await bindUdp(host, port, (data, from) => this.#fromClient(data, from));
    const every = Math.max(50, Math.min(5000, this.#o.idleMs / 2));
    this.#sweeper = setInterval(() => this.#sweep(), every);
    unrefTimer(this.#sweeper);
    return this.#listener.port;
  }

  /** Client flows open now. */
  get flows(): number {
    return this.#flows.size;
  }

  /** Moves every flow to a new upstream socket (a new source port at the target). */
  async rebind(): Promise<void> {
    await Promise.all([...this.#flows.values()].map(async (flow) => {
      const old = flow.upstream;
      flow.upstream = undefined; // datagrams wait for the new socket
      flow.generation++;
      old?.close();
      await this.#openUpstream(flow);
    }));
  }

  /** Closes every socket and timer; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    this.#listener?.close();
    for (const flow of this.#flows.values()) flow.upstream?.close();
    this.#flows.clear();
  }

  #fromClient(data: Uint8Array, from: Peer): void {
    const key = `${from.address}|${from.port}`;
    let flow = this.#flows.get(key);
    if (!flow) {
      flow = { client: from, upstream: undefined, waiting: [], lastActive: 0, generation: 0 };
      this.#flows.set(key, flow);
      this.#openUpstream(flow);
    }
    flow.lastActive = performance.now();
    this.#shape("forward", data, () => this.#toTarget(flow, data));
  }

  async #openUpstream(flow: Flow): Promise<void> {
    const generation = flow.generation;
    let socket: UdpSocket;
    try {
      socket = await bindUdp(this.#o.upstreamHost, 0, (data) => {
        if (flow.generation !== generation || this.#closed) return;
        flow.lastActive = performance.now();
        this.#shape("reverse", data, () => this.#listener?.send(data, flow.client));
      });
    } catch {
      return; // out of ports or closing: the flow's datagrams are lost
    }
    if (this.#closed || flow.generation !== generation || this.#flows.get(keyOf(flow)) !== flow) {
      socket.close();
      return;
    }
    flow.upstream = socket;
    for (const data of flow.waiting.splice(0)) socket.send(data, this.#o.target);
  }

  #toTarget(flow: Flow, data: Uint8Array): void {
    if (flow.upstream) flow.upstream.send(data, this.#o.target);
    else if (flow.waiting.length < 1024) flow.waiting.push(data);
  }

  /** Applies the direction's profile and sends (now, or later from the scheduler). */
  #shape(direction: "forward" | "reverse", data: Uint8Array, send: () => void): void {
    const shaper = this.#o[direction];
    const now = performance.now();
    const fate = shaper.admitPacket(data.length, now);
    for (const at of fate.departures) {
      const leave = () => {
        // A cut made while the datagram was on the wire drops it too.
        if (shaper.blackholed) {
          shaper.stats.droppedBlackhole++;
          return;
        }
        shaper.stats.packets++;
        shaper.stats.bytes += data.length;
        send();
      };
      if (at <= now && this.#pending[direction] === 0) {
        leave();
      } else if (fate.reordered) {
        this.#o.scheduler.at(at, () => this.#closed || leave());
      } else {
        this.#pending[direction]++;
        this.#o.scheduler.at(at, () => {
          this.#pending[direction]--;
          if (!this.#closed) leave();
        });
      }
    }
  }

  #sweep(): void {
    const cutoff = performance.now() - this.#o.idleMs;
    for (const [key, flow] of this.#flows) {
      if (flow.lastActive >= cutoff) continue;
      flow.generation++;
      flow.upstream?.close();
      this.#flows.delete(key);
    }
  }
}

function keyOf(flow: Flow): string {
  return `${flow.client.address}|${flow.client.port}`;
}

/** Lets the process exit with the timer still set (a forgotten relay must not hang a test run). */
export function unrefTimer(timer: ReturnType<typeof setInterval>): void {
  if (typeof timer === "number") {
    (globalThis as { Deno?: { unrefTimer(id: number): void } }).Deno?.unrefTimer(timer);
  } else (timer as { unref?: () => void }).unref?.();
}
