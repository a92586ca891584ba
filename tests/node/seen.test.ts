import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { SeenWindow } from "../../lib/node/seen.ts";

test("duplicates and numbers below the window are refused", () => {
  const seen = new SeenWindow({ window: 8 });
  assert.ok(seen.add("a", 10));
  assert.not.ok(seen.add("a", 10));
  assert.ok(seen.add("a", 5));
  assert.ok(seen.add("a", 20));
  assert.not.ok(seen.add("a", 11), "below max - window");
  assert.ok(seen.add("b", 10), "origins are independent");
});

test("memory stays bounded over many busy origins", () => {
  const seen = new SeenWindow({ window: 1000, maxOrigins: 1000, maxEntries: 5000 });
  for (let o = 0; o < 200; o++) for (let s = 1; s <= 500; s++) seen.add(`o${o}`, s);
  assert.ok(seen.size <= 5000, String(seen.size));
  // The most recent origin is intact: its replays are refused.
  assert.not.ok(seen.add("o199", 500));
  assert.not.ok(seen.has("o0", 1) && seen.size > 5000);
});

test.run();
