/**
 * Smoke run of the benchmark (`bench/run.ts --smoke`): tiny sizes, no
 * js-libp2p, a few seconds. Keeps the bench code from rotting. It asserts that
 * every workload produced figures and that messages arrived, never timing.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { runSuite } from "../../bench/lib/suite.ts";
import { formatTable } from "../../bench/lib/report.ts";

const lines: string[] = [];
const result = await runSuite({ mode: "smoke", log: (l) => lines.push(l) });
const by = (w: string) => result.entries.filter((e) => e.workload === w);
const n = (v: unknown) => typeof v === "number" && Number.isFinite(v);

test("every workload W1-W8 produced figures", () => {
  for (const w of ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]) {
    const entries = by(w);
    assert.ok(entries.length > 0, `${w} has no entries\n${lines.join("\n")}`);
    for (const e of entries) {
      assert.ok(e.rounds.length > 0, `${w}/${e.system} has no result: ${e.errors.join("; ")}`);
    }
  }
});

test("W1-W4 ran on the raw transport and the geomesh Deno node", () => {
  for (const w of ["W1", "W2", "W3", "W4"]) {
    const systems = by(w).map((e) => e.system);
    assert.ok(systems.includes("raw") && systems.includes("node-deno"), `${w}: ${systems}`);
  }
  for (const e of by("W1")) assert.ok(n(e.median.p50Ms), `W1 ${e.system}`);
  for (const e of by("W2")) assert.ok(n(e.median.p50Us) && n(e.median.p99Us), `W2 ${e.system}`);
  for (const e of by("W3")) {
    assert.ok(n(e.median.mbPerS), `W3 ${e.system}`);
    // Bytes are verified at the receiver (the run fails otherwise).
    assert.is(e.median.bytes, result.sizes.w3.bytes, `W3 ${e.system} bytes`);
  }
  for (const e of by("W4")) {
    assert.ok(n(e.median.perS), `W4 ${e.system}`);
    assert.is(e.median.messages, result.sizes.w4.messages, `W4 ${e.system} messages arrived`);
  }
});

test("W5 and W8 broadcasts arrived; discovery converged; W7 gave numbers", () => {
  const w5 = by("W5").find((e) => e.system === "node-deno")!;
  assert.is(w5.median.delivered, w5.median.expected);
  assert.ok(n(w5.median.p99Ms) && n(w5.median.copiesPerDelivery));
  const w8 = by("W8")[0];
  assert.ok(Number(w8.median.deliveryRatio) > 0 && n(w8.median.hopRadius));
  // No copy can arrive in fewer hops than the graph's distance to the farthest node.
  assert.ok(Number(w8.median.maxHops) >= Number(w8.median.hopRadius), "max hops >= radius");
  assert.ok(n(by("W6")[0].median.meanView));
  // Discovery converged: W6 reached a full view, and every W8 discovery size did.
  assert.ok(n(by("W6")[0].median.seconds), "W6 full view");
  const points = w8.median.discovery as Array<{ nodes: number; rounds: number | null }>;
  assert.equal(points.map((p) => p.nodes), result.sizes.w8.discoveryNodes);
  for (const p of points) assert.ok(n(p.rounds), `W8 discovery at ${p.nodes} nodes`);
  for (const e of by("W7")) assert.ok(n(e.median.serverKiBPerPeer), `W7 ${e.system}`);
});

test("the table renders a row per entry", () => {
  const table = formatTable(result);
  assert.is(table.split("\n").length, result.entries.length + 2);
  assert.not.ok(result.entries.some((e) => e.system === "libp2p"), "smoke runs without libp2p");
});

test.run();
