/**
 * A Bun user adds geomesh as a dependency and imports it with no config:
 * pack this checkout (which builds dist/), install the tarball into an empty
 * temp project with Bun and import it by package name.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

function sh(
  cmd: string[],
  cwd: string,
  checkStderr?: (stderr: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd[0], cmd.slice(1), {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
      maxBuffer: 64 << 20,
    }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${cmd.join(" ")} failed: ${error.message}\n${stderr}`));
      try {
        checkStderr?.(String(stderr));
        resolve(String(stdout));
      } catch (err) {
        reject(err);
      }
    });
  });
}

test("the packed tarball installs with bun and imports by name", async () => {
  const dir = await mkdtemp(join(tmpdir(), "geomesh-bun-"));
  try {
    await sh(["npm", "pack", "--silent", "--pack-destination", dir], root);
    const tgz = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
    assert.ok(tgz, "npm pack produced no tarball");
    const app = join(dir, "app");
    await sh(["mkdir", "-p", app], dir);
    await writeFile(
      join(app, "package.json"),
      JSON.stringify({ name: "app", private: true, type: "module" }),
    );
    await sh([process.execPath, "add", join(dir, tgz!)], app);
    await writeFile(
      join(app, "index.ts"),
      `import * as geomesh from "geomesh";
const server = await geomesh.createNode({ mode: "server", port: 0, logLevel: "warn", maxMessageSize: 4 << 20 });
const client = await geomesh.createNode({ mode: "client", logLevel: "warn", maxMessageSize: 4 << 20 });
server.handle((payload) => ({ echo: payload }));
const id = await client.connect(server.address);
const reply = await client.request(id, "from an installed package");
// 1 MiB over HTTP/2: far past the 16 KiB window where the unpatched library stalls
// (Bun does not run a dependency's install scripts; the vendored build is patched).
const big = await client.request(id, new Uint8Array(1 << 20).fill(7));
if (big.echo.length !== 1 << 20 || big.echo[(1 << 20) - 1] !== 7) throw new Error("1 MiB echo corrupted");
const protocol = client.peers()[0].protocol;
await client.close();
await server.close();
console.log(JSON.stringify({ id: id === server.id, reply, protocol, code: new geomesh.TimeoutError("x").code }));
process.exit(0);
`,
    );
    const out = await sh([process.execPath, "run", "index.ts"], app, (stderr) => {
      assert.not.match(stderr, /is not patched/);
    });
    assert.equal(JSON.parse(out.trim().split("\n").at(-1)!), {
      id: true,
      reply: { echo: "from an installed package" },
      protocol: "h2",
      code: "TIMEOUT",
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
