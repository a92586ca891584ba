// lib/transport/dual.ts
var PORT_ATTEMPTS = 32;
function isAddrInUse(err) {
  for (let e = err; e; ) {
    if (e.code === "EADDRINUSE" || e.name === "AddrInUse" || /address already in use/i.test(e.message ?? "")) {
      return true;
    }
    e = e.cause;
  }
  return false;
}
function mergeSessions(sources) {
  return new ReadableStream({
    start(controller) {
      let live = sources.length;
      for (const source of sources) {
        (async () => {
          try {
            for await (const s of source) controller.enqueue(s);
          } catch {
          }
          if (--live === 0) controller.close();
        })();
      }
    }
  });
}
async function listenDual(parts, options) {
  const tcp = await parts.tcp();
  const fixed = options.port !== void 0 && options.port !== 0;
  const { signal, ...rest } = options;
  let lastError;
  for (let attempt = 0; attempt < (fixed ? 1 : PORT_ATTEMPTS); attempt++) {
    const stream = await tcp.listen({ ...rest, port: fixed ? options.port : 0 });
    try {
      return composed(await parts.udp.listen({ ...rest, port: stream.port }), stream, signal);
    } catch (err) {
      await stream.close();
      lastError = err;
      if (!fixed && isAddrInUse(err)) continue;
      throw err;
    }
  }
  throw new RangeError(`no port free on both UDP and TCP after ${PORT_ATTEMPTS} tries`, {
    cause: lastError
  });
}
function composed(udp, stream, signal) {
  let closing;
  const listener = {
    hostname: udp.hostname,
    port: udp.port,
    protocols: [.../* @__PURE__ */ new Set([...udp.protocols, ...stream.protocols])],
    sessions: mergeSessions([udp.sessions, stream.sessions]),
    ...stream.setHttpHandler ? { setHttpHandler: (h) => stream.setHttpHandler(h) } : {},
    setCertificate(certificate) {
      udp.setCertificate?.(certificate);
      stream.setCertificate?.(certificate);
    },
    close() {
      closing ??= (async () => {
        signal?.removeEventListener("abort", onAbort);
        await Promise.all([udp.close(), stream.close()]);
      })();
      return closing;
    }
  };
  const onAbort = () => void listener.close();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return listener;
}
function createDualTransport(parts) {
  return {
    name: "dual",
    dials: ["h3", "h2"],
    secure: true,
    listen: (options) => listenDual(parts, options),
    async dial(url, options = {}) {
      const protocol = options.protocol ?? "h3";
      if (protocol === "h3") return await parts.udp.dial(url, options);
      if (protocol === "h2" || protocol === "ws") {
        return await (await parts.tcp()).dial(url, options);
      }
      throw new TypeError(`the dual transport does not speak ${protocol}`);
    }
  };
}
var fails;
var loadFails = () => fails ??= import("./fails-C3ADV73R.js").then((m) => m.failsTransport);
var deno;
var udpHalf = {
  name: "deno",
  dials: ["h3"],
  secure: true,
  listen: async (o) => (await (deno ??= import("./deno-65NV24XM.js").then((m) => m.denoTransport))).listen(o),
  dial: async (u, o) => (await (deno ??= import("./deno-65NV24XM.js").then((m) => m.denoTransport))).dial(u, o)
};
var dualTransport = createDualTransport({ udp: udpHalf, tcp: loadFails });
export {
  PORT_ATTEMPTS,
  createDualTransport,
  dualTransport,
  isAddrInUse
};
//# sourceMappingURL=dual-PCENDECP.js.map
