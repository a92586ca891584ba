/**
 * Per-message costs of the hot path pieces, in one process (no network):
 * frame encode/decode, message decode with and without copying byte strings,
 * event dispatch, small typed-array allocation, request timers, signatures.
 * Explains where W3/W4 time goes; not part of `npm test`.
 *
 *   deno run -A bench/micro.ts
 *
 * @module
 */
import { FrameDecoder, FrameEncoder } from "../lib/codec/frame.ts";
import {
  decodeMessage,
  encodeMessage,
  type WireMessage,
  writeMessage,
} from "../lib/codec/messages.ts";
import { generateIdentity } from "../lib/identity/identity.ts";
import { verify } from "../lib/identity/verify.ts";

function bench(name: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ns = ((performance.now() - t) * 1e6) / n;
  console.log(`${name.padEnd(52)} ${ns.toFixed(0).padStart(7)} ns/op`);
}

async function benchAsync(name: string, n: number, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(
    `${name.padEnd(52)} ${(((performance.now() - t) * 1e6) / n).toFixed(0).padStart(7)} ns/op`,
  );
}

const N = 500_000;
const payload = new Uint8Array(100).fill(3);
const msg: WireMessage = { type: "message", payload };
const enc = new FrameEncoder({ maxFrameSize: 1 << 20 });
bench("encode 100-byte message into the coalescing buffer", N, (i) => {
  enc.addEncoded(writeMessage, msg, 1 << 20);
  if ((i & 511) === 511) enc.flush();
});
enc.flush();
for (let i = 0; i < 600; i++) enc.addEncoded(writeMessage, msg, 1 << 20);
const chunk = enc.flush();
bench("600 encodes + FrameEncoder.flush (64 KiB copy), per batch", 20_000, () => {
  for (let i = 0; i < 600; i++) enc.addEncoded(writeMessage, msg, 1 << 20);
  enc.flush();
});
const dec = new FrameDecoder({ maxFrameSize: 1 << 20 });
let frames: Uint8Array[] = [];
bench("FrameDecoder.push of a 600-frame chunk, per chunk", 20_000, () => {
  frames = dec.push(chunk);
});
const body = frames[0];
bench("decodeMessage (copies byte strings: default)", N, () => {
  decodeMessage(body, { maxBytes: 1 << 20 });
});
bench("decodeMessage (copyBytes: false, views)", N, () => {
  decodeMessage(body, { maxBytes: 1 << 20, copyBytes: false });
});
bench("Uint8Array.prototype.slice of 100 bytes", N, () => {
  payload.slice();
});
bench("new Uint8Array(100)", N, () => {
  new Uint8Array(100);
});
const big = new Uint8Array(65536);
bench("Uint8Array.prototype.slice of 64 KiB", 50_000, () => {
  big.slice();
});
const target = new EventTarget();
let sum = 0;
target.addEventListener("message", (e) => {
  sum += (e as CustomEvent<{ payload: Uint8Array }>).detail.payload.length;
});
bench("new CustomEvent + dispatchEvent (1 listener)", N, () => {
  target.dispatchEvent(new CustomEvent("message", { detail: { from: "x", payload } }));
});
bench("setTimeout + clearTimeout (a request's timer)", 100_000, () => {
  clearTimeout(setTimeout(() => {}, 10_000));
});
bench("performance.now()", N, () => {
  sum += performance.now();
});
bench("encodeMessage (request, 64-byte payload)", N, () => {
  encodeMessage({ type: "request", id: 1, payload: new Uint8Array(64) });
});
const me = await generateIdentity();
const data = new Uint8Array(300);
const sig = await me.sign("broadcast", data);
await benchAsync("Ed25519 sign (identity.sign)", 2000, () => me.sign("broadcast", data));
await benchAsync("Ed25519 verify (cached key)", 2000, () => verify(me.id, "broadcast", data, sig));
console.log(sum > 0 ? "" : " ");
