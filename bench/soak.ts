/**
 * Soak: minutes of steady traffic (broadcasts + requests) plus churn across
 * network namespaces (the geo fixture, `tests/geo/hosts.ts`), printing per
 * minute each node's RSS, heap, open sessions, open file descriptors
 * (sockets, timers' fds, ...: `/proc/<pid>/fd`) and queue depths (requests in
 * flight in the node process and in the controller), and exiting non-zero on
 * a growth trend or a dead long-lived node.
 *
 * Usage: `deno run -A bench/soak.ts [--minutes 10] [--sample-s 5]` (`npm run soak`).
 *
 * Nodes: h1 Deno hybrid (broadcaster), h2 Bun hybrid, h3 Deno server are
 * long-lived and judged; h4 Deno hybrid and h5 Bun hybrid are the churn
 * victims, killed (SIGKILL) and restarted with the same identity in turn
 * every `--churn-s` seconds (default 20).
 *
 * The verdict, over the last 2/3 of the run (the first third is warm-up: JIT,
 * caches, discovery tables filling), per long-lived node, from a least-squares
 * line through the samples:
 * Every sample is taken right after a full collection (`Bun.gc(true)`, V8's
 * `gc()` with `--expose-gc`), so the heap figure is the live heap.
 * - RSS slope above 1 MiB/min fails. The load is about 10 broadcasts and 20
 *   requests a second (~1,800 operations a minute at each node), so 1 MiB/min
 *   is a leak of about 0.6 KiB per operation; allocator noise on these ~80 MiB
 *   processes moves single samples by a MiB or two but averages out in a fit
 *   over dozens of samples (a 10-minute run has 80 in its window), and a
 *   bounded cache that is still filling flattens within the warm-up third.
 *   Short runs (2 minutes: 16 samples, warm-up barely over) can flag growth
 *   that a 10-minute run shows flat: judge a leak on the long run.
 * - live heap slope above 0.5 MiB/min fails (after a full GC it has far less
 *   noise than RSS: ~0.3 KiB per operation).
 * - fd slope above 2/min with at least 8 more fds at the end than at the start
 *   of the window fails: sessions are constant, so handles must be too.
 *
 * @example
 * ```sh
 * deno run -A bench/soak.ts --minutes 2
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createHosts } from "../tests/geo/hosts.ts";
import { closeAll, type GeoNode } from "../tests/geo/process-node.ts";
import {
  mib,
  type NodeSpec,
  percentile,
  sleep,
  startMesh,
  trackBroadcasts,
} from "../tests/geo/mesh.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    minutes: { type: "string", default: "10" },
    "sample-s": { type: "string", default: "5" },
    "churn-s": { type: "string", default: "20" },
  },
});
const minutes = Number(values.minutes);
const sampleMs = Number(values["sample-s"]) * 1000;
const churnMs = Number(values["churn-s"]) * 1000;
if (!(minutes > 0) || !(sampleMs > 0) || !(churnMs > 0)) {
  throw new RangeError("--minutes, --sample-s and --churn-s must be positive numbers");
}

const SPECS: NodeSpec[] = [
  { runtime: "deno", mode: "hybrid" },
  { runtime: "bun", mode: "hybrid" },
  { runtime: "deno", mode: "server" },
  { runtime: "deno", mode: "hybrid" },
  { runtime: "bun", mode: "hybrid" },
];
const LONG_LIVED = [0, 1, 2];
const VICTIMS = [3, 4];
const RSS_SLOPE_MIB = 1;
const HEAP_SLOPE_MIB = 0.5;
const FD_SLOPE = 2;
const FD_GROWTH = 8;

interface Sample {
  t: number;
  rss: number;
  heap: number;
  fds: number;
  sessions: number;
  inflight: number;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

const hosts = await createHosts({ count: SPECS.length });
let nodes: GeoNode[] = [];
let exitCode = 0;
try {
  console.log(
    `soak: ${minutes} min, ${SPECS.length} nodes on ${hosts.mode} hosts` +
      (hosts.fallbackReason ? ` (${hosts.fallbackReason})` : "") +
      `; sample every ${sampleMs / 1000} s, churn every ${churnMs / 1000} s`,
  );
  nodes = await startMesh(hosts, SPECS);
  const origin = nodes[0];
  const tally = trackBroadcasts(nodes, origin.id);
  const samples: Sample[][] = nodes.map(() => []);
  const deaths: string[] = [];
  for (const i of LONG_LIVED) {
    nodes[i].on("exit", (e) => void deaths.push(`h${i + 1} exited ${e.code ?? e.signal}`));
  }
  const started = Date.now();
  const end = started + minutes * 60_000;
  let running = true;
  let seq = 0, requests = 0, requestFailures = 0, controllerInflight = 0;
  const reqMs: number[] = [];
  const failuresByCode = new Map<string, number>();

  const broadcaster = (async () => {
    while (running) {
      await origin.broadcast({ seq: ++seq, t: Date.now() });
      await sleep(100);
    }
  })();
  // Two request loops (~20/s): a random live node asks another random live node.
  const requester = async (k: number) => {
    while (running) {
      const live = nodes.filter((n) => n.alive && SPECS[n.index].mode !== "server");
      const from = live[(requests + k) % live.length];
      const targets = nodes.filter((n) => n !== from && n.alive);
      const to = targets[Math.floor(Math.random() * targets.length)];
      if (from && to) {
        requests++;
        controllerInflight++;
        const r = await from.request(to.id, { n: requests, t: Date.now() }, 2000);
        controllerInflight--;
        if (r.ok) reqMs.push(r.ms ?? NaN);
        else {
          requestFailures++;
          const code = r.error?.code ?? "?";
          failuresByCode.set(code, (failuresByCode.get(code) ?? 0) + 1);
        }
      }
      await sleep(100);
    }
  };
  const requesters = [requester(0), requester(1)];
  const churner = (async () => {
    let round = 0;
    while (running) {
      await sleep(churnMs);
      if (!running) break;
      const v = nodes[VICTIMS[round++ % VICTIMS.length]];
      await v.kill9();
      await sleep(1000);
      await v.restart().catch((err) => deaths.push(`restart h${v.index + 1}: ${err.message}`));
    }
    return round;
  })();

  let nextMinute = started + 60_000;
  let lastPrint = started;
  while (Date.now() < end) {
    await sleep(Math.min(sampleMs, Math.max(0, end - Date.now())));
    const t = (Date.now() - started) / 60_000;
    await Promise.all(nodes.map(async (n, i) => {
      if (!n.alive) return;
      // After a full collection: the live heap, not where the GC sawtooth happens to be.
      const s = await n.stats(true).catch(() => undefined);
      if (!s) return;
      const m = s.metrics as { sessions: number };
      samples[i].push({
        t,
        rss: s.rss,
        heap: s.heapUsed as number,
        fds: s.fds,
        sessions: m.sessions,
        // The stats command itself is in flight while the node answers it.
        inflight: (s.inflight as number) - 1,
      });
    }));
    // Each minute, and at the end unless a minute line was just printed.
    if (
      Date.now() >= nextMinute - 500 || (Date.now() >= end && Date.now() - lastPrint > sampleMs)
    ) {
      nextMinute += 60_000;
      lastPrint = Date.now();
      const lat = reqMs.splice(0);
      console.log(
        `[${t.toFixed(1)} min] broadcasts ${seq}, requests ${requests} (failed ${requestFailures}` +
          `${
            failuresByCode.size ? ` ${JSON.stringify(Object.fromEntries(failuresByCode))}` : ""
          }), ` +
          `request p50 ${percentile(lat, 50).toFixed(1)} ms p99 ${
            percentile(lat, 99).toFixed(1)
          } ms, ` +
          `controller queue ${controllerInflight}`,
      );
      nodes.forEach((n, i) => {
        const s = samples[i].at(-1);
        const got = [...tally.seqs[i]].length;
        console.log(
          `    h${i + 1} ${n.runtime.padEnd(4)} ${LONG_LIVED.includes(i) ? "long " : "churn"} ` +
            (s
              ? `rss ${mib(s.rss)} MiB, live heap ${
                mib(s.heap)
              } MiB, sessions ${s.sessions}, fds ${s.fds}, ` +
                `node queue ${s.inflight}`
              : "down") +
            `, broadcasts delivered ${i === 0 ? "(origin)" : got}, restarts ${n.restarts}`,
        );
      });
    }
  }
  running = false;
  await Promise.all([broadcaster, ...requesters]);
  const rounds = await churner;
  tally.stop();

  console.log(
    `\nverdict over the last 2/3 (${
      (minutes / 3).toFixed(1)
    }..${minutes} min), ${rounds} churn kills:`,
  );
  for (const i of LONG_LIVED) {
    const w = samples[i].filter((s) => s.t >= minutes / 3);
    if (w.length < 3) {
      console.log(`  h${i + 1}: too few samples (${w.length})`);
      exitCode = 1;
      continue;
    }
    const xs = w.map((s) => s.t);
    const rssSlope = slope(xs, w.map((s) => s.rss)) / (1 << 20);
    const heapSlope = slope(xs, w.map((s) => s.heap)) / (1 << 20);
    const fdSlope = slope(xs, w.map((s) => s.fds));
    const fdGrowth = w.at(-1)!.fds - w[0].fds;
    const bad = [
      rssSlope > RSS_SLOPE_MIB && `RSS +${rssSlope.toFixed(2)} MiB/min > ${RSS_SLOPE_MIB}`,
      heapSlope > HEAP_SLOPE_MIB && `heap +${heapSlope.toFixed(2)} MiB/min > ${HEAP_SLOPE_MIB}`,
      fdSlope > FD_SLOPE && fdGrowth >= FD_GROWTH &&
      `fds +${fdSlope.toFixed(1)}/min (+${fdGrowth})`,
    ].filter(Boolean);
    console.log(
      `  h${i + 1} ${nodes[i].runtime}: RSS ${rssSlope >= 0 ? "+" : ""}${
        rssSlope.toFixed(2)
      } MiB/min ` +
        `(${mib(w[0].rss)} -> ${mib(w.at(-1)!.rss)}), live heap ${heapSlope >= 0 ? "+" : ""}${
          heapSlope.toFixed(2)
        } MiB/min, ` +
        `fds ${fdSlope >= 0 ? "+" : ""}${fdSlope.toFixed(2)}/min (${w[0].fds} -> ${
          w.at(-1)!.fds
        }), ` +
        `sessions ${w[0].sessions} -> ${w.at(-1)!.sessions}: ${
          bad.length ? `GROWTH ${bad.join(", ")}` : "flat"
        }`,
    );
    if (bad.length) exitCode = 1;
  }
  const missing = LONG_LIVED.filter((i) => i !== 0).map((i) => seq - tally.seqs[i].size);
  console.log(
    `  broadcasts: ${seq} sent; long-lived receivers missed ${missing.join(", ")}; ` +
      `requests: ${requests}, failed ${requestFailures}`,
  );
  if (deaths.length) {
    console.log(`  DEATHS: ${deaths.join("; ")}`);
    exitCode = 1;
  }
  console.log(exitCode ? "soak: FAIL" : "soak: ok");
} catch (err) {
  console.error(`soak: error: ${(err as Error).stack ?? err}`);
  exitCode = 2;
} finally {
  await closeAll(nodes.filter(Boolean));
  await hosts.close();
}
Deno.exit(exitCode);
