/**
 * Shared helpers of the browser tests: headless Debian Chromium through
 * playwright-core, a blank secure-context page to run geomesh in, and
 * in-page helpers (a page node that answers requests and records messages).
 */
import { type Browser, type BrowserContext, chromium, type Page } from "npm:playwright-core@1.65.1";

export const CHROMIUM = "/usr/bin/chromium";

/** Launches headless Chromium (QUIC left on: native WebTransport needs it). */
export async function launchChromium(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/install-system-deps.sh (Debian package 'chromium')`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A context whose pages trust the nodes' self-signed certificates for
 * ordinary TLS (page loads, WebSocket): what a user does by accepting the
 * certificate once. Native WebTransport ignores this and checks pins only.
 */
export function trustingContext(browser: Browser, viewport = { width: 1280, height: 900 }) {
  return browser.newContext({ ignoreHTTPSErrors: true, viewport });
}

/** A plain-HTTP server on 127.0.0.1 (a secure context) serving a blank page. */
export function blankPageServer(): { url: string; close(): Promise<void> } {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Response("<!doctype html><title>geomesh test</title><body><pre id=out></pre></body>", {
        headers: { "content-type": "text/html" },
      }),
  );
  return { url: `http://127.0.0.1:${server.addr.port}/`, close: () => server.shutdown() };
}

/** What a page node reports. */
export interface PageNode {
  page: Page;
  id: string;
}

/**
 * Opens a page, loads `bundleUrl` and creates a browser node on it that
 * answers requests with `{ echo, from, runtime: "browser" }` and records
 * `message` events in `globalThis.geo.inbox`; connects to `address` if given.
 */
export async function pageNode(
  context: BrowserContext,
  pageUrl: string,
  bundleUrl: string,
  address?: string,
): Promise<PageNode> {
  const page = await context.newPage();
  page.on("pageerror", (err) => console.error(`[page error] ${err.message}`));
  await page.goto(pageUrl);
  const id = await page.evaluate(async ({ bundleUrl, address }) => {
    const g = await import(bundleUrl);
    const node = await g.createNode({ logLevel: "warn", keepAliveMs: 0 });
    node.handle((payload: unknown, ctx: { from: string }) => ({
      echo: payload,
      from: ctx.from,
      runtime: "browser",
    }));
    const inbox: unknown[] = [];
    node.addEventListener("message", (e: Event) => inbox.push((e as CustomEvent).detail));
    (globalThis as unknown as { geo: unknown }).geo = { g, node, inbox };
    if (address) await node.connect(address);
    return node.id as string;
  }, { bundleUrl, address });
  return { page, id };
}

/** Runs `node.request(target, payload)` in the page; resolves with the reply or `{ error }`. */
export function pageRequest(page: Page, target: string, payload: unknown): Promise<unknown> {
  return page.evaluate(async ({ target, payload }) => {
    const { node } = (globalThis as unknown as {
      geo: { node: { request(t: string, p: unknown): Promise<unknown> } };
    }).geo;
    try {
      return await node.request(target, payload);
    } catch (err) {
      return { error: `${(err as { code?: string }).code}: ${(err as Error).message}` };
    }
  }, { target, payload });
}

/** The first message the page node received from `from` (waits up to `ms`). */
export async function pageMessage(page: Page, from: string, ms = 5000): Promise<unknown> {
  const handle = await page.waitForFunction(
    (from) => {
      const { inbox } = (globalThis as unknown as {
        geo: { inbox: Array<{ from: string }> };
      }).geo;
      return inbox.find((m) => m.from === from);
    },
    from,
    { timeout: ms },
  );
  return await handle.jsonValue();
}

/** Polls `check` until it returns true, or throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
