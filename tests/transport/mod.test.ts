/**
 * Transport selection and address forms (both runtimes).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  detectRuntime,
  parseTransportUrl,
  transportFor,
  withAddressForms,
} from "../../lib/transport/mod.ts";
import type { DialOptions, Transport } from "../../lib/transport/types.ts";

test("detectRuntime", () => {
  assert.is(detectRuntime(), "Deno" in globalThis ? "deno" : "bun");
});

test("address forms", () => {
  assert.equal(parseTransportUrl("https://127.0.0.1:4433/geomesh"), {
    url: "https://127.0.0.1:4433/geomesh",
    protocol: undefined,
  });
  assert.equal(parseTransportUrl("h3://127.0.0.1:4433/geomesh?x=1"), {
    url: "https://127.0.0.1:4433/geomesh?x=1",
    protocol: "h3",
  });
  assert.equal(parseTransportUrl("h2://[::1]:9/p"), { url: "https://[::1]:9/p", protocol: "h2" });
  assert.equal(parseTransportUrl("wss://example.com/geomesh"), {
    url: "https://example.com/geomesh",
    protocol: "ws",
  });
  assert.equal(parseTransportUrl("h3://example.com/geomesh").url, "https://example.com/geomesh");
  for (const bad of ["memory://a/b", "http://h/p", "ftp://h/p", "nonsense", "h3:///p"]) {
    assert.throws(() => parseTransportUrl(bad), TypeError, bad);
  }
});

test("withAddressForms passes the https form and the protocol", async () => {
  const seen: Array<[string, DialOptions | undefined]> = [];
  const inner: Transport = {
    name: "probe",
    dials: ["h3"],
    secure: true,
    listen: () => Promise.reject(new Error("unused")),
    dial: (url, options) => {
      seen.push([url, options]);
      return Promise.reject(new Error("stop"));
    },
  };
  const deno = withAddressForms(inner, "deno");
  const bun = withAddressForms(inner, "bun");
  const browser = withAddressForms(inner, "browser");
  await deno.dial("https://h:1/p").catch(() => {});
  await deno.dial("h2://h:1/p").catch(() => {});
  await deno.dial("https://h:1/p", { protocol: "h2" }).catch(() => {});
  await bun.dial("https://h:1/p").catch(() => {});
  await browser.dial("wss://h:1/p").catch(() => {});
  assert.equal(seen.map(([u, o]) => `${u} ${o?.protocol}`), [
    "https://h:1/p h3",
    "https://h:1/p h2",
    "https://h:1/p h2",
    "https://h:1/p h2",
    "https://h:1/p ws",
  ]);
  assert.instance(await bun.dial("h3://h:1/p").catch((e) => e), TypeError, "Bun has no QUIC");
  assert.instance(await deno.dial("wss://h:1/p").catch((e) => e), TypeError, "no ws client");
  assert.instance(await deno.dial("h3://h:1/p", { protocol: "h2" }).catch((e) => e), TypeError);
  assert.instance(await deno.dial("ftp://h/p").catch((e) => e), TypeError);
});

test("transportFor is cached per runtime and names its adapter", async () => {
  const t = await transportFor();
  assert.is(await transportFor(), t);
  assert.is(t.name, "Deno" in globalThis ? "dual" : "fails");
});

test.run();
