/**
 * The dashboard on a separate HTTPS port (`dashboard: { port: 0 }`): the
 * runtime's own server (`Deno.serve`, `Bun.serve`) hands the handler the
 * client's address, so a client on this machine reads `/api/state` and
 * `/metrics` without the token, while `trustLoopback: false` (a reverse proxy
 * on the same host) makes it need the token like anyone else.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { request as httpsRequest } from "node:https";
import { createNode } from "../../lib/runtime/create.ts";
import type { DashboardOptions } from "../../lib/node/config.ts";
import { dashboardOf } from "../../lib/dashboard/mod.ts";
import { captureLogger } from "../node/helpers.ts";

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: "127.0.0.1",
      port: Number(u.port),
      path: `${u.pathname}${u.search}`,
      headers: { host: u.host, ...headers },
      rejectUnauthorized: false,
      agent: false,
    }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

async function withNode(
  dashboard: DashboardOptions,
  run: (url: string, token?: string) => Promise<void>,
) {
  const node = await createNode({
    mode: "server",
    port: 0,
    gossipIntervalMs: 0,
    logger: captureLogger(),
    dashboard: { port: 0, ...dashboard },
  });
  try {
    const d = dashboardOf(node)!;
    assert.is(d.samePort, false);
    await run(d.url, d.token);
  } finally {
    await node.close();
  }
}

test("a loopback client reads /api/state and /metrics without the token", async () => {
  await withNode({}, async (url, token) => {
    assert.type(token, "string");
    for (const path of ["api/state", "metrics"]) {
      const res = await get(`${url}${path}`);
      assert.is(res.status, 200, `${path}: ${res.body.slice(0, 100)}`);
    }
    const local = await get(`${url.replace("127.0.0.1", "localhost")}api/state`);
    assert.is(local.status, 200, "Host: localhost");
  });
});

test("with trustLoopback: false a loopback client needs the token too", async () => {
  await withNode({ trustLoopback: false }, async (url, token) => {
    const bare = await get(`${url}api/state`);
    assert.is(bare.status, 401, bare.body);
    assert.match(bare.body, /token/);
    const ok = await get(`${url}api/state`, { authorization: `Bearer ${token}` });
    assert.is(ok.status, 200);
    assert.ok(JSON.parse(ok.body).id, "the state");
  });
});

test.run();
