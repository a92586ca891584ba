import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { FRESHNESS_MS, MAX_AHEAD_MS, SeenWindow } from "../../lib/protocols/seen.ts";

/** A window on a clock the test moves. */
function windowAt(options: ConstructorParameters<typeof SeenWindow>[0] = {}) {
  const clock = { now: 1_000_000_000 };
  return { clock, seen: new SeenWindow({ ...options, now: () => clock.now }) };
}

test("duplicates and numbers below the window are refused", () => {
  const { clock, seen } = windowAt({ window: 32 });
  const t = clock.now;
  assert.is(seen.add("a", 100, t), "new");
  assert.is(seen.add("a", 100, t), "duplicate");
  assert.is(seen.add("a", 90, t), "new", "below max but inside the window");
  assert.is(seen.add("a", 90, t), "duplicate");
  assert.is(seen.add("a", 140, t), "new");
  assert.is(seen.add("a", 108, t), "duplicate", "below max - window");
  assert.is(seen.add("a", 109, t), "new", "just inside the window");
  assert.is(seen.add("b", 100, t), "new", "origins are independent");
  assert.ok(seen.has("a", 140) && !seen.has("a", 141) && !seen.has("c", 1));
});

test("a jump ahead clears exactly the numbers it passes", () => {
  const { clock, seen } = windowAt({ window: 64 });
  const t = clock.now;
  for (let s = 1; s <= 64; s++) assert.is(seen.add("a", s, t), "new");
  // 64 -> 100: 1..36 fall below the window, 37..64 stay seen, 65..99 are free.
  assert.is(seen.add("a", 100, t), "new");
  for (let s = 37; s <= 64; s++) assert.is(seen.add("a", s, t), "duplicate", `seq ${s}`);
  for (let s = 65; s < 100; s++) assert.is(seen.add("a", s, t), "new", `seq ${s}`);
  assert.is(seen.add("a", 36, t), "duplicate");
  // A jump beyond the window clears it all.
  assert.is(seen.add("a", 10_000, t), "new");
  assert.is(seen.add("a", 9_999, t), "new");
});

test("frames dated outside the freshness window are stale", () => {
  const { clock, seen } = windowAt();
  assert.is(seen.add("a", 1, clock.now - FRESHNESS_MS - 1), "stale");
  assert.is(seen.add("a", 2, clock.now + MAX_AHEAD_MS + 1), "stale");
  assert.is(seen.add("a", 3, clock.now - FRESHNESS_MS + 1), "new");
  assert.is(seen.add("a", 4, clock.now + MAX_AHEAD_MS - 1), "new");
  assert.is(seen.size, 1);
});

test("a flood of new origins never evicts a fresh one: new origins are refused instead", () => {
  const { clock, seen } = windowAt({ maxOrigins: 100 });
  assert.is(seen.add("victim", 7, clock.now), "new");
  let full = 0;
  for (let i = 0; i < 1000; i++) if (seen.add(`sybil${i}`, 1, clock.now) === "full") full++;
  assert.is(seen.size, 100);
  assert.is(full, 901);
  assert.is(seen.add("victim", 7, clock.now), "duplicate", "the replay is still refused");
  assert.is(seen.add("victim", 8, clock.now), "new", "a known origin goes on");
});

test("origins whose frames all went stale make room, and their frames stay refused", () => {
  const { clock, seen } = windowAt({ maxOrigins: 3 });
  const t0 = clock.now;
  for (const o of ["a", "b", "c"]) assert.is(seen.add(o, 1, t0), "new");
  assert.is(seen.add("d", 1, t0), "full");
  clock.now += FRESHNESS_MS + 1;
  assert.is(seen.add("d", 1, clock.now), "new", "a stale origin was forgotten");
  assert.ok(seen.size <= 3);
  // a's old frame is refused by its date, though the window forgot a.
  assert.is(seen.add("a", 1, t0), "stale");
});

test("an origin dated ahead is kept until its newest frame is stale", () => {
  const { clock, seen } = windowAt({ maxOrigins: 1 });
  const ahead = clock.now + MAX_AHEAD_MS;
  assert.is(seen.add("a", 1, ahead), "new");
  clock.now += FRESHNESS_MS + 1; // a frame dated `ahead` is still fresh
  assert.is(seen.add("b", 1, clock.now), "full");
  assert.is(seen.add("a", 1, ahead), "duplicate");
  clock.now = ahead + FRESHNESS_MS + 1;
  assert.is(seen.add("b", 1, clock.now), "new");
});

test("memory is bounded by the origin count, whatever the sequence numbers", () => {
  const { clock, seen } = windowAt({ maxOrigins: 50, window: 128 });
  for (let o = 0; o < 200; o++) {
    for (let s = 1; s <= 300; s += 7) seen.add(`o${o}`, s * 1e9, clock.now);
  }
  assert.is(seen.size, 50);
});

test.run();
