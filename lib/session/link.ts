/**
 * One authenticated peer session: the message channel, pending requests and
 * datagram pings. The node owns the policy (pooling, routing, events); this
 * file owns the per-session mechanics.
 *
 * @module
 */
import { decodeMessage, encodeMessage, type WireMessage } from "../codec/messages.ts";
import { ProtocolError, SessionClosedError, TimeoutError } from "../errors.ts";
import type { Protocol, TransportSession } from "../transport/types.ts";
import type { NetworkMode } from "../codec/messages.ts";
import { PendingReplies } from "./pending.ts";
import type { MessageChannel } from "./channel.ts";
import type { NodeMetrics } from "../metrics.ts";

/**
 * Most signature operations running at once for frames from one peer; more
 * frames are dropped. A forged signature costs its sender nothing and the
 * receiver one verification (an unroutable frame, one signed refusal), so a
 * flood would otherwise queue crypto work without bound.
 */
export const MAX_VERIFYING = 256;

/** Protocol violations within 10 s after which a peer's session is cut (see `violated`). */
export const MAX_VIOLATIONS = 100;

/**
 * Datagrams read from one peer per second (burst twice that); more are dropped
 * undecoded. Far above what the protocol sends (heartbeats, gossip, lookups
 * answered at 50/s).
 */
export const DATAGRAMS_PER_SECOND = 4096;
/** Datagrams dropped over the rate per violation counted against the peer. */
const DATAGRAM_FLOOD_STEP = 32;

/**
 * Broadcast frames taken from one peer per second (burst twice that); more
 * are dropped before their signature is checked. Each costs every node it
 * reaches a verification, so without a rate one peer's flood of validly
 * signed broadcasts takes the CPU of the whole mesh. A copy dropped here is
 * not marked seen: another peer's announcement (`ihave`) still fetches it.
 */
export const BROADCASTS_PER_SECOND = 500;

/** A token bucket: `rate` tokens per second, at most twice that held. */
class Bucket {
  #tokens: number;
  #at = performance.now();
  constructor(readonly rate: number) {
    this.#tokens = 2 * rate;
  }
  take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(2 * this.rate, this.#tokens + (now - this.#at) * this.rate / 1000);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
}

/** Message types a peer may send as datagrams besides ping/pong (discovery gossip). */
const DATAGRAM_TYPES: ReadonlySet<string> = new Set(["discover", "discovery-response"]);

/** A goodbye frame's content. */
export interface Goodbye {
  code: number;
  reason: string;
}

/**
 * A live, authenticated session with one peer. Its state changes through
 * methods only: `touch`/`heard` (traffic), `retire` (called by the pool, the
 * one owner of a link's lifecycle) and `close`. Engines see it through
 * narrow interfaces of their own (`RouteLink`, `GossipLink`, ...).
 */
export class PeerLink {
  readonly id: string;
  readonly mode: NetworkMode;
  readonly dialed: boolean;
  /** The transport session (for the pool and tests; engines use the methods). */
  readonly session: TransportSession;
  /** The framed message channel (for the pool and tests; engines use the methods). */
  readonly channel: MessageChannel;
  /** Address the peer advertised or we dialed. */
  address?: string;
  /** Last measured round-trip time. */
  rttMs?: number;
  #lastActivity = performance.now();
  #lastReceived = performance.now();
  #retiring = false;
  #deliberate = false;
  #verifying = 0;
  #warnings = { windowStart: 0, count: 0 };
  #violations = { windowStart: 0, count: 0 };
  readonly #broadcasts = new Bucket(BROADCASTS_PER_SECOND);
  #nextRequestId = 1;
  #pending = new PendingReplies<Extract<WireMessage, { type: "response" }>, null>();
  #pings = new Map<
    number,
    { sent: number; resolve: (ms: number) => void; reject: (e: Error) => void }
  >();
  #nextPing = 1;
  /** Heartbeat pings in flight: seq -> `performance.now()` sent (a few; oldest dropped). */
  #beats = new Map<number, number>();
  #datagramWriter?: WritableStreamDefaultWriter<Uint8Array>;
  readonly #metrics: NodeMetrics;

  constructor(
    init: {
      id: string;
      mode: NetworkMode;
      dialed: boolean;
      session: TransportSession;
      channel: MessageChannel;
      address?: string;
      metrics: NodeMetrics;
    },
  ) {
    this.id = init.id;
    this.mode = init.mode;
    this.dialed = init.dialed;
    this.session = init.session;
    this.channel = init.channel;
    this.address = init.address;
    this.#metrics = init.metrics;
  }

  /** Protocol of the underlying session. */
  get protocol(): Protocol {
    return this.session.protocol;
  }

  /** `performance.now()` of the last frame either way (what idle closing looks at). */
  get lastActivity(): number {
    return this.#lastActivity;
  }

  /** `performance.now()` of the last frame or datagram received from the peer. */
  get lastReceived(): number {
    return this.#lastReceived;
  }

  /** True once retired (a goodbye was sent or received): no new messages go out on it. */
  get retiring(): boolean {
    return this.#retiring;
  }

  /** True when the session ends on purpose (duplicate, idle, feeler, node closing): no reconnect. */
  get deliberate(): boolean {
    return this.#deliberate;
  }

  /** A frame came that counts as activity (keeps the session from idling out). */
  touch(): void {
    this.#lastActivity = this.#lastReceived = performance.now();
  }

  /** Something came that shows the peer alive but is not activity (gossip, datagrams). */
  heard(): void {
    this.#lastReceived = performance.now();
  }

  /**
   * Stops new messages going out on this link, queues `goodbye` (after what
   * is already queued) when given, and marks the end deliberate (no
   * reconnect) unless `deliberate` is false. Resolves once the goodbye is
   * written. The pool calls it; nothing else changes a link's lifecycle.
   */
  retire(goodbye?: Goodbye, deliberate = true): Promise<void> {
    this.#retiring = true;
    if (deliberate) this.#deliberate = true;
    return goodbye ? this.channel.send({ type: "goodbye", ...goodbye }) : Promise.resolve();
  }

  /** Sends one message on the channel. */
  send(msg: WireMessage): Promise<void> {
    this.#lastActivity = performance.now();
    return this.channel.send(msg);
  }

  /** Sends without counting as activity: gossip must not keep an idle session open. */
  sendPassive(msg: WireMessage): Promise<void> {
    return this.channel.send(msg);
  }

  /** Sends an already encoded frame body (relays pass frames on without re-encoding). */
  sendEncoded(body: Uint8Array): Promise<void> {
    this.#lastActivity = performance.now();
    return this.channel.sendEncoded(body);
  }

  /** True while the channel's send queue is over its high-water mark. */
  get backlogged(): boolean {
    return this.channel.backlogged;
  }

  /** Bytes queued on the channel, not yet written. */
  get queuedBytes(): number {
    return this.channel.queuedBytes;
  }

  /** Largest datagram the session carries (0: none). */
  get maxDatagramSize(): number {
    return this.session.datagrams.maxDatagramSize || 0;
  }

  /**
   * Runs `check` (a signature verification of one of this peer's frames, or
   * signing a reply to one) unless {@linkcode MAX_VERIFYING} are already
   * running; undefined means the frame is to be dropped.
   */
  cryptoBounded(check: () => Promise<boolean>): Promise<boolean> | undefined {
    if (this.#verifying >= MAX_VERIFYING) return undefined;
    this.#verifying++;
    return check().finally(() => this.#verifying--);
  }

  /**
   * Whether a warning about this peer's input may be logged now: at most 10
   * per 10 s, so a peer sending garbage cannot flood the log (the rest go to
   * debug; the error counters count them all).
   */
  mayWarn(): boolean {
    const now = performance.now();
    if (now - this.#warnings.windowStart > 10_000) this.#warnings = { windowStart: now, count: 0 };
    return ++this.#warnings.count <= 10;
  }

  /**
   * Counts one protocol violation of this peer (input that can never be
   * valid); true once more than {@linkcode MAX_VIOLATIONS} fell within 10 s.
   * No honest peer sends that, and each costs a decode and an error while
   * the peer pays nothing.
   */
  violated(): boolean {
    const now = performance.now();
    if (now - this.#violations.windowStart > 10_000) {
      this.#violations = { windowStart: now, count: 0 };
    }
    return ++this.#violations.count > MAX_VIOLATIONS;
  }

  /** Spends one of this peer's broadcast budget; false: drop the frame unchecked. */
  takeBroadcast(): boolean {
    return this.#broadcasts.take();
  }

  /** Requests of ours still waiting for a response. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /**
   * Sends a request and resolves with the matching response message; rejects
   * with `TimeoutError`, `AbortedError` (signal) or the send's error. Every
   * exit removes the timer and the abort listener (a signal may be reused).
   */
  request(
    msg: Omit<Extract<WireMessage, { type: "request" }>, "id">,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Extract<WireMessage, { type: "response" }>> {
    const id = this.#nextRequestId++;
    const reply = this.#pending.wait(id, null, {
      timeoutMs,
      signal,
      timeoutMessage: () => `request to ${this.id} got no reply within ${timeoutMs} ms`,
    });
    if (this.#pending.get(id)) {
      this.send({ ...msg, type: "request", id } as WireMessage).catch((err) =>
        this.#pending.get(id)?.reject(err)
      );
    }
    return reply;
  }

  /** Routes a response to its pending request; false if nobody waits for it. */
  settle(msg: Extract<WireMessage, { type: "response" }>): boolean {
    const entry = this.#pending.get(msg.id);
    if (!entry) return false;
    entry.resolve(msg);
    return true;
  }

  /** Starts reading datagrams (ping/pong); other datagram types go to `onOther`. */
  startDatagrams(onOther: (msg: WireMessage) => void, onBad: (err: unknown) => void): void {
    (async () => {
      const reader = this.session.datagrams.readable.getReader();
      // Over the rate, datagrams are dropped undecoded (the peer still counts as heard),
      // and a peer that keeps sending them racks up violations (one per DATAGRAM_FLOOD_STEP).
      const rate = new Bucket(DATAGRAMS_PER_SECOND);
      let over = 0;
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done) return;
          this.#metrics.datagramsReceived++;
          this.#lastReceived = performance.now();
          if (!rate.take()) {
            if (++over % DATAGRAM_FLOOD_STEP === 0) {
              onBad(
                new ProtocolError(`over ${DATAGRAMS_PER_SECOND} datagrams/s (${over} dropped)`),
              );
            }
            continue;
          }
          let msg: WireMessage;
          try {
            msg = decodeMessage(value, {
              maxBytes: this.session.datagrams.maxDatagramSize || 1200,
            });
          } catch (err) {
            onBad(err);
            continue;
          }
          if (msg.type === "ping") this.#sendDatagram({ type: "pong", seq: msg.seq, ts: msg.ts });
          else if (msg.type === "pong") {
            const waiting = this.#pings.get(msg.seq);
            const beat = this.#beats.get(msg.seq);
            if (waiting) {
              this.#pings.delete(msg.seq);
              this.rttMs = performance.now() - waiting.sent;
              waiting.resolve(this.rttMs);
            } else if (beat !== undefined) {
              this.#beats.delete(msg.seq);
              this.rttMs = performance.now() - beat;
            }
          } else if (DATAGRAM_TYPES.has(msg.type)) onOther(msg);
          else onBad(new ProtocolError(`a ${msg.type} message may not come as a datagram`));
        }
      } catch {
        // The session ended; close handling happens elsewhere.
      }
    })();
  }

  /**
   * Sends `msg` as one datagram if it fits (best effort: it may be lost);
   * false when it is too large or the session has no datagrams.
   */
  datagram(msg: WireMessage): boolean {
    const max = this.session.datagrams.maxDatagramSize;
    const bytes = encodeMessage(msg);
    if (!max || bytes.length > max) return false;
    try {
      this.#datagramWriter ??= this.session.datagrams.writable.getWriter();
      this.#metrics.datagramsSent++;
      this.#datagramWriter.write(bytes).catch(() => {});
      return true;
    } catch {
      return false;
    }
  }

  #sendDatagram(msg: WireMessage): void {
    try {
      this.#datagramWriter ??= this.session.datagrams.writable.getWriter();
      this.#metrics.datagramsSent++;
      this.#datagramWriter.write(encodeMessage(msg)).catch(() => {});
    } catch {
      // Datagrams are best effort.
    }
  }

  /**
   * Sends one keep-alive ping datagram, fire and forget: its pong (any
   * datagram, in fact) refreshes `lastReceived` and the RTT. Liveness sends
   * these while the peer is quiet.
   */
  heartbeat(): void {
    const seq = this.#nextPing++;
    this.#beats.set(seq, performance.now());
    if (this.#beats.size > 8) this.#beats.delete(this.#beats.keys().next().value!);
    this.#sendDatagram({ type: "ping", seq, ts: Date.now() });
  }

  /** Round-trip time over datagrams, retried up to 3 times (datagrams may be lost). */
  async ping(timeoutMs: number): Promise<number> {
    const attempts = 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const seq = this.#nextPing++;
      try {
        return await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.#pings.delete(seq);
            reject(
              new TimeoutError(`no pong from ${this.id} within ${timeoutMs / attempts | 0} ms`),
            );
          }, timeoutMs / attempts);
          this.#pings.set(seq, {
            sent: performance.now(),
            resolve: (ms) => {
              clearTimeout(timer);
              resolve(ms);
            },
            reject: (e) => {
              clearTimeout(timer);
              reject(e);
            },
          });
          this.#sendDatagram({ type: "ping", seq, ts: Date.now() });
        });
      } catch (err) {
        if (!(err instanceof TimeoutError) || attempt === attempts) throw err;
      }
    }
    throw new TimeoutError("unreachable");
  }

  /** Fails everything pending with `err`. */
  failPending(err: Error): void {
    for (const entry of this.#pending.values()) entry.reject(err);
    for (const [seq, ping] of this.#pings) {
      ping.reject(err);
      this.#pings.delete(seq);
    }
  }

  /** Closes the session (idempotent). */
  close(closeCode: number, reason: string): void {
    this.failPending(new SessionClosedError(`session with ${this.id} closed: ${reason}`));
    this.channel.close(reason);
    try {
      this.session.close({ closeCode, reason });
    } catch {
      // Already closed.
    }
  }
}
