/**
 * Pinned `@fails-components/webtransport` (HTTP/2 + WebSocket WebTransport).
 * Only the `fails` transport adapter imports this file, lazily, so Deno nodes
 * that speak HTTP/3 only never load it.
 *
 * @module
 */
export * from "npm:@fails-components/webtransport@1.6.8";
