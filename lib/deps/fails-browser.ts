/**
 * Browser build of the patched `@fails-components/webtransport` (its
 * WebTransport-over-WebSocket ponyfill), vendored like `fails.ts`.
 *
 * @module
 */
// @ts-types="npm:@fails-components/webtransport@1.6.8"
export * from "../../vendor/fails-webtransport/browser.js";
