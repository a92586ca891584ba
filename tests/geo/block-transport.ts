/**
 * The loopback fallback's partition: a transport wrapper that blackholes
 * sessions to blocked hosts inside the node process, for machines where the
 * geo fixture cannot make network namespaces.
 *
 * Only the dialing side knows which host a session goes to (on loopback every
 * dialer's source address is 127.0.0.1), so only dialed sessions are gated;
 * since a partition blocks both sides, every session across it has a gated
 * dialer, and a gated end that neither reads nor writes stops the whole
 * session. While blocked: stream reads and writes wait (what is in flight is
 * delivered after heal, as QUIC/TCP retransmission would), datagrams are
 * dropped both ways (so keep-alive notices the silence as it would on a real
 * network), and new dials to a blocked host time out.
 *
 * @example
 * ```ts ignore
 * const t = blockingTransport(await defaultTransport());
 * t.block(["127.0.0.3"]);
 * t.block([]); // heal
 * ```
 *
 * @module
 */
import { TimeoutError } from "../../mod.ts";
import type { Transport, TransportSession } from "../../mod.ts";

/** A transport whose dialed sessions to `block()`ed hosts are blackholed. */
export interface BlockingTransport extends Transport {
  /** Sets the blocked hosts (IP strings); an empty list heals. */
  block(hosts: string[]): void;
}

interface Gate {
  blocked(): boolean;
  /** Resolves once the gate is open (at once when it is). */
  open(): Promise<void>;
}

function hostOf(url: string): string {
  return new URL(url.replace(/^[a-z0-9]+:/, "https:")).hostname.replace(/^\[|\]$/g, "");
}

function gatedReadable(r: ReadableStream<Uint8Array>, gate: Gate): ReadableStream<Uint8Array> {
  return r.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, c) {
        await gate.open();
        c.enqueue(chunk);
      },
    }),
  );
}

function gatedWritable(w: WritableStream<Uint8Array>, gate: Gate): WritableStream<Uint8Array> {
  const writer = w.getWriter();
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      await gate.open();
      await writer.write(chunk);
    },
    async close() {
      await gate.open();
      await writer.close();
    },
    abort(reason) {
      return writer.abort(reason);
    },
  });
}

function droppingReadable(r: ReadableStream<Uint8Array>, gate: Gate): ReadableStream<Uint8Array> {
  return r.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        if (!gate.blocked()) c.enqueue(chunk);
      },
    }),
  );
}

function droppingWritable(w: WritableStream<Uint8Array>, gate: Gate): WritableStream<Uint8Array> {
  const writer = w.getWriter();
  return new WritableStream<Uint8Array>({
    write(chunk) {
      if (!gate.blocked()) return writer.write(chunk);
    },
    close: () => writer.close(),
    abort: (reason) => writer.abort(reason),
  });
}

function mapStream<A, B>(s: ReadableStream<A>, f: (a: A) => B): ReadableStream<B> {
  return s.pipeThrough(new TransformStream<A, B>({ transform: (a, c) => c.enqueue(f(a)) }));
}

function gatedSession(s: TransportSession, gate: Gate): TransportSession {
  const datagrams = {
    readable: droppingReadable(s.datagrams.readable, gate),
    writable: droppingWritable(s.datagrams.writable, gate),
    get maxDatagramSize() {
      return s.datagrams.maxDatagramSize;
    },
  };
  return {
    protocol: s.protocol,
    remoteAddress: s.remoteAddress,
    peerCertificateHash: s.peerCertificateHash,
    localCertificateHash: s.localCertificateHash,
    closed: s.closed,
    datagrams,
    close: (info) => s.close(info),
    async createBidirectionalStream() {
      const b = await s.createBidirectionalStream();
      return {
        readable: gatedReadable(b.readable, gate),
        writable: gatedWritable(b.writable, gate),
      };
    },
    async createUnidirectionalStream() {
      return gatedWritable(await s.createUnidirectionalStream(), gate);
    },
    incomingBidirectionalStreams: mapStream(s.incomingBidirectionalStreams, (b) => ({
      readable: gatedReadable(b.readable, gate),
      writable: gatedWritable(b.writable, gate),
    })),
    incomingUnidirectionalStreams: mapStream(
      s.incomingUnidirectionalStreams,
      (r) => gatedReadable(r, gate),
    ),
  };
}

/**
 * Wraps `inner` so that `block(hosts)` blackholes sessions dialed to `hosts`.
 *
 * @example
 * ```ts ignore
 * const t = blockingTransport(await defaultTransport());
 * const node = await createNode({ transport: t, hostname: "127.0.0.2" });
 * ```
 */
export function blockingTransport(inner: Transport): BlockingTransport {
  let blocked = new Set<string>();
  let waiters: Array<() => void> = [];
  const gateFor = (host: string): Gate => ({
    blocked: () => blocked.has(host),
    async open() {
      while (blocked.has(host)) await new Promise<void>((r) => waiters.push(r));
    },
  });
  return {
    name: inner.name,
    dials: inner.dials,
    secure: inner.secure,
    listen: (options) => inner.listen(options),
    async dial(url, options = {}) {
      const host = hostOf(url);
      if (blocked.has(host)) {
        const ms = options.timeoutMs ?? 5000;
        await new Promise((r) => setTimeout(r, ms));
        throw new TimeoutError(`dial ${url}: no answer within ${ms} ms (in-app partition)`);
      }
      return gatedSession(await inner.dial(url, options), gateFor(host));
    },
    block(hosts) {
      blocked = new Set(hosts);
      // Every waiter re-checks its own host: still-blocked ones wait again.
      const woken = waiters;
      waiters = [];
      for (const w of woken) w();
    },
  };
}
