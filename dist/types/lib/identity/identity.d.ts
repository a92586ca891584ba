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
export type IdentityKeyMaterial = {
    pkcs8: Uint8Array;
} | {
    jwk: JsonWebKey;
};
/**
 * Creates a new random identity.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * const me = await generateIdentity();
 * console.assert(me.id.length === 52 && (await me.sign("hello", new Uint8Array())).length === 64);
 * ```
 */
export declare function generateIdentity(options?: IdentityOptions): Promise<NodeIdentity>;
/**
 * Rebuilds an identity from a PKCS#8 or JWK Ed25519 private key. Rejects with
 * `IdentityError` if the material is not a usable Ed25519 private key, or (for
 * JWK) if its public part does not belong to its private part.
 *
 * @example
 * ```ts
 * import { exportIdentity, generateIdentity, importIdentity } from "./identity.js";
 * const me = await generateIdentity({ extractable: true });
 * const again = await importIdentity({ pkcs8: await exportIdentity(me) });
 * console.assert(again.id === me.id);
 * ```
 */
export declare function importIdentity(material: IdentityKeyMaterial, options?: IdentityOptions): Promise<NodeIdentity>;
/**
 * Exports an identity's private key as PKCS#8 (requires `extractable: true`
 * at creation or import).
 *
 * @example
 * ```ts
 * import { exportIdentity, generateIdentity } from "./identity.js";
 * const me = await generateIdentity({ extractable: true });
 * console.assert((await exportIdentity(me)).length === 48);
 * ```
 */
export declare function exportIdentity(identity: NodeIdentity): Promise<Uint8Array>;
