/**
 * Identity and certificate micro-benchmark: Ed25519 sign/verify rates through
 * geomesh's domain-separated API against raw WebCrypto, key-import cost, and
 * TLS certificate generation time. Runs under Deno and Bun:
 *
 *   deno run -A bench/identity.ts      bun run bench/identity.ts
 *
 * Prints one JSON object per line. Not part of `npm test`.
 *
 * @module
 */
import { generateIdentity } from "../lib/identity/identity.ts";
import { clearKeyCache, verify } from "../lib/identity/verify.ts";
import { generateCertificate } from "../lib/cert/generate.ts";

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const seconds = Number(
  (globalThis as { process?: { env: Record<string, string> } }).process?.env
    .GEOMESH_BENCH_SECONDS ?? 1,
);

async function rate(name: string, fn: () => Promise<unknown>, batch = 1): Promise<void> {
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      if (batch === 1) await fn();
      else await Promise.all(Array.from({ length: batch }, fn));
      n += batch;
    }
    rounds.push(n / ((performance.now() - start) / 1000));
  }
  rounds.sort((a, b) => a - b);
  console.log(JSON.stringify({ runtime, name, perSecond: Math.round(rounds[1]), batch }));
}

const me = await generateIdentity();
const data = crypto.getRandomValues(new Uint8Array(100));
const sig = await me.sign("message", data);
const raw = await crypto.subtle.generateKey("Ed25519", false, ["sign", "verify"]) as CryptoKeyPair;
const rawSig = new Uint8Array(await crypto.subtle.sign("Ed25519", raw.privateKey, data));

await rate("raw webcrypto sign", () => crypto.subtle.sign("Ed25519", raw.privateKey, data));
await rate("geomesh sign", () => me.sign("message", data));
await rate(
  "raw webcrypto verify",
  () => crypto.subtle.verify("Ed25519", raw.publicKey, rawSig, data),
);
await rate("geomesh verify (id, cached key)", () => verify(me.id, "message", data, sig));
await rate("geomesh verify (id, cold key cache)", () => {
  clearKeyCache();
  return verify(me.id, "message", data, sig);
});
await rate("geomesh sign, 64 concurrent", () => me.sign("message", data), 64);
await rate("geomesh verify, 64 concurrent", () => verify(me.id, "message", data, sig), 64);

const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await generateCertificate({ hostnames: ["127.0.0.1"] });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  runtime,
  name: "certificate generation",
  medianMs: Number(times[10].toFixed(2)),
  maxMs: Number(times[19].toFixed(2)),
}));
