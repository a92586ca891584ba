/**
 * The Plumtree state machine on its own, with hand-driven links: eager and
 * lazy moves, prune on a duplicate, graft after the timeout (and the next
 * announcer after that), fallback when an announcer is lost, graft answers
 * from the bounded cache, and the bounds a misbehaving peer runs into.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { BroadcastMessage } from "../../../lib/codec/messages.ts";
import { BroadcastState } from "../../../lib/protocols/broadcast/broadcast.ts";
import { RecentBroadcasts } from "../../../lib/protocols/broadcast/cache.ts";
import { generateIdentity } from "../../../lib/identity/identity.ts";
import { createMetrics } from "../../../lib/metrics.ts";
import {
  MAX_TREE_IDS,
  Plumtree,
  type PlumtreeOptions,
  type TreeControl,
} from "../../../lib/protocols/broadcast/plumtree.ts";
import { sleep, until } from "../../node/helpers.ts";

interface FakeLink {
  id: string;
  mode: string;
  backlogged?: boolean;
  /** What this side sent to the link: "full <seq>" or the control message. */
  out: Array<string | TreeControl>;
}

const link = (id: string, mode = "hybrid"): FakeLink => ({ id, mode, out: [] });

function bcast(seq: number, origin = "origin", ttl = 10): BroadcastMessage {
  return { type: "broadcast", origin, seq, ts: 1, payload: seq, ttl, sig: new Uint8Array(64) };
}

/** A tree over `links`; `seen` is the set of "origin seq" keys received. */
function setup(links: FakeLink[], options: Partial<PlumtreeOptions<FakeLink>> = {}) {
  const seen = new Set<string>();
  const bad: Error[] = [];
  const metrics = createMetrics();
  const tree = new Plumtree<FakeLink>({
    links: () => links,
    sendBody: (l) => {
      if (l.backlogged) return false;
      l.out.push("full");
      return true;
    },
    sendControl: (l, msg) => void l.out.push(msg),
    seen: (origin, seq) => seen.has(`${origin} ${seq}`),
    bad: (_l, err) => void bad.push(err),
    metrics,
    graftTimeoutMs: 20,
    ihaveFlushMs: 5,
    ...options,
  });
  /** Delivers `msg` from `from` as the node would: marks it seen when new. */
  const deliver = (from: FakeLink, msg: BroadcastMessage) => {
    const key = `${msg.origin} ${msg.seq}`;
    const fresh = !seen.has(key);
    seen.add(key);
    tree.receive(from, msg, fresh ? "ok" : "duplicate");
  };
  return { tree, seen, bad, metrics, deliver };
}

const controls = (l: FakeLink, type: string) =>
  l.out.filter((m): m is TreeControl => typeof m === "object" && m.type === type);

test("new links are eager; a duplicate makes the sender lazy and prunes it", () => {
  const [a, b, c] = [link("a"), link("b"), link("c")];
  const { tree, metrics, deliver } = setup([a, b, c]);
  try {
    deliver(a, bcast(1));
    assert.equal(b.out, ["full"]);
    assert.equal(c.out, ["full"]);
    assert.equal(a.out, [], "not sent back to where it came from");
    deliver(b, bcast(1));
    assert.ok(tree.isLazy(b));
    assert.equal(b.out.slice(1), [{ type: "prune" }]);
    assert.not.ok(tree.isLazy(a) || tree.isLazy(c));
    deliver(b, bcast(1)); // b is lazy already: no second prune
    assert.is(controls(b, "prune").length, 1);
    assert.is(metrics.broadcastsPruned, 1);
    assert.is(metrics.broadcastsSent, 2);
  } finally {
    tree.close();
  }
});

test("client-mode peers are never pruned by this side", () => {
  const [a, browser] = [link("a"), link("browser", "client")];
  const { tree, deliver } = setup([a, browser]);
  try {
    deliver(a, bcast(1));
    deliver(browser, bcast(1));
    assert.not.ok(tree.isLazy(browser));
    assert.equal(controls(browser, "prune"), []);
  } finally {
    tree.close();
  }
});

test("lazy links get batched ihave announcements instead of copies", async () => {
  const [a, b, c] = [link("a"), link("b"), link("c")];
  const { tree, deliver } = setup([a, b, c]);
  try {
    tree.prune(c);
    assert.ok(tree.isLazy(c));
    for (let seq = 1; seq <= 3; seq++) deliver(a, bcast(seq));
    deliver(a, bcast(1, "other"));
    assert.equal(b.out, ["full", "full", "full", "full"]);
    assert.equal(c.out, [], "announcements wait for the batch");
    await until(() => c.out.length === 2, 1000, "one ihave per origin");
    assert.equal(c.out, [
      { type: "ihave", origin: "origin", seqs: [1, 2, 3] },
      { type: "ihave", origin: "other", seqs: [1] },
    ]);
  } finally {
    tree.close();
  }
});

test("a full queue of announcements goes out at once", () => {
  const [a, c] = [link("a"), link("c")];
  const { tree, deliver } = setup([a, c], { ihaveBatch: 4 });
  try {
    tree.prune(c);
    for (let seq = 1; seq <= 4; seq++) deliver(a, bcast(seq));
    assert.equal(c.out, [{ type: "ihave", origin: "origin", seqs: [1, 2, 3, 4] }]);
  } finally {
    tree.close();
  }
});

test("a backlogged eager link is announced to instead of skipped", async () => {
  const [a, b] = [link("a"), link("b")];
  const { tree, deliver } = setup([a, b]);
  try {
    b.backlogged = true;
    deliver(a, bcast(7));
    await until(() => b.out.length === 1, 1000, "announcement");
    assert.equal(b.out, [{ type: "ihave", origin: "origin", seqs: [7] }]);
    assert.not.ok(tree.isLazy(b), "still a tree link");
  } finally {
    tree.close();
  }
});

test("a copy from a lazy link makes it eager; nothing goes back to the origin", () => {
  const [a, origin] = [link("a"), link("origin")];
  const { tree, deliver } = setup([a, origin]);
  try {
    tree.prune(a);
    deliver(a, bcast(1));
    assert.not.ok(tree.isLazy(a));
    assert.equal(origin.out, [], "the origin has its own broadcast");
  } finally {
    tree.close();
  }
});

test("a copy whose hop limit is used up is still passed on, announced and cached", async () => {
  // The limit is not signed: if it stopped a verified copy, a peer lowering it would cut
  // off every node behind this one (security review, attack 5).
  const [a, b, c] = [link("a"), link("b"), link("c")];
  const { tree, deliver } = setup([a, b, c]);
  try {
    tree.prune(c);
    deliver(a, bcast(1, "origin", 1));
    await sleep(20);
    assert.equal(b.out, ["full"]);
    assert.equal(controls(c, "ihave"), [{ type: "ihave", origin: "origin", seqs: [1] }]);
    assert.is(tree.cached, 1);
  } finally {
    tree.close();
  }
});

test("an announced broadcast that does not arrive is grafted from the announcer", async () => {
  const [a, b] = [link("a"), link("b")];
  const { tree, metrics } = setup([a, b]);
  try {
    tree.prune(a);
    tree.ihave(a, { type: "ihave", origin: "origin", seqs: [5] });
    assert.is(tree.missing, 1);
    await until(() => controls(a, "graft").length === 1, 1000, "graft");
    assert.equal(controls(a, "graft"), [{ type: "graft", origin: "origin", seqs: [5] }]);
    assert.not.ok(tree.isLazy(a), "grafting makes the link eager");
    assert.is(metrics.broadcastsGrafted, 1);
    assert.is(tree.missing, 0, "no other announcer to try");
  } finally {
    tree.close();
  }
});

test("no graft when the copy arrives in time; the next announcer after a failed graft", async () => {
  const [a, b, c] = [link("a"), link("b"), link("c")];
  const { tree, deliver } = setup([a, b, c]);
  try {
    tree.ihave(a, { type: "ihave", origin: "origin", seqs: [1, 2] });
    tree.ihave(b, { type: "ihave", origin: "origin", seqs: [2] });
    tree.ihave(b, { type: "ihave", origin: "origin", seqs: [2] }); // repeated: listed once
    deliver(c, bcast(1));
    await until(() => controls(a, "graft").length === 1, 1000, "graft to a");
    assert.equal(controls(a, "graft"), [{ type: "graft", origin: "origin", seqs: [2] }]);
    assert.equal(controls(b, "graft"), []);
    // a does not answer: b, the next announcer, is asked one timeout later.
    await until(() => controls(b, "graft").length === 1, 1000, "graft to b");
    assert.equal(controls(a, "graft").length, 1);
    assert.is(tree.missing, 0);
  } finally {
    tree.close();
  }
});

test("no graft while a copy is being verified; the wait starts over", async () => {
  const [a, b] = [link("a"), link("b")];
  let verifying = true;
  const { tree } = setup([a, b], { checking: () => verifying });
  try {
    tree.ihave(a, { type: "ihave", origin: "origin", seqs: [3] });
    await sleep(70); // past the 20 ms wait, more than once
    assert.equal(controls(a, "graft"), []);
    assert.is(tree.missing, 1, "still waited for");
    verifying = false; // e.g. the copy turned out forged
    await until(() => controls(a, "graft").length === 1, 1000, "graft after all");
  } finally {
    tree.close();
  }
});

test("BroadcastState.checking holds while a copy's signature is verified", async () => {
  const origin = new BroadcastState(await generateIdentity());
  const msg = await origin.create("hi");
  const state = new BroadcastState(await generateIdentity());
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const verdict = state.accept(msg, (check) => held.then(check));
  assert.ok(state.checking(msg.origin, msg.seq));
  assert.not.ok(state.seen(msg.origin, msg.seq));
  release();
  assert.is(await verdict, "ok");
  assert.not.ok(state.checking(msg.origin, msg.seq));
  assert.ok(state.seen(msg.origin, msg.seq));
  const forged = { ...msg, seq: msg.seq + 1 };
  assert.instance(await state.accept(forged), Error);
  assert.not.ok(state.checking(forged.origin, forged.seq), "cleared after a failed check too");
});

test("a lost announcer is dropped: the next one is asked, or nobody", async () => {
  const [a, b, c] = [link("a"), link("b"), link("c")];
  const { tree } = setup([a, b, c]);
  try {
    tree.ihave(a, { type: "ihave", origin: "origin", seqs: [1] });
    tree.ihave(b, { type: "ihave", origin: "origin", seqs: [1] });
    tree.ihave(c, { type: "ihave", origin: "origin", seqs: [2] });
    tree.linkLost(a);
    tree.linkLost(c);
    assert.is(tree.missing, 1, "seq 2 had no other announcer");
    await until(() => controls(b, "graft").length === 1, 1000, "graft to b");
    assert.equal(controls(a, "graft"), []);
    assert.equal(controls(c, "graft"), []);
  } finally {
    tree.close();
  }
});

test("a graft is answered from the cache, once per peer; unknown ones are not", () => {
  const [a, b] = [link("a"), link("b")];
  const { tree, deliver } = setup([a, b]);
  try {
    tree.publish(bcast(1, "me"));
    deliver(a, bcast(2));
    b.out.length = 0;
    tree.prune(b);
    tree.graft(b, { type: "graft", origin: "me", seqs: [1, 99] });
    assert.not.ok(tree.isLazy(b), "a graft makes the link eager");
    assert.equal(b.out, ["full"]);
    tree.graft(b, { type: "graft", origin: "me", seqs: [1] });
    tree.graft(b, { type: "graft", origin: "nobody", seqs: [1] });
    assert.equal(b.out, ["full"], "repeated and unknown grafts get nothing");
    tree.graft(b, { type: "graft", origin: "origin", seqs: [2] });
    assert.equal(b.out, ["full", "full"]);
  } finally {
    tree.close();
  }
});

test("oversized and excessive announcements are refused and reported", () => {
  const [a, b] = [link("a"), link("b")];
  const { tree, bad } = setup([a, b], { maxMissingPerLink: 10, maxMissing: 15 });
  try {
    const many = Array.from({ length: MAX_TREE_IDS + 1 }, (_, i) => i + 1);
    tree.ihave(a, { type: "ihave", origin: "x", seqs: many });
    tree.graft(a, { type: "graft", origin: "x", seqs: many });
    assert.is(bad.length, 2);
    assert.match(bad[0].message, /ihave with 257 ids/);
    assert.is(tree.missing, 0);
    tree.ihave(a, { type: "ihave", origin: "x", seqs: many.slice(0, 12) });
    assert.is(tree.missing, 10, "per-peer bound");
    assert.is(bad.length, 3);
    assert.is((bad[2] as Error & { code: string }).code, "OVERLOADED");
    tree.ihave(b, { type: "ihave", origin: "y", seqs: many.slice(0, 8) });
    assert.is(tree.missing, 15, "table bound (not b's fault: not reported)");
    assert.is(bad.length, 3);
  } finally {
    tree.close();
  }
});

test("close stops every timer and forgets the state", async () => {
  const [a, b] = [link("a"), link("b")];
  const { tree, deliver } = setup([a, b]);
  tree.prune(b);
  tree.ihave(a, { type: "ihave", origin: "origin", seqs: [1, 2, 3] });
  deliver(a, bcast(4));
  tree.close();
  tree.close();
  await sleep(60);
  assert.equal(controls(a, "graft"), []);
  assert.equal(b.out, [], "queued announcements dropped");
  assert.is(tree.missing, 0);
  assert.is(tree.cached, 0);
  deliver(a, bcast(5));
  tree.publish(bcast(6, "me"));
  assert.equal(b.out, []);
});

test("bad options are RangeErrors", () => {
  assert.throws(() => setup([], { graftTimeoutMs: 0 }), RangeError);
  assert.throws(() => setup([], { ihaveFlushMs: NaN }), RangeError);
});

test("the re-send cache is bounded by count, bytes and age", async () => {
  const peer = {};
  const byCount = new RecentBroadcasts<object>({ maxCount: 3 });
  for (let seq = 1; seq <= 5; seq++) byCount.add("o", seq, new Uint8Array(10));
  assert.is(byCount.size, 3);
  assert.is(byCount.bytes, 30);
  assert.is(byCount.forGraft("o", 2, peer), undefined, "oldest evicted");
  assert.ok(byCount.forGraft("o", 5, peer));
  const byBytes = new RecentBroadcasts<object>({ maxBytes: 100 });
  for (let seq = 1; seq <= 5; seq++) byBytes.add("o", seq, new Uint8Array(40));
  byBytes.add("o", 6, new Uint8Array(101)); // larger than the whole cache: not kept
  assert.is(byBytes.size, 2);
  assert.ok(byBytes.bytes <= 100);
  const byAge = new RecentBroadcasts<object>({ maxAgeMs: 10 });
  byAge.add("o", 1, new Uint8Array(1));
  await sleep(30);
  assert.is(byAge.forGraft("o", 1, peer), undefined, "expired");
  assert.is(byAge.size, 0);
});

test.run();
