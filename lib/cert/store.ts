/**
 * TLS certificates persisted under the cert path: `tls-current.pem` and
 * `tls-next.pem`, each holding the certificate followed by its PKCS#8 private
 * key (mode 0600, directory 0700). One file per certificate keeps the pair
 * atomic: a crash between two writes can never leave a certificate beside the
 * wrong key. `openssl x509 -in tls-current.pem` reads the certificate part.
 *
 * A file that is corrupt or breaks the browser rules (RSA, other curves, over
 * 14 days, key not matching) is an error, never silently replaced; expired
 * certificates are the normal life cycle and are replaced.
 *
 * Node-only (node:fs/promises).
 *
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CertificateError } from "../errors.ts";
import { silentLogger } from "../log.ts";
import type { TlsCertificate } from "./generate.ts";
import { parseCertificate } from "./parse.ts";
import {
  type CertificatePair,
  type RotationOptions,
  type RotationResult,
  updateCertificates,
} from "./rotation.ts";
import { ensurePrivateDir, restrictMode, writePrivateFile } from "../files/secure-file.ts";

/** File holding the served certificate and key. */
export const CURRENT_CERT_FILE = "tls-current.pem";
/** File holding the next certificate and key. */
export const NEXT_CERT_FILE = "tls-next.pem";
const MAX_FILE_SIZE = 64 * 1024;

/** Options for {@linkcode loadOrCreateCertificates}. */
export interface CertificateStoreOptions extends RotationOptions {
  /** Directory for the key material (created 0700 if missing). */
  certPath: string;
}

/**
 * Reads one `certificate + key` PEM file. With `checkValidity: false` an
 * expired or not-yet-valid certificate is returned (the store decides); every
 * other problem rejects with `CertificateError` naming the file.
 *
 * @example
 * ```ts
 * import { loadCertificateFile, saveCertificateFile } from "./store.ts";
 * import { generateCertificate } from "./generate.ts";
 * const dir = await Deno.makeTempDir();
 * await saveCertificateFile(`${dir}/tls.pem`, await generateCertificate({ hostnames: ["127.0.0.1"] }));
 * console.assert((await loadCertificateFile(`${dir}/tls.pem`)).pin.length === 32);
 * ```
 */
export async function loadCertificateFile(
  path: string,
  options: { now?: Date | number; checkValidity?: boolean } = {},
): Promise<TlsCertificate> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_SIZE) throw new Error(`file is ${info.size} bytes, too big`);
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new CertificateError(`cannot read certificate file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return await parseCertificate(text, text, { ...options, source: path });
}

/**
 * Writes a certificate and its key to one PEM file, atomically, mode 0600.
 *
 * @example
 * ```ts
 * import { saveCertificateFile } from "./store.ts";
 * import { generateCertificate } from "./generate.ts";
 * const dir = await Deno.makeTempDir();
 * await saveCertificateFile(`${dir}/tls.pem`, await generateCertificate());
 * ```
 */
export async function saveCertificateFile(path: string, cert: TlsCertificate): Promise<void> {
  try {
    await writePrivateFile(path, cert.certPem + cert.keyPem);
  } catch (err) {
    throw new CertificateError(`cannot write certificate file ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

async function loadIfPresent(path: string, now: number | Date | undefined) {
  try {
    await stat(path);
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return undefined;
    throw new CertificateError(
      `cannot access certificate file ${path}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  await restrictMode(path).catch(() => null);
  return await loadCertificateFile(path, { now, checkValidity: false });
}

/**
 * Loads `tls-current.pem` / `tls-next.pem` from the cert path, rotates if due
 * (see `rotation.ts`), generates whatever is missing or expired, and writes
 * back what changed. Returns both certificates; advertise both pins.
 *
 * @example
 * ```ts
 * import { loadOrCreateCertificates } from "./store.ts";
 * const certPath = await Deno.makeTempDir();
 * const { current, next } = await loadOrCreateCertificates({ certPath, hostnames: ["127.0.0.1"] });
 * const again = await loadOrCreateCertificates({ certPath, hostnames: ["127.0.0.1"] });
 * console.assert(again.current.pin.join() === current.pin.join() && again.next.pin.join() === next.pin.join());
 * ```
 */
export async function loadOrCreateCertificates(
  options: CertificateStoreOptions,
): Promise<RotationResult> {
  const { certPath } = options;
  if (typeof certPath !== "string" || !certPath) {
    throw new TypeError("certPath must be a non-empty string");
  }
  const currentFile = join(certPath, CURRENT_CERT_FILE);
  const nextFile = join(certPath, NEXT_CERT_FILE);
  const state: Partial<CertificatePair> = {
    current: await loadIfPresent(currentFile, options.now),
    next: await loadIfPresent(nextFile, options.now),
  };
  const result = await updateCertificates(state, options);
  if (result.currentChanged || result.nextChanged) {
    try {
      await ensurePrivateDir(certPath);
    } catch (err) {
      throw new CertificateError(`cannot create cert path ${certPath}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  // Current first: a crash in between leaves next == current on disk, which the
  // next start recognises as unusable and replaces.
  if (result.currentChanged) await saveCertificateFile(currentFile, result.current);
  if (result.nextChanged) await saveCertificateFile(nextFile, result.next);
  (options.logger ?? silentLogger).debug("certificates ready", {
    certPath,
    currentNotAfter: result.current.notAfter.toISOString(),
    nextNotBefore: result.next.notBefore.toISOString(),
  });
  return result;
}
