/**
 * The certificate source of Deno and Bun nodes: a current/next pair kept
 * under the cert path (or in memory), rotated before expiry by
 * `cert/rotator.ts`, with the identity's signed binding over the pins.
 *
 * @module
 */
import { createPinBinding } from "../cert/binding.ts";
import { type CertificateRotator, startCertificateRotation } from "../cert/rotator.ts";
import type { CertificateSource, CertificateState } from "../node/create.ts";

/**
 * Rotating certificates, persisted under `config.certPath` when it is set.
 *
 * @example
 * ```ts
 * import { rotatingCertificates } from "./certificates.ts";
 * import { generateIdentity } from "../identity/identity.ts";
 * import { resolveConfig } from "../node/config.ts";
 * import { silentLogger } from "../log.ts";
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
export const rotatingCertificates: CertificateSource = {
  async start({ config, identity, logger, signal, onChange }): Promise<CertificateState> {
    const stateOf = async (r: CertificateRotator): Promise<CertificateState> => ({
      current: r.current,
      pins: r.pins,
      binding: await createPinBinding(identity, { pins: r.pins, notAfter: r.next.notAfter }),
    });
    const rotator: CertificateRotator = await startCertificateRotation({
      certPath: config.certPath,
      hostnames: config.hostnames,
      logger,
      signal,
      onRotate: async () => await onChange(await stateOf(rotator)),
    });
    return await stateOf(rotator);
  },
};
