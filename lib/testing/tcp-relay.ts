/**
 * The TCP half of an impaired link: each accepted connection gets its own
 * connection to the target, and bytes flow through the direction's shaper as
 * the chunks they were read in.
 *
 * TCP is reliable, so loss, duplication and reordering do not apply: a chunk
 * is delayed (delay, jitter that keeps order) and paced by the bandwidth cap,
 * and reading pauses while the capped link's queue is full, so the sender
 * feels the bottleneck as backpressure. A blackhole HOLDS the bytes and stops
 * reading (the sender's buffers fill, nothing is reset), the way a partition
 * stalls a real connection; on heal the held bytes go on in order. The relay
 * acknowledges bytes locally, so the TCP handshake and window growth do not
 * pay the delay: only the data does (and TLS handshakes, which are data).
 *
 * @module
 */
import net from "node:net";
import type { Scheduler } from "./scheduler.ts";
import type { DirectionShaper } from "./shaper.ts";
import type { Peer } from "./udp-socket.ts";

/** Bytes read but not yet written, per pipe, before reading pauses whatever the profile. */
const MAX_IN_FLIGHT = 8 << 20;

type Item = Uint8Array | "end" | "destroy";

/** One direction of one connection. */
class Pipe {
  #pending = 0;
  #inFlight = 0;
  #held: Item[] = [];
  #waiting = new Set<string>();
  #queueCheck = false;

  constructor(
    readonly src: net.Socket,
    readonly dst: net.Socket,
    readonly shaper: DirectionShaper,
    readonly scheduler: Scheduler,
    readonly isClosed: () => boolean,
  ) {
    src.on("data", (chunk: Uint8Array) => {
      // A capped link sends a big read progressively, as packets would: whole
      // 256 KiB chunks stored and forwarded would halve an echo's throughput.
      const bw = this.shaper.profile.bandwidthBps;
      const segment = bw === Infinity ? Infinity : Math.max(1460, Math.min(16_384, bw / 100));
      if (chunk.length <= segment) return this.#admit(chunk);
      for (let i = 0; i < chunk.length; i += segment) {
        this.#admit(chunk.subarray(i, Math.min(chunk.length, i + segment)));
      }
    });
    src.on("end", () => this.#admit("end"));
    src.on("error", () => this.#admit("destroy"));
  }

  /** Writes everything the blackhole held, if it is gone. */
  release(): void {
    if (this.shaper.blackholed || !this.#held.length) return;
    for (const item of this.#held.splice(0)) {
      if (typeof item !== "string") this.shaper.stats.tcpHeldBytes -= item.length;
      this.#write(item);
    }
    this.#unpause("hold");
  }

  #admit(item: Item): void {
    const now = performance.now();
    const size = typeof item === "string" ? 0 : item.length;
    const at = this.shaper.admitChunk(size, now);
    this.#inFlight += size;
    if (at <= now && this.#pending === 0) this.#depart(item);
    else {
      this.#pending++;
      this.scheduler.at(at, () => {
        this.#pending--;
        if (!this.isClosed()) this.#depart(item);
      });
    }
    if (this.#inFlight > MAX_IN_FLIGHT) this.#pause("memory");
    this.#checkQueue();
  }

  #depart(item: Item): void {
    if (this.shaper.blackholed || this.#held.length) {
      this.#held.push(item);
      if (typeof item !== "string") this.shaper.stats.tcpHeldBytes += item.length;
      this.#pause("hold");
      return;
    }
    this.#write(item);
  }

  #write(item: Item): void {
    if (item === "end") this.dst.end();
    else if (item === "destroy") this.dst.destroy();
    else {
      this.#inFlight -= item.length;
      this.shaper.stats.tcpBytes += item.length;
      if (!this.dst.destroyed && !this.dst.write(item)) {
        this.#pause("drain");
        this.dst.once("drain", () => this.#unpause("drain"));
      }
      if (this.#inFlight < MAX_IN_FLIGHT / 2) this.#unpause("memory");
    }
  }

  /** Pauses reading while the capped link's queue is full; checks again as it drains. */
  #checkQueue(): void {
    const p = this.shaper.profile;
    if (p.bandwidthBps === Infinity) return this.#unpause("queue");
    const now = performance.now();
    const queued = this.shaper.queuedBytes(now);
    if (queued <= p.queueBytes) return this.#unpause("queue");
    this.#pause("queue");
    if (this.#queueCheck) return;
    this.#queueCheck = true;
    const drainMs = ((queued - p.queueBytes / 2) * 1000) / p.bandwidthBps;
    this.scheduler.at(now + drainMs, () => {
      this.#queueCheck = false;
      if (!this.isClosed()) this.#checkQueue();
    });
  }

  #pause(why: string): void {
    if (!this.#waiting.size) this.src.pause();
    this.#waiting.add(why);
  }

  #unpause(why: string): void {
    if (!this.#waiting.delete(why) || this.#waiting.size) return;
    if (!this.src.destroyed) this.src.resume();
  }
}

/** Options of {@linkcode TcpRelay}. */
export interface TcpRelayOptions {
  target: Peer;
  forward: DirectionShaper;
  reverse: DirectionShaper;
  scheduler: Scheduler;
}

/**
 * Accepts connections and relays each to the target through the shapers.
 *
 * @example
 * ```ts
 * import net from "node:net";
 * import { TcpRelay } from "./tcp-relay.ts";
 * import { DirectionShaper } from "./shaper.ts";
 * import { createPrng } from "./prng.ts";
 * import { createScheduler } from "./scheduler.ts";
 * // An echo server behind a relay that delays each direction by 5 ms.
 * const echo = net.createServer((socket) => socket.pipe(socket));
 * await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
 * const rng = createPrng(1);
 * const relay = new TcpRelay({
 *   target: { address: "127.0.0.1", port: (echo.address() as net.AddressInfo).port },
 *   forward: new DirectionShaper({ delayMs: 5 }, rng.fork("forward")),
 *   reverse: new DirectionShaper({ delayMs: 5 }, rng.fork("reverse")),
 *   scheduler: createScheduler(),
 * });
 * const port = await relay.listen("127.0.0.1", 0);
 * const client = net.connect(port, "127.0.0.1");
 * client.write("hi");
 * const reply = await new Promise<Uint8Array>((r) => client.once("data", r));
 * console.assert(new TextDecoder().decode(reply) === "hi" && relay.connections === 1);
 * client.destroy();
 * relay.close();
 * await new Promise((r) => echo.close(r));
 * ```
 */
export class TcpRelay {
  readonly #o: TcpRelayOptions;
  readonly #server: net.Server;
  readonly #conns = new Set<{ sockets: net.Socket[]; pipes: Pipe[] }>();
  #closed = false;

  constructor(options: TcpRelayOptions) {
    this.#o = options;
    this.#server = net.createServer({ allowHalfOpen: true }, (client) => this.#accept(client));
  }

  /** Listens; rejects with the listen error (e.g. `EADDRINUSE`). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.#server.once("error", onError);
      this.#server.listen(port, host, () => {
        this.#server.off("error", onError);
        resolve((this.#server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Relayed connections open now. */
  get connections(): number {
    return this.#conns.size;
  }

  /** Lets held bytes go on when their direction is no longer blackholed. */
  release(): void {
    for (const conn of this.#conns) for (const pipe of conn.pipes) pipe.release();
  }

  /** Destroys every connection and stops listening; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#server.close();
    } catch { /* never listened */ }
    for (const conn of this.#conns) for (const s of conn.sockets) s.destroy();
    this.#conns.clear();
  }

  #accept(client: net.Socket): void {
    if (this.#closed) return void client.destroy();
    const { target, forward, reverse, scheduler } = this.#o;
    const upstream = net.connect({ host: target.address, port: target.port, allowHalfOpen: true });
    const isClosed = () => this.#closed;
    const conn = {
      sockets: [client, upstream],
      pipes: [
        new Pipe(client, upstream, forward, scheduler, isClosed),
        new Pipe(upstream, client, reverse, scheduler, isClosed),
      ],
    };
    this.#conns.add(conn);
    let open = 2;
    for (const s of conn.sockets) {
      s.setNoDelay(true);
      s.once("close", () => {
        if (--open === 0) this.#conns.delete(conn);
      });
    }
  }
}
