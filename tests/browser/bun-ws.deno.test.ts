/**
 * Browsers as mesh members over the WebSocket fallback: a Bun server node (a
 * child process; Bun has no HTTP/3, so its address offers `h2,ws`) serves the
 * browser build from its dashboard, a page joins it with the fails WebSocket
 * ponyfill, requests go both ways with the Bun node and, through it, with a
 * Deno client node; a wrong pin is refused by the hello's pin binding.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { Browser, BrowserContext } from "npm:playwright-core@1.65.1";
import { createNode } from "../../lib/runtime/create.ts";
import { parseAddress } from "../../lib/address/address.ts";
import { captureLogger } from "../node/helpers.ts";
import { type NodeProcess, startNodeProcess } from "../node/process.ts";
import {
  blankPageServer,
  launchChromium,
  pageNode,
  pageRequest,
  trustingContext,
  until,
} from "./helpers.ts";

let browser: Browser;
let context: BrowserContext;
let pages: ReturnType<typeof blankPageServer>;
let bun: NodeProcess;
let address: string;
let bunId: string;
let bundleUrl: string;

test.before(async () => {
  bun = startNodeProcess("bun", ["--mode", "server"]);
  address = await bun.line("ADDRESS");
  bunId = parseAddress(address).nodeId;
  bundleUrl = `${await bun.line("DASHBOARD")}geomesh.js`;
  pages = blankPageServer();
  browser = await launchChromium();
  context = await trustingContext(browser);
});

test.after(async () => {
  await browser?.close();
  await pages?.close();
  await bun?.kill();
});

test("a page joins a Bun node over the WebSocket ponyfill and exchanges requests", async () => {
  assert.equal(parseAddress(address).protocols, ["h2", "ws"]);
  const { page, id } = await pageNode(context, pages.url, bundleUrl, address);
  try {
    const peer = await page.evaluate(() =>
      (globalThis as unknown as {
        geo: { node: { peers(): { protocol: string; mode: string }[] } };
      }).geo.node.peers()[0]
    );
    assert.is(peer.protocol, "ws");
    assert.is(peer.mode, "server");
    assert.equal(await pageRequest(page, bunId, "hi bun"), {
      echo: "hi bun",
      from: id,
      runtime: "bun",
    });
    // Larger than the initial flow-control windows (16 KiB) many times over.
    const big = await page.evaluate(async (bunId) => {
      const { node } = (globalThis as unknown as {
        geo: { node: { request(t: string, p: unknown): Promise<{ echo: Uint8Array }> } };
      }).geo;
      const data = new Uint8Array(600_000).map((_, i) => i % 251);
      const reply = await node.request(bunId, data);
      return reply.echo.length === data.length && reply.echo.every((v, i) => v === data[i]);
    }, bunId);
    assert.ok(big, "600 kB round trip intact");
  } finally {
    await page.close();
  }
});

test("a page and a Deno node connected to the Bun server reach each other through it", async () => {
  const deno = await createNode({ mode: "client", keepAliveMs: 0, logger: captureLogger() });
  deno.handle((payload, { from }) => ({ echo: payload, from, runtime: "deno" }));
  const { page, id } = await pageNode(context, pages.url, bundleUrl, address);
  try {
    await deno.connect(address);
    assert.is(deno.peers()[0].protocol, "h2");
    assert.equal(await pageRequest(page, deno.id, { n: 1 }), {
      echo: { n: 1 },
      from: id,
      runtime: "deno",
    });
    assert.equal(await deno.request(id, { n: 2 }), {
      echo: { n: 2 },
      from: deno.id,
      runtime: "browser",
    });
    // The Bun node itself reaches the page too (it answers the page's request by id).
    assert.equal(await pageRequest(page, bunId, "direct"), {
      echo: "direct",
      from: id,
      runtime: "bun",
    });
  } finally {
    await page.close();
    await deno.close();
  }
});

test("a wrong pin over WebSocket is refused by the pin binding, visibly", async () => {
  const page = await context.newPage();
  try {
    await page.goto(pages.url);
    const wrong = address.replace(/pin=[^&]+/, `pin=${"B".repeat(43)}`);
    await page.evaluate(async ({ bundleUrl, wrong }) => {
      const g = await import(bundleUrl);
      const node = await g.createNode({ logLevel: "silent", connectTimeoutMs: 4000 });
      try {
        await node.connect(wrong);
        document.getElementById("out")!.textContent = "connected?!";
      } catch (err) {
        document.getElementById("out")!.textContent = `${(err as Error).name} ${
          (err as { code: string }).code
        }: ${(err as Error).message}`;
      } finally {
        await node.close();
      }
    }, { bundleUrl, wrong });
    assert.ok(await page.locator("#out").isVisible());
    assert.match((await page.locator("#out").textContent())!, /^PinMismatchError PIN_MISMATCH: /);
  } finally {
    await page.close();
  }
});

test("the Bun node keeps serving after a page is closed mid-request", async () => {
  const rogue = await pageNode(context, pages.url, bundleUrl, address);
  await rogue.page.evaluate((bunId) => {
    const { node } = (globalThis as unknown as {
      geo: { node: { request(t: string, p: unknown): Promise<unknown> } };
    }).geo;
    node.request(bunId, new Uint8Array(900_000)).catch(() => {});
  }, bunId);
  await rogue.page.close();
  const fresh = await pageNode(context, pages.url, bundleUrl, address);
  try {
    await until(
      async () => (await pageRequest(fresh.page, bunId, "ok?") as { echo?: string }).echo === "ok?",
      5000,
      "an answer",
    );
  } finally {
    await fresh.page.close();
  }
});

test.run();
