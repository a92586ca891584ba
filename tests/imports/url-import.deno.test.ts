/**
 * A Deno user imports geomesh by URL, with no import map and no config: serve
 * this checkout over local HTTP and run a script in an empty temp directory.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";

const root = new URL("../../", import.meta.url);

function contentType(path: string): string {
  if (path.endsWith(".ts")) return "application/typescript; charset=utf-8";
  if (path.endsWith(".js") || path.endsWith(".mjs")) return "text/javascript; charset=utf-8";
  return "text/plain; charset=utf-8";
}

test("mod.ts imported over http:// works in an empty directory with --no-config", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (
      path.includes("..") ||
      !(path === "/mod.ts" || path.startsWith("/lib/") || path.startsWith("/vendor/"))
    ) {
      return new Response("not found", { status: 404 });
    }
    try {
      const body = await Deno.readFile(new URL(`.${path}`, root));
      return new Response(body, { headers: { "content-type": contentType(path) } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  const dir = await Deno.makeTempDir({ prefix: "geomesh-url-" });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    await Deno.writeTextFile(
      `${dir}/main.ts`,
      `import * as geomesh from "${base}/mod.ts";
const server = await geomesh.createNode({ mode: "server", port: 0, logLevel: "warn", maxMessageSize: 4 << 20 });
const client = await geomesh.createNode({ mode: "client", logLevel: "warn" });
server.handle((payload) => ({ echo: payload }));
const id = await client.connect(server.address);
const reply = await client.request(id, "over a URL import");
const protocol = client.peers()[0].protocol;
// The same server over HTTP/2 (its TCP half), moving 1 MiB: far past the 16 KiB
// window that stalls the unpatched fails library Deno would fetch from npm.
const h2Only = geomesh.formatAddress({ ...geomesh.parseAddress(server.address), protocols: ["h2"] });
const client2 = await geomesh.createNode({ mode: "client", logLevel: "warn", maxMessageSize: 4 << 20 });
const id2 = await client2.connect(h2Only);
const big = await client2.request(id2, new Uint8Array(1 << 20).fill(7));
const h2 = { protocol: client2.peers()[0].protocol, bytes: big.echo.length, last: big.echo[(1 << 20) - 1] };
await client2.close();
await client.close();
await server.close();
console.log(JSON.stringify({ id: id === server.id, reply, protocol, h2, code: new geomesh.TimeoutError("x").code }));
Deno.exit(0);
`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-lock", "-A", "--unstable-net", "main.ts"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stdout = new TextDecoder().decode(out.stdout).trim();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.ok(out.success, `deno run failed: ${stderr}`);
    // The fails adapter warns when it finds the pristine (unpatched) library, as a
    // URL import would get from Deno's npm cache without the vendored build.
    assert.not.match(stderr, /is not patched/);
    const result = JSON.parse(stdout.split("\n").at(-1)!);
    assert.equal(result, {
      id: true,
      reply: { echo: "over a URL import" },
      protocol: "h3",
      h2: { protocol: "h2", bytes: 1 << 20, last: 7 },
      code: "TIMEOUT",
    });
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

test.run();
