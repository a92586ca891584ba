/**
 * Serves a folder over plain HTTP on 127.0.0.1 (a stand-in for the web host a
 * Deno user imports geomesh from): `deno run -A serve-tree.ts <root> <port>`.
 * Prints `listening` once it accepts connections.
 */
const [dir, port] = Deno.args;
const root = dir.endsWith("/") ? dir : `${dir}/`;

function contentType(path: string): string {
  if (path.endsWith(".ts")) return "application/typescript; charset=utf-8";
  if (path.endsWith(".js") || path.endsWith(".mjs")) return "text/javascript; charset=utf-8";
  return "text/plain; charset=utf-8";
}

Deno.serve({
  hostname: "127.0.0.1",
  port: Number(port),
  onListen() {
    console.log("listening");
  },
}, async (req) => {
  const path = decodeURIComponent(new URL(req.url).pathname);
  if (path.includes("..") || path.includes("/node_modules/")) {
    return new Response("not found", { status: 404 });
  }
  try {
    const body = await Deno.readFile(`${root}${path.slice(1)}`);
    return new Response(body, { headers: { "content-type": contentType(path) } });
  } catch {
    return new Response("not found", { status: 404 });
  }
});
