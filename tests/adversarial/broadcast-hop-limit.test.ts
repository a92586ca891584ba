/**
 * Attack 5 of the security review: the hop limit of a broadcast is not
 * signed, and a copy whose limit was used up used to be marked seen but
 * neither cached, announced nor passed on, so a rogue relaying authentic
 * broadcasts with `ttl: 1` cut off everything behind the node it fed.
 * Now a verified copy is always passed on (the limit cannot suppress it).
 *
 * Topology: O - R - N - C, R the rogue (a hybrid peer of O and of N).
 * Run on the memory transport and on the runtime's real one.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createNode } from "../../lib/runtime/create.ts";
import type { BroadcastDetail } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import type { WireMessage } from "../../lib/codec/messages.ts";
import { generateIdentity } from "../../lib/identity/identity.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";
import { captureLogger, until } from "../node/helpers.ts";
import { memoryRogue, realRogue, type RoguePeer } from "./harness.ts";

const OPTS: QuicConfig = { gossipIntervalMs: 0, minPeers: 0, keepAliveMs: 0 };
const COUNT = 5;

for (const kind of ["memory", "real"] as const) {
  test(`${kind}: copies relayed with ttl 1 still reach every node behind the rogue`, async () => {
    const net = createMemoryNetwork({ seed: 3 });
    const make = (name: string, mode: "server" | "hybrid" | "client") => {
      const base = { ...OPTS, mode, logger: captureLogger() };
      return kind === "real"
        ? createNode({ ...base, port: 0 })
        : createNode({ ...base, transport: net.transport(name) });
    };
    const o = await make("o", "hybrid");
    const n = await make("n", "hybrid");
    const c = await make("c", "client");
    const rogues: RoguePeer[] = [];
    try {
      await c.connect(n.address);
      const identity = await generateIdentity();
      const dial = (address: string, name: string) =>
        kind === "real"
          ? realRogue(address, { identity })
          : memoryRogue(net, name, address, { identity });
      const toO = await dial(o.address, "r1");
      const toN = await dial(n.address, "r2");
      rogues.push(toO, toN);
      // The rogue passes on every broadcast O sends it, with its hop limit cut to 1.
      const relay = async () => {
        for (;;) {
          const msg: WireMessage = await toO.inbox.next();
          if (msg.type === "broadcast") await toN.send({ ...msg, ttl: 1 });
        }
      };
      relay().catch(() => {});
      const atN: unknown[] = [], atC: unknown[] = [];
      n.addEventListener(
        "broadcast",
        (e) => atN.push((e as CustomEvent<BroadcastDetail>).detail.payload),
      );
      c.addEventListener(
        "broadcast",
        (e) => atC.push((e as CustomEvent<BroadcastDetail>).detail.payload),
      );
      await until(() => o.peers().length === 1 && n.peers().length === 2, 3000, "sessions up");
      for (let i = 0; i < COUNT; i++) await o.broadcast({ i });
      await until(() => atN.length === COUNT, 3000, "N delivers every broadcast");
      await until(
        () => atC.length === COUNT,
        3000,
        `C delivers every broadcast (has ${atC.length})`,
      );
      const order = (x: unknown) => (x as { i: number }).i;
      assert.equal(
        atC.map(order).sort((x, y) => x - y),
        Array.from({ length: COUNT }, (_, i) => i),
      );
    } finally {
      for (const r of rogues) r.close();
      await Promise.all([c.close(), n.close(), o.close()]);
    }
  });
}

test.run();
