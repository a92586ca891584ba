#!/usr/bin/env node
/**
 * The `geomesh` command of the npm package. geomesh runs on Bun and Deno,
 * not Node: under Bun or Deno this imports the built CLI (`../dist/cli.js`)
 * and calls its `run(args)`; under Node it re-executes itself with `bun`
 * (else `deno run -A`), looked up first in the nearest `node_modules/.bin`
 * (this package's and the working directory's ancestors), then on PATH.
 * `GEOMESH_RUNTIME=bun|deno` picks one. Without either, one line says so and
 * the exit code is 1.
 *
 * Plain JavaScript on purpose: Node must be able to parse it.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (typeof globalThis.Deno !== "undefined" || typeof globalThis.Bun !== "undefined") {
  const { run } = await import("../dist/cli.js");
  await run(args);
} else {
  relaunch();
}

/** Whether `path` is an executable file. */
function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `dir` and its ancestors. */
function ancestors(dir) {
  const out = [];
  for (let d = resolve(dir); !out.includes(d); d = dirname(d)) out.push(d);
  return out;
}

/** The first `name` in a nearest `node_modules/.bin`, then on PATH. */
function find(name) {
  const exe = process.platform === "win32" ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  const bins = [
    ...ancestors(dirname(self)).map((d) => join(d, "node_modules", ".bin")),
    ...ancestors(process.cwd()).map((d) => join(d, "node_modules", ".bin")),
    ...(process.env.PATH ?? "").split(delimiter).filter(Boolean),
  ];
  for (const dir of bins) {
    for (const file of exe) {
      const path = join(dir, file);
      if (executable(path)) return path;
    }
  }
  return undefined;
}

/** Runs this file again under Bun or Deno, passing the exit code and signals through. */
function relaunch() {
  if (process.env.GEOMESH_LAUNCHED) {
    console.error(
      "geomesh: the Bun/Deno found did not run geomesh (relaunch loop); run it with bun or deno",
    );
    process.exit(1);
  }
  const wanted = process.env.GEOMESH_RUNTIME;
  const order = wanted === "deno" ? ["deno"] : wanted === "bun" ? ["bun"] : ["bun", "deno"];
  let runtime, runtimeArgs;
  for (const name of order) {
    const path = find(name);
    if (!path) continue;
    runtime = path;
    runtimeArgs = name === "deno" ? ["run", "-A", self, ...args] : [self, ...args];
    break;
  }
  if (!runtime) {
    console.error(
      "geomesh: needs Bun (https://bun.sh) or Deno (https://deno.com) on PATH or in node_modules/.bin; Node cannot run it",
    );
    process.exit(1);
  }
  const child = spawn(runtime, runtimeArgs, {
    stdio: "inherit",
    env: { ...process.env, GEOMESH_LAUNCHED: "1" },
  });
  // Ctrl-C reaches the child through the terminal's process group; TERM is passed on.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("error", (err) => {
    console.error(`geomesh: cannot start ${runtime}: ${err.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1));
  });
}
