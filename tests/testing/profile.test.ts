/**
 * Link profiles, the seeded generator and the per-direction shaper, without
 * sockets: validation errors, presets, determinism, loss models, queue and
 * ordering rules.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  createPrng,
  DirectionShaper,
  GEO_PROFILES,
  hashSeed,
  type LinkProfile,
  resolveProfile,
} from "../../lib/testing/mod.ts";
import { createImpairedLink } from "../../lib/testing/mod.ts";

function throwsType(fn: () => unknown, E: typeof TypeError | typeof RangeError, what: string) {
  try {
    fn();
  } catch (err) {
    assert.ok(
      err instanceof E && err.constructor === E,
      `${what}: expected ${E.name}, got ${(err as Error).name}: ${(err as Error).message}`,
    );
    return;
  }
  assert.unreachable(`${what}: did not throw`);
}

test("bad profiles are TypeError (wrong type, unknown field) or RangeError (out of range)", () => {
  const type: Array<[string, unknown]> = [
    ["not an object", 5],
    ["array", []],
    ["typo delay", { delay: 10 }],
    ["string delay", { delayMs: "10" }],
    ["blackhole not boolean", { blackhole: 1 }],
    ["burst not object", { burstLoss: 0.1 }],
    ["burst missing pBadToGood", { burstLoss: { pGoodToBad: 0.1 } }],
    ["burst unknown field", { burstLoss: { pGoodToBad: 0.1, pBadToGood: 0.5, p: 1 } }],
    ["queue without bandwidth", { queueBytes: 1000 }],
  ];
  for (const [what, p] of type) throwsType(() => resolveProfile(p as LinkProfile), TypeError, what);
  const range: Array<[string, LinkProfile]> = [
    ["negative delay", { delayMs: -1 }],
    ["NaN delay", { delayMs: NaN }],
    ["infinite jitter", { jitterMs: Infinity }],
    ["loss above 1", { loss: 1.5 }],
    ["negative duplicate", { duplicate: -0.1 }],
    ["reorder above 1", { reorder: 2 }],
    ["zero bandwidth", { bandwidthBps: 0 }],
    ["zero queue", { bandwidthBps: 1000, queueBytes: 0 }],
    ["burst probability above 1", { burstLoss: { pGoodToBad: 1.2, pBadToGood: 0.5 } }],
    ["delay of a minute and more", { delayMs: 60_001 }],
  ];
  for (const [what, p] of range) throwsType(() => resolveProfile(p), RangeError, what);
});

test("defaults are filled in; presets are valid, RTT/2 one way, 1-2% loss", () => {
  const p = resolveProfile({ bandwidthBps: 1_000_000 });
  assert.equal(
    [p.delayMs, p.loss, p.queueBytes, p.reorderDelayMs, p.blackhole],
    [0, 0, 100_000, 10, false],
  );
  assert.is(resolveProfile({ bandwidthBps: 1000 }).queueBytes, 16_384);
  assert.is(resolveProfile().bandwidthBps, Infinity);
  assert.equal(resolveProfile({ burstLoss: { pGoodToBad: 0.1, pBadToGood: 0.5 } }).burstLoss, {
    pGoodToBad: 0.1,
    pBadToGood: 0.5,
    lossInBad: 1,
    lossInGood: 0,
  });
  const rtts: Record<string, number> = { "eu-eu": 20, "eu-us": 80, "us-ap": 150 };
  for (const [name, rtt] of Object.entries(rtts)) {
    const preset = resolveProfile(GEO_PROFILES[name as keyof typeof GEO_PROFILES]);
    assert.is(preset.delayMs * 2, rtt, name);
    assert.ok(preset.loss >= 0.01 && preset.loss <= 0.02, name);
  }
  assert.ok(resolveProfile(GEO_PROFILES.lan).loss === 0);
  assert.ok(Object.isFrozen(GEO_PROFILES["eu-us"]));
});

test("bad link options are refused before any socket is bound", async () => {
  const target = { host: "127.0.0.1", port: 9 };
  const cases: Array<[string, unknown, typeof TypeError]> = [
    ["no target", {}, TypeError],
    ["port 0 target", { target: { host: "127.0.0.1", port: 0 } }, RangeError],
    ["port 70000 listen", { target, listen: { port: 70000 } }, RangeError],
    ["bad protocol", { target, protocols: ["quic"] }, TypeError],
    ["empty protocols", { target, protocols: [] }, TypeError],
    ["bad profile", { target, profile: { loss: 3 } }, RangeError],
    ["bad reverse profile", { target, reverseProfile: { delayMs: "x" } }, TypeError],
    ["bad seed", { target, seed: NaN }, TypeError],
  ];
  for (const [what, options, E] of cases) {
    const err = await createImpairedLink(options as never).then(() => null, (e) => e);
    assert.ok(err instanceof E, `${what}: ${err}`);
  }
});

test("the generator is reproducible, uniform enough, and forks independent streams", () => {
  const a = createPrng(123), b = createPrng(123), c = createPrng(124);
  const xs = Array.from({ length: 1000 }, () => a.next());
  assert.equal(xs, Array.from({ length: 1000 }, () => b.next()));
  assert.not.equal(xs.slice(0, 10), Array.from({ length: 10 }, () => c.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  const f1 = createPrng(5).fork("udp").next(), f2 = createPrng(5).fork("tcp").next();
  assert.is.not(f1, f2);
  assert.is(createPrng(5).fork("udp").next(), f1);
  assert.is.not(hashSeed(1, "a>b"), hashSeed(1, "b>a"));
  assert.throws(() => createPrng(NaN), TypeError);
});

function fates(seed: number, profile: LinkProfile, n = 5000) {
  const s = new DirectionShaper(profile, createPrng(seed));
  return Array.from({ length: n }, (_, i) => {
    const f = s.admitPacket(100, i * 0.1);
    return `${f.dropped ?? f.departures.length}${f.reordered ? "r" : ""}`;
  });
}

test("same seed and packets give the same fates; another seed does not", () => {
  const profile: LinkProfile = {
    loss: 0.05,
    burstLoss: { pGoodToBad: 0.01, pBadToGood: 0.3 },
    duplicate: 0.05,
    reorder: 0.05,
  };
  const one = fates(7, profile);
  assert.equal(fates(7, profile), one);
  assert.not.equal(fates(8, profile), one);
  // Fixed draws per packet: the loss pattern does not move when duplication is switched on.
  const lossOnly = fates(7, { loss: 0.05 }).map((f) => f === "loss");
  const withDup = fates(7, { loss: 0.05, duplicate: 0.3 }).map((f) => f === "loss");
  assert.equal(withDup, lossOnly);
});

test("random loss and Gilbert-Elliott loss: rates near the model, bursts only from the chain", () => {
  const n = 20_000;
  const random = fates(1, { loss: 0.03 }, n);
  const rate = random.filter((f) => f === "loss").length / n;
  const ge = fates(1, { burstLoss: { pGoodToBad: 0.01, pBadToGood: 0.25 } }, n);
  const geRate = ge.filter((f) => f === "loss").length / n;
  const meanBurst = (xs: string[]) => {
    const runs: number[] = [];
    let run = 0;
    for (const f of xs) {
      if (f === "loss") run++;
      else if (run) runs.push(run), run = 0;
    }
    return runs.reduce((s, r) => s + r, 0) / runs.length;
  };
  console.log(
    `random 3%: rate ${(rate * 100).toFixed(2)}%, mean burst ${meanBurst(random).toFixed(2)}; ` +
      `GE(0.01,0.25): rate ${(geRate * 100).toFixed(2)}% (model 3.85%), mean burst ${
        meanBurst(ge).toFixed(2)
      } (model 4)`,
  );
  assert.ok(rate > 0.02 && rate < 0.04, `random rate ${rate}`);
  assert.ok(geRate > 0.025 && geRate < 0.055, `GE rate ${geRate}`);
  assert.ok(meanBurst(random) < 1.2, "random loss is not bursty");
  assert.ok(meanBurst(ge) > 2.5, "GE loss comes in bursts");
});

test("the capped link: tail drop when the queue is full, departures paced at the cap", () => {
  const s = new DirectionShaper({ bandwidthBps: 10_000, queueBytes: 3000 }, createPrng(1));
  const got = Array.from({ length: 5 }, () => s.admitPacket(1000, 0));
  assert.equal(got.map((f) => f.dropped ?? "ok"), ["ok", "ok", "ok", "queue", "queue"]);
  assert.equal(got.slice(0, 3).map((f) => f.departures[0]), [100, 200, 300]);
  assert.is(s.stats.droppedQueue, 2);
  // 150 ms later 1500 bytes have left: one more fits.
  assert.is(s.admitPacket(1000, 150).departures[0], 400);
  assert.is(s.admitPacket(1000, 150).dropped, "queue");
  // TCP chunks share the link but are never dropped.
  assert.is(s.admitChunk(1000, 150), 500);
});

test("jitter never reorders; reorder holds a packet back by reorderDelayMs", () => {
  const s = new DirectionShaper({ delayMs: 20, jitterMs: 15 }, createPrng(3));
  const times = Array.from({ length: 2000 }, (_, i) => s.admitPacket(100, i * 0.5).departures[0]);
  assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), "in order");
  assert.ok(times.every((t, i) => t >= i * 0.5 + 5 - 1e-9 && t <= i * 0.5 + 35 + 20));
  const r = new DirectionShaper({ delayMs: 5, reorder: 0.1, reorderDelayMs: 30 }, createPrng(3));
  const fs = Array.from({ length: 1000 }, (_, i) => r.admitPacket(100, i));
  const held = fs.filter((f) => f.reordered);
  assert.ok(held.length > 50 && held.length < 150, `${held.length} reordered`);
  assert.ok(held.every((f, i) => f.departures[0] === fs.indexOf(held[i]) + 35));
  assert.is(r.stats.reordered, held.length);
});

test("blackhole drops, the partition flag too, and neither advances the link queue", () => {
  const s = new DirectionShaper({ blackhole: true, bandwidthBps: 1000 }, createPrng(1));
  assert.is(s.admitPacket(100, 0).dropped, "blackhole");
  s.setProfile({ bandwidthBps: 1000 });
  s.partitioned = true;
  assert.is(s.admitPacket(100, 0).dropped, "blackhole");
  s.partitioned = false;
  assert.is(s.admitPacket(100, 0).departures[0], 100);
  assert.is(s.stats.droppedBlackhole, 2);
});

test.run();
