import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  DEFAULT_CONFIG,
  fromP2PConfig,
  resolveConfig,
  toP2PConfig,
} from "../../lib/node/config.ts";
import type { QuicConfig } from "../../lib/node/config.ts";

test("defaults are applied and hostnames follow hostname", () => {
  const c = resolveConfig({});
  assert.is(c.mode, "hybrid");
  assert.is(c.port, DEFAULT_CONFIG.port);
  assert.is(c.maxMessageSize, 1 << 20);
  assert.equal(c.hostnames, ["127.0.0.1"]);
  // No interface list given: loopback (lib/runtime passes the real interfaces).
  assert.is(resolveConfig({ hostname: "0.0.0.0" }).hostnames[0], "127.0.0.1");
});

test("every field is validated with a clear error", () => {
  const bad: Array<[QuicConfig, ErrorConstructor, RegExp]> = [
    [{ mode: "peer" as never }, TypeError, /mode/],
    [{ port: 70000 }, RangeError, /port/],
    [{ port: 1.5 }, TypeError, /port/],
    [{ connectTimeoutMs: 0 }, RangeError, /connectTimeoutMs/],
    [{ maxMessageSize: 10 }, RangeError, /maxMessageSize/],
    [{ retryToken: "yes" as never }, TypeError, /retryToken/],
    [{ bootstrap: "x" as never }, TypeError, /bootstrap/],
    [{ certPath: "" }, TypeError, /certPath/],
    [{ hostnames: [] }, TypeError, /hostnames/],
    [{ logLevel: "loud" as never }, TypeError, /logLevel/],
    [{ reconnectBaseMs: 100, reconnectMaxMs: 50 }, RangeError, /reconnectMaxMs/],
    [{ prot: 1 } as never, TypeError, /prot is not a known option/],
  ];
  for (const [config, E, re] of bad) {
    assert.throws(
      () => resolveConfig(config),
      (err: Error) => err instanceof E && re.test(err.message),
    );
  }
  assert.throws(() => resolveConfig(null as never), TypeError);
});

test("P2PConfig round trip is lossless where fields overlap", () => {
  const configs: QuicConfig[] = [
    {
      mode: "hybrid",
      hostname: "127.0.0.1",
      port: 4433,
      bootstrap: ["a"],
      maxPeers: 9,
      connectTimeoutMs: 77,
      maxMessageSize: 4096,
      certPath: "/k",
    },
    { mode: "server", hostname: "::1", port: 9000 },
    { mode: "client", bootstrap: [] },
  ];
  for (const c of configs) {
    const back = fromP2PConfig(toP2PConfig(c));
    for (const key of Object.keys(c) as (keyof QuicConfig)[]) assert.equal(back[key], c[key], key);
  }
  const p = {
    listen: "[::1]:5",
    bootstrapPeers: ["x"],
    maxPeers: 3,
    dialTimeoutMs: 10,
    maxMessageSize: 99,
    keyPath: "/p",
    dial: false,
  };
  assert.equal(toP2PConfig(fromP2PConfig(p)), p);
  assert.throws(() => fromP2PConfig({ listen: "nope" }), TypeError);
  assert.throws(() => fromP2PConfig({ dial: false }), TypeError);
});

test.run();
