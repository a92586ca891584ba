import {
  IDENTITY_FILE,
  INFO_ACTOR,
  createNode,
  dashboardOf,
  formatAddress,
  loadOrCreateIdentity,
  parseAddress
} from "./chunk-EDVN7UQJ.js";
import "./chunk-RYDJ5ECD.js";
import "./chunk-CX4A7AO7.js";
import "./chunk-SWZLZUJB.js";
import "./chunk-L7ONBLAV.js";

// lib/cli/main.ts
import process3 from "node:process";

// lib/cli/args.ts
var UsageError = class extends Error {
  /** The command whose usage to print. */
  command;
  constructor(command, message) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
};
var HELP_FLAG = {
  name: "help",
  kind: "boolean",
  short: "h",
  description: "show this help and exit"
};
function convert(command, spec, raw) {
  if (spec.kind === "int") {
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    const min = spec.min ?? Number.MIN_SAFE_INTEGER, max = spec.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(
        command,
        `--${spec.name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`
      );
    }
    return n;
  }
  if (spec.kind === "choice" && !spec.choices.includes(raw)) {
    throw new UsageError(
      command,
      `--${spec.name} must be one of ${spec.choices.join(", ")}, got ${JSON.stringify(raw)}`
    );
  }
  return raw;
}
function parseCommandArgs(spec, args) {
  const flags = {};
  const all = [...spec.flags, HELP_FLAG];
  for (const f of all) {
    if (f.multiple) flags[f.name] = [...f.default ?? []];
    else if (f.default !== void 0) flags[f.name] = f.default;
    else if (f.kind === "boolean") flags[f.name] = false;
  }
  const seen = /* @__PURE__ */ new Set();
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq < 0 ? void 0 : eq) : void 0;
    const f = name !== void 0 ? all.find((s) => s.name === name) : all.find((s) => s.short !== void 0 && `-${s.short}` === arg);
    if (!f) {
      throw new UsageError(
        spec.name,
        `unknown flag ${JSON.stringify(eq < 0 ? arg : arg.slice(0, eq))} for "geomesh ${spec.name}" (see the flags below)`
      );
    }
    if (f.kind === "boolean") {
      if (eq >= 0) throw new UsageError(spec.name, `--${f.name} takes no value`);
      flags[f.name] = true;
      continue;
    }
    let raw;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < args.length) raw = args[++i];
    else throw new UsageError(spec.name, `--${f.name} needs a value (${f.value ?? "VALUE"})`);
    const value = convert(spec.name, f, raw);
    if (f.multiple) flags[f.name].push(String(value));
    else {
      if (seen.has(f.name)) throw new UsageError(spec.name, `--${f.name} given twice`);
      flags[f.name] = value;
    }
    seen.add(f.name);
  }
  if (flags.help) return { flags, positionals };
  if (positionals.length < spec.positionals.length) {
    const missing = spec.positionals[positionals.length];
    throw new UsageError(spec.name, `missing argument <${missing.name}>: ${missing.description}`);
  }
  if (positionals.length > spec.positionals.length) {
    throw new UsageError(
      spec.name,
      `unexpected argument ${JSON.stringify(positionals[spec.positionals.length])} ("geomesh ${spec.name}" takes ${spec.positionals.length || "no"} argument${spec.positionals.length === 1 ? "" : "s"})`
    );
  }
  return { flags, positionals };
}

// lib/cli/node-flags.ts
import process from "node:process";

// lib/cli/output.ts
var consoleIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line)
};
function shellQuote(text) {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
function unquote(text) {
  let t = text.trim();
  for (let m; m = t.match(/^(['"])(.*)\1$/s); ) t = m[2].trim();
  return t;
}
function failureLine(command, err) {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = e.code;
  const label = typeof code === "string" && code ? code : e.name || "Error";
  const message = e.message.split("\n")[0];
  return `geomesh ${command}: error ${label}: ${message}`;
}
function jsonLine(value) {
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
}

// lib/cli/node-flags.ts
var PORT = { kind: "int", min: 0, max: 65535, value: "N" };
var LOG_FLAGS = [
  {
    name: "log-level",
    kind: "choice",
    choices: ["debug", "info", "warn", "error", "silent"],
    value: "LEVEL",
    default: "info",
    description: "lowest log level written to stderr: debug|info|warn|error|silent"
  },
  { name: "json-logs", kind: "boolean", description: "write logs as one JSON object per line" }
];
var NETWORK_FLAGS = [
  {
    name: "mode",
    kind: "choice",
    choices: ["client", "server", "hybrid"],
    value: "MODE",
    default: "hybrid",
    description: "client (dials only), server (accepts only) or hybrid (both)"
  },
  { name: "port", ...PORT, default: 4433, description: "UDP/TCP port to listen on (0: any free)" },
  {
    name: "host",
    kind: "string",
    value: "HOST",
    default: "127.0.0.1",
    description: "interface to listen on (0.0.0.0 or ::, every interface, advertises each)"
  },
  {
    name: "announce",
    kind: "string",
    value: "HOST[:PORT]",
    description: "advertise this public name / NAT-mapped port instead of the interface"
  },
  {
    name: "cert-path",
    kind: "string",
    value: "DIR",
    default: "./certs",
    description: "directory of the identity key and certificates (created if absent)"
  }
];
var BOOTSTRAP_FLAG = {
  name: "bootstrap",
  kind: "string",
  value: "ADDRESS",
  multiple: true,
  description: "connect to this node's geomesh:// address at start"
};
var SERVICE_FLAGS = [
  {
    name: "dashboard-port",
    ...PORT,
    defaultText: "the node's port",
    description: "serve the dashboard on this separate HTTPS port"
  },
  { name: "no-dashboard", kind: "boolean", description: "serve no dashboard" },
  {
    name: "dashboard-public",
    kind: "boolean",
    description: "serve /api/state and /metrics to anyone reaching the port, no token"
  },
  {
    name: "dashboard-no-loopback",
    kind: "boolean",
    description: "clients on this machine need the token too (behind a local proxy)"
  },
  {
    name: "introspection",
    kind: "boolean",
    description: "answer geomesh.info (runtime and mode) to peers"
  },
  {
    name: "introspection-peers",
    kind: "string",
    value: "all|ID",
    multiple: true,
    description: "also tell these peers our direct peers; implies --introspection"
  },
  {
    name: "introspection-allow",
    kind: "string",
    value: "ID",
    multiple: true,
    description: "answer geomesh.info only to these peers"
  }
];
var CLIENT_FLAGS = [
  BOOTSTRAP_FLAG,
  {
    name: "via",
    kind: "string",
    value: "ADDRESS",
    multiple: true,
    description: "same as --bootstrap: a node to relay through to reach an <id> target"
  },
  {
    name: "cert-path",
    kind: "string",
    value: "DIR",
    defaultText: "a fresh identity per run",
    description: "use (or create) the identity under DIR"
  },
  {
    name: "mode",
    kind: "choice",
    choices: ["client", "hybrid"],
    default: "client",
    description: "mode of the ephemeral node"
  },
  {
    name: "timeout-ms",
    kind: "int",
    min: 1,
    max: 6e5,
    value: "MS",
    default: 1e4,
    description: "give up connecting or waiting for a reply after this long"
  },
  ...LOG_FLAGS
];
function bootstrapAddresses(command, values) {
  const list = [
    ...values.bootstrap ?? [],
    ...values.via ?? []
  ].map(unquote);
  for (const a of list) {
    try {
      parseAddress(a);
    } catch (err) {
      throw new UsageError(command, `--bootstrap: ${err.message}`);
    }
  }
  return list;
}
function logConfig(values) {
  return {
    logLevel: values["log-level"],
    logFormat: values["json-logs"] ? "json" : "text"
  };
}
function dashboardOption(values) {
  if (values["no-dashboard"]) return false;
  const d = {};
  if (values["dashboard-port"] !== void 0) d.port = values["dashboard-port"];
  if (values["dashboard-public"]) d.public = true;
  if (values["dashboard-no-loopback"]) d.trustLoopback = false;
  const token = process.env.GEOMESH_DASHBOARD_TOKEN;
  if (token) d.token = token;
  return Object.keys(d).length ? d : true;
}
function introspectionOption(values) {
  const peers = values["introspection-peers"];
  const allow = values["introspection-allow"];
  if (!values.introspection && !peers.length && !allow.length) return false;
  return {
    allow: allow.length ? allow : "all",
    peers: peers.includes("all") ? "all" : peers.length ? peers : "none"
  };
}
function nodeConfig(command, values) {
  return {
    mode: values.mode,
    port: values.port,
    hostname: values.host,
    announce: values.announce,
    certPath: values["cert-path"],
    bootstrap: bootstrapAddresses(command, values),
    dashboard: values["introspection-peers"] ? dashboardOption(values) : false,
    introspection: values["introspection-peers"] ? introspectionOption(values) : false,
    ...logConfig(values)
  };
}
function clientConfig(values) {
  const config = {
    mode: values.mode,
    dashboard: false,
    introspection: false,
    connectTimeoutMs: values["timeout-ms"],
    requestTimeoutMs: values["timeout-ms"],
    ...logConfig(values)
  };
  if (values["cert-path"] !== void 0) config.certPath = values["cert-path"];
  if (values.mode === "hybrid") config.port = 0;
  return config;
}

// lib/cli/serve.ts
import process2 from "node:process";
async function createCliNode(command, config) {
  try {
    return await createNode(config);
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) {
      throw new UsageError(command, err.message);
    }
    throw err;
  }
}
function bannerLines(node) {
  const lines = [`geomesh node ${node.id} (${node.mode})`, `address: ${shellQuote(node.address)}`];
  const dashboard = dashboardOf(node);
  if (dashboard) {
    lines.push(
      `dashboard: ${dashboard.link} (self-signed certificate: accept it once in the browser)`,
      dashboard.token === void 0 ? "dashboard data: public (--dashboard-public)" : `dashboard data: /api/state and /metrics need the token in the link above (or "Authorization: Bearer <token>")`
    );
  }
  return lines;
}
function serveUntilSignal(node) {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process2.exit(130);
      stopping = true;
      node.close().then(() => resolve(0), () => resolve(1));
    };
    process2.on("SIGINT", stop);
    process2.on("SIGTERM", stop);
  });
}

// lib/cli/address.ts
var addressCommand = {
  spec: {
    name: "address",
    summary: "print the address `geomesh start` with the same flags advertises, then exit",
    details: "Starts the node briefly on a free port (same identity and certificates, so the\nsame pins) and prints the address with --port; works while that node runs.\nThe protocols are the runtime's: run it with the runtime of that start.",
    positionals: [],
    flags: [
      ...NETWORK_FLAGS,
      {
        name: "raw",
        kind: "boolean",
        description: "print the address unquoted (for $(...) in scripts)"
      },
      ...LOG_FLAGS
    ]
  },
  async run({ flags }, io) {
    const port = flags.port;
    const node = await createCliNode("address", { ...nodeConfig("address", flags), port: 0 });
    let text;
    try {
      const bound = node.addressInfo.port;
      const address = parseAddress(node.address);
      if (port !== 0 && address.port === bound) address.port = port;
      text = formatAddress(address);
    } finally {
      await node.close();
    }
    io.out(flags.raw ? text : shellQuote(text));
    return 0;
  }
};

// lib/cli/id.ts
import { stat } from "node:fs/promises";
import { join } from "node:path";
var idCommand = {
  spec: {
    name: "id",
    summary: "print this identity's node id (creating the identity key if absent)",
    details: "stdout: the id; stderr: whether the key was created or already there.",
    positionals: [],
    flags: [{
      name: "cert-path",
      kind: "string",
      value: "DIR",
      default: "./certs",
      description: "directory of the identity key (identity.key)"
    }]
  },
  async run({ flags }, io) {
    const certPath = flags["cert-path"];
    const file = join(certPath, IDENTITY_FILE);
    const existed = await stat(file).then(() => true, () => false);
    const identity = await loadOrCreateIdentity({ certPath });
    io.err(`identity: ${existed ? "existing" : "created"} ${file}`);
    io.out(identity.id);
    return 0;
  }
};

// lib/cli/listen.ts
var listenCommand = {
  spec: {
    name: "listen",
    summary: "run a node that prints every message, request and broadcast it gets as a JSON line",
    details: 'stdout: {"type":"message"|"request"|"broadcast","from":ID,"payload":...,"via"?,"hops"?}\nper line; requests are answered with { echo, from }. The banner (address) goes to stderr.',
    positionals: [],
    flags: [...NETWORK_FLAGS, BOOTSTRAP_FLAG, ...LOG_FLAGS, ...SERVICE_FLAGS]
  },
  async run({ flags }, io) {
    const node = await createCliNode("listen", nodeConfig("listen", flags));
    node.handle((payload, { from }) => {
      io.out(jsonLine({ type: "request", from, payload }));
      return { echo: payload, from };
    });
    node.addEventListener("message", (e) => {
      const { from, payload, via } = e.detail;
      io.out(
        jsonLine(
          via === void 0 ? { type: "message", from, payload } : { type: "message", from, payload, via }
        )
      );
    });
    node.addEventListener("broadcast", (e) => {
      const { from, payload, hops } = e.detail;
      io.out(jsonLine({ type: "broadcast", from, payload, hops }));
    });
    for (const line of bannerLines(node)) io.err(line);
    return await serveUntilSignal(node);
  }
};

// lib/cli/client.ts
var TARGET_ID = /^(?:[^@\s]+@)?[a-z2-7]{52}$/;
function parseTarget(command, raw) {
  const text = unquote(raw);
  if (text.startsWith("geomesh://")) {
    try {
      parseAddress(text);
    } catch (err) {
      throw new UsageError(command, `<target>: ${err.message}`);
    }
    return { address: text };
  }
  if (TARGET_ID.test(text)) return { id: text };
  throw new UsageError(
    command,
    `<target> must be a geomesh:// address or a node id (52 base32 characters), got ${JSON.stringify(text.slice(0, 60))}`
  );
}
async function closeBounded(node, ms) {
  let timer;
  await Promise.race([
    node.close().catch(() => {
    }),
    new Promise((resolve) => timer = setTimeout(resolve, ms))
  ]);
  clearTimeout(timer);
}
async function withClient(command, flags, rawTarget, io, fn) {
  const target = rawTarget === void 0 ? void 0 : parseTarget(command, rawTarget);
  const via = bootstrapAddresses(command, flags);
  if (target && "id" in target && via.length === 0) {
    throw new UsageError(
      command,
      "<target> is a node id: reaching it needs --bootstrap ADDRESS (or --via ADDRESS)"
    );
  }
  const node = await createCliNode(command, clientConfig(flags));
  try {
    if (via.length) {
      const results = await Promise.allSettled(via.map((a) => node.connect(a)));
      const failed = results.filter((r) => r.status === "rejected");
      if (failed.length === results.length) throw failed[0].reason;
      for (const f of failed) io.err(`geomesh ${command}: a bootstrap failed: ${f.reason}`);
    }
    const resolved = target === void 0 ? void 0 : "address" in target ? await node.connect(target.address) : target.id;
    return await fn({ node, target: resolved, io });
  } finally {
    await closeBounded(node, 3e3);
  }
}

// lib/cli/messaging.ts
var TARGET = {
  name: "target",
  description: "a geomesh:// address (dialed directly) or a node id / actor@id (via --bootstrap)"
};
var JSON_ARG = { name: "json", description: `the payload, as JSON (quote it: '{"a":1}')` };
function parseJson(command, raw) {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UsageError(
      command,
      `<json> is not valid JSON (${err.message.split("\n")[0]}): ${JSON.stringify(raw.slice(0, 60))}; a string is written '"text"'`
    );
  }
}
async function dialDirect(node, peer, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const known = node.peers().find((p) => p.id === peer);
    if (known?.connected && !known.via) return;
    if (known?.address) {
      await node.connect(known.address);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
var short = (id) => `${id.slice(0, 12)}\u2026`;
var pingCommand = {
  spec: {
    name: "ping",
    summary: "measure the round trip to a node (prints one RTT line per ping)",
    details: "An <id> target must be a bootstrap or a node whose address the bootstraps told us.",
    positionals: [TARGET],
    flags: [
      {
        name: "count",
        kind: "int",
        min: 1,
        max: 1e4,
        value: "N",
        default: 3,
        description: "pings to send"
      },
      ...CLIENT_FLAGS
    ]
  },
  run({ flags, positionals }, io) {
    return withClient("ping", flags, positionals[0], io, async ({ node, target }) => {
      const peer = target.slice(target.lastIndexOf("@") + 1);
      await dialDirect(node, peer, flags["timeout-ms"]);
      const rtts = [];
      for (let i = 0; i < flags.count; i++) {
        const ms = await node.ping(peer, { timeoutMs: flags["timeout-ms"] });
        rtts.push(ms);
        io.out(`ping ${short(peer)}: ${ms.toFixed(2)} ms`);
      }
      if (rtts.length > 1) {
        const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
        io.out(
          `rtt min/avg/max ${Math.min(...rtts).toFixed(2)}/${avg.toFixed(2)}/${Math.max(...rtts).toFixed(2)} ms`
        );
      }
      return 0;
    });
  }
};
var sendCommand = {
  spec: {
    name: "send",
    summary: "send a JSON message one-way (done once the peer or relay took it)",
    positionals: [TARGET, JSON_ARG],
    flags: CLIENT_FLAGS
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("send", positionals[1]);
    return withClient("send", flags, positionals[0], io, async ({ node, target }) => {
      await node.send(target, payload);
      io.err(`sent to ${short(target)}`);
      return 0;
    });
  }
};
var requestCommand = {
  spec: {
    name: "request",
    summary: "send a JSON request and print the JSON reply",
    positionals: [TARGET, JSON_ARG],
    flags: CLIENT_FLAGS
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("request", positionals[1]);
    return withClient("request", flags, positionals[0], io, async ({ node, target }) => {
      const reply = await node.request(target, payload, {
        timeoutMs: flags["timeout-ms"]
      });
      io.out(jsonLine(reply ?? null));
      return 0;
    });
  }
};
var broadcastCommand = {
  spec: {
    name: "broadcast",
    summary: "broadcast a JSON payload to every node of the mesh (through --bootstrap)",
    positionals: [JSON_ARG],
    flags: CLIENT_FLAGS
  },
  run({ flags, positionals }, io) {
    const payload = parseJson("broadcast", positionals[0]);
    if (!flags.bootstrap.length && !flags.via.length) {
      throw new UsageError("broadcast", "broadcast needs --bootstrap ADDRESS (the mesh to reach)");
    }
    return withClient("broadcast", flags, void 0, io, async ({ node }) => {
      await node.broadcast(payload);
      io.err(`broadcast to ${node.peers().filter((p) => p.connected && !p.via).length} peer(s)`);
      return 0;
    });
  }
};

// lib/cli/peers.ts
var peersCommand = {
  spec: {
    name: "peers",
    summary: "list the peers seen through --bootstrap, one JSON line each",
    details: "An ephemeral node connects to the bootstraps, waits --wait-ms for discovery and\nprints node.peers(). --info also asks each direct peer's geomesh.info (nodes started\nwith --introspection answer; peer lists only to ids in their --introspection-peers).",
    positionals: [],
    flags: [
      {
        name: "wait-ms",
        kind: "int",
        min: 0,
        max: 6e4,
        value: "MS",
        default: 1e3,
        description: "how long to listen to discovery before printing"
      },
      { name: "info", kind: "boolean", description: "also print each direct peer's geomesh.info" },
      ...CLIENT_FLAGS
    ]
  },
  run({ flags }, io) {
    if (!flags.bootstrap.length && !flags.via.length) {
      throw new UsageError("peers", "peers needs --bootstrap ADDRESS (the nodes to ask)");
    }
    return withClient("peers", flags, void 0, io, async ({ node }) => {
      await new Promise((resolve) => setTimeout(resolve, flags["wait-ms"]));
      const peers = node.peers();
      for (const p of peers) io.out(jsonLine({ type: "peer", ...p }));
      if (flags.info) {
        for (const p of peers.filter((p2) => p2.connected && !p2.via)) {
          try {
            const info = await node.request(`${INFO_ACTOR}@${p.id}`, null, {
              timeoutMs: flags["timeout-ms"]
            });
            io.out(jsonLine({ type: "info", ...info }));
          } catch (err) {
            const code = err.code ?? err.name;
            io.err(`geomesh peers: ${p.id.slice(0, 12)}\u2026 geomesh.info: ${code}`);
          }
        }
      }
      io.err(`${peers.length} peer(s)`);
      return 0;
    });
  }
};

// lib/cli/start.ts
var startCommand = {
  spec: {
    name: "start",
    summary: "run a node until Ctrl-C; prints its id, address and dashboard link (default command)",
    details: "Answers requests with { echo, from } and prints each message it receives.\nenv: GEOMESH_DASHBOARD_TOKEN  a fixed dashboard token (default: random per start)",
    positionals: [],
    flags: [...NETWORK_FLAGS, BOOTSTRAP_FLAG, ...LOG_FLAGS, ...SERVICE_FLAGS]
  },
  async run({ flags }, io) {
    const node = await createCliNode("start", nodeConfig("start", flags));
    node.handle((payload, { from }) => ({ echo: payload, from }));
    node.addEventListener("message", (e) => {
      const { from, payload } = e.detail;
      io.out(`message from ${from.slice(0, 12)}\u2026: ${JSON.stringify(payload)}`);
    });
    for (const line of bannerLines(node)) io.out(line);
    return await serveUntilSignal(node);
  }
};

// lib/cli/usage.ts
function flagLabel(f) {
  const value = f.kind === "boolean" ? "" : ` ${f.value ?? (f.kind === "choice" ? f.choices.join("|") : "VALUE")}`;
  return `${f.short ? `-${f.short}, ` : ""}--${f.name}${value}`;
}
function defaultLabel(f) {
  if (f.defaultText) return ` (default: ${f.defaultText})`;
  if (f.kind === "boolean") return f.default ? " (default: on)" : "";
  if (f.multiple) {
    const list = f.default ?? [];
    return list.length ? ` (repeatable; default: ${list.join(", ")})` : " (repeatable; default: none)";
  }
  return f.default === void 0 ? " (default: none)" : ` (default: ${f.default})`;
}
function commandUsage(spec) {
  const args = spec.positionals.map((p) => ` <${p.name}>`).join("");
  const lines = [`usage: geomesh ${spec.name}${args} [flags]`, "", spec.summary];
  if (spec.details) lines.push("", spec.details);
  if (spec.positionals.length) {
    lines.push("", "arguments:");
    const width2 = Math.max(...spec.positionals.map((p) => p.name.length + 2));
    for (const p of spec.positionals) {
      lines.push(`  ${`<${p.name}>`.padEnd(width2)}  ${p.description}`);
    }
  }
  lines.push("", "flags:");
  const flags = [...spec.flags, HELP_FLAG];
  const width = Math.max(...flags.map((f) => flagLabel(f).length));
  for (const f of flags) {
    lines.push(`  ${flagLabel(f).padEnd(width)}  ${f.description}${defaultLabel(f)}`);
  }
  return lines.join("\n");
}
function mainUsage(commands) {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: geomesh [command] [arguments] [flags]",
    "",
    "A node of a geomesh mesh (WebTransport over HTTP/3, HTTP/2, WebSocket).",
    "Without a command, runs `geomesh start`.",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "`geomesh <command> --help` lists the flags of a command.",
    "Exit codes: 0 ok, 1 runtime failure (unreachable, timeout), 2 bad invocation."
  ].join("\n");
}

// lib/cli/main.ts
var COMMANDS = [
  startCommand,
  listenCommand,
  idCommand,
  addressCommand,
  pingCommand,
  sendCommand,
  requestCommand,
  broadcastCommand,
  peersCommand
];
var specs = COMMANDS.map((c) => c.spec);
async function main(args, io = consoleIo) {
  let command;
  try {
    const [first, ...rest] = args;
    if (first === "--help" || first === "-h" || first === "help") {
      const named2 = first === "help" ? COMMANDS.find((c) => c.spec.name === rest[0]) : void 0;
      io.out(named2 ? commandUsage(named2.spec) : mainUsage(specs));
      return 0;
    }
    const named = first !== void 0 && !first.startsWith("-");
    command = named ? COMMANDS.find((c) => c.spec.name === first) : startCommand;
    if (!command) {
      throw new UsageError(
        void 0,
        `unknown command ${JSON.stringify(first)}: use one of ${specs.map((s) => s.name).join(", ")}`
      );
    }
    const parsed = parseCommandArgs(command.spec, named ? rest : args);
    if (parsed.flags.help) {
      io.out(commandUsage(command.spec));
      return 0;
    }
    return await command.run(parsed, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const spec = specs.find((s) => s.name === err.command);
      io.err(`geomesh${spec ? ` ${spec.name}` : ""}: ${err.message}`);
      io.err("");
      io.err(spec ? commandUsage(spec) : mainUsage(specs));
      return 2;
    }
    io.err(failureLine(command?.spec.name ?? "", err));
    return 1;
  }
}
async function run(args = process3.argv.slice(2)) {
  const code = await main(args);
  process3.exit(code);
}
if (import.meta.main) await run();
export {
  COMMANDS,
  main,
  run
};
//# sourceMappingURL=cli.js.map
