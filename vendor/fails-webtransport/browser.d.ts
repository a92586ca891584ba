// Types for the vendored browser build (see browser.js): the WebSocket ponyfill.
// deno-lint-ignore-file no-explicit-any
export const WebTransportPonyfill: new (url: string, init?: Record<string, unknown>) => any;
export const WebTransportPolyfill: () => void;
