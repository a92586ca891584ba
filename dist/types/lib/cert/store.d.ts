import type { TlsCertificate } from "./generate.js";
import { type RotationOptions, type RotationResult } from "./rotation.js";
/** File holding the served certificate and key. */
export declare const CURRENT_CERT_FILE = "tls-current.pem";
/** File holding the next certificate and key. */
export declare const NEXT_CERT_FILE = "tls-next.pem";
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
 * import { loadCertificateFile, saveCertificateFile } from "./store.js";
 * import { generateCertificate } from "./generate.js";
 * const dir = await Deno.makeTempDir();
 * await saveCertificateFile(`${dir}/tls.pem`, await generateCertificate({ hostnames: ["127.0.0.1"] }));
 * console.assert((await loadCertificateFile(`${dir}/tls.pem`)).pin.length === 32);
 * ```
 */
export declare function loadCertificateFile(path: string, options?: {
    now?: Date | number;
    checkValidity?: boolean;
}): Promise<TlsCertificate>;
/**
 * Writes a certificate and its key to one PEM file, atomically, mode 0600.
 *
 * @example
 * ```ts
 * import { saveCertificateFile } from "./store.js";
 * import { generateCertificate } from "./generate.js";
 * const dir = await Deno.makeTempDir();
 * await saveCertificateFile(`${dir}/tls.pem`, await generateCertificate());
 * ```
 */
export declare function saveCertificateFile(path: string, cert: TlsCertificate): Promise<void>;
/**
 * Loads `tls-current.pem` / `tls-next.pem` from the cert path, rotates if due
 * (see `rotation.ts`), generates whatever is missing or expired, and writes
 * back what changed. Returns both certificates; advertise both pins.
 *
 * @example
 * ```ts
 * import { loadOrCreateCertificates } from "./store.js";
 * const certPath = await Deno.makeTempDir();
 * const { current, next } = await loadOrCreateCertificates({ certPath, hostnames: ["127.0.0.1"] });
 * const again = await loadOrCreateCertificates({ certPath, hostnames: ["127.0.0.1"] });
 * console.assert(again.current.pin.join() === current.pin.join() && again.next.pin.join() === next.pin.join());
 * ```
 */
export declare function loadOrCreateCertificates(options: CertificateStoreOptions): Promise<RotationResult>;
