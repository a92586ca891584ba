/**
 * A {@linkcode TransportSession} over one `@fails-components/webtransport`
 * session (`HttpWTSession`, client or server side). It adds what the
 * interface promises and the library does not:
 * - writes copy the chunk (the library keeps a reference until it is sent);
 * - reads and writes reject with `SessionClosedError` once the session is
 *   gone (the library leaves a flow-control-blocked write pending forever);
 * - `closed` never rejects, tells a clean close (a WT_CLOSE_SESSION capsule,
 *   or our own `close()`) from a vanished peer (`error` set);
 * - incoming datagrams go to a bounded queue (oldest kept, newest dropped
 *   when full) instead of the library's unbounded one; outgoing datagrams
 *   larger than `maxDatagramSize` or beyond 1024 waiting are dropped.
 *
 * Datagrams over HTTP/2 and WebSocket are capsules on the session's stream:
 * reliable and ordered on the wire; only the queues above drop them.
 *
 * @module
 */
import { SessionClosedError } from "../errors.ts";
import { checkCloseInfo } from "./deno-session.ts";
import type {
  BidirectionalStream,
  Protocol,
  SessionCloseInfo,
  SessionDatagrams,
  TransportSession,
} from "./types.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

/** Options of {@linkcode FailsSession}. */
export interface FailsSessionInit {
  /** The library's `HttpWTSession` (client: `webTransport.sessionint`), ready. */
  core: Any;
  protocol: Protocol;
  remoteAddress: string;
  /** Incoming datagrams buffered before new ones are dropped. Default 1024. */
  datagramQueue?: number;
  /** Called once when the session is over (any way). */
  onClosed?: (info: SessionCloseInfo) => void;
  /** Dialed sessions: SHA-256 of the certificate the server presented. */
  peerCertificateHash?: Uint8Array;
  /** Accepted sessions: SHA-256 of the certificate this listener served. */
  localCertificateHash?: Uint8Array;
}

const MAX_PENDING_DATAGRAMS = 1024;

/** Stops an unwanted incoming stream (bidirectional or receive-only) in both directions. */
function refuse(stream: Any): void {
  const readable = stream?.readable ?? stream;
  readable?.cancel?.().catch(() => {});
  stream?.writable?.abort?.().catch(() => {});
}

/**
 * One WebTransport session over HTTP/2 or WebSocket.
 *
 * @example
 * ```ts
 * import { FailsSession } from "./fails-session.ts";
 * import { failsTransport } from "./fails.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * // Made by the fails adapter, dialing or accepting.
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await failsTransport.listen({ certificate });
 * const session = await failsTransport.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
 *   certificateHashes: [certificate.pin],
 * });
 * console.assert(session instanceof FailsSession);
 * const { value: accepted } = await listener.sessions.getReader().read();
 * const writer = (await session.createBidirectionalStream()).writable.getWriter();
 * await writer.write(new TextEncoder().encode("hi"));
 * const { value: incoming } = await accepted!.incomingBidirectionalStreams.getReader().read();
 * const { value } = await incoming!.readable.getReader().read();
 * console.assert(new TextDecoder().decode(value) === "hi");
 * session.close();
 * await listener.close();
 * ```
 */
export class FailsSession implements TransportSession {
  readonly protocol: Protocol;
  readonly remoteAddress: string;
  readonly closed: Promise<SessionCloseInfo>;
  readonly datagrams: SessionDatagrams;
  readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
  readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
  readonly peerCertificateHash?: Uint8Array;
  readonly localCertificateHash?: Uint8Array;
  #core: Any;
  #resolveClosed!: (info: SessionCloseInfo) => void;
  #over?: SessionCloseInfo;
  /** Why the session is gone, once it is: races started from then on fail with it. */
  #gone?: Error;
  /** The reject functions of the races in progress (see `#race`). */
  #racing = new Set<(err: Error) => void>();
  #remoteClose?: { closeCode: number; reason: string };

  constructor(init: FailsSessionInit) {
    this.#core = init.core;
    this.protocol = init.protocol;
    this.remoteAddress = init.remoteAddress;
    if (init.peerCertificateHash) this.peerCertificateHash = init.peerCertificateHash;
    if (init.localCertificateHash) this.localCertificateHash = init.localCertificateHash;
    this.closed = new Promise((r) => this.#resolveClosed = r);
    if (init.onClosed) this.closed.then(init.onClosed);

    // A clean close arrives as a WT_CLOSE_SESSION capsule: note it, so that the
    // library's closed (which looks the same for a reset connection) can be told apart.
    const parser = init.core.objint?.capsParser;
    if (parser?.onCloseWebTransportSession) {
      const original = parser.onCloseWebTransportSession.bind(parser);
      parser.onCloseWebTransportSession = (info: { code: number; reason: string }) => {
        this.#remoteClose ??= { closeCode: info.code >>> 0, reason: info.reason ?? "" };
        original(info);
      };
    }
    Promise.resolve(init.core.closed).then(
      (info: Any) =>
        this.#end(this.#remoteClose ?? this.#lost(info?.reason || `code ${info?.closeCode}`)),
      (err: unknown) => this.#end(this.#lost(String(err))),
    );

    this.incomingBidirectionalStreams = this.#mapIncoming(
      init.core.incomingBidirectionalStreams,
      (s: Any) => this.#wrapBidi(s),
    );
    this.incomingUnidirectionalStreams = this.#mapIncoming(
      init.core.incomingUnidirectionalStreams,
      (r: Any) => this.#wrapReadable(r),
    );
    this.datagrams = this.#makeDatagrams(init.datagramQueue ?? 1024);
  }

  #lost(why: string): SessionCloseInfo {
    const error = new SessionClosedError(`session to ${this.remoteAddress} lost: ${why}`);
    return { closeCode: 0, reason: why, error };
  }

  #end(info: SessionCloseInfo): void {
    if (this.#over) return;
    this.#over = info;
    const gone = this.#gone = info.error ?? new SessionClosedError(
      `session to ${this.remoteAddress} closed (${info.closeCode} ${info.reason})`,
    );
    for (const reject of this.#racing) reject(gone);
    this.#racing.clear();
    this.#resolveClosed(info);
  }

  #closedError(cause?: unknown): SessionClosedError {
    const info = this.#over;
    return new SessionClosedError(
      info
        ? `session to ${this.remoteAddress} is closed (${info.closeCode} ${info.reason})`
        : `stream to ${this.remoteAddress} was reset or stopped`,
      { cause: cause ?? info?.error },
    );
  }

  /**
   * Races `p` against the end of the session. Not `Promise.race` with one
   * promise that settles at the end: every call would add a reaction to it,
   * holding the race's result (a chunk read), for the session's whole life
   * (every read and write: the soak's live heap grew ~0.6 MiB/min per node).
   */
  #race<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Handled even when the session is already gone (`p` may reject later).
      p.then(resolve, reject).finally(() => this.#racing.delete(reject));
      const gone = this.#gone;
      // A job later, as `Promise.race` did: a `p` settled already still wins.
      if (gone) queueMicrotask(() => reject(gone));
      else this.#racing.add(reject);
    }).catch((err) => {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    });
  }

  async createBidirectionalStream(): Promise<BidirectionalStream> {
    if (this.#over) throw this.#closedError();
    try {
      return this.#wrapBidi(
        await this.#race(this.#core.createBidirectionalStream({ waitUntilAvailable: true })),
      );
    } catch (err) {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    }
  }

  async createUnidirectionalStream(): Promise<WritableStream<Uint8Array>> {
    if (this.#over) throw this.#closedError();
    try {
      return this.#wrapWritable(
        await this.#race(this.#core.createUnidirectionalStream({ waitUntilAvailable: true })),
      );
    } catch (err) {
      throw err instanceof SessionClosedError ? err : this.#closedError(err);
    }
  }

  close(info?: { closeCode?: number; reason?: string }): void {
    const checked = checkCloseInfo(info);
    if (this.#over) return;
    this.#end(checked);
    try {
      this.#core.close(checked);
    } catch { /* already torn down */ }
  }

  #wrapBidi(s: Any): BidirectionalStream {
    return { readable: this.#wrapReadable(s.readable), writable: this.#wrapWritable(s.writable) };
  }

  #wrapReadable(raw: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = raw.getReader();
    reader.closed.catch(() => {});
    return new ReadableStream<Uint8Array>({
      pull: async (c) => {
        try {
          const { value, done } = await this.#race(reader.read());
          if (done) c.close();
          else c.enqueue(value);
        } catch (err) {
          c.error(err instanceof SessionClosedError ? err : this.#closedError(err));
          reader.cancel().catch(() => {});
        }
      },
      cancel: (reason) => reader.cancel(reason).catch(() => {}),
    });
  }

  #wrapWritable(raw: WritableStream<Uint8Array>): WritableStream<Uint8Array> {
    const writer = raw.getWriter();
    writer.closed.catch(() => {});
    let failed: unknown;
    const fail = (err: unknown) => {
      failed ??= err;
    };
    return new WritableStream<Uint8Array>({
      // Up to the library's queue (4 chunks) is in flight; a failure shows up
      // on the next write or on close.
      write: async (chunk) => {
        if (failed !== undefined) throw this.#closedError(failed);
        if (!(chunk instanceof Uint8Array)) throw new TypeError("chunks must be Uint8Array");
        writer.write(chunk.slice()).catch(fail);
        await this.#race(writer.ready);
        if (failed !== undefined) throw this.#closedError(failed);
      },
      close: async () => {
        await this.#race(writer.close());
        if (failed !== undefined) throw this.#closedError(failed);
      },
      abort: async (reason) => {
        await writer.abort(reason).catch(() => {});
      },
    });
  }

  #mapIncoming<S, T>(source: ReadableStream<S>, wrap: (s: S) => T): ReadableStream<T> {
    const reader = source.getReader();
    return new ReadableStream<T>({
      pull: async (c) => {
        try {
          const { value, done } = await reader.read();
          if (done) c.close();
          else c.enqueue(wrap(value));
        } catch {
          c.close();
        }
      },
      // The library's stream is not cancelled (its session close would then
      // throw); streams the peer opens from now on are refused one by one.
      cancel: async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({
            value: undefined,
            done: true,
          }));
          if (done) return;
          refuse(value);
        }
      },
    }, { highWaterMark: 0 });
  }

  #makeDatagrams(queue: number): SessionDatagrams {
    const core = this.#core;
    const source = core.datagrams.readable.getReader();
    const readable = new ReadableStream<Uint8Array>({
      start: (c) => {
        // Drain the library's unbounded queue eagerly into this bounded one.
        (async () => {
          for (;;) {
            const { value, done } = await source.read();
            if (done) break;
            try {
              if ((c.desiredSize ?? 0) > 0) c.enqueue(value); // (the library made a copy)
            } catch { /* cancelled by the application: keep draining */ }
          }
        })().catch(() => {}).finally(() => {
          try {
            c.close();
          } catch { /* cancelled or already closed */ }
        });
      },
      // Not passed on: the library's readable keeps being drained (and dropped).
      cancel: () => {},
    }, { highWaterMark: queue });
    const max: number = core.datagrams.maxDatagramSize;
    const sink = core.datagrams.createWritable().getWriter();
    sink.closed.catch(() => {});
    const writable = new WritableStream<Uint8Array>({
      write: async (chunk) => {
        if (this.#over) throw this.#closedError();
        if (!(chunk instanceof Uint8Array)) throw new TypeError("datagrams must be Uint8Array");
        // Oversize datagrams, and datagrams beyond what waits for the socket, are dropped.
        if (chunk.length > max) return;
        if ((core.objint?.datagramsWaiting_?.length ?? 0) >= MAX_PENDING_DATAGRAMS) return;
        await sink.write(chunk.slice()).catch((err: unknown) => {
          throw this.#closedError(err);
        });
      },
    });
    return { readable, writable, maxDatagramSize: max };
  }
}
