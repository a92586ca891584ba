/**
 * Browsers as mesh members, over native WebTransport (HTTP/3) to a Deno
 * server node, in headless Chromium: a page node requests and is requested,
 * reaches a Deno client node of the same server through it (relay), two pages
 * exchange a message through the server, the server's dashboard lists the
 * browser, a wrong pin is refused with a visible error, and the server
 * survives a page that sends garbage and is closed mid-stream.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { Browser, BrowserContext } from "npm:playwright-core@1.65.1";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createNode } from "../../lib/runtime/create.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import { dashboardOf } from "../../lib/dashboard/mod.ts";
import { captureLogger } from "../node/helpers.ts";
import {
  blankPageServer,
  launchChromium,
  pageMessage,
  pageNode,
  pageRequest,
  trustingContext,
  until,
} from "./helpers.ts";

let browser: Browser;
let context: BrowserContext;
let pages: ReturnType<typeof blankPageServer>;
let server: GeomeshNode;
let bundleUrl: string;

test.before(async () => {
  server = await createNode({ mode: "server", port: 0, keepAliveMs: 0, logger: captureLogger() });
  server.handle((payload, { from }) => ({ echo: payload, from, runtime: "deno" }));
  bundleUrl = `${dashboardOf(server)!.url}geomesh.js`;
  pages = blankPageServer();
  browser = await launchChromium();
  context = await trustingContext(browser);
});

test.after(async () => {
  await browser?.close();
  await pages?.close();
  await server?.close();
});

test("a page joins a Deno node over HTTP/3; requests go both ways", async () => {
  const { page, id } = await pageNode(context, pages.url, bundleUrl, server.address);
  try {
    const protocol = await page.evaluate(() =>
      (globalThis as unknown as { geo: { node: { peers(): { protocol: string }[] } } }).geo.node
        .peers()[0].protocol
    );
    assert.is(protocol, "h3");
    assert.equal(await pageRequest(page, server.id, { hi: [1, 2] }), {
      echo: { hi: [1, 2] },
      from: id,
      runtime: "deno",
    });
    assert.equal(await server.request(id, new Uint8Array([7, 8])), {
      echo: new Uint8Array([7, 8]),
      from: server.id,
      runtime: "browser",
    });
  } finally {
    await page.close();
  }
});

test("garbage collection in the server process does not end a browser's session", async () => {
  // Regression: Deno's WebTransport wrapper, once collected, dropped the
  // HTTP/3 control streams and Chromium closed the connection.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const { page, id } = await pageNode(context, pages.url, bundleUrl, server.address);
  try {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(await pageRequest(page, server.id, i), { echo: i, from: id, runtime: "deno" });
    }
  } finally {
    await page.close();
  }
});

test("a page and a Deno client node of the same server reach each other through it", async () => {
  const deno = await createNode({ mode: "client", keepAliveMs: 0, logger: captureLogger() });
  deno.handle((payload, { from }) => ({ echo: payload, from, runtime: "deno-client" }));
  const { page, id } = await pageNode(context, pages.url, bundleUrl, server.address);
  try {
    await deno.connect(server.address);
    await until(() => server.peers().filter((p) => p.connected).length >= 2, 5000, "2 peers");
    assert.equal(await pageRequest(page, deno.id, "via the server"), {
      echo: "via the server",
      from: id,
      runtime: "deno-client",
    });
    assert.equal(await deno.request(id, "back"), {
      echo: "back",
      from: deno.id,
      runtime: "browser",
    });
  } finally {
    await page.close();
    await deno.close();
  }
});

test("two pages on the same server exchange a message through it", async () => {
  const a = await pageNode(context, pages.url, bundleUrl, server.address);
  const b = await pageNode(context, pages.url, bundleUrl, server.address);
  try {
    await a.page.evaluate(async (to) => {
      const { node } = (globalThis as unknown as {
        geo: { node: { send(t: string, p: unknown): Promise<void> } };
      }).geo;
      await node.send(to, { text: "hello, other tab" });
    }, b.id);
    assert.equal(await pageMessage(b.page, a.id), {
      from: a.id,
      payload: { text: "hello, other tab" },
      via: server.id,
    });
  } finally {
    await a.page.close();
    await b.page.close();
  }
});

test("the dashboard lists the connected browser within a few seconds", async () => {
  const { page, id } = await pageNode(context, pages.url, bundleUrl, server.address);
  const dashboard = await context.newPage();
  try {
    // The printed link carries the dashboard token (/api/state needs it unless the client is local).
    await dashboard.goto(dashboardOf(server)!.link);
    const row = dashboard.locator(`tr[data-peer="${id}"]`);
    await row.waitFor({ timeout: 5000 });
    const text = await row.textContent();
    assert.match(text!, /h3/);
    // A browser node answers no geomesh.info unless it opts in: its runtime is not known.
    assert.is(await row.locator("td").nth(1).textContent(), "?");
    assert.ok(
      await dashboard.locator(`circle[data-node="${id}"]`).count() === 1,
      "in the topology",
    );
  } finally {
    await dashboard.close();
    await page.close();
  }
});

test("a wrong pin is refused with a visible error", async () => {
  const page = await context.newPage();
  try {
    await page.goto(pages.url);
    const wrong = server.address.replace(/pin=[^&]+/g, `pin=${"A".repeat(43)}`);
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
    const shown = await page.locator("#out").textContent();
    assert.ok(await page.locator("#out").isVisible());
    assert.match(shown!, /^ConnectError CONNECT_FAILED: .*matches none of the pins/);
  } finally {
    await page.close();
  }
});

test("a server survives a page that sends garbage and is closed mid-stream", async () => {
  const errorsBefore = server.metrics.errors + server.metrics.sessionsRejected;
  const rogue = await pageNode(context, pages.url, bundleUrl, server.address);
  const rogueAddress = server.address;
  // Mid-stream: a large request in flight on the authenticated session, and
  // raw sessions writing garbage, when the tab goes away.
  await rogue.page.evaluate(async (address) => {
    const { g, node } = (globalThis as unknown as {
      geo: { g: { parseAddress(a: string): { port: number; pins: string[] } }; node: unknown };
    }).geo;
    (node as { request(t: string, p: unknown): Promise<unknown> })
      .request(address.match(/geomesh:\/\/([a-z2-7]+)/)![1], new Uint8Array(900_000))
      .catch(() => {});
    const a = g.parseAddress(address);
    const pin = Uint8Array.from(
      atob(a.pins[0].replace(/-/g, "+").replace(/_/g, "/") + "="),
      (c) => c.charCodeAt(0),
    );
    const open = async () => {
      const wt = new WebTransport(`https://127.0.0.1:${a.port}/geomesh`, {
        serverCertificateHashes: [{ algorithm: "sha-256", value: pin }],
      });
      await wt.ready;
      return wt;
    };
    const junk = await open();
    const s1 = await junk.createBidirectionalStream();
    const w1 = s1.writable.getWriter();
    w1.write(crypto.getRandomValues(new Uint8Array(60_000))).catch(() => {});
    // A frame announcing ~2^62 bytes, then a trickle that never completes it.
    const huge = await open();
    const s2 = await huge.createBidirectionalStream();
    const w2 = s2.writable.getWriter();
    w2.write(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3]))
      .catch(() => {});
    const dw = huge.datagrams.writable.getWriter();
    for (let i = 0; i < 50; i++) {
      dw.write(crypto.getRandomValues(new Uint8Array(500))).catch(() => {});
    }
    (async () => {
      for (;;) await w1.write(crypto.getRandomValues(new Uint8Array(4096)));
    })().catch(() => {});
  }, rogueAddress);
  await new Promise((r) => setTimeout(r, 300));
  await rogue.page.close();
  // The server drops what the tab left behind and keeps serving.
  await until(() => !server.peers().some((p) => p.id === rogue.id && p.connected), 15_000, "drop");
  assert.ok(
    server.metrics.errors + server.metrics.sessionsRejected > errorsBefore,
    "refusals counted",
  );
  const fresh = await pageNode(context, pages.url, bundleUrl, server.address);
  try {
    assert.equal(await pageRequest(fresh.page, server.id, "still there?"), {
      echo: "still there?",
      from: fresh.id,
      runtime: "deno",
    });
  } finally {
    await fresh.page.close();
  }
});

test.run();
