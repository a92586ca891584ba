/**
 * The server node of `bench/browser.ts` when it runs in another process (Bun,
 * for the WebSocket path a browser takes to Bun nodes): counts the bytes each
 * sender's messages carry, answers `{ op: "count" }` with that count,
 * `{ op: "download", bytes }` by sending that many bytes as 64 KiB messages,
 * and echoes anything else. Prints `ADDRESS <address>`; runs until killed.
 *
 * @module
 */
import { createNode } from "../lib/runtime/create.ts";

const CHUNK = 64 * 1024;
const node = await createNode({
  mode: "server",
  port: 0,
  keepAliveMs: 0,
  retryToken: false,
  logLevel: "warn",
  dashboard: false,
});
const counts = new Map<string, number>();
node.addEventListener("message", (e) => {
  const { from, payload } = (e as CustomEvent).detail;
  counts.set(from, (counts.get(from) ?? 0) + (payload as Uint8Array).length);
});
node.handle(async (payload, { from }) => {
  const p = payload as { op?: string; bytes?: number };
  if (p?.op === "count") return counts.get(from) ?? 0;
  if (p?.op === "download") {
    const chunk = new Uint8Array(CHUNK);
    for (let n = 0; n < p.bytes!; n += CHUNK) await node.send(from, chunk);
    return null;
  }
  return payload;
});
console.log(`ADDRESS ${node.address}`);
