/**
 * TLS certificates for WebTransport: self-signed ECDSA P-256 generation
 * (valid <= 14 days), PEM loading with validation, SHA-256 pins, rotation with
 * current + next pins, persistence under the cert path (node-only: `store.ts`,
 * `rotator.ts` with a cert path), and identity-signed pin bindings.
 *
 * Browser code should import `generate.ts`, `pin.ts`, `binding.ts` directly:
 * this module also re-exports the file store, which imports `node:fs`.
 *
 * @example
 * ```ts
 * import { certificatePins, createCertificatePair, pinToString } from "./mod.ts";
 * const pair = await createCertificatePair({ hostnames: ["127.0.0.1"] });
 * console.assert(certificatePins(pair).map(pinToString).every((p) => p.length === 43));
 * ```
 *
 * @module
 */
export {
  CLOCK_SKEW_MS,
  DEFAULT_HOSTNAMES,
  generateCertificate,
  type GenerateCertificateOptions,
  MAX_VALIDITY_DAYS,
  MAX_VALIDITY_MS,
  sanType,
  type TlsCertificate,
} from "./generate.ts";
export { certificatePin, pinFromString, pinToString } from "./pin.ts";
export { base64Encode, decodePem, encodePem, type PemBlock } from "../codec/pem.ts";
export { parseCertificate, type ParseCertificateOptions } from "./parse.ts";
export {
  type CertificatePair,
  certificatePins,
  createCertificatePair,
  DEFAULT_RENEW_BEFORE_MS,
  type RotationOptions,
  rotationPolicy,
  type RotationResult,
  rotationTime,
  updateCertificates,
} from "./rotation.ts";
export {
  type CertificateStoreOptions,
  CURRENT_CERT_FILE,
  loadCertificateFile,
  loadOrCreateCertificates,
  NEXT_CERT_FILE,
  saveCertificateFile,
} from "./store.ts";
export {
  type CertificateRotator,
  type CertificateRotatorOptions,
  startCertificateRotation,
} from "./rotator.ts";
export {
  createPinBinding,
  type CreatePinBindingOptions,
  decodePinBinding,
  MAX_BOUND_PINS,
  MAX_PIN_BINDING_SIZE,
  PIN_BINDING_VERSION,
  type PinBinding,
  verifyPinBinding,
  type VerifyPinBindingOptions,
} from "./binding.ts";
