import {
  MemoryNetwork,
  createMemoryNetwork,
  detectRuntime
} from "./chunk-RYDJ5ECD.js";
import "./chunk-SWZLZUJB.js";
import "./chunk-L7ONBLAV.js";

// lib/transport/mod.ts
var SCHEMES = {
  "https:": void 0,
  "h3:": "h3",
  "h2:": "h2",
  "wss:": "ws"
};
function parseTransportUrl(address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    throw new TypeError(`not a URL: ${address}`);
  }
  if (!(url.protocol in SCHEMES)) {
    throw new TypeError(
      `unsupported scheme ${url.protocol} in ${address} (use https:, h3:, h2: or wss:)`
    );
  }
  if (!url.hostname) throw new TypeError(`no host in ${address}`);
  const port = url.port ? `:${url.port}` : "";
  return {
    url: `https://${url.hostname}${port}${url.pathname || "/"}${url.search}`,
    protocol: SCHEMES[url.protocol]
  };
}
var DIALS = {
  deno: ["h3", "h2"],
  bun: ["h2"],
  node: ["h2"],
  browser: ["h3", "ws"]
};
function withAddressForms(inner, runtime) {
  const allowed = DIALS[runtime];
  return {
    name: inner.name,
    dials: allowed,
    secure: inner.secure,
    listen: (options) => inner.listen(options),
    dial(address, options = {}) {
      let parsed;
      try {
        parsed = parseTransportUrl(address);
      } catch (err) {
        return Promise.reject(err);
      }
      if (parsed.protocol && options.protocol && parsed.protocol !== options.protocol) {
        return Promise.reject(
          new TypeError(
            `${address} names ${parsed.protocol} but options.protocol is ${options.protocol}`
          )
        );
      }
      const protocol = parsed.protocol ?? options.protocol ?? allowed[0];
      if (!allowed.includes(protocol)) {
        return Promise.reject(
          new TypeError(`${runtime} can not dial ${protocol} (it dials ${allowed.join(", ")})`)
        );
      }
      return inner.dial(parsed.url, { ...options, protocol });
    }
  };
}
async function loadAdapter(name) {
  switch (name) {
    case "deno":
      return (await import("./deno-65NV24XM.js")).denoTransport;
    case "fails":
      return (await import("./fails-C3ADV73R.js")).failsTransport;
    case "dual":
      return (await import("./dual-PCENDECP.js")).dualTransport;
  }
  throw new TypeError(`unknown transport adapter ${JSON.stringify(name)}`);
}
function load(runtime) {
  switch (runtime) {
    case "deno":
      return loadAdapter("dual");
    case "bun":
    case "node":
      return loadAdapter("fails");
    case "browser":
      return import("./browser-B7Z7O4R5.js").then((m) => m.browserTransport);
  }
}
var cache = /* @__PURE__ */ new Map();
function transportFor(runtime = detectRuntime()) {
  let t = cache.get(runtime);
  if (!t) {
    t = load(runtime).then((inner) => withAddressForms(inner, runtime));
    t.catch(() => cache.delete(runtime));
    cache.set(runtime, t);
  }
  return t;
}
function defaultTransport() {
  return transportFor(detectRuntime());
}
export {
  MemoryNetwork,
  createMemoryNetwork,
  defaultTransport,
  detectRuntime,
  loadAdapter,
  parseTransportUrl,
  transportFor,
  withAddressForms
};
//# sourceMappingURL=mod-PBMAKBNP.js.map
