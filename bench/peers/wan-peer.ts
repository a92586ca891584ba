/**
 * WAN benchmark peer (`bench/wan.ts`): a geomesh node or raw Deno
 * WebTransport, with a chosen QUIC congestion controller, as server or
 * client. Speaks the process protocol of `rpc-child.ts`.
 *
 *   deno run -A bench/peers/wan-peer.ts --system geomesh|raw --cc default|throughput|low-latency --role server|client
 *
 * Client ops (after `connect { address }` or `connect { url, pin }`):
 * - `requests { n, size, parallel }`: `n` requests of `size` bytes, `parallel`
 *   loops at once; latencies in ms;
 * - `bulk { bytes, chunk, capMs }`: `bytes` as `chunk`-byte messages one way;
 *   when all went out before `capMs`, done once the server confirmed every
 *   byte in-band (geomesh: a `count` request; raw: a count stream); else it
 *   stops at `capMs` and the caller asks the server (`received`, out of band)
 *   how much arrived: what is still queued behind a slow link never counts;
 * - `mixed { chunk, capMs, n, size, parallel, warmMs }`: `requests` while a
 *   bulk transfer runs for `capMs` (they start `warmMs` in and stop at its end; those still
 *   pending 2 s later count with their age so far, as lower bounds).
 *
 * Server ops: `reset` (zero the received-bytes counter), `received` ->
 * `{ bytes, at }` (`at`: Date.now(), the clock every process shares).
 *
 * @module
 */
import process from "node:process";
import { createNode, type GeomeshNode } from "../../mod.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { pinFromString, pinToString } from "../../lib/cert/pin.ts";
import { type Op, serveRpc } from "../lib/rpc-child.ts";
import { summarize } from "../lib/stats.ts";
import { type Duplex, ExactReader } from "../lib/stream-proto.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
type Cc = "default" | "throughput" | "low-latency";
const system = arg("system", "geomesh");
const cc = arg("cc", "default") as Cc;
const role = arg("role", "client");
if (!["default", "throughput", "low-latency"].includes(cc)) throw new TypeError(`bad --cc ${cc}`);

/** Raw stream modes: echo (requests), sink (bulk bytes), count (wait for N sunk bytes). */
const ECHO = 1, SINK = 2, COUNT = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a client does over one connection, geomesh or raw. */
interface Conn {
  request(payload: Uint8Array): Promise<void>;
  /**
   * Streams `chunk`-byte messages until `stop()`; resolves with the bytes
   * sent, at the latest when `deadline` resolves (writes may still be queued).
   */
  bulk(chunk: number, stop: (sent: number) => boolean, deadline: Promise<void>): Promise<number>;
  /** Resolves once the server confirmed `bytes` bytes since the last reset. */
  confirm(bytes: number): Promise<void>;
  reset(): Promise<void>;
}

async function geomeshConn(address: string): Promise<Conn> {
  const node = await createNode({
    mode: "client",
    congestionControl: cc,
    keepAliveMs: 0,
    requestTimeoutMs: 120_000,
    logLevel: "error",
  });
  const peer = await node.connect(address);
  const count = () => node.request(peer, { op: "count" }) as Promise<{ bytes: number }>;
  return {
    async request(payload) {
      const r = await node.request(peer, payload);
      if (!(r instanceof Uint8Array) || r.length !== payload.length) throw new Error("bad reply");
    },
    async bulk(chunk, stop, deadline) {
      const inflight: Promise<void>[] = [];
      let sent = 0, late = false;
      deadline.then(() => (late = true));
      while (!stop(sent) && !late) {
        const p = node.send(peer, new Uint8Array(chunk));
        p.catch(() => {});
        inflight.push(p);
        sent += chunk;
        if (inflight.length >= 16) await Promise.race([inflight.shift(), deadline]);
      }
      await Promise.race([Promise.all(inflight), deadline]);
      return sent;
    },
    async confirm(bytes) {
      // Messages and the count request share the session's ordered stream; poll in case.
      for (let i = 0; i < 600; i++) {
        if ((await count()).bytes >= bytes) return;
        await sleep(100);
      }
      throw new Error(`server did not confirm ${bytes} bytes`);
    },
    async reset() {
      await node.request(peer, { op: "reset" });
    },
  };
}

async function rawConn(url: string, pin: string): Promise<Conn> {
  const wt = new WebTransport(url, {
    serverCertificateHashes: [{ algorithm: "sha-256", value: pinFromString(pin) }],
    congestionControl: cc,
  });
  await wt.ready;
  wt.closed.catch(() => {});
  const open = async (mode: number) => {
    const s = await wt.createBidirectionalStream() as unknown as Duplex;
    const writer = s.writable.getWriter();
    await writer.write(new Uint8Array([mode]));
    return { writer, reader: new ExactReader(s.readable) };
  };
  // One echo stream per parallel request loop, reused.
  const idle: Array<Awaited<ReturnType<typeof open>>> = [];
  let base = 0;
  return {
    async request(payload) {
      const s = idle.pop() ?? await open(ECHO);
      await s.writer.write(payload.slice());
      await s.reader.exact(payload.length);
      idle.push(s);
    },
    async bulk(chunk, stop, deadline) {
      const { writer } = await open(SINK);
      let sent = 0, late = false;
      deadline.then(() => (late = true));
      while (!stop(sent) && !late) {
        await Promise.race([writer.ready, deadline]);
        if (late) break;
        writer.write(new Uint8Array(chunk)).catch(() => {});
        sent += chunk;
      }
      await Promise.race([writer.ready, deadline]);
      return sent;
    },
    async confirm(bytes) {
      const { writer, reader } = await open(COUNT);
      const target = new Uint8Array(8);
      new DataView(target.buffer).setFloat64(0, base + bytes);
      await writer.write(target);
      await reader.exact(1);
      base += bytes;
    },
    reset: () => Promise.resolve(),
  };
}

/** Serves raw sessions: echo streams, sink streams and count streams share a per-session counter. */
/** Bytes every raw session sank since the last `reset` op. */
let rawReceived = 0;

function serveRaw(wt: WebTransport): void {
  let sunk = 0;
  const waiters: Array<{ at: number; done: () => void }> = [];
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (sunk >= waiters[i].at) waiters.splice(i, 1)[0].done();
    }
  };
  (async () => {
    for await (const s of wt.incomingBidirectionalStreams as unknown as AsyncIterable<Duplex>) {
      (async () => {
        const reader = new ExactReader(s.readable);
        const writer = s.writable.getWriter();
        try {
          const mode = (await reader.exact(1))[0];
          if (mode === ECHO) { for (;;) await writer.write((await reader.chunk()).slice()); }
          if (mode === SINK) {
            for (;;) {
              const n = (await reader.chunk()).length;
              sunk += n;
              rawReceived += n;
              wake();
            }
          }
          if (mode === COUNT) {
            const h = await reader.exact(8);
            const at = new DataView(h.buffer, h.byteOffset, 8).getFloat64(0);
            await new Promise<void>((done) => (waiters.push({ at, done }), wake()));
            await writer.write(new Uint8Array([1]));
            for (;;) await reader.chunk();
          }
        } catch { /* session gone */ }
      })();
    }
  })().catch(() => {});
}

async function server(): Promise<void> {
  if (system === "raw") {
    const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
    const endpoint = new Deno.QuicEndpoint({ hostname: "127.0.0.1", port: 0 });
    const listener = endpoint.listen({
      cert: cert.certPem,
      key: cert.keyPem,
      alpnProtocols: ["h3"],
      congestionControl: cc,
    });
    (async () => {
      for (;;) {
        const conn = await listener.accept();
        Deno.upgradeWebTransport(conn).then(async (wt) => {
          wt.closed.catch(() => {});
          await wt.ready;
          serveRaw(wt);
        }).catch(() => {});
      }
    })();
    const port = endpoint.addr.port;
    serveRpc({ url: `https://127.0.0.1:${port}/bench`, pin: pinToString(cert.pin), port }, {
      reset: () => (rawReceived = 0, true),
      received: () => ({ bytes: rawReceived, at: Date.now() }),
    });
    return;
  }
  const node: GeomeshNode = await createNode({
    mode: "server",
    port: 0,
    hostname: "127.0.0.1",
    congestionControl: cc,
    keepAliveMs: 0,
    dashboard: false,
    logLevel: "error",
  });
  let bytes = 0;
  node.addEventListener("message", (e) => {
    const p = e.detail.payload;
    if (p instanceof Uint8Array) bytes += p.length;
  });
  node.handle((payload) => {
    if (payload instanceof Uint8Array) return payload;
    const op = (payload as { op?: string })?.op;
    if (op === "reset") bytes = 0;
    return { bytes };
  });
  serveRpc({ address: node.address, port: node.addressInfo.port }, {
    reset: () => (bytes = 0, true),
    received: () => ({ bytes, at: Date.now() }),
  });
}

/**
 * Request latencies (ms). Once `stop()` holds, no new requests go out and
 * those pending are waited for at most `graceMs`; any still pending then are
 * reported with their age (a lower bound) and counted in `pending`.
 */
async function timedRequests(
  conn: Conn,
  n: number,
  size: number,
  parallel: number,
  stop: () => boolean = () => false,
  graceMs = Infinity,
): Promise<{ times: number[]; pending: number }> {
  const times: number[] = [];
  const started = new Set<number>();
  let issued = 0;
  const payload = new Uint8Array(size).fill(7);
  const loops = Promise.all(Array.from({ length: parallel }, async () => {
    while (issued < n && !stop()) {
      issued++;
      const t = performance.now();
      started.add(t);
      await conn.request(payload);
      started.delete(t);
      times.push(performance.now() - t);
    }
  }));
  let finished = false;
  loops.then(() => (finished = true), () => (finished = true));
  if (graceMs === Infinity) await loops;
  else {
    // Polled with real sleeps: racing an already settled promise would never yield to timers.
    while (!stop() && !finished) await sleep(50);
    const end = performance.now() + graceMs;
    while (!finished && performance.now() < end) await sleep(50);
  }
  const now = performance.now();
  const pending = [...started].map((t) => now - t);
  return { times: [...times, ...pending], pending: pending.length };
}

async function timedBulk(conn: Conn, bytes: number, chunk: number, capMs: number) {
  await conn.reset();
  const t0 = performance.now(), startedAt = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, capMs)));
  const sent = await conn.bulk(chunk, (s) => s >= bytes, deadline);
  clearTimeout(timer);
  if (sent < bytes) return { startedAt, sent, capped: true };
  await conn.confirm(sent);
  const seconds = (performance.now() - t0) / 1000;
  return { startedAt, sent, capped: false, bytes: sent, seconds, mbPerS: sent / 1e6 / seconds };
}

function client(): void {
  let conn: Conn | undefined;
  const need = () => {
    if (!conn) throw new Error("connect first");
    return conn;
  };
  const figures = (r: { times: number[]; pending: number }) => {
    const s = summarize(r.times);
    return { p50Ms: s.p50, p99Ms: s.p99, n: s.n, pending: r.pending };
  };
  const ops: Record<string, Op> = {
    async connect({ address, url, pin }) {
      const t = performance.now();
      conn = system === "raw"
        ? await rawConn(String(url), String(pin))
        : await geomeshConn(String(address));
      return { ms: performance.now() - t };
    },
    async requests({ n, size, parallel }) {
      return figures(await timedRequests(need(), Number(n), Number(size), Number(parallel)));
    },
    bulk: ({ bytes, chunk, capMs }) =>
      timedBulk(need(), Number(bytes), Number(chunk), Number(capMs)),
    async mixed({ bytes, chunk, capMs, n, size, parallel, warmMs }) {
      const c = need();
      let done = false;
      // Always until the cap: the requests need a transfer running the whole time.
      void bytes;
      const bulk = timedBulk(c, Number.MAX_SAFE_INTEGER, Number(chunk), Number(capMs)).finally(() =>
        done = true
      );
      await sleep(Number(warmMs ?? 1000));
      const times = await timedRequests(
        c,
        Number(n),
        Number(size),
        Number(parallel),
        () => done,
        2000,
      );
      return { bulk: await bulk, requests: figures(times) };
    },
  };
  serveRpc({ system, cc }, ops);
}

if (role === "server") await server();
else client();
