/**
 * Dual-stack listener mechanics (same port number on UDP and TCP, retry on a
 * TCP collision), with a stand-in TCP half so they are tested independently
 * of the fails adapter; the real pairing runs in the interop suites.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createDualTransport, isAddrInUse } from "../../lib/transport/dual.ts";
import { denoTransport } from "../../lib/transport/deno.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";
import type { Listener, Transport } from "../../lib/transport/types.ts";

const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });

/** The real UDP half, told to report a collision the first `n` times. */
function udpColliding(n: number): Transport & { refused: number[] } {
  const refused: number[] = [];
  return {
    ...denoTransport,
    refused,
    listen(options) {
      if (n-- > 0) {
        refused.push(options.port!);
        return Promise.reject(new Deno.errors.AddrInUse("Address already in use (os error 98)"));
      }
      return denoTransport.listen(options);
    },
  };
}

/** A TCP "transport" that only binds. */
function tcpStandIn(): Transport & { bound: number[] } {
  const bound: number[] = [];
  return {
    name: "tcp-stand-in",
    dials: ["h2"],
    secure: true,
    bound,
    listen(options) {
      const tcp = Deno.listen({ hostname: "127.0.0.1", port: options.port ?? 0 });
      const port = (tcp.addr as Deno.NetAddr).port;
      bound.push(port);
      let end!: () => void;
      const sessions = new ReadableStream({ start: (c) => void (end = () => c.close()) });
      const listener: Listener = {
        hostname: "127.0.0.1",
        port,
        protocols: ["h2", "ws"],
        sessions,
        close() {
          tcp.close();
          end();
          return Promise.resolve();
        },
      };
      return Promise.resolve(listener);
    },
    dial: () => Promise.reject(new Error("not used")),
  };
}

test("port 0 binds one number on UDP and TCP; HTTP/3 works on it", async () => {
  const tcp = tcpStandIn();
  const dual = createDualTransport({ udp: denoTransport, tcp: () => Promise.resolve(tcp) });
  const listener = await dual.listen({ certificate: cert, port: 0 });
  assert.equal(tcp.bound, [listener.port]);
  assert.equal(listener.protocols, ["h3", "h2", "ws"]);
  const accepted = listener.sessions.getReader().read();
  const session = await dual.dial(`https://127.0.0.1:${listener.port}/geomesh`, {
    certificateHashes: [cert.pin],
  });
  assert.is((await accepted).value?.protocol, "h3");
  session.close();
  await listener.close();
});

test("a UDP collision releases the TCP port and tries another number", async () => {
  const tcp = tcpStandIn();
  const udp = udpColliding(3);
  const dual = createDualTransport({ udp, tcp: () => Promise.resolve(tcp) });
  const listener = await dual.listen({ certificate: cert, port: 0 });
  assert.is(udp.refused.length, 3);
  assert.is(tcp.bound.length, 4);
  assert.is(tcp.bound.at(-1), listener.port);
  // The refused numbers were given back on TCP.
  for (const port of udp.refused) Deno.listen({ hostname: "127.0.0.1", port }).close();
  await listener.close();
});

function takeTcpWithFreeUdp(): { tcpTaken: Deno.Listener; port2: number } {
  for (;;) {
    const udp = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    const port2 = (udp.addr as Deno.NetAddr).port;
    udp.close();
    try {
      return { tcpTaken: Deno.listen({ hostname: "127.0.0.1", port: port2 }), port2 };
    } catch { /* TCP twin taken: try another */ }
  }
}

test("a fixed port taken on UDP (or TCP) fails without retry and leaks nothing", async () => {
  const udpTaken = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
  const port = (udpTaken.addr as Deno.NetAddr).port;
  const dual = createDualTransport({
    udp: denoTransport,
    tcp: () => Promise.resolve(tcpStandIn()),
  });
  const err = await dual.listen({ certificate: cert, port }).catch((e) => e);
  assert.ok(isAddrInUse(err), String(err));
  Deno.listen({ hostname: "127.0.0.1", port }).close(); // TCP side was released
  udpTaken.close();
  // A TCP port whose UDP twin was free a moment ago (a free TCP port alone says nothing of
  // UDP, and another process holding that UDP port would fail the last listen below).
  const { tcpTaken, port2 } = takeTcpWithFreeUdp();
  const err2 = await dual.listen({ certificate: cert, port: port2 }).catch((e) => e);
  assert.ok(isAddrInUse(err2), String(err2));
  tcpTaken.close();
  const again = await dual.listen({ certificate: cert, port: port2 });
  assert.is(again.port, port2);
  await again.close();
});

test("dial picks the half by protocol", async () => {
  const calls: string[] = [];
  const fake = (name: string): Transport => ({
    name,
    dials: [],
    secure: true,
    listen: () => Promise.reject(new Error("unused")),
    dial: (url) => {
      calls.push(`${name} ${url}`);
      return Promise.reject(new Error("stop"));
    },
  });
  const dual = createDualTransport({ udp: fake("udp"), tcp: () => Promise.resolve(fake("tcp")) });
  await dual.dial("https://h:1/p").catch(() => {});
  await dual.dial("https://h:1/p", { protocol: "h2" }).catch(() => {});
  await dual.dial("https://h:1/p", { protocol: "ws" }).catch(() => {});
  assert.instance(
    await dual.dial("https://h:1/p", { protocol: "memory" }).catch((e) => e),
    TypeError,
  );
  assert.equal(calls, ["udp https://h:1/p", "tcp https://h:1/p", "tcp https://h:1/p"]);
});

test.run();
