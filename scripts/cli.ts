/**
 * `npm start`: runs a geomesh node with an embedded default config (hybrid,
 * port 4433, keys under ./certs) and prints its address and dashboard link.
 * Runs under Deno (`deno run -A scripts/cli.ts`) and Bun (`bun scripts/cli.ts`).
 *
 * Flags: `--mode client|server|hybrid`, `--port N`, `--host H` (`0.0.0.0` / `::`: every
 * interface, advertising their addresses), `--announce HOST[:PORT]` (advertise a public name
 * or a NAT-mapped port instead), `--cert-path DIR`,
 * `--bootstrap ADDRESS` (repeatable), `--log-level debug|info|warn|error`, `--json-logs`,
 * `--dashboard-port N` (serve the dashboard on this separate HTTPS port), `--no-dashboard`,
 * `--dashboard-public` (serve `/api/state` and `/metrics` to anyone, no token),
 * `--dashboard-no-loopback` (loopback clients need the token too: behind a local proxy),
 * `--introspection` (answer `geomesh.info` with runtime and mode),
 * `--introspection-peers all|ID` (repeatable; also tell these peers our direct peers),
 * `--introspection-allow ID` (repeatable; answer only these peers).
 *
 * The dashboard token is random per start, or `GEOMESH_DASHBOARD_TOKEN` from
 * the environment (kept out of the process list) for a scraper that needs a
 * stable one. It is printed in the dashboard link (`?token=`), never logged.
 *
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { createNode } from "../mod.ts";
import { createLogger, type LogLevel } from "../lib/log.ts";
import type { DashboardOptions, NetworkMode, QuicConfig } from "../lib/node/config.ts";
import { dashboardOf } from "../lib/dashboard/mod.ts";

const USAGE =
  `usage: npm start -- [--mode hybrid] [--port 4433] [--host 127.0.0.1] [--announce HOST[:PORT]]
                 [--cert-path ./certs]
                 [--bootstrap ADDRESS]... [--log-level info] [--json-logs]
                 [--dashboard-port N | --no-dashboard] [--dashboard-public] [--dashboard-no-loopback]
                 [--introspection] [--introspection-peers all|ID]... [--introspection-allow ID]...
env: GEOMESH_DASHBOARD_TOKEN  a fixed dashboard token (default: random per start)`;

function parse() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        mode: { type: "string", default: "hybrid" },
        port: { type: "string", default: "4433" },
        host: { type: "string", default: "127.0.0.1" },
        announce: { type: "string" },
        "cert-path": { type: "string", default: "./certs" },
        bootstrap: { type: "string", multiple: true, default: [] },
        "log-level": { type: "string", default: "info" },
        "json-logs": { type: "boolean", default: false },
        "dashboard-port": { type: "string" },
        "no-dashboard": { type: "boolean", default: false },
        "dashboard-public": { type: "boolean", default: false },
        "dashboard-no-loopback": { type: "boolean", default: false },
        introspection: { type: "boolean", default: false },
        "introspection-peers": { type: "string", multiple: true, default: [] },
        "introspection-allow": { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = parse();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** The `dashboard` option the flags describe. */
function dashboardOption(): QuicConfig["dashboard"] {
  if (values["no-dashboard"]) return false;
  const d: DashboardOptions = {};
  if (values["dashboard-port"] !== undefined) d.port = Number(values["dashboard-port"]);
  if (values["dashboard-public"]) d.public = true;
  if (values["dashboard-no-loopback"]) d.trustLoopback = false;
  const token = process.env.GEOMESH_DASHBOARD_TOKEN;
  if (token) d.token = token;
  return Object.keys(d).length ? d : true;
}

/** The `introspection` option the flags describe (off unless a flag says so). */
function introspectionOption(): QuicConfig["introspection"] {
  const peers = values["introspection-peers"];
  const allow = values["introspection-allow"];
  if (!values.introspection && !peers.length && !allow.length) return false;
  return {
    allow: allow.length ? allow : "all",
    peers: peers.includes("all") ? "all" : peers.length ? peers : "none",
  };
}

async function start() {
  try {
    return await createNode({
      mode: values.mode as NetworkMode,
      port: Number(values.port),
      hostname: values.host,
      announce: values.announce,
      certPath: values["cert-path"],
      bootstrap: values.bootstrap,
      dashboard: dashboardOption(),
      introspection: introspectionOption(),
      logger: createLogger({
        level: values["log-level"] as LogLevel,
        json: values["json-logs"],
        name: "geomesh",
      }),
    });
  } catch (err) {
    // Bad flags are refused by the config with a message naming the option.
    console.error(`geomesh: ${(err as Error).message}`);
    process.exit(2);
  }
}
const node = await start();
node.handle((payload, { from }) => ({ echo: payload, from }));
node.addEventListener("message", (e) => {
  const { from, payload } = e.detail;
  console.log(`message from ${from.slice(0, 12)}…: ${JSON.stringify(payload)}`);
});
console.log(`geomesh node ${node.id} (${node.mode})`);
console.log(`address: ${node.address}`);
const dashboard = dashboardOf(node);
if (dashboard) {
  console.log(
    `dashboard: ${dashboard.link} (self-signed certificate: accept it once in the browser)`,
  );
  console.log(
    dashboard.token === undefined
      ? "dashboard data: public (--dashboard-public)"
      : `dashboard data: /api/state and /metrics need the token in the link above ` +
        `(or "Authorization: Bearer <token>")`,
  );
}
const shutdown = async () => {
  await node.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
