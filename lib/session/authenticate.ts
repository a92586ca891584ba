/**
 * Turns a fresh transport session into an authenticated {@linkcode PeerLink}:
 * opens (dialer) or awaits (listener) the control stream, runs the hello on
 * it (bound to the session's TLS certificate, see `handshake.ts`), and hands
 * every later message to the node's dispatcher. On failure the
 * session is closed with a close code saying why, and the typed error is thrown.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import {
  AuthenticationError,
  ConnectError,
  GeomeshError,
  SessionClosedError,
  TimeoutError,
} from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import type { BidirectionalStream, TransportSession } from "../transport/types.ts";
import { MessageChannel } from "./channel.ts";
import type { NetworkMode } from "../codec/messages.ts";
import { dialerHandshake, listenerHandshake } from "./handshake.ts";
import { Inbox } from "./inbox.ts";
import type { NodeMetrics } from "../metrics.ts";
import { PeerLink } from "./link.ts";

/** Close codes geomesh uses on sessions. */
export const CloseCode = {
  Normal: 0,
  Goodbye: 1,
  Duplicate: 2,
  AuthFailed: 3,
  ProtocolError: 4,
  TooLarge: 5,
  Overloaded: 6,
  Idle: 7,
} as const;

/** Options of {@linkcode authenticateSession}. */
export interface AuthenticateOptions {
  identity: NodeIdentity;
  mode: NetworkMode;
  maxMessageSize: number;
  metrics: NodeMetrics;
  /** Whole handshake budget in ms. */
  timeoutMs: number;
  /** True on the dialing side. */
  dialed: boolean;
  /** Dialer: the node id the address named. */
  expectedId?: string;
  /** Dialer: pins the session was dialed with. */
  pins?: Uint8Array[];
  /** Listener: our signed pin binding. */
  binding?: Uint8Array;
  /** Listener: our address, advertised to the dialer. */
  address?: string;
  /** Receives every message after the handshake, in order. */
  dispatch: (link: PeerLink, msg: WireMessage) => void;
}

async function firstStream(
  session: TransportSession,
  timeoutMs: number,
): Promise<BidirectionalStream> {
  const reader = session.incomingBidirectionalStreams.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new TimeoutError("peer opened no control stream")),
          timeoutMs,
        );
      }),
    ]);
    if (result.done) throw new SessionClosedError("session ended before its control stream");
    return result.value;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

function closeCodeFor(err: unknown): number {
  const auth = err instanceof AuthenticationError ||
    (err instanceof GeomeshError && (err.code === "BAD_SIGNATURE" || err.code === "PIN_MISMATCH"));
  return auth ? CloseCode.AuthFailed : CloseCode.ProtocolError;
}

/**
 * Authenticates `session`; resolves with the live link or rejects with a typed
 * error after closing the session.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a transport session and the node's options; the pool is its caller.
 * const link = await authenticateSession(session, { ...opts, dialed: true, dispatch });
 * ```
 */
export async function authenticateSession(
  session: TransportSession,
  opts: AuthenticateOptions,
): Promise<PeerLink> {
  let channel: MessageChannel | undefined;
  // One budget for the whole setup: waiting for the control stream counts too.
  const deadline = performance.now() + opts.timeoutMs;
  try {
    const stream = opts.dialed
      ? await session.createBidirectionalStream()
      : await firstStream(session, opts.timeoutMs);
    const ch = channel = new MessageChannel(stream, {
      maxMessageSize: opts.maxMessageSize,
      metrics: opts.metrics,
    });
    const inbox = new Inbox();
    let handler: (msg: WireMessage) => void = (msg) => inbox.push(msg);
    ch.start((msg) => handler(msg));
    ch.closed.then((err) => inbox.fail(err ?? new SessionClosedError("channel closed")));
    const hs = { send: (m: WireMessage) => ch.send(m), next: () => inbox.next() };
    const base = {
      identity: opts.identity,
      mode: opts.mode,
      timeoutMs: Math.max(1, deadline - performance.now()),
      maxMessageSize: opts.maxMessageSize,
    };
    const result = opts.dialed
      ? await dialerHandshake(hs, {
        ...base,
        expectedId: opts.expectedId,
        dialPins: opts.pins ?? [],
        // The handshake is bound to the certificate of this very session.
        peerCertificateHash: session.peerCertificateHash,
      })
      : await listenerHandshake(hs, {
        ...base,
        binding: opts.binding,
        address: opts.address,
        certificateHash: session.localCertificateHash,
      });
    if (result.maxMessageSize) ch.setSendLimit(result.maxMessageSize);
    const link = new PeerLink({
      id: result.peerId,
      mode: result.mode,
      dialed: opts.dialed,
      session,
      channel: ch,
      address: result.address,
      metrics: opts.metrics,
    });
    // Messages that arrived with the last handshake frame go first, then the live feed.
    for (const early of inbox.drain()) opts.dispatch(link, early);
    handler = (msg) => opts.dispatch(link, msg);
    return link;
  } catch (err) {
    channel?.close("handshake failed");
    try {
      session.close({
        closeCode: closeCodeFor(err),
        reason: err instanceof Error ? err.message.slice(0, 100) : "handshake failed",
      });
    } catch { /* already closed */ }
    if (err instanceof GeomeshError) throw err;
    throw new ConnectError("session setup failed", { cause: err });
  }
}
