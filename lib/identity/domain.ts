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
export const SignatureDomain = {
  /** Session hello / authentication transcript. */
  Hello: "hello",
  /** Binding of TLS certificate pins to a node id (see `lib/cert/binding.ts`). */
  PinBinding: "pin-binding",
  /** Peer records gossiped by discovery. */
  PeerRecord: "peer-record",
  /** Origin signature of a routed (multi-hop) message. */
  Message: "message",
  /** Origin signature of a broadcast. */
  Broadcast: "broadcast",
  /** Signed replies to routed requests. */
  Response: "response",
} as const;

/** A known signature domain name. */
export type SignatureDomainName = typeof SignatureDomain[keyof typeof SignatureDomain];

/** Version tag that starts every signed message. */
export const SIGNATURE_CONTEXT = "geomesh/v1";

const DOMAIN = /^[a-z0-9][a-z0-9._:/-]{0,63}$/;
const encoder = new TextEncoder();
const prefixes = new Map<string, Uint8Array>();

/**
 * Throws `TypeError` unless `domain` is a valid domain name: 1 to 64
 * characters of `a-z 0-9 . _ : / -`, starting with a letter or digit.
 *
 * @example
 * ```ts
 * import { assertDomain } from "./domain.ts";
 * assertDomain("hello");
 * let threw = false;
 * try { assertDomain("a\0b"); } catch { threw = true; }
 * console.assert(threw);
 * ```
 */
export function assertDomain(domain: string): void {
  if (typeof domain !== "string" || !DOMAIN.test(domain)) {
    throw new TypeError(
      `bad signature domain ${JSON.stringify(String(domain).slice(0, 80))}: ` +
        "expected 1-64 characters of a-z 0-9 . _ : / - (starting with a letter or digit)",
    );
  }
}

/**
 * The prefix `"geomesh/v1\0" + domain + "\0"` as bytes (cached per domain).
 *
 * @example
 * ```ts
 * import { domainPrefix } from "./domain.ts";
 * console.assert(new TextDecoder().decode(domainPrefix("hello")) === "geomesh/v1\0hello\0");
 * ```
 */
export function domainPrefix(domain: string): Uint8Array {
  let prefix = prefixes.get(domain);
  if (prefix === undefined) {
    assertDomain(domain);
    prefix = encoder.encode(`${SIGNATURE_CONTEXT}\0${domain}\0`);
    // Bounded: a program uses a handful of domains; do not let a bug grow this forever.
    if (prefixes.size < 256) prefixes.set(domain, prefix);
  }
  return prefix;
}

/**
 * The exact bytes that get signed for `data` under `domain`.
 *
 * @example
 * ```ts
 * import { signedBytes } from "./domain.ts";
 * const bytes = signedBytes("hello", new Uint8Array([1]));
 * console.assert(bytes.length === "geomesh/v1\0hello\0".length + 1);
 * ```
 */
export function signedBytes(domain: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!(data instanceof Uint8Array)) throw new TypeError("signed data must be a Uint8Array");
  const prefix = domainPrefix(domain);
  const out = new Uint8Array(prefix.length + data.length);
  out.set(prefix, 0);
  out.set(data, prefix.length);
  return out;
}
