import type { NodeIdentity } from "../identity/identity.js";
/** Format version of the binding body. */
export declare const PIN_BINDING_VERSION = 1;
/** Most pins one binding may carry. */
export declare const MAX_BOUND_PINS = 4;
/** Largest accepted encoded binding; checked before decoding. */
export declare const MAX_PIN_BINDING_SIZE = 512;
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
/**
 * Signs a binding of `pins` to `identity` until `notAfter`.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.js";
 * import { createPinBinding, verifyPinBinding } from "./binding.js";
 * const me = await generateIdentity();
 * const pin = new Uint8Array(32).fill(1);
 * const bytes = await createPinBinding(me, { pins: [pin], notAfter: Date.now() + 60_000 });
 * console.assert((await verifyPinBinding(bytes, { nodeId: me.id, pin })).nodeId === me.id);
 * ```
 */
export declare function createPinBinding(identity: NodeIdentity, options: CreatePinBindingOptions): Promise<Uint8Array>;
/**
 * Decodes a binding without checking its signature (for display and logs).
 * Rejects with `DecodeError` if it is not a well-formed binding.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.js";
 * import { createPinBinding, decodePinBinding } from "./binding.js";
 * const me = await generateIdentity();
 * const bytes = await createPinBinding(me, { pins: [new Uint8Array(32)], notAfter: 0 });
 * console.assert(decodePinBinding(bytes).binding.pins.length === 1);
 * ```
 */
export declare function decodePinBinding(bytes: Uint8Array): {
    binding: PinBinding;
    body: Uint8Array;
    signature: Uint8Array;
};
/**
 * Verifies a binding and returns its content. Rejects with:
 * `DecodeError` (malformed), `SignatureError` (signed by another node than
 * `nodeId`, or forged/tampered), `CertificateError` (expired at `now`),
 * `PinMismatchError` (`pin` is not among the bound pins).
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../identity/identity.js";
 * import { createPinBinding, verifyPinBinding } from "./binding.js";
 * const me = await generateIdentity();
 * const pin = new Uint8Array(32).fill(9);
 * const bytes = await createPinBinding(me, { pins: [pin], notAfter: Date.now() + 60_000 });
 * let refused = false;
 * await verifyPinBinding(bytes, { nodeId: me.id, pin: new Uint8Array(32) }).catch(() => refused = true);
 * console.assert(refused);
 * ```
 */
export declare function verifyPinBinding(bytes: Uint8Array, options?: VerifyPinBindingOptions): Promise<PinBinding>;
