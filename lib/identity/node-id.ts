/**
 * Node ids: the lowercase unpadded base32 of a node's 32-byte Ed25519 public
 * key (52 characters). An id is therefore printable, fixed-length, and carries
 * the key itself, so anyone can check a node's signatures from its id alone.
 *
 * Parsing is strict: one key has exactly one id, and public keys that are not
 * canonical curve points or that have small order are refused, because
 * WebCrypto accepts a small-order key and then verifies trivially forged
 * signatures for it (measured in Deno and Bun: the identity point verifies the
 * all-zero signature `R = identity, S = 0` for every message), which would let
 * anyone speak as that id.
 *
 * @module
 */
import { IdentityError } from "../errors.ts";
import { base32Decode, base32Encode } from "./base32.ts";

/** Length of an Ed25519 public key in bytes. */
export const PUBLIC_KEY_LENGTH = 32;
/** Length of a node id in characters. */
export const NODE_ID_LENGTH = 52;

const NODE_ID = /^[a-z2-7]{52}$/;
const P = 2n ** 255n - 19n;
/** y coordinate of the order-8 points (the other one is P - Y8). */
const Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
const SMALL_ORDER_Y = new Set([0n, 1n, P - 1n, Y8, P - Y8]);

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = ((base % P) + P) % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

let curveD: bigint | undefined;
/** Edwards curve constant d = -121665 / 121666 mod p, computed once. */
function edwardsD(): bigint {
  curveD ??= (((-121665n * modPow(121666n, P - 2n)) % P) + P) % P;
  return curveD;
}

/**
 * Why a 32-byte string is not an acceptable Ed25519 public key, or `null` if it
 * is one: a canonical encoding of a curve point that is not of small order.
 *
 * @example
 * ```ts
 * import { publicKeyProblem } from "./node-id.ts";
 * const identity = new Uint8Array(32);
 * identity[0] = 1; // the neutral point
 * console.assert(publicKeyProblem(identity) === "small-order point");
 * ```
 */
export function publicKeyProblem(key: Uint8Array): string | null {
  if (!(key instanceof Uint8Array) || key.length !== PUBLIC_KEY_LENGTH) {
    return `not ${PUBLIC_KEY_LENGTH} bytes`;
  }
  let y = 0n;
  for (let i = PUBLIC_KEY_LENGTH - 1; i >= 0; i--) {
    y = (y << 8n) | BigInt(i === PUBLIC_KEY_LENGTH - 1 ? key[i] & 0x7f : key[i]);
  }
  if (y >= P) return "non-canonical point encoding";
  if (SMALL_ORDER_Y.has(y)) return "small-order point";
  // x^2 = (y^2 - 1) / (d y^2 + 1) must have a root: u/v is a square iff u*v is.
  const y2 = (y * y) % P;
  const u = (y2 - 1n + P) % P;
  const v = (edwardsD() * y2 + 1n) % P;
  if (modPow(u * v, (P - 1n) / 2n) !== 1n) return "not a curve point";
  return null;
}

/**
 * The node id of a raw 32-byte Ed25519 public key.
 *
 * @example
 * ```ts
 * import { nodeIdFromPublicKey } from "./node-id.ts";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
 * console.assert(nodeIdFromPublicKey(raw).length === 52);
 * ```
 */
export function nodeIdFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new TypeError(`an Ed25519 public key is ${PUBLIC_KEY_LENGTH} bytes`);
  }
  return base32Encode(publicKey);
}

/**
 * Whether `id` has the shape of a node id (52 lowercase base32 characters,
 * canonical). Cheap: it does not check that the key is a usable curve point;
 * {@linkcode publicKeyFromNodeId} does.
 *
 * @example
 * ```ts
 * import { isNodeId } from "./node-id.ts";
 * console.assert(!isNodeId("not-an-id"));
 * ```
 */
export function isNodeId(id: unknown): id is string {
  return typeof id === "string" && NODE_ID.test(id) && base32Decode(id) !== null;
}

/**
 * The raw Ed25519 public key a node id stands for. Throws `IdentityError` for
 * anything that is not the id of a usable key (wrong length or alphabet,
 * uppercase, non-canonical, small-order or off-curve key).
 *
 * @example
 * ```ts
 * import { nodeIdFromPublicKey, publicKeyFromNodeId } from "./node-id.ts";
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]) as CryptoKeyPair;
 * const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
 * const back = publicKeyFromNodeId(nodeIdFromPublicKey(raw));
 * console.assert(back.every((b, i) => b === raw[i]));
 * ```
 */
export function publicKeyFromNodeId(id: string): Uint8Array {
  if (typeof id !== "string") throw new TypeError("a node id is a string");
  const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}...` : id);
  if (!NODE_ID.test(id)) {
    throw new IdentityError(
      `bad node id ${shown}: expected ${NODE_ID_LENGTH} lowercase base32 characters (a-z, 2-7)`,
    );
  }
  const key = base32Decode(id);
  if (key === null) throw new IdentityError(`bad node id ${shown}: non-canonical base32`);
  const problem = publicKeyProblem(key);
  if (problem) throw new IdentityError(`bad node id ${shown}: unusable public key (${problem})`);
  return key;
}
