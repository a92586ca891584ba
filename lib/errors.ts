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
 * import { GeomeshError } from "./errors.ts";
 * const err = new GeomeshError("TIMEOUT", "took too long");
 * console.assert(err.code === "TIMEOUT" && err instanceof Error);
 * ```
 */
export class GeomeshError extends Error {
  /** Stable machine-readable error code. */
  readonly code: string;
  /** Creates an error with the stable `code` and a `message` for humans. */
  constructor(code: string, message: string, options?: GeomeshErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A frame or message exceeds the configured `maxMessageSize`.
 *
 * @example
 * ```ts
 * import { MessageTooLargeError } from "./errors.ts";
 * console.assert(new MessageTooLargeError("too big").code === "MESSAGE_TOO_LARGE");
 * ```
 */
export class MessageTooLargeError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "MESSAGE_TOO_LARGE" = "MESSAGE_TOO_LARGE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("MESSAGE_TOO_LARGE", message, options);
  }
}

/**
 * Bytes that are not valid geomesh CBOR (garbage, malformed, too deep, duplicate keys...).
 *
 * @example
 * ```ts
 * import { DecodeError } from "./errors.ts";
 * console.assert(new DecodeError("bad").code === "DECODE_ERROR");
 * ```
 */
export class DecodeError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "DECODE_ERROR" = "DECODE_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("DECODE_ERROR", message, options);
  }
}

/**
 * Well-formed data that breaks the protocol (wrong envelope shape, unexpected message).
 *
 * @example
 * ```ts
 * import { ProtocolError } from "./errors.ts";
 * console.assert(new ProtocolError("bad").code === "PROTOCOL_ERROR");
 * ```
 */
export class ProtocolError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "PROTOCOL_ERROR" = "PROTOCOL_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("PROTOCOL_ERROR", message, options);
  }
}

/**
 * A signature did not verify (forged, wrong key, wrong domain).
 *
 * @example
 * ```ts
 * import { SignatureError } from "./errors.ts";
 * console.assert(new SignatureError("bad").code === "BAD_SIGNATURE");
 * ```
 */
export class SignatureError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "BAD_SIGNATURE" = "BAD_SIGNATURE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("BAD_SIGNATURE", message, options);
  }
}

/**
 * A certificate is unusable: corrupt PEM, expired, wrong key type, too long validity.
 *
 * @example
 * ```ts
 * import { CertificateError } from "./errors.ts";
 * console.assert(new CertificateError("expired").code === "CERTIFICATE_ERROR");
 * ```
 */
export class CertificateError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "CERTIFICATE_ERROR" = "CERTIFICATE_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("CERTIFICATE_ERROR", message, options);
  }
}

/**
 * The remote TLS certificate does not match any expected pin.
 *
 * @example
 * ```ts
 * import { PinMismatchError } from "./errors.ts";
 * console.assert(new PinMismatchError("no").code === "PIN_MISMATCH");
 * ```
 */
export class PinMismatchError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "PIN_MISMATCH" = "PIN_MISMATCH";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("PIN_MISMATCH", message, options);
  }
}

/**
 * An identity key or file could not be loaded or is invalid.
 *
 * @example
 * ```ts
 * import { IdentityError } from "./errors.ts";
 * console.assert(new IdentityError("no").code === "IDENTITY_ERROR");
 * ```
 */
export class IdentityError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "IDENTITY_ERROR" = "IDENTITY_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("IDENTITY_ERROR", message, options);
  }
}

/**
 * An operation did not finish within its time limit.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "./errors.ts";
 * console.assert(new TimeoutError("slow").code === "TIMEOUT");
 * ```
 */
export class TimeoutError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "TIMEOUT" = "TIMEOUT";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("TIMEOUT", message, options);
  }
}

/**
 * An operation was cancelled through its `AbortSignal`.
 *
 * @example
 * ```ts
 * import { AbortedError } from "./errors.ts";
 * console.assert(new AbortedError("stop").code === "ABORTED");
 * ```
 */
export class AbortedError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "ABORTED" = "ABORTED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("ABORTED", message, options);
  }
}

/**
 * A session could not be established (refused, unreachable, handshake failed).
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.ts";
 * console.assert(new ConnectError("refused").code === "CONNECT_FAILED");
 * ```
 */
export class ConnectError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "CONNECT_FAILED" = "CONNECT_FAILED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("CONNECT_FAILED", message, options);
  }
}

/**
 * The session or stream was closed, locally or by the peer, or the peer vanished.
 *
 * @example
 * ```ts
 * import { SessionClosedError } from "./errors.ts";
 * console.assert(new SessionClosedError("gone").code === "SESSION_CLOSED");
 * ```
 */
export class SessionClosedError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "SESSION_CLOSED" = "SESSION_CLOSED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("SESSION_CLOSED", message, options);
  }
}

/**
 * The peer failed to prove its identity (unknown, forged or replayed hello).
 *
 * @example
 * ```ts
 * import { AuthenticationError } from "./errors.ts";
 * console.assert(new AuthenticationError("forged").code === "AUTH_FAILED");
 * ```
 */
export class AuthenticationError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "AUTH_FAILED" = "AUTH_FAILED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("AUTH_FAILED", message, options);
  }
}

/**
 * No route to the addressed node.
 *
 * @example
 * ```ts
 * import { UnknownPeerError } from "./errors.ts";
 * console.assert(new UnknownPeerError("who").code === "UNKNOWN_PEER");
 * ```
 */
export class UnknownPeerError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "UNKNOWN_PEER" = "UNKNOWN_PEER";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("UNKNOWN_PEER", message, options);
  }
}

/**
 * The addressed actor is not registered on the target node.
 *
 * @example
 * ```ts
 * import { UnknownActorError } from "./errors.ts";
 * console.assert(new UnknownActorError("who").code === "UNKNOWN_ACTOR");
 * ```
 */
export class UnknownActorError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "UNKNOWN_ACTOR" = "UNKNOWN_ACTOR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("UNKNOWN_ACTOR", message, options);
  }
}

/**
 * A node address string could not be parsed.
 *
 * @example
 * ```ts
 * import { AddressError } from "./errors.ts";
 * console.assert(new AddressError("bad").code === "BAD_ADDRESS");
 * ```
 */
export class AddressError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "BAD_ADDRESS" = "BAD_ADDRESS";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("BAD_ADDRESS", message, options);
  }
}

/**
 * The listener refused a session because it is over its admission limits.
 *
 * @example
 * ```ts
 * import { AdmissionError } from "./errors.ts";
 * console.assert(new AdmissionError("busy").code === "ADMISSION_REFUSED");
 * ```
 */
export class AdmissionError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "ADMISSION_REFUSED" = "ADMISSION_REFUSED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("ADMISSION_REFUSED", message, options);
  }
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
 * import { RemoteError } from "./errors.ts";
 * const err = new RemoteError("failed", { remoteCode: "HANDLER_ERROR" });
 * console.assert(err.code === "REMOTE_ERROR" && err.remoteCode === "HANDLER_ERROR");
 * ```
 */
export class RemoteError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "REMOTE_ERROR" = "REMOTE_ERROR";
  /** The code the remote side reported, when it gave one. */
  readonly remoteCode?: string;
  /** Creates the error; `options.remoteCode` is the code the remote side sent. */
  constructor(message: string, options?: RemoteErrorOptions) {
    super("REMOTE_ERROR", message, options);
    if (options?.remoteCode !== undefined) this.remoteCode = options.remoteCode;
  }
}

/**
 * A peer or a queue is over its limit (too many requests in flight, too many
 * bytes queued for a peer that does not read); retry later.
 *
 * @example
 * ```ts
 * import { OverloadedError } from "./errors.ts";
 * console.assert(new OverloadedError("busy").code === "OVERLOADED");
 * ```
 */
export class OverloadedError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "OVERLOADED" = "OVERLOADED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("OVERLOADED", message, options);
  }
}

/**
 * A signed frame (routed message, request or broadcast) dated outside the
 * freshness window: too old to be told apart from a replay, or from too far
 * in the future. Usually a clock that is minutes off on one of the nodes.
 *
 * @example
 * ```ts
 * import { StaleError } from "./errors.ts";
 * console.assert(new StaleError("too old").code === "STALE");
 * ```
 */
export class StaleError extends GeomeshError {
  /** The stable code of this error class. */
  static readonly code: "STALE" = "STALE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message: string, options?: GeomeshErrorOptions) {
    super("STALE", message, options);
  }
}
