/**
 * Typed errors. Everything a caller may want to catch is a {@linkcode GeomeshError}
 * subclass with a stable `code`; bad arguments are plain `TypeError`/`RangeError`.
 *
 * @module
 */
/** Options accepted by every {@linkcode GeomeshError} constructor. */
export interface GeomeshErrorOptions {
    /** The underlying error, if any. */
    cause?: unknown;
}
/**
 * Base class of every geomesh error. `code` is stable across versions and is
 * what callers should switch on; `message` is for humans.
 *
 * @example
 * ```ts
 * import { GeomeshError } from "./errors.js";
 * const err = new GeomeshError("TIMEOUT", "took too long");
 * console.assert(err.code === "TIMEOUT" && err instanceof Error);
 * ```
 */
export declare class GeomeshError extends Error {
    /** Stable machine-readable error code. */
    readonly code: string;
    /** Creates an error with the stable `code` and a `message` for humans. */
    constructor(code: string, message: string, options?: GeomeshErrorOptions);
}
/**
 * A frame or message exceeds the configured `maxMessageSize`.
 *
 * @example
 * ```ts
 * import { MessageTooLargeError } from "./errors.js";
 * console.assert(new MessageTooLargeError("too big").code === "MESSAGE_TOO_LARGE");
 * ```
 */
export declare class MessageTooLargeError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "MESSAGE_TOO_LARGE";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * Bytes that are not valid geomesh CBOR (garbage, malformed, too deep, duplicate keys...).
 *
 * @example
 * ```ts
 * import { DecodeError } from "./errors.js";
 * console.assert(new DecodeError("bad").code === "DECODE_ERROR");
 * ```
 */
export declare class DecodeError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "DECODE_ERROR";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * Well-formed data that breaks the protocol (wrong envelope shape, unexpected message).
 *
 * @example
 * ```ts
 * import { ProtocolError } from "./errors.js";
 * console.assert(new ProtocolError("bad").code === "PROTOCOL_ERROR");
 * ```
 */
export declare class ProtocolError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "PROTOCOL_ERROR";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * A signature did not verify (forged, wrong key, wrong domain).
 *
 * @example
 * ```ts
 * import { SignatureError } from "./errors.js";
 * console.assert(new SignatureError("bad").code === "BAD_SIGNATURE");
 * ```
 */
export declare class SignatureError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "BAD_SIGNATURE";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * A certificate is unusable: corrupt PEM, expired, wrong key type, too long validity.
 *
 * @example
 * ```ts
 * import { CertificateError } from "./errors.js";
 * console.assert(new CertificateError("expired").code === "CERTIFICATE_ERROR");
 * ```
 */
export declare class CertificateError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "CERTIFICATE_ERROR";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * The remote TLS certificate does not match any expected pin.
 *
 * @example
 * ```ts
 * import { PinMismatchError } from "./errors.js";
 * console.assert(new PinMismatchError("no").code === "PIN_MISMATCH");
 * ```
 */
export declare class PinMismatchError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "PIN_MISMATCH";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * An identity key or file could not be loaded or is invalid.
 *
 * @example
 * ```ts
 * import { IdentityError } from "./errors.js";
 * console.assert(new IdentityError("no").code === "IDENTITY_ERROR");
 * ```
 */
export declare class IdentityError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "IDENTITY_ERROR";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * An operation did not finish within its time limit.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "./errors.js";
 * console.assert(new TimeoutError("slow").code === "TIMEOUT");
 * ```
 */
export declare class TimeoutError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "TIMEOUT";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * An operation was cancelled through its `AbortSignal`.
 *
 * @example
 * ```ts
 * import { AbortedError } from "./errors.js";
 * console.assert(new AbortedError("stop").code === "ABORTED");
 * ```
 */
export declare class AbortedError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "ABORTED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * A session could not be established (refused, unreachable, handshake failed).
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.js";
 * console.assert(new ConnectError("refused").code === "CONNECT_FAILED");
 * ```
 */
export declare class ConnectError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "CONNECT_FAILED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * The session or stream was closed, locally or by the peer, or the peer vanished.
 *
 * @example
 * ```ts
 * import { SessionClosedError } from "./errors.js";
 * console.assert(new SessionClosedError("gone").code === "SESSION_CLOSED");
 * ```
 */
export declare class SessionClosedError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "SESSION_CLOSED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * The peer failed to prove its identity (unknown, forged or replayed hello).
 *
 * @example
 * ```ts
 * import { AuthenticationError } from "./errors.js";
 * console.assert(new AuthenticationError("forged").code === "AUTH_FAILED");
 * ```
 */
export declare class AuthenticationError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "AUTH_FAILED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * No route to the addressed node.
 *
 * @example
 * ```ts
 * import { UnknownPeerError } from "./errors.js";
 * console.assert(new UnknownPeerError("who").code === "UNKNOWN_PEER");
 * ```
 */
export declare class UnknownPeerError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "UNKNOWN_PEER";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * The addressed actor is not registered on the target node.
 *
 * @example
 * ```ts
 * import { UnknownActorError } from "./errors.js";
 * console.assert(new UnknownActorError("who").code === "UNKNOWN_ACTOR");
 * ```
 */
export declare class UnknownActorError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "UNKNOWN_ACTOR";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * A node address string could not be parsed.
 *
 * @example
 * ```ts
 * import { AddressError } from "./errors.js";
 * console.assert(new AddressError("bad").code === "BAD_ADDRESS");
 * ```
 */
export declare class AddressError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "BAD_ADDRESS";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * The listener refused a session because it is over its admission limits.
 *
 * @example
 * ```ts
 * import { AdmissionError } from "./errors.js";
 * console.assert(new AdmissionError("busy").code === "ADMISSION_REFUSED");
 * ```
 */
export declare class AdmissionError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "ADMISSION_REFUSED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/** Options of {@linkcode RemoteError}. */
export interface RemoteErrorOptions extends GeomeshErrorOptions {
    /** The code the remote side reported (e.g. `HANDLER_ERROR`). */
    remoteCode?: string;
}
/**
 * The remote handler of a request failed; `remoteCode` carries its error code.
 *
 * @example
 * ```ts
 * import { RemoteError } from "./errors.js";
 * const err = new RemoteError("failed", { remoteCode: "HANDLER_ERROR" });
 * console.assert(err.code === "REMOTE_ERROR" && err.remoteCode === "HANDLER_ERROR");
 * ```
 */
export declare class RemoteError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "REMOTE_ERROR";
    /** The code the remote side reported, when it gave one. */
    readonly remoteCode?: string;
    /** Creates the error; `options.remoteCode` is the code the remote side sent. */
    constructor(message: string, options?: RemoteErrorOptions);
}
/**
 * A peer or a queue is over its limit (too many requests in flight, too many
 * bytes queued for a peer that does not read); retry later.
 *
 * @example
 * ```ts
 * import { OverloadedError } from "./errors.js";
 * console.assert(new OverloadedError("busy").code === "OVERLOADED");
 * ```
 */
export declare class OverloadedError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "OVERLOADED";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
/**
 * A signed frame (routed message, request or broadcast) dated outside the
 * freshness window: too old to be told apart from a replay, or from too far
 * in the future. Usually a clock that is minutes off on one of the nodes.
 *
 * @example
 * ```ts
 * import { StaleError } from "./errors.js";
 * console.assert(new StaleError("too old").code === "STALE");
 * ```
 */
export declare class StaleError extends GeomeshError {
    /** The stable code of this error class. */
    static readonly code: "STALE";
    /** Creates the error with a `message` for humans and an optional `cause`. */
    constructor(message: string, options?: GeomeshErrorOptions);
}
