import type { CertificateSource } from "../node/create.js";
/**
 * Rotating certificates, persisted under `config.certPath` when it is set.
 *
 * @example
 * ```ts
 * import { rotatingCertificates } from "./certificates.js";
 * import { generateIdentity } from "../identity/identity.js";
 * import { resolveConfig } from "../node/config.js";
 * import { silentLogger } from "../log.js";
 * const stop = new AbortController();
 * const state = await rotatingCertificates.start({
 *   config: resolveConfig({ port: 0 }),
 *   identity: await generateIdentity(),
 *   logger: silentLogger,
 *   signal: stop.signal,
 *   onChange: () => Promise.resolve(),
 * });
 * console.assert(state.pins.length === 2 && state.binding.length > 0);
 * stop.abort();
 * ```
 */
export declare const rotatingCertificates: CertificateSource;
