/**
 * A node's TCP port can serve its dashboard and WebTransport at once: with
 * `attachHttpHandler` on the `node:http2` server inside the fails library's
 * `Http2Server`, ordinary HTTPS requests (HTTP/1.1 and HTTP/2) reach a
 * fetch-style handler while WebTransport sessions over HTTP/2 still reach
 * the library. Runs under Deno and Bun (their `node:http2` differ).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { request as httpsRequest } from "node:https";
import { connect as http2Connect } from "node:http2";
import { generateCertificate } from "../../lib/cert/generate.ts";
import { loadFails } from "../../lib/transport/fails-load.ts";
import { attachHttpHandler, type FetchHandler } from "../../lib/transport/http-bridge.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

const { Http2Server, WebTransport } = await loadFails();
const cert = await generateCertificate({ hostnames: ["127.0.0.1"] });
const server: Any = new Http2Server({
  port: 0,
  host: "127.0.0.1",
  secret: "unused",
  cert: cert.certPem,
  privKey: cert.keyPem,
});
const sessions = (server.sessionStream("/geomesh") as ReadableStream<Any>).getReader();
server.startServer();
await server.ready;
const port: number = server.address().port;

let handler: FetchHandler | undefined = (req) => {
  const url = new URL(req.url);
  return new Response(`${req.method} ${url.pathname}${url.search}`, {
    status: url.pathname === "/missing" ? 404 : 200,
    headers: { "content-type": "text/plain", "x-seen-host": req.headers.get("host") ?? "" },
  });
};
const detach = attachHttpHandler(server.transportInt.serverInt, () => handler);

function get1(
  path: string,
  method = "GET",
): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: "127.0.0.1", port, path, method, rejectUnauthorized: false, agent: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on(
          "end",
          () =>
            resolve({ status: res.statusCode!, body, type: res.headers["content-type"] as string }),
        );
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function get2(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = http2Connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
    client.on("error", reject);
    const req = client.request({ ":method": "GET", ":path": path });
    let status = 0;
    let body = "";
    req.setEncoding("utf8");
    req.on("response", (h) => (status = Number(h[":status"])));
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      client.close();
      resolve({ status, body });
    });
    req.on("error", reject);
    req.end();
  });
}

test("HTTP/1.1 requests reach the handler (method, path, query, status, headers)", async () => {
  assert.equal(await get1("/address?format=json"), {
    status: 200,
    body: "GET /address?format=json",
    type: "text/plain",
  });
  assert.is((await get1("/missing")).status, 404);
  const head = await get1("/", "HEAD");
  assert.equal([head.status, head.body], [200, ""]);
});

test("HTTP/2 requests reach the handler", async () => {
  assert.equal(await get2("/metrics"), { status: 200, body: "GET /metrics" });
});

test("WebTransport over HTTP/2 still reaches the library on the same port", async () => {
  const wt: Any = new WebTransport(`https://127.0.0.1:${port}/geomesh`, {
    forceReliable: true,
    serverCertificateHashes: [{ algorithm: "sha-256", value: cert.pin }],
  });
  wt.closed.catch(() => {});
  await wt.ready;
  const { value: session } = await sessions.read();
  await session.ready;
  const stream = await wt.createBidirectionalStream();
  const writer = stream.writable.getWriter();
  await writer.write(new Uint8Array([1, 2, 3]));
  const incoming = await session.incomingBidirectionalStreams.getReader().read();
  const got = await incoming.value.readable.getReader().read();
  assert.equal(Array.from(got.value), [1, 2, 3]);
  wt.close();
});

test("a handler that throws answers 500; without a handler the library's own answer is back", async () => {
  handler = () => {
    throw new Error("boom");
  };
  assert.is((await get2("/x")).status, 500);
  handler = undefined;
  // The library refuses plain HTTP/2 requests with 406.
  assert.is((await get2("/x")).status, 406);
  detach();
});

test.after(() => {
  server.stopServer();
});

test.run();
