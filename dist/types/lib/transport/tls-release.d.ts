/**
 * Works around a Deno (2.9) `node:tls` leak: a client TLS socket that never
 * got its TLS session up (TCP refused, dial timed out, closed during the
 * handshake) stays reachable for the life of the process. Its native
 * `TLSWrap` holds a global handle to itself (`setHandle(wrap)`, so Rust can
 * call back into JS), released only when an established session ends.
 * Every failed HTTP/2 dial kept the whole dial (the fails client, its HTTP/2
 * session, streams, closures: ~24 KiB) alive, so a Deno node redialing a
 * restarting peer grew its live heap by ~0.4 MiB/min in the soak. Once the
 * socket has closed nothing calls back; pointing the handle at an empty
 * object lets the collector take the wrap and the dial.
 *
 * Bun and established sessions are left alone (neither leaks). Server-side
 * sockets that fail their handshake are held only until node's 120 s
 * handshake timer fires (bounded), so they are not touched either.
 *
 * @module
 */
/**
 * Releases the native TLS wrap of `socket` (a `node:tls` socket, or a
 * `node:http2` client session: its socket) once it closes without an
 * established TLS session. Deno only; a no-op elsewhere or for anything else.
 *
 * @example
 * ```ts
 * import { connect } from "node:tls";
 * import { releaseUnestablishedTls } from "./tls-release.js";
 * // Port 9 (discard) on loopback: refused, nothing listening.
 * const socket = connect({ host: "127.0.0.1", port: 9, rejectUnauthorized: false });
 * releaseUnestablishedTls(socket);
 * await new Promise<void>((r) => socket.on("error", () => {}).on("close", () => r()));
 * ```
 */
export declare function releaseUnestablishedTls(socket: unknown): void;
