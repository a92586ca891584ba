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

// deno-lint-ignore no-explicit-any
type Any = any;

/**
 * Releases the native TLS wrap of `socket` (a `node:tls` socket, or a
 * `node:http2` client session: its socket) once it closes without an
 * established TLS session. Deno only; a no-op elsewhere or for anything else.
 *
 * @example
 * ```ts
 * import { connect } from "node:tls";
 * import { releaseUnestablishedTls } from "./tls-release.ts";
 * // Port 9 (discard) on loopback: refused, nothing listening.
 * const socket = connect({ host: "127.0.0.1", port: 9, rejectUnauthorized: false });
 * releaseUnestablishedTls(socket);
 * await new Promise<void>((r) => socket.on("error", () => {}).on("close", () => r()));
 * ```
 */
export function releaseUnestablishedTls(socket: unknown): void {
  if (!("Deno" in globalThis)) return;
  // An HTTP/2 session's `socket` is a proxy that throws once detached: take the real one.
  const s = own(socket, "socket") ?? socket as Any;
  if (typeof s?.once !== "function") return;
  const release = () => {
    try {
      if (s._secureEstablished) return;
      const wrap = own(s, "res");
      if (typeof wrap?.setHandle === "function") wrap.setHandle({});
    } catch { /* a Deno without this wrap: nothing to release */ }
  };
  if (s.destroyed) release();
  else s.once("close", release);
}

/** The value of `o`'s own symbol-keyed property described `name`. */
function own(o: unknown, name: string): Any {
  if (typeof o !== "object" || o === null) return undefined;
  const key = Object.getOwnPropertySymbols(o).find((k) => k.description === name);
  return key && (o as Any)[key];
}
