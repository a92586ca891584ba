/**
 * Turns a suite result into the one table `npm run bench` prints: every
 * system's medians, the ratio to the raw transport, and the BENCH.md targets
 * (checked on the geomesh Deno HTTP/3 rows, which the targets are for).
 *
 * @module
 */
import { fmt } from "./stats.ts";
import type { Entry, SuiteResult } from "./suite.ts";

/** One table row. */
export interface Row {
  workload: string;
  system: string;
  result: string;
  vsRaw: string;
  target: string;
  verdict: "" | "ok" | "SHORT" | "n/a";
}

const NAMES: Record<string, string> = {
  W1: "W1 dial",
  W2: "W2 req/resp",
  W3: "W3 bulk",
  W4: "W4 small msgs",
  W5: "W5 broadcast",
  W6: "W6 discovery",
  W7: "W7 memory",
  W8: "W8 scale (sim)",
};

type M = Record<string, unknown>;
const num = (
  m: M | undefined,
  k: string,
): number => (m && typeof m[k] === "number" ? m[k] as number : NaN);

function describe(e: Entry): string {
  const m = e.median;
  if (!e.rounds.length) return `FAILED: ${e.errors[0] ?? "no result"}`;
  switch (e.workload) {
    case "W1":
      return `p50 ${fmt(num(m, "p50Ms"))} / p95 ${fmt(num(m, "p95Ms"))} ms`;
    case "W2":
      return `p50 ${fmt(num(m, "p50Us"))} / p99 ${fmt(num(m, "p99Us"))} us`;
    case "W3":
      return `${fmt(num(m, "mbPerS"))} MB/s`;
    case "W4":
      return `${fmt(num(m, "perS"))} msg/s`;
    case "W5":
      return `p50 ${fmt(num(m, "p50Ms"))} / p99 ${fmt(num(m, "p99Ms"))} ms, ${
        (num(m, "deliveryRatio") * 100).toFixed(2)
      }% delivered, ${fmt(num(m, "copiesPerDelivery"))} copies/delivery`;
    case "W6":
      return typeof m.seconds === "number"
        ? `${fmt(m.seconds)} s to full view`
        : `no full view within ${fmt(num(m, "waitedS"))} s (mean view ${
          (num(m, "meanView") * 100).toFixed(0)
        }%, min ${(num(m, "minView") * 100).toFixed(0)}%)`;
    case "W7":
      return `${fmt(num(m, "serverKiBPerPeer"))} KiB/peer server, ${
        fmt(num(m, "clientKiBPerPeer"))
      } KiB/peer client side`;
    case "W8":
      return `${(num(m, "deliveryRatio") * 100).toFixed(3)}% delivered, max hops ${
        fmt(num(m, "maxHops"))
      } (radius ${fmt(num(m, "hopRadius"))}), ${
        fmt(num(m, "broadcastMs"))
      } ms/broadcast; discovery rounds ${discoveryText(m)}`;
  }
  return JSON.stringify(m);
}

/** The main figure of a workload and whether higher is better. */
const MAIN: Record<string, [string, boolean]> = {
  W1: ["p50Ms", false],
  W2: ["p50Us", false],
  W3: ["mbPerS", true],
  W4: ["perS", true],
};

function verdict(e: Entry, all: Entry[]): Pick<Row, "target" | "verdict"> {
  const m = e.median;
  const raw = all.find((x) => x.workload === e.workload && x.system === "raw")?.median;
  const libp2p = all.find((x) => x.workload === e.workload && x.system === "libp2p")?.median;
  const ok = (b: boolean) => (b ? "ok" : "SHORT") as Row["verdict"];
  if (e.system === "node-bun" && (e.workload === "W3" || e.workload === "W4")) {
    return {
      target: "no stall (Bun h2)",
      verdict: e.rounds.length && !e.errors.length ? "ok" : "SHORT",
    };
  }
  const deno = e.system === "node-deno" || (e.workload === "W8" && e.system === "node-memory");
  if (!deno) return { target: "", verdict: "" };
  if (!e.rounds.length) return { target: "", verdict: "SHORT" };
  switch (e.workload) {
    case "W1":
      return { target: "p50 <= 3 ms", verdict: ok(num(m, "p50Ms") <= 3) };
    case "W2": {
      const a = num(m, "p50Us") <= 1.15 * num(raw, "p50Us");
      const b = !libp2p || num(m, "p99Us") <= num(libp2p, "p99Us");
      return { target: "p50 <= 1.15x raw; p99 <= libp2p p99", verdict: ok(a && b) };
    }
    case "W3":
      return { target: ">= 0.85x raw", verdict: ok(num(m, "mbPerS") >= 0.85 * num(raw, "mbPerS")) };
    case "W4":
      return { target: ">= 1M msg/s", verdict: ok(num(m, "perS") >= 1e6) };
    case "W5":
      return {
        target: "100%, p99 <= 10 ms, <= 1.5 copies",
        verdict: ok(
          num(m, "deliveryRatio") >= 1 && num(m, "p99Ms") <= 10 &&
            num(m, "copiesPerDelivery") <= 1.5,
        ),
      };
    case "W6":
      return { target: "<= 3 s", verdict: ok(typeof m.seconds === "number" && m.seconds <= 3) };
    case "W7":
      return { target: "<= 64 KiB/peer", verdict: ok(num(m, "serverKiBPerPeer") <= 64) };
    case "W8":
      return {
        target: "100%, discovery O(log N) rounds",
        verdict: ok(num(m, "deliveryRatio") >= 1 && discoveryLogarithmic(m)),
      };
  }
  return { target: "", verdict: "" };
}

/**
 * Rows of the table, in workload order.
 *
 * @example
 * ```ts ignore
 * import { rows } from "./report.ts";
 * console.table(rows(result));
 * ```
 */
export function rows(result: SuiteResult): Row[] {
  const order = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"];
  const entries = [...result.entries].sort((a, b) =>
    order.indexOf(a.workload) - order.indexOf(b.workload)
  );
  return entries.map((e) => {
    const main = MAIN[e.workload];
    let vsRaw = "";
    const raw = entries.find((x) => x.workload === e.workload && x.system === "raw");
    if (main && raw && e.rounds.length) {
      const ratio = num(e.median, main[0]) / num(raw.median, main[0]);
      if (Number.isFinite(ratio)) vsRaw = `${ratio.toFixed(2)}x`;
    }
    return {
      workload: NAMES[e.workload] ?? e.workload,
      system: e.label,
      result: describe(e) +
        (e.rounds.length && e.errors.length ? ` (${e.errors.length} failed)` : ""),
      vsRaw,
      ...verdict(e, entries),
    };
  });
}

/**
 * The table as text (fixed-width columns).
 *
 * @example
 * ```ts ignore
 * import { formatTable } from "./report.ts";
 * console.log(formatTable(result));
 * ```
 */
export function formatTable(result: SuiteResult): string {
  const header: Row = {
    workload: "workload",
    system: "system",
    result: "median of rounds",
    vsRaw: "vs raw",
    target: "target (BENCH.md)",
    verdict: "" as Row["verdict"],
  };
  const all = [header, ...rows(result)];
  const keys: Array<keyof Row> = ["workload", "system", "result", "vsRaw", "target", "verdict"];
  const width = keys.map((k) => Math.max(...all.map((r) => String(r[k]).length)));
  const line = (r: Row) => keys.map((k, i) => String(r[k]).padEnd(width[i])).join(" | ").trimEnd();
  const sep = width.map((w) => "-".repeat(w)).join("-|-");
  return [line(header), sep, ...all.slice(1).map(line)].join("\n");
}

type DiscoveryPoint = { nodes: number; rounds: number | null };

function discoveryPoints(m: Record<string, unknown>): DiscoveryPoint[] {
  return Array.isArray(m.discovery) ? m.discovery as DiscoveryPoint[] : [];
}

/** `N: rounds` per mesh size, e.g. "32: 1, 64: 2". */
function discoveryText(m: Record<string, unknown>): string {
  const points = discoveryPoints(m);
  if (!points.length) return "n/a";
  return points.map((p) => `${p.nodes}: ${p.rounds ?? "none"}`).join(", ");
}

/** Every size converged, within 2 log2(N) rounds. */
function discoveryLogarithmic(m: Record<string, unknown>): boolean {
  const points = discoveryPoints(m);
  return points.length > 0 &&
    points.every((p) => p.rounds !== null && p.rounds <= 2 * Math.log2(p.nodes));
}
