// Types for the vendored build (see node.js). geomesh's adapter uses a narrow,
// runtime-checked surface of the library (lib/transport/fails-load.ts).
// deno-lint-ignore-file no-explicit-any
export const Http2Server: new (init: Record<string, unknown>) => any;
export const Http3Server: new (init: Record<string, unknown>) => any;
export const HttpServer: new (init: Record<string, unknown>) => any;
export const WebTransport: new (url: string, init: Record<string, unknown>) => any;
export const quicheLoaded: Promise<unknown>;
