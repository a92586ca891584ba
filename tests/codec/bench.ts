/**
 * Codec micro-benchmarks (not part of `npm test`; numbers are machine-dependent).
 * Run: `deno run -A tests/codec/bench.ts` or `bun tests/codec/bench.ts`.
 * Prints ops/s (median of 5 rounds) for the hot paths, with cborg as reference.
 *
 * @module
 */
import { decode as cborgDecode, encode as cborgEncode } from "../../lib/deps/cborg.ts";
import { decodeValue, encodeValue } from "../../lib/codec/cbor.ts";
import { FrameDecoder, FrameEncoder } from "../../lib/codec/frame.ts";
import {
  decodeMessage,
  type DirectMessage,
  encodeMessage,
  writeMessage,
} from "../../lib/codec/messages.ts";

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

function bench(name: string, ops: number, fn: () => void): void {
  fn(); // warm up
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    fn();
    rates.push(ops / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[2];
  console.log(
    `${runtime.padEnd(5)} ${name.padEnd(52)} ${
      Math.round(median).toLocaleString("en").padStart(12)
    } ops/s  ${(1e6 / median).toFixed(3)} us`,
  );
}

const id = (n: number) => `n${n}` + "abcdefghijklmnopqrstuvwxyz234567abcdefghijkl".slice(0, 50);
const msg: DirectMessage = {
  type: "message",
  from: id(1),
  to: id(2),
  payload: new Uint8Array(100).fill(7),
};
const bytes = encodeMessage(msg);
const tuple = [8, 0, msg.from, msg.to, msg.payload];
const N = 200_000;

console.log(`${runtime}: message with 100-byte payload = ${bytes.length} bytes encoded`);
bench("encodeMessage(message, 100 B payload)", N, () => {
  for (let i = 0; i < N; i++) encodeMessage(msg);
});
bench("cborg encode of the same tuple (reference)", N, () => {
  for (let i = 0; i < N; i++) cborgEncode(tuple);
});
const coalesce = new FrameEncoder({ maxFrameSize: 1 << 20 });
bench("FrameEncoder.addEncoded(writeMessage) + flush/256", N, () => {
  for (let i = 0; i < N; i++) {
    coalesce.addEncoded(writeMessage, msg);
    if ((i & 255) === 255) coalesce.flush();
  }
  coalesce.flush();
});
bench("decodeMessage(message, 100 B payload)", N, () => {
  for (let i = 0; i < N; i++) decodeMessage(bytes);
});
bench("decodeMessage(..., { copyBytes: false })", N, () => {
  for (let i = 0; i < N; i++) decodeMessage(bytes, { copyBytes: false });
});
bench("cborg decode of the same bytes (reference)", N, () => {
  for (let i = 0; i < N; i++) cborgDecode(bytes);
});

// Receiver pipeline: 64 KiB chunks of coalesced frames -> frames -> messages.
const enc = new FrameEncoder();
let count = 0;
while (enc.byteLength < 64 * 1024 - 200) {
  enc.addEncoded(writeMessage, msg);
  count++;
}
const chunk = enc.flush();
const rounds = Math.ceil(N / count);
bench(`FrameDecoder.push(64 KiB chunk) + decodeMessage, per msg`, rounds * count, () => {
  const dec = new FrameDecoder();
  for (let r = 0; r < rounds; r++) {
    for (const f of dec.push(chunk)) decodeMessage(f);
  }
});
bench(`FrameDecoder.push(64 KiB chunk) + decodeMessage(copyBytes false)`, rounds * count, () => {
  const dec = new FrameDecoder();
  for (let r = 0; r < rounds; r++) {
    for (const f of dec.push(chunk)) decodeMessage(f, { copyBytes: false });
  }
});
bench("FrameDecoder.push(64 KiB chunk) alone, per frame", rounds * count, () => {
  const dec = new FrameDecoder();
  for (let r = 0; r < rounds; r++) dec.push(chunk);
});

const ping = encodeMessage({ type: "ping", seq: 12345, ts: 1_800_000_000_000 });
bench("encodeMessage(ping)", N, () => {
  for (let i = 0; i < N; i++) encodeMessage({ type: "ping", seq: i, ts: 1_800_000_000_000 });
});
bench("decodeMessage(ping)", N, () => {
  for (let i = 0; i < N; i++) decodeMessage(ping);
});
const obj = { op: "put", key: "user:42", value: { name: "Ada", tags: ["a", "b"], n: 1.5 } };
const objBytes = encodeValue(obj);
bench("encodeValue(small object)", N, () => {
  for (let i = 0; i < N; i++) encodeValue(obj);
});
bench("decodeValue(small object)", N, () => {
  for (let i = 0; i < N; i++) decodeValue(objBytes);
});
