/**
 * A WebTransport session over one raw `Deno.QuicConn` (one session per QUIC
 * connection, as Deno's own WebTransport does). Streams are the raw QUIC
 * streams with the WebTransport stream header written / read here, so
 * `writer.close()` sends FIN and finished streams give their credit back
 * (Deno's `WebTransport` wrapper does neither: denoland/deno#36822).
 *
 * Readables are handed out through `chunkedReadable`: a raw QUIC stream is a
 * byte stream whose default reader allocates 64 KiB per `read()`, and a
 * long-lived stream always has a read pending (bench W7), so callers would
 * otherwise need a Deno-specific reader.
 *
 * @module
 */
import { SessionClosedError } from "../errors.ts";
import { chunkedReadable } from "./chunk-reader.ts";
import { encodeVarint, readVarint, STREAM_CONTROL, WT_BIDI, WT_UNI } from "./h3-wire.ts";
import type {
  BidirectionalStream,
  SessionCloseInfo,
  SessionDatagrams,
  TransportSession,
} from "./types.ts";

/** WebTransport close reasons are at most 1024 bytes. */
const MAX_REASON_BYTES = 1024;

/** What {@linkcode QuicSession} needs besides the connection. */
export interface QuicSessionInit {
  /** The QUIC connection carrying exactly this session. */
  conn: Deno.QuicConn;
  /** Stream id of the CONNECT request (0 for every client we know). */
  sessionId: bigint;
  /**
   * Incoming datagrams (prefix stripped) when something else already reads the
   * connection's datagrams (Deno's server-side WebTransport wrapper does).
   * They are drained eagerly into a queue of `datagramQueue` entries.
   */
  incomingDatagrams?: ReadableStream<Uint8Array>;
  /** Queue length for `incomingDatagrams`. Default 1024. */
  datagramQueue?: number;
  /** Runs once after the session ended (release endpoint, admission slot). */
  onClosed?: (info: SessionCloseInfo) => void;
  /** Accepted sessions: SHA-256 of the certificate the listener served (see `types.ts`). */
  localCertificateHash?: Uint8Array;
}

/**
 * Formats a `Deno.NetAddr` as `host:port` (`[v6]:port` for IPv6).
 *
 * @example
 * ```ts
 * import { formatAddr } from "./deno-session.ts";
 * console.assert(formatAddr({ transport: "udp", hostname: "::1", port: 1 }) === "[::1]:1");
 * ```
 */
export function formatAddr(addr: Deno.NetAddr): string {
  return addr.hostname.includes(":")
    ? `[${addr.hostname}]:${addr.port}`
    : `${addr.hostname}:${addr.port}`;
}

/**
 * Cuts a close reason to the 1024 UTF-8 bytes WebTransport allows, on a
 * character boundary.
 *
 * @example
 * ```ts
 * import { truncateReason } from "./deno-session.ts";
 * console.assert(truncateReason("x".repeat(2000)).length === 1024);
 * ```
 */
export function truncateReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= MAX_REASON_BYTES) return reason;
  return new TextDecoder().decode(bytes.subarray(0, MAX_REASON_BYTES)).replace(/\uFFFD$/, "");
}

/**
 * Checks `close()` arguments the same way in every adapter.
 *
 * @example
 * ```ts
 * import { checkCloseInfo } from "./deno-session.ts";
 * console.assert(checkCloseInfo({ closeCode: 7 }).reason === "");
 * ```
 */
export function checkCloseInfo(
  info: { closeCode?: number; reason?: string } | undefined,
): { closeCode: number; reason: string } {
  const closeCode = info?.closeCode ?? 0;
  if (!Number.isInteger(closeCode) || closeCode < 0 || closeCode > 0xffffffff) {
    throw new RangeError(`closeCode must be an integer in [0, 2^32), got ${closeCode}`);
  }
  const reason = info?.reason ?? "";
  if (typeof reason !== "string") throw new TypeError("reason must be a string");
  return { closeCode, reason: truncateReason(reason) };
}

/**
 * Turns a stream of raw incoming QUIC streams into a stream of WebTransport
 * streams. Headers are parsed concurrently so one silent stream does not hold
 * up the others; QUIC stream limits bound how many can be pending.
 */
function sortIncoming<S, T>(
  source: ReadableStream<S>,
  classify: (stream: S) => Promise<T | undefined>,
  gone: () => Error,
): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      let open = true;
      const enqueue = (value: T | undefined) => {
        if (value !== undefined && open) controller.enqueue(value);
      };
      (async () => {
        const reader = source.getReader();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            classify(value).then(enqueue, () => {});
          }
          open = false;
          controller.close();
        } catch {
          open = false;
          controller.error(gone());
        }
      })();
    },
  }, { highWaterMark: 0 });
}

/**
 * Incoming datagrams drained eagerly into a bounded queue (oldest dropped),
 * so a source that keeps only its newest unread datagram loses nothing while
 * the application is busy.
 */
function drainEagerly(
  source: ReadableStream<Uint8Array>,
  limit: number,
): ReadableStream<Uint8Array> {
  const queue: Uint8Array[] = [];
  let waiting: (() => void) | undefined;
  let ended = false;
  (async () => {
    const reader = source.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        queue.push(value);
        if (queue.length > limit) queue.shift();
        waiting?.();
      }
    } catch { /* connection gone: end the stream */ }
    ended = true;
    waiting?.();
  })();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0 && !ended) await new Promise<void>((r) => waiting = r);
      waiting = undefined;
      if (queue.length) controller.enqueue(queue.shift()!);
      else controller.close();
    },
  }, { highWaterMark: 0 });
}

/**
 * Datagrams on the connection, prefixed with the quarter stream id of the
 * session (RFC 9297). `incoming`, when given, replaces reading the connection
 * (its datagrams already stripped of the prefix).
 */
function quicDatagrams(
  conn: Deno.QuicConn,
  sessionId: bigint,
  incoming?: ReadableStream<Uint8Array>,
): SessionDatagrams {
  const prefix = encodeVarint(sessionId / 4n);
  const max = () => Math.max(0, (conn.maxDatagramSize ?? 0) - prefix.length);
  const readable = incoming ?? new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let d: Uint8Array;
        try {
          d = await conn.readDatagram();
        } catch {
          controller.close();
          return;
        }
        if (
          d.length < prefix.length || d.subarray(0, prefix.length).some((b, i) => b !== prefix[i])
        ) {
          continue;
        }
        controller.enqueue(d.subarray(prefix.length));
        return;
      }
    },
  }, { highWaterMark: 0 });
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      // Like WebTransport: a datagram larger than the path allows is dropped.
      if (chunk.length > max()) return;
      const out = new Uint8Array(prefix.length + chunk.length);
      out.set(prefix);
      out.set(chunk, prefix.length);
      await conn.sendDatagram(out);
    },
  });
  return {
    readable,
    writable,
    get maxDatagramSize() {
      return max();
    },
  };
}

/**
 * One WebTransport session on a raw QUIC connection.
 *
 * @example
 * ```ts ignore
 * import { QuicSession } from "./deno-session.ts";
 * const session = new QuicSession({ conn, sessionId: 0n });
 * const { writable } = await session.createBidirectionalStream();
 * ```
 */
export class QuicSession implements TransportSession {
  readonly protocol = "h3" as const;
  readonly remoteAddress: string;
  readonly datagrams: SessionDatagrams;
  readonly closed: Promise<SessionCloseInfo>;
  readonly incomingBidirectionalStreams: ReadableStream<BidirectionalStream>;
  readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
  /**
   * Accepted sessions only. A dialed session has no `peerCertificateHash`:
   * Deno's QUIC does not show the peer certificate, it enforces the pins itself.
   */
  readonly localCertificateHash?: Uint8Array;
  readonly #conn: Deno.QuicConn;
  readonly #bidiHeader: Uint8Array;
  readonly #uniHeader: Uint8Array;
  #local?: SessionCloseInfo;
  #ended?: SessionCloseInfo;
  /** H3 control / QPACK streams the peer opened: kept referenced, never read. */
  readonly #held: ReadableStream<Uint8Array>[] = [];

  constructor(init: QuicSessionInit) {
    const { conn, sessionId } = init;
    this.#conn = conn;
    this.remoteAddress = formatAddr(conn.remoteAddr);
    if (init.localCertificateHash) this.localCertificateHash = init.localCertificateHash;
    const sid = encodeVarint(sessionId);
    this.#bidiHeader = new Uint8Array([...encodeVarint(WT_BIDI), ...sid]);
    this.#uniHeader = new Uint8Array([...encodeVarint(WT_UNI), ...sid]);
    this.datagrams = quicDatagrams(
      conn,
      sessionId,
      init.incomingDatagrams && drainEagerly(init.incomingDatagrams, init.datagramQueue ?? 1024),
    );
    this.closed = conn.closed.then(
      (info) => this.#local ?? { closeCode: info.closeCode, reason: info.reason },
      (err: Error) =>
        this.#local ?? {
          closeCode: 0,
          reason: err?.message ?? String(err),
          error: new SessionClosedError(
            `session with ${this.remoteAddress} lost: ${err?.message}`,
            {
              cause: err,
            },
          ),
        },
    ).then((info) => {
      this.#ended = info;
      this.#held.length = 0;
      init.onClosed?.(info);
      return info;
    });
    const gone = () => this.#goneError();
    this.incomingBidirectionalStreams = sortIncoming(
      conn.incomingBidirectionalStreams,
      async (bidi) => {
        const reader = bidi.readable.getReader({ mode: "byob" });
        try {
          const type = await readVarint(reader);
          const sid = await readVarint(reader);
          if (type !== WT_BIDI || sid !== sessionId) throw new Error("not this session");
        } catch {
          reader.releaseLock();
          bidi.readable.cancel().catch(() => {});
          bidi.writable.abort().catch(() => {});
          return undefined;
        }
        reader.releaseLock();
        return { readable: chunkedReadable(bidi.readable), writable: bidi.writable };
      },
      gone,
    );
    this.incomingUnidirectionalStreams = sortIncoming(
      conn.incomingUnidirectionalStreams,
      async (uni) => {
        const reader = uni.getReader({ mode: "byob" });
        let keep = false;
        let ours = false;
        try {
          const type = await readVarint(reader);
          if (type === WT_UNI && await readVarint(reader) === sessionId) {
            keep = ours = true;
          } else if (type !== undefined && type <= 0x03n && type !== 0x01n) {
            // Control and QPACK streams must stay open for the connection's life.
            keep = true;
            if (type === STREAM_CONTROL || this.#held.length < 8) this.#held.push(uni);
          }
        } catch { /* stream gone before its header: dropped */ }
        reader.releaseLock();
        if (!keep) uni.cancel().catch(() => {});
        return ours ? chunkedReadable(uni) : undefined;
      },
      gone,
    );
  }

  #goneError(): SessionClosedError {
    const info = this.#ended ?? this.#local;
    return new SessionClosedError(
      `session with ${this.remoteAddress} is closed${
        info ? ` (${info.closeCode} ${info.reason})` : ""
      }`,
      { cause: info?.error },
    );
  }

  /** Opens a bidirectional stream (waits for stream credit if the peer's limit is reached). */
  async createBidirectionalStream(): Promise<BidirectionalStream> {
    if (this.#ended || this.#local) throw this.#goneError();
    let bidi: Deno.QuicBidirectionalStream;
    try {
      bidi = await this.#conn.createBidirectionalStream({ waitUntilAvailable: true });
    } catch (err) {
      throw new SessionClosedError(`cannot open stream to ${this.remoteAddress}`, { cause: err });
    }
    const writer = bidi.writable.getWriter();
    await writer.write(this.#bidiHeader);
    writer.releaseLock();
    return { readable: chunkedReadable(bidi.readable), writable: bidi.writable };
  }

  /** Opens a unidirectional stream. */
  async createUnidirectionalStream(): Promise<WritableStream<Uint8Array>> {
    if (this.#ended || this.#local) throw this.#goneError();
    let uni: Deno.QuicSendStream;
    try {
      uni = await this.#conn.createUnidirectionalStream({ waitUntilAvailable: true });
    } catch (err) {
      throw new SessionClosedError(`cannot open stream to ${this.remoteAddress}`, { cause: err });
    }
    const writer = uni.getWriter();
    await writer.write(this.#uniHeader);
    writer.releaseLock();
    return uni;
  }

  /** Closes the QUIC connection with the code and reason (idempotent). */
  close(info?: { closeCode?: number; reason?: string }): void {
    const checked = checkCloseInfo(info);
    if (this.#local || this.#ended) return;
    this.#local = checked;
    try {
      this.#conn.close(checked);
    } catch { /* already gone */ }
  }
}
