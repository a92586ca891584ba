/**
 * geomesh installed the ways a new user installs it, each in an empty temp
 * project: (a) `npm pack` + `npm install <tarball>`, then a consumer compiled
 * with `tsc --strict` against the shipped declarations; (b) `bun add <path of
 * a clean copy>` and the README's Bun section run as written; (c) the README's
 * Deno section run as written with its URL pointing at this checkout served
 * over local HTTP. The README snippets are read from README.md, so the tests
 * and the README can not drift. (b) and (c) run inside a fresh network
 * namespace: the snippets listen on fixed ports (4433, 4434).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  bin,
  cleanCopy,
  fill,
  findIp,
  netns,
  readmeBlocks,
  root,
  sh,
  spawn,
  waitForLine,
} from "./helpers.ts";

const EMPTY_PROJECT = JSON.stringify({ name: "consumer", private: true, type: "module" });

async function tempProject(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  await Deno.writeTextFile(`${dir}/package.json`, EMPTY_PROJECT);
  return dir;
}

test("npm pack, npm install <tarball>, tsc --strict compiles a consumer", async () => {
  const dir = await tempProject("geomesh-npm-");
  try {
    // --ignore-scripts: pack dist/ as committed (npm test checks it equals a fresh build)
    // instead of rebuilding it in the checkout, under other work in the same tree.
    const pack = await sh(["npm", "pack", "--ignore-scripts", "--pack-destination", dir], {
      cwd: root,
      timeoutMs: 120_000,
    });
    const tarball = pack.stdout.trim().split("\n").at(-1)!;
    assert.match(tarball, /^geomesh-\d+\.\d+\.\d+\.tgz$/);
    const install = await sh(["npm", "install", "--no-audit", "--no-fund", `./${tarball}`], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    const pkg = JSON.parse(await Deno.readTextFile(`${dir}/node_modules/geomesh/package.json`));
    assert.equal(Object.keys(pkg.exports["."])[0], "types", "types is the first condition");
    await Deno.writeTextFile(
      `${dir}/app.ts`,
      `import { createMemoryNetwork, createNode, fromP2PConfig, GeomeshError } from "geomesh";
import type { GeomeshNode, P2PConfig, QuicConfig } from "geomesh";

const p2p: P2PConfig = { listen: "127.0.0.1:0", maxPeers: 8 };
const config: QuicConfig = fromP2PConfig(p2p);
const net = createMemoryNetwork();
const node: GeomeshNode = await createNode({ ...config, transport: net.transport("a") });
const id: string = node.id;
try {
  await node.request(id, "x");
} catch (err) {
  if (err instanceof GeomeshError) console.log(err.code satisfies string);
}
await node.close();
`,
    );
    await Deno.writeTextFile(
      `${dir}/tsconfig.json`,
      JSON.stringify({
        files: ["app.ts"],
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "dom"],
          noEmit: true,
          // @types/node comes from this repository (a dev dependency): one registry install less.
          types: ["node"],
          typeRoots: [`${root}node_modules/@types`],
        },
      }),
    );
    const tsc = await sh(["node", `${root}node_modules/typescript/bin/tsc`, "-p", dir], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    // Without skipLibCheck tsc checks every declaration the consumer reaches, too.
    assert.equal(tsc.stdout.trim(), "");
    console.log(
      `npm: pack ${pack.ms.toFixed(0)} ms, install ${install.ms.toFixed(0)} ms, ` +
        `tsc --strict ${tsc.ms.toFixed(0)} ms`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const ip = findIp();

test("bun add <path of a clean copy>, the README's Bun section runs as written", async () => {
  assert.ok(ip, "the ip binary (iproute2) is needed for the namespace");
  const copy = await Deno.makeTempDir({ prefix: "geomesh-copy-" });
  const dir = await tempProject("geomesh-bun-");
  const [install, quickstart] = await readmeBlocks("Use it from Bun");
  const ns = await netns(ip);
  let peer: ReturnType<typeof spawn> | undefined;
  try {
    await cleanCopy(copy);
    const add = await sh(["sh", "-c", fill(install, "<geomesh>", copy)], {
      cwd: dir,
      timeoutMs: 180_000,
      env: { PATH: `${root}node_modules/.bin:${Deno.env.get("PATH")}` },
    });
    await Deno.writeTextFile(`${dir}/app.ts`, quickstart);
    // The peer the snippet connects to: a Bun server node from the same installed package.
    await Deno.writeTextFile(
      `${dir}/peer.ts`,
      `import { createNode } from "geomesh";
const node = await createNode({ mode: "server", port: 4435, certPath: "./peer-certs" });
node.handle((payload) => ({ echo: payload }));
console.log("address:", node.address);
`,
    );
    peer = spawn([...ns.exec, bin("bun"), "peer.ts"], { cwd: dir });
    const address = (await waitForLine(peer.process, /address: (\S+)/, 30_000))[1];
    const run = await sh([...ns.exec, bin("bun"), "app.ts"], {
      cwd: dir,
      timeoutMs: 60_000,
      env: { PEER: address },
    });
    assert.ok(
      /echo: "hi from bun"/.test(run.stdout),
      `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
    console.log(`bun quickstart printed: ${run.stdout.trim()}`);
    console.log(`bun: add ${add.ms.toFixed(0)} ms, quickstart ${run.ms.toFixed(0)} ms`);
  } finally {
    await peer?.stop();
    await ns.remove();
    await Deno.remove(copy, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});

test("the README's Deno section runs as written, importing this checkout by URL", async () => {
  assert.ok(ip, "the ip binary (iproute2) is needed for the namespace");
  const dir = await Deno.makeTempDir({ prefix: "geomesh-deno-" });
  const [app] = await readmeBlocks("Use it from Deno (URL import, no config)");
  const runLine = (await Deno.readTextFile(`${root}README.md`)).match(
    /Run with `(deno run [^`]+)`/,
  );
  assert.ok(runLine, "README tells how to run the Deno example");
  const ns = await netns(ip);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}/mod.ts`;
  // A fresh Deno cache: filled outside the namespace (npm packages come from the
  // registry), then the example runs inside it against a server on the same URL.
  const env = { DENO_DIR: `${dir}/deno-dir` };
  const serve = [Deno.execPath(), "run", "-A", `${root}tests/package/serve-tree.ts`, root];
  let server: ReturnType<typeof spawn> | undefined;
  try {
    await Deno.writeTextFile(`${dir}/app.ts`, fill(app, "https://your.host/geomesh/mod.ts", url));
    server = spawn([...serve, String(port)], { cwd: dir });
    await waitForLine(server.process, /listening/, 15_000);
    const cache = await sh([Deno.execPath(), "cache", "--allow-import", "app.ts"], {
      cwd: dir,
      timeoutMs: 180_000,
      env,
    });
    await server.stop();
    server = spawn([...ns.exec, ...serve, String(port)], { cwd: dir });
    await waitForLine(server.process, /listening/, 15_000);
    const [cmd, ...args] = runLine[1].split(/\s+/);
    assert.equal(cmd, "deno");
    const run = await sh([...ns.exec, Deno.execPath(), ...args], {
      cwd: dir,
      timeoutMs: 60_000,
      env,
    });
    const printed = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.ok(/echo: "hi"/.test(run.stdout), printed);
    assert.ok(/^42$/m.test(run.stdout), printed);
    console.log(`deno quickstart printed: ${run.stdout.trim().replaceAll("\n", " | ")}`);
    console.log(`deno: cache ${cache.ms.toFixed(0)} ms, quickstart ${run.ms.toFixed(0)} ms`);
  } finally {
    await server?.stop();
    await ns.remove();
    await Deno.remove(dir, { recursive: true });
  }
});

test.run();
