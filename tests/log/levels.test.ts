/**
 * Logging levels: a library node is quiet by default, subsystems get their
 * own levels from `logLevels` or `GEOMESH_LOG`, and undefined fields never
 * reach a line.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { childLogger, createLogger, type Logger, parseLogSpec } from "../../lib/log.ts";
import { LOG_SUBSYSTEMS, resolveConfig } from "../../lib/node/config.ts";
import { createNode } from "../../lib/runtime/create.ts";
import { envLogSpec } from "../../lib/runtime/env.ts";
import { LogRing } from "../../lib/dashboard/log-ring.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import type { QuicConfig } from "../../lib/node/config.ts";

type Env = { set(k: string, v: string): void; delete(k: string): void };
const env: Env = "Deno" in globalThis
  ? (globalThis as unknown as { Deno: { env: Env } }).Deno.env
  : {
    set: (k, v) => void (process.env[k] = v),
    delete: (k) => void delete process.env[k],
  };

/** Runs two nodes (a server and a client that connects to it) and returns every stderr line. */
async function stderrOf(
  server: QuicConfig,
  client: QuicConfig = server,
  geomeshLog?: string,
): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => void lines.push(String(line));
  if (geomeshLog !== undefined) env.set("GEOMESH_LOG", geomeshLog);
  try {
    const net = createMemoryNetwork();
    const a = await createNode({ mode: "server", transport: net.transport("a"), ...server });
    try {
      const b = await createNode({ mode: "client", transport: net.transport("b"), ...client });
      try {
        await b.connect(a.address);
        assert.is(await b.ping(a.id) >= 0, true);
      } finally {
        await b.close();
      }
    } finally {
      await a.close();
    }
  } finally {
    console.error = original;
    env.delete("GEOMESH_LOG");
  }
  return lines;
}

test("a node created from code logs warnings and errors only", async () => {
  assert.is(resolveConfig({}).logLevel, "warn");
  const lines = await stderrOf({ keepAliveMs: 0 });
  console.log(`default level: ${lines.length} lines for start, connect, ping, close`);
  assert.equal(lines.filter((l) => /^(INFO|DEBUG)/.test(l)), [], lines.join("\n"));
  // The same run at "info" does speak: the quiet run was quiet because of the level.
  const loud = await stderrOf({ keepAliveMs: 0, logLevel: "info" });
  console.log(`logLevel info: ${loud.length} lines`);
  assert.ok(loud.some((l) => l.includes("[geomesh:node] node started")), loud.join("\n"));
  assert.ok(loud.some((l) => l.includes("peer connected")), loud.join("\n"));
});

test("logLevels turns one subsystem up and leaves the others quiet", async () => {
  const lines = await stderrOf({ keepAliveMs: 0, logLevels: { pool: "debug" } });
  console.log(`pool=debug: ${lines.length} lines`);
  assert.ok(lines.some((l) => /^DEBUG \[geomesh:pool\] dialed/.test(l)), lines.join("\n"));
  assert.ok(lines.every((l) => !/^(INFO|DEBUG)/.test(l) || l.includes("[geomesh:pool]")));
  assert.ok(!lines.some((l) => l.includes("node started")));
});

test("GEOMESH_LOG sets subsystem levels, or all of them with a bare level", async () => {
  const node = await stderrOf({ keepAliveMs: 0 }, { keepAliveMs: 0 }, "node=info");
  const started = node.filter((l) => l.includes("node started"));
  console.log(started.join("\n"));
  assert.is(started.length, 2, node.join("\n"));
  assert.ok(node.every((l) => !/^(INFO|DEBUG)/.test(l) || l.includes("[geomesh:node]")));
  // The client's start line says it listens nowhere, and no field is "undefined".
  const client = started.find((l) => l.includes("mode=client"));
  assert.ok(client?.includes("listening=no"), client);
  assert.ok(started.find((l) => l.includes("mode=server"))?.includes("port="));
  assert.ok(node.every((l) => !l.includes("undefined")), node.join("\n"));
  // A bare level wins over the config's level for everything.
  const all = await stderrOf({ keepAliveMs: 0, logLevel: "error" }, undefined, "debug");
  const names = new Set(all.map((l) => l.match(/\[geomesh:(\w+)\]/)?.[1]).filter(Boolean));
  console.log(`GEOMESH_LOG=debug: ${all.length} lines from ${[...names].join(", ")}`);
  for (const name of ["node", "pool"]) assert.ok(names.has(name), name);
  // The env names win over logLevels of the same subsystem.
  const over = await stderrOf(
    { keepAliveMs: 0, logLevels: { node: "debug" } },
    undefined,
    "node=warn",
  );
  assert.ok(!over.some((l) => l.includes("[geomesh:node]")), over.join("\n"));
});

test("a bad GEOMESH_LOG or logLevels is a TypeError naming the bad part", async () => {
  for (
    const [spec, part] of [
      ["pool=loud", "pool=loud"],
      ["debug,info", "info"],
      ["dscovery=debug", "dscovery"],
      ["=debug", "=debug"],
      ["verbose", "verbose"],
    ]
  ) {
    env.set("GEOMESH_LOG", spec);
    try {
      const net = createMemoryNetwork();
      const err = await createNode({ transport: net.transport("x") }).then(
        (n) => n.close().then(() => undefined),
        (e: unknown) => e,
      );
      assert.instance(err, TypeError, spec);
      assert.ok((err as Error).message.includes(part), (err as Error).message);
      assert.ok((err as Error).message.includes("GEOMESH_LOG"), (err as Error).message);
    } finally {
      env.delete("GEOMESH_LOG");
    }
  }
  assert.throws(() => resolveConfig({ logLevels: { dscovery: "debug" } as never }), /dscovery/);
  assert.throws(() => resolveConfig({ logLevels: { pool: "loud" as never } }), /logLevels\.pool/);
  assert.throws(() => resolveConfig({ logLevels: "debug" as never }), TypeError);
});

test("parseLogSpec reads pairs and one bare level", () => {
  assert.equal(parseLogSpec("discovery=debug, pool=info"), {
    levels: { discovery: "debug", pool: "info" },
  });
  assert.equal(parseLogSpec("warn,routing=debug", LOG_SUBSYSTEMS), {
    level: "warn",
    levels: { routing: "debug" },
  });
  assert.equal(parseLogSpec(" debug "), { level: "debug", levels: {} });
  assert.equal(parseLogSpec(""), { levels: {} });
  assert.equal(envLogSpec(() => " "), undefined);
  assert.throws(
    () => parseLogSpec("mine=debug", LOG_SUBSYSTEMS),
    /"mine=debug".*unknown subsystem/,
  );
});

test("undefined fields are left out of text and JSON lines", () => {
  const text: string[] = [];
  const json: string[] = [];
  createLogger({ sink: (l) => text.push(l) }).info("started", { port: undefined, id: "x" });
  createLogger({ json: true, sink: (l) => json.push(l) }).info("started", { port: undefined });
  assert.is(text[0], "INFO  started id=x");
  assert.not.ok("port" in JSON.parse(json[0]));
});

test("children take their level from levels and add their name", () => {
  const lines: string[] = [];
  const root = createLogger({
    name: "geomesh",
    level: "warn",
    levels: { pool: "debug" },
    sink: (l) => lines.push(l),
  });
  childLogger(root, "pool").debug("a");
  childLogger(root, "node").info("b");
  childLogger(root, "node").warn("c");
  assert.equal(lines, ["DEBUG [geomesh:pool] a", "WARN  [geomesh:node] c"]);
  // A custom logger without `child` serves every subsystem itself.
  const custom: Logger = { debug() {}, info() {}, warn() {}, error() {} };
  assert.is(childLogger(custom, "pool"), custom);
  // The dashboard's ring keeps its children's lines while their level applies below it.
  const ring = new LogRing(root);
  childLogger(ring, "node").info("kept, not written");
  assert.is(ring.entries().at(-1)?.msg, "kept, not written");
  assert.is(lines.length, 2);
});

test.run();
