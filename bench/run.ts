/**
 * `npm run bench`: runs BENCH.md's workloads W1–W8 against the references
 * (raw Deno WebTransport, geomesh's transport adapters, js-libp2p), prints one
 * table and writes `bench/results/<date>.json`.
 *
 *   deno run -A bench/run.ts [--quick | --smoke] [--only W2,W3,WB] [--rounds N] [--no-browser]
 *                            [--no-libp2p] [--out FILE | --no-write]
 *
 * `--quick` uses smaller sizes (about a minute); `--smoke` tiny ones and no
 * libp2p (what the test suite runs so this code cannot rot). Progress goes to
 * stderr, the table to stdout.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { formatTable } from "./lib/report.ts";
import { ROOT } from "./lib/systems.ts";
import { runSuite } from "./lib/suite.ts";

const args = Deno.args;
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag("help")) {
  console.log(
    "usage: deno run -A bench/run.ts [--quick|--smoke] [--only W1,W2] [--rounds N] " +
      "[--no-libp2p] [--out FILE | --no-write]",
  );
  Deno.exit(0);
}
const mode = flag("smoke") ? "smoke" : flag("quick") ? "quick" : "full";
const sizes: Record<string, unknown> = {};
if (value("rounds")) sizes.rounds = Number(value("rounds"));
if (flag("no-libp2p")) sizes.libp2p = false;

/** HEAD and the uncommitted files under lib/ when the run starts (results name what was measured). */
async function gitState(): Promise<Record<string, unknown>> {
  const run = async (...a: string[]) => {
    try {
      const out = await new Deno.Command("git", { args: a, cwd: ROOT, stderr: "null" }).output();
      return new TextDecoder().decode(out.stdout).trim();
    } catch {
      return "";
    }
  };
  const dirty = await run("status", "--short", "--", "lib", "mod.ts");
  return { commit: await run("rev-parse", "HEAD"), dirty: dirty ? dirty.split("\n") : [] };
}
const git = await gitState();

const result = await runSuite({
  mode,
  only: value("only")?.split(",").map((s) => s.trim()).filter(Boolean),
  sizes,
});
console.log(
  `\ngeomesh bench (${mode}) ${result.startedAt}, ${result.machine.cores} x ${result.machine.cpu}, ` +
    Object.entries(result.versions).map(([k, v]) => `${k} ${v.replace(/^\w+ /, "")}`).join(", "),
);
console.log(formatTable(result));
console.log(`(${result.durationS.toFixed(0)} s)`);

// Browser -> node throughput (issue 6): real headless Chromium, needs /usr/bin/chromium and Bun.
const only = value("only")?.split(",").map((x) => x.trim());
let browser: Record<string, unknown> | undefined;
if (mode !== "smoke" && !flag("no-browser") && (!only || only.includes("WB"))) {
  try {
    const { runBrowserBench } = await import("./browser.ts");
    const figures = await runBrowserBench({ mode });
    browser = figures;
    console.log("\nWB browser (Chromium) <-> node, MB/s and RTT (medians)");
    for (const [system, f] of Object.entries(figures)) {
      console.log(
        `  ${system.padEnd(14)} ${Object.entries(f).map(([k, v]) => `${k} ${v}`).join("  ")}`,
      );
    }
  } catch (err) {
    browser = { error: String(err) };
    console.log(`\nWB browser: not run (${(err as Error).message})`);
  }
}
if (!flag("no-write")) {
  const date = result.startedAt.slice(0, 10);
  const out = value("out") ??
    `${ROOT}bench/results/${date}${mode === "full" ? "" : `-${mode}`}.json`;
  await mkdir(new URL(".", `file://${out}`).pathname, { recursive: true });
  await writeFile(out, JSON.stringify({ ...result, git, browser }, null, 2) + "\n");
  console.log(`wrote ${out}`);
}
