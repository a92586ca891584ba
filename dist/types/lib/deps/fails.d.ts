/**
 * `@fails-components/webtransport` 1.6.8 (HTTP/2 + WebSocket WebTransport),
 * as the vendored, patched build in `vendor/fails-webtransport/node.js`
 * (made by `scripts/vendor-fails.ts` from the package with `patches/` applied).
 * Vendored so that Deno URL imports and Bun installs, which never run our
 * install script, still get the fixed library. Only the `fails` adapter
 * imports this file, lazily, so Deno nodes that speak HTTP/3 only never load it.
 *
 * @module
 */
export * from "../../vendor/fails-webtransport/node.js";
