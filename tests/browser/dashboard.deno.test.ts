/**
 * The dashboard of a hybrid Deno node with three nodes and a browser around
 * it: a Bun server node it dialed (HTTP/2; started with `npm start`'s CLI
 * and `--introspection`), a Deno client node (HTTP/3) and a page (HTTP/3)
 * that keeps requesting the other two through it; those three opted in to
 * `geomesh.info`, so the dashboard knows their runtimes. Opened without the
 * token the page says it is locked; opened with the printed link it drops
 * the token from the address bar and shows the data. Checks what the page
 * shows and writes a screenshot to `tests/artifacts/dashboard.png`
 * (git-ignored) for a human to look at. Also checks the site's other paths,
 * and that a browser node that did not opt in does not answer `geomesh.info`.
 *
 * The hub runs with `trustLoopback: false`, so the token is needed from this
 * test's browser whether or not the server can tell it is local.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdir } from "node:fs/promises";
import type { BrowserContext } from "npm:playwright-core@1.65.1";
import { createNode } from "../../lib/runtime/create.ts";
import { parseAddress } from "../../lib/address/address.ts";
import { dashboardOf } from "../../lib/dashboard/mod.ts";
import { INFO_ACTOR } from "../../lib/node/introspect.ts";
import { captureLogger, rejectsWith } from "../node/helpers.ts";
import { blankPageServer, launchChromium, pageNode, trustingContext, until } from "./helpers.ts";

const artifacts = new URL("../artifacts/", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;

/** `scripts/cli.ts` under Bun; resolves its printed lines by prefix. */
function startCli(args: string[]) {
  const child = spawn(`${root}node_modules/.bin/bun`, ["run", "scripts/cli.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...Deno.env.toObject(), NO_COLOR: "1" },
  });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    async line(prefix: string): Promise<string> {
      await until(() => lines.some((l) => l.startsWith(prefix)), 20_000, `"${prefix}" ${stderr}`);
      return lines.find((l) => l.startsWith(prefix))!.slice(prefix.length).trim();
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A page node that opted in to `geomesh.info` (runtime and mode only). */
async function introspectingPage(
  context: BrowserContext,
  pageUrl: string,
  bundleUrl: string,
  address: string,
) {
  const page = await context.newPage();
  await page.goto(pageUrl);
  const id = await page.evaluate(async ({ bundleUrl, address }) => {
    const g = await import(bundleUrl);
    const node = await g.createNode({ logLevel: "warn", keepAliveMs: 0, introspection: true });
    node.handle((payload: unknown) => ({ echo: payload }));
    (globalThis as unknown as { geo: unknown }).geo = { g, node };
    await node.connect(address);
    return node.id as string;
  }, { bundleUrl, address });
  return { page, id };
}

test("dashboard with three nodes and a browser: locked without the token, live with the link; peers, topology, rates, logs; screenshot", async () => {
  // First: a missing Chromium must fail the test before anything is left running.
  const browser = await launchChromium();
  const hub = await createNode({
    mode: "hybrid",
    port: 0,
    keepAliveMs: 1000,
    logger: captureLogger(),
    dashboard: { trustLoopback: false },
  });
  hub.handle((payload) => ({ echo: payload }));
  const certs = await Deno.makeTempDir();
  const bun = startCli([
    "--mode",
    "server",
    "--port",
    "0",
    "--cert-path",
    certs,
    "--log-level",
    "warn",
    "--introspection",
  ]);
  const client = await createNode({
    mode: "client",
    keepAliveMs: 1000,
    logger: captureLogger(),
    introspection: true,
  });
  client.handle((payload) => ({ echo: payload }));
  const pages = blankPageServer();
  try {
    // Printed shell-quoted (it holds ? and &).
    const bunAddress = (await bun.line("address:")).replace(/^'(.*)'$/, "$1");
    const bunId = parseAddress(bunAddress).nodeId;
    assert.match(await bun.line("dashboard:"), /^https:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43} /);
    await hub.connect(bunAddress);
    await client.connect(hub.address);
    const context = await trustingContext(browser, { width: 1280, height: 1000 });
    const { url, link, token } = dashboardOf(hub)!;
    const tab = await introspectingPage(context, pages.url, `${url}geomesh.js`, hub.address);
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
    // Without the token: the page loads, the data does not.
    await dash.goto(url);
    await dash.locator("#locked").waitFor({ state: "visible", timeout: 5000 });
    assert.match(await dash.locator("#locked").textContent() ?? "", /dashboard token/);
    assert.is(await dash.locator("#status").textContent(), "locked");
    assert.is(await dash.locator("tr[data-peer]").count(), 0);
    // With the printed link: the token leaves the address bar and rides on every poll.
    await dash.goto(link);
    await until(() => !dash.url().includes("token="), 5000, "the token out of the address bar");
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

    assert.is(await dash.locator("#locked").isHidden(), true);
    // A reload keeps the token (this tab's sessionStorage), not the address bar.
    await dash.reload();
    await dash.locator(`tr[data-peer="${bunId}"]`).waitFor({ timeout: 5000 });

    // The rest of the site.
    const get = (path: string, accept = "*/*", auth?: string) =>
      dash.evaluate(async ({ path, accept, auth }) => {
        const headers: Record<string, string> = { accept };
        if (auth) headers.authorization = auth;
        const res = await fetch(path, { headers });
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          body: await res.text(),
        };
      }, { path, accept, auth });
    const text = await get("/address");
    assert.is(text.body.trim(), hub.address);
    const json = JSON.parse((await get("/address", "application/json")).body);
    assert.equal([json.address, json.nodeId, json.port], [
      hub.address,
      hub.id,
      hub.addressInfo.port,
    ]);
    const refused = await get("/metrics");
    assert.is(refused.status, 401, refused.body);
    assert.not.match(refused.body, /geomesh_sessions/);
    const metrics = await get("/metrics", "*/*", `Bearer ${token}`);
    assert.match(metrics.type!, /^text\/plain; version=0.0.4/);
    assert.match(metrics.body, new RegExp(`geomesh_sessions\\{node="${hub.id}"\\} 3`));
    const js = await get("/geomesh.js");
    assert.match(js.type!, /javascript/);
    assert.match(js.body, /createNode/);
    assert.is((await get("/nope")).status, 404);

    // A browser node that did not opt in answers no geomesh.info.
    const plain = await pageNode(context, pages.url, `${url}geomesh.js`, hub.address);
    await rejectsWith(hub.request(`${INFO_ACTOR}@${plain.id}`, null), "UNKNOWN_ACTOR");
    await plain.page.close();
  } finally {
    await browser.close();
    await pages.close();
    await client.close();
    await hub.close();
    await bun.kill();
    await Deno.remove(certs, { recursive: true });
  }
});

test.run();
