/**
 * Signature domains. Every signature covers
 * `"geomesh/v1\0" + domain + "\0" + data`, so a signature made for one purpose
 * (say a peer record) can never be replayed as another (say a hello). Domains
 * are short lowercase names without NUL, which keeps the prefix unambiguous.
 *
 * @module
 */
/**
 * The domains geomesh itself signs under. Layers that need a new purpose add
 * a name here (any name passing {@linkcode assertDomain} works, but listing it
 * keeps the set documented and collision-free).
 */
export declare const SignatureDomain: {
    /** Session hello / authentication transcript. */
    readonly Hello: "hello";
    /** Binding of TLS certificate pins to a node id (see `lib/cert/binding.ts`). */
    readonly PinBinding: "pin-binding";
    /** Peer records gossiped by discovery. */
    readonly PeerRecord: "peer-record";
    /** Origin signature of a routed (multi-hop) message. */
    readonly Message: "message";
    /** Origin signature of a broadcast. */
    readonly Broadcast: "broadcast";
    /** Signed replies to routed requests. */
    readonly Response: "response";
};
/** A known signature domain name. */
export type SignatureDomainName = typeof SignatureDomain[keyof typeof SignatureDomain];
/** Version tag that starts every signed message. */
export declare const SIGNATURE_CONTEXT = "geomesh/v1";
/**
 * Throws `TypeError` unless `domain` is a valid domain name: 1 to 64
 * characters of `a-z 0-9 . _ : / -`, starting with a letter or digit.
 *
 * @example
 * ```ts
 * import { assertDomain } from "./domain.js";
 * assertDomain("hello");
 * let threw = false;
 * try { assertDomain("a\0b"); } catch { threw = true; }
 * console.assert(threw);
 * ```
 */
export declare function assertDomain(domain: string): void;
/**
 * The prefix `"geomesh/v1\0" + domain + "\0"` as bytes (cached per domain).
 *
 * @example
 * ```ts
 * import { domainPrefix } from "./domain.js";
 * console.assert(new TextDecoder().decode(domainPrefix("hello")) === "geomesh/v1\0hello\0");
 * ```
 */
export declare function domainPrefix(domain: string): Uint8Array;
/**
 * The exact bytes that get signed for `data` under `domain`.
 *
 * @example
 * ```ts
 * import { signedBytes } from "./domain.js";
 * const bytes = signedBytes("hello", new Uint8Array([1]));
 * console.assert(bytes.length === "geomesh/v1\0hello\0".length + 1);
 * ```
 */
export declare function signedBytes(domain: string, data: Uint8Array): Uint8Array<ArrayBuffer>;
