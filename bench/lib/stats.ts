/**
 * Small statistics helpers for the benchmark: percentiles, medians of rounds,
 * and number formatting for the table.
 *
 * @module
 */

/**
 * The `p`-th percentile (0..100) of `values` (nearest rank on a sorted copy).
 *
 * @example
 * ```ts
 * import { percentile } from "./stats.ts";
 * console.assert(percentile([3, 1, 2, 4], 50) === 2);
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Median of the finite numbers in `values` (NaN if none).
 *
 * @example
 * ```ts
 * import { median } from "./stats.ts";
 * console.assert(median([5, 1, 3]) === 3 && median([1, 2]) === 1.5);
 * ```
 */
export function median(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Per-key median over rounds: `[{a: 1}, {a: 3}, {a: 2}]` gives `{a: 2}`.
 * Non-numeric values are taken from the last round.
 *
 * @example
 * ```ts
 * import { medianOfRounds } from "./stats.ts";
 * console.assert(medianOfRounds([{ a: 1 }, { a: 3 }, { a: 2 }]).a === 2);
 * ```
 */
export function medianOfRounds(
  rounds: ReadonlyArray<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const round of rounds) {
    for (const [k, v] of Object.entries(round)) if (typeof v !== "number") out[k] = v;
  }
  const keys = new Set(rounds.flatMap((r) => Object.keys(r)));
  for (const k of keys) {
    const nums = rounds.map((r) => r[k]).filter((v): v is number => typeof v === "number");
    if (nums.length) out[k] = median(nums);
  }
  return out;
}

/**
 * Summary of a latency sample: p50/p95/p99 and count.
 *
 * @example
 * ```ts
 * import { summarize } from "./stats.ts";
 * console.assert(summarize([1, 2, 3]).p50 === 2);
 * ```
 */
export function summarize(values: readonly number[]): {
  p50: number;
  p95: number;
  p99: number;
  n: number;
} {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    n: values.length,
  };
}

/**
 * Formats a number with 3 significant digits and thousands separators
 * (`"n/a"` for NaN/undefined).
 *
 * @example
 * ```ts
 * import { fmt } from "./stats.ts";
 * console.assert(fmt(1234567) === "1,234,567" && fmt(1.2345) === "1.23" && fmt(NaN) === "n/a");
 * ```
 */
export function fmt(x: number | undefined | null): string {
  if (x === undefined || x === null || !Number.isFinite(x)) return "n/a";
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString("en-US");
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
