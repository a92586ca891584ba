/** Length of an Ed25519 signature in bytes. */
export declare const SIGNATURE_LENGTH = 64;
/**
 * The cached WebCrypto verification key for a node id (imported on first use).
 * Rejects with `IdentityError` for an id that is not a usable key.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * import { verificationKey } from "./verify.js";
 * const me = await generateIdentity();
 * console.assert((await verificationKey(me.id)).algorithm.name === "Ed25519");
 * ```
 */
export declare function verificationKey(id: string): Promise<CryptoKey>;
/**
 * Seeds the cache with a key already in hand (a freshly generated identity),
 * so verifying one's own signatures never re-imports it.
 *
 * @example
 * ```ts
 * import { rememberVerificationKey, verificationKey } from "./verify.js";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * rememberVerificationKey("some-id", pair.publicKey);
 * console.assert((await verificationKey("some-id")) === pair.publicKey);
 * ```
 */
export declare function rememberVerificationKey(id: string, key: CryptoKey): void;
/**
 * Sets how many verification keys are cached (default 4096).
 *
 * @example
 * ```ts
 * import { setKeyCacheSize } from "./verify.js";
 * setKeyCacheSize(1024);
 * ```
 */
export declare function setKeyCacheSize(maxEntries: number): void;
/**
 * Empties the verification key cache.
 *
 * @example
 * ```ts
 * import { clearKeyCache } from "./verify.js";
 * clearKeyCache();
 * ```
 */
export declare function clearKeyCache(): void;
/**
 * Checks a signature made by `NodeIdentity.sign(domain, data)`. Resolves
 * `false` for a wrong signature (other key, other domain, changed data, wrong
 * length); rejects with `IdentityError` if the id or key itself is unusable,
 * `TypeError` for arguments of the wrong type or a malformed domain.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * import { verify } from "./verify.js";
 * const me = await generateIdentity();
 * const data = new TextEncoder().encode("hi");
 * const sig = await me.sign("hello", data);
 * console.assert(await verify(me.id, "hello", data, sig));
 * console.assert(!(await verify(me.id, "peer-record", data, sig)));
 * ```
 */
export declare function verify(publicKeyOrId: string | Uint8Array, domain: string, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
/**
 * {@linkcode verify} for a node id, spelled out for call sites that only ever
 * hold ids.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * import { verifyFromNodeId } from "./verify.js";
 * const me = await generateIdentity();
 * const sig = await me.sign("message", new Uint8Array([1]));
 * console.assert(await verifyFromNodeId(me.id, "message", new Uint8Array([1]), sig));
 * ```
 */
export declare function verifyFromNodeId(id: string, domain: string, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
/**
 * Like {@linkcode verify} but rejects with `SignatureError` instead of
 * resolving `false`; `what` names the signed thing in the message.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * import { assertSignature } from "./verify.js";
 * const me = await generateIdentity();
 * const sig = await me.sign("hello", new Uint8Array([1]));
 * await assertSignature(me.id, "hello", new Uint8Array([1]), sig);
 * ```
 */
export declare function assertSignature(publicKeyOrId: string | Uint8Array, domain: string, data: Uint8Array, signature: Uint8Array, what?: string): Promise<void>;
