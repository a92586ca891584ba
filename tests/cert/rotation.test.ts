import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  certificatePins,
  createCertificatePair,
  pinToString,
  rotationPolicy,
  rotationTime,
  type TlsCertificate,
  updateCertificates,
} from "../../lib/cert/mod.ts";
import { DAY } from "./helpers.ts";

const HOSTS = ["127.0.0.1"];
const T0 = Date.UTC(2031, 2, 1, 12);
const pinOf = (c: TlsCertificate) => pinToString(c.pin);

test("a fresh pair: next overlaps current, outlives it, and is valid when promoted", async () => {
  const { current, next } = await createCertificatePair({ hostnames: HOSTS, now: T0 });
  assert.is(current.notBefore.getTime(), T0 - 3_600_000);
  assert.is(current.notAfter.getTime(), T0 - 3_600_000 + 14 * DAY);
  // next starts R = (14 - 2) / 2 = 6 days after current and lives 14 days.
  assert.is(next.notBefore.getTime(), current.notBefore.getTime() + 6 * DAY);
  assert.is(next.notAfter.getTime() - next.notBefore.getTime(), 14 * DAY);
  assert.ok(next.notBefore < current.notAfter, "overlap");
  assert.ok(next.notBefore <= rotationTime(current), "valid at the switch");
  assert.is.not(pinOf(current), pinOf(next));
  assert.equal(certificatePins({ current, next }), [current.pin, next.pin]);
});

test("no rotation before it is due; at the due time next is promoted and a new next made", async () => {
  const first = await updateCertificates({}, { hostnames: HOSTS, now: T0 });
  const due = rotationTime(first.current).getTime();
  const early = await updateCertificates(first, { hostnames: HOSTS, now: due - 1 });
  assert.not.ok(early.currentChanged || early.nextChanged || early.rotated);
  assert.is(early.current, first.current);
  assert.is(early.reasons.length, 0);
  const late = await updateCertificates(early, { hostnames: HOSTS, now: due });
  assert.ok(late.rotated && late.currentChanged && late.nextChanged);
  assert.is(pinOf(late.current), pinOf(first.next));
  assert.ok(![pinOf(first.current), pinOf(first.next)].includes(pinOf(late.next)));
  assert.match(late.reasons.join(), /rotated/);
  // The new next is valid from (about) now and is promoted 6 days later.
  assert.ok(late.next.notBefore.getTime() <= due);
  assert.is(rotationTime(late.current).getTime() - due, 6 * DAY);
});

test("60 simulated days: served cert always valid, pins continuous, rotation every 6 days", async () => {
  let state = await updateCertificates({}, { hostnames: HOSTS, now: T0 });
  let rotations = 0;
  const rotationTimes: number[] = [];
  for (let t = T0; t <= T0 + 60 * DAY; t += 3 * 3_600_000) {
    const prev = state;
    state = await updateCertificates(prev, { hostnames: HOSTS, now: t });
    const { current, next } = state;
    assert.ok(
      current.notBefore.getTime() <= t && t < current.notAfter.getTime(),
      "served cert valid",
    );
    assert.ok(current.notAfter.getTime() - t > 2 * DAY - 3 * 3_600_000, "never close to expiry");
    assert.ok(next.notAfter > current.notAfter && next.notBefore <= rotationTime(current));
    if (state.currentChanged) {
      // What is served now was advertised before: peers holding the old address still connect.
      assert.ok(certificatePins(prev).map(pinToString).includes(pinOf(current)), "continuity");
      assert.ok(state.rotated);
      rotations++;
      rotationTimes.push(t);
    }
  }
  assert.ok(rotations >= 8 && rotations <= 10, `rotations: ${rotations}`);
  for (let i = 1; i < rotationTimes.length; i++) {
    assert.ok(Math.abs(rotationTimes[i] - rotationTimes[i - 1] - 6 * DAY) <= 3 * 3_600_000);
  }
});

test("stale states: offline for weeks, expired current, unusable next, changed host names", async () => {
  const first = await updateCertificates({}, { hostnames: HOSTS, now: T0 });
  // Offline for 30 days: both expired, a fresh pair.
  const back = await updateCertificates(first, { hostnames: HOSTS, now: T0 + 30 * DAY });
  assert.ok(back.currentChanged && back.nextChanged && !back.rotated);
  assert.match(back.reasons.join(), /expired/);
  assert.ok(back.current.notBefore.getTime() > T0 + 29 * DAY);
  // Current expired, next still valid (13.5 days later): next is promoted... and if it is
  // itself due, replaced; either way the served certificate is valid for > 2 days.
  const t = first.current.notAfter.getTime() + 1000;
  const promoted = await updateCertificates(first, { hostnames: HOSTS, now: t });
  assert.ok(promoted.current.notAfter.getTime() - t > 2 * DAY);
  assert.ok(promoted.next.notAfter > promoted.current.notAfter);
  // A next that would not outlive current is replaced.
  const bogus = await updateCertificates(
    { current: first.current, next: first.current },
    { hostnames: HOSTS, now: T0 },
  );
  assert.ok(!bogus.currentChanged && bogus.nextChanged);
  assert.match(bogus.reasons.join(), /next certificate would not be usable/);
  // Host names changed: both replaced; same names in another order or spelling: kept.
  const moved = await updateCertificates(first, { hostnames: ["10.1.2.3"], now: T0 + DAY });
  assert.ok(moved.currentChanged && moved.nextChanged);
  assert.equal(moved.current.hostnames, ["10.1.2.3"]);
  const v6 = await updateCertificates({}, { hostnames: ["::1", "localhost"], now: T0 });
  const same = await updateCertificates(v6, {
    hostnames: ["LOCALHOST", "0:0:0:0:0:0:0:1"],
    now: T0 + DAY,
  });
  assert.not.ok(same.currentChanged || same.nextChanged);
  // Current not valid yet (clock went back): replaced.
  const past = await updateCertificates(first, { hostnames: HOSTS, now: T0 - DAY });
  assert.ok(past.currentChanged);
  assert.match(past.reasons.join(), /not valid before/);
});

test("policy validation and a custom renewBefore", async () => {
  assert.is(rotationPolicy({}).stepMs, 6 * DAY);
  assert.is(rotationPolicy({ renewBeforeMs: 4 * DAY }).stepMs, 5 * DAY);
  assert.throws(() => rotationPolicy({ renewBeforeMs: 8 * DAY }), RangeError);
  assert.throws(() => rotationPolicy({ renewBeforeMs: -1 }), RangeError);
  assert.throws(() => rotationPolicy({ validityMs: 15 * DAY }), RangeError);
  assert.throws(() => rotationPolicy({ validityMs: 60_000 }), RangeError);
  const short = await updateCertificates({}, {
    hostnames: HOSTS,
    now: T0,
    validityMs: 2 * DAY,
    renewBeforeMs: 12 * 3_600_000,
  });
  assert.is(short.current.notAfter.getTime() - short.current.notBefore.getTime(), 2 * DAY);
  assert.is(short.next.notBefore.getTime() - short.current.notBefore.getTime(), 18 * 3_600_000);
});

test.run();
