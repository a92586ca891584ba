/**
 * Pin bindings: a node's statement "my TLS certificates have these SHA-256
 * pins, until `notAfter`", signed by its identity key under the `pin-binding`
 * domain. A dialer that reached a TLS endpoint by pin checks that the pin it
 * saw is one the node id it wants has bound, which ties the QUIC session to
 * the identity.
 *
 * Wire form (CBOR, definite lengths, minimal integers):
 * `[body: bytes, signature: bytes(64)]` with
 * `body = CBOR [1, nodeId: text, pins: [bytes(32), ...1-4], notAfterMs: uint]`.
 * The signature covers the body bytes exactly as sent, so no re-encoding is
 * needed to verify.
 *
 * @module
 */
import { decode, encode } from "../deps/cborg.ts";
import { CertificateError, DecodeError, PinMismatchError, SignatureError } from "../errors.ts";
import { SignatureDomain } from "../identity/domain.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { isNodeId } from "../identity/node-id.ts";
import { SIGNATURE_LENGTH, verify } from "../identity/verify.ts";
import { toMillis } from "./time.ts";
import { pinToString } from "./pin.ts";

/** Format version of the binding body. */
export const PIN_BINDING_VERSION = 1;
/** Most pins one binding may carry. */
export const MAX_BOUND_PINS = 4;
/** Largest accepted encoded binding; checked before decoding. */
export const MAX_PIN_BINDING_SIZE = 512;

/** The content of a pin binding. */
export interface PinBinding {
  /** The node that signed it. */
  nodeId: string;
  /** SHA-256 pins of the node's TLS certificates (current first). */
  pins: Uint8Array[];
  /** The binding is void after this instant. */
  notAfter: Date;
}

/** Options for {@linkcode createPinBinding}. */
export interface CreatePinBindingOptions {
  /** 1 to 4 SHA-256 pins (32 bytes each), current first. */
  pins: Uint8Array[];
  /** Expiry; usually the latest notAfter of the bound certificates. */
  notAfter: Date | number;
}

/** Options for {@linkcode verifyPinBinding}. */
export interface VerifyPinBindingOptions {
  /** The node the caller expects; default: whichever node the binding names. */
  nodeId?: string;
  /** A pin the caller observed on the TLS session; must be bound. */
  pin?: Uint8Array;
  /** The current time. Default `Date.now()`. */
  now?: Date | number;
}

const STRICT = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  rejectDuplicateMapKeys: true,
  tags: {},
};

function checkPins(pins: unknown): asserts pins is Uint8Array[] {
  if (
    !Array.isArray(pins) || pins.length < 1 || pins.length > MAX_BOUND_PINS ||
    pins.some((p) => !(p instanceof Uint8Array) || p.length !== 32)
  ) {
    throw new TypeError(`pins must be 1 to ${MAX_BOUND_PINS} SHA-256 values of 32 bytes`);
  }
}

/**
 * Signs a binding of `pins` to `identity` until `notAfter`.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.ts";
 * import { createPinBinding, verifyPinBinding } from "./binding.ts";
 * const me = await generateIdentity();
 * const pin = new Uint8Array(32).fill(1);
 * const bytes = await createPinBinding(me, { pins: [pin], notAfter: Date.now() + 60_000 });
 * console.assert((await verifyPinBinding(bytes, { nodeId: me.id, pin })).nodeId === me.id);
 * ```
 */
export async function createPinBinding(
  identity: NodeIdentity,
  options: CreatePinBindingOptions,
): Promise<Uint8Array> {
  checkPins(options.pins);
  const notAfter = Math.floor(toMillis(options.notAfter, "notAfter"));
  if (notAfter < 0) throw new RangeError("notAfter must not be before 1970");
  const body = encode([
    PIN_BINDING_VERSION,
    identity.id,
    options.pins.map((p) => p.slice()),
    notAfter,
  ]);
  const signature = await identity.sign(SignatureDomain.PinBinding, body);
  return encode([body, signature]);
}

function malformed(why: string, cause?: unknown): DecodeError {
  return new DecodeError(`malformed pin binding: ${why}`, cause ? { cause } : undefined);
}

function strictDecode(bytes: Uint8Array, what: string): unknown {
  try {
    return decode(bytes, STRICT);
  } catch (err) {
    throw malformed(`${what}: ${(err as Error).message}`, err);
  }
}

/**
 * Decodes a binding without checking its signature (for display and logs).
 * Rejects with `DecodeError` if it is not a well-formed binding.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.ts";
 * import { createPinBinding, decodePinBinding } from "./binding.ts";
 * const me = await generateIdentity();
 * const bytes = await createPinBinding(me, { pins: [new Uint8Array(32)], notAfter: 0 });
 * console.assert(decodePinBinding(bytes).binding.pins.length === 1);
 * ```
 */
export function decodePinBinding(
  bytes: Uint8Array,
): { binding: PinBinding; body: Uint8Array; signature: Uint8Array } {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("a pin binding is a Uint8Array");
  if (bytes.length > MAX_PIN_BINDING_SIZE) {
    throw malformed(`${bytes.length} bytes, at most ${MAX_PIN_BINDING_SIZE} accepted`);
  }
  const outer = strictDecode(bytes, "envelope");
  if (
    !Array.isArray(outer) || outer.length !== 2 || !(outer[0] instanceof Uint8Array) ||
    !(outer[1] instanceof Uint8Array) || outer[1].length !== SIGNATURE_LENGTH
  ) {
    throw malformed("expected [body, 64-byte signature]");
  }
  const [body, signature] = outer as [Uint8Array, Uint8Array];
  const fields = strictDecode(body, "body");
  if (!Array.isArray(fields) || fields.length !== 4) {
    throw malformed("body is not a 4-element array");
  }
  const [version, nodeId, pins, notAfter] = fields;
  if (version !== PIN_BINDING_VERSION) throw malformed(`unsupported version ${String(version)}`);
  if (!isNodeId(nodeId)) throw malformed("bad node id");
  try {
    checkPins(pins);
  } catch {
    throw malformed(`expected 1 to ${MAX_BOUND_PINS} pins of 32 bytes`);
  }
  if (typeof notAfter !== "number" || !Number.isSafeInteger(notAfter) || notAfter < 0) {
    throw malformed("bad notAfter");
  }
  return { binding: { nodeId, pins, notAfter: new Date(notAfter) }, body, signature };
}

/**
 * Verifies a binding and returns its content. Rejects with:
 * `DecodeError` (malformed), `SignatureError` (signed by another node than
 * `nodeId`, or forged/tampered), `CertificateError` (expired at `now`),
 * `PinMismatchError` (`pin` is not among the bound pins).
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.ts";
 * import { createPinBinding, verifyPinBinding } from "./binding.ts";
 * const me = await generateIdentity();
 * const pin = new Uint8Array(32).fill(9);
 * const bytes = await createPinBinding(me, { pins: [pin], notAfter: Date.now() + 60_000 });
 * let refused = false;
 * await verifyPinBinding(bytes, { nodeId: me.id, pin: new Uint8Array(32) }).catch(() => refused = true);
 * console.assert(refused);
 * ```
 */
export async function verifyPinBinding(
  bytes: Uint8Array,
  options: VerifyPinBindingOptions = {},
): Promise<PinBinding> {
  const { binding, body, signature } = decodePinBinding(bytes);
  if (options.nodeId !== undefined && binding.nodeId !== options.nodeId) {
    throw new SignatureError(
      `pin binding is signed for node ${binding.nodeId}, expected ${options.nodeId}`,
    );
  }
  let ok: boolean;
  try {
    ok = await verify(binding.nodeId, SignatureDomain.PinBinding, body, signature);
  } catch (err) {
    throw new SignatureError(`pin binding names an unusable node id: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!ok) {
    throw new SignatureError(`pin binding signature does not verify for node ${binding.nodeId}`);
  }
  const now = options.now === undefined ? Date.now() : toMillis(options.now, "now");
  if (now > binding.notAfter.getTime()) {
    throw new CertificateError(
      `pin binding of node ${binding.nodeId} expired at ${binding.notAfter.toISOString()}`,
    );
  }
  if (options.pin !== undefined) {
    if (!(options.pin instanceof Uint8Array)) throw new TypeError("pin must be a Uint8Array");
    const seen = options.pin;
    if (!binding.pins.some((p) => p.length === seen.length && p.every((b, i) => b === seen[i]))) {
      const seenText = seen.length === 32 ? pinToString(seen) : `${seen.length} bytes`;
      throw new PinMismatchError(
        `TLS pin ${seenText} is not bound to node ${binding.nodeId} (bound: ${
          binding.pins.map(pinToString).join(", ")
        })`,
      );
    }
  }
  return binding;
}
