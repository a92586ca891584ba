/**
 * A node in its own process for `slow-node.test.ts`: its event loop can be
 * blocked on command without blocking the test's nodes.
 *
 * Args: `--cert-path DIR --keep-alive MS`. Prints `ADDRESS <address>` once
 * listening; echoes requests; counts `peer:disconnected` events. Commands on
 * stdin, one per line:
 * - `block MS`: busy-loops for MS (nothing else runs meanwhile), then prints
 *   `BLOCKED <ms actually blocked>`;
 * - `state`: prints `STATE {"peers":n,"disconnected":[...],"warnings":[...]}`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import process from "node:process";
import { createInterface } from "node:readline";
import { createLogger, createNode } from "../../mod.ts";

const argv = "Deno" in globalThis
  ? (globalThis as unknown as { Deno: { args: string[] } }).Deno.args
  : process.argv.slice(2);
const { values } = parseArgs({
  args: argv,
  options: {
    "cert-path": { type: "string" },
    "keep-alive": { type: "string", default: "500" },
  },
});
const warnings: string[] = [];
const node = await createNode({
  mode: "hybrid",
  port: 0,
  hostname: "127.0.0.1",
  certPath: values["cert-path"],
  dashboard: false,
  gossipIntervalMs: 0,
  minPeers: 0,
  keepAliveMs: Number(values["keep-alive"]),
  // Its own verdicts ("peer unresponsive, closing its session") tell whether it hung up first.
  logger: createLogger({
    level: "warn",
    json: true,
    sink: (line) => warnings.push(String(JSON.parse(line).msg)),
  }),
});
node.handle((payload) => payload);
const disconnected: string[] = [];
node.addEventListener("peer:disconnected", (e) => {
  disconnected.push((e as CustomEvent<{ reason: string }>).detail.reason);
});
console.log(`ADDRESS ${node.address}`);

createInterface({ input: process.stdin }).on("line", (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === "block") {
    const started = performance.now();
    // The point: nothing else (timers, I/O, QUIC) runs in this process meanwhile.
    while (performance.now() - started < Number(arg)) { /* busy */ }
    console.log(`BLOCKED ${Math.round(performance.now() - started)}`);
  } else if (cmd === "state") {
    console.log(`STATE ${JSON.stringify({ peers: node.peers().length, disconnected, warnings })}`);
  }
});
