// lib/transport/http-bridge.ts
function headerObject(headers) {
  const out = {};
  headers.forEach((value, key) => out[key] = value);
  return out;
}
async function respondWith(handler, method, url, headers, remoteAddress) {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (k.startsWith(":") || v === void 0) continue;
    h.set(k, Array.isArray(v) ? v.join(", ") : String(v));
  }
  let response;
  try {
    response = await handler(new Request(url, { method, headers: h }), {
      remoteAddress: typeof remoteAddress === "string" ? remoteAddress : void 0
    });
  } catch {
    response = new Response("internal error\n", { status: 500 });
  }
  const body = method === "HEAD" ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: headerObject(response.headers), body };
}
function safePath(path) {
  return typeof path === "string" && path.startsWith("/") ? path : "/";
}
async function serveNodeRequest(req, res, handler) {
  try {
    const host = String(req.headers?.host ?? "localhost");
    const out = await respondWith(
      handler,
      String(req.method ?? "GET"),
      `https://${host}${safePath(req.url)}`,
      req.headers ?? {},
      req.socket?.remoteAddress
    );
    req.resume?.();
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  } catch {
    try {
      res.destroy?.();
    } catch {
    }
  }
}
async function serveHttp2Stream(stream, headers, handler) {
  try {
    const host = String(headers[":authority"] ?? headers.host ?? "localhost");
    const out = await respondWith(
      handler,
      String(headers[":method"] ?? "GET"),
      `https://${host}${safePath(headers[":path"])}`,
      headers,
      stream.session?.socket?.remoteAddress
    );
    if (stream.destroyed || stream.closed) return;
    stream.on?.("error", () => {
    });
    if (out.body.length === 0) {
      stream.respond({ ":status": out.status, ...out.headers }, { endStream: true });
      return;
    }
    stream.respond({ ":status": out.status, ...out.headers });
    stream.end(out.body);
  } catch {
    try {
      stream.close?.();
    } catch {
    }
  }
}
function attachHttpHandler(server, current) {
  const emit = server.emit;
  server.emit = function(event, ...args) {
    const handler = current();
    if (handler && event === "stream" && args[1]?.[":method"] !== "CONNECT") {
      void serveHttp2Stream(args[0], args[1], handler);
      return true;
    }
    if (handler && event === "request") {
      void serveNodeRequest(args[0], args[1], handler);
      return true;
    }
    return emit.call(this, event, ...args);
  };
  return () => {
    server.emit = emit;
  };
}

export {
  serveNodeRequest,
  serveHttp2Stream,
  attachHttpHandler
};
//# sourceMappingURL=chunk-56SHIO6L.js.map
