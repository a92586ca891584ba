#!/usr/bin/env node
/**
 * Applies the unified diffs in `patches/` to installed npm packages (run by
 * `npm install` as `postinstall`). Plain Node, no dependencies, no `patch` or
 * `git` binary needed.
 *
 * A patch file is named like patch-package's: `@scope+name+1.2.3.patch`, with
 * paths `a/node_modules/@scope/name/...`. For every file the script decides:
 * - already patched (every hunk's new text is in place): left alone (idempotent);
 * - pristine (every hunk's old text is in place): patched;
 * - anything else: nothing is written and the script exits 1 with the reason.
 * The installed version must equal the version in the patch name, else exit 1.
 * All files are checked before any is written, so a failing run changes nothing.
 *
 * Usage: `node scripts/apply-patches.mjs [--check] [--reverse]`
 *   --check    only report the state, write nothing (exit 1 unless all applied)
 *   --reverse  restore the pristine files (for checking that tests fail without)
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const CHECK = args.has("--check");
const REVERSE = args.has("--reverse");

function fail(message) {
  console.error(`apply-patches: ERROR: ${message}`);
  process.exit(1);
}

/** Parses a unified diff into [{ path, hunks: [{ oldStart, lines: [[op, text]] }] }]. */
function parsePatch(text, patchName) {
  const files = [];
  let file;
  let hunk;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (line.startsWith("diff --git ")) {
      file = undefined;
      hunk = undefined;
    } else if (line.startsWith("--- ") && !hunk?.pending) {
      // old path is implied by the new one
    } else if (line.startsWith("+++ ") && !hunk?.pending) {
      const path = line.slice(4).replace(/^b\//, "").replace(/\t.*$/, "");
      file = { path, hunks: [] };
      files.push(file);
      hunk = undefined;
    } else if (line.startsWith("@@ ")) {
      const m = line.match(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/);
      if (!m || !file) fail(`${patchName}: malformed hunk header: ${line}`);
      hunk = {
        oldStart: Number(m[1]),
        newStart: Number(m[3]),
        oldCount: m[2] === undefined ? 1 : Number(m[2]),
        newCount: m[4] === undefined ? 1 : Number(m[4]),
        lines: [],
      };
      hunk.pending = hunk.oldCount + hunk.newCount > 0;
      file.hunks.push(hunk);
    } else if (hunk && line.startsWith("\\")) {
      // "\ No newline at end of file": the files patched here all end with one
    } else if (hunk?.pending && /^[ +-]/.test(line)) {
      hunk.lines.push([line[0], line.slice(1)]);
      const olds = hunk.lines.filter(([op]) => op !== "+").length;
      const news = hunk.lines.filter(([op]) => op !== "-").length;
      hunk.pending = olds < hunk.oldCount || news < hunk.newCount;
    } else if (hunk?.pending) {
      fail(`${patchName}: unexpected line inside a hunk of ${file.path}: ${line}`);
    }
  }
  for (const f of files) {
    for (const h of f.hunks) if (h.pending) fail(`${patchName}: truncated hunk in ${f.path}`);
  }
  return files;
}

/** Finds `block` (array of lines) in `lines`, nearest to `hint`, at or after `from`. */
function findBlock(lines, block, hint, from) {
  const matchesAt = (at) => block.every((l, i) => lines[at + i] === l);
  for (let d = 0; d < lines.length; d++) {
    for (const at of d === 0 ? [hint] : [hint - d, hint + d]) {
      if (at >= from && at + block.length <= lines.length && matchesAt(at)) return at;
    }
  }
  return -1;
}

/** Applies hunks (old -> new) to `text`; returns the new text or the failing hunk. */
function applyHunks(text, hunks, reverse) {
  const lines = text.split("\n");
  let offset = 0;
  let from = 0;
  for (const [index, h] of hunks.entries()) {
    const oldBlock = h.lines.filter(([op]) => op !== (reverse ? "-" : "+")).map(([, l]) => l);
    const newBlock = h.lines.filter(([op]) => op !== (reverse ? "+" : "-")).map(([, l]) => l);
    const start = (reverse ? h.newStart : h.oldStart) - 1;
    const at = findBlock(lines, oldBlock, Math.max(0, start + offset), from);
    if (at < 0) return { failedHunk: index + 1 };
    lines.splice(at, oldBlock.length, ...newBlock);
    offset = at + newBlock.length - (start + oldBlock.length);
    from = at + newBlock.length;
  }
  return { text: lines.join("\n") };
}

/** node_modules/<pkg> as Node would find it from the project root (hoisting included). */
function findPackageDir(pkg) {
  for (let dir = root;; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", pkg);
    if (existsSync(join(candidate, "package.json"))) return { dir: candidate, base: dir };
    if (dirname(dir) === dir) return undefined;
  }
}

const patchDir = join(root, "patches");
const patchFiles = existsSync(patchDir)
  ? readdirSync(patchDir).filter((f) => f.endsWith(".patch")).sort()
  : [];
const writes = [];
const report = [];
for (const patchName of patchFiles) {
  const m = patchName.match(/^(.+)\+([^+]+)\.patch$/);
  if (!m) fail(`${patchName}: name must be <package with + for />+<version>.patch`);
  const pkg = m[1].replace(/\+/g, "/");
  const wanted = m[2];
  const found = findPackageDir(pkg);
  if (!found) {
    fail(
      `${patchName}: package ${pkg} is not installed (looked for node_modules/${pkg} from ${root} up)`,
    );
  }
  const version = JSON.parse(readFileSync(join(found.dir, "package.json"), "utf8")).version;
  if (version !== wanted) {
    fail(
      `${patchName}: installed ${pkg} is ${version}, the patch is for ${wanted}. ` +
        `Pin ${pkg}@${wanted} in package.json or port the patch to ${version}.`,
    );
  }
  for (const file of parsePatch(readFileSync(join(patchDir, patchName), "utf8"), patchName)) {
    const prefix = `node_modules/${pkg}/`;
    if (!file.path.startsWith(prefix)) fail(`${patchName}: ${file.path} is outside ${prefix}`);
    const target = join(found.dir, file.path.slice(prefix.length));
    if (!existsSync(target)) fail(`${patchName}: ${target} does not exist`);
    const text = readFileSync(target, "utf8");
    const forward = applyHunks(text, file.hunks, false);
    const backward = applyHunks(text, file.hunks, true);
    // A file is "applied" when reversing works and "pristine" when applying works.
    const state = backward.text !== undefined && forward.text === undefined
      ? "applied"
      : forward.text !== undefined && backward.text === undefined
      ? "pristine"
      : "unknown";
    if (state === "unknown") {
      const hunk = forward.failedHunk ?? backward.failedHunk;
      fail(
        `${patchName}: ${file.path} is neither pristine ${pkg}@${wanted} nor patched ` +
          `(hunk ${hunk ?? "?"} ${
            forward.text && backward.text ? "is ambiguous" : "does not match"
          }). ` +
          `Reinstall the package (rm -rf ${prefix} && npm install) and check the patch.`,
      );
    }
    report.push(`${file.path}: ${state}`);
    if (!REVERSE && state === "pristine") writes.push([target, forward.text]);
    if (REVERSE && state === "applied") writes.push([target, backward.text]);
  }
}

if (CHECK) {
  for (const line of report) console.log(`apply-patches: ${line}`);
  process.exit(report.every((l) => l.endsWith(": applied")) ? 0 : 1);
}
for (const [target, text] of writes) writeFileSync(target, text);
console.log(
  `apply-patches: ${patchFiles.length} patch file(s), ${report.length} file(s); ` +
    `${writes.length} ${REVERSE ? "restored to pristine" : "patched"}, ` +
    `${report.length - writes.length} already ${REVERSE ? "pristine" : "patched"}.`,
);
