/**
 * Pinned X.509 dependency. `@peculiar/x509` 2.x needs a Reflect metadata
 * polyfill loaded before it (it throws at import time otherwise), so the
 * polyfill is imported first here and nowhere else.
 *
 * @module
 */
import "reflect-metadata";
export * as x509 from "@peculiar/x509";
