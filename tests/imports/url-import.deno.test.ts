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
    if (path.includes("..") || !(path === "/mod.ts" || path.startsWith("/lib/"))) {
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
const server = await geomesh.createNode({ mode: "server", port: 0, logLevel: "warn" });
const client = await geomesh.createNode({ mode: "client", logLevel: "warn" });
server.handle((payload) => ({ echo: payload }));
const id = await client.connect(server.address);
const reply = await client.request(id, "over a URL import");
const protocol = client.peers()[0].protocol;
await client.close();
await server.close();
console.log(JSON.stringify({ id: id === server.id, reply, protocol, code: new geomesh.TimeoutError("x").code }));
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
    const result = JSON.parse(stdout.split("\n").at(-1)!);
    assert.equal(result, {
      id: true,
      reply: { echo: "over a URL import" },
      protocol: "h3",
      code: "TIMEOUT",
    });
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

test.run();
