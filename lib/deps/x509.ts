/**
 * Pinned X.509 dependency. `@peculiar/x509` 2.x needs a Reflect metadata
 * polyfill loaded before it (it throws at import time otherwise), so the
 * polyfill is imported first here and nowhere else.
 *
 * @module
 */
import "npm:reflect-metadata@0.2.2";
export * as x509 from "npm:@peculiar/x509@2.2.0";
