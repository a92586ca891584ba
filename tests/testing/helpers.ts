/**
 * Helpers for the impairment tests: loopback UDP/TCP endpoints that record
 * what arrives and when, numbered datagrams, pacing and percentiles.
 */
import net from "node:net";
import { bindUdp, type Peer, type UdpSocket } from "../../lib/testing/udp-socket.ts";

/** One datagram as received. */
export interface Arrival {
  seq: number;
  /** `performance.now()` when the sender stamped it. */
  sentAt: number;
  /** `performance.now()` on arrival. */
  at: number;
  from: Peer;
  size: number;
}

/** A UDP socket that records arrivals (and echoes them back when `echo`). */
export interface Endpoint {
  socket: UdpSocket;
  port: number;
  arrivals: Arrival[];
  /** Resolves with the next arrival (or undefined after `ms`). */
  next(ms?: number): Promise<Arrival | undefined>;
  close(): void;
}

/** A datagram carrying `seq` and a send timestamp, padded to `size` bytes. */
export function datagram(seq: number, size = 64): Uint8Array {
  const buf = new Uint8Array(Math.max(12, size));
  const view = new DataView(buf.buffer);
  view.setUint32(0, seq);
  view.setFloat64(4, performance.now());
  return buf;
}

/** Binds a recording UDP endpoint on loopback; `echo` sends every datagram back. */
export async function endpoint(echo = false): Promise<Endpoint> {
  const arrivals: Arrival[] = [];
  let waiter: ((a: Arrival) => void) | undefined;
  let socket: UdpSocket | undefined = undefined;
  socket = await bindUdp("127.0.0.1", 0, (data, from) => {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const arrival = {
      seq: view.getUint32(0),
      sentAt: view.getFloat64(4),
      at: performance.now(),
      from,
      size: data.length,
    };
    arrivals.push(arrival);
    if (echo) socket?.send(data, from);
    waiter?.(arrival);
  });
  const s = socket;
  const next = (ms = 2000) =>
    new Promise<Arrival | undefined>((resolve) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, ms);
      waiter = (a) => {
        clearTimeout(timer);
        waiter = undefined;
        resolve(a);
      };
    });
  return { socket: s, port: s.port, arrivals, next, close: () => s.close() };
}

/** Sends `count` numbered datagrams to `port`, `batch` at a time every `gapMs`. */
export async function sendPaced(
  from: UdpSocket,
  port: number,
  count: number,
  options: { batch?: number; gapMs?: number; size?: number; first?: number } = {},
): Promise<void> {
  const { batch = 10, gapMs = 2, size = 64, first = 0 } = options;
  for (let i = 0; i < count; i++) {
    from.send(datagram(first + i, size), { address: "127.0.0.1", port });
    if (i % batch === batch - 1) await sleep(gapMs);
  }
}

/**
 * Sends numbered datagrams at `rate` per second for `ms`, by the clock (so a
 * slow timer sends bigger batches, not fewer datagrams); returns how many.
 */
export async function sendAtRate(
  from: UdpSocket,
  port: number,
  rate: number,
  ms: number,
  options: { size?: number; first?: number } = {},
): Promise<{ sent: number; elapsedMs: number }> {
  const { size = 200, first = 0 } = options;
  const total = Math.round((rate * ms) / 1000);
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) from.send(datagram(first + sent++, size), { address: "127.0.0.1", port });
    await sleep(1);
  }
  return { sent, elapsedMs: performance.now() - start };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check()` or `ms` elapse; returns whether it held. */
export async function waitFor(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(2);
  }
  return true;
}

/** The p-th percentile (0..100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** "p50 x p99 y" with two decimals. */
export function summary(values: number[]): string {
  return `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${
    percentile(values, 99).toFixed(2)
  } ms, min ${Math.min(...values).toFixed(2)} ms (n=${values.length})`;
}

/** A TCP server on `port` (0: any) that echoes every byte; `close()` destroys its connections. */
export async function tcpEcho(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
    s.pipe(s);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A connected TCP client that collects what it reads. */
export async function tcpClient(port: number): Promise<{
  socket: net.Socket;
  received: () => string;
  /** Resolves true once `n` characters arrived, false after `ms`. */
  untilLength: (n: number, ms?: number) => Promise<boolean>;
  ended: () => boolean;
  closed: () => boolean;
}> {
  const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
  socket.setNoDelay(true);
  let text = "", ended = false, closed = false;
  let waiter: (() => void) | undefined;
  socket.on("data", (d: Uint8Array) => {
    text += new TextDecoder().decode(d);
    waiter?.();
  });
  const untilLength = (n: number, ms = 3000) =>
    new Promise<boolean>((resolve) => {
      if (text.length >= n) return resolve(true);
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(false);
      }, ms);
      waiter = () => {
        if (text.length < n) return;
        clearTimeout(timer);
        waiter = undefined;
        resolve(true);
      };
    });
  socket.on("end", () => (ended = true));
  socket.on("close", () => (closed = true));
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  return { socket, received: () => text, untilLength, ended: () => ended, closed: () => closed };
}

/** Count of adjacent pairs out of order in a sequence. */
export function inversions(seqs: number[]): number {
  let n = 0;
  for (let i = 1; i < seqs.length; i++) if (seqs[i] < seqs[i - 1]) n++;
  return n;
}

/** Lengths of the runs of missing numbers in 0..count-1 given the received ones. */
export function lossBursts(received: number[], count: number): number[] {
  const got = new Set(received);
  const bursts: number[] = [];
  let run = 0;
  for (let i = 0; i < count; i++) {
    if (got.has(i)) {
      if (run) bursts.push(run);
      run = 0;
    } else run++;
  }
  if (run) bursts.push(run);
  return bursts;
}
