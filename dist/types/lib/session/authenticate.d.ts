/**
 * Turns a fresh transport session into an authenticated {@linkcode PeerLink}:
 * opens (dialer) or awaits (listener) the control stream, runs the hello on
 * it (bound to the session's TLS certificate, see `handshake.ts`), and hands
 * every later message to the node's dispatcher. On failure the
 * session is closed with a close code saying why, and the typed error is thrown.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { TransportSession } from "../transport/types.js";
import type { NetworkMode } from "../codec/messages.js";
import type { NodeMetrics } from "../metrics.js";
import { PeerLink } from "./link.js";
/** Close codes geomesh uses on sessions. */
export declare const CloseCode: {
    readonly Normal: 0;
    readonly Goodbye: 1;
    readonly Duplicate: 2;
    readonly AuthFailed: 3;
    readonly ProtocolError: 4;
    readonly TooLarge: 5;
    readonly Overloaded: 6;
    readonly Idle: 7;
};
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
export declare function authenticateSession(session: TransportSession, opts: AuthenticateOptions): Promise<PeerLink>;
