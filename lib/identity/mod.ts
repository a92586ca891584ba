/**
 * Node identity: Ed25519 keys, node ids, domain-separated signatures, and
 * (node-only, from `store.ts`) persistence under the cert path.
 *
 * Browser code should import `identity.ts`, `verify.ts`, `node-id.ts` and
 * `domain.ts` directly: this module also re-exports `store.ts`, which imports
 * `node:fs`.
 *
 * @example
 * ```ts
 * import { generateIdentity, SignatureDomain, verify } from "./mod.ts";
 * const me = await generateIdentity();
 * const data = new TextEncoder().encode("payload");
 * const sig = await me.sign(SignatureDomain.Message, data);
 * console.assert(await verify(me.id, SignatureDomain.Message, data, sig));
 * ```
 *
 * @module
 */
export { base32Decode, base32Encode } from "./base32.ts";
export {
  assertDomain,
  domainPrefix,
  SIGNATURE_CONTEXT,
  SignatureDomain,
  type SignatureDomainName,
  signedBytes,
} from "./domain.ts";
export {
  exportIdentity,
  generateIdentity,
  type IdentityKeyMaterial,
  type IdentityOptions,
  importIdentity,
  type NodeIdentity,
} from "./identity.ts";
export { DEFAULT_KEY_CACHE_SIZE, KeyCache } from "./key-cache.ts";
export {
  isNodeId,
  NODE_ID_LENGTH,
  nodeIdFromPublicKey,
  PUBLIC_KEY_LENGTH,
  publicKeyFromNodeId,
  publicKeyProblem,
} from "./node-id.ts";
export {
  assertSignature,
  clearKeyCache,
  setKeyCacheSize,
  SIGNATURE_LENGTH,
  verificationKey,
  verify,
  verifyFromNodeId,
} from "./verify.ts";
export {
  IDENTITY_FILE,
  type IdentityStoreOptions,
  loadIdentity,
  loadOrCreateIdentity,
  saveIdentity,
} from "./store.ts";
