/**
 * The authenticated hello. WebTransport has no client certificates, so both
 * identities are proven on the control stream, and both signatures are bound
 * to the TLS certificate of the session (channel binding):
 *
 * 1. dialer -> listener: `hello` (id, public key, fresh nonce Nd, and in
 *    `pins` the hash C of the certificate it saw, where its transport shows it)
 * 2. listener -> dialer: `hello` (id, public key, nonce Nl, pin binding, and in
 *    `pins` the hash C of the certificate it served on this session) and
 *    `auth` = sign("hello", "srv" Nd Nl idD idL C)
 * 3. dialer -> listener: `auth` = sign("hello", "cli" Nl Nd idL idD C)
 * 4. listener -> dialer: `welcome`
 *
 * Each side signs the other's fresh nonce, so a recorded hello cannot be
 * replayed. The dialer checks C against the certificate it actually saw
 * (`TransportSession.peerCertificateHash`), or, where the runtime enforces
 * the pins but hides the certificate (Deno HTTP/3, browsers), against its
 * dial pins; the listener checks the dialer's C and signature against the
 * certificate it served (`localCertificateHash`). A relay in the middle
 * presents its own certificate, so it can not pass on either signature: both
 * sides refuse it (`PIN_MISMATCH`, or `AUTH_FAILED` for a signature over
 * another certificate). The dialer also checks the listener's signed pin
 * binding, which ties the pins of its address to the listener's node id.
 *
 * Not covered: a dialer that neither pins nor sees the certificate (a browser
 * over WebSocket, which trusts the certificate the browser accepted).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.js";
import type { NodeIdentity } from "../identity/identity.js";
import type { NetworkMode } from "../codec/messages.js";
/**
 * Protocol version spoken in `hello`; a peer speaking another is refused at
 * once (`AUTH_FAILED`) rather than failing later on a message it cannot
 * decode. 2: `discover` gained its filter, and `ihave`/`graft`/`prune` exist.
 * 3: the hello transcript is bound to the session's TLS certificate, and
 * routed frames carry signed timestamps. 4: `message` has no `actor` field
 * (an actor is always addressed by a `request`).
 */
export declare const PROTOCOL_VERSION = 4;
/** What the handshake needs from a channel: send, and the next message received. */
export interface HandshakeChannel {
    send(msg: WireMessage): Promise<void>;
    next(): Promise<WireMessage>;
}
/** The authenticated peer. */
export interface HandshakeResult {
    /** Peer node id (proven). */
    peerId: string;
    /** Peer's network mode. */
    mode: NetworkMode;
    /** Address the peer advertised, if any (unverified hint). */
    address?: string;
    /** Largest message the peer accepts. */
    maxMessageSize?: number;
}
/** Options shared by both sides. */
export interface HandshakeOptions {
    identity: NodeIdentity;
    mode: NetworkMode;
    /** Our own address, advertised to the peer. */
    address?: string;
    /** Give up after this many ms. */
    timeoutMs: number;
    /** Our largest accepted message, announced to the peer. */
    maxMessageSize?: number;
}
/** Extra options of the dialing side. */
export interface DialerHandshakeOptions extends HandshakeOptions {
    /** Node id the dialed address named, if any. */
    expectedId?: string;
    /** Certificate pins the session was dialed with; each must be in the listener's binding. */
    dialPins: Uint8Array[];
    /**
     * SHA-256 of the certificate the session actually presented
     * (`TransportSession.peerCertificateHash`). Leave it out only where the
     * transport can not see it; the signatures are then bound to the
     * certificate the listener names, which must be one of `dialPins` (the
     * runtime enforced those) unless there are none.
     */
    peerCertificateHash?: Uint8Array;
    /** Clock for the binding's expiry check (tests). */
    now?: () => Date;
}
/** Extra options of the listening side. */
export interface ListenerHandshakeOptions extends HandshakeOptions {
    /** Our signed pin binding (see `lib/cert/binding.ts`), sent to dialers. */
    binding?: Uint8Array;
    /**
     * SHA-256 of the certificate we served on this session
     * (`TransportSession.localCertificateHash`), named and signed in our hello.
     */
    certificateHash?: Uint8Array;
}
/** The parts of a handshake {@linkcode transcript}. */
export interface TranscriptParts {
    /** `srv` (the listener's proof) or `cli` (the dialer's). */
    label: string;
    /** The nonce the verifying side sent. */
    verifierNonce: Uint8Array;
    /** The nonce the signing side sent. */
    signerNonce: Uint8Array;
    verifierId: string;
    signerId: string;
    /** The session's TLS certificate hash, as the signer saw (or served) it. */
    certificateHash?: Uint8Array;
}
/**
 * What one side signs: `label` (`srv` for the listener's proof, `cli` for
 * the dialer's), the verifier's nonce and id (its challenge) before the
 * signer's, and the hash of the session's TLS certificate (length-prefixed).
 * Exported for tests that play a dialer by hand.
 *
 * @example
 * ```ts
 * import { transcript } from "./handshake.js";
 * const nonce = () => crypto.getRandomValues(new Uint8Array(32));
 * const t = transcript({ label: "cli", verifierNonce: nonce(), signerNonce: nonce(), verifierId: "a", signerId: "b" });
 * console.assert(t.length === 3 + 64 + 2 + 1);
 * ```
 */
export declare function transcript(parts: TranscriptParts): Uint8Array;
/**
 * Runs the dialer's side; resolves with the proven peer or rejects with
 * `AuthenticationError`, `SignatureError`, `PinMismatchError` or `TimeoutError`.
 *
 * @example
 * ```ts ignore
 * // Not run: needs a channel to a listener; authenticateSession drives the handshake.
 * const peer = await dialerHandshake(channel, { identity, mode: "client", timeoutMs: 5000, dialPins: [] });
 * ```
 */
export declare function dialerHandshake(channel: HandshakeChannel, opts: DialerHandshakeOptions): Promise<HandshakeResult>;
/**
 * Runs the listener's side; resolves with the proven peer or rejects with a
 * typed error (the caller closes the session).
 *
 * @example
 * ```ts ignore
 * // Not run: needs a channel from a dialer; authenticateSession drives the handshake.
 * const peer = await listenerHandshake(channel, { identity, mode: "server", timeoutMs: 5000, binding });
 * ```
 */
export declare function listenerHandshake(channel: HandshakeChannel, opts: ListenerHandshakeOptions): Promise<HandshakeResult>;
