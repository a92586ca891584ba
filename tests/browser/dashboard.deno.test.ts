/**
 * The dashboard of a hybrid Deno node with three nodes and a browser around
 * it: a Bun server node it dialed (HTTP/2), a Deno client node (HTTP/3) and a
 * page (HTTP/3) that keeps requesting the other two through it. Checks what
 * the page shows and writes a screenshot to `tests/artifacts/dashboard.png`
 * (git-ignored) for a human to look at. Also checks the site's other paths.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdir } from "node:fs/promises";
import { createNode } from "../../lib/node/create.ts";
import { parseAddress } from "../../lib/node/address.ts";
import { dashboardOf } from "../../lib/dashboard/mod.ts";
import { captureLogger } from "../node/helpers.ts";
import { startNodeProcess } from "../node/process.ts";
import { blankPageServer, launchChromium, pageNode, trustingContext, until } from "./helpers.ts";

const artifacts = new URL("../artifacts/", import.meta.url).pathname;

test("dashboard with three nodes and a browser: peers, topology, rates, logs; screenshot", async () => {
  const hub = await createNode({
    mode: "hybrid",
    port: 0,
    keepAliveMs: 1000,
    logger: captureLogger(),
  });
  hub.handle((payload) => ({ echo: payload }));
  const bun = startNodeProcess("bun", ["--mode", "server"]);
  const client = await createNode({ mode: "client", keepAliveMs: 1000, logger: captureLogger() });
  client.handle((payload) => ({ echo: payload }));
  const pages = blankPageServer();
  const browser = await launchChromium();
  try {
    const bunAddress = await bun.line("ADDRESS");
    const bunId = parseAddress(bunAddress).nodeId;
    await hub.connect(bunAddress);
    await client.connect(hub.address);
    const context = await trustingContext(browser, { width: 1280, height: 1000 });
    const url = dashboardOf(hub)!.url;
    const tab = await pageNode(context, pages.url, `${url}geomesh.js`, hub.address);
    // Traffic through the hub while the dashboard watches.
    const traffic = tab.page.evaluate(async ({ to }) => {
      const { node } = (globalThis as unknown as {
        geo: { node: { request(t: string, p: unknown): Promise<unknown> } };
      }).geo;
      const end = performance.now() + 3500;
      while (performance.now() < end) {
        await Promise.all(to.map((t) => node.request(t, "x".repeat(2000))));
      }
    }, { to: [client.id, bunId, hub.id] });
    const dash = await context.newPage();
    await dash.goto(url);
    for (const id of [bunId, client.id, tab.id]) {
      await dash.locator(`tr[data-peer="${id}"]`).waitFor({ timeout: 5000 });
    }
    await until(
      async () => {
        const text = await dash.locator("#peers").textContent() ?? "";
        return ["bun", "deno", "browser"].every((r) => text.includes(r));
      },
      6000,
      "runtimes in the peer table",
    );
    await until(
      async () => !/^0 \/ 0$/.test(await dash.locator(".card .v").nth(1).textContent() ?? ""),
      5000,
      "a non-zero message rate",
    );
    await traffic;
    const rows = await dash.locator("#peers tr").allTextContents();
    assert.is(rows.length, 3);
    assert.ok(rows.some((r) => r.includes("bun") && r.includes("h2")), rows.join(" | "));
    assert.ok(rows.some((r) => r.includes("browser") && r.includes("h3")), rows.join(" | "));
    assert.ok(rows.some((r) => r.includes("deno") && r.includes("client")), rows.join(" | "));
    assert.is(await dash.locator("circle[data-node]").count(), 4);
    assert.match(await dash.locator("#logs").textContent() ?? "", /peer connected/);
    await mkdir(artifacts, { recursive: true });
    await dash.screenshot({ path: `${artifacts}dashboard.png`, fullPage: true });
    assert.ok((await Deno.stat(`${artifacts}dashboard.png`)).size > 20_000);

    // The rest of the site.
    const get = (path: string, accept = "*/*") =>
      dash.evaluate(async ({ path, accept }) => {
        const res = await fetch(path, { headers: { accept } });
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          body: await res.text(),
        };
      }, { path, accept });
    const text = await get("/address");
    assert.is(text.body.trim(), hub.address);
    const json = JSON.parse((await get("/address", "application/json")).body);
    assert.equal([json.address, json.nodeId, json.port], [
      hub.address,
      hub.id,
      hub.addressInfo.port,
    ]);
    const metrics = await get("/metrics");
    assert.match(metrics.type!, /^text\/plain; version=0.0.4/);
    assert.match(metrics.body, new RegExp(`geomesh_sessions\\{node="${hub.id}"\\} 3`));
    const js = await get("/geomesh.js");
    assert.match(js.type!, /javascript/);
    assert.match(js.body, /createNode/);
    assert.is((await get("/nope")).status, 404);
  } finally {
    await browser.close();
    await pages.close();
    await client.close();
    await hub.close();
    await bun.kill();
  }
});

test.run();
