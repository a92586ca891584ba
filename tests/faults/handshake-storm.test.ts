/**
 * Fault: a handshake storm against a node with `retryToken: true` while an
 * existing peer keeps requesting from it, one wave after the other:
 * - 200 transport sessions (WebTransport over the runtime's protocol) that
 *   never start the geomesh handshake;
 * - 200 TCP connections that never send a TLS ClientHello (HTTP/2 side);
 * - Deno: half-open QUIC handshakes from 200 source ports: real client
 *   Initials (each with its own connection id, captured at a socket that
 *   never answers) replayed from 200 UDP sockets that never answer the
 *   server, plus 200 garbage datagrams shaped like Initials.
 * Promised: every request of the existing peer completes (p99 printed), the
 * storm is refused or timed out within the node's `connectTimeoutMs` (nothing
 * of it stays), no crash, sessions within `maxPeers`, and a new honest dial
 * succeeds once the storm's handshakes have timed out.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createSocket, type Socket } from "node:dgram";
import { connect, type Socket as TcpSocket } from "node:net";
import { parseAddress } from "../../mod.ts";
import { dialTarget, SESSION_TUNING } from "../../lib/address/urls.ts";
import { defaultTransport } from "../../lib/transport/mod.ts";
import type { TransportSession } from "../../lib/transport/types.ts";
import {
  closeAll,
  latencyFigures,
  PROTOCOL,
  realNode,
  removeTempDirs,
  requestStream,
  rssMiB,
  RUNTIME,
  sleep,
  until,
} from "./helpers.ts";

const STORM = 200;
const MAX_PEERS = 32;
/** The victim's handshake budget: what has not authenticated by then is dropped. */
const CONNECT_TIMEOUT_MS = 2000;

/** Opens `STORM` transport sessions at once; none ever opens the control stream. */
async function rawSessions(address: string) {
  const transport = await defaultTransport();
  const { url, protocol, pins } = dialTarget(parseAddress(address), transport);
  const started = performance.now();
  const out = { opened: 0, refused: {} as Record<string, number>, closedAfter: [] as number[] };
  const sessions: TransportSession[] = [];
  await Promise.all(Array.from({ length: STORM }, async () => {
    try {
      const s = await transport.dial(url, {
        ...SESSION_TUNING,
        certificateHashes: pins,
        timeoutMs: 3000,
        protocol,
      });
      out.opened++;
      sessions.push(s);
      s.closed.then(() => out.closedAfter.push(Math.round(performance.now() - started)));
    } catch (err) {
      const code = (err as { code?: string }).code ?? "?";
      out.refused[code] = (out.refused[code] ?? 0) + 1;
    }
  }));
  return { out, sessions };
}

/** Opens `STORM` TCP connections to the port that never send a byte. */
async function silentTcp(port: number) {
  const sockets: TcpSocket[] = [];
  const out = { connected: 0, failed: 0, closedByServer: 0 };
  await Promise.all(Array.from({ length: STORM }, () =>
    new Promise<void>((resolve) => {
      const s = connect({ host: "127.0.0.1", port });
      sockets.push(s);
      s.on("connect", () => (out.connected++, resolve()));
      s.on("error", () => (out.failed++, resolve()));
      s.on("close", () => out.closedByServer++);
      setTimeout(resolve, 3000);
    })));
  return { out, close: () => sockets.forEach((s) => s.destroy()) };
}

function udpSocket(): Promise<Socket> {
  return new Promise((resolve) => {
    const s = createSocket("udp4");
    s.bind(0, "127.0.0.1", () => resolve(s));
  });
}

/**
 * Real client Initials (each with its ClientHello and its own connection id):
 * `STORM` h3 dials at a UDP socket that never answers, the first datagram of
 * each connection id kept.
 */
async function captureInitials(address: string): Promise<Uint8Array[]> {
  const trap = await udpSocket();
  const byId = new Map<string, Uint8Array>();
  trap.on("message", (m: Uint8Array) => {
    if ((m[0] & 0xf0) !== 0xc0) return; // long header, type Initial
    const id = Array.from(m.subarray(6, 6 + m[5])).join(",");
    if (!byId.has(id)) byId.set(id, new Uint8Array(m));
  });
  try {
    const transport = await defaultTransport();
    const a = parseAddress(address);
    const { url, pins } = dialTarget({ ...a, port: trap.address().port }, transport);
    await Promise.all(
      Array.from(
        { length: STORM },
        () =>
          transport.dial(url, { certificateHashes: pins, timeoutMs: 1000, protocol: "h3" })
            .then((s) => s.close(), () => {}),
      ),
    );
    return [...byId.values()];
  } finally {
    trap.close();
  }
}

/** A long-header Initial look-alike (version 1, random ids and payload), 1200 bytes. */
function fakeInitial(): Uint8Array {
  const p = crypto.getRandomValues(new Uint8Array(1200));
  p[0] = 0xc3; // long header, fixed bit, type Initial, 4-byte packet number
  p.set([0, 0, 0, 1], 1); // QUIC version 1
  p[5] = 8; // DCID length
  p[14] = 8; // SCID length
  p[23] = 0; // token length
  p[24] = 0x44; // length (2-byte varint): the rest of the datagram
  p[25] = 0x9f;
  return p;
}

/** Sends `packet(i)` once from each of `STORM` fresh UDP sockets; they never answer. */
async function fromManyPorts(port: number, packet: (i: number) => Uint8Array): Promise<Socket[]> {
  const sockets = await Promise.all(Array.from({ length: STORM }, udpSocket));
  sockets.forEach((s, i) => s.send(packet(i), port, "127.0.0.1"));
  return sockets;
}

/** A new honest dial: its reply and how long it took, or the error code. */
async function honestDial(address: string, cleanups: Array<() => void>): Promise<string> {
  const n = await realNode({ mode: "client", connectTimeoutMs: 3000 });
  cleanups.push(() => void n.close());
  const t0 = performance.now();
  return await n.connect(address).then(
    async (peer) => `${await n.request(peer, "hi")} in ${Math.round(performance.now() - t0)} ms`,
    (e) => `${e.code} after ${Math.round(performance.now() - t0)} ms`,
  );
}

test(`${RUNTIME}: a handshake storm: the existing peer is served, the storm is refused or timed out`, async () => {
  const victim = await realNode({
    maxPeers: MAX_PEERS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    retryToken: true,
    keepAliveMs: 1000,
  });
  const honest = await realNode({});
  const cleanups: Array<() => void> = [];
  try {
    victim.handle((p) => p);
    const port = parseAddress(victim.address).port!;
    const id = await honest.connect(victim.address);
    const stream = requestStream(honest, () => id, { gapMs: 2, timeoutMs: 10_000 });
    await sleep(1000);
    const rss0 = rssMiB();
    const t0 = performance.now();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, victim.metrics.sessions)), 20);
    cleanups.push(() => clearInterval(sampler));

    // The storm. Raw sessions first: half-open handshakes would take their admission slots.
    const raw = await rawSessions(victim.address);
    cleanups.push(() => raw.sessions.forEach((s) => s.close()));
    const tcp = await silentTcp(port);
    cleanups.push(tcp.close);
    let udp: Socket[] = [], initials: Uint8Array[] = [];
    if (RUNTIME === "deno") {
      initials = await captureInitials(victim.address);
      udp = [
        ...await fromManyPorts(port, (i) => initials[i % initials.length]),
        ...await fromManyPorts(port, fakeInitial),
      ];
      cleanups.push(() => udp.forEach((s) => s.close()));
    }
    const duringStorm = await honestDial(victim.address, cleanups);
    const stormEnd = performance.now();
    const stormMs = Math.round(stormEnd - t0);
    // The victim hangs up on whatever never authenticated, within its handshake budget.
    const drained = () =>
      raw.out.closedAfter.length === raw.out.opened &&
      tcp.out.closedByServer === tcp.out.connected;
    await until(drained, CONNECT_TIMEOUT_MS + 3000, "the storm timed out").catch(() => {});
    const stillOpen = raw.out.opened - raw.out.closedAfter.length;
    const tcpOpen = tcp.out.connected - tcp.out.closedByServer;
    const figures = await stream.stop();
    const before = latencyFigures(figures.samples.filter((s) => s.at < t0).map((s) => s.ms));
    const during = latencyFigures(
      figures.samples.filter((s) => s.at >= t0 && s.at < stormEnd).map((s) => s.ms),
    );
    const sessionsAfter = victim.metrics.sessions;
    // A newcomer once the storm's handshakes have timed out (the victim's connectTimeoutMs;
    // this address's connection rate limit, 10/s, has refilled by then too).
    await sleep(Math.max(0, stormEnd + CONNECT_TIMEOUT_MS + 1000 - performance.now()));
    const afterStorm = await honestDial(victim.address, cleanups);
    console.log(
      `[handshake-storm ${RUNTIME}/${PROTOCOL}] storm ${stormMs} ms: raw sessions ` +
        `opened=${raw.out.opened} refused=${JSON.stringify(raw.out.refused)} ` +
        `closed by victim=${raw.out.closedAfter.length} ` +
        `(last after ${Math.max(0, ...raw.out.closedAfter)} ms) still open=${stillOpen}; ` +
        `silent TCP connected=${tcp.out.connected} failed=${tcp.out.failed} ` +
        `closed by server=${tcp.out.closedByServer} still open=${tcpOpen}; ` +
        (RUNTIME === "deno"
          ? `UDP: ${STORM} real Initials (${initials.length} distinct) + ${STORM} fake ones ` +
            `from ${udp.length} ports; `
          : "") +
        `victim sessions peak=${peak} after=${sessionsAfter} ` +
        `rejected=${victim.metrics.sessionsRejected} errors=${victim.metrics.errors}; ` +
        `honest requests ok=${figures.ok} failed=${figures.failed} ` +
        `p50/p99 before ${before.p50}/${before.p99} ms, during ${during.p50}/${during.p99} ms ` +
        `(n=${during.n}); RSS ${rss0} -> ${rssMiB()} MiB; ` +
        `honest dial during the storm: ${duringStorm}, ` +
        `${CONNECT_TIMEOUT_MS + 1000} ms after it: ${afterStorm}`,
    );
    assert.is(await honest.request(id, "after"), "after", "the victim still serves (no crash)");
    assert.is(figures.failed, 0, figures.errors.join("; "));
    assert.ok(during.n > 0, "no honest request completed during the storm");
    assert.ok(peak <= MAX_PEERS, `${peak} sessions > maxPeers ${MAX_PEERS}`);
    assert.is(stillOpen, 0, `${stillOpen} unauthenticated sessions still open`);
    assert.is(tcpOpen, 0, `${tcpOpen} silent TCP connections still open`);
    // The honest peers' sessions remain: the first one, and the newcomer of the storm if it
    // got in.
    const honestSessions = 1 + (duringStorm.startsWith("hi in") ? 1 : 0);
    assert.is(sessionsAfter, honestSessions, "only the honest peers' sessions remain");
    assert.match(afterStorm, /^hi in/, "a new honest dial once the storm timed out");
  } finally {
    for (const c of cleanups) c();
    await closeAll(honest, victim);
  }
});

test.after(removeTempDirs);
test.run();
