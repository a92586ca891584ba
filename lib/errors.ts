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
  constructor(code: string, message: string, options?: GeomeshErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Declares a subclass with a fixed code; keeps each error one line below.
 */
function errorClass<C extends string>(code: C) {
  return class extends GeomeshError {
    static readonly code: C = code;
    constructor(message: string, options?: GeomeshErrorOptions) {
      super(code, message, options);
    }
  };
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
export class MessageTooLargeError extends errorClass("MESSAGE_TOO_LARGE") {}

/**
 * Bytes that are not valid geomesh CBOR (garbage, malformed, too deep, duplicate keys...).
 *
 * @example
 * ```ts
 * import { DecodeError } from "./errors.ts";
 * console.assert(new DecodeError("bad").code === "DECODE_ERROR");
 * ```
 */
export class DecodeError extends errorClass("DECODE_ERROR") {}

/**
 * Well-formed data that breaks the protocol (wrong envelope shape, unexpected message).
 *
 * @example
 * ```ts
 * import { ProtocolError } from "./errors.ts";
 * console.assert(new ProtocolError("bad").code === "PROTOCOL_ERROR");
 * ```
 */
export class ProtocolError extends errorClass("PROTOCOL_ERROR") {}

/**
 * A signature did not verify (forged, wrong key, wrong domain).
 *
 * @example
 * ```ts
 * import { SignatureError } from "./errors.ts";
 * console.assert(new SignatureError("bad").code === "BAD_SIGNATURE");
 * ```
 */
export class SignatureError extends errorClass("BAD_SIGNATURE") {}

/**
 * A certificate is unusable: corrupt PEM, expired, wrong key type, too long validity.
 *
 * @example
 * ```ts
 * import { CertificateError } from "./errors.ts";
 * console.assert(new CertificateError("expired").code === "CERTIFICATE_ERROR");
 * ```
 */
export class CertificateError extends errorClass("CERTIFICATE_ERROR") {}

/**
 * The remote TLS certificate does not match any expected pin.
 *
 * @example
 * ```ts
 * import { PinMismatchError } from "./errors.ts";
 * console.assert(new PinMismatchError("no").code === "PIN_MISMATCH");
 * ```
 */
export class PinMismatchError extends errorClass("PIN_MISMATCH") {}

/**
 * An identity key or file could not be loaded or is invalid.
 *
 * @example
 * ```ts
 * import { IdentityError } from "./errors.ts";
 * console.assert(new IdentityError("no").code === "IDENTITY_ERROR");
 * ```
 */
export class IdentityError extends errorClass("IDENTITY_ERROR") {}

/**
 * An operation did not finish within its time limit.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "./errors.ts";
 * console.assert(new TimeoutError("slow").code === "TIMEOUT");
 * ```
 */
export class TimeoutError extends errorClass("TIMEOUT") {}

/**
 * An operation was cancelled through its `AbortSignal`.
 *
 * @example
 * ```ts
 * import { AbortedError } from "./errors.ts";
 * console.assert(new AbortedError("stop").code === "ABORTED");
 * ```
 */
export class AbortedError extends errorClass("ABORTED") {}

/**
 * A session could not be established (refused, unreachable, handshake failed).
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.ts";
 * console.assert(new ConnectError("refused").code === "CONNECT_FAILED");
 * ```
 */
export class ConnectError extends errorClass("CONNECT_FAILED") {}

/**
 * The session or stream was closed, locally or by the peer, or the peer vanished.
 *
 * @example
 * ```ts
 * import { SessionClosedError } from "./errors.ts";
 * console.assert(new SessionClosedError("gone").code === "SESSION_CLOSED");
 * ```
 */
export class SessionClosedError extends errorClass("SESSION_CLOSED") {}

/**
 * The peer failed to prove its identity (unknown, forged or replayed hello).
 *
 * @example
 * ```ts
 * import { AuthenticationError } from "./errors.ts";
 * console.assert(new AuthenticationError("forged").code === "AUTH_FAILED");
 * ```
 */
export class AuthenticationError extends errorClass("AUTH_FAILED") {}

/**
 * No route to the addressed node.
 *
 * @example
 * ```ts
 * import { UnknownPeerError } from "./errors.ts";
 * console.assert(new UnknownPeerError("who").code === "UNKNOWN_PEER");
 * ```
 */
export class UnknownPeerError extends errorClass("UNKNOWN_PEER") {}

/**
 * The addressed actor is not registered on the target node.
 *
 * @example
 * ```ts
 * import { UnknownActorError } from "./errors.ts";
 * console.assert(new UnknownActorError("who").code === "UNKNOWN_ACTOR");
 * ```
 */
export class UnknownActorError extends errorClass("UNKNOWN_ACTOR") {}

/**
 * A node address string could not be parsed.
 *
 * @example
 * ```ts
 * import { AddressError } from "./errors.ts";
 * console.assert(new AddressError("bad").code === "BAD_ADDRESS");
 * ```
 */
export class AddressError extends errorClass("BAD_ADDRESS") {}

/**
 * The listener refused a session because it is over its admission limits.
 *
 * @example
 * ```ts
 * import { AdmissionError } from "./errors.ts";
 * console.assert(new AdmissionError("busy").code === "ADMISSION_REFUSED");
 * ```
 */
export class AdmissionError extends errorClass("ADMISSION_REFUSED") {}

/**
 * The remote handler of a request failed; `remoteCode` carries its error code.
 *
 * @example
 * ```ts
 * import { RemoteError } from "./errors.ts";
 * console.assert(new RemoteError("failed").code === "REMOTE_ERROR");
 * ```
 */
export class RemoteError extends errorClass("REMOTE_ERROR") {}
