/**
 * The `memory` transport: an in-process network of named endpoints, for
 * deterministic tests and large simulations. Addresses look like
 * `memory://name/geomesh`.
 *
 * - Seeded: loss and jitter come from one PRNG per network; with the same
 *   seed and the same sequence of calls a run repeats exactly.
 * - Latency (one-way, plus uniform jitter), per network or per link. With
 *   zero latency events are microtasks (no timer per message); delayed
 *   events share one timer (see `memory-scheduler.ts`).
 * - Loss applies to datagrams only; streams, stream opens, handshakes and
 *   closes are reliable, as QUIC retransmits them.
 * - Partitions: `block(a, b)` between named endpoints (or groups). While
 *   blocked, datagrams and handshakes are dropped and stream data is held,
 *   then delivered in order on `heal` (QUIC would retransmit it).
 * - `vanish(name)`: the endpoint dies without a word; its peers' sessions end
 *   with an error after `vanishDetectMs` (the idle-timeout analogue).
 * - Cheap: an endpoint is a map entry; a session makes its streams and
 *   queues on first use.
 * - Certificates are simulated: a listener's certificate hash is the pin of
 *   its `certPem`, or (empty `certPem`, as nodes on this transport use) a
 *   stand-in unique to that listener and certificate generation. Dials with
 *   `certificateHashes` are checked against it, dialed sessions report it as
 *   `peerCertificateHash`, accepted ones as `localCertificateHash`, and
 *   `setCertificate` rotates it for new sessions only, as TLS listeners do.
 *
 * @module
 */
import { pemCertificatePin, samePin } from "../cert/pin.ts";
import { ConnectError, PinMismatchError, SessionClosedError } from "../errors.ts";
import { guardDial } from "./dial-guard.ts";
import { Scheduler, seededRandom } from "./memory-scheduler.ts";
import { MemorySession, type Wire } from "./memory-session.ts";
import { DEFAULT_WINDOW } from "./memory-pipe.ts";
import type { DialOptions, Listener, ListenOptions, Transport, TransportSession } from "./types.ts";

/** Link properties (one-way). */
export interface LinkOptions {
  /** One-way latency in ms. */
  latencyMs?: number;
  /** Extra uniform random delay in [0, jitterMs). */
  jitterMs?: number;
  /** Probability that a datagram is lost, in [0, 1]. */
  loss?: number;
}

/** Options of {@linkcode createMemoryNetwork}. */
export interface MemoryNetworkOptions extends LinkOptions {
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Largest datagram payload. Default 1200. */
  maxDatagramSize?: number;
  /** Per-stream window (bytes in flight plus unread). Default 1 MiB. */
  streamWindow?: number;
  /** How long peers take to notice a vanished endpoint (ms). Default 0. */
  vanishDetectMs?: number;
}

interface ListenerState {
  path: string;
  /** Hash of the certificate served to new sessions. */
  pin: Uint8Array;
  /** Set while `setCertificate` computes the next hash: handshakes wait for it. */
  rotating?: Promise<void>;
  maxSessions: number;
  retryToken: boolean;
  open: Set<MemorySession>;
  enqueue(session: MemorySession): void;
}

interface Endpoint {
  name: string;
  listener?: ListenerState;
  dead: boolean;
  sessions: Set<MemorySession>;
}

function checkLink(o: LinkOptions): Required<LinkOptions> {
  const latencyMs = o.latencyMs ?? 0, jitterMs = o.jitterMs ?? 0, loss = o.loss ?? 0;
  if (!(latencyMs >= 0) || !(jitterMs >= 0)) {
    throw new RangeError("latency and jitter must be >= 0");
  }
  if (!(loss >= 0 && loss <= 1)) throw new RangeError("loss must be in [0, 1]");
  return { latencyMs, jitterMs, loss };
}

const encoder = new TextEncoder();

/**
 * An in-memory network. Get a transport per simulated node with
 * {@linkcode MemoryNetwork.transport}.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork } from "./memory.ts";
 * const net = createMemoryNetwork({ seed: 7 });
 * const bob = net.transport("bob");
 * const listener = await bob.listen({ certificate: { certPem: "", keyPem: "" } });
 * const session = await net.transport("alice").dial("memory://bob/geomesh");
 * console.assert(session.remoteAddress === "bob");
 * session.close();
 * await listener.close();
 * ```
 */
export class MemoryNetwork {
  readonly #scheduler = new Scheduler();
  readonly #random: () => number;
  readonly #defaults: Required<LinkOptions>;
  readonly #links = new Map<string, Required<LinkOptions>>();
  readonly #blocked = new Set<string>();
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #held = new Map<string, Array<() => void>>();
  readonly #maxDatagramSize: number;
  readonly #window: number;
  readonly #vanishDetectMs: number;
  #anonymous = 0;
  /** Simulated certificates issued so far (each stand-in hash is unique). */
  #certificates = 0;
  /** Counters for simulations. */
  readonly stats = { sessions: 0, datagramsSent: 0, datagramsLost: 0, held: 0 };

  /** Creates a network; `options` set the default link and the seed of its randomness. */
  constructor(options: MemoryNetworkOptions = {}) {
    this.#random = seededRandom(options.seed ?? 1);
    this.#defaults = checkLink(options);
    this.#maxDatagramSize = options.maxDatagramSize ?? 1200;
    this.#window = options.streamWindow ?? DEFAULT_WINDOW;
    this.#vanishDetectMs = options.vanishDetectMs ?? 0;
  }

  #endpoint(name: string): Endpoint {
    let e = this.#endpoints.get(name);
    if (!e) this.#endpoints.set(name, e = { name, dead: false, sessions: new Set() });
    return e;
  }

  #key = (a: string, b: string) => `${a}\u0000${b}`;

  #link(from: string, to: string): Required<LinkOptions> {
    return this.#links.get(this.#key(from, to)) ?? this.#defaults;
  }

  #delay(link: Required<LinkOptions>): number {
    return link.latencyMs + (link.jitterMs ? this.#random() * link.jitterMs : 0);
  }

  /** Sets latency/jitter/loss between `a` and `b`, both directions. */
  link(a: string, b: string, options: LinkOptions): void {
    const checked = checkLink({ ...this.#defaults, ...options });
    this.#links.set(this.#key(a, b), checked);
    this.#links.set(this.#key(b, a), checked);
  }

  /** Cuts every pair across the two groups (both directions). */
  block(a: string | string[], b: string | string[]): void {
    for (const x of [a].flat()) {
      for (const y of [b].flat()) {
        this.#blocked.add(this.#key(x, y));
        this.#blocked.add(this.#key(y, x));
      }
    }
  }

  /** Restores pairs cut by {@linkcode block}; without arguments, all of them. */
  heal(a?: string | string[], b?: string | string[]): void {
    if (a === undefined || b === undefined) this.#blocked.clear();
    else {
      for (const x of [a].flat()) {
        for (const y of [b].flat()) {
          this.#blocked.delete(this.#key(x, y));
          this.#blocked.delete(this.#key(y, x));
        }
      }
    }
    for (const [key, events] of this.#held) {
      const [from, to] = key.split("\u0000");
      if (this.isBlocked(from, to)) continue;
      this.#held.delete(key);
      for (const run of events) this.#send(from, to, run);
    }
  }

  /** Whether traffic from `a` to `b` is cut. */
  isBlocked(a: string, b: string): boolean {
    return this.#blocked.has(this.#key(a, b));
  }

  /** Unreliable packet (handshake): dropped when cut or the target is dead. */
  #packet(from: string, to: string, run: () => void): void {
    if (this.isBlocked(from, to) || this.#endpoint(to).dead) return;
    this.#scheduler.at(this.#scheduler.now() + this.#delay(this.#link(from, to)), run);
  }

  /** Reliable delivery: held while cut. Order is kept by the wire (lastAt). */
  #send(from: string, to: string, run: () => void, lastAt?: { at: number }): void {
    if (this.isBlocked(from, to)) {
      const key = this.#key(from, to);
      const held = this.#held.get(key) ?? [];
      held.push(run);
      this.#held.set(key, held);
      this.stats.held++;
      return;
    }
    let at = this.#scheduler.now() + this.#delay(this.#link(from, to));
    if (lastAt) at = lastAt.at = Math.max(at, lastAt.at);
    this.#scheduler.at(at, run);
  }

  #wire(a: Endpoint, b: Endpoint): Wire {
    const names = [a.name, b.name];
    const last = [{ at: 0 }, { at: 0 }];
    return {
      maxDatagramSize: this.#maxDatagramSize,
      window: this.#window,
      ordered: (from, run) => this.#send(names[from], names[1 - from], run, last[from]),
      datagram: (from, run) => {
        this.stats.datagramsSent++;
        const to = names[1 - from];
        const link = this.#link(names[from], to);
        if (this.isBlocked(names[from], to) || (link.loss > 0 && this.#random() < link.loss)) {
          this.stats.datagramsLost++;
          return;
        }
        this.#scheduler.at(this.#scheduler.now() + this.#delay(link), run);
      },
      ended(end) {
        a.sessions.delete(end);
        b.sessions.delete(end);
        b.listener?.open.delete(end);
      },
    };
  }

  /** Kills `name` silently: its sessions die, its peers notice after `vanishDetectMs`. */
  vanish(name: string): void {
    const e = this.#endpoint(name);
    e.dead = true;
    e.listener = undefined;
    for (const session of [...e.sessions]) {
      const info = {
        closeCode: 0,
        reason: "vanished",
        error: new SessionClosedError(`endpoint ${name} vanished`),
      };
      session.end(info);
      const peer = session.peer;
      this.#scheduler.at(
        this.#scheduler.now() + this.#vanishDetectMs,
        () =>
          peer.end({
            closeCode: 0,
            reason: "peer vanished",
            error: new SessionClosedError(`peer ${name} vanished`),
          }),
      );
    }
  }

  /** A transport acting as endpoint `name` (a fresh anonymous name by default). */
  transport(name = `node-${++this.#anonymous}`): Transport {
    if (!name || /[\s/:@]/.test(name)) throw new TypeError(`bad memory endpoint name: ${name}`);
    return {
      name: "memory",
      dials: ["memory"],
      secure: false,
      // An endpoint listens under its own name: `hostname` is an IP notion it ignores.
      listen: (options) => this.#listen(name, options),
      dial: (url, options) => this.#dial(name, url, options),
    };
  }

  async #listen(name: string, options: ListenOptions): Promise<Listener> {
    const e = this.#endpoint(name);
    if (e.listener) throw new RangeError(`memory endpoint ${name} is already listening`);
    const maxSessions = options.maxSessions ?? 1024;
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw new RangeError("maxSessions must be an integer >= 1");
    }
    const path = options.path ?? "/geomesh";
    const pin = await this.#certificateHash(name, options.certificate?.certPem ?? "");
    let controller!: ReadableStreamDefaultController<TransportSession>;
    const sessions = new ReadableStream<TransportSession>({ start: (c) => void (controller = c) });
    const state: ListenerState = {
      path,
      pin,
      maxSessions,
      retryToken: options.retryToken ?? false,
      open: new Set(),
      enqueue: (s) => controller.enqueue(s),
    };
    e.dead = false;
    e.listener = state;
    let closing: Promise<void> | undefined;
    const listener: Listener = {
      hostname: name,
      port: options.port ?? 0,
      protocols: ["memory"],
      sessions,
      setCertificate: (certificate) => {
        // Hashing is asynchronous; handshakes arriving meanwhile wait, so every
        // dial that starts after this call is served the new certificate.
        const previous = state.rotating?.catch(() => {}) ?? Promise.resolve();
        const rotating: Promise<void> = state.rotating = previous
          .then(() => this.#certificateHash(name, certificate?.certPem ?? ""))
          .then((next) => void (state.pin = next))
          .finally(() => {
            if (state.rotating === rotating) state.rotating = undefined;
          });
        rotating.catch(() => {}); // a bad certPem keeps the old certificate
      },
      close: () => {
        closing ??= Promise.resolve().then(() => {
          options.signal?.removeEventListener("abort", onAbort);
          if (e.listener === state) e.listener = undefined;
          for (const s of [...state.open]) s.close({ closeCode: 0, reason: "listener closed" });
          try {
            controller.close();
          } catch { /* closed */ }
        });
        return closing;
      },
    };
    const onAbort = () => void listener.close();
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    return listener;
  }

  /** The pin of `certPem`, or a stand-in certificate hash unique to this listener. */
  #certificateHash(name: string, certPem: string): Promise<Uint8Array> {
    if (certPem) return pemCertificatePin(certPem);
    const stand = `geomesh memory certificate\u0000${name}\u0000${++this.#certificates}`;
    return crypto.subtle.digest("SHA-256", encoder.encode(stand)).then((d) => new Uint8Array(d));
  }

  #dial(from: string, address: string, options: DialOptions = {}): Promise<TransportSession> {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return Promise.reject(new TypeError(`not a URL: ${address}`));
    }
    if (url.protocol !== "memory:" || !url.hostname) {
      return Promise.reject(
        new TypeError(`memory transport needs memory://name/path, got ${address}`),
      );
    }
    const to = url.hostname;
    const path = url.pathname || "/";
    let cancelled = false;
    const attempt = new Promise<MemorySession>((resolve, reject) => {
      const reply = (run: () => void) => this.#packet(to, from, () => !cancelled && run());
      const arrive = () => {
        const target = this.#endpoint(to);
        const l = target.listener;
        if (!l) return reply(() => reject(new ConnectError(`nothing listens at ${address}`)));
        if (l.path !== path) {
          return reply(() => reject(new ConnectError(`${address}: unknown path (404)`)));
        }
        const pins = options.certificateHashes;
        if (pins?.length && !pins.some((p) => samePin(p, l.pin))) {
          return reply(() =>
            reject(new PinMismatchError(`certificate of ${address} matches no pin`))
          );
        }
        if (l.open.size >= l.maxSessions) {
          if (l.retryToken) return; // ignored: the dialer times out
          return reply(() => reject(new ConnectError(`${address} refused: at capacity`)));
        }
        const source = this.#endpoint(from);
        const wire = this.#wire(source, target);
        const client = new MemorySession(wire, 0, to, l.pin);
        const server = new MemorySession(wire, 1, from, l.pin);
        client.peer = server;
        server.peer = client;
        source.sessions.add(client);
        target.sessions.add(server);
        l.open.add(server);
        this.stats.sessions++;
        l.enqueue(server);
        this.#packet(to, from, () => {
          if (cancelled) client.close({ closeCode: 0, reason: "dial cancelled" });
          else resolve(client);
        });
      };
      this.#packet(from, to, () => {
        const rotating = this.#endpoint(to).listener?.rotating;
        if (rotating) rotating.then(arrive, arrive);
        else arrive();
      });
    });
    return guardDial(attempt, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      target: address,
      cancel: () => void (cancelled = true),
    });
  }
}

/**
 * Creates an in-memory network.
 *
 * @example
 * ```ts
 * import { createMemoryNetwork } from "./memory.ts";
 * const net = createMemoryNetwork({ seed: 1, latencyMs: 5, loss: 0.1 });
 * net.block("a", ["b", "c"]);
 * console.assert(net.isBlocked("b", "a"));
 * ```
 */
export function createMemoryNetwork(options: MemoryNetworkOptions = {}): MemoryNetwork {
  return new MemoryNetwork(options);
}
