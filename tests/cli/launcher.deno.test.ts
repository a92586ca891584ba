/**
 * The npm `bin` launcher `bin/geomesh.mjs` with the committed build of the CLI
 * (`dist/cli.js`, which `static: dist/ up to date` keeps in step with the
 * sources), exactly as the package ships them: under Bun and Deno it runs the
 * bundle's `run()`, under Node it
 * re-executes itself with Bun (or Deno with `GEOMESH_RUNTIME=deno`) from the
 * nearest `node_modules/.bin`, passing the exit code through; with neither
 * runtime reachable it says so in one line and exits 1. Deno only (it runs
 * every runtime as a child).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { copyFile } from "node:fs/promises";
import { hasStackFrame, root, runCommand, tempDir } from "./helpers.ts";

const launcher = `${root}bin/geomesh.mjs`;
const bin = `${root}node_modules/.bin/`;
/** Node, on PATH (npm brings it), by absolute path: the last case empties PATH. */
const node = (Deno.env.get("PATH") ?? "").split(":").map((d) => `${d}/node`).find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
}) ?? "node";

test("bin/geomesh.mjs runs the shipped CLI under Bun, Deno and (re-executed) Node", async () => {
  const certs = await tempDir("geomesh-launcher-");
  try {
    const ids: string[] = [];
    for (
      const [label, cmd, args, env] of [
        ["bun", `${bin}bun`, [launcher], {}],
        ["deno", `${bin}deno`, ["run", "-A", launcher], {}],
        ["node -> bun", node, [launcher], {}],
        ["node -> deno", node, [launcher], { GEOMESH_RUNTIME: "deno" }],
      ] as [string, string, string[], Record<string, string>][]
    ) {
      const id = await runCommand(cmd, [...args, "id", "--cert-path", certs.path], { env });
      assert.is(id.code, 0, `${label}: ${id.stderr}`);
      ids.push(id.stdout.trim());
      const bad = await runCommand(cmd, [...args, "--port", "abc"], { env });
      assert.is(bad.code, 2, `${label}: ${bad.stderr}`);
      assert.match(bad.stderr.split("\n")[0], /--port must be an integer/);
      assert.not.ok(hasStackFrame(bad.stderr), bad.stderr);
      console.log(`${label}: id ${ids.at(-1)!.slice(0, 12)}…, --port abc exit ${bad.code}`);
    }
    assert.match(ids[0], /^[a-z2-7]{52}$/);
    assert.equal(ids, ids.map(() => ids[0]), "one identity whichever runtime");

    // A launcher with no Bun or Deno anywhere near it (outside the tree, empty PATH).
    const lone = await tempDir("geomesh-lone-");
    try {
      await copyFile(`${root}bin/geomesh.mjs`, `${lone.path}/geomesh.mjs`);
      const none = await runCommand(node, [`${lone.path}/geomesh.mjs`, "--help"], {
        cwd: lone.path,
        env: { PATH: "" },
      });
      assert.is(none.code, 1, none.stderr);
      assert.is(none.stdout, "");
      assert.is(none.stderr.trim().split("\n").length, 1, none.stderr);
      assert.match(none.stderr, /needs Bun .* or Deno/);
      console.log(`no runtime: ${none.stderr.trim()}`);
    } finally {
      await lone.remove();
    }
  } finally {
    await certs.remove();
  }
});

test.run();
