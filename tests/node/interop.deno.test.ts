/**
 * Deno and Bun nodes in one mesh: a Bun node (child process, HTTP/2) dials a
 * Deno node's dual-stack listener, and a Deno node dials a Bun node.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createNode } from "../../lib/runtime/create.ts";
import { captureLogger } from "./helpers.ts";
import { startNodeProcess } from "./process.ts";

test("Bun node -> Deno node over HTTP/2 on the dual-stack port", async () => {
  const deno = await createNode({
    mode: "server",
    port: 0,
    keepAliveMs: 0,
    logger: captureLogger(),
  });
  deno.handle((payload, { from }) => ({ echo: payload, from, runtime: "deno" }));
  const bun = startNodeProcess("bun", [
    "--mode",
    "client",
    "--dial",
    deno.address,
    "--exit-after-dial",
  ]);
  try {
    const bunId = (await bun.line("ADDRESS")).match(/^geomesh:\/\/([a-z2-7]{52})/)![1];
    const result = JSON.parse(await bun.line("REPLY", 20_000));
    assert.equal(result, {
      reply: { echo: "hello from bun", from: bunId, runtime: "deno" },
      protocol: "h2",
    });
  } finally {
    await bun.kill();
    await deno.close();
  }
});

test("Deno node -> Bun node over HTTP/2", async () => {
  const bun = startNodeProcess("bun", ["--mode", "server"]);
  const deno = await createNode({ mode: "client", keepAliveMs: 0, logger: captureLogger() });
  try {
    const address = await bun.line("ADDRESS");
    assert.match(address, /proto=h2/);
    const id = await deno.connect(address);
    assert.is(deno.peers()[0].protocol, "h2");
    assert.equal(await deno.request(id, "hi"), { echo: "hi", from: deno.id, runtime: "bun" });
  } finally {
    await deno.close();
    await bun.kill();
  }
});

test.run();
