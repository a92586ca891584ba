/**
 * The CLI's help and refusals, as a subprocess under this file's own runtime
 * (so under Deno and Bun): `--help` of every command lists every declared
 * flag; bad invocations exit 2 with one stderr line naming the flag or
 * argument, then the usage, and no stack trace; a runtime failure exits 1
 * with one line carrying the error code. Plus the quoting of printed
 * addresses, in process.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { COMMANDS, main } from "../../lib/cli/main.ts";
import { shellQuote, unquote } from "../../lib/cli/output.ts";
import { hasStackFrame, runCli, selfRuntime } from "./helpers.ts";

const ID = "a".repeat(52);
const ADDR = `geomesh://${ID}@127.0.0.1:1?proto=h3,h2&pin=${"p".repeat(43)}`;

/** Runs `jobs` at most `n` at a time (2 cores, shared). */
async function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  }));
  return out;
}

test(`--help of every command lists every flag (${selfRuntime})`, async () => {
  const t0 = performance.now();
  const runs = await limited(3, [
    () => runCli(selfRuntime, ["--help"]),
    ...COMMANDS.map((c) => () => runCli(selfRuntime, [c.spec.name, "--help"])),
  ]);
  const [top, ...each] = runs;
  assert.is(top.code, 0, top.stderr);
  for (const c of COMMANDS) assert.ok(top.stdout.includes(`  ${c.spec.name} `), c.spec.name);
  COMMANDS.forEach((c, i) => {
    const r = each[i];
    assert.is(r.code, 0, `${c.spec.name}: ${r.stderr}`);
    assert.ok(r.stdout.startsWith(`usage: geomesh ${c.spec.name}`), r.stdout.slice(0, 80));
    for (const f of [...c.spec.flags.map((f) => f.name), "help"]) {
      assert.ok(r.stdout.includes(`--${f}`), `${c.spec.name} --help lacks --${f}`);
    }
    for (const p of c.spec.positionals) assert.ok(r.stdout.includes(`<${p.name}>`));
    // Every flag line with a value shows its default (or "none").
    for (const f of c.spec.flags.filter((f) => f.default !== undefined && f.kind !== "boolean")) {
      const line = r.stdout.split("\n").find((l) => l.trimStart().startsWith(`--${f.name}`))!;
      assert.ok(line.includes("default:"), `${c.spec.name} --${f.name}: ${line}`);
    }
  });
  console.log(`help of ${COMMANDS.length} commands in ${(performance.now() - t0).toFixed(0)} ms`);
});

const BAD: { args: string[]; says: RegExp }[] = [
  { args: ["--bogus"], says: /unknown flag "--bogus"/ },
  { args: ["send", "--bogus", ID, "1"], says: /unknown flag "--bogus"/ },
  { args: ["--port", "abc"], says: /--port must be an integer from 0 to 65535, got "abc"/ },
  { args: ["start", "--port", "70000"], says: /--port must be an integer from 0 to 65535/ },
  { args: ["--log-level", "loud"], says: /--log-level must be one of debug, info.*"loud"/ },
  { args: ["listen", "--mode", "mesh"], says: /--mode must be one of client, server, hybrid/ },
  { args: ["send"], says: /missing argument <target>/ },
  { args: ["request", ADDR], says: /missing argument <json>/ },
  { args: ["request", ID, "{x", "--bootstrap", ADDR], says: /<json> is not valid JSON/ },
  { args: ["send", ID, "1"], says: /needs --bootstrap/ },
  { args: ["ping", "nobody"], says: /<target> must be a geomesh:\/\/ address or a node id/ },
  { args: ["send", ADDR, "1", "--timeout-ms", "0"], says: /--timeout-ms must be an integer/ },
  { args: ["frob"], says: /unknown command "frob"/ },
];

test(`bad invocations: exit 2, one line, then the usage (${selfRuntime})`, async () => {
  const runs = await limited(3, BAD.map((b) => () => runCli(selfRuntime, b.args)));
  BAD.forEach((b, i) => {
    const r = runs[i];
    const what = `${b.args.join(" ")}: ${r.stderr}`;
    assert.is(r.code, 2, what);
    assert.is(r.stdout, "", what);
    const lines = r.stderr.split("\n");
    assert.match(lines[0], /^geomesh( [a-z]+)?: /, what);
    assert.match(lines[0], b.says, what);
    assert.is(lines[1], "", what);
    assert.match(lines[2], /^usage: geomesh/, what);
    assert.not.ok(hasStackFrame(r.stderr), what);
  });
  console.log(`first refusal: ${runs[0].stderr.split("\n")[0]}`);
});

test(`a runtime failure: exit 1, one line with the error code (${selfRuntime})`, async () => {
  const r = await runCli(selfRuntime, [
    "ping",
    ADDR.replace(":1?", ":9?"),
    "--timeout-ms",
    "1500",
    "--log-level",
    "error",
  ]);
  assert.is(r.code, 1, r.stderr);
  const failures = r.stderr.split("\n").filter((l) => l.startsWith("geomesh ping: error "));
  assert.is(failures.length, 1, r.stderr);
  assert.match(failures[0], /^geomesh ping: error [A-Z_]+: \S/);
  assert.not.ok(hasStackFrame(r.stderr), r.stderr);
  console.log(`runtime failure: ${failures[0]}`);
});

test("main() in process: the same exit codes, nothing on stdout for a refusal", async () => {
  const out: string[] = [], err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  assert.is(await main(["id", "--cert-path"], io), 2);
  assert.match(err[0], /--cert-path needs a value/);
  assert.is(out.length, 0);
  assert.is(await main(["help", "send"], io), 0);
  assert.match(out[0], /^usage: geomesh send <target> <json>/);
});

test("printed addresses are single-quoted and unquoted back", () => {
  const a = `geomesh://${ID}@127.0.0.1:4433?proto=h3,h2&pin=x`;
  assert.is(shellQuote(a), `'${a}'`);
  assert.is(unquote(shellQuote(a)), a);
  assert.is(unquote(` "${shellQuote(a)}" `), a);
  assert.is(unquote(`"${a}"`), a);
  assert.is(shellQuote("it's"), `'it'\\''s'`);
});

test.run();
