import { type Logger } from "../log.js";
import { type NodeIdentity } from "./identity.js";
/** Default file name of the identity key inside the cert path. */
export declare const IDENTITY_FILE = "identity.key";
/** Options for {@linkcode loadOrCreateIdentity}. */
export interface IdentityStoreOptions {
    /** Directory holding the node's key material (created 0700 if missing). */
    certPath: string;
    /** File name inside `certPath`. Default `identity.key`. */
    fileName?: string;
    /** Where to report creation and permission fixes. */
    logger?: Logger;
}
/**
 * Reads an identity key file. Rejects with `IdentityError` naming the file if
 * it is missing, unreadable, corrupt or not an Ed25519 key. Group/other
 * permissions on the file are removed (with a warning) rather than refused.
 *
 * @example
 * ```ts
 * import { loadIdentity, loadOrCreateIdentity } from "./store.js";
 * const certPath = await Deno.makeTempDir();
 * const me = await loadOrCreateIdentity({ certPath });
 * console.assert((await loadIdentity(`${certPath}/identity.key`)).id === me.id);
 * ```
 */
export declare function loadIdentity(path: string, logger?: Logger): Promise<NodeIdentity>;
/**
 * Writes an identity (created with `extractable: true`) to `path`, mode 0600,
 * never replacing an existing file (rejects with `IdentityError` if one exists).
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.js";
 * import { saveIdentity } from "./store.js";
 * const dir = await Deno.makeTempDir();
 * await saveIdentity(`${dir}/identity.key`, await generateIdentity({ extractable: true }));
 * ```
 */
export declare function saveIdentity(path: string, identity: NodeIdentity): Promise<void>;
/**
 * Loads the node identity from `<certPath>/identity.key`, creating it (and the
 * directory, 0700) on first start. Concurrent first starts agree on one key.
 * `options` may be just the cert path.
 *
 * @example
 * ```ts
 * import { loadOrCreateIdentity } from "./store.js";
 * const certPath = await Deno.makeTempDir();
 * const first = await loadOrCreateIdentity({ certPath });
 * const again = await loadOrCreateIdentity({ certPath });
 * console.assert(first.id === again.id);
 * ```
 */
export declare function loadOrCreateIdentity(options: IdentityStoreOptions | string): Promise<NodeIdentity>;
