/**
 * `npm start`: runs a geomesh node with an embedded default config (hybrid,
 * port 4433, keys under ./certs) and prints its address.
 *
 * Flags: `--mode client|server|hybrid`, `--port N`, `--host H`, `--cert-path DIR`,
 * `--bootstrap ADDRESS` (repeatable), `--log-level debug|info|warn|error`, `--json-logs`,
 * `--dashboard-port N` (serve the dashboard on this separate HTTPS port), `--no-dashboard`.
 * Prints the node's address and its dashboard URL.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createNode } from "../mod.ts";
import { createLogger, type LogLevel } from "../lib/log.ts";
import type { NetworkMode } from "../lib/node/config.ts";
import { dashboardOf } from "../lib/dashboard/mod.ts";

const args = typeof Deno !== "undefined" ? Deno.args : process.argv.slice(2);
const { values } = parseArgs({
  args,
  options: {
    mode: { type: "string", default: "hybrid" },
    port: { type: "string", default: "4433" },
    host: { type: "string", default: "127.0.0.1" },
    "cert-path": { type: "string", default: "./certs" },
    bootstrap: { type: "string", multiple: true, default: [] },
    "log-level": { type: "string", default: "info" },
    "json-logs": { type: "boolean", default: false },
    "dashboard-port": { type: "string" },
    "no-dashboard": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    `usage: npm start -- [--mode hybrid] [--port 4433] [--host 127.0.0.1] [--cert-path ./certs]
                 [--bootstrap ADDRESS]... [--log-level info] [--json-logs]
                 [--dashboard-port N | --no-dashboard]`,
  );
  Deno.exit(0);
}

const node = await createNode({
  mode: values.mode as NetworkMode,
  port: Number(values.port),
  hostname: values.host,
  certPath: values["cert-path"],
  bootstrap: values.bootstrap,
  dashboard: values["no-dashboard"]
    ? false
    : values["dashboard-port"] !== undefined
    ? { port: Number(values["dashboard-port"]) }
    : true,
  logger: createLogger({
    level: values["log-level"] as LogLevel,
    json: values["json-logs"],
    name: "geomesh",
  }),
});
node.handle((payload, { from }) => ({ echo: payload, from }));
node.addEventListener("message", (e) => {
  const { from, payload } = (e as CustomEvent).detail;
  console.log(`message from ${from.slice(0, 12)}…: ${JSON.stringify(payload)}`);
});
console.log(`geomesh node ${node.id} (${node.mode})`);
console.log(`address: ${node.address}`);
const dashboard = dashboardOf(node);
if (dashboard) {
  console.log(
    `dashboard: ${dashboard.url} (self-signed certificate: accept it once in the browser)`,
  );
}
const shutdown = async () => {
  await node.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", shutdown);
Deno.addSignalListener("SIGTERM", shutdown);
