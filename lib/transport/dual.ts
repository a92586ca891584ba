/**
 * The `dual` transport for Deno server nodes: one listener taking HTTP/3 on
 * UDP (the `deno` adapter) and WebTransport over HTTP/2 + WebSocket on TCP
 * (the `fails` adapter) on the same port number, so Bun nodes and browsers
 * without HTTP/3 reach the node at the address Deno nodes and Chromium use.
 * Dialling picks the adapter by protocol: `h3` (default) via `deno`, `h2` via
 * `fails` (whose dialler speaks HTTP/2 only; `ws` is for browsers).
 * Sessions are the halves' own, with their certificate hashes (see `types.ts`).
 *
 * Port 0: the TCP side picks a free port, then the UDP side binds the same
 * number; if UDP has it taken, TCP is released and another port is tried.
 * (In that order because Deno never gives a QUIC endpoint's UDP port back,
 * even after `close()`: a listener closed in a process keeps its UDP port
 * until the process exits, so re-listening on the same port number in the
 * same process fails.)
 *
 * @module
 */
import type {
  DialOptions,
  Listener,
  ListenOptions,
  Protocol,
  Transport,
  TransportSession,
} from "./types.ts";

/** How many port numbers port 0 tries before giving up. */
export const PORT_ATTEMPTS = 32;

/** The two halves of a dual transport. */
export interface DualParts {
  /** HTTP/3 (UDP) transport. */
  udp: Transport;
  /** HTTP/2 + WebSocket (TCP) transport, loaded on first use. */
  tcp: () => Promise<Transport>;
}

/**
 * Whether `err` (or its cause chain) says the address is in use, in the
 * forms Deno and Node-style servers use.
 *
 * @example
 * ```ts
 * import { isAddrInUse } from "./dual.ts";
 * console.assert(isAddrInUse(Object.assign(new Error("x"), { code: "EADDRINUSE" })));
 * ```
 */
export function isAddrInUse(err: unknown): boolean {
  for (let e = err as { code?: string; name?: string; message?: string; cause?: unknown }; e;) {
    if (
      e.code === "EADDRINUSE" || e.name === "AddrInUse" ||
      /address already in use/i.test(e.message ?? "")
    ) {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
}

/** Merges the session streams of several listeners; ends when all have ended. */
function mergeSessions(
  sources: ReadableStream<TransportSession>[],
): ReadableStream<TransportSession> {
  return new ReadableStream<TransportSession>({
    start(controller) {
      let live = sources.length;
      for (const source of sources) {
        (async () => {
          try {
            for await (const s of source) controller.enqueue(s);
          } catch { /* a failed half ends like a closed one */ }
          if (--live === 0) controller.close();
        })();
      }
    },
  });
}

async function listenDual(parts: DualParts, options: ListenOptions): Promise<Listener> {
  const tcp = await parts.tcp();
  const fixed = options.port !== undefined && options.port !== 0;
  // The halves are closed together by the dual listener, not by the signal each.
  const { signal, ...rest } = options;
  let lastError: unknown;
  for (let attempt = 0; attempt < (fixed ? 1 : PORT_ATTEMPTS); attempt++) {
    // TCP first: a TCP listener gives its port back on close, while Deno never
    // releases a QUIC endpoint's UDP socket, so only a UDP bind that succeeds
    // may stay.
    const stream = await tcp.listen({ ...rest, port: fixed ? options.port : 0 });
    try {
      return composed(await parts.udp.listen({ ...rest, port: stream.port }), stream, signal);
    } catch (err) {
      await stream.close();
      lastError = err;
      if (!fixed && isAddrInUse(err)) continue;
      throw err;
    }
  }
  throw new RangeError(`no port free on both UDP and TCP after ${PORT_ATTEMPTS} tries`, {
    cause: lastError,
  });
}

function composed(udp: Listener, stream: Listener, signal?: AbortSignal): Listener {
  let closing: Promise<void> | undefined;
  const listener: Listener = {
    hostname: udp.hostname,
    port: udp.port,
    protocols: [...new Set<Protocol>([...udp.protocols, ...stream.protocols])],
    sessions: mergeSessions([udp.sessions, stream.sessions]),
    ...(stream.setHttpHandler ? { setHttpHandler: (h) => stream.setHttpHandler!(h) } : {}),
    setCertificate(certificate) {
      udp.setCertificate?.(certificate);
      stream.setCertificate?.(certificate);
    },
    close() {
      closing ??= (async () => {
        signal?.removeEventListener("abort", onAbort);
        await Promise.all([udp.close(), stream.close()]);
      })();
      return closing;
    },
  };
  const onAbort = () => void listener.close();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return listener;
}

/**
 * A dual-stack transport from two halves (tests inject their own).
 *
 * @example
 * ```ts
 * import { createDualTransport } from "./dual.ts";
 * import { denoTransport } from "./deno.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const dual = createDualTransport({
 *   udp: denoTransport,
 *   tcp: async () => (await import("./fails.ts")).failsTransport,
 * });
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await dual.listen({ certificate });
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const h2 = await dual.dial(url, { certificateHashes: [certificate.pin], protocol: "h2" });
 * console.assert(h2.protocol === "h2");
 * h2.close();
 * await listener.close();
 * ```
 */
export function createDualTransport(parts: DualParts): Transport {
  return {
    name: "dual",
    dials: ["h3", "h2"],
    secure: true,
    listen: (options) => listenDual(parts, options),
    async dial(url: string, options: DialOptions = {}): Promise<TransportSession> {
      const protocol = options.protocol ?? "h3";
      if (protocol === "h3") return await parts.udp.dial(url, options);
      if (protocol === "h2" || protocol === "ws") {
        return await (await parts.tcp()).dial(url, options);
      }
      throw new TypeError(`the dual transport does not speak ${protocol}`);
    },
  };
}

let fails: Promise<Transport> | undefined;
const loadFails = () => fails ??= import("./fails.ts").then((m) => m.failsTransport);

let deno: Promise<Transport> | undefined;
const udpHalf: Transport = {
  name: "deno",
  dials: ["h3"],
  secure: true,
  listen: async (o) =>
    (await (deno ??= import("./deno.ts").then((m) => m.denoTransport))).listen(o),
  dial: async (u, o) =>
    (await (deno ??= import("./deno.ts").then((m) => m.denoTransport))).dial(u, o),
};

/**
 * Deno's default server transport: HTTP/3 + HTTP/2/WebSocket on one port number.
 *
 * @example
 * ```ts
 * import { dualTransport } from "./dual.ts";
 * import { generateCertificate } from "../cert/generate.ts";
 * const certificate = await generateCertificate({ hostnames: ["127.0.0.1"] });
 * const listener = await dualTransport.listen({ certificate, port: 0 });
 * console.assert(listener.protocols.join() === "h3,h2,ws");
 * const url = `https://127.0.0.1:${listener.port}/geomesh`;
 * const certificateHashes = [certificate.pin];
 * for (const protocol of ["h3", "h2"] as const) {
 *   const session = await dualTransport.dial(url, { certificateHashes, protocol });
 *   console.assert(session.protocol === protocol);
 *   session.close();
 * }
 * await listener.close();
 * ```
 */
export const dualTransport: Transport = createDualTransport({ udp: udpHalf, tcp: loadFails });
