import {
  SessionClosedError
} from "./chunk-L7ONBLAV.js";

// lib/codec/pem.ts
function base64Encode(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 32768) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 32768));
  }
  return btoa(bin);
}
function encodePem(der, label) {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----
${lines.join("\n")}
-----END ${label}-----
`;
}
var BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
function decodePem(text2) {
  if (typeof text2 !== "string") throw new TypeError("PEM text must be a string");
  const blocks = [];
  let end = -1;
  for (const m of text2.matchAll(BLOCK)) {
    const [, label, body, endLabel] = m;
    if (end >= 0 && text2.slice(end, m.index).trim() !== "") {
      throw new Error(`unexpected text between PEM blocks before "${label}"`);
    }
    if (label !== endLabel) {
      throw new Error(`PEM block "BEGIN ${label}" ends with "END ${endLabel}"`);
    }
    const b64 = body.replace(/\s+/g, "");
    if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) {
      throw new Error(`PEM block "${label}" has invalid base64 content`);
    }
    const bin = atob(b64);
    blocks.push({ label, der: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
    end = m.index + m[0].length;
  }
  if (blocks.length === 0) throw new Error("no PEM block found");
  if (text2.slice(end).trim() !== "") throw new Error("unexpected text after the last PEM block");
  return blocks;
}

// lib/cert/pin.ts
async function certificatePin(der) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", der));
}
function pinToString(pin) {
  if (!(pin instanceof Uint8Array) || pin.length !== 32) throw new TypeError("a pin is 32 bytes");
  return btoa(String.fromCharCode(...pin)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    ""
  );
}
function pinFromString(text2) {
  if (typeof text2 !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(text2)) {
    throw new TypeError("a pin is 43 characters of unpadded base64url");
  }
  const bin = atob(text2.replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
async function pemCertificatePin(certPem) {
  let blocks;
  try {
    blocks = decodePem(certPem);
  } catch (err) {
    throw new TypeError("certPem holds no PEM certificate", { cause: err });
  }
  const cert = blocks.find((b) => b.label === "CERTIFICATE");
  if (!cert) throw new TypeError("certPem holds no CERTIFICATE block");
  return await certificatePin(cert.der);
}
function samePin(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// lib/transport/h3-wire.ts
var STREAM_CONTROL = 0x00n;
var WT_BIDI = 0x41n;
var WT_UNI = 0x54n;
var FRAME_HEADERS = 0x01n;
var FRAME_SETTINGS = 0x04n;
function encodeVarint(value) {
  const x = BigInt(value);
  if (x < 0n) throw new RangeError("varint must be non-negative");
  if (x < 64n) return Uint8Array.of(Number(x));
  if (x < 16384n) return Uint8Array.of(64 | Number(x >> 8n), Number(x & 0xffn));
  if (x < 1073741824n) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, Number(x) | 2147483648);
    return out;
  }
  if (x < 4611686018427387904n) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, x | 0xc000000000000000n);
    return out;
  }
  throw new RangeError("varint too large");
}
function decodeVarint(bytes, offset) {
  if (offset >= bytes.length) return void 0;
  const size = 1 << (bytes[offset] >> 6);
  if (offset + size > bytes.length) return void 0;
  let value = BigInt(bytes[offset] & 63);
  for (let i = 1; i < size; i++) value = value << 8n | BigInt(bytes[offset + i]);
  return { value, size };
}
function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
function frame(type, payload) {
  return concat([encodeVarint(type), encodeVarint(payload.length), payload]);
}
function controlStreamPreamble() {
  const settings = [
    [0x08n, 1n],
    // SETTINGS_ENABLE_CONNECT_PROTOCOL
    [0x33n, 1n],
    // SETTINGS_H3_DATAGRAM
    [0xffd277n, 1n],
    // H3_DATAGRAM (draft, still read by some stacks)
    [0xc671706an, 1n],
    // SETTINGS_WT_MAX_SESSIONS
    [0x2b603743n, 1n],
    // WEBTRANSPORT_MAX_SESSIONS (draft)
    [0x2b603742n, 1n]
    // ENABLE_WEBTRANSPORT (draft)
  ];
  const payload = concat(settings.flatMap(([k, v]) => [encodeVarint(k), encodeVarint(v)]));
  return concat([encodeVarint(STREAM_CONTROL), frame(FRAME_SETTINGS, payload)]);
}
function qpackInt(prefixBits, flags, value) {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push(rest & 127 | 128);
    rest >>= 7;
  }
  out.push(rest);
  return out;
}
var text = new TextEncoder();
function qpackString(prefixBits, flags, value) {
  const bytes = text.encode(value);
  return [...qpackInt(prefixBits, flags, bytes.length), ...bytes];
}
function connectRequest(url) {
  const block = [0, 0];
  block.push(192 | 15);
  block.push(192 | 23);
  block.push(...qpackInt(4, 80, 0), ...qpackString(7, 0, url.host));
  block.push(...qpackInt(4, 80, 1), ...qpackString(7, 0, url.pathname + url.search));
  block.push(...qpackString(3, 32, ":protocol"), ...qpackString(7, 0, "webtransport"));
  block.push(...qpackString(3, 32, "origin"), ...qpackString(7, 0, url.origin));
  return frame(FRAME_HEADERS, Uint8Array.from(block));
}
var STATIC_STATUS = {
  24: "103",
  25: "200",
  26: "304",
  27: "404",
  28: "503",
  63: "100",
  64: "204",
  65: "206",
  66: "302",
  67: "400",
  68: "403",
  69: "421",
  70: "425",
  71: "500"
};
function readQpackInt(bytes, at, prefixBits) {
  const max = (1 << prefixBits) - 1;
  let value = bytes[at] & max;
  let next = at + 1;
  if (value < max) return { value, next };
  let shift = 0;
  for (; ; ) {
    if (next >= bytes.length || shift > 28) throw new RangeError("bad QPACK integer");
    const b = bytes[next++];
    value += (b & 127) * 2 ** shift;
    shift += 7;
    if ((b & 128) === 0) return { value, next };
  }
}
function parseConnectResponse(bytes) {
  const type = decodeVarint(bytes, 0);
  if (!type) return void 0;
  const len = decodeVarint(bytes, type.size);
  if (!len) return void 0;
  const start = type.size + len.size;
  const end = start + Number(len.value);
  if (bytes.length < end) return void 0;
  if (type.value !== FRAME_HEADERS) {
    throw new RangeError(`expected HEADERS, got frame ${type.value}`);
  }
  const block = bytes.subarray(start, end);
  let at = readQpackInt(block, 0, 8).next;
  at = readQpackInt(block, at, 7).next;
  while (at < block.length) {
    const b = block[at];
    if ((b & 192) === 192) {
      const { value, next } = readQpackInt(block, at, 6);
      at = next;
      if (STATIC_STATUS[value]) return Number(STATIC_STATUS[value]);
    } else if ((b & 208) === 80) {
      const { value: index, next } = readQpackInt(block, at, 4);
      if (block[next] & 128) throw new RangeError("Huffman-coded QPACK value not supported");
      const { value: vlen, next: vstart } = readQpackInt(block, next, 7);
      if (vstart + vlen > block.length) throw new RangeError("truncated QPACK value");
      if (STATIC_STATUS[index]) {
        return Number(new TextDecoder().decode(block.subarray(vstart, vstart + vlen)));
      }
      at = vstart + vlen;
    } else if ((b & 224) === 32) {
      if (b & 8) throw new RangeError("Huffman-coded QPACK name not supported");
      const { value: nlen, next } = readQpackInt(block, at, 3);
      const name = new TextDecoder().decode(block.subarray(next, next + nlen));
      if (block[next + nlen] & 128) {
        throw new RangeError("Huffman-coded QPACK value not supported");
      }
      const { value: vlen, next: vstart } = readQpackInt(block, next + nlen, 7);
      if (vstart + vlen > block.length) throw new RangeError("truncated QPACK value");
      if (name === ":status") {
        return Number(new TextDecoder().decode(block.subarray(vstart, vstart + vlen)));
      }
      at = vstart + vlen;
    } else {
      throw new RangeError("dynamic-table QPACK field in CONNECT response");
    }
  }
  throw new RangeError("CONNECT response without :status");
}
async function readVarint(reader) {
  const first = await readExactly(reader, 1);
  if (!first) return void 0;
  const size = 1 << (first[0] >> 6);
  if (size === 1) return BigInt(first[0] & 63);
  const rest = await readExactly(reader, size - 1);
  if (!rest) return void 0;
  const all = new Uint8Array(size);
  all[0] = first[0];
  all.set(rest, 1);
  return decodeVarint(all, 0).value;
}
async function readExactly(reader, n) {
  let buf = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const { value, done } = await reader.read(new Uint8Array(buf.buffer, filled, n - filled));
    if (done || !value) return void 0;
    filled += value.byteLength;
    buf = new Uint8Array(value.buffer, 0, n);
  }
  return buf;
}

// lib/transport/chunk-reader.ts
function chunkReader(readable, options = {}) {
  const min = options.minChunk ?? 2048;
  const max = Math.max(min, options.maxChunk ?? 256 * 1024);
  let byob;
  try {
    byob = readable.getReader({ mode: "byob" });
  } catch {
    return readable.getReader();
  }
  let size = min;
  return {
    async read() {
      const result = await byob.read(new Uint8Array(size));
      const n = result.value?.length ?? 0;
      if (n === size) size = Math.min(size * 2, max);
      else if (n <= size / 4) size = Math.max(size / 2, min);
      if (result.done) return { done: true, value: void 0 };
      return { done: false, value: result.value };
    },
    cancel: (reason) => byob.cancel(reason),
    releaseLock: () => byob.releaseLock()
  };
}
function chunkedReadable(source, options = {}) {
  const reader = chunkReader(source, options);
  return new ReadableStream({
    async pull(controller) {
      for (; ; ) {
        const { value, done } = await reader.read();
        if (done) return controller.close();
        if (value.length) return controller.enqueue(value);
      }
    },
    cancel: (reason) => reader.cancel(reason)
  }, { highWaterMark: 0 });
}

// lib/transport/deno-session.ts
var MAX_REASON_BYTES = 1024;
function formatAddr(addr) {
  return addr.hostname.includes(":") ? `[${addr.hostname}]:${addr.port}` : `${addr.hostname}:${addr.port}`;
}
function truncateReason(reason) {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= MAX_REASON_BYTES) return reason;
  return new TextDecoder().decode(bytes.subarray(0, MAX_REASON_BYTES)).replace(/\uFFFD$/, "");
}
function checkCloseInfo(info) {
  const closeCode = info?.closeCode ?? 0;
  if (!Number.isInteger(closeCode) || closeCode < 0 || closeCode > 4294967295) {
    throw new RangeError(`closeCode must be an integer in [0, 2^32), got ${closeCode}`);
  }
  const reason = info?.reason ?? "";
  if (typeof reason !== "string") throw new TypeError("reason must be a string");
  return { closeCode, reason: truncateReason(reason) };
}
function sortIncoming(source, classify, gone) {
  return new ReadableStream({
    start(controller) {
      let open = true;
      const enqueue = (value) => {
        if (value !== void 0 && open) controller.enqueue(value);
      };
      (async () => {
        const reader = source.getReader();
        try {
          for (; ; ) {
            const { value, done } = await reader.read();
            if (done) break;
            classify(value).then(enqueue, () => {
            });
          }
          open = false;
          controller.close();
        } catch {
          open = false;
          controller.error(gone());
        }
      })();
    }
  }, { highWaterMark: 0 });
}
function drainEagerly(source, limit) {
  const queue = [];
  let waiting;
  let ended = false;
  (async () => {
    const reader = source.getReader();
    try {
      for (; ; ) {
        const { value, done } = await reader.read();
        if (done) break;
        queue.push(value);
        if (queue.length > limit) queue.shift();
        waiting?.();
      }
    } catch {
    }
    ended = true;
    waiting?.();
  })();
  return new ReadableStream({
    async pull(controller) {
      while (queue.length === 0 && !ended) await new Promise((r) => waiting = r);
      waiting = void 0;
      if (queue.length) controller.enqueue(queue.shift());
      else controller.close();
    }
  }, { highWaterMark: 0 });
}
function quicDatagrams(conn, sessionId, incoming) {
  const prefix = encodeVarint(sessionId / 4n);
  const max = () => Math.max(0, (conn.maxDatagramSize ?? 0) - prefix.length);
  const readable = incoming ?? new ReadableStream({
    async pull(controller) {
      for (; ; ) {
        let d;
        try {
          d = await conn.readDatagram();
        } catch {
          controller.close();
          return;
        }
        if (d.length < prefix.length || d.subarray(0, prefix.length).some((b, i) => b !== prefix[i])) {
          continue;
        }
        controller.enqueue(d.subarray(prefix.length));
        return;
      }
    }
  }, { highWaterMark: 0 });
  const writable = new WritableStream({
    async write(chunk) {
      if (chunk.length > max()) return;
      const out = new Uint8Array(prefix.length + chunk.length);
      out.set(prefix);
      out.set(chunk, prefix.length);
      await conn.sendDatagram(out);
    }
  });
  return {
    readable,
    writable,
    get maxDatagramSize() {
      return max();
    }
  };
}
var QuicSession = class {
  protocol = "h3";
  remoteAddress;
  datagrams;
  closed;
  incomingBidirectionalStreams;
  incomingUnidirectionalStreams;
  /**
   * Accepted sessions only. A dialed session has no `peerCertificateHash`:
   * Deno's QUIC does not show the peer certificate, it enforces the pins itself.
   */
  localCertificateHash;
  #conn;
  #bidiHeader;
  #uniHeader;
  #local;
  #ended;
  /** H3 control / QPACK streams the peer opened: kept referenced, never read. */
  #held = [];
  constructor(init) {
    const { conn, sessionId } = init;
    this.#conn = conn;
    this.remoteAddress = formatAddr(conn.remoteAddr);
    if (init.localCertificateHash) this.localCertificateHash = init.localCertificateHash;
    const sid = encodeVarint(sessionId);
    this.#bidiHeader = new Uint8Array([...encodeVarint(WT_BIDI), ...sid]);
    this.#uniHeader = new Uint8Array([...encodeVarint(WT_UNI), ...sid]);
    this.datagrams = quicDatagrams(
      conn,
      sessionId,
      init.incomingDatagrams && drainEagerly(init.incomingDatagrams, init.datagramQueue ?? 1024)
    );
    this.closed = conn.closed.then(
      (info) => this.#local ?? { closeCode: info.closeCode, reason: info.reason },
      (err) => this.#local ?? {
        closeCode: 0,
        reason: err?.message ?? String(err),
        error: new SessionClosedError(
          `session with ${this.remoteAddress} lost: ${err?.message}`,
          {
            cause: err
          }
        )
      }
    ).then((info) => {
      this.#ended = info;
      this.#held.length = 0;
      init.onClosed?.(info);
      return info;
    });
    const gone = () => this.#goneError();
    this.incomingBidirectionalStreams = sortIncoming(
      conn.incomingBidirectionalStreams,
      async (bidi) => {
        const reader = bidi.readable.getReader({ mode: "byob" });
        try {
          const type = await readVarint(reader);
          const sid2 = await readVarint(reader);
          if (type !== WT_BIDI || sid2 !== sessionId) throw new Error("not this session");
        } catch {
          reader.releaseLock();
          bidi.readable.cancel().catch(() => {
          });
          bidi.writable.abort().catch(() => {
          });
          return void 0;
        }
        reader.releaseLock();
        return { readable: chunkedReadable(bidi.readable), writable: bidi.writable };
      },
      gone
    );
    this.incomingUnidirectionalStreams = sortIncoming(
      conn.incomingUnidirectionalStreams,
      async (uni) => {
        const reader = uni.getReader({ mode: "byob" });
        let keep = false;
        let ours = false;
        try {
          const type = await readVarint(reader);
          if (type === WT_UNI && await readVarint(reader) === sessionId) {
            keep = ours = true;
          } else if (type !== void 0 && type <= 0x03n && type !== 0x01n) {
            keep = true;
            if (type === STREAM_CONTROL || this.#held.length < 8) this.#held.push(uni);
          }
        } catch {
        }
        reader.releaseLock();
        if (!keep) uni.cancel().catch(() => {
        });
        return ours ? chunkedReadable(uni) : void 0;
      },
      gone
    );
  }
  #goneError() {
    const info = this.#ended ?? this.#local;
    return new SessionClosedError(
      `session with ${this.remoteAddress} is closed${info ? ` (${info.closeCode} ${info.reason})` : ""}`,
      { cause: info?.error }
    );
  }
  /** Opens a bidirectional stream (waits for stream credit if the peer's limit is reached). */
  async createBidirectionalStream() {
    if (this.#ended || this.#local) throw this.#goneError();
    let bidi;
    try {
      bidi = await this.#conn.createBidirectionalStream({ waitUntilAvailable: true });
    } catch (err) {
      throw new SessionClosedError(`cannot open stream to ${this.remoteAddress}`, { cause: err });
    }
    const writer = bidi.writable.getWriter();
    await writer.write(this.#bidiHeader);
    writer.releaseLock();
    return { readable: chunkedReadable(bidi.readable), writable: bidi.writable };
  }
  /** Opens a unidirectional stream. */
  async createUnidirectionalStream() {
    if (this.#ended || this.#local) throw this.#goneError();
    let uni;
    try {
      uni = await this.#conn.createUnidirectionalStream({ waitUntilAvailable: true });
    } catch (err) {
      throw new SessionClosedError(`cannot open stream to ${this.remoteAddress}`, { cause: err });
    }
    const writer = uni.getWriter();
    await writer.write(this.#uniHeader);
    writer.releaseLock();
    return uni;
  }
  /** Closes the QUIC connection with the code and reason (idempotent). */
  close(info) {
    const checked = checkCloseInfo(info);
    if (this.#local || this.#ended) return;
    this.#local = checked;
    try {
      this.#conn.close(checked);
    } catch {
    }
  }
};

export {
  encodePem,
  decodePem,
  certificatePin,
  pinToString,
  pinFromString,
  pemCertificatePin,
  samePin,
  controlStreamPreamble,
  connectRequest,
  parseConnectResponse,
  checkCloseInfo,
  QuicSession
};
//# sourceMappingURL=chunk-SWZLZUJB.js.map
