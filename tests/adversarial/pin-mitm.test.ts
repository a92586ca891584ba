/**
 * Attack 3: a man in the middle with a certificate the dialer's runtime
 * trusts (any CA-signed one) relays the real node's handshake.
 *
 * 1. Real TLS (HTTP/2, the `fails` adapter, what every Bun dialer uses): a
 *    test CA trusted through `NODE_EXTRA_CA_CERTS` in a child process signs
 *    the relay's certificate. The TLS pin must refuse it (`PIN_MISMATCH`,
 *    with a log line) although the CA vouches for it; an honest pin on the
 *    same listener still connects. A node that dials the relay with the real
 *    node's address is refused by the pin; one that dials it with no pin at
 *    all (CA trust only) is refused by the handshake, which is bound to the
 *    certificate actually presented, and the real node refuses it too.
 * 2. Memory transport (deterministic): a relay presenting its own
 *    (simulated) certificate is refused by both sides, also when it rewrites
 *    the certificate hashes in the hellos; a dialer whose signature covers
 *    another certificate than the one served is refused by the listener.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { WireMessage } from "../../lib/codec/messages.ts";
import { pinFromString, pinToString } from "../../lib/cert/pin.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { MessageChannel } from "../../lib/session/channel.ts";
import { createNode } from "../../lib/runtime/create.ts";
import { PROTOCOL_VERSION, transcript } from "../../lib/session/handshake.ts";
import { Inbox } from "../../lib/session/inbox.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import { failsTransport } from "../../lib/transport/fails.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import type { BidirectionalStream, Listener, TransportSession } from "../../lib/transport/types.ts";
import { makeTestCa } from "../cert/helpers.ts";
import { captureLogger, memoryNode, rejectsWith, until } from "../node/helpers.ts";

const root = new URL("../../", import.meta.url).pathname;

type Rewrite = (msg: WireMessage, toListener: boolean) => WireMessage;

/**
 * A relay: every session accepted on `listener` is mirrored onto a session
 * it dials with `upstream()`, stream by stream, both ways. With `rewrite`,
 * the first stream the dialer opens (the control stream) is relayed message
 * by message through `rewrite`, otherwise bytes are copied untouched.
 */
function relay(
  listener: Listener,
  upstream: (down: TransportSession) => Promise<TransportSession>,
  rewrite?: Rewrite,
) {
  const stats = { sessions: 0, bytes: 0 };
  const copy = (from: ReadableStream<Uint8Array>, to: WritableStream<Uint8Array>) =>
    from.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, c) {
          stats.bytes += chunk.length;
          c.enqueue(chunk);
        },
      }),
    ).pipeTo(to).catch(() => {});
  const splice = (a: BidirectionalStream, b: BidirectionalStream) => {
    copy(a.readable, b.writable);
    copy(b.readable, a.writable);
  };
  const spliceMessages = (down: BidirectionalStream, up: BidirectionalStream, edit: Rewrite) => {
    const d = new MessageChannel(down, { maxMessageSize: 1 << 20 });
    const u = new MessageChannel(up, { maxMessageSize: 1 << 20 });
    d.start((msg) => void u.send(edit(msg, true)).catch(() => {}));
    u.start((msg) => void d.send(edit(msg, false)).catch(() => {}));
  };
  const each = async <T>(source: ReadableStream<T>, run: (item: T) => Promise<void>) => {
    try {
      for await (const item of source) run(item).catch(() => {});
    } catch { /* session over */ }
  };
  (async () => {
    for await (const down of listener.sessions) {
      stats.sessions++;
      (async () => {
        let up: TransportSession;
        try {
          up = await upstream(down);
        } catch {
          down.close({ closeCode: 1, reason: "upstream unreachable" });
          return;
        }
        down.closed.then(() => up.close({ closeCode: 1, reason: "relay: dialer left" }));
        up.closed.then(() => down.close({ closeCode: 1, reason: "relay: listener left" }));
        let control = true;
        each(down.incomingBidirectionalStreams, async (s) => {
          const u = await up.createBidirectionalStream();
          if (control && rewrite) spliceMessages(s, u, rewrite);
          else splice(s, u);
          control = false;
        });
        each(
          up.incomingBidirectionalStreams,
          async (s) => splice(s, await down.createBidirectionalStream()),
        );
        each(
          down.incomingUnidirectionalStreams,
          async (r) => void copy(r, await up.createUnidirectionalStream()),
        );
        each(
          up.incomingUnidirectionalStreams,
          async (r) => void copy(r, await down.createUnidirectionalStream()),
        );
        copy(down.datagrams.readable, up.datagrams.writable);
        copy(up.datagrams.readable, down.datagrams.writable);
      })();
    }
  })().catch(() => {});
  return stats;
}

/** `address` with its host:port replaced, and its pins dropped when `pins` is false. */
function redirect(address: string, hostPort: string, pins = true): string {
  const url = address.replace(/@[^?]+/, `@${hostPort}`);
  return pins ? url : url.replace(/&pin=[^&]*/g, "");
}

function refusals(lines: Array<Record<string, unknown>>, code: string) {
  return lines.filter((l) => l.msg === "session refused" && String(l.err).includes(code));
}

// --- 1. real TLS, CA-trusted certificate ------------------------------------------

/** Runs the dialing fixture in a child of this runtime that trusts `caFile`. */
function dialInChild(
  caFile: string,
  plan: Array<
    { name: string; kind: "library" | "transport" | "node"; target: string; pins?: string[] }
  >,
): Promise<{ results: Array<Record<string, unknown>>; stderr: string }> {
  const fixture = join(root, "tests/transport/fixtures/pin-dial.ts");
  const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
  const [cmd, ...args] = deno
    ? [deno.execPath(), "run", "-A", fixture, JSON.stringify(plan)]
    : [process.execPath, "run", fixture, JSON.stringify(plan)];
  return new Promise((resolve, reject) => {
    execFile(cmd, args, {
      cwd: root,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, NO_COLOR: "1" },
      timeout: 60_000,
      maxBuffer: 1 << 24,
    }, (err, stdout, stderr) => {
      const line = String(stdout).split("\n").find((l) => l.startsWith("RESULT "));
      if (!line) return reject(new Error(`child failed: ${err?.message}\n${stdout}\n${stderr}`));
      resolve({ results: JSON.parse(line.slice(7)), stderr: String(stderr) });
    });
  });
}

test("HTTP/2: a CA-trusted certificate is refused unless it matches the pin; relays are refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "geomesh-pin-mitm-"));
  const log = captureLogger();
  let node: GeomeshNode | undefined;
  let mitm: Listener | undefined;
  try {
    const ca = await makeTestCa();
    const caFile = join(dir, "ca.pem");
    writeFileSync(caFile, ca.certPem);
    // A public-CA-style certificate, valid by chain (and even for the dialed IP).
    const leaf = await ca.issue(["127.0.0.1"]);
    // ... and one the CA issued for another name.
    const otherName = await ca.issue(["other.example"]);
    node = await createNode({
      mode: "server",
      transport: failsTransport,
      hostname: "127.0.0.1",
      port: 0,
      logger: log,
      dashboard: false,
      keepAliveMs: 0,
      gossipIntervalMs: 0,
    });
    node.handle((payload) => ({ echo: payload }));
    const real = node;
    const realPort = Number(real.address.match(/:(\d+)\?/)![1]);
    const realPins = [...real.address.matchAll(/pin=([^&]+)/g)].map((m) => m[1]);
    mitm = await failsTransport.listen({ certificate: leaf, hostname: "127.0.0.1", port: 0 });
    const other = await failsTransport.listen({
      certificate: otherName,
      hostname: "127.0.0.1",
      port: 0,
    });
    const stats = relay(mitm, () =>
      failsTransport.dial(`https://127.0.0.1:${realPort}/geomesh`, {
        certificateHashes: realPins.map(pinFromString),
      }));
    (async () => {
      for await (const s of other.sessions) s.close();
    })();
    const wrongPin = pinToString(crypto.getRandomValues(new Uint8Array(32)));
    const mitmUrl = `https://127.0.0.1:${mitm.port}/geomesh`;
    const { results, stderr } = await dialInChild(caFile, [
      // The CA is trusted in the child: without a pin the relay's certificate is accepted.
      { name: "ca-only", kind: "transport", target: mitmUrl },
      // The library alone (the root fix) and the adapter (which checks again).
      { name: "library-wrong-pin", kind: "library", target: mitmUrl, pins: [wrongPin] },
      {
        name: "library-honest-pin",
        kind: "library",
        target: mitmUrl,
        pins: [pinToString(leaf.pin)],
      },
      { name: "wrong-pin", kind: "transport", target: mitmUrl, pins: [wrongPin] },
      {
        name: "wrong-pin-other-name",
        kind: "transport",
        target: `https://127.0.0.1:${other.port}/geomesh`,
        pins: [wrongPin],
      },
      { name: "honest-pin", kind: "transport", target: mitmUrl, pins: [pinToString(leaf.pin)] },
      {
        name: "node-via-mitm",
        kind: "node",
        target: redirect(real.address, `127.0.0.1:${mitm.port}`),
      },
      {
        name: "node-via-mitm-unpinned",
        kind: "node",
        target: redirect(real.address, `127.0.0.1:${mitm.port}`, false),
      },
      { name: "node-honest", kind: "node", target: real.address },
    ]);
    await other.close();
    const by = Object.fromEntries(results.map((r) => [r.name, r]));
    const summary = JSON.stringify(results.map(({ logs: _, ...r }) => r));

    assert.is(by["library-wrong-pin"].ok, false, `library: connected despite the pin: ${summary}`);
    assert.is(by["library-honest-pin"].ok, true, summary);
    for (const name of ["wrong-pin", "wrong-pin-other-name"]) {
      assert.is(by[name].ok, false, `${name}: connected despite the pin: ${summary}`);
      assert.is(by[name].code, "PIN_MISMATCH", summary);
      assert.ok(
        (by[name].logs as string[]).some((l) => /matches none of the pins/.test(l)),
        `${name}: a log line says why`,
      );
    }
    assert.is(by["ca-only"].ok, true, `the test CA must be trusted in the child: ${summary}`);
    assert.is(by["ca-only"].peerCertificateHash, pinToString(leaf.pin), summary);

    assert.is(by["honest-pin"].ok, true, summary);
    assert.is(by["honest-pin"].protocol, "h2");
    assert.is(by["honest-pin"].peerCertificateHash, pinToString(leaf.pin));

    // The real node's address, pointing at the relay: its pins refuse the relay at TLS.
    assert.is(by["node-via-mitm"].ok, false, `relayed session authenticated: ${summary}`);
    assert.is(by["node-via-mitm"].code, "PIN_MISMATCH", summary);
    // No pin (CA trust only): the handshake is bound to the certificate the dialer saw.
    assert.is(by["node-via-mitm-unpinned"].ok, false, `relayed session authenticated: ${summary}`);
    assert.is(by["node-via-mitm-unpinned"].code, "PIN_MISMATCH", summary);
    assert.ok(
      (by["node-via-mitm-unpinned"].logs as string[]).some((l) =>
        l.includes("session refused") && l.includes("PIN_MISMATCH")
      ),
      "the dialer logs its refusal",
    );
    // The real node refused the relayed dialer too (it saw another certificate).
    await until(() => refusals(log.lines, "PIN_MISMATCH").length > 0, 5000, "listener refusal");
    assert.ok(stats.sessions >= 1, "the relay was reached");
    assert.ok(!stderr.includes("Uncaught"), stderr);

    // And the honest dial on the same listener still works.
    assert.is(by["node-honest"].ok, true, summary);
    assert.equal(by["node-honest"].reply, { echo: "through?" });
    assert.is(real.peers().filter((p) => p.connected).length, 0, "no relayed peer left");
  } finally {
    await mitm?.close();
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- 2. memory transport: the handshake's certificate binding ---------------------

test("memory: a relaying man in the middle with its own certificate is refused by both sides", async () => {
  const net = createMemoryNetwork();
  const logL = captureLogger(), logD = captureLogger();
  const l = await memoryNode(net, "l", { logger: logL, gossipIntervalMs: 0 });
  const d = await memoryNode(net, "d", { logger: logD, mode: "client", gossipIntervalMs: 0 });
  l.handle((payload) => ({ echo: payload }));
  const m = net.transport("m");
  const mitm = await m.listen({ certificate: { certPem: "", keyPem: "" } });
  const stats = relay(mitm, () => m.dial("memory://l/geomesh"));
  try {
    const err = await rejectsWith(d.connect(redirect(l.address, "m:4433")), "PIN_MISMATCH");
    assert.match(err.message, /certificate/);
    assert.is(stats.sessions, 1);
    assert.ok(refusals(logD.lines, "PIN_MISMATCH").length >= 1, "dialer logs its refusal");
    await until(() => refusals(logL.lines, "PIN_MISMATCH").length > 0, 2000, "listener refusal");
    assert.is(l.peers().filter((p) => p.connected).length, 0);
    // The honest dial to the same listener works.
    const id = await d.connect(l.address);
    assert.equal(await d.request(id, "hi"), { echo: "hi" });
  } finally {
    await mitm.close();
    await d.close();
    await l.close();
  }
});

test("memory: a relay that rewrites the certificate hashes in the hellos is still refused", async () => {
  const net = createMemoryNetwork();
  const logL = captureLogger(), logD = captureLogger();
  const l = await memoryNode(net, "l", { logger: logL, gossipIntervalMs: 0 });
  const d = await memoryNode(net, "d", { logger: logD, mode: "client", gossipIntervalMs: 0 });
  const m = net.transport("m");
  const mitm = await m.listen({ certificate: { certPem: "", keyPem: "" } });
  // What each side saw, learnt from the sessions the relay itself holds.
  let ours: Uint8Array | undefined, theirs: Uint8Array | undefined;
  const rewrite: Rewrite = (msg, toListener) => {
    if (msg.type !== "hello") return msg;
    // To the listener: "I saw your certificate"; to the dialer: "I served yours".
    const pins = toListener ? theirs : ours;
    return { ...msg, pins: pins ? [pins] : undefined } as WireMessage;
  };
  const stats = relay(mitm, async (down) => {
    const up = await m.dial("memory://l/geomesh");
    ours = down.localCertificateHash;
    theirs = up.peerCertificateHash;
    return up;
  }, rewrite);
  try {
    // Hashes made to agree: the signatures still cover two different certificates.
    const err = await rejectsWith(d.connect(redirect(l.address, "m:4433")), "AUTH_FAILED");
    assert.match(err.message, /signature does not verify/);
    assert.ok(refusals(logD.lines, "AUTH_FAILED").length >= 1, "dialer logs its refusal");
    assert.is(stats.sessions, 1);
    assert.ok(ours && theirs && pinToString(ours) !== pinToString(theirs), "two certificates");
    // The listener never accepts the relayed dialer: its handshake ends with a refusal.
    await until(
      () => logL.lines.some((x) => x.msg === "session refused"),
      3000,
      "listener refusal",
    );
    assert.is(l.peers().filter((p) => p.id === d.id && p.connected).length, 0);
  } finally {
    await mitm.close();
    await d.close();
    await l.close();
  }
});

/** Runs the dialer's side by hand, signing the certificate it was served or another one. */
async function handDialer(
  net: ReturnType<typeof createMemoryNetwork>,
  name: string,
  signed: "served" | "other",
) {
  const session = await net.transport(name).dial("memory://l/geomesh");
  const seen = session.peerCertificateHash!;
  const channel = new MessageChannel(await session.createBidirectionalStream(), {
    maxMessageSize: 1 << 20,
  });
  const inbox = new Inbox();
  channel.start((msg) => inbox.push(msg));
  channel.closed.then(() => inbox.fail(new Error("closed")));
  const identity = await generateIdentity();
  const nonce = crypto.getRandomValues(new Uint8Array(32));
  await channel.send({
    type: "hello",
    version: PROTOCOL_VERSION,
    nodeId: identity.id,
    publicKey: identity.publicKey,
    nonce,
    mode: "client",
    pins: [seen],
  });
  const hello = await inbox.next() as Extract<WireMessage, { type: "hello" }>;
  await inbox.next(); // the listener's auth
  const bound = signed === "served" ? seen : crypto.getRandomValues(new Uint8Array(32));
  await channel.send({
    type: "auth",
    signature: await identity.sign(
      "hello",
      transcript({
        label: "cli",
        verifierNonce: hello.nonce,
        signerNonce: nonce,
        verifierId: hello.nodeId,
        signerId: identity.id,
        certificateHash: bound,
      }),
    ),
  });
  const reply = await inbox.next().then((m) => m.type, () => "closed");
  if (reply === "welcome") session.close();
  const closed = await session.closed;
  return { reply, closed, hello, seen };
}

test("memory: the listener refuses a dialer whose signature covers another certificate", async () => {
  const net = createMemoryNetwork();
  const logL = captureLogger();
  const l = await memoryNode(net, "l", { logger: logL, gossipIntervalMs: 0 });
  try {
    // Control: the same hand-made dialer signing the certificate it was served is welcomed.
    const good = await handDialer(net, "good", "served");
    assert.is(good.reply, "welcome", "the hand-made handshake is the real one");
    assert.is(refusals(logL.lines, "AUTH_FAILED").length, 0);
    const bad = await handDialer(net, "bad", "other");
    assert.is(bad.reply, "closed", "no welcome");
    assert.is(bad.closed.closeCode, 3, "closed as an authentication failure");
    assert.ok(bad.hello.pins?.[0] && pinToString(bad.hello.pins[0]) === pinToString(bad.seen));
    await until(() => refusals(logL.lines, "AUTH_FAILED").length > 0, 2000, "listener log");
  } finally {
    await l.close();
  }
});

test.run();
