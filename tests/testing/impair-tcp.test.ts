/**
 * The TCP relay (delay, bandwidth cap, a cut that stalls without reset,
 * half-close), one port number for UDP and TCP, address rewriting, and the
 * multi-link network helper.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import dgram from "node:dgram";
import { AddressError, formatAddress, parseAddress } from "../../mod.ts";
import {
  createImpairedLink,
  createImpairedNetwork,
  type ImpairedLink,
  type LinkProfile,
} from "../../lib/testing/mod.ts";
import { datagram, endpoint, sleep, summary, tcpClient, tcpEcho, waitFor } from "./helpers.ts";

const runtime = "Deno" in globalThis ? "deno" : "bun";

async function withTcpLink(
  profile: LinkProfile,
  body: (link: ImpairedLink) => Promise<void>,
): Promise<void> {
  const echo = await tcpEcho();
  let link: ImpairedLink | undefined;
  try {
    link = await createImpairedLink({
      target: { host: "127.0.0.1", port: echo.port },
      protocols: ["tcp"],
      profile,
      seed: 1,
    });
    await body(link);
  } finally {
    await link?.close();
    await echo.close();
  }
}

test("TCP: each round trip pays both one-way delays", async () => {
  await withTcpLink({ delayMs: 20 }, async (link) => {
    const c = await tcpClient(link.port);
    try {
      const rtts: number[] = [];
      for (let i = 0; i < 15; i++) {
        const want = c.received().length + 4;
        const t0 = performance.now();
        c.socket.write(`m${String(i).padStart(2, "0")};`);
        assert.ok(await c.untilLength(want, 2000), "echoed");
        rtts.push(performance.now() - t0);
      }
      console.log(`${runtime} TCP echo RTT through 20+20 ms: ${summary(rtts)}`);
      assert.ok(Math.min(...rtts) >= 39, `min ${Math.min(...rtts)}`);
      assert.is(
        c.received(),
        Array.from({ length: 15 }, (_, i) => `m${String(i).padStart(2, "0")};`).join(""),
      );
      assert.is(link.stats().forward.tcpBytes, 60);
      assert.is(link.stats().tcpConnections, 1);
    } finally {
      c.socket.destroy();
    }
  });
});

test("TCP: the bandwidth cap paces bytes (sender feels backpressure, nothing is lost)", async () => {
  const cap = 400_000;
  await withTcpLink({ bandwidthBps: cap }, async (link) => {
    const c = await tcpClient(link.port);
    try {
      const total = 600_000;
      const t0 = performance.now();
      const block = "x".repeat(10_000);
      for (let sent = 0; sent < total; sent += block.length) {
        if (!c.socket.write(block)) await new Promise((r) => c.socket.once("drain", r));
      }
      assert.ok(await waitFor(() => c.received().length >= total, 6000), "all bytes back");
      const ms = performance.now() - t0;
      // The echo crosses the cap twice, but both directions run at once.
      const rate = (total * 1000) / ms;
      console.log(
        `${runtime} TCP cap ${cap} B/s: ${total} B echoed in ${ms.toFixed(0)} ms = ${
          rate.toFixed(0)
        } B/s`,
      );
      assert.ok(rate <= cap * 1.1, `rate ${rate}`);
      assert.is(c.received().length, total);
    } finally {
      c.socket.destroy();
    }
  });
});

test("TCP: cut() stalls the connection without a reset; heal() delivers the held bytes in order", async () => {
  await withTcpLink({ delayMs: 5 }, async (link) => {
    const c = await tcpClient(link.port);
    try {
      c.socket.write("before;");
      assert.ok(await waitFor(() => c.received() === "before;"));
      link.cut();
      c.socket.write("during1;");
      c.socket.write("during2;");
      await sleep(300);
      assert.is(c.received(), "before;", "nothing crosses the cut");
      assert.not.ok(c.ended() || c.closed(), "the connection is not reset");
      const held = link.stats().forward.tcpHeldBytes + link.stats().reverse.tcpHeldBytes;
      assert.ok(held > 0, `held ${held}`);
      link.heal();
      c.socket.write("after;");
      assert.ok(await waitFor(() => c.received() === "before;during1;during2;after;", 2000));
      assert.is(link.stats().forward.tcpHeldBytes, 0);
    } finally {
      c.socket.destroy();
    }
  });
});

test("TCP: half-close travels with the delay; the other way stays open", async () => {
  await withTcpLink({ delayMs: 10 }, async (link) => {
    const c = await tcpClient(link.port);
    try {
      c.socket.end("last words");
      assert.ok(await waitFor(() => c.ended(), 2000), "the echo's end arrives");
      assert.is(c.received(), "last words");
      assert.ok(await waitFor(() => link.stats().tcpConnections === 0, 2000), "connection gone");
    } finally {
      c.socket.destroy();
    }
  });
});

test("one port number for UDP and TCP; a taken fixed port is an EADDRINUSE error", async () => {
  const echo = await tcpEcho();
  const target = await endpoint(true);
  const client = await endpoint();
  const link = await createImpairedLink({ target: { host: "127.0.0.1", port: echo.port } });
  const blocker = dgram.createSocket("udp4");
  try {
    assert.equal([...link.protocols], ["udp", "tcp"]);
    const c = await tcpClient(link.port);
    c.socket.write("tcp ok");
    assert.ok(await waitFor(() => c.received() === "tcp ok"), "TCP on link.port");
    c.socket.destroy();
    // The UDP side of the same port number reaches the target port's UDP (nobody there):
    // the datagram is relayed, which the counter shows.
    client.socket.send(datagram(1), { address: "127.0.0.1", port: link.port });
    assert.ok(await waitFor(() => link.stats().forward.packets === 1), "UDP on link.port");
    // A fixed port whose UDP twin is taken.
    await new Promise<void>((r) => blocker.bind(0, "127.0.0.1", () => r()));
    const taken = blocker.address().port;
    const err = await createImpairedLink({
      target: { host: "127.0.0.1", port: target.port },
      listen: { port: taken },
    }).then(() => null, (e) => e);
    assert.is(err?.code, "EADDRINUSE", String(err));
  } finally {
    blocker.close();
    await link.close();
    await link.close();
    await echo.close();
    target.close();
    client.close();
  }
});

test("address(): node id and pins kept, host and port replaced, protocols narrowed", async () => {
  const id = "a".repeat(52);
  const pins = ["A".repeat(43), "B".repeat(43)];
  const original = formatAddress({
    nodeId: id,
    host: "127.0.0.1",
    port: 4433,
    protocols: ["h3", "h2", "ws"],
    pins,
  });
  const both = await createImpairedLink({ target: { host: "127.0.0.1", port: 4433 } });
  const udpOnly = await createImpairedLink({
    target: { host: "localhost", port: 4433 },
    protocols: ["udp"],
  });
  try {
    const a = parseAddress(both.address(original));
    assert.equal(a, {
      nodeId: id,
      host: "127.0.0.1",
      port: both.port,
      protocols: ["h3", "h2", "ws"],
      pins,
    });
    assert.equal(parseAddress(udpOnly.address(original)).protocols, ["h3"]);
    const h2Only = formatAddress({
      nodeId: id,
      host: "127.0.0.1",
      port: 1,
      protocols: ["h2"],
      pins,
    });
    assert.throws(() => udpOnly.address(h2Only), (e: unknown) => e instanceof RangeError);
    assert.throws(
      () => both.address(formatAddress({ nodeId: id, protocols: [], pins })),
      (e: unknown) => e instanceof TypeError,
    );
    assert.throws(() => both.address("nonsense"), (e: unknown) => e instanceof AddressError);
  } finally {
    await both.close();
    await udpOnly.close();
  }
});

test("network helper: link, dial address, cut and heal a pair, close everything", async () => {
  const targetB = await endpoint(true);
  const client = await endpoint();
  const addr = (c: string, port: number) =>
    formatAddress({ nodeId: c.repeat(52), host: "127.0.0.1", port, protocols: ["h3"], pins: [] });
  const a = addr("a", 1), b = addr("b", targetB.port);
  const net = createImpairedNetwork({ seed: 5 });
  try {
    const ab = await net.link(a, { address: b }, { delayMs: 5 });
    assert.is(net.get(a, b), ab);
    assert.is(parseAddress(ab.dialAddress).port, ab.port);
    assert.is(parseAddress(ab.dialAddress).nodeId, "b".repeat(52));
    const again = await net.link(a, b).then(() => null, (e) => e);
    assert.instance(again, RangeError);
    const send = (seq: number) =>
      client.socket.send(datagram(seq), { address: "127.0.0.1", port: ab.port });
    send(1);
    assert.ok(await waitFor(() => client.arrivals.length === 1), "through the link");
    net.cut(b, a); // either order names the pair
    assert.ok(ab.isCut);
    send(2);
    await sleep(50);
    assert.is(client.arrivals.length, 1);
    net.heal(a, b);
    send(3);
    assert.ok(await waitFor(() => client.arrivals.length === 2), "after heal");
    assert.throws(() => net.cut(a, addr("c", 1)), (e: unknown) => e instanceof RangeError);
    // Seeds per ordered pair: the same network seed gives the same link seed.
    const net2 = createImpairedNetwork({ seed: 5 });
    try {
      assert.is((await net2.link(a, b)).seed, ab.seed);
    } finally {
      await net2.close();
    }
  } finally {
    await net.close();
    await net.close();
    targetB.close();
    client.close();
  }
});

test.run();
