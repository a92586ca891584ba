/**
 * Browser-to-node throughput and latency, in headless Chromium against a Deno
 * server process (this one):
 *
 * | system | what moves |
 * |---|---|
 * | `raw-h3` | one stream of the browser adapter (native WebTransport) to the `deno` listener |
 * | `raw-ws` | one stream of the browser adapter (WebSocket ponyfill) to the `fails` listener |
 * | `node-h3` | a browser geomesh node to a Deno server node over HTTP/3 |
 * | `node-ws` | a browser geomesh node to a Bun server node (child process) over the WebSocket ponyfill |
 * | `node-ws-deno` | the same to the Deno server node (its address limited to `ws`, as without UDP) |
 * | `deno-h3` | reference: a Deno geomesh client node to the same server node |
 *
 * Per system: `upMBps` (browser to node), `downMBps` (node to browser) and, for
 * raw streams, `echoMBps` (both at once); for nodes `rttUs` (p50 of
 * sequential 64-byte requests). Systems alternate round by round (order
 * rotating), figures are medians over rounds. Bulk moves 64 KiB chunks or
 * messages.
 *
 *   deno run -A bench/browser.ts [--quick | --smoke] [--rounds N] [--only raw-h3,node-h3] [--json]
 *
 * `runBrowserBench()` is the same as a function for `bench/run.ts`.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { chromium, type Page } from "npm:playwright-core@1.65.1";
import { generateCertificate } from "../lib/cert/generate.ts";
import { createNode } from "../lib/runtime/create.ts";
import { dashboardOf } from "../lib/dashboard/mod.ts";
import { denoTransport } from "../lib/transport/deno.ts";
import { failsTransport } from "../lib/transport/fails.ts";
import type { Listener } from "../lib/transport/types.ts";
import { median, percentile } from "./lib/stats.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** Starts `bench/browser-peer.ts` under Bun; resolves with its address and a kill function. */
async function bunPeer(): Promise<{ address: string; kill(): void }> {
  const child = spawn(`${ROOT}node_modules/.bin/bun`, ["run", "bench/browser-peer.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Bun peer printed no address")), 20_000);
    lines.on("line", (l) => {
      if (!l.startsWith("ADDRESS ")) return;
      clearTimeout(timer);
      resolve(l.slice(8).trim());
    });
    child.on("exit", () => reject(new Error("Bun peer exited")));
  });
  return { address, kill: () => child.kill("SIGKILL") };
}

/** Sizes per mode. */
const MODES = {
  full: { mb: 64, rounds: 3, requests: 1000 },
  quick: { mb: 16, rounds: 2, requests: 300 },
  smoke: { mb: 2, rounds: 1, requests: 50 },
} as const;

/** Options of {@linkcode runBrowserBench}. */
export interface BrowserBenchOptions {
  mode?: keyof typeof MODES;
  rounds?: number;
  /** Systems to run (default all). */
  only?: string[];
  /** Progress lines. Default stderr. */
  log?: (line: string) => void;
}

/** Medians per system. */
export type BrowserBenchResult = Record<string, Record<string, number>>;

const CHUNK = 64 * 1024;

/** Raw listener protocol: byte 0 mode (1 up, 2 down, 3 echo), bytes 1-4 total bytes (u32). */
function serveRaw(listener: Listener): void {
  (async () => {
    for await (const session of listener.sessions) {
      (async () => {
        for await (const stream of session.incomingBidirectionalStreams) {
          (async () => {
            const r = stream.readable.getReader();
            const w = stream.writable.getWriter();
            let head = new Uint8Array(0);
            while (head.length < 5) {
              const { value, done } = await r.read();
              if (done) return;
              head = new Uint8Array([...head, ...value]);
            }
            const mode = head[0];
            const total = new DataView(head.buffer).getUint32(1);
            const rest = head.subarray(5);
            if (mode === 2) {
              const chunk = new Uint8Array(CHUNK);
              for (let n = 0; n < total; n += CHUNK) await w.write(chunk);
              return;
            }
            let got = rest.length;
            if (mode === 3 && rest.length) w.write(rest).catch(() => {});
            while (got < total) {
              const { value, done } = await r.read();
              if (done) break;
              got += value.length;
              if (mode === 3) w.write(value).catch(() => {});
            }
            if (mode === 1) await w.write(new Uint8Array([1]));
          })().catch(() => {});
        }
      })().catch(() => {});
    }
  })().catch(() => {});
}

/** Runs one raw transfer in the page; resolves with MB/s. */
function rawInPage(
  page: Page,
  o: { url: string; pin: number[]; ws: boolean; mode: number; total: number },
): Promise<number> {
  return page.evaluate(async (o) => {
    const g = (globalThis as unknown as { g: Record<string, unknown> }).g;
    type Session = {
      close(): void;
      createBidirectionalStream(): Promise<
        { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> }
      >;
    };
    const dial = g.dialBrowser as (u: string, o: unknown) => Promise<Session>;
    const wt = await dial(o.url, {
      certificateHashes: [new Uint8Array(o.pin)],
      protocol: o.ws ? "ws" : "h3",
    });
    const s = await wt.createBidirectionalStream();
    const w = s.writable.getWriter();
    const head = new Uint8Array(5);
    head[0] = o.mode;
    new DataView(head.buffer).setUint32(1, o.total);
    const t0 = performance.now();
    await w.write(head);
    const chunk = new Uint8Array(64 * 1024);
    const writing = o.mode === 2 ? Promise.resolve() : (async () => {
      for (let n = 0; n < o.total; n += chunk.length) await w.write(chunk);
    })();
    const r = s.readable.getReader();
    const want = o.mode === 1 ? 1 : o.total;
    for (let got = 0; got < want;) {
      const { value, done } = await r.read();
      if (done) break;
      got += value.length;
    }
    const ms = performance.now() - t0;
    await writing;
    wt.close();
    return o.total / 1e6 / (ms / 1000);
  }, o);
}

/** Bulk and RTT between the page's node and `serverId`. */
function nodeInPage(
  page: Page,
  o: { address: string; serverId: string; total: number; requests: number },
): Promise<{ upMBps: number; downMBps: number; rtts: number[] }> {
  return page.evaluate(async (o) => {
    const g = (globalThis as unknown as { g: Record<string, unknown> }).g;
    type N = {
      id: string;
      connect(a: string): Promise<string>;
      send(t: string, p: unknown): Promise<void>;
      request(t: string, p: unknown, opts?: unknown): Promise<unknown>;
      addEventListener(t: string, f: (e: Event) => void): void;
      close(): Promise<void>;
    };
    const node = await (g.createNode as (c: unknown) => Promise<N>)({
      logLevel: "warn",
      keepAliveMs: 0,
      maxMessageSize: 1 << 20,
    });
    let received = 0;
    let want = 0;
    let done: (() => void) | undefined;
    node.addEventListener("message", (e) => {
      received += ((e as CustomEvent).detail.payload as Uint8Array).length;
      if (received >= want) done?.();
    });
    await node.connect(o.address);
    const chunk = new Uint8Array(64 * 1024);
    let t0 = performance.now();
    for (let n = 0; n < o.total; n += chunk.length) await node.send(o.serverId, chunk);
    const got = await node.request(o.serverId, { op: "count" }, { timeoutMs: 120_000 }) as number;
    const upMBps = got / 1e6 / ((performance.now() - t0) / 1000);
    want = o.total;
    const arrived = new Promise<void>((r) => (done = r));
    t0 = performance.now();
    await node.request(o.serverId, { op: "download", bytes: o.total });
    await arrived;
    const downMBps = received / 1e6 / ((performance.now() - t0) / 1000);
    const rtts: number[] = [];
    const small = new Uint8Array(64);
    for (let i = 0; i < o.requests; i++) {
      const t = performance.now();
      await node.request(o.serverId, small);
      rtts.push((performance.now() - t) * 1000);
    }
    await node.close();
    return { upMBps, downMBps, rtts };
  }, o);
}

/**
 * Runs the browser benchmark.
 *
 * @example
 * ```ts ignore
 * import { runBrowserBench } from "./browser.ts";
 * const result = await runBrowserBench({ mode: "quick" });
 * console.log(result["node-h3"].upMBps);
 * ```
 */
export async function runBrowserBench(
  options: BrowserBenchOptions = {},
): Promise<BrowserBenchResult> {
  const sizes = MODES[options.mode ?? "full"];
  const rounds = options.rounds ?? sizes.rounds;
  const total = sizes.mb * 1024 * 1024;
  const log = options.log ?? ((l: string) => console.error(l));
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const h3 = await denoTransport.listen({ certificate: cert, port: 0 });
  const ws = await failsTransport.listen({ certificate: cert, port: 0 });
  serveRaw(h3);
  serveRaw(ws);
  const server = await createNode({
    mode: "server",
    port: 0,
    keepAliveMs: 0,
    retryToken: false,
    logLevel: "warn",
  });
  const bun = await bunPeer();
  const bunId = bun.address.match(/^geomesh:\/\/([a-z2-7]{52})/)![1];
  const counts = new Map<string, number>();
  server.addEventListener("message", (e) => {
    const { from, payload } = (e as CustomEvent).detail;
    counts.set(from, (counts.get(from) ?? 0) + (payload as Uint8Array).length);
  });
  server.handle(async (payload, { from }) => {
    const p = payload as { op?: string; bytes?: number };
    if (p?.op === "count") return counts.get(from) ?? 0;
    if (p?.op === "download") {
      const chunk = new Uint8Array(CHUNK);
      for (let n = 0; n < p.bytes!; n += CHUNK) await server.send(from, chunk);
      return null;
    }
    return payload;
  });
  const deno = await createNode({ mode: "client", keepAliveMs: 0, logLevel: "warn" });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const figures: Record<string, Array<Record<string, number>>> = {};
  const add = (system: string, f: Record<string, number>) =>
    (figures[system] ??= []).push(f) && log(`  ${system} ${JSON.stringify(f)}`);
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const site = dashboardOf(server)!.url;
    await page.goto(`${site}address`);
    await page.evaluate(async (url) => {
      (globalThis as unknown as { g: unknown }).g = await import(url);
    }, `${site}geomesh.js`);
    const pin = Array.from(cert.pin);
    const systems: Record<string, () => Promise<Record<string, number>>> = {
      "raw-h3": async () => {
        const url = `https://127.0.0.1:${h3.port}/geomesh`;
        const run = (mode: number) => rawInPage(page, { url, pin, ws: false, mode, total });
        return { upMBps: await run(1), downMBps: await run(2), echoMBps: await run(3) };
      },
      "raw-ws": async () => {
        const url = `https://127.0.0.1:${ws.port}/geomesh`;
        const run = (mode: number) => rawInPage(page, { url, pin, ws: true, mode, total });
        return { upMBps: await run(1), downMBps: await run(2), echoMBps: await run(3) };
      },
      "node-h3": async () => {
        const r = await nodeInPage(page, {
          address: server.address,
          serverId: server.id,
          total,
          requests: sizes.requests,
        });
        return { upMBps: r.upMBps, downMBps: r.downMBps, rttUs: percentile(r.rtts, 50) };
      },
      "node-ws": async () => {
        const r = await nodeInPage(page, {
          address: bun.address,
          serverId: bunId,
          total,
          requests: sizes.requests,
        });
        return { upMBps: r.upMBps, downMBps: r.downMBps, rttUs: percentile(r.rtts, 50) };
      },
      "node-ws-deno": async () => {
        const r = await nodeInPage(page, {
          address: server.address.replace(/proto=[^&]+/, "proto=ws"),
          serverId: server.id,
          total,
          requests: sizes.requests,
        });
        return { upMBps: r.upMBps, downMBps: r.downMBps, rttUs: percentile(r.rtts, 50) };
      },
      "deno-h3": async () => {
        const id = await deno.connect(server.address);
        const chunk = new Uint8Array(CHUNK);
        const before = counts.get(deno.id) ?? 0;
        let t0 = performance.now();
        for (let n = 0; n < total; n += CHUNK) await deno.send(id, chunk);
        const got = (await deno.request(id, { op: "count" }, { timeoutMs: 120_000 }) as number) -
          before;
        const upMBps = got / 1e6 / ((performance.now() - t0) / 1000);
        let received = 0;
        const arrived = new Promise<void>((resolve) => {
          const on = (e: Event) => {
            received += ((e as CustomEvent).detail.payload as Uint8Array).length;
            if (received >= total) resolve(deno.removeEventListener("message", on));
          };
          deno.addEventListener("message", on);
        });
        t0 = performance.now();
        await deno.request(id, { op: "download", bytes: total });
        await arrived;
        const downMBps = received / 1e6 / ((performance.now() - t0) / 1000);
        const rtts: number[] = [];
        for (let i = 0; i < sizes.requests; i++) {
          const t = performance.now();
          await deno.request(id, new Uint8Array(64));
          rtts.push((performance.now() - t) * 1000);
        }
        return { upMBps, downMBps, rttUs: percentile(rtts, 50) };
      },
    };
    const names = Object.keys(systems).filter((n) => !options.only || options.only.includes(n));
    for (let round = 0; round < rounds; round++) {
      log(`browser bench round ${round + 1}/${rounds} (${sizes.mb} MB per direction)`);
      const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
      for (const name of order) {
        try {
          add(name, await systems[name]());
        } catch (err) {
          log(`  ${name} failed: ${(err as Error).message.split("\n")[0]}`);
        }
      }
    }
  } finally {
    await browser.close();
    bun.kill();
    await deno.close();
    await server.close();
    await h3.close();
    await ws.close();
  }
  const out: BrowserBenchResult = {};
  for (const [system, list] of Object.entries(figures)) {
    out[system] = {};
    for (const key of Object.keys(list[0])) {
      out[system][key] = Math.round(median(list.map((f) => f[key])) * 10) / 10;
    }
  }
  return out;
}

if (import.meta.main) {
  const args = Deno.args;
  const mode = args.includes("--smoke") ? "smoke" : args.includes("--quick") ? "quick" : "full";
  const i = args.indexOf("--rounds");
  const o = args.indexOf("--only");
  const result = await runBrowserBench({
    mode,
    rounds: i >= 0 ? Number(args[i + 1]) : undefined,
    only: o >= 0 ? args[o + 1].split(",") : undefined,
  });
  if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`\nbrowser bench (${mode}), medians; MB = 10^6 bytes`);
    console.log("system        up MB/s  down MB/s  echo MB/s  RTT p50 us");
    for (const [system, f] of Object.entries(result)) {
      const cell = (v: number | undefined) => String(v ?? "-").padStart(9);
      console.log(
        `${system.padEnd(13)} ${cell(f.upMBps)} ${cell(f.downMBps)}  ${cell(f.echoMBps)}  ${
          cell(f.rttUs)
        }`,
      );
    }
  }
  Deno.exit(0);
}
