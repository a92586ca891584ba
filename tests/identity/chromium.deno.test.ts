/**
 * The identity code runs unchanged in Chromium (WebCrypto Ed25519): signatures
 * made in the browser verify in Deno and vice versa, domains stay separated.
 * Bundles the browser-safe identity files with esbuild and drives Debian's
 * Chromium through playwright-core.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { chromium } from "npm:playwright-core@1.65.1";
import { generateIdentity, verify } from "../../lib/identity/mod.ts";

const root = new URL("../../", import.meta.url).pathname;
const CHROMIUM = "/usr/bin/chromium";
const enc = new TextEncoder();
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

async function bundle(): Promise<string> {
  const out = await new Deno.Command(`${root}node_modules/.bin/esbuild`, {
    args: [
      `${root}tests/identity/fixtures/browser-identity.ts`,
      "--bundle",
      "--format=iife",
      "--platform=browser",
      "--log-level=error",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`esbuild failed: ${new TextDecoder().decode(out.stderr)}`);
  const code = new TextDecoder().decode(out.stdout);
  assert.not.ok(/require\(["']node:/.test(code), "browser bundle must not need node: modules");
  return code;
}

test("Chromium signs and verifies with the same identity code; Deno agrees both ways", async () => {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/install-system-deps.sh (Debian package 'chromium')`,
    );
  }
  const script = await bundle();
  const denoIdentity = await generateIdentity();
  const denoSig = await denoIdentity.sign("hello", enc.encode("signed in deno"));
  // WebCrypto needs a secure context: serve a blank page from 127.0.0.1.
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () =>
      new Response("<!doctype html><title>geomesh</title>", {
        headers: { "content-type": "text/html" },
      }),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.addr.port}/`);
    await page.addScriptTag({ content: script });
    const r = await page.evaluate(
      ([id, sig]) =>
        (globalThis as unknown as {
          geomeshIdentityCheck(id: string, sig: string): Promise<Record<string, unknown>>;
        }).geomeshIdentityCheck(id, sig),
      [denoIdentity.id, hex(denoSig)],
    );
    assert.is(r.ownVerifies, true);
    assert.is(r.crossDomainRefused, true);
    assert.is(r.denoSigVerifies, true, "Deno's signature verifies in Chromium");
    assert.is(r.denoSigOtherDomainRefused, true);
    assert.is(r.keyLength, 32);
    const browserId = r.id as string;
    const browserSig = unhex(r.sig as string);
    assert.is(browserId.length, 52);
    assert.ok(await verify(browserId, "hello", enc.encode("signed in chromium"), browserSig));
    assert.not.ok(await verify(browserId, "message", enc.encode("signed in chromium"), browserSig));
  } finally {
    await browser.close();
    await server.shutdown();
  }
});

test.run();
