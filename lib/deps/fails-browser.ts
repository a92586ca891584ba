/**
 * Browser build of the patched `@fails-components/webtransport` (its
 * WebTransport-over-WebSocket ponyfill), vendored like `fails.ts`.
 *
 * @module
 */
// @ts-types="../../vendor/fails-webtransport/browser.d.ts"
export * from "../../vendor/fails-webtransport/browser.js";
