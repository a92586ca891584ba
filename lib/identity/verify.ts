/**
 * Domain-separated Ed25519 signature verification against a node id or a raw
 * public key, with imported keys cached (bounded LRU) for the hot path.
 *
 * @module
 */
import { SignatureError } from "../errors.ts";
import { signedBytes } from "./domain.ts";
import { DEFAULT_KEY_CACHE_SIZE, KeyCache } from "./key-cache.ts";
import { nodeIdFromPublicKey, publicKeyFromNodeId } from "./node-id.ts";

/** Length of an Ed25519 signature in bytes. */
export const SIGNATURE_LENGTH = 64;

const cache = new KeyCache<CryptoKey>(DEFAULT_KEY_CACHE_SIZE);

async function importVerifyKey(id: string): Promise<CryptoKey> {
  const raw = publicKeyFromNodeId(id) as Uint8Array<ArrayBuffer>;
  return await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
}

/**
 * The cached WebCrypto verification key for a node id (imported on first use).
 * Rejects with `IdentityError` for an id that is not a usable key.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * import { verificationKey } from "./verify.ts";
 * const me = await generateIdentity();
 * console.assert((await verificationKey(me.id)).algorithm.name === "Ed25519");
 * ```
 */
export function verificationKey(id: string): Promise<CryptoKey> {
  if (typeof id !== "string") return Promise.reject(new TypeError("a node id is a string"));
  return cache.get(id, importVerifyKey);
}

/**
 * Seeds the cache with a key already in hand (a freshly generated identity),
 * so verifying one's own signatures never re-imports it.
 *
 * @example
 * ```ts
 * import { rememberVerificationKey, verificationKey } from "./verify.ts";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * rememberVerificationKey("some-id", pair.publicKey);
 * console.assert((await verificationKey("some-id")) === pair.publicKey);
 * ```
 */
export function rememberVerificationKey(id: string, key: CryptoKey): void {
  void cache.get(id, () => Promise.resolve(key));
}

/**
 * Sets how many verification keys are cached (default 4096).
 *
 * @example
 * ```ts
 * import { setKeyCacheSize } from "./verify.ts";
 * setKeyCacheSize(1024);
 * ```
 */
export function setKeyCacheSize(maxEntries: number): void {
  cache.maxEntries = maxEntries;
}

/**
 * Empties the verification key cache.
 *
 * @example
 * ```ts
 * import { clearKeyCache } from "./verify.ts";
 * clearKeyCache();
 * ```
 */
export function clearKeyCache(): void {
  cache.clear();
}

function toId(publicKeyOrId: string | Uint8Array): string {
  if (typeof publicKeyOrId === "string") return publicKeyOrId;
  if (publicKeyOrId instanceof Uint8Array) return nodeIdFromPublicKey(publicKeyOrId);
  throw new TypeError("expected a node id string or a 32-byte Ed25519 public key");
}

/**
 * Checks a signature made by `NodeIdentity.sign(domain, data)`. Resolves
 * `false` for a wrong signature (other key, other domain, changed data, wrong
 * length); rejects with `IdentityError` if the id or key itself is unusable,
 * `TypeError` for arguments of the wrong type or a malformed domain.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * import { verify } from "./verify.ts";
 * const me = await generateIdentity();
 * const data = new TextEncoder().encode("hi");
 * const sig = await me.sign("hello", data);
 * console.assert(await verify(me.id, "hello", data, sig));
 * console.assert(!(await verify(me.id, "peer-record", data, sig)));
 * ```
 */
export async function verify(
  publicKeyOrId: string | Uint8Array,
  domain: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const id = toId(publicKeyOrId);
  if (!(signature instanceof Uint8Array)) throw new TypeError("a signature is a Uint8Array");
  const message = signedBytes(domain, data);
  const key = await verificationKey(id);
  if (signature.length !== SIGNATURE_LENGTH) return false;
  return await crypto.subtle.verify("Ed25519", key, signature as Uint8Array<ArrayBuffer>, message);
}

/**
 * {@linkcode verify} for a node id, spelled out for call sites that only ever
 * hold ids.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * import { verifyFromNodeId } from "./verify.ts";
 * const me = await generateIdentity();
 * const sig = await me.sign("message", new Uint8Array([1]));
 * console.assert(await verifyFromNodeId(me.id, "message", new Uint8Array([1]), sig));
 * ```
 */
export function verifyFromNodeId(
  id: string,
  domain: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (typeof id !== "string") return Promise.reject(new TypeError("a node id is a string"));
  return verify(id, domain, data, signature);
}

/**
 * Like {@linkcode verify} but rejects with `SignatureError` instead of
 * resolving `false`; `what` names the signed thing in the message.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * import { assertSignature } from "./verify.ts";
 * const me = await generateIdentity();
 * const sig = await me.sign("hello", new Uint8Array([1]));
 * await assertSignature(me.id, "hello", new Uint8Array([1]), sig);
 * ```
 */
export async function assertSignature(
  publicKeyOrId: string | Uint8Array,
  domain: string,
  data: Uint8Array,
  signature: Uint8Array,
  what = "signature",
): Promise<void> {
  if (!(await verify(publicKeyOrId, domain, data, signature))) {
    const id = toId(publicKeyOrId);
    throw new SignatureError(`${what}: bad ${domain} signature for node ${id}`);
  }
}
