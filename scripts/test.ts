/**
 * The test command (`npm test`): static checks, then every test file under
 * Deno and under Bun (and the browser tests), one process per file with a
 * time limit, ending with one summary line `N passed, N failed`.
 *
 * Test files are `tests/**\/*.test.ts`. A name ending `.deno.test.ts` runs only
 * under Deno, `.bun.test.ts` only under Bun; others run under both.
 *
 * Usage: `deno run -A scripts/test.ts [--runtime deno|bun] [--no-static] [--jobs N] [filter...]`
 *
 * @module
 */
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    runtime: { type: "string", multiple: true },
    "no-static": { type: "boolean", default: false },
    jobs: { type: "string", default: Deno.env.get("GEOMESH_TEST_JOBS") ?? "1" },
    timeout: { type: "string", default: Deno.env.get("GEOMESH_TEST_TIMEOUT") ?? "240" },
  },
  allowPositionals: true,
});

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const bin = (name: string) => `${root}/node_modules/.bin/${name}`;
const runtimes = values.runtime ?? ["deno", "bun"];
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values.timeout) * 1000;

interface Result {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  output: string;
}

const decoder = new TextDecoder();

async function run(
  name: string,
  cmd: string[],
  parse: boolean,
  env: Record<string, string> = {},
): Promise<Result> {
  const started = performance.now();
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    env: { NO_COLOR: "1", FORCE_COLOR: "0", GEOMESH_TEST: "1", ...env },
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }, timeoutMs);
  const out = await child.output();
  clearTimeout(timer);
  const output = decoder.decode(out.stdout) + decoder.decode(out.stderr);
  const ms = performance.now() - started;
  if (!parse) {
    return {
      name,
      passed: out.success ? 1 : 0,
      failed: out.success ? 0 : 1,
      skipped: 0,
      ms,
      output,
    };
  }
  const total = Number(output.match(/Total:\s+(\d+)/)?.[1] ?? NaN);
  const passed = Number(output.match(/Passed:\s+(\d+)/)?.[1] ?? NaN);
  const skipped = Number(output.match(/Skipped:\s+(\d+)/)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(passed) || timedOut || total === 0) {
    // A file that crashed, hung or ran nothing counts as one failure.
    const why = timedOut
      ? `timed out after ${timeoutMs / 1000}s`
      : total === 0
      ? "ran no test"
      : `exit ${out.code}`;
    return { name, passed: 0, failed: 1, skipped: 0, ms, output: `${output}\n[runner] ${why}` };
  }
  let failed = total - passed - skipped;
  // A non-zero exit after all tests passed (e.g. an unhandled rejection) is a failure too.
  if (failed === 0 && !out.success) failed = 1;
  return { name, passed, failed, skipped, ms, output };
}

async function walk(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await walk(path));
    else if (entry.name.endsWith(".test.ts")) found.push(path.slice(root.length + 1));
  }
  return found.sort();
}

function runtimeOf(file: string): string[] {
  if (file.endsWith(".deno.test.ts")) return ["deno"];
  if (file.endsWith(".bun.test.ts")) return ["bun"];
  return ["deno", "bun"];
}

/**
 * Where the JSDoc `@example`s run (`deno test --doc`): add a folder or file
 * here once its examples run. Each example is a test of its own, so it must
 * be quick (a few seconds at most), listen only on 127.0.0.1 / port 0, and
 * close everything it opens: the sanitizers fail a leaked timer, op or
 * resource, and `scripts/doc-assert.ts` makes a false `console.assert` throw.
 * Examples that can not run (Chromium, Bun, a second process) are fenced
 * ```` ```ts ignore ```` with a comment saying why.
 */
const DOC_PATHS = [
  "mod.ts",
  "lib/errors.ts",
  "lib/log.ts",
  "lib/platform.ts",
  "lib/metrics.ts",
  "lib/codec",
  "lib/identity",
  "lib/cert",
  "lib/address",
  "lib/files",
  "lib/session",
  "lib/protocols",
  "lib/node",
  "lib/runtime",
  "lib/transport",
  "lib/dashboard",
  "lib/browser",
  "lib/testing",
];

const results: Result[] = [];
function report(r: Result) {
  results.push(r);
  const status = r.failed ? "FAIL" : "ok  ";
  console.log(
    `${status} ${r.name}  (${r.passed} passed, ${r.failed} failed${
      r.skipped ? `, ${r.skipped} skipped` : ""
    }; ${(r.ms / 1000).toFixed(1)}s)`,
  );
  if (r.failed) console.log(r.output.split("\n").map((l) => `     | ${l}`).join("\n"));
}

if (!values["no-static"] && positionals.length === 0) {
  const deno = bin("deno");
  report(await run("static: deno fmt --check", [deno, "fmt", "--check"], false));
  report(await run("static: deno lint", [deno, "lint"], false));
  report(
    await run(
      "static: deno check",
      [deno, "check", "mod.ts", "lib", "tests", "scripts", "bench"],
      false,
    ),
  );
  // Folders import only lower layers and never each other in a cycle (docs/ARCHITECTURE.md).
  report(await run("static: layers", [deno, "run", "-A", "scripts/check-layers.ts"], false));
  // The JSR package (deno.json `publish`): type-checks the published graph, including the
  // vendored fails build, and fails on slow types, excluded modules or a missing license.
  report(
    await run("static: deno publish --dry-run", [
      deno,
      "publish",
      "--dry-run",
      "--allow-dirty",
    ], false),
  );
  // Every public symbol of the package entry has JSDoc and no private type leaks (JSR's score).
  report(await run("static: deno doc --lint mod.ts", [deno, "doc", "--lint", "mod.ts"], false));
  // dist/ is committed (bun add of a path or git URL runs no build): it must equal a fresh build.
  report(
    await run(
      "static: dist/ up to date",
      [deno, "run", "-A", "scripts/build.ts", "--check"],
      false,
    ),
  );
  // Examples are type-checked by `deno check --doc` and run with --no-check: `deno test`
  // (not `deno check`) type-checks the vendored fails JS despite its @ts-types .d.ts and
  // fails on the JSDoc imports inside it (Deno 2.9).
  report(await run("static: doc examples check", [deno, "check", "--doc", ...DOC_PATHS], false));
  report(
    await run(
      "static: doc examples run",
      [
        deno,
        "test",
        "--doc",
        "--no-check",
        "--allow-all",
        "--sanitize-ops",
        "--sanitize-resources",
        "--parallel",
        "--preload",
        "scripts/doc-assert.ts",
        ...DOC_PATHS,
      ],
      false,
      { DENO_JOBS: Deno.env.get("DENO_JOBS") ?? "2" },
    ),
  );
}

const files = (await walk(`${root}/tests`)).filter((f) =>
  positionals.length === 0 || positionals.some((p) => f.includes(p))
);
const tasks: Array<() => Promise<void>> = [];
for (const runtime of runtimes) {
  for (const file of files) {
    if (!runtimeOf(file).includes(runtime)) continue;
    const cmd = runtime === "deno" ? [bin("deno"), "run", "-A", file] : [bin("bun"), "run", file];
    tasks.push(async () => report(await run(`${runtime}: ${file}`, cmd, true)));
  }
}
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < tasks.length) await tasks[next++]();
  }),
);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
if (skipped) console.log(`note: ${skipped} skipped tests count as failures (no skips allowed)`);
console.log(`${passed} passed, ${failed + skipped} failed`);
Deno.exit(failed + skipped > 0 || results.length === 0 ? 1 : 0);
