/**
 * The listener's side of a vanishing peer: a dialler in a child process
 * streams and then exits without a word; the server session must end with
 * an error and its pending read must fail, not hang. (The conformance suite
 * covers the dialler's side.)
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { spawn } from "node:child_process";
import { denoTransport } from "../../lib/transport/deno.ts";
import { dualTransport } from "../../lib/transport/dual.ts";
import type { Transport } from "../../lib/transport/types.ts";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { pinToString } from "../../lib/cert/pin.ts";

const root = new URL("../../", import.meta.url).pathname;
const IDLE_MS = 1500;

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => timer = setTimeout(() => reject(new Error(`hang: ${what}`)), ms)),
  ]);
}

async function vanishingDialler(
  transport: Transport,
  runtime: "deno" | "bun",
  scheme: string,
  protocol: string,
) {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener = await transport.listen({ certificate: cert, idleTimeoutMs: IDLE_MS });
  const cmd = runtime === "deno"
    ? [`${root}node_modules/.bin/deno`, "run", "-A"]
    : [`${root}node_modules/.bin/bun`, "run"];
  const child = spawn(
    cmd[0],
    [
      ...cmd.slice(1),
      "tests/transport/fixtures/vanishing-client.ts",
      `${scheme}://127.0.0.1:${listener.port}/geomesh`,
      pinToString(cert.pin),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((r) => child.on("exit", r));
  try {
    const session = (await listener.sessions.getReader().read()).value!;
    assert.is(session.protocol, protocol);
    const stream = (await session.incomingBidirectionalStreams.getReader().read()).value!;
    const reading = (async () => {
      for await (const _ of stream.readable) { /* drain until it fails */ }
    })().then(() => "ended", (e) => `failed: ${e?.message}`);
    await exited;
    const info = await within(session.closed, IDLE_MS + 3000, "server session closed");
    assert.ok(info.error instanceof Error, JSON.stringify(info));
    assert.match(await within(reading, 3000, "pending read"), /^failed/);
  } finally {
    child.kill("SIGKILL");
    await listener.close();
  }
}

test("h3: a vanished Deno dialler ends the server session with an error", async () => {
  await vanishingDialler(denoTransport, "deno", "h3", "h3");
});

test("h2: a vanished Bun dialler ends the dual listener's session with an error", async () => {
  await vanishingDialler(dualTransport, "bun", "h2", "h2");
});

test.run();
