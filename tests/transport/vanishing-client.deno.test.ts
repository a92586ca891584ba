/**
 * The listener's side of a vanishing peer: a dialler in a child process
 * streams and then exits without a word; the server session must end with
 * an error and its pending read must fail, not hang.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { spawn } from "node:child_process";
import { denoTransport } from "../../lib/transport/deno.ts";
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

test("h3: a vanished dialler ends the server session with an error", async () => {
  const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
  const listener = await denoTransport.listen({ certificate: cert, idleTimeoutMs: IDLE_MS });
  const child = spawn(
    `${root}node_modules/.bin/deno`,
    [
      "run",
      "-A",
      "tests/transport/fixtures/vanishing-client.ts",
      `https://127.0.0.1:${listener.port}/geomesh`,
      pinToString(cert.pin),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((r) => child.on("exit", r));
  try {
    const session = (await listener.sessions.getReader().read()).value!;
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
});

test.run();
