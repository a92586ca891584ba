/** Length of an Ed25519 public key in bytes. */
export declare const PUBLIC_KEY_LENGTH = 32;
/** Length of a node id in characters. */
export declare const NODE_ID_LENGTH = 52;
/**
 * Why a 32-byte string is not an acceptable Ed25519 public key, or `null` if it
 * is one: a canonical encoding of a curve point that is not of small order.
 *
 * @example
 * ```ts
 * import { publicKeyProblem } from "./node-id.js";
 * const identity = new Uint8Array(32);
 * identity[0] = 1; // the neutral point
 * console.assert(publicKeyProblem(identity) === "small-order point");
 * ```
 */
export declare function publicKeyProblem(key: Uint8Array): string | null;
/**
 * The node id of a raw 32-byte Ed25519 public key.
 *
 * @example
 * ```ts
 * import { nodeIdFromPublicKey } from "./node-id.js";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
 * console.assert(nodeIdFromPublicKey(raw).length === 52);
 * ```
 */
export declare function nodeIdFromPublicKey(publicKey: Uint8Array): string;
/**
 * Whether `id` has the shape of a node id (52 lowercase base32 characters,
 * canonical). Cheap: it does not check that the key is a usable curve point;
 * {@linkcode publicKeyFromNodeId} does.
 *
 * @example
 * ```ts
 * import { isNodeId } from "./node-id.js";
 * console.assert(!isNodeId("not-an-id"));
 * ```
 */
export declare function isNodeId(id: unknown): id is string;
/**
 * The raw Ed25519 public key a node id stands for. Throws `IdentityError` for
 * anything that is not the id of a usable key (wrong length or alphabet,
 * uppercase, non-canonical, small-order or off-curve key).
 *
 * @example
 * ```ts
 * import { nodeIdFromPublicKey, publicKeyFromNodeId } from "./node-id.js";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
 * const back = publicKeyFromNodeId(nodeIdFromPublicKey(raw));
 * console.assert(back.every((b, i) => b === raw[i]));
 * ```
 */
export declare function publicKeyFromNodeId(id: string): Uint8Array;
