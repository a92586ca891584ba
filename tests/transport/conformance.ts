/**
 * The one transport conformance suite. A test file describes a target (how
 * to dial, how to start a command-protocol server, an address that never
 * answers, what a wrong pin looks like) and calls {@linkcode conformance};
 * the same tests then run against every adapter and every interop pair.
 *
 * The server side is `fixtures/commands.ts`, in-process (memory) or in a
 * child process of either runtime (`fixtures/peer-server.ts`).
 *
 * @module
 */
import { suite } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { DialOptions, Protocol, TransportSession } from "../../lib/transport/types.ts";
import { checkPattern, patternChunk, readPattern, writePattern } from "./fixtures/pattern.ts";
import {
  control,
  echoIncoming,
  echoStream,
  readAll,
  readPatternAt,
  rejection,
  settle,
  within,
} from "./fixtures/client.ts";

/** A running command-protocol server. */
export interface ConformanceServer {
  /** Where to dial it. */
  url: string;
  /** Options every dial to it needs (pins). */
  dialOptions: DialOptions;
  /** Stops it (no-op if it already vanished). */
  stop(): Promise<void>;
}

/** What the suite needs to know about one adapter or interop pair. */
export interface ConformanceTarget {
  /** Suite title, e.g. `deno -> deno (h3)`. */
  name: string;
  /** Protocol sessions must report. */
  protocol: Protocol;
  /** Dials with the adapter under test. */
  dial(url: string, options: DialOptions): Promise<TransportSession>;
  /** Starts a fresh server (called once for the suite, once more for the vanish test). */
  startServer(): Promise<ConformanceServer>;
  /** An address whose port never answers. */
  unreachable(): Promise<{ url: string; close(): Promise<void> | void }>;
  /** Error codes acceptable for a wrong pin (`PIN_MISMATCH` where distinguishable). */
  wrongPinCodes: string[];
  /** How long a vanished peer may take to be noticed (ms). */
  vanishDeadlineMs: number;
  /** MiB echoed on one stream. Default `GEOMESH_BIG_TRANSFER_MIB` or 256. */
  bigTransferMiB?: number;
  /** Runs after the suite. */
  finish?(): Promise<void>;
}

function envBigMiB(): number {
  const g = globalThis as unknown as {
    Deno?: { env: { get(k: string): string | undefined } };
    process?: { env: Record<string, string | undefined> };
  };
  const raw = g.Deno
    ? g.Deno.env.get("GEOMESH_BIG_TRANSFER_MIB")
    : g.process?.env.GEOMESH_BIG_TRANSFER_MIB;
  return raw ? Number(raw) : 256;
}

/**
 * Registers the conformance tests for `target` on a new uvu suite and
 * returns it; the test file calls `.run()`.
 *
 * @example
 * ```ts ignore
 * conformance({ name: "memory", ... }).run();
 * ```
 */
export function conformance(target: ConformanceTarget) {
  const test = suite(target.name);
  let server: ConformanceServer;
  const open: TransportSession[] = [];
  const dial = async (options: DialOptions = {}) => {
    const s = await target.dial(server.url, { ...server.dialOptions, ...options });
    open.push(s);
    return s;
  };

  test.before(async () => {
    server = await target.startServer();
  });
  test.after.each(() => {
    for (const s of open.splice(0)) {
      try {
        s.close({ closeCode: 0, reason: "test over" });
      } catch { /* already closed */ }
    }
  });
  test.after(async () => {
    await server?.stop();
    await target.finish?.();
  });

  test("bidirectional echo, client-opened, with end-of-stream both ways", async () => {
    const session = await dial();
    assert.is(session.protocol, target.protocol);
    assert.type(session.remoteAddress, "string");
    assert.ok(session.remoteAddress.length > 0);
    const s = await echoStream(session);
    const reading = readAll(s.readable);
    let total = 0;
    for (const size of [1, 1000, 60_000]) {
      await s.writer.write(patternChunk(total, size));
      total += size;
    }
    await s.writer.close();
    const back = await within(reading, 10_000, "echo with FIN");
    assert.is(back.length, total);
    assert.ok(checkPattern(back, 0));
  });

  test("unidirectional streams both ways", async () => {
    const session = await dial();
    const incoming = session.incomingUnidirectionalStreams.getReader();
    const out = (await session.createUnidirectionalStream()).getWriter();
    await writePattern(out, 70_000);
    await out.close();
    const echoed = await within(incoming.read(), 10_000, "uni echo stream");
    assert.is(await within(readPattern(echoed.value!), 10_000, "uni echo data"), 70_000);
    const ctl = await control(session);
    const reply = ctl.call("open-uni", { count: 3, bytes: 50_000 });
    for (let i = 0; i < 3; i++) {
      const { value } = await within(incoming.read(), 10_000, "server-opened uni stream");
      assert.is(await within(readPattern(value!), 10_000, "server uni data"), 50_000);
    }
    assert.ok((await reply).ok);
  });

  test("server-opened bidirectional streams past every window", async () => {
    const session = await dial();
    echoIncoming(session);
    const ctl = await control(session);
    const reply = await within(
      ctl.call("open-bidi", { count: 3, bytes: 300_000 }),
      20_000,
      "open-bidi",
    );
    assert.equal(reply, { id: 1, ok: true, verified: 3 });
  });

  test("100 concurrent streams", async () => {
    const session = await dial();
    const counts = await within(
      Promise.all(Array.from({ length: 100 }, async (_, i) => {
        const s = await echoStream(session);
        const back = readPatternAt(s.readable, i * 997);
        await s.writer.write(patternChunk(i * 997, 10_000));
        await s.writer.close();
        return await back;
      })),
      30_000,
      "100 concurrent streams",
    );
    assert.equal(counts, Array(100).fill(10_000));
  });

  test("datagrams", async () => {
    const session = await dial();
    const max = session.datagrams.maxDatagramSize;
    assert.ok(max > 0, `maxDatagramSize ${max}`);
    const size = Math.min(max, 1000);
    const writer = session.datagrams.writable.getWriter();
    const reader = session.datagrams.readable.getReader();
    const seen = new Set<number>();
    const collecting = (async () => {
      while (seen.size < 20) {
        const { value, done } = await reader.read();
        if (done) break;
        assert.is(value.length, size);
        assert.ok(checkPattern(value.subarray(1), value[0]), "datagram intact");
        seen.add(value[0]);
      }
    })();
    for (let i = 0; i < 20; i++) {
      const d = new Uint8Array(size);
      d[0] = i;
      d.set(patternChunk(i, size - 1), 1);
      await writer.write(d);
    }
    await writer.write(new Uint8Array(max + 1)); // oversize: dropped, not an error
    await Promise.race([collecting, new Promise((r) => setTimeout(r, 2000))]);
    reader.cancel().catch(() => {});
    // Unreliable by design; on loopback nearly all arrive.
    assert.ok(seen.size >= 10, `only ${seen.size} of 20 datagrams echoed`);
  });

  test("big transfer each way on one stream", async () => {
    const mib = target.bigTransferMiB ?? envBigMiB();
    const bytes = mib * 1024 * 1024;
    const session = await dial();
    const s = await echoStream(session);
    const started = performance.now();
    const reading = readPattern(s.readable);
    await writePattern(s.writer, bytes, 64_000);
    await s.writer.close();
    const got = await reading;
    const seconds = (performance.now() - started) / 1000;
    assert.is(got, bytes);
    console.log(
      `  [${target.name}] ${mib} MiB each way on one stream: ${seconds.toFixed(2)} s, ` +
        `${(bytes / seconds / 1e6).toFixed(1)} MB/s per direction`,
    );
  });

  test("many sessions on one listener", async () => {
    const sessions = await Promise.all(Array.from({ length: 20 }, () => dial()));
    const echoed = await Promise.all(sessions.map(async (session, i) => {
      const s = await echoStream(session);
      const back = readAll(s.readable);
      await s.writer.write(Uint8Array.of(i));
      await s.writer.close();
      return (await within(back, 10_000, "echo"))[0];
    }));
    assert.equal(echoed, sessions.map((_, i) => i));
    const stats = await (await control(sessions[0])).call("stats");
    assert.ok((stats.open as number) >= 20, `server sees ${stats.open} open sessions`);
  });

  test("close code and reason, client to server", async () => {
    const a = await dial();
    const b = await dial();
    const ctl = await control(b);
    await ctl.call("stats");
    a.close({ closeCode: 4242, reason: "client bye ✓" });
    assert.equal(await a.closed, { closeCode: 4242, reason: "client bye ✓" });
    let last: Record<string, unknown> | undefined;
    for (let i = 0; i < 50; i++) {
      last = (await ctl.call("stats")).lastClose as Record<string, unknown>;
      if (last?.closeCode === 4242) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.is(last?.closeCode, 4242);
    assert.is(last?.reason, "client bye ✓");
  });

  test("close code and reason, server to client", async () => {
    const session = await dial();
    const ctl = await control(session);
    ctl.call("close", { code: 777, reason: "server bye" });
    const info = await within(session.closed, 10_000, "closed");
    assert.is(info.closeCode, 777);
    assert.is(info.reason, "server bye");
    assert.is(info.error, undefined);
    await rejection(() => session.createBidirectionalStream(), "stream on a closed session");
  });

  test("local close settles closed and fails pending reads", async () => {
    const session = await dial();
    const s = await echoStream(session);
    const read = settle(s.readable.getReader().read());
    session.close({ closeCode: 1, reason: "local" });
    assert.equal(await within(session.closed, 5000, "closed"), { closeCode: 1, reason: "local" });
    const r = await within(read, 5000, "pending read");
    assert.ok(!r.ok || r.value.done, "a read on a closed session does not yield data");
    await rejection(() => session.createBidirectionalStream(), "bidi stream on a closed session");
    await rejection(() => session.createUnidirectionalStream(), "uni stream on a closed session");
  });

  test("dial timeout", async () => {
    const silent = await target.unreachable();
    try {
      const err = await target.dial(silent.url, { ...server.dialOptions, timeoutMs: 300 })
        .then(() => undefined, (e) => e);
      assert.is(err?.code, "TIMEOUT", String(err));
    } finally {
      await silent.close();
    }
  });

  test("abort via signal", async () => {
    const silent = await target.unreachable();
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error("stop")), 50);
      const err = await target.dial(silent.url, { ...server.dialOptions, signal: ac.signal })
        .then(() => undefined, (e) => e);
      assert.is(err?.code, "ABORTED", String(err));
      const early = await target.dial(server.url, {
        ...server.dialOptions,
        signal: AbortSignal.abort(),
      })
        .then(() => undefined, (e) => e);
      assert.is(early?.code, "ABORTED", String(early));
    } finally {
      await silent.close();
    }
  });

  test("wrong pin is refused", async () => {
    const wrong = crypto.getRandomValues(new Uint8Array(32));
    const err = await target.dial(server.url, { certificateHashes: [wrong], timeoutMs: 5000 })
      .then((s) => {
        s.close();
        return undefined;
      }, (e) => e);
    assert.ok(err, "dial with a wrong pin succeeded");
    assert.ok(target.wrongPinCodes.includes(err.code), `got ${err.code}: ${err.message}`);
  });

  test("peer vanishing mid-stream gives errors, not hangs", async () => {
    const doomed = await target.startServer();
    try {
      const session = await target.dial(doomed.url, doomed.dialOptions);
      open.push(session);
      const s = await echoStream(session);
      const reading = settle(readPattern(s.readable));
      const writing = settle((async () => {
        for (let sent = 0;; sent += 60_000) await s.writer.write(patternChunk(sent, 60_000));
      })());
      const ctl = await control(session);
      await within(ctl.call("vanish", { afterMs: 100 }), 10_000, "vanish reply");
      const deadline = target.vanishDeadlineMs;
      const w = await within(writing, deadline, "write after the peer vanished");
      const r = await within(reading, deadline, "read after the peer vanished");
      const info = await within(session.closed, deadline, "closed after the peer vanished");
      assert.ok(!w.ok, "writes fail");
      assert.ok(!r.ok, "the pending read fails");
      assert.ok(info.error instanceof Error, "closed reports an error");
    } finally {
      await doomed.stop();
    }
  });

  return test;
}
