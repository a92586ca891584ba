/**
 * API edges on the memory transport: argument validation, cancellation with
 * AbortSignal (direct and relayed), no listener left on a reused signal,
 * typed errors after close(), config validation, JSON log lines,
 * `Symbol.asyncDispose`.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createNode } from "../../lib/runtime/create.ts";
import { resolveConfig } from "../../lib/node/config.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { memoryNode, rejectsWith, sleep, star, until } from "./helpers.ts";

test("request and ping options are validated", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  try {
    b.handle((p) => p);
    await a.connect(b.address);
    for (const timeoutMs of [0, -5, NaN, Infinity, "1" as never]) {
      const err = await a.request(b.id, 1, { timeoutMs }).then(() => null, (e) => e);
      assert.ok(err instanceof TypeError || err instanceof RangeError, `${timeoutMs}: ${err}`);
      const perr = await a.ping(b.id, { timeoutMs }).then(() => null, (e) => e);
      assert.ok(perr instanceof TypeError || perr instanceof RangeError, `${timeoutMs}: ${perr}`);
    }
    const serr = await a.request(b.id, 1, { signal: {} as never }).then(() => null, (e) => e);
    assert.instance(serr, TypeError);
    assert.is(await a.request(b.id, 2, { timeoutMs: 1000 }), 2);
  } finally {
    await a.close();
    await b.close();
  }
});

test("an aborted request rejects with ABORTED, direct and relayed; a reused signal keeps no listeners", async () => {
  const { server, a, b, close } = await star();
  try {
    server.handle(() => new Promise(() => {}));
    b.handle((p) => (p === "hang" ? new Promise(() => {}) : p));
    const direct = new AbortController();
    const p1 = a.request(server.id, null, { signal: direct.signal, timeoutMs: 5000 });
    await sleep(10);
    direct.abort();
    await rejectsWith(p1, "ABORTED");
    const relayed = new AbortController();
    const p2 = a.request(b.id, "hang", { signal: relayed.signal, timeoutMs: 5000 });
    await sleep(10);
    relayed.abort();
    await rejectsWith(p2, "ABORTED");
    await rejectsWith(a.request(b.id, 1, { signal: AbortSignal.abort() }), "ABORTED");
    // One long-lived signal used for many requests: each request removes its listener.
    const shared = new AbortController();
    let listeners = 0;
    const add = shared.signal.addEventListener.bind(shared.signal);
    const remove = shared.signal.removeEventListener.bind(shared.signal);
    shared.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    shared.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    for (let i = 0; i < 20; i++) {
      assert.is(
        await a.request(i % 2 ? b.id : `echo@${server.id}`, i, { signal: shared.signal }).catch(
          (e) => e.code,
        ),
        i % 2 ? i : "UNKNOWN_ACTOR",
      );
    }
    assert.is(listeners, 0);
  } finally {
    await close();
  }
});

test("after close(), send/request/connect reject with SESSION_CLOSED", async () => {
  const net = createMemoryNetwork();
  const a = await memoryNode(net, "a");
  const b = await memoryNode(net, "b");
  await a.connect(b.address);
  await a.close();
  await rejectsWith(a.send(b.id, 1), "SESSION_CLOSED");
  await rejectsWith(a.request(b.id, 1), "SESSION_CLOSED");
  await rejectsWith(a.broadcast(1), "SESSION_CLOSED");
  await rejectsWith(a.connect(b.address), "SESSION_CLOSED");
  await b.close();
});

test("config: message size floor, JSON log lines, bootstrap addresses, logger, limits", async () => {
  // The hello (id, key, nonce, address, pin binding) must fit in one message.
  assert.throws(() => resolveConfig({ maxMessageSize: 1024 }), RangeError);
  assert.is(resolveConfig({ maxMessageSize: 2048 }).maxMessageSize, 2048);
  assert.throws(
    () => resolveConfig({ bootstrap: ["geomesh://nope"] }),
    (e: Error) => (e as { code?: string }).code === "BAD_ADDRESS",
  );
  assert.throws(() => resolveConfig({ logFormat: "xml" as never }), TypeError);
  assert.throws(() => resolveConfig({ logger: {} as never }), TypeError);
  assert.throws(() => resolveConfig({ transport: {} as never }), TypeError);
  assert.throws(() => resolveConfig({ maxInflightRequests: 0 }), RangeError);
  // logFormat "json": the default logger writes one JSON object per line.
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => void lines.push(line);
  try {
    const net = createMemoryNetwork();
    const node = await createNode({
      transport: net.transport("j"),
      logFormat: "json",
      logLevel: "info",
      keepAliveMs: 0,
    });
    await node.close();
  } finally {
    console.error = original;
  }
  const started = lines.map((l) => JSON.parse(l)).find((o) => o.msg === "node started");
  assert.ok(
    started && started.level === "info" && typeof started.id === "string",
    lines.join("\n"),
  );
});

test("Symbol.asyncDispose closes the node", async () => {
  const net = createMemoryNetwork();
  const b = await memoryNode(net, "b");
  {
    const a = await memoryNode(net, "a");
    await a.connect(b.address);
    await a[Symbol.asyncDispose]();
    await rejectsWith(a.send(b.id, 1), "SESSION_CLOSED");
  }
  await until(() => b.peers().every((p) => !p.connected), 2000, "b sees a leave");
  await b.close();
});

test.run();
