/**
 * A thin `node:dgram` wrapper that behaves the same under Deno and Bun:
 *
 * - Deno's `node:dgram` issues each `send` as its own async operation, and a
 *   burst of them reaches the wire out of order (measured: ~1000 inversions
 *   in 2000 unpaced sends, 31 in 90k at a steady 30k/s). A relay must not
 *   invent reordering, so under Deno each send starts when the previous
 *   one's callback ran. Bun sends synchronously and in order.
 * - `close()` is idempotent (Bun throws on a second close, Deno does not).
 *
 * @module
 */
import dgram from "node:dgram";
import { isIPv6 } from "node:net";

/** Where a datagram came from. */
export interface Peer {
  address: string;
  port: number;
}

/** A bound UDP socket. */
export interface UdpSocket {
  /** The bound port. */
  readonly port: number;
  /** Sends `data` to `to` (dropped after close). */
  send(data: Uint8Array, to: Peer): void;
  /** Closes the socket; a second call does nothing. */
  close(): void;
  /** True after close. */
  readonly closed: boolean;
}

const SERIAL_SEND = "Deno" in globalThis;
/** Datagrams that may wait for Deno's one-at-a-time send; more are dropped, as by a full NIC queue. */
const MAX_WAITING = 4096;

/**
 * Binds a UDP socket on `host:port` (0 for any free port). Rejects with the
 * bind error (`EADDRINUSE`: `code` kept) so callers can retry another port.
 *
 * @example
 * ```ts
 * import { bindUdp } from "./udp-socket.ts";
 * const { promise, resolve } = Promise.withResolvers<number>();
 * const receiver = await bindUdp("127.0.0.1", 0, (data) => resolve(data.length));
 * const sender = await bindUdp("127.0.0.1", 0, () => {});
 * sender.send(new Uint8Array(3), { address: "127.0.0.1", port: receiver.port });
 * console.assert(await promise === 3);
 * sender.close();
 * receiver.close();
 * receiver.close(); // idempotent
 * ```
 */
export function bindUdp(
  host: string,
  port: number,
  onMessage: (data: Uint8Array, from: Peer) => void,
): Promise<UdpSocket> {
  const socket = dgram.createSocket(isIPv6(host) ? "udp6" : "udp4");
  let closed = false;
  const queue: Array<[Uint8Array, Peer]> = [];
  let sending = false;
  const close = () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    try {
      socket.close();
    } catch { /* a socket whose bind failed is not running */ }
  };
  // Deno only: one send in flight at a time, the rest wait here in order.
  const pump = () => {
    if (sending || closed) return;
    const next = queue.shift();
    if (!next) return;
    sending = true;
    try {
      socket.send(next[0], next[1].port, next[1].address, () => {
        sending = false;
        pump();
      });
    } catch {
      sending = false; // closed underneath us: dropped, as a wire would
    }
  };
  return new Promise((resolve, reject) => {
    let bound = false;
    socket.on("error", (err) => {
      // Before the bind this is the bind failure; afterwards (ICMP unreachable
      // and the like) a relay drops the datagram, as a router would.
      if (!bound) {
        close();
        reject(err);
      }
    });
    socket.on("message", (msg: Uint8Array, rinfo: Peer) => {
      if (!closed) onMessage(msg, { address: rinfo.address, port: rinfo.port });
    });
    socket.bind(port, host, () => {
      bound = true;
      const actual = socket.address().port;
      resolve({
        port: actual,
        send(data, to) {
          if (closed) return;
          if (SERIAL_SEND) {
            if (queue.length >= MAX_WAITING) return;
            queue.push([data, to]);
            pump();
            return;
          }
          try {
            socket.send(data, to.port, to.address);
          } catch { /* closed underneath us: dropped */ }
        },
        close,
        get closed() {
          return closed;
        },
      });
    });
  });
}
