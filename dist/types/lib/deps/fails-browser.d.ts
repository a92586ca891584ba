/**
 * Browser build of the patched `@fails-components/webtransport` (its
 * WebTransport-over-WebSocket ponyfill), vendored like `fails.ts`.
 *
 * @module
 */
export * from "../../vendor/fails-webtransport/browser.js";
