/**
 * The node identity: a long-lived Ed25519 key pair (WebCrypto, so the same code
 * runs in Deno, Bun and Chromium) whose public key is the node id. Nothing here
 * touches the file system; `store.ts` persists identities.
 *
 * @module
 */
import { IdentityError } from "../errors.ts";
import { signedBytes } from "./domain.ts";
import { nodeIdFromPublicKey, publicKeyProblem } from "./node-id.ts";
import { rememberVerificationKey, verify } from "./verify.ts";

/** A node's signing identity. */
export interface NodeIdentity {
  /** Node id: base32 of the public key (52 characters). */
  readonly id: string;
  /** Raw 32-byte Ed25519 public key (a fresh copy on every read). */
  readonly publicKey: Uint8Array;
  /** The WebCrypto private key (extractable only if asked for at creation). */
  readonly privateKey: CryptoKey;
  /**
   * Signs `data` for the purpose `domain` (see `domain.ts`): the signature
   * covers `"geomesh/v1\0" + domain + "\0" + data` and is 64 bytes.
   */
  sign(domain: string, data: Uint8Array): Promise<Uint8Array>;
}

/** Options for {@linkcode generateIdentity} and {@linkcode importIdentity}. */
export interface IdentityOptions {
  /** Allow exporting the private key later (needed to persist it). Default false. */
  extractable?: boolean;
}

/** Private key material accepted by {@linkcode importIdentity}. */
export type IdentityKeyMaterial =
  | { pkcs8: Uint8Array }
  | { jwk: JsonWebKey };

const ALG = { name: "Ed25519" } as const;

class Identity implements NodeIdentity {
  readonly id: string;
  readonly privateKey: CryptoKey;
  readonly #publicKey: Uint8Array;

  constructor(publicKey: Uint8Array, privateKey: CryptoKey) {
    this.#publicKey = publicKey;
    this.id = nodeIdFromPublicKey(publicKey);
    this.privateKey = privateKey;
  }

  get publicKey(): Uint8Array {
    return this.#publicKey.slice();
  }

  async sign(domain: string, data: Uint8Array): Promise<Uint8Array> {
    const message = signedBytes(domain, data);
    return new Uint8Array(await crypto.subtle.sign(ALG, this.privateKey, message));
  }

  toJSON(): { id: string } {
    return { id: this.id }; // never serialise key material by accident
  }
}

/**
 * Creates a new random identity.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * const me = await generateIdentity();
 * console.assert(me.id.length === 52 && (await me.sign("hello", new Uint8Array())).length === 64);
 * ```
 */
export async function generateIdentity(options: IdentityOptions = {}): Promise<NodeIdentity> {
  const extractable = options.extractable ?? false;
  for (;;) {
    const pair = await crypto.subtle.generateKey(ALG, extractable, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    // A random key is never of small order in practice; checking keeps ids and
    // publicKeyFromNodeId consistent by construction.
    if (publicKeyProblem(raw) !== null) continue;
    const identity = new Identity(raw, pair.privateKey);
    rememberVerificationKey(identity.id, pair.publicKey);
    return identity;
  }
}

function bytesOf(value: ArrayBuffer | Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value instanceof Uint8Array ? value.slice() : value);
}

/**
 * Rebuilds an identity from a PKCS#8 or JWK Ed25519 private key. Rejects with
 * `IdentityError` if the material is not a usable Ed25519 private key, or (for
 * JWK) if its public part does not belong to its private part.
 *
 * @example
 * ```ts
 * import { exportIdentity, generateIdentity, importIdentity } from "./identity.ts";
 * const me = await generateIdentity({ extractable: true });
 * const again = await importIdentity({ pkcs8: await exportIdentity(me) });
 * console.assert(again.id === me.id);
 * ```
 */
export async function importIdentity(
  material: IdentityKeyMaterial,
  options: IdentityOptions = {},
): Promise<NodeIdentity> {
  if (material === null || typeof material !== "object") {
    throw new TypeError("importIdentity expects { pkcs8 } or { jwk }");
  }
  let jwk: JsonWebKey;
  try {
    if ("pkcs8" in material) {
      if (!(material.pkcs8 instanceof Uint8Array)) {
        throw new TypeError("pkcs8 must be a Uint8Array");
      }
      // Imported extractable once, only to let the runtime derive the public key.
      const key = await crypto.subtle.importKey("pkcs8", bytesOf(material.pkcs8), ALG, true, [
        "sign",
      ]);
      jwk = await crypto.subtle.exportKey("jwk", key);
    } else if ("jwk" in material) {
      jwk = material.jwk;
    } else {
      throw new TypeError("importIdentity expects { pkcs8 } or { jwk }");
    }
  } catch (err) {
    if (err instanceof TypeError) throw err;
    throw new IdentityError(`not an Ed25519 private key (PKCS#8): ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (
    jwk?.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" ||
    typeof jwk.x !== "string"
  ) {
    throw new IdentityError(
      "not an Ed25519 private key (expected an OKP/Ed25519 JWK with d and x)",
    );
  }
  const raw = base64urlDecode(jwk.x);
  const problem = raw === null ? "bad base64url" : publicKeyProblem(raw);
  if (raw === null || problem !== null) {
    throw new IdentityError(`unusable Ed25519 public key in identity key: ${problem}`);
  }
  const clean: JsonWebKey = { kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x };
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey("jwk", clean, ALG, options.extractable ?? false, [
      "sign",
    ]);
  } catch (err) {
    throw new IdentityError(`not an Ed25519 private key: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const identity = new Identity(raw, privateKey);
  // WebCrypto accepts a JWK whose x does not match d (measured in Deno and Bun):
  // prove the pair belongs together before trusting the id.
  const probe = crypto.getRandomValues(new Uint8Array(32));
  if (
    !(await verify(
      identity.id,
      "identity-check",
      probe,
      await identity.sign("identity-check", probe),
    ))
  ) {
    throw new IdentityError(
      "identity key is inconsistent: its public key does not match its private key",
    );
  }
  return identity;
}

/**
 * Exports an identity's private key as PKCS#8 (requires `extractable: true`
 * at creation or import).
 *
 * @example
 * ```ts
 * import { exportIdentity, generateIdentity } from "./identity.ts";
 * const me = await generateIdentity({ extractable: true });
 * console.assert((await exportIdentity(me)).length === 48);
 * ```
 */
export async function exportIdentity(identity: NodeIdentity): Promise<Uint8Array> {
  if (!identity.privateKey.extractable) {
    throw new TypeError("identity key is not extractable (create it with { extractable: true })");
  }
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", identity.privateKey));
}

function base64urlDecode(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
