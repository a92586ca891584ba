/**
 * Persistence of the node identity under the cert path: `<certPath>/identity.key`,
 * a PKCS#8 PEM Ed25519 private key (readable by `openssl pkey`), mode 0600 in a
 * 0700 directory. A file that exists but is not a usable Ed25519 key is refused
 * with `IdentityError` and never replaced: replacing it would silently change
 * the node id that peers know.
 *
 * Node-only (node:fs/promises); browser code imports `identity.ts` instead.
 *
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { IdentityError } from "../errors.ts";
import { type Logger, silentLogger } from "../log.ts";
import { decodePem, encodePem } from "../codec/pem.ts";
import { ensurePrivateDir, restrictMode, writePrivateFile } from "../files/secure-file.ts";
import { exportIdentity, generateIdentity, importIdentity, type NodeIdentity } from "./identity.ts";

/** Default file name of the identity key inside the cert path. */
export const IDENTITY_FILE = "identity.key";
const PEM_LABEL = "PRIVATE KEY";
/** A PKCS#8 Ed25519 PEM is ~120 bytes; anything huge is not ours. */
const MAX_FILE_SIZE = 16 * 1024;

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
 * import { loadIdentity, loadOrCreateIdentity } from "./store.ts";
 * const certPath = await Deno.makeTempDir();
 * const me = await loadOrCreateIdentity({ certPath });
 * console.assert((await loadIdentity(`${certPath}/identity.key`)).id === me.id);
 * ```
 */
export async function loadIdentity(
  path: string,
  logger: Logger = silentLogger,
): Promise<NodeIdentity> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_SIZE) throw new Error(`file is ${info.size} bytes, too big for a key`);
    const old = await restrictMode(path);
    if (old !== null) {
      logger.warn("identity key was readable by others; restricted to owner", {
        path,
        mode: old.toString(8),
      });
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new IdentityError(`cannot read identity key ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let pkcs8: Uint8Array;
  try {
    const blocks = decodePem(text);
    if (blocks.length !== 1 || blocks[0].label !== PEM_LABEL) {
      throw new Error(
        `expected one "${PEM_LABEL}" block, found ${blocks.map((b) => `"${b.label}"`).join(", ")}`,
      );
    }
    pkcs8 = blocks[0].der;
  } catch (err) {
    throw new IdentityError(`identity key ${path} is corrupt: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    return await importIdentity({ pkcs8 });
  } catch (err) {
    throw new IdentityError(`identity key ${path} is unusable: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * Writes an identity (created with `extractable: true`) to `path`, mode 0600,
 * never replacing an existing file (rejects with `IdentityError` if one exists).
 *
 * @example
 * ```ts
 * import { generateIdentity } from "./identity.ts";
 * import { saveIdentity } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * await saveIdentity(`${dir}/identity.key`, await generateIdentity({ extractable: true }));
 * ```
 */
export async function saveIdentity(path: string, identity: NodeIdentity): Promise<void> {
  const pem = encodePem(await exportIdentity(identity), PEM_LABEL);
  try {
    await writePrivateFile(path, pem, { exclusive: true });
  } catch (err) {
    const exists = (err as { code?: string }).code === "EEXIST";
    throw new IdentityError(
      exists
        ? `identity key ${path} already exists; not replacing it`
        : `cannot write identity key ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/**
 * Loads the node identity from `<certPath>/identity.key`, creating it (and the
 * directory, 0700) on first start. Concurrent first starts agree on one key.
 * `options` may be just the cert path.
 *
 * @example
 * ```ts
 * import { loadOrCreateIdentity } from "./store.ts";
 * const certPath = await Deno.makeTempDir();
 * const first = await loadOrCreateIdentity({ certPath });
 * const again = await loadOrCreateIdentity({ certPath });
 * console.assert(first.id === again.id);
 * ```
 */
export async function loadOrCreateIdentity(
  options: IdentityStoreOptions | string,
): Promise<NodeIdentity> {
  if (typeof options === "string") options = { certPath: options };
  const { certPath } = options;
  if (typeof certPath !== "string" || !certPath) {
    throw new TypeError("certPath must be a non-empty string");
  }
  const fileName = options.fileName ?? IDENTITY_FILE;
  if (typeof fileName !== "string" || !fileName || /[/\\]/.test(fileName)) {
    throw new TypeError("fileName must be a plain file name");
  }
  const logger = options.logger ?? silentLogger;
  const path = join(certPath, fileName);
  if (await exists(path)) return await loadIdentity(path, logger);
  try {
    await ensurePrivateDir(certPath);
  } catch (err) {
    throw new IdentityError(`cannot create cert path ${certPath}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const fresh = await generateIdentity({ extractable: true });
  try {
    await saveIdentity(path, fresh);
  } catch (err) {
    // Another process created it between our check and our write: use theirs.
    if (((err as Error).cause as { code?: string })?.code === "EEXIST") {
      return await loadIdentity(path, logger);
    }
    throw err;
  }
  logger.info("created node identity", { path, id: fresh.id });
  // Hand out a non-extractable copy: the running node never needs to export it.
  return await loadIdentity(path, logger);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return false;
    throw new IdentityError(`cannot access identity key ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
