/**
 * The identity and certificate files meant for browsers never import `node:`
 * modules, directly or through other files (persistence lives in separate
 * files: identity/store.ts, cert/store.ts, files/secure-file.ts, cert/rotator.ts).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BROWSER_SAFE = [
  "lib/identity/base32.ts",
  "lib/identity/domain.ts",
  "lib/identity/identity.ts",
  "lib/identity/key-cache.ts",
  "lib/identity/node-id.ts",
  "lib/identity/verify.ts",
  "lib/cert/binding.ts",
  "lib/cert/generate.ts",
  "lib/cert/parse.ts",
  "lib/codec/pem.ts",
  "lib/cert/pin.ts",
  "lib/cert/rotation.ts",
];
const NODE_ONLY = ["lib/identity/store.ts", "lib/cert/store.ts", "lib/files/secure-file.ts"];

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm;

async function imports(file: string): Promise<{ spec: string; typeOnly: boolean }[]> {
  const text = await readFile(join(root, file), "utf8");
  return [...text.matchAll(IMPORT)].map((m) => ({ spec: m[2], typeOnly: Boolean(m[1]) }));
}

/** Every runtime import reachable from `entry`, as [file, specifier] pairs. */
async function closure(entry: string): Promise<[string, string][]> {
  const seen = new Set<string>();
  const found: [string, string][] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { spec, typeOnly } of await imports(file)) {
      if (typeOnly) continue; // erased at build time
      found.push([file, spec]);
      if (spec.startsWith(".")) queue.push(join(dirname(file), spec));
    }
  }
  return found;
}

test("browser-safe identity and certificate files import no node: module", async () => {
  for (const entry of BROWSER_SAFE) {
    const bad = (await closure(entry)).filter(([, spec]) => spec.startsWith("node:"));
    assert.equal(bad, [], `${entry} reaches ${bad.map(([f, s]) => `${s} (via ${f})`).join(", ")}`);
  }
});

test("the checker does see node: imports (persistence files have them)", async () => {
  for (const file of NODE_ONLY) {
    assert.ok((await closure(file)).some(([, spec]) => spec.startsWith("node:")), file);
  }
});

test.run();
