/**
 * One end of an in-memory session. Two ends share a {@linkcode Wire}: two
 * ordered channels (one per direction, carrying stream data, stream opens and
 * the close) and an unordered, lossy datagram path. Streams and queues are
 * created on first use, so an idle session costs a few small objects.
 *
 * @module
 */
import { SessionClosedError } from "../errors.ts";
import { checkCloseInfo } from "./deno-session.ts";
import { Pipe, type PipeLinks } from "./memory-pipe.ts";
import type {
  BidirectionalStream,
  SessionCloseInfo,
  SessionDatagrams,
  TransportSession,
} from "./types.ts";

/** What a session end needs from the network. */
export interface Wire {
  /** Ordered delivery from end `from` (0 or 1) to the other end. */
  ordered(from: 0 | 1, run: () => void): void;
  /** Unordered, lossy delivery of one datagram from end `from`. */
  datagram(from: 0 | 1, run: () => void): void;
  /** Largest datagram payload. */
  readonly maxDatagramSize: number;
  /** Stream window in bytes. */
  readonly window: number;
  /** Called once per end when it is over. */
  ended(end: MemorySession): void;
}

/** Incoming items buffered until someone asks for the stream. */
class LazyQueue<T> {
  #items: T[] = [];
  #controller?: ReadableStreamDefaultController<T>;
  #stream?: ReadableStream<T>;
  #end?: Error | null; // null: closed cleanly
  /** A read is waiting and nothing was there to give it. */
  #wanted = false;
  readonly #limit: number;

  constructor(limit = Infinity) {
    this.#limit = limit;
  }

  get stream(): ReadableStream<T> {
    this.#stream ??= new ReadableStream<T>({
      start: (c) => {
        this.#controller = c;
        for (const item of this.#items) c.enqueue(item);
        this.#items = [];
        if (this.#end === null) c.close();
        else if (this.#end) c.error(this.#end);
      },
      pull: (c) => {
        if (this.#items.length) c.enqueue(this.#items.shift()!);
        else this.#wanted = true;
      },
    }, { highWaterMark: 0 });
    return this.#stream;
  }

  push(item: T): void {
    if (this.#end !== undefined) return;
    if (this.#wanted) {
      this.#wanted = false;
      this.#controller!.enqueue(item);
    } else {
      // Nobody reading right now: keep a backlog (bounded for datagrams, oldest dropped).
      this.#items.push(item);
      if (this.#items.length > this.#limit) this.#items.shift();
    }
  }

  end(err: Error | null): void {
    if (this.#end !== undefined) return;
    this.#end = err;
    if (!this.#controller) return;
    if (err) this.#controller.error(err);
    else {
      for (const item of this.#items) this.#controller.enqueue(item);
      this.#items = [];
      this.#controller.close();
    }
  }
}

/**
 * One end of an in-memory session.
 *
 * @example
 * ```ts
 * import { MemorySession } from "./memory-session.ts";
 * import { createMemoryNetwork } from "./memory.ts";
 * // Made by the memory network, one per end.
 * const net = createMemoryNetwork();
 * const listener = await net.transport("b").listen({ certificate: { certPem: "", keyPem: "" } });
 * const session = await net.transport("a").dial("memory://b/geomesh");
 * console.assert(session instanceof MemorySession);
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
export class MemorySession implements TransportSession {
  readonly protocol = "memory" as const;
  readonly remoteAddress: string;
  readonly closed: Promise<SessionCloseInfo>;
  /** The other end (set by the network right after construction). */
  peer!: MemorySession;
  /** Dialing end: the listener's (simulated) certificate this session was served. */
  readonly peerCertificateHash?: Uint8Array;
  /** Accepting end: the same certificate, seen from the listener. */
  readonly localCertificateHash?: Uint8Array;
  readonly #wire: Wire;
  readonly #side: 0 | 1;
  #resolveClosed!: (info: SessionCloseInfo) => void;
  #info?: SessionCloseInfo;
  /** Pipes this end writes to / reads from. */
  #writing = new Set<Pipe>();
  #reading = new Set<Pipe>();
  #bidi = new LazyQueue<BidirectionalStream>();
  #uni = new LazyQueue<ReadableStream<Uint8Array>>();
  #dgramIn = new LazyQueue<Uint8Array>(1024);
  #datagrams?: SessionDatagrams;

  /**
   * `certificateHash`: SHA-256 of the certificate the listener served on this
   * session; the dialing end (side 0) reports it as the peer's, the accepting
   * end (side 1) as its own.
   */
  constructor(wire: Wire, side: 0 | 1, remoteAddress: string, certificateHash?: Uint8Array) {
    this.#wire = wire;
    this.#side = side;
    this.remoteAddress = remoteAddress;
    if (certificateHash) {
      if (side === 0) this.peerCertificateHash = certificateHash.slice();
      else this.localCertificateHash = certificateHash.slice();
    }
    this.closed = new Promise((r) => this.#resolveClosed = r);
  }

  get incomingBidirectionalStreams(): ReadableStream<BidirectionalStream> {
    return this.#bidi.stream;
  }

  get incomingUnidirectionalStreams(): ReadableStream<ReadableStream<Uint8Array>> {
    return this.#uni.stream;
  }

  get datagrams(): SessionDatagrams {
    const wire = this.#wire;
    this.#datagrams ??= {
      readable: this.#dgramIn.stream,
      writable: new WritableStream<Uint8Array>({
        write: (chunk) => {
          if (this.#info) throw this.#gone();
          // As in WebTransport, an oversize datagram is dropped, not an error.
          if (chunk.byteLength > wire.maxDatagramSize) return;
          const copy = chunk.slice();
          wire.datagram(this.#side, () => this.peer.#dgramIn.push(copy));
        },
      }),
      maxDatagramSize: wire.maxDatagramSize,
    };
    return this.#datagrams;
  }

  #links(): PipeLinks {
    const side = this.#side;
    const other = (1 - side) as 0 | 1;
    return {
      forward: (run) => this.#wire.ordered(side, run),
      back: (run) => this.#wire.ordered(other, run),
    };
  }

  #reverseLinks(): PipeLinks {
    const l = this.#links();
    return { forward: l.back, back: l.forward };
  }

  #track(pipe: Pipe, writer: MemorySession, reader: MemorySession): Pipe {
    writer.#writing.add(pipe);
    reader.#reading.add(pipe);
    pipe.onSettled = () => {
      writer.#writing.delete(pipe);
      reader.#reading.delete(pipe);
    };
    return pipe;
  }

  #gone(): SessionClosedError {
    return new SessionClosedError(
      `session with ${this.remoteAddress} is closed (${this.#info?.closeCode} ${this.#info?.reason})`,
      { cause: this.#info?.error },
    );
  }

  /** Opens a bidirectional stream. */
  createBidirectionalStream(): Promise<BidirectionalStream> {
    if (this.#info) return Promise.reject(this.#gone());
    const peer = this.peer;
    const out = this.#track(new Pipe(this.#links(), this.#wire.window), this, peer);
    const back = this.#track(new Pipe(this.#reverseLinks(), this.#wire.window), peer, this);
    this.#wire.ordered(this.#side, () => {
      peer.#bidi.push({ readable: out.readable, writable: back.writable });
    });
    return Promise.resolve({ readable: back.readable, writable: out.writable });
  }

  /** Opens a unidirectional stream. */
  createUnidirectionalStream(): Promise<WritableStream<Uint8Array>> {
    if (this.#info) return Promise.reject(this.#gone());
    const peer = this.peer;
    const out = this.#track(new Pipe(this.#links(), this.#wire.window), this, peer);
    this.#wire.ordered(this.#side, () => peer.#uni.push(out.readable));
    return Promise.resolve(out.writable);
  }

  /** Closes both ends: this one now, the peer once the close arrives. */
  close(info?: { closeCode?: number; reason?: string }): void {
    const checked = checkCloseInfo(info);
    if (this.#info) return;
    this.end(checked);
    const peer = this.peer;
    this.#wire.ordered(this.#side, () => peer.end(checked));
  }

  /** Ends this end with `info` (used by close, vanish and listener shutdown). */
  end(info: SessionCloseInfo): void {
    if (this.#info) return;
    this.#info = info;
    const err = this.#gone();
    for (const pipe of this.#writing) pipe.failWriter(err);
    for (const pipe of this.#reading) pipe.failReader(err);
    this.#writing.clear();
    this.#reading.clear();
    const streamsEnd = info.error ? err : null;
    this.#bidi.end(streamsEnd);
    this.#uni.end(streamsEnd);
    this.#dgramIn.end(null);
    this.#resolveClosed(info);
    this.#wire.ended(this);
  }

  /** Whether this end is over. */
  get isClosed(): boolean {
    return this.#info !== undefined;
  }
}
