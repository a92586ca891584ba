import {
  detectRuntime
} from "./chunk-RYDJ5ECD.js";
import {
  childLogger,
  createLogger,
  parseLogSpec,
  silentLogger
} from "./chunk-CX4A7AO7.js";
import {
  certificatePin,
  decodePem,
  encodePem,
  pinFromString,
  pinToString,
  samePin
} from "./chunk-SWZLZUJB.js";
import {
  AbortedError,
  AddressError,
  AuthenticationError,
  CertificateError,
  ConnectError,
  DecodeError,
  GeomeshError,
  IdentityError,
  MessageTooLargeError,
  OverloadedError,
  PinMismatchError,
  ProtocolError,
  RemoteError,
  SessionClosedError,
  SignatureError,
  StaleError,
  TimeoutError,
  UnknownActorError,
  UnknownPeerError
} from "./chunk-L7ONBLAV.js";

// lib/runtime/create.ts
import { networkInterfaces } from "node:os";

// lib/identity/domain.ts
var SignatureDomain = {
  /** Session hello / authentication transcript. */
  Hello: "hello",
  /** Binding of TLS certificate pins to a node id (see `lib/cert/binding.ts`). */
  PinBinding: "pin-binding",
  /** Peer records gossiped by discovery. */
  PeerRecord: "peer-record",
  /** Origin signature of a routed (multi-hop) message. */
  Message: "message",
  /** Origin signature of a broadcast. */
  Broadcast: "broadcast",
  /** Signed replies to routed requests. */
  Response: "response"
};
var SIGNATURE_CONTEXT = "geomesh/v1";
var DOMAIN = /^[a-z0-9][a-z0-9._:/-]{0,63}$/;
var encoder = new TextEncoder();
var prefixes = /* @__PURE__ */ new Map();
function assertDomain(domain) {
  if (typeof domain !== "string" || !DOMAIN.test(domain)) {
    throw new TypeError(
      `bad signature domain ${JSON.stringify(String(domain).slice(0, 80))}: expected 1-64 characters of a-z 0-9 . _ : / - (starting with a letter or digit)`
    );
  }
}
function domainPrefix(domain) {
  let prefix = prefixes.get(domain);
  if (prefix === void 0) {
    assertDomain(domain);
    prefix = encoder.encode(`${SIGNATURE_CONTEXT}\0${domain}\0`);
    if (prefixes.size < 256) prefixes.set(domain, prefix);
  }
  return prefix;
}
function signedBytes(domain, data) {
  if (!(data instanceof Uint8Array)) throw new TypeError("signed data must be a Uint8Array");
  const prefix = domainPrefix(domain);
  const out = new Uint8Array(prefix.length + data.length);
  out.set(prefix, 0);
  out.set(data, prefix.length);
  return out;
}

// lib/identity/base32.ts
var ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
var VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
function base32Encode(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("base32Encode expects a Uint8Array");
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = buffer << 8 | bytes[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[buffer >>> bits & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[buffer << 5 - bits & 31];
  return out;
}
function base32Decode(text) {
  if (typeof text !== "string") return null;
  const tailBits = text.length * 5 % 8;
  if (tailBits >= 5) return null;
  const out = new Uint8Array(Math.floor(text.length * 5 / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code] : -1;
    if (value < 0) return null;
    buffer = buffer << 5 | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = buffer >>> bits & 255;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) return null;
  return out;
}

// lib/identity/node-id.ts
var PUBLIC_KEY_LENGTH = 32;
var NODE_ID_LENGTH = 52;
var NODE_ID = /^[a-z2-7]{52}$/;
var P = 2n ** 255n - 19n;
var Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
var SMALL_ORDER_Y = /* @__PURE__ */ new Set([0n, 1n, P - 1n, Y8, P - Y8]);
function modPow(base, exp) {
  let result = 1n;
  let b = (base % P + P) % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = result * b % P;
    b = b * b % P;
    e >>= 1n;
  }
  return result;
}
var curveD;
function edwardsD() {
  curveD ??= (-121665n * modPow(121666n, P - 2n) % P + P) % P;
  return curveD;
}
function publicKeyProblem(key) {
  if (!(key instanceof Uint8Array) || key.length !== PUBLIC_KEY_LENGTH) {
    return `not ${PUBLIC_KEY_LENGTH} bytes`;
  }
  let y = 0n;
  for (let i = PUBLIC_KEY_LENGTH - 1; i >= 0; i--) {
    y = y << 8n | BigInt(i === PUBLIC_KEY_LENGTH - 1 ? key[i] & 127 : key[i]);
  }
  if (y >= P) return "non-canonical point encoding";
  if (SMALL_ORDER_Y.has(y)) return "small-order point";
  const y2 = y * y % P;
  const u = (y2 - 1n + P) % P;
  const v = (edwardsD() * y2 + 1n) % P;
  if (modPow(u * v, (P - 1n) / 2n) !== 1n) return "not a curve point";
  return null;
}
function nodeIdFromPublicKey(publicKey) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new TypeError(`an Ed25519 public key is ${PUBLIC_KEY_LENGTH} bytes`);
  }
  return base32Encode(publicKey);
}
function isNodeId(id) {
  return typeof id === "string" && NODE_ID.test(id) && base32Decode(id) !== null;
}
function publicKeyFromNodeId(id) {
  if (typeof id !== "string") throw new TypeError("a node id is a string");
  const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}...` : id);
  if (!NODE_ID.test(id)) {
    throw new IdentityError(
      `bad node id ${shown}: expected ${NODE_ID_LENGTH} lowercase base32 characters (a-z, 2-7)`
    );
  }
  const key = base32Decode(id);
  if (key === null) throw new IdentityError(`bad node id ${shown}: non-canonical base32`);
  const problem = publicKeyProblem(key);
  if (problem) throw new IdentityError(`bad node id ${shown}: unusable public key (${problem})`);
  return key;
}

// lib/identity/key-cache.ts
var DEFAULT_KEY_CACHE_SIZE = 4096;
var KeyCache = class _KeyCache {
  #max;
  #map = /* @__PURE__ */ new Map();
  constructor(maxEntries = DEFAULT_KEY_CACHE_SIZE) {
    this.#max = _KeyCache.#checkSize(maxEntries);
  }
  static #checkSize(n) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`key cache size must be a positive integer, got ${n}`);
    }
    return n;
  }
  /** Number of cached entries. */
  get size() {
    return this.#map.size;
  }
  /** Largest number of entries kept. Lowering it evicts the least recently used. */
  get maxEntries() {
    return this.#max;
  }
  set maxEntries(n) {
    this.#max = _KeyCache.#checkSize(n);
    this.#evict();
  }
  /** Cached value for `id`, or the result of `load(id)` (then cached). */
  get(id, load2) {
    const hit = this.#map.get(id);
    if (hit !== void 0) {
      this.#map.delete(id);
      this.#map.set(id, hit);
      return hit;
    }
    const loading = load2(id);
    this.#map.set(id, loading);
    loading.catch(() => {
      if (this.#map.get(id) === loading) this.#map.delete(id);
    });
    this.#evict();
    return loading;
  }
  /** Drops every entry. */
  clear() {
    this.#map.clear();
  }
  #evict() {
    while (this.#map.size > this.#max) {
      this.#map.delete(this.#map.keys().next().value);
    }
  }
};

// lib/identity/verify.ts
var SIGNATURE_LENGTH = 64;
var cache = new KeyCache(DEFAULT_KEY_CACHE_SIZE);
async function importVerifyKey(id) {
  const raw = publicKeyFromNodeId(id);
  return await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
}
function verificationKey(id) {
  if (typeof id !== "string") return Promise.reject(new TypeError("a node id is a string"));
  return cache.get(id, importVerifyKey);
}
function rememberVerificationKey(id, key) {
  void cache.get(id, () => Promise.resolve(key));
}
function toId(publicKeyOrId) {
  if (typeof publicKeyOrId === "string") return publicKeyOrId;
  if (publicKeyOrId instanceof Uint8Array) return nodeIdFromPublicKey(publicKeyOrId);
  throw new TypeError("expected a node id string or a 32-byte Ed25519 public key");
}
async function verify(publicKeyOrId, domain, data, signature) {
  const id = toId(publicKeyOrId);
  if (!(signature instanceof Uint8Array)) throw new TypeError("a signature is a Uint8Array");
  const message = signedBytes(domain, data);
  const key = await verificationKey(id);
  if (signature.length !== SIGNATURE_LENGTH) return false;
  return await crypto.subtle.verify("Ed25519", key, signature, message);
}

// lib/identity/identity.ts
var ALG = { name: "Ed25519" };
var Identity = class {
  id;
  privateKey;
  #publicKey;
  constructor(publicKey, privateKey) {
    this.#publicKey = publicKey;
    this.id = nodeIdFromPublicKey(publicKey);
    this.privateKey = privateKey;
  }
  get publicKey() {
    return this.#publicKey.slice();
  }
  async sign(domain, data) {
    const message = signedBytes(domain, data);
    return new Uint8Array(await crypto.subtle.sign(ALG, this.privateKey, message));
  }
  toJSON() {
    return { id: this.id };
  }
};
async function generateIdentity(options = {}) {
  const extractable = options.extractable ?? false;
  for (; ; ) {
    const pair = await crypto.subtle.generateKey(ALG, extractable, [
      "sign",
      "verify"
    ]);
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    if (publicKeyProblem(raw) !== null) continue;
    const identity = new Identity(raw, pair.privateKey);
    rememberVerificationKey(identity.id, pair.publicKey);
    return identity;
  }
}
function bytesOf(value) {
  return new Uint8Array(value instanceof Uint8Array ? value.slice() : value);
}
async function importIdentity(material, options = {}) {
  if (material === null || typeof material !== "object") {
    throw new TypeError("importIdentity expects { pkcs8 } or { jwk }");
  }
  let jwk;
  try {
    if ("pkcs8" in material) {
      if (!(material.pkcs8 instanceof Uint8Array)) {
        throw new TypeError("pkcs8 must be a Uint8Array");
      }
      const key = await crypto.subtle.importKey("pkcs8", bytesOf(material.pkcs8), ALG, true, [
        "sign"
      ]);
      jwk = await crypto.subtle.exportKey("jwk", key);
    } else if ("jwk" in material) {
      jwk = material.jwk;
    } else {
      throw new TypeError("importIdentity expects { pkcs8 } or { jwk }");
    }
  } catch (err) {
    if (err instanceof TypeError) throw err;
    throw new IdentityError(`not an Ed25519 private key (PKCS#8): ${err.message}`, {
      cause: err
    });
  }
  if (jwk?.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.x !== "string") {
    throw new IdentityError(
      "not an Ed25519 private key (expected an OKP/Ed25519 JWK with d and x)"
    );
  }
  const raw = base64urlDecode(jwk.x);
  const problem = raw === null ? "bad base64url" : publicKeyProblem(raw);
  if (raw === null || problem !== null) {
    throw new IdentityError(`unusable Ed25519 public key in identity key: ${problem}`);
  }
  const clean = { kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x };
  let privateKey;
  try {
    privateKey = await crypto.subtle.importKey("jwk", clean, ALG, options.extractable ?? false, [
      "sign"
    ]);
  } catch (err) {
    throw new IdentityError(`not an Ed25519 private key: ${err.message}`, {
      cause: err
    });
  }
  const identity = new Identity(raw, privateKey);
  const probe = crypto.getRandomValues(new Uint8Array(32));
  if (!await verify(
    identity.id,
    "identity-check",
    probe,
    await identity.sign("identity-check", probe)
  )) {
    throw new IdentityError(
      "identity key is inconsistent: its public key does not match its private key"
    );
  }
  return identity;
}
async function exportIdentity(identity) {
  if (!identity.privateKey.extractable) {
    throw new TypeError("identity key is not extractable (create it with { extractable: true })");
  }
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", identity.privateKey));
}
function base64urlDecode(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

// lib/identity/store.ts
import { readFile, stat as stat2 } from "node:fs/promises";
import { join } from "node:path";

// lib/files/secure-file.ts
import { chmod, link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { platform } from "node:os";
var POSIX_MODES = platform() !== "win32";
async function ensurePrivateDir(dir) {
  await mkdir(dir, { recursive: true, mode: 448 });
}
async function writePrivateFile(path, data, options = {}) {
  const mode = options.mode ?? 384;
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  let moved = false;
  try {
    const handle = await open(tmp, "wx", mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (POSIX_MODES) await chmod(tmp, mode);
    if (options.exclusive) {
      await link(tmp, path);
    } else {
      await rename(tmp, path);
      moved = true;
    }
  } finally {
    if (!moved) await unlink(tmp).catch(() => {
    });
  }
}
async function restrictMode(path, mode = 384) {
  if (!POSIX_MODES) return null;
  const old = (await stat(path)).mode & 511;
  if ((old & 63) === 0) return null;
  await chmod(path, mode);
  return old;
}

// lib/identity/store.ts
var IDENTITY_FILE = "identity.key";
var PEM_LABEL = "PRIVATE KEY";
var MAX_FILE_SIZE = 16 * 1024;
async function loadIdentity(path, logger = silentLogger) {
  let text;
  try {
    const info = await stat2(path);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_SIZE) throw new Error(`file is ${info.size} bytes, too big for a key`);
    const old = await restrictMode(path);
    if (old !== null) {
      logger.warn("identity key was readable by others; restricted to owner", {
        path,
        mode: old.toString(8)
      });
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new IdentityError(`cannot read identity key ${path}: ${err.message}`, {
      cause: err
    });
  }
  let pkcs8;
  try {
    const blocks = decodePem(text);
    if (blocks.length !== 1 || blocks[0].label !== PEM_LABEL) {
      throw new Error(
        `expected one "${PEM_LABEL}" block, found ${blocks.map((b) => `"${b.label}"`).join(", ")}`
      );
    }
    pkcs8 = blocks[0].der;
  } catch (err) {
    throw new IdentityError(`identity key ${path} is corrupt: ${err.message}`, {
      cause: err
    });
  }
  try {
    return await importIdentity({ pkcs8 });
  } catch (err) {
    throw new IdentityError(`identity key ${path} is unusable: ${err.message}`, {
      cause: err
    });
  }
}
async function saveIdentity(path, identity) {
  const pem = encodePem(await exportIdentity(identity), PEM_LABEL);
  try {
    await writePrivateFile(path, pem, { exclusive: true });
  } catch (err) {
    const exists2 = err.code === "EEXIST";
    throw new IdentityError(
      exists2 ? `identity key ${path} already exists; not replacing it` : `cannot write identity key ${path}: ${err.message}`,
      { cause: err }
    );
  }
}
async function loadOrCreateIdentity(options) {
  if (typeof options === "string") options = { certPath: options };
  const { certPath } = options;
  if (typeof certPath !== "string" || !certPath) {
    throw new TypeError("certPath must be a non-empty string");
  }
  const fileName = options.fileName ?? IDENTITY_FILE;
  if (typeof fileName !== "string" || !fileName || /[/\\]/.test(fileName)) {
    throw new TypeError("fileName must be a plain file name");
  }
  const logger = options.logger ?? silentLogger;
  const path = join(certPath, fileName);
  if (await exists(path)) return await loadIdentity(path, logger);
  try {
    await ensurePrivateDir(certPath);
  } catch (err) {
    throw new IdentityError(`cannot create cert path ${certPath}: ${err.message}`, {
      cause: err
    });
  }
  const fresh = await generateIdentity({ extractable: true });
  try {
    await saveIdentity(path, fresh);
  } catch (err) {
    if (err.cause?.code === "EEXIST") {
      return await loadIdentity(path, logger);
    }
    throw err;
  }
  logger.info("created node identity", { path, id: fresh.id });
  return await loadIdentity(path, logger);
}
async function exists(path) {
  try {
    await stat2(path);
    return true;
  } catch (err) {
    if (err.code === "ENOENT") return false;
    throw new IdentityError(`cannot access identity key ${path}: ${err.message}`, {
      cause: err
    });
  }
}

// lib/address/urls.ts
var SESSION_PATH = "/geomesh";
var SESSION_TUNING = {
  maxIncomingBidirectionalStreams: 16,
  maxIncomingUnidirectionalStreams: 16
};
function dialUrl(address, transport) {
  const can = transport.dials;
  const protocol = address.protocols.find((p) => can.includes(p));
  if (!protocol) {
    throw new ConnectError(
      `cannot reach ${address.nodeId}: it offers ${address.protocols.join(",") || "nothing"}, this runtime dials ${can.join(",")}`
    );
  }
  const host = address.host.includes(":") ? `[${address.host}]` : address.host;
  const scheme = protocol === "memory" ? "memory" : protocol === "ws" ? "wss" : "https";
  if (protocol === "memory") return { url: `memory://${host}${SESSION_PATH}`, protocol };
  return { url: `${scheme}://${host}:${address.port}${SESSION_PATH}`, protocol };
}
function dialTarget(address, transport) {
  if (address.host === void 0) {
    throw new ConnectError(`address of ${address.nodeId} has no host to dial`);
  }
  return { ...dialUrl(address, transport), pins: address.pins.map(pinFromString) };
}

// lib/address/address.ts
var NODE_ID2 = /^[a-z2-7]{52}$/;
var PIN = /^[A-Za-z0-9_-]{43}$/;
var PROTOCOLS = ["h3", "h2", "ws", "memory"];
function formatAddress(address) {
  validate(address, TypeError);
  let text = `geomesh://${address.nodeId}`;
  if (address.host !== void 0) {
    const host = address.host.includes(":") ? `[${address.host}]` : address.host;
    text += `@${host}:${address.port}`;
  }
  const query = [];
  if (address.protocols.length) query.push(`proto=${address.protocols.join(",")}`);
  for (const pin of address.pins) query.push(`pin=${pin}`);
  return query.length ? `${text}?${query.join("&")}` : text;
}
function parseAddress(text) {
  if (typeof text !== "string") throw new TypeError("an address is a string");
  const trimmed = text.trim();
  const m = trimmed.match(
    /^geomesh:\/\/([^@?/]+)(?:@(\[[^\]]+\]|[^:?/\[\]]+):(\d{1,5}))?\/?(?:\?(.*))?$/
  );
  if (!m) {
    throw new AddressError(
      `not a geomesh address: ${JSON.stringify(trimmed.slice(0, 80))} (expected geomesh://<nodeId>@<host>:<port>?proto=..&pin=..)`
    );
  }
  const [, nodeId, rawHost, rawPort, query] = m;
  const address = { nodeId, protocols: [], pins: [] };
  if (rawHost !== void 0) {
    address.host = rawHost.startsWith("[") ? rawHost.slice(1, -1) : rawHost;
    address.port = Number(rawPort);
  }
  for (const part of query ? query.split("&") : []) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    if (key === "proto") address.protocols.push(...value.split(","));
    else if (key === "pin") address.pins.push(value);
    else throw new AddressError(`unknown address parameter ${JSON.stringify(key)}`);
  }
  if (address.host !== void 0 && address.protocols.length === 0) {
    address.protocols = ["h3", "h2"];
  }
  validate(address, AddressError);
  return address;
}
function validate(a, E) {
  if (!a || typeof a !== "object") throw new E("an address is an object");
  if (typeof a.nodeId !== "string" || !NODE_ID2.test(a.nodeId)) {
    throw new E(
      `bad node id ${JSON.stringify(String(a.nodeId).slice(0, 60))}: expected 52 base32 characters`
    );
  }
  if (a.host !== void 0) {
    if (typeof a.host !== "string" || !a.host || /[\s/?#@]/.test(a.host)) {
      throw new E("bad host in address");
    }
    if (!Number.isInteger(a.port) || a.port < 1 || a.port > 65535) {
      throw new E(`bad port in address: ${a.port}`);
    }
  } else if (a.port !== void 0) throw new E("a port without a host");
  if (!Array.isArray(a.protocols) || a.protocols.some((p) => !PROTOCOLS.includes(p))) {
    throw new E(`bad protocol list ${JSON.stringify(a.protocols)}: use ${PROTOCOLS.join(", ")}`);
  }
  if (!Array.isArray(a.pins) || a.pins.some((p) => typeof p !== "string" || !PIN.test(p))) {
    throw new E("bad certificate pin in address: expected 43 characters of base64url");
  }
  if (a.pins.length > 4) throw new E("too many pins in address (at most 4)");
}

// lib/address/announce.ts
function isWildcard(host) {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}
function parseAnnounce(text) {
  if (typeof text !== "string" || !text || /[\s/@?#]/.test(text)) {
    throw new TypeError(
      `config.announce must be "host" or "host:port", got ${JSON.stringify(text)}`
    );
  }
  const v6 = text.match(/^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/);
  const plain = v6 ? null : text.match(/^([^:\[\]]+)(?::(\d+))?$/);
  const bareV6 = !v6 && !plain && /^[0-9a-fA-F:.]+$/.test(text) && text.includes("::");
  const host = v6?.[1] ?? plain?.[1] ?? (bareV6 ? text : void 0);
  if (!host || isWildcard(host)) {
    throw new TypeError(`config.announce must name a reachable host, got ${JSON.stringify(text)}`);
  }
  const portText = v6?.[2] ?? plain?.[2];
  if (portText === void 0) return { host };
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`config.announce port must be in [1, 65535], got ${portText}`);
  }
  return { host, port };
}
function interfaceHosts(wildcard, interfaces2) {
  const v4 = (i) => i.family === "IPv4" || i.family === 4;
  const external = interfaces2.filter((i) => !i.internal);
  const hosts = [
    ...external.filter(v4).map((i) => i.address),
    ...wildcard === "0.0.0.0" ? [] : external.filter((i) => !v4(i) && !/^fe80:/i.test(i.address)).map((i) => i.address)
  ];
  return hosts.length ? [...new Set(hosts)] : ["127.0.0.1"];
}

// lib/node/config.ts
var DEFAULT_CONFIG = Object.freeze({
  mode: "hybrid",
  hostname: "127.0.0.1",
  port: 4433,
  connectTimeoutMs: 5e3,
  maxMessageSize: 1 << 20,
  retryToken: true,
  bootstrap: [],
  maxPeers: 256,
  requestTimeoutMs: 1e4,
  maxInflightRequests: 1024,
  idleTimeoutMs: 0,
  keepAliveMs: 5e3,
  reconnectBaseMs: 250,
  reconnectMaxMs: 3e4,
  graftTimeoutMs: 50,
  gossipIntervalMs: 1e3,
  minPeers: 4,
  maxKnownPeers: 1024,
  logLevel: "warn",
  logLevels: Object.freeze({}),
  logFormat: "text",
  dashboard: true,
  introspection: false,
  congestionControl: "low-latency"
});
var LOG_SUBSYSTEMS = Object.freeze(
  [
    "node",
    "pool",
    "discovery",
    "routing",
    "requests",
    "broadcast",
    "identity",
    "certificates",
    "dashboard",
    "introspection"
  ]
);
var MODES = ["client", "server", "hybrid"];
var LEVELS = ["debug", "info", "warn", "error", "silent"];
var CONGESTION = ["default", "throughput", "low-latency"];
var MIN_MESSAGE_SIZE = 2048;
var KNOWN = /* @__PURE__ */ new Set([
  ...Object.keys(DEFAULT_CONFIG),
  "hostnames",
  "announce",
  "certPath",
  "logger",
  "transport"
]);
function int(name, value, min, max) {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`config.${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`config.${name} must be in [${min}, ${max}], got ${value}`);
  }
  return value;
}
function resolveConfig(config = {}, options = {}) {
  if (config === null || typeof config !== "object") {
    throw new TypeError("config must be an object");
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN.has(key)) throw new TypeError(`config.${key} is not a known option`);
  }
  const c = { ...DEFAULT_CONFIG, ...stripUndefined(config) };
  if (!MODES.includes(c.mode)) {
    throw new TypeError(`config.mode must be one of ${MODES.join(", ")}`);
  }
  if (typeof c.hostname !== "string" || !c.hostname) {
    throw new TypeError("config.hostname must be a non-empty string");
  }
  int("port", c.port, 0, 65535);
  int("connectTimeoutMs", c.connectTimeoutMs, 1, 6e5);
  int("maxMessageSize", c.maxMessageSize, MIN_MESSAGE_SIZE, 1 << 30);
  int("maxPeers", c.maxPeers, 1, 1e6);
  int("requestTimeoutMs", c.requestTimeoutMs, 1, 36e5);
  int("maxInflightRequests", c.maxInflightRequests, 1, 1e6);
  int("idleTimeoutMs", c.idleTimeoutMs, 0, 864e5);
  int("keepAliveMs", c.keepAliveMs, 0, 36e5);
  int("reconnectBaseMs", c.reconnectBaseMs, 1, 36e5);
  int("reconnectMaxMs", c.reconnectMaxMs, c.reconnectBaseMs, 864e5);
  int("graftTimeoutMs", c.graftTimeoutMs, 1, 6e4);
  if (c.gossipIntervalMs !== 0) int("gossipIntervalMs", c.gossipIntervalMs, 10, 36e5);
  int("minPeers", c.minPeers, 0, 1024);
  int("maxKnownPeers", c.maxKnownPeers, 1, 1e6);
  if (c.minPeers > c.maxPeers) {
    throw new RangeError(`config.minPeers (${c.minPeers}) exceeds config.maxPeers (${c.maxPeers})`);
  }
  if (typeof c.retryToken !== "boolean") throw new TypeError("config.retryToken must be a boolean");
  if (!Array.isArray(c.bootstrap) || c.bootstrap.some((a) => typeof a !== "string")) {
    throw new TypeError("config.bootstrap must be an array of address strings");
  }
  for (const address of c.bootstrap) parseAddress(address);
  if (c.logFormat !== "text" && c.logFormat !== "json") {
    throw new TypeError('config.logFormat must be "text" or "json"');
  }
  if (c.logger !== void 0 && (c.logger === null || typeof c.logger !== "object" || !["debug", "info", "warn", "error"].every(
    (k) => typeof c.logger[k] === "function"
  ))) {
    throw new TypeError("config.logger must have debug, info, warn and error functions");
  }
  if (c.transport !== void 0 && (c.transport === null || typeof c.transport !== "object" || typeof c.transport.name !== "string" || typeof c.transport.dial !== "function" || typeof c.transport.listen !== "function")) {
    throw new TypeError("config.transport must be a Transport ({ name, dial, listen })");
  }
  if (!CONGESTION.includes(c.congestionControl)) {
    throw new TypeError(`config.congestionControl must be one of ${CONGESTION.join(", ")}`);
  }
  if (!LEVELS.includes(c.logLevel)) {
    throw new TypeError(`config.logLevel must be one of ${LEVELS.join(", ")}`);
  }
  c.logLevels = resolveLogLevels(c.logLevels);
  c.dashboard = resolveDashboard(c.dashboard);
  c.introspection = resolveIntrospection(c.introspection);
  if (c.certPath !== void 0 && (typeof c.certPath !== "string" || !c.certPath)) {
    throw new TypeError("config.certPath must be a non-empty string");
  }
  const announce = config.announce === void 0 ? void 0 : parseAnnounce(config.announce);
  if (announce) c.announce = announce;
  else delete c.announce;
  c.hostnames = config.hostnames ?? (announce ? [announce.host] : isWildcard(c.hostname) ? interfaceHosts(c.hostname, options.interfaces?.() ?? []) : [c.hostname]);
  if (!Array.isArray(c.hostnames) || c.hostnames.length === 0 || c.hostnames.some((h) => typeof h !== "string" || !h)) {
    throw new TypeError("config.hostnames must be a non-empty array of strings");
  }
  c.bootstrap = [...c.bootstrap];
  c.hostnames = [...c.hostnames];
  return c;
}
function resolveLogLevels(levels) {
  if (levels === null || typeof levels !== "object" || Array.isArray(levels)) {
    throw new TypeError("config.logLevels must be an object of subsystem: level");
  }
  const out = {};
  for (const [name, level] of Object.entries(levels)) {
    if (!LOG_SUBSYSTEMS.includes(name)) {
      throw new TypeError(
        `config.logLevels.${name} is not a subsystem (known: ${LOG_SUBSYSTEMS.join(", ")})`
      );
    }
    if (!LEVELS.includes(level)) {
      throw new TypeError(`config.logLevels.${name} must be one of ${LEVELS.join(", ")}`);
    }
    out[name] = level;
  }
  return out;
}
var DASHBOARD_KEYS = /* @__PURE__ */ new Set(["port", "hostname", "public", "token", "trustLoopback"]);
var TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
function resolveDashboard(d) {
  if (typeof d === "boolean") return d;
  if (d === null || typeof d !== "object" || Array.isArray(d)) {
    throw new TypeError(
      "config.dashboard must be a boolean or { port?, hostname?, public?, token?, trustLoopback? }"
    );
  }
  const o = d;
  for (const key of Object.keys(o)) {
    if (!DASHBOARD_KEYS.has(key)) {
      throw new TypeError(`config.dashboard.${key} is not a known option`);
    }
  }
  if (o.port !== void 0) int("dashboard.port", o.port, 0, 65535);
  if (o.hostname !== void 0 && (typeof o.hostname !== "string" || !o.hostname)) {
    throw new TypeError("config.dashboard.hostname must be a non-empty string");
  }
  for (const key of ["public", "trustLoopback"]) {
    if (o[key] !== void 0 && typeof o[key] !== "boolean") {
      throw new TypeError(`config.dashboard.${key} must be a boolean`);
    }
  }
  if (o.token !== void 0) {
    if (typeof o.token !== "string" || o.token.length < 16 || o.token.length > 256) {
      throw new TypeError("config.dashboard.token must be a string of 16 to 256 characters");
    }
    if (!TOKEN.test(o.token)) {
      throw new TypeError("config.dashboard.token may hold only A-Z a-z 0-9 - . _ ~ + / =");
    }
    if (o.public) {
      throw new TypeError("config.dashboard: public: true and a token exclude each other");
    }
  }
  return { ...o };
}
function idList(name, value, words) {
  if (typeof value === "string" && words.includes(value)) return value;
  if (!Array.isArray(value)) {
    throw new TypeError(
      `config.${name} must be ${words.map((w) => JSON.stringify(w)).join(" or ")} or an array of node ids`
    );
  }
  for (const id of value) {
    if (!isNodeId(id)) {
      throw new TypeError(`config.${name}: ${JSON.stringify(id)} is not a node id`);
    }
  }
  return [...value];
}
function resolveIntrospection(i) {
  if (i === false) return false;
  if (i === true) return { allow: "all", peers: "none" };
  if (i === null || typeof i !== "object" || Array.isArray(i)) {
    throw new TypeError("config.introspection must be a boolean or { allow?, peers? }");
  }
  for (const key of Object.keys(i)) {
    if (key !== "allow" && key !== "peers") {
      throw new TypeError(`config.introspection.${key} is not a known option`);
    }
  }
  const allow = idList("introspection.allow", i.allow ?? "all", ["all"]);
  const peers = idList("introspection.peers", i.peers ?? "none", ["none", "all"]);
  if (Array.isArray(allow) && peers === "all") {
    throw new TypeError(
      'config.introspection: peers: "all" with an allow list; name the ids in peers'
    );
  }
  if (Array.isArray(allow) && Array.isArray(peers)) {
    const unanswered = peers.find((id) => !allow.includes(id));
    if (unanswered) {
      throw new TypeError(
        `config.introspection.peers names ${unanswered}, which is not in introspection.allow`
      );
    }
  }
  return { allow, peers };
}
function stripUndefined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== void 0));
}
function splitHostPort(listen) {
  const m = listen.match(/^\[([^\]]+)\]:(\d+)$/) ?? listen.match(/^([^:]+):(\d+)$/);
  if (!m) throw new TypeError(`P2PConfig.listen must be host:port, got ${JSON.stringify(listen)}`);
  return { hostname: m[1], port: int("listen port", Number(m[2]), 0, 65535) };
}
function fromP2PConfig(p2p) {
  if (p2p === null || typeof p2p !== "object") throw new TypeError("P2PConfig must be an object");
  const dial = p2p.dial ?? true;
  const out = {};
  if (p2p.listen !== void 0) {
    const { hostname, port } = splitHostPort(p2p.listen);
    out.hostname = hostname;
    out.port = port;
    out.mode = dial ? "hybrid" : "server";
  } else {
    if (!dial) {
      throw new TypeError("a P2PConfig that neither listens nor dials cannot become a node");
    }
    out.mode = "client";
  }
  if (p2p.bootstrapPeers !== void 0) out.bootstrap = [...p2p.bootstrapPeers];
  if (p2p.maxPeers !== void 0) out.maxPeers = p2p.maxPeers;
  if (p2p.dialTimeoutMs !== void 0) out.connectTimeoutMs = p2p.dialTimeoutMs;
  if (p2p.maxMessageSize !== void 0) out.maxMessageSize = p2p.maxMessageSize;
  if (p2p.keyPath !== void 0) out.certPath = p2p.keyPath;
  return out;
}
function toP2PConfig(config) {
  const mode = config.mode ?? DEFAULT_CONFIG.mode;
  const out = { dial: mode !== "server" };
  if (mode !== "client") {
    const host = config.hostname ?? DEFAULT_CONFIG.hostname;
    out.listen = `${host.includes(":") ? `[${host}]` : host}:${config.port ?? DEFAULT_CONFIG.port}`;
  }
  if (config.bootstrap !== void 0) out.bootstrapPeers = [...config.bootstrap];
  if (config.maxPeers !== void 0) out.maxPeers = config.maxPeers;
  if (config.connectTimeoutMs !== void 0) out.dialTimeoutMs = config.connectTimeoutMs;
  if (config.maxMessageSize !== void 0) out.maxMessageSize = config.maxMessageSize;
  if (config.certPath !== void 0) out.keyPath = config.certPath;
  return out;
}

// lib/deps/cborg.ts
import { decode, encode, Token, Tokenizer, Type } from "cborg";

// lib/codec/decode.ts
var TOKEN_OPTIONS = {
  strict: true,
  allowUndefined: false,
  allowIndefinite: false,
  allowBigInt: false,
  allowNaN: true,
  allowInfinity: true
};
var strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function headLength(initial) {
  const minor = initial & 31;
  return minor < 24 ? 1 : minor === 24 ? 2 : minor === 25 ? 3 : minor === 26 ? 5 : 9;
}
function checkedString(bytes, start2, end, s) {
  const byteLength = end - start2 - headLength(bytes[start2]);
  if (s.length === byteLength && s.indexOf("\uFFFD") === -1) return s;
  try {
    return strictUtf8.decode(bytes.subarray(end - byteLength, end));
  } catch (cause) {
    throw new DecodeError(`invalid UTF-8 in text string at byte ${start2}`, { cause });
  }
}
function byteStringEnd(bytes, start2, initial) {
  const minor = initial & 31;
  const h = headLength(initial);
  const size = bytes.length;
  if (size - start2 < h) throw new DecodeError(`not enough data for the byte string at ${start2}`);
  const p = start2 + 1;
  let len;
  if (minor < 24) len = minor;
  else if (minor === 24) len = bytes[p];
  else if (minor === 25) len = bytes[p] << 8 | bytes[p + 1];
  else if (minor === 26) {
    len = (bytes[p] << 24 >>> 0) + (bytes[p + 1] << 16 | bytes[p + 2] << 8 | bytes[p + 3]);
  } else {
    const hi = (bytes[p] << 24 >>> 0) + (bytes[p + 1] << 16 | bytes[p + 2] << 8 | bytes[p + 3]);
    const lo = (bytes[p + 4] << 24 >>> 0) + (bytes[p + 5] << 16 | bytes[p + 6] << 8 | bytes[p + 7]);
    len = hi * 4294967296 + lo;
    if (hi > 2097151) throw new DecodeError(`byte string length at ${start2} exceeds 2^53-1`);
  }
  if (minor >= 24 && len < (minor === 24 ? 24 : minor === 25 ? 256 : minor === 26 ? 65536 : 4294967296)) {
    throw new DecodeError(`byte string length at ${start2} encoded in more bytes than necessary`);
  }
  if (len > size - start2 - h) {
    throw new DecodeError(`not enough data for the byte string at ${start2}`);
  }
  return start2 + h + len;
}
var ARRAY = /* @__PURE__ */ Symbol("array");
var EXPECT_KEY = /* @__PURE__ */ Symbol("key");
function readValue(bytes, maxDepth, maxBytes, copyBytes = true) {
  const size = bytes.length;
  if (size > maxBytes) {
    throw new MessageTooLargeError(`input of ${size} bytes exceeds maxBytes ${maxBytes}`);
  }
  if (size === 0) throw new DecodeError("empty input");
  if (bytes.constructor !== Uint8Array) {
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, size);
  }
  const t = new Tokenizer(bytes, TOKEN_OPTIONS);
  const conts = [];
  const left = [];
  const slots = [];
  let depth = 0;
  for (; ; ) {
    const start2 = t.pos();
    if (start2 >= size) throw new DecodeError(`unexpected end of input at byte ${start2}`);
    const initial = bytes[start2];
    let value;
    if (!copyBytes && initial <= 91 && initial >= 64) {
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY) {
        throw new DecodeError(`map key at byte ${start2} is a bytes, not a text string`);
      }
      const end = byteStringEnd(bytes, start2, initial);
      value = bytes.subarray(start2 + headLength(initial), end);
      t._pos = end;
    } else {
      let tok;
      try {
        tok = t.next();
      } catch (cause) {
        throw new DecodeError(`invalid CBOR at byte ${start2}: ${cause.message}`, {
          cause
        });
      }
      const type = tok.type;
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY && type !== Type.string) {
        throw new DecodeError(`map key at byte ${start2} is a ${type.name}, not a text string`);
      }
      switch (type.major) {
        case 0:
        case 1:
          value = tok.value;
          break;
        case 2:
          value = tok.value.length === 0 ? new Uint8Array(0) : tok.value;
          break;
        case 3:
          value = checkedString(bytes, start2, t.pos(), tok.value);
          break;
        case 4:
        case 5: {
          const isMap = type.major === 5;
          const n = tok.value;
          if (depth >= maxDepth) {
            throw new DecodeError(`nesting deeper than maxDepth ${maxDepth} at byte ${start2}`);
          }
          const remaining = size - t.pos();
          if ((isMap ? n * 2 : n) > remaining) {
            throw new DecodeError(
              `${type.name} at byte ${start2} declares ${n} entries but only ${remaining} bytes remain`
            );
          }
          if (n > 0) {
            conts[depth] = isMap ? {} : [];
            left[depth] = n;
            slots[depth] = isMap ? EXPECT_KEY : ARRAY;
            depth++;
            continue;
          }
          value = isMap ? {} : [];
          break;
        }
        case 6:
          throw new DecodeError(`tags are not allowed (tag ${tok.value} at byte ${start2})`);
        default:
          if (type === Type.float) value = tok.value;
          else if (type === Type.true) value = true;
          else if (type === Type.false) value = false;
          else if (type === Type.null) value = null;
          else throw new DecodeError(`${type.name} is not allowed (byte ${start2})`);
      }
    }
    for (; ; ) {
      if (depth === 0) {
        if (t.pos() !== size) {
          throw new DecodeError(`${size - t.pos()} trailing bytes after the value`);
        }
        return value;
      }
      const i = depth - 1;
      const slot = slots[i];
      const cont = conts[i];
      if (slot === ARRAY) {
        cont.push(value);
      } else if (slot === EXPECT_KEY) {
        const key = value;
        if (key === "__proto__") throw new DecodeError('map key "__proto__" is not allowed');
        if (Object.hasOwn(cont, key)) {
          throw new DecodeError(`duplicate map key ${JSON.stringify(key)}`);
        }
        slots[i] = key;
        break;
      } else {
        cont[slot] = value;
        slots[i] = EXPECT_KEY;
      }
      if (--left[i] > 0) break;
      value = cont;
      conts[i] = void 0;
      depth--;
    }
  }
}

// lib/codec/writer.ts
var f64 = new Float64Array(1);
var f64Bytes = new Uint8Array(f64.buffer);
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
var LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
var SHORT_STRING = 64;
var textEncoder = new TextEncoder();
function toHalf(x) {
  if (x !== x) return 32256;
  if (x === Infinity) return 31744;
  if (x === -Infinity) return 64512;
  f32[0] = x;
  if (f32[0] !== x) return -1;
  const bits = u32[0];
  const sign = bits >>> 16 & 32768;
  const exp = (bits >>> 23 & 255) - 127;
  const mant = bits & 8388607;
  if (exp === -127 && mant === 0) return sign;
  if (exp >= -14 && exp <= 15) {
    return (mant & 8191) === 0 ? sign | exp + 15 << 10 | mant >>> 13 : -1;
  }
  if (exp >= -24 && exp < -14) {
    const full = 8388608 | mant;
    const shift = -exp - 1;
    return (full & (1 << shift) - 1) === 0 ? sign | full >>> shift : -1;
  }
  return -1;
}
function headSize(n) {
  return n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : n < 4294967296 ? 5 : 9;
}
var ByteWriter = class {
  /** The buffer; valid bytes are `buf[0..pos)`. Replaced when it grows. */
  buf;
  /** Write position. */
  pos = 0;
  constructor(initialSize = 1024) {
    this.buf = new Uint8Array(initialSize);
  }
  /** Makes room for `n` more bytes. */
  ensure(n) {
    if (this.pos + n > this.buf.length) this.#grow(n);
  }
  #grow(n) {
    const size = Math.max(this.buf.length * 2, this.pos + n);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  /** A copy of the written bytes (the one allocation an encode makes). */
  copy(from = 0) {
    return this.buf.slice(from, this.pos);
  }
  /** Writes a CBOR head: major type (0..7) and argument `n` (0 <= n <= 2^53-1). */
  head(major, n) {
    this.ensure(9);
    const b = this.buf;
    let p = this.pos;
    const m = major << 5;
    if (n < 24) {
      b[p++] = m | n;
    } else if (n < 256) {
      b[p++] = m | 24;
      b[p++] = n;
    } else if (n < 65536) {
      b[p++] = m | 25;
      b[p++] = n >>> 8;
      b[p++] = n & 255;
    } else if (n < 4294967296) {
      b[p++] = m | 26;
      b[p++] = n >>> 24;
      b[p++] = n >>> 16 & 255;
      b[p++] = n >>> 8 & 255;
      b[p++] = n & 255;
    } else {
      const hi = Math.floor(n / 4294967296);
      const lo = n >>> 0;
      b[p++] = m | 27;
      b[p++] = hi >>> 24;
      b[p++] = hi >>> 16 & 255;
      b[p++] = hi >>> 8 & 255;
      b[p++] = hi & 255;
      b[p++] = lo >>> 24;
      b[p++] = lo >>> 16 & 255;
      b[p++] = lo >>> 8 & 255;
      b[p++] = lo & 255;
    }
    this.pos = p;
  }
  /** Writes a non-negative safe integer. */
  uint(n) {
    this.head(0, n);
  }
  /** Writes any safe integer (major 0 or 1); -0 must go through {@linkcode float}. */
  int(n) {
    if (n >= 0) this.head(0, n);
    else this.head(1, -1 - n);
  }
  /** Writes a float in the shortest IEEE width that holds it exactly (16, 32 or 64 bits). */
  float(x) {
    this.ensure(9);
    const b = this.buf;
    const p = this.pos;
    const half = toHalf(x);
    if (half >= 0) {
      b[p] = 249;
      b[p + 1] = half >>> 8;
      b[p + 2] = half & 255;
      this.pos = p + 3;
      return;
    }
    f32[0] = x;
    if (f32[0] === x) {
      const bits = u32[0];
      b[p] = 250;
      b[p + 1] = bits >>> 24;
      b[p + 2] = bits >>> 16 & 255;
      b[p + 3] = bits >>> 8 & 255;
      b[p + 4] = bits & 255;
      this.pos = p + 5;
      return;
    }
    f64[0] = x;
    b[p] = 251;
    for (let i = 0; i < 8; i++) b[p + 1 + i] = f64Bytes[LITTLE_ENDIAN ? 7 - i : i];
    this.pos = p + 9;
  }
  /** Writes a byte string (major 2). */
  bytes(v) {
    const n = v.length;
    this.head(2, n);
    this.ensure(n);
    this.buf.set(v, this.pos);
    this.pos += n;
  }
  /** Writes raw bytes with no head. */
  raw(v) {
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }
  /**
   * Writes a text string (major 3). Throws `TypeError` on a lone surrogate: such a
   * string has no UTF-8 form and would silently change on the way through.
   */
  string(s) {
    const n = s.length;
    if (n <= SHORT_STRING) {
      const start3 = this.pos;
      this.head(3, n);
      this.ensure(n);
      const b = this.buf;
      let p = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        b[p++] = c;
      }
      if (i === n) {
        this.pos = p;
        return;
      }
      this.pos = start3;
    }
    if (!s.isWellFormed()) throw new TypeError("string contains a lone surrogate");
    const maxHead = headSize(n * 3);
    this.ensure(9 + n * 3);
    const start2 = this.pos;
    const { written } = textEncoder.encodeInto(s, this.buf.subarray(start2 + maxHead));
    const h = headSize(written);
    this.head(3, written);
    if (h !== maxHead) this.buf.copyWithin(start2 + h, start2 + maxHead, start2 + maxHead + written);
    this.pos = start2 + h + written;
  }
  /** Writes an unsigned LEB128 varint (0 <= n <= 2^53-1). */
  varint(n) {
    this.ensure(8);
    const b = this.buf;
    let p = this.pos;
    while (n >= 128) {
      b[p++] = n % 128 | 128;
      n = Math.floor(n / 128);
    }
    b[p++] = n;
    this.pos = p;
  }
};
function varintSize(n) {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

// lib/codec/encode.ts
function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) continue;
    if (c < 2048) n += 1;
    else if (c >= 55296 && c <= 56319 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        n += 2;
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}
function compareKeys(a, b) {
  const la = utf8Length(a);
  const lb = utf8Length(b);
  if (la !== lb) return la - lb;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const ca = a.codePointAt(i);
    const cb = b.codePointAt(j);
    if (ca !== cb) return ca - cb;
    i += ca > 65535 ? 2 : 1;
    j += cb > 65535 ? 2 : 1;
  }
  return 0;
}
function describe(v) {
  if (v === void 0) return "undefined";
  if (typeof v !== "object" || v === null) return typeof v;
  return Object.prototype.toString.call(v).slice(8, -1);
}
function writeValue(w, v, depthLeft) {
  switch (typeof v) {
    case "number":
      if (Number.isSafeInteger(v) && (v !== 0 || 1 / v > 0)) w.int(v);
      else w.float(v);
      return;
    case "string":
      w.string(v);
      return;
    case "boolean":
      w.ensure(1);
      w.buf[w.pos++] = v ? 245 : 244;
      return;
    case "object": {
      if (v === null) {
        w.ensure(1);
        w.buf[w.pos++] = 246;
        return;
      }
      if (v instanceof Uint8Array) {
        w.bytes(v);
        return;
      }
      if (depthLeft <= 0) {
        throw new RangeError("value nests deeper than maxDepth (or is circular)");
      }
      if (Array.isArray(v)) {
        const n = v.length;
        w.head(4, n);
        for (let i = 0; i < n; i++) writeValue(w, v[i], depthLeft - 1);
        return;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`cannot encode ${describe(v)}: only plain objects are allowed`);
      }
      const keys = Object.keys(v);
      if (keys.length > 1) keys.sort(compareKeys);
      w.head(5, keys.length);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === "__proto__") throw new TypeError('cannot encode the key "__proto__"');
        w.string(key);
        writeValue(w, v[key], depthLeft - 1);
      }
      return;
    }
    default:
      throw new TypeError(`cannot encode ${describe(v)}`);
  }
}
var shared = new ByteWriter(4096);
var sharedBusy = false;
function acquireWriter() {
  if (sharedBusy) return new ByteWriter(256);
  sharedBusy = true;
  shared.pos = 0;
  return shared;
}
function releaseWriter(w) {
  if (w !== shared) return;
  sharedBusy = false;
  if (w.buf.length > 1 << 20) w.buf = new Uint8Array(4096);
}

// lib/codec/cbor.ts
var DEFAULT_MAX_DEPTH = 32;
var DEFAULT_MAX_BYTES = 1 << 20;
var MAX_DEPTH_LIMIT = 1024;
function checkDepthOption(maxDepth) {
  if (maxDepth === void 0) return DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
    throw new RangeError(`maxDepth must be an integer in 0..${MAX_DEPTH_LIMIT}, got ${maxDepth}`);
  }
  return maxDepth;
}
function checkBytesOption(maxBytes) {
  if (maxBytes === void 0) return DEFAULT_MAX_BYTES;
  if (!(maxBytes >= 0) || maxBytes !== Infinity && !Number.isSafeInteger(maxBytes)) {
    throw new RangeError(`maxBytes must be a non-negative integer or Infinity, got ${maxBytes}`);
  }
  return maxBytes;
}
function encodeValue(value, options) {
  const maxDepth = checkDepthOption(options?.maxDepth);
  const w = acquireWriter();
  try {
    writeValue(w, value, maxDepth);
    return w.copy();
  } finally {
    releaseWriter(w);
  }
}
function decodeValue(bytes, options) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  return readValue(
    bytes,
    checkDepthOption(options?.maxDepth),
    checkBytesOption(options?.maxBytes),
    options?.copyBytes ?? true
  );
}

// lib/protocols/origin-budget.ts
var OriginBudget = class {
  #burst;
  #perMs;
  #now;
  #buckets = /* @__PURE__ */ new WeakMap();
  constructor(options = {}) {
    this.#burst = options.burst ?? 1024;
    this.#perMs = (options.perSecond ?? 128) / 1e3;
    this.#now = options.now ?? (() => performance.now());
  }
  /** Spends one new origin of `link`'s budget; false when it is used up. */
  take(link2) {
    const now = this.#now();
    let b = this.#buckets.get(link2);
    if (!b) this.#buckets.set(link2, b = { tokens: this.#burst, at: now });
    b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens--;
    return true;
  }
};

// lib/protocols/seen.ts
var FRESHNESS_MS = 6e4;
var MAX_AHEAD_MS = 3e4;
var SeenWindow = class {
  #window;
  #words;
  #maxOrigins;
  #freshnessMs;
  #aheadMs;
  #now;
  /** Insertion order is last-accept order: the first origin is the first to go stale. */
  #origins = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    this.#words = Math.max(1, Math.ceil((options.window ?? 1024) / 32));
    this.#window = this.#words * 32;
    this.#maxOrigins = options.maxOrigins ?? 32768;
    this.#freshnessMs = options.freshnessMs ?? FRESHNESS_MS;
    this.#aheadMs = options.aheadMs ?? MAX_AHEAD_MS;
    this.#now = options.now ?? Date.now;
  }
  /** Origins currently remembered. */
  get size() {
    return this.#origins.size;
  }
  /** Whether `origin` is remembered (a frame from it would not take a new slot). */
  knows(origin) {
    return this.#origins.has(origin);
  }
  /** Whether (origin, seq) was accepted already (or is below its origin's window). */
  has(origin, seq) {
    const o = this.#origins.get(origin);
    if (!o) return false;
    if (seq > o.max) return false;
    if (seq <= o.max - this.#window) return true;
    const bit = seq % this.#window;
    return (o.bits[bit >>> 5] & 1 << (bit & 31)) !== 0;
  }
  /** What {@linkcode add} would say, without accepting anything (to skip work early). */
  check(origin, seq, ts) {
    const now = this.#now();
    if (ts < now - this.#freshnessMs || ts > now + this.#aheadMs) return "stale";
    if (this.has(origin, seq)) return "duplicate";
    if (this.#origins.has(origin)) return "new";
    this.#dropStale(now, 2);
    return this.#origins.size >= this.#maxOrigins ? "full" : "new";
  }
  /** Accepts (origin, seq) dated `ts` if it is new and fresh; says what it did. */
  add(origin, seq, ts) {
    const verdict = this.check(origin, seq, ts);
    if (verdict !== "new") return verdict;
    let o = this.#origins.get(origin);
    if (o) this.#origins.delete(origin);
    else o = { max: seq, bits: new Uint32Array(this.#words), freshUntil: 0 };
    this.#origins.set(origin, o);
    if (seq > o.max) this.#advance(o, seq);
    const bit = seq % this.#window;
    o.bits[bit >>> 5] |= 1 << (bit & 31);
    o.freshUntil = Math.max(o.freshUntil, ts + this.#freshnessMs);
    return "new";
  }
  /** Moves `o`'s window up to `seq`, clearing the bits of the numbers it passes. */
  #advance(o, seq) {
    if (seq - o.max >= this.#window) o.bits.fill(0);
    else {
      for (let s = o.max + 1; s <= seq; s++) {
        const bit = s % this.#window;
        if ((bit & 31) === 0 && s + 31 <= seq) {
          o.bits[bit >>> 5] = 0;
          s += 31;
        } else o.bits[bit >>> 5] &= ~(1 << (bit & 31));
      }
    }
    o.max = seq;
  }
  /** Forgets up to `count` origins from the front whose frames are all stale now. */
  #dropStale(now, count) {
    for (const [origin, o] of this.#origins) {
      if (count-- <= 0 || o.freshUntil >= now) return;
      this.#origins.delete(origin);
    }
  }
};

// lib/protocols/broadcast/broadcast.ts
var BROADCAST_TTL = 64;
function broadcastSignedPart(msg) {
  return encodeValue([msg.origin, msg.seq, msg.ts ?? 0, msg.payload]);
}
var BroadcastState = class {
  #identity;
  #seq = 0;
  #seen = new SeenWindow();
  #newOrigins = new OriginBudget();
  /** Broadcasts with a copy being verified now (bounded by the per-peer crypto bound). */
  #checking = /* @__PURE__ */ new Map();
  constructor(identity) {
    this.#identity = identity;
    this.#seq = Date.now() * 1e3;
  }
  /** Whether the broadcast (origin, seq) was accepted already (or is too old to accept). */
  seen(origin, seq) {
    return this.#seen.has(origin, seq);
  }
  /** Whether a copy of the broadcast (origin, seq) is being verified now. */
  checking(origin, seq) {
    return this.#checking.has(`${origin} ${seq}`);
  }
  /** A new signed broadcast of `payload` (also marked as seen locally). */
  async create(payload) {
    const msg = {
      type: "broadcast",
      origin: this.#identity.id,
      seq: ++this.#seq,
      ts: Date.now(),
      payload,
      ttl: BROADCAST_TTL
    };
    msg.sig = await this.#identity.sign("broadcast", broadcastSignedPart(msg));
    this.#seen.add(msg.origin, msg.seq, msg.ts);
    return msg;
  }
  /**
   * `"ok"` for a new, authentic, fresh broadcast; `"duplicate"`; `"shed"`
   * when `gate` refused to run the verification (see `PeerLink.cryptoBounded`)
   * or `link` introduced too many new origins; or the error to log (forged,
   * undated, stale, or the replay window full of fresh origins).
   */
  async accept(msg, gate = (check) => check(), link2 = this) {
    if (msg.ts === void 0) {
      return new ProtocolError(`broadcast ${msg.seq} of ${msg.origin} has no timestamp`);
    }
    const early = verdictOf(msg, this.#seen.check(msg.origin, msg.seq, msg.ts));
    if (early !== "ok") return early;
    if (!this.#seen.knows(msg.origin) && !this.#newOrigins.take(link2)) return "shed";
    let valid = false;
    const key = `${msg.origin} ${msg.seq}`;
    try {
      const checking = gate(
        () => verify(msg.origin, "broadcast", broadcastSignedPart(msg), msg.sig)
      );
      if (!checking) return "shed";
      this.#checking.set(key, (this.#checking.get(key) ?? 0) + 1);
      try {
        valid = await checking;
      } finally {
        const left = this.#checking.get(key) - 1;
        if (left) this.#checking.set(key, left);
        else this.#checking.delete(key);
      }
    } catch (err) {
      return new SignatureError("broadcast with an invalid origin", { cause: err });
    }
    if (!valid) return new SignatureError(`forged broadcast claiming origin ${msg.origin}`);
    return verdictOf(msg, this.#seen.add(msg.origin, msg.seq, msg.ts));
  }
};
function verdictOf(msg, verdict) {
  switch (verdict) {
    case "new":
      return "ok";
    case "duplicate":
      return "duplicate";
    case "stale":
      return new StaleError(
        `broadcast ${msg.seq} of ${msg.origin} dated ${msg.ts} is outside the freshness window (local clock ${Date.now()})`
      );
    default:
      return new OverloadedError(
        `broadcast ${msg.seq} of ${msg.origin} refused: replay window full of fresh origins`
      );
  }
}
function nextHop(msg) {
  return { ...msg, ttl: Math.max(1, Math.min(msg.ttl, BROADCAST_TTL) - 1) };
}
function sendBroadcast(link2, body) {
  if (link2.backlogged) return false;
  link2.sendEncoded(body).catch(() => {
  });
  return true;
}

// lib/node/args.ts
var MAX_TIMEOUT_MS = 2147483647;
function checkTimeout(timeoutMs, fallback) {
  if (timeoutMs === void 0) return fallback;
  if (typeof timeoutMs !== "number") throw new TypeError("timeoutMs must be a number");
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new RangeError(`timeoutMs must be in (0, ${MAX_TIMEOUT_MS}], got ${timeoutMs}`);
  }
  return timeoutMs;
}
function checkSignal(signal) {
  if (signal !== void 0 && !(signal instanceof AbortSignal)) {
    throw new TypeError("signal must be an AbortSignal");
  }
  return signal;
}
function splitTarget(target) {
  if (typeof target !== "string" || !target) {
    throw new TypeError("target must be a node id or actor@nodeId");
  }
  const at = target.lastIndexOf("@");
  return at < 0 ? { peer: target } : { actor: target.slice(0, at), peer: target.slice(at + 1) };
}

// lib/protocols/requests/reply.ts
var MAX_ERROR_MESSAGE = 1e3;
function toWireError(err) {
  const code = err instanceof GeomeshError ? err.code : "HANDLER_ERROR";
  const message = err instanceof Error ? err.message : String(err);
  return { code, message: message.slice(0, MAX_ERROR_MESSAGE) };
}
function replyFailure(err) {
  if (err instanceof MessageTooLargeError) {
    return { code: err.code, message: `reply too large: ${err.message}` };
  }
  if (err instanceof TypeError) {
    return { code: "HANDLER_ERROR", message: `reply could not be encoded: ${err.message}` };
  }
  return void 0;
}
function fromWireError(error) {
  switch (error.code) {
    case UnknownActorError.code:
      return new UnknownActorError(error.message);
    case MessageTooLargeError.code:
      return new MessageTooLargeError(error.message);
    case OverloadedError.code:
      return new OverloadedError(error.message);
    case StaleError.code:
      return new StaleError(error.message);
  }
  return new RemoteError(`remote handler failed (${error.code}): ${error.message}`, {
    remoteCode: error.code
  });
}
async function outcomeOf(work) {
  try {
    return { payload: await work() ?? null };
  } catch (err) {
    return { error: toWireError(err) };
  }
}
async function sendOutcome(send, outcome, options) {
  const { logger, fields = {} } = options;
  try {
    await send(outcome);
    return false;
  } catch (err) {
    const failure = "error" in outcome ? void 0 : replyFailure(err);
    if (!failure) {
      logger.debug("reply failed", { ...fields, err });
      return false;
    }
    logger.warn("reply could not be sent", { ...fields, err });
    await send({ error: failure }).catch(
      (e) => logger.debug("reply failed", { ...fields, err: e })
    );
    return true;
  }
}

// lib/protocols/requests/handlers.ts
var Handlers = class {
  #actors = /* @__PURE__ */ new Map();
  #requestHandler;
  #maxInflight;
  #maxTotal;
  #inflight = /* @__PURE__ */ new Map();
  #log;
  #metrics;
  #total = 0;
  constructor(options) {
    this.#maxInflight = options.maxInflight;
    this.#log = options.logger ?? silentLogger;
    this.#metrics = options.metrics;
    this.#maxTotal = options.maxInflight * 16;
  }
  /** Sets (or with `undefined`, removes) the handler for requests to the node itself. */
  handle(handler) {
    if (handler !== void 0 && typeof handler !== "function") {
      throw new TypeError("handler must be a function");
    }
    this.#requestHandler = handler;
  }
  /** Registers (or with `undefined`, removes) actor `name`. */
  actor(name, handler) {
    if (typeof name !== "string" || !name || name.includes("@")) {
      throw new TypeError("actor name must be a non-empty string without '@'");
    }
    if (handler === void 0) this.#actors.delete(name);
    else if (typeof handler !== "function") throw new TypeError("handler must be a function");
    else this.#actors.set(name, handler);
  }
  /** Handlers of `key` still running. */
  inflight(key) {
    return this.#inflight.get(key) ?? 0;
  }
  /**
   * Runs the handler for `actor` (or the request handler) for sender `from`
   * (the peer of a direct session, or a relayed frame's origin). Rejects with
   * `OverloadedError` when `from` already has `maxInflight` handlers running,
   * `UnknownActorError` when there is no handler, or whatever the handler
   * throws (logged and counted).
   */
  run(from, actor, payload) {
    return this.#run(from, actor, payload).catch((err) => {
      this.#metrics && this.#metrics.errors++;
      const level = err instanceof OverloadedError ? "debug" : "warn";
      this.#log[level](err instanceof GeomeshError ? "refused request" : "handler failed", {
        peer: from,
        actor,
        err
      });
      throw err;
    });
  }
  /**
   * Runs `work` (the node's delivery of a direct frame from `link`) and,
   * when the sender waits for a reply (`id`), sends the outcome back: the
   * reply, the error, or the error that the reply could not be sent (see
   * `reply.ts`), so the sender never just times out. Never rejects.
   */
  async serve(link2, id, work) {
    const outcome = await outcomeOf(work);
    if (id === void 0) return;
    const fellBack = await sendOutcome(
      (o) => link2.send(
        "error" in o ? { type: "response", id, error: o.error } : { type: "response", id, payload: o.payload }
      ),
      outcome,
      { logger: this.#log, fields: { peer: link2.id } }
    );
    if (fellBack && this.#metrics) this.#metrics.errors++;
  }
  async #run(key, actor, payload) {
    const from = key;
    const handler = actor === void 0 ? this.#requestHandler : this.#actors.get(actor);
    if (!handler) {
      throw new UnknownActorError(
        actor === void 0 ? "no request handler" : `unknown actor ${JSON.stringify(actor)}`
      );
    }
    const running2 = this.inflight(key);
    if (running2 >= this.#maxInflight || this.#total >= this.#maxTotal) {
      throw new OverloadedError(`${running2} requests from this sender already running`);
    }
    this.#inflight.set(key, running2 + 1);
    this.#total++;
    try {
      return await handler(payload, { from });
    } finally {
      this.#total--;
      const left = this.inflight(key) - 1;
      if (left > 0) this.#inflight.set(key, left);
      else this.#inflight.delete(key);
    }
  }
};

// lib/metrics.ts
function createMetrics() {
  return {
    sessions: 0,
    sessionsOpened: 0,
    sessionsRejected: 0,
    messagesSent: 0,
    messagesReceived: 0,
    messagesRelayed: 0,
    bytesSent: 0,
    bytesReceived: 0,
    writes: 0,
    datagramsSent: 0,
    datagramsReceived: 0,
    peersDiscovered: 0,
    discoveryBytesShed: 0,
    errors: 0,
    broadcastsSent: 0,
    broadcastsPruned: 0,
    broadcastsGrafted: 0
  };
}
var GAUGES = /* @__PURE__ */ new Set(["sessions"]);
function metricsToPrometheus(metrics, labels = {}) {
  const label = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(
    ","
  );
  const lines = [];
  for (const [key, value] of Object.entries(metrics)) {
    const name = `geomesh_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}${GAUGES.has(key) ? "" : "_total"}`;
    lines.push(`# TYPE ${name} ${GAUGES.has(key) ? "gauge" : "counter"}`);
    lines.push(`${name}${label ? `{${label}}` : ""} ${value}`);
  }
  return lines.join("\n") + "\n";
}

// lib/codec/messages.ts
var CATALOG = {
  hello: [1, { version: "uint", nodeId: "string", publicKey: "bytes", nonce: "bytes", mode: "mode", pins: "bytes[]?", binding: "bytes?", address: "string?", maxMessageSize: "uint?" }],
  auth: [2, { signature: "bytes", nonce: "bytes?" }],
  welcome: [3, { nodeId: "string" }],
  ping: [4, { seq: "uint", ts: "uint?" }],
  pong: [5, { seq: "uint", ts: "uint?" }],
  discover: [6, { limit: "uint?", filter: "bytes?", want: "string?" }],
  "discovery-response": [7, { peers: "bytes[]" }],
  message: [8, { payload: "any", from: "string?", to: "string?", id: "uint?", hops: "uint?", sig: "bytes?", ts: "uint?" }],
  broadcast: [9, { origin: "string", seq: "uint", payload: "any", ttl: "uint", sig: "bytes", ts: "uint?" }],
  request: [10, { id: "uint", payload: "any", from: "string?", to: "string?", actor: "string?", hops: "uint?", sig: "bytes?", ts: "uint?" }],
  response: [11, { id: "uint", payload: "any?", error: "error?", from: "string?", to: "string?", hops: "uint?", sig: "bytes?" }],
  goodbye: [12, { code: "uint?", reason: "string?" }],
  ihave: [13, { origin: "string", seqs: "uint[]" }],
  graft: [14, { origin: "string", seqs: "uint[]" }],
  prune: [15, {}]
};
var K_UINT = 0;
var K_STRING = 1;
var K_BYTES = 2;
var K_BYTES_ARRAY = 3;
var K_ANY = 4;
var K_MODE = 5;
var K_ERROR = 6;
var K_UINT_ARRAY = 7;
var KIND_CODES = {
  uint: K_UINT,
  string: K_STRING,
  bytes: K_BYTES,
  "bytes[]": K_BYTES_ARRAY,
  any: K_ANY,
  mode: K_MODE,
  error: K_ERROR,
  "uint[]": K_UINT_ARRAY
};
var KIND_NAMES = Object.keys(KIND_CODES);
var BY_NAME = /* @__PURE__ */ new Map();
var BY_CODE = [];
for (const [name, [code, spec]] of Object.entries(CATALOG)) {
  const c = {
    name,
    code,
    names: [],
    kinds: [],
    optional: [],
    required: 0,
    optionals: 0
  };
  for (const [field, kind] of Object.entries(spec)) {
    const opt = kind.endsWith("?");
    c.names.push(field);
    c.kinds.push(KIND_CODES[opt ? kind.slice(0, -1) : kind]);
    c.optional.push(opt);
    if (opt) c.optionals++;
    else c.required++;
  }
  if (BY_CODE[code] || c.optionals > 30 || c.names.includes("type")) {
    throw new Error(`bad message catalog entry ${name}`);
  }
  BY_NAME.set(name, c);
  BY_CODE[code] = c;
}
function isUint(v) {
  return typeof v === "number" && Number.isSafeInteger(v) && (v > 0 || v === 0 && 1 / v > 0);
}
function isMode(v) {
  return v === "client" || v === "server" || v === "hybrid";
}
function isBytesArray(v) {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!(v[i] instanceof Uint8Array)) return false;
  return true;
}
function isUintArray(v) {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isUint(v[i])) return false;
  return true;
}
function badField(c, i) {
  return new TypeError(`${c.name}.${c.names[i]} must be ${KIND_NAMES[c.kinds[i]]}`);
}
function writeMessage(w, msg, maxDepth = 32) {
  const c = typeof msg === "object" && msg !== null ? BY_NAME.get(msg.type) : void 0;
  if (c === void 0) {
    throw new TypeError(`unknown message type ${show(msg?.type)}`);
  }
  const m = msg;
  const { names, kinds, optional } = c;
  let presence = 0;
  let count = 2 + c.required;
  for (let i = 0, bit = 1; i < names.length; i++) {
    if (!optional[i]) continue;
    if (m[names[i]] !== void 0) {
      presence |= bit;
      count++;
    }
    bit <<= 1;
  }
  w.head(4, count);
  w.uint(c.code);
  w.uint(presence);
  for (let i = 0; i < names.length; i++) {
    const v = m[names[i]];
    if (v === void 0 && optional[i]) continue;
    switch (kinds[i]) {
      case K_UINT:
        if (!isUint(v)) throw badField(c, i);
        w.uint(v);
        break;
      case K_STRING:
        if (typeof v !== "string") throw badField(c, i);
        w.string(v);
        break;
      case K_BYTES:
        if (!(v instanceof Uint8Array)) throw badField(c, i);
        w.bytes(v);
        break;
      case K_BYTES_ARRAY:
        if (!isBytesArray(v)) throw badField(c, i);
        w.head(4, v.length);
        for (let j = 0; j < v.length; j++) w.bytes(v[j]);
        break;
      case K_UINT_ARRAY:
        if (!isUintArray(v)) throw badField(c, i);
        w.head(4, v.length);
        for (let j = 0; j < v.length; j++) w.uint(v[j]);
        break;
      case K_ANY:
        writeValue(w, v, maxDepth);
        break;
      case K_MODE:
        if (!isMode(v)) throw badField(c, i);
        w.string(v);
        break;
      default: {
        const e = v;
        if (typeof e?.code !== "string" || typeof e.message !== "string") throw badField(c, i);
        w.head(4, 2);
        w.string(e.code);
        w.string(e.message);
      }
    }
  }
}
function encodeMessage(msg, options) {
  const maxDepth = checkDepthOption(options?.maxDepth);
  const w = acquireWriter();
  try {
    writeMessage(w, msg, maxDepth);
    return w.copy();
  } finally {
    releaseWriter(w);
  }
}
function show(v) {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  if (v === null || typeof v === "boolean") return String(v);
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  return Array.isArray(v) ? "an array" : typeof v === "object" ? "a map" : typeof v;
}
function badWire(c, what) {
  return new ProtocolError(`invalid ${c.name} message: ${what}`);
}
function decodeMessage(bytes, options) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  const maxDepth = checkDepthOption(options?.maxDepth);
  const maxBytes = checkBytesOption(options?.maxBytes);
  const v = readValue(bytes, maxDepth + 1, maxBytes, options?.copyBytes ?? true);
  if (!Array.isArray(v) || v.length < 2) {
    throw new ProtocolError("a message must be an array [type, presence, ...fields]");
  }
  const code = v[0];
  const c = typeof code === "number" ? BY_CODE[code] : void 0;
  if (c === void 0) throw new ProtocolError(`unknown message type code ${show(code)}`);
  const presence = v[1];
  if (!isUint(presence) || presence >= 2 ** c.optionals) {
    throw badWire(c, `presence bits ${show(presence)} name unknown fields`);
  }
  let expected = 2 + c.required;
  for (let p = presence; p > 0; p >>>= 1) expected += p & 1;
  if (v.length !== expected) {
    throw badWire(c, `${v.length - 2} fields where ${expected - 2} are declared`);
  }
  const out = { type: c.name };
  const { names, kinds, optional } = c;
  for (let i = 0, j = 2, bit = 1; i < names.length; i++) {
    if (optional[i]) {
      const present = (presence & bit) !== 0;
      bit <<= 1;
      if (!present) continue;
    }
    const x = v[j++];
    let ok;
    switch (kinds[i]) {
      case K_UINT:
        ok = isUint(x);
        break;
      case K_STRING:
        ok = typeof x === "string";
        break;
      case K_BYTES:
        ok = x instanceof Uint8Array;
        break;
      case K_BYTES_ARRAY:
        ok = isBytesArray(x);
        break;
      case K_UINT_ARRAY:
        ok = isUintArray(x);
        break;
      case K_ANY:
        ok = true;
        break;
      case K_MODE:
        ok = isMode(x);
        break;
      default:
        ok = Array.isArray(x) && x.length === 2 && typeof x[0] === "string" && typeof x[1] === "string";
        if (ok) {
          out[names[i]] = { code: x[0], message: x[1] };
          continue;
        }
    }
    if (!ok) throw badWire(c, `${names[i]} must be ${KIND_NAMES[kinds[i]]}`);
    out[names[i]] = x;
  }
  return out;
}

// lib/protocols/broadcast/cache.ts
var RecentBroadcasts = class {
  #maxCount;
  #maxBytes;
  #maxAgeMs;
  #entries = /* @__PURE__ */ new Map();
  #bytes = 0;
  constructor(options = {}) {
    this.#maxCount = options.maxCount ?? 1024;
    this.#maxBytes = options.maxBytes ?? 8 << 20;
    this.#maxAgeMs = options.maxAgeMs ?? 3e4;
  }
  /** Broadcasts currently kept. */
  get size() {
    return this.#entries.size;
  }
  /** Encoded bytes currently kept. */
  get bytes() {
    return this.#bytes;
  }
  #evictOldest() {
    const [key, entry] = this.#entries.entries().next().value;
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
  #evictExpired(now) {
    for (const entry of this.#entries.values()) {
      if (now - entry.at <= this.#maxAgeMs) break;
      this.#evictOldest();
    }
  }
  /** Keeps `body`, the encoded broadcast (origin, seq), evicting the oldest beyond the bounds. */
  add(origin, seq, body) {
    const now = performance.now();
    const key = `${origin} ${seq}`;
    if (this.#entries.has(key) || body.length > this.#maxBytes) return;
    this.#evictExpired(now);
    this.#entries.set(key, { body, at: now });
    this.#bytes += body.length;
    while (this.#entries.size > this.#maxCount || this.#bytes > this.#maxBytes) {
      this.#evictOldest();
    }
  }
  /**
   * The encoded broadcast to answer `peer`'s graft with; undefined when it is
   * not kept (never seen, evicted, expired) or `peer` already got it this way,
   * so a peer repeating a graft cannot make this node resend without bound.
   */
  forGraft(origin, seq, peer) {
    this.#evictExpired(performance.now());
    const entry = this.#entries.get(`${origin} ${seq}`);
    if (!entry || entry.answered?.has(peer)) return void 0;
    (entry.answered ??= /* @__PURE__ */ new WeakSet()).add(peer);
    return entry.body;
  }
  /** Forgets everything. */
  clear() {
    this.#entries.clear();
    this.#bytes = 0;
  }
};

// lib/protocols/broadcast/plumtree.ts
var MAX_TREE_IDS = 256;
var MAX_ANNOUNCERS = 4;
var keyOf = (origin, seq) => `${origin} ${seq}`;
var Plumtree = class {
  #o;
  #graftMs;
  #flushMs;
  #batch;
  #maxMissing;
  #maxPerLink;
  #cache;
  /** Weak: a link replaced as a duplicate session is never reported lost. */
  #states = /* @__PURE__ */ new WeakMap();
  /** Links with queued announcements. */
  #dirty = /* @__PURE__ */ new Set();
  /** Insertion order is deadline order (every deadline is now + graftTimeoutMs). */
  #missing = /* @__PURE__ */ new Map();
  #flushTimer;
  #graftTimer;
  #closed = false;
  constructor(options) {
    this.#o = options;
    this.#graftMs = positive("graftTimeoutMs", options.graftTimeoutMs ?? 50);
    this.#flushMs = positive("ihaveFlushMs", options.ihaveFlushMs ?? 20);
    this.#batch = Math.min(MAX_TREE_IDS, positive("ihaveBatch", options.ihaveBatch ?? 64));
    this.#maxMissing = positive("maxMissing", options.maxMissing ?? 4096);
    this.#maxPerLink = positive("maxMissingPerLink", options.maxMissingPerLink ?? 1024);
    this.#cache = new RecentBroadcasts(options.cache);
  }
  /** Whether `link` only gets announcements. */
  isLazy(link2) {
    return this.#states.get(link2)?.lazy ?? false;
  }
  /** Announced broadcasts still missing (waiting for a copy or a graft answer). */
  get missing() {
    return this.#missing.size;
  }
  /** Broadcasts kept for answering grafts. */
  get cached() {
    return this.#cache.size;
  }
  #state(link2) {
    let st = this.#states.get(link2);
    if (!st) this.#states.set(link2, st = { lazy: false, queued: 0, pending: 0 });
    return st;
  }
  /** Sends this node's own new broadcast. */
  publish(msg) {
    if (this.#closed) return;
    const body = encodeMessage(msg);
    this.#cache.add(msg.origin, msg.seq, body);
    this.#spread(msg, body);
  }
  /**
   * A broadcast from `link` whose signature checked out: `"ok"` if it is new
   * (it is passed on), `"duplicate"` if it was received before.
   */
  receive(link2, msg, verdict) {
    if (this.#closed) return;
    const st = this.#state(link2);
    if (verdict === "duplicate") {
      if (!st.lazy && link2.mode !== "client") {
        st.lazy = true;
        if (this.#o.metrics) this.#o.metrics.broadcastsPruned++;
        this.#o.sendControl(link2, { type: "prune" });
      }
      return;
    }
    st.lazy = false;
    this.#resolve(keyOf(msg.origin, msg.seq));
    const next = nextHop(msg);
    const body = encodeMessage(next);
    this.#cache.add(next.origin, next.seq, body);
    this.#spread(next, body, link2);
  }
  /** Full copies to eager links, announcements to lazy ones (and to backlogged eager ones). */
  #spread(msg, body, from) {
    for (const link2 of this.#o.links()) {
      if (link2 === from || link2.id === msg.origin) continue;
      const st = this.#state(link2);
      if (!st.lazy && this.#o.sendBody(link2, body)) {
        if (this.#o.metrics) this.#o.metrics.broadcastsSent++;
      } else this.#announce(link2, st, msg.origin, msg.seq);
    }
  }
  #announce(link2, st, origin, seq) {
    st.queue ??= /* @__PURE__ */ new Map();
    const seqs = st.queue.get(origin);
    if (seqs) seqs.push(seq);
    else st.queue.set(origin, [seq]);
    if (++st.queued >= this.#batch) return this.#flushLink(link2, st);
    this.#dirty.add(link2);
    this.#flushTimer ??= setTimeout(() => this.#flush(), this.#flushMs);
  }
  #flushLink(link2, st) {
    this.#dirty.delete(link2);
    if (!st.queue) return;
    for (const [origin, seqs] of st.queue) {
      this.#o.sendControl(link2, { type: "ihave", origin, seqs });
    }
    st.queue.clear();
    st.queued = 0;
  }
  #flush() {
    this.#flushTimer = void 0;
    for (const link2 of this.#dirty) {
      const st = this.#states.get(link2);
      if (st) this.#flushLink(link2, st);
    }
    this.#dirty.clear();
  }
  /** `link` announced broadcasts: those not received yet are waited for, then grafted. */
  ihave(link2, msg) {
    if (this.#closed) return;
    if (msg.seqs.length > MAX_TREE_IDS) {
      return this.#o.bad(link2, new ProtocolError(`ihave with ${msg.seqs.length} ids`));
    }
    const st = this.#state(link2);
    const deadline = performance.now() + this.#graftMs;
    let refused = 0;
    for (const seq of msg.seqs) {
      if (this.#o.seen(msg.origin, seq)) continue;
      const key = keyOf(msg.origin, seq);
      const entry = this.#missing.get(key);
      if (st.pending >= this.#maxPerLink) refused++;
      else if (entry) {
        if (entry.announcers.length < MAX_ANNOUNCERS && !entry.announcers.includes(link2)) {
          entry.announcers.push(link2);
          st.pending++;
        }
      } else if (this.#missing.size < this.#maxMissing) {
        this.#missing.set(key, { origin: msg.origin, seq, announcers: [link2], deadline });
        st.pending++;
      }
    }
    if (refused) {
      this.#o.bad(link2, new OverloadedError(`${refused} announcements over the per-peer bound`));
    }
    this.#arm();
  }
  /** `link` asks for broadcasts it was announced, and for full copies from now on. */
  graft(link2, msg) {
    if (this.#closed) return;
    if (msg.seqs.length > MAX_TREE_IDS) {
      return this.#o.bad(link2, new ProtocolError(`graft with ${msg.seqs.length} ids`));
    }
    this.#state(link2).lazy = false;
    let missed = 0;
    for (const seq of msg.seqs) {
      const body = this.#cache.forGraft(msg.origin, seq, link2);
      if (body && this.#o.sendBody(link2, body)) {
        if (this.#o.metrics) this.#o.metrics.broadcastsSent++;
      } else missed++;
    }
    if (missed) {
      this.#o.logger?.debug("graft not answered (not cached, answered before or backlogged)", {
        peer: link2.id,
        missed
      });
    }
  }
  /** `link` got a duplicate from us: announce to it from now on. */
  prune(link2) {
    if (this.#closed) return;
    this.#state(link2).lazy = true;
  }
  /** `link` is gone: forget it; broadcasts it announced fall back to other announcers. */
  linkLost(link2) {
    this.#states.delete(link2);
    this.#dirty.delete(link2);
    for (const [key, entry] of this.#missing) {
      const i = entry.announcers.indexOf(link2);
      if (i < 0) continue;
      entry.announcers.splice(i, 1);
      if (!entry.announcers.length) this.#missing.delete(key);
    }
  }
  /** The broadcast arrived: stop waiting for it. */
  #resolve(key) {
    const entry = this.#missing.get(key);
    if (!entry) return;
    this.#missing.delete(key);
    this.#release(entry.announcers);
  }
  #release(announcers) {
    for (const link2 of announcers) {
      const st = this.#states.get(link2);
      if (st) st.pending--;
    }
  }
  /** One timer for the whole table, set for its first (earliest) deadline. */
  #arm() {
    if (this.#graftTimer !== void 0 || this.#closed) return;
    const first = this.#missing.values().next();
    if (first.done) return;
    const wait = Math.max(0, first.value.deadline - performance.now());
    this.#graftTimer = setTimeout(() => this.#expire(), wait);
  }
  /** Grafts what is still missing at its deadline, from its next announcer. */
  #expire() {
    this.#graftTimer = void 0;
    const now = performance.now();
    const grafts = /* @__PURE__ */ new Map();
    const again = [];
    for (const [key, entry] of this.#missing) {
      if (entry.deadline > now) break;
      this.#missing.delete(key);
      if (this.#o.seen(entry.origin, entry.seq)) {
        this.#release(entry.announcers);
        continue;
      }
      if (this.#o.checking?.(entry.origin, entry.seq)) {
        entry.deadline = now + this.#graftMs;
        again.push([key, entry]);
        continue;
      }
      const link2 = entry.announcers.shift();
      this.#release([link2]);
      this.#state(link2).lazy = false;
      let byOrigin = grafts.get(link2);
      if (!byOrigin) grafts.set(link2, byOrigin = /* @__PURE__ */ new Map());
      const seqs = byOrigin.get(entry.origin);
      if (seqs) seqs.push(entry.seq);
      else byOrigin.set(entry.origin, [entry.seq]);
      if (this.#o.metrics) this.#o.metrics.broadcastsGrafted++;
      if (entry.announcers.length) {
        entry.deadline = now + this.#graftMs;
        again.push([key, entry]);
      }
    }
    for (const [key, entry] of again) this.#missing.set(key, entry);
    for (const [link2, byOrigin] of grafts) {
      for (const [origin, seqs] of byOrigin) {
        for (let i = 0; i < seqs.length; i += MAX_TREE_IDS) {
          this.#o.sendControl(link2, {
            type: "graft",
            origin,
            seqs: seqs.slice(i, i + MAX_TREE_IDS)
          });
        }
      }
    }
    this.#arm();
  }
  /** Stops all timers and forgets all state. Idempotent. */
  close() {
    this.#closed = true;
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#graftTimer);
    this.#flushTimer = this.#graftTimer = void 0;
    this.#dirty.clear();
    this.#missing.clear();
    this.#cache.clear();
  }
};
function positive(name, value) {
  if (!(value >= 1) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a number >= 1, got ${value}`);
  }
  return value;
}

// lib/codec/frame.ts
var DEFAULT_MAX_FRAME_SIZE = DEFAULT_MAX_BYTES;
function checkMax(max) {
  if (max === void 0) return DEFAULT_MAX_FRAME_SIZE;
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`maxFrameSize must be a non-negative safe integer, got ${max}`);
  }
  return max;
}
function tooLarge(size, max, atLeast = false) {
  return new MessageTooLargeError(
    `frame of ${atLeast ? "at least " : ""}${size} bytes exceeds maxFrameSize ${max}`
  );
}
function writeVarintAt(buf, p, n) {
  while (n >= 128) {
    buf[p++] = n % 128 | 128;
    n = Math.floor(n / 128);
  }
  buf[p++] = n;
  return p;
}
var FrameEncoder = class {
  #max;
  #w;
  #initialSize;
  #frames = 0;
  constructor(options) {
    this.#max = checkMax(options?.maxFrameSize);
    this.#initialSize = options?.initialSize ?? 64 * 1024;
    this.#w = new ByteWriter(Math.min(this.#initialSize, 512));
  }
  /** Bytes waiting to be flushed. */
  get byteLength() {
    return this.#w.pos;
  }
  /** Frames waiting to be flushed. */
  get frameCount() {
    return this.#frames;
  }
  /** Appends one frame holding a copy of `body`. */
  add(body) {
    if (!(body instanceof Uint8Array)) throw new TypeError("frame body must be a Uint8Array");
    if (body.length > this.#max) throw tooLarge(body.length, this.#max);
    const w = this.#w;
    w.varint(body.length);
    w.raw(body);
    this.#frames++;
  }
  /**
   * Appends one frame whose body `write(writer, value)` produces in place.
   * If `write` throws, or the body exceeds `maxFrameSize` (or the smaller
   * per-call `maxSize`, e.g. the peer's limit), nothing is appended.
   * Returns the body length.
   */
  addEncoded(write, value, maxSize) {
    const w = this.#w;
    const start2 = w.pos;
    w.ensure(1);
    w.pos = start2 + 1;
    try {
      write(w, value);
    } catch (err) {
      w.pos = start2;
      throw err;
    }
    const len = w.pos - start2 - 1;
    const max = maxSize !== void 0 && maxSize < this.#max ? maxSize : this.#max;
    if (len > max) {
      w.pos = start2;
      throw tooLarge(len, max);
    }
    const extra = varintSize(len) - 1;
    if (extra > 0) {
      w.ensure(extra);
      w.buf.copyWithin(start2 + 1 + extra, start2 + 1, w.pos);
      w.pos += extra;
    }
    writeVarintAt(w.buf, start2, len);
    this.#frames++;
    return len;
  }
  /**
   * Returns all pending frames as one buffer and starts over. A well-filled
   * buffer is handed out as it is and replaced by a fresh one (bulk traffic:
   * no copy of every byte); a mostly empty one is copied out instead, so a
   * small flush never costs an allocation of the whole capacity.
   */
  flush() {
    const w = this.#w;
    let out;
    if (w.pos >= w.buf.length / 2 && w.pos >= 4096) {
      out = w.buf.subarray(0, w.pos);
      w.buf = new Uint8Array(w.buf.length);
    } else {
      out = w.copy();
    }
    w.pos = 0;
    this.#frames = 0;
    if (w.buf.length > 16 * this.#initialSize) w.buf = new Uint8Array(this.#initialSize);
    return out;
  }
};
var FrameDecoder = class {
  #max;
  // Varint state: value so far, weight of the next 7-bit group, bytes read.
  #len = 0;
  #mul = 1;
  #prefixBytes = 0;
  // Body being assembled across chunks.
  #body = null;
  #filled = 0;
  #error = void 0;
  constructor(options) {
    this.#max = checkMax(options?.maxFrameSize);
  }
  /** Bytes held for an incomplete frame (prefix bytes plus buffered body bytes). */
  get buffered() {
    return this.#prefixBytes + this.#filled;
  }
  /** The size of the buffer allocated for the frame being assembled (0 if none). */
  get pendingFrameSize() {
    return this.#body === null ? 0 : this.#body.length;
  }
  /** Whether an earlier error made this decoder unusable. */
  get failed() {
    return this.#error !== void 0;
  }
  #fail(err) {
    this.#error = err;
    this.#body = null;
    this.#filled = 0;
    this.#len = 0;
    this.#mul = 1;
    this.#prefixBytes = 0;
    throw err;
  }
  #checkUsable() {
    if (this.#error !== void 0) {
      throw new DecodeError("frame decoder is unusable after an earlier error", {
        cause: this.#error
      });
    }
  }
  /**
   * Consumes `chunk` and returns the frames it completes (possibly none).
   *
   * @throws {MessageTooLargeError} a declared length exceeds `maxFrameSize`.
   * @throws {DecodeError} a malformed length prefix, or the decoder already failed.
   */
  push(chunk) {
    this.#checkUsable();
    if (!(chunk instanceof Uint8Array)) throw new TypeError("chunk must be a Uint8Array");
    const out = [];
    const n = chunk.length;
    const max = this.#max;
    let p = 0;
    while (p < n) {
      let body = this.#body;
      if (body === null) {
        const b = chunk[p++];
        this.#prefixBytes++;
        this.#len += (b & 127) * this.#mul;
        if (b >= 128) {
          if (this.#prefixBytes === 8) {
            this.#fail(new DecodeError("frame length prefix longer than 8 bytes"));
          }
          this.#mul *= 128;
          if (this.#mul > max) this.#fail(tooLarge(this.#mul, max, true));
          continue;
        }
        const len = this.#len;
        if (b === 0 && this.#prefixBytes > 1) {
          this.#fail(new DecodeError("frame length prefix is not minimal (overlong varint)"));
        }
        if (len > Number.MAX_SAFE_INTEGER) {
          this.#fail(new DecodeError("frame length prefix exceeds 2^53-1"));
        }
        if (len > max) this.#fail(tooLarge(len, max));
        this.#len = 0;
        this.#mul = 1;
        this.#prefixBytes = 0;
        if (n - p >= len) {
          out.push(chunk.subarray(p, p + len));
          p += len;
          continue;
        }
        body = this.#body = new Uint8Array(len);
        this.#filled = 0;
      }
      const take = Math.min(n - p, body.length - this.#filled);
      body.set(chunk.subarray(p, p + take), this.#filled);
      this.#filled += take;
      p += take;
      if (this.#filled === body.length) {
        out.push(body);
        this.#body = null;
        this.#filled = 0;
      }
    }
    return out;
  }
  /**
   * Declares the end of the stream.
   *
   * @throws {DecodeError} the stream ended inside a frame (truncated).
   */
  finish() {
    this.#checkUsable();
    if (this.buffered > 0) {
      this.#fail(new DecodeError(`stream ended inside a frame (${this.buffered} bytes pending)`));
    }
  }
};

// lib/session/channel.ts
function tooLarge2(size, max) {
  return new MessageTooLargeError(`message of ${size} bytes exceeds the limit of ${max} bytes`);
}
function newBatch() {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {
  });
  return { promise, resolve, reject };
}
var MessageChannel = class {
  #writer;
  #readable;
  #maxMessageSize;
  #highWaterMark;
  #maxQueued;
  #metrics;
  #encoder;
  /** Largest body the peer accepts (learned in the hello); never above our own limit. */
  #sendLimit;
  #batch = null;
  #flushing = false;
  /** FIFO of messages encoded while over the high-water mark. */
  #waiting = [];
  #waitingBytes = 0;
  #error = null;
  #closedResolve;
  /** Settles with the error that ended the channel, or null for a local close. Never rejects. */
  closed;
  constructor(stream, options) {
    this.#writer = stream.writable.getWriter();
    this.#readable = stream.readable;
    this.#maxMessageSize = options.maxMessageSize;
    this.#highWaterMark = options.highWaterMark ?? 4 << 20;
    this.#maxQueued = options.maxQueuedBytes ?? Math.max(64 << 20, 4 * options.maxMessageSize + this.#highWaterMark);
    this.#metrics = options.metrics;
    this.#encoder = new FrameEncoder({ maxFrameSize: options.maxMessageSize });
    this.#sendLimit = options.maxMessageSize;
    this.closed = new Promise((resolve) => this.#closedResolve = resolve);
    this.#writer.closed.catch(
      (err) => this.#fail(new SessionClosedError("stream closed", { cause: err }))
    );
  }
  /** Lowers the largest message sent to what the peer accepts. */
  setSendLimit(bytes) {
    this.#sendLimit = Math.min(bytes, this.#maxMessageSize);
  }
  /** Starts the read loop; `onMessage` runs synchronously for each message in order. */
  start(onMessage) {
    this.#readLoop(onMessage);
  }
  /** Bytes encoded and not yet handed to the stream. */
  get queuedBytes() {
    return this.#encoder.byteLength + this.#waitingBytes;
  }
  /** True while more than the high-water mark is queued: fire-and-forget senders should hold off. */
  get backlogged() {
    return this.queuedBytes > this.#highWaterMark;
  }
  /**
   * Queues a message; messages queued in the same tick (or while the previous
   * write is in flight) go out as one stream write. Resolves once the write
   * carrying it is handed to the stream; rejects with `MessageTooLargeError`
   * (nothing sent), `TypeError` (not a valid message), `OverloadedError`
   * (over `maxQueuedBytes`, nothing sent) or `SessionClosedError`.
   */
  send(msg) {
    return this.#enqueue(msg, null);
  }
  /** Queues an already encoded message body (e.g. a broadcast being forwarded). */
  sendEncoded(body) {
    return this.#enqueue(null, body);
  }
  #enqueue(msg, body) {
    if (this.#error) return Promise.reject(this.#error);
    try {
      if (this.#waiting.length || this.#encoder.byteLength > this.#highWaterMark) {
        const bytes = body ?? encodeMessage(msg);
        if (bytes.length > this.#sendLimit) throw tooLarge2(bytes.length, this.#sendLimit);
        if (this.queuedBytes + bytes.length > this.#maxQueued) {
          throw new OverloadedError(
            `${this.queuedBytes} bytes already queued for a stream that is not draining`
          );
        }
        this.#waitingBytes += bytes.length;
        return new Promise(
          (resolve, reject) => this.#waiting.push({ body: bytes, resolve, reject })
        );
      }
      if (body) {
        if (body.length > this.#sendLimit) throw tooLarge2(body.length, this.#sendLimit);
        this.#encoder.add(body);
      } else this.#encoder.addEncoded(writeMessage, msg, this.#sendLimit);
    } catch (err) {
      return Promise.reject(err);
    }
    const batch = this.#batch ??= newBatch();
    this.#schedule();
    return batch.promise;
  }
  #schedule() {
    if (this.#flushing) return;
    this.#flushing = true;
    queueMicrotask(() => this.#flush());
  }
  /** Moves waiting messages, oldest first, into the encoder up to the high-water mark. */
  #admitWaiting() {
    while (this.#waiting.length && this.#encoder.byteLength <= this.#highWaterMark) {
      const item = this.#waiting.shift();
      this.#waitingBytes -= item.body.length;
      this.#encoder.add(item.body);
      (this.#batch ??= newBatch()).promise.then(item.resolve, item.reject);
    }
  }
  async #flush() {
    const metrics = this.#metrics;
    try {
      while (this.#encoder.frameCount && !this.#error) {
        const batch = this.#batch;
        this.#batch = null;
        const chunk = this.#encoder.flush();
        this.#admitWaiting();
        if (metrics) {
          metrics.writes++;
          metrics.bytesSent += chunk.length;
        }
        try {
          await this.#writer.ready;
          await this.#writer.write(chunk);
          batch.resolve();
        } catch (err) {
          batch.reject(err);
          throw err;
        }
      }
    } catch (err) {
      this.#fail(new SessionClosedError("write failed: stream closed", { cause: err }));
    } finally {
      this.#flushing = false;
      if (this.#encoder.frameCount && !this.#error) this.#schedule();
    }
  }
  async #readLoop(onMessage) {
    const decoder = new FrameDecoder({ maxFrameSize: this.#maxMessageSize });
    const reader = this.#readable.getReader();
    const metrics = this.#metrics;
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) throw new SessionClosedError("peer ended the stream");
        if (!value.length) continue;
        if (metrics) metrics.bytesReceived += value.length;
        for (const frame of decoder.push(value)) {
          onMessage(decodeMessage(frame, { maxBytes: this.#maxMessageSize, copyBytes: false }));
          if (this.#error) return;
        }
      }
    } catch (err) {
      this.#fail(
        err instanceof GeomeshError ? err : new SessionClosedError("stream read failed", { cause: err })
      );
    } finally {
      reader.releaseLock?.();
    }
  }
  #fail(err) {
    if (this.#error) return;
    this.#error = err;
    this.#batch?.reject(err);
    this.#batch = null;
    this.#encoder.flush();
    for (const w of this.#waiting.splice(0)) w.reject(err);
    this.#waitingBytes = 0;
    this.#closedResolve(err);
  }
  /** Stops the channel; queued messages are dropped (their sends reject). */
  close(reason = "channel closed") {
    if (this.#error) return;
    this.#fail(new SessionClosedError(reason));
    this.#writer.abort?.(reason).catch(() => {
    });
    this.#readable.cancel?.(reason).catch(() => {
    });
  }
  /** Resolves once every queued message has been handed to the stream. */
  async drain() {
    while ((this.#encoder.frameCount || this.#flushing || this.#waiting.length) && !this.#error) {
      await (this.#batch?.promise ?? new Promise((r) => setTimeout(r, 1)));
    }
  }
  /** Whether the channel has failed or was closed. */
  get isClosed() {
    return this.#error !== null;
  }
};

// lib/cert/time.ts
function toMillis(value, name) {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError(`${name} must be a valid Date or a number of milliseconds`);
  }
  return ms;
}

// lib/cert/binding.ts
var PIN_BINDING_VERSION = 1;
var MAX_BOUND_PINS = 4;
var MAX_PIN_BINDING_SIZE = 512;
var STRICT = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  rejectDuplicateMapKeys: true,
  tags: {}
};
function checkPins(pins) {
  if (!Array.isArray(pins) || pins.length < 1 || pins.length > MAX_BOUND_PINS || pins.some((p) => !(p instanceof Uint8Array) || p.length !== 32)) {
    throw new TypeError(`pins must be 1 to ${MAX_BOUND_PINS} SHA-256 values of 32 bytes`);
  }
}
async function createPinBinding(identity, options) {
  checkPins(options.pins);
  const notAfter = Math.floor(toMillis(options.notAfter, "notAfter"));
  if (notAfter < 0) throw new RangeError("notAfter must not be before 1970");
  const body = encode([
    PIN_BINDING_VERSION,
    identity.id,
    options.pins.map((p) => p.slice()),
    notAfter
  ]);
  const signature = await identity.sign(SignatureDomain.PinBinding, body);
  return encode([body, signature]);
}
function malformed(why, cause) {
  return new DecodeError(`malformed pin binding: ${why}`, cause ? { cause } : void 0);
}
function strictDecode(bytes, what) {
  try {
    return decode(bytes, STRICT);
  } catch (err) {
    throw malformed(`${what}: ${err.message}`, err);
  }
}
function decodePinBinding(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("a pin binding is a Uint8Array");
  if (bytes.length > MAX_PIN_BINDING_SIZE) {
    throw malformed(`${bytes.length} bytes, at most ${MAX_PIN_BINDING_SIZE} accepted`);
  }
  const outer = strictDecode(bytes, "envelope");
  if (!Array.isArray(outer) || outer.length !== 2 || !(outer[0] instanceof Uint8Array) || !(outer[1] instanceof Uint8Array) || outer[1].length !== SIGNATURE_LENGTH) {
    throw malformed("expected [body, 64-byte signature]");
  }
  const [body, signature] = outer;
  const fields = strictDecode(body, "body");
  if (!Array.isArray(fields) || fields.length !== 4) {
    throw malformed("body is not a 4-element array");
  }
  const [version, nodeId, pins, notAfter] = fields;
  if (version !== PIN_BINDING_VERSION) throw malformed(`unsupported version ${String(version)}`);
  if (!isNodeId(nodeId)) throw malformed("bad node id");
  try {
    checkPins(pins);
  } catch {
    throw malformed(`expected 1 to ${MAX_BOUND_PINS} pins of 32 bytes`);
  }
  if (typeof notAfter !== "number" || !Number.isSafeInteger(notAfter) || notAfter < 0) {
    throw malformed("bad notAfter");
  }
  return { binding: { nodeId, pins, notAfter: new Date(notAfter) }, body, signature };
}
async function verifyPinBinding(bytes, options = {}) {
  const { binding, body, signature } = decodePinBinding(bytes);
  if (options.nodeId !== void 0 && binding.nodeId !== options.nodeId) {
    throw new SignatureError(
      `pin binding is signed for node ${binding.nodeId}, expected ${options.nodeId}`
    );
  }
  let ok;
  try {
    ok = await verify(binding.nodeId, SignatureDomain.PinBinding, body, signature);
  } catch (err) {
    throw new SignatureError(`pin binding names an unusable node id: ${err.message}`, {
      cause: err
    });
  }
  if (!ok) {
    throw new SignatureError(`pin binding signature does not verify for node ${binding.nodeId}`);
  }
  const now = options.now === void 0 ? Date.now() : toMillis(options.now, "now");
  if (now > binding.notAfter.getTime()) {
    throw new CertificateError(
      `pin binding of node ${binding.nodeId} expired at ${binding.notAfter.toISOString()}`
    );
  }
  if (options.pin !== void 0) {
    if (!(options.pin instanceof Uint8Array)) throw new TypeError("pin must be a Uint8Array");
    const seen = options.pin;
    if (!binding.pins.some((p) => p.length === seen.length && p.every((b, i) => b === seen[i]))) {
      const seenText = seen.length === 32 ? pinToString(seen) : `${seen.length} bytes`;
      throw new PinMismatchError(
        `TLS pin ${seenText} is not bound to node ${binding.nodeId} (bound: ${binding.pins.map(pinToString).join(", ")})`
      );
    }
  }
  return binding;
}

// lib/session/handshake.ts
var PROTOCOL_VERSION = 4;
var NONCE_BYTES = 32;
var MAX_ADDRESS_LENGTH = 1024;
var encoder2 = new TextEncoder();
function transcript(parts) {
  const { label, verifierNonce, signerNonce, verifierId, signerId, certificateHash } = parts;
  const h = certificateHash ?? new Uint8Array(0);
  const list = [
    encoder2.encode(label),
    verifierNonce,
    signerNonce,
    encoder2.encode(verifierId),
    encoder2.encode(signerId)
  ];
  list.push(Uint8Array.of(h.length), h);
  const out = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const part of list) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
function namedCertificate(hello2) {
  if (hello2.pins === void 0) return void 0;
  if (hello2.pins.length !== 1 || hello2.pins[0].length !== 32) {
    throw new AuthenticationError("handshake: bad certificate hash in hello");
  }
  return hello2.pins[0];
}
var MISMATCH_LINGER_MS = 1e3;
async function linger(channel, ms) {
  let timer;
  await Promise.race([
    channel.next().then(() => {
    }, () => {
    }),
    new Promise((r) => timer = setTimeout(r, ms))
  ]);
  clearTimeout(timer);
}
var show2 = (hash) => hash ? pinToString(hash) : "none";
function dialerBinding(opts, named) {
  const pins = opts.dialPins;
  const seen = opts.peerCertificateHash;
  if (seen) {
    if (pins.length && !pins.some((p) => samePin(p, seen))) {
      throw new PinMismatchError(
        `handshake: the session presented certificate ${show2(seen)}, which matches none of the pins`
      );
    }
    if (!samePin(named, seen)) {
      throw new PinMismatchError(
        `handshake: the listener served certificate ${show2(named)} but this session presented ${show2(seen)}: something in between holds another certificate`
      );
    }
    return seen;
  }
  if (pins.length && !pins.some((p) => samePin(p, named))) {
    throw new PinMismatchError(
      `handshake: the listener served certificate ${show2(named)}, which matches none of the pins`
    );
  }
  return named;
}
async function expect(channel, type) {
  const msg = await channel.next();
  if (msg.type !== type) {
    throw new AuthenticationError(`handshake: expected ${type}, got ${msg.type}`);
  }
  return msg;
}
function checkHello(hello2) {
  if (hello2.version !== PROTOCOL_VERSION) {
    throw new AuthenticationError(`handshake: unsupported protocol version ${hello2.version}`);
  }
  if (!(hello2.nonce instanceof Uint8Array) || hello2.nonce.length !== NONCE_BYTES) {
    throw new AuthenticationError("handshake: bad nonce");
  }
  let derived;
  try {
    derived = nodeIdFromPublicKey(hello2.publicKey);
  } catch (err) {
    throw new AuthenticationError("handshake: bad public key", { cause: err });
  }
  if (derived !== hello2.nodeId) {
    throw new AuthenticationError("handshake: node id does not match its public key");
  }
  if (!["client", "server", "hybrid"].includes(hello2.mode)) {
    throw new AuthenticationError("handshake: bad mode");
  }
  if (hello2.address !== void 0) {
    let named;
    try {
      named = hello2.address.length <= MAX_ADDRESS_LENGTH ? parseAddress(hello2.address).nodeId : void 0;
    } catch {
    }
    if (named !== hello2.nodeId) throw new AuthenticationError("handshake: bad address");
  }
}
async function withTimeout(work, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`handshake did not finish within ${ms} ms`)),
      ms
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof GeomeshError) throw err;
    throw new AuthenticationError("handshake failed", { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
function hello(opts, nonce, certificate, binding) {
  const msg = {
    type: "hello",
    version: PROTOCOL_VERSION,
    nodeId: opts.identity.id,
    publicKey: opts.identity.publicKey,
    nonce,
    mode: opts.mode
  };
  if (certificate) msg.pins = [certificate];
  if (binding) msg.binding = binding;
  if (opts.maxMessageSize) msg.maxMessageSize = opts.maxMessageSize;
  if (opts.address) msg.address = opts.address;
  return msg;
}
function peerOf(hello2) {
  return {
    peerId: hello2.nodeId,
    mode: hello2.mode,
    address: hello2.address,
    maxMessageSize: hello2.maxMessageSize
  };
}
function dialerHandshake(channel, opts) {
  return withTimeout(
    (async () => {
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      await channel.send(hello(opts, nonce, opts.peerCertificateHash));
      const theirs = await expect(channel, "hello");
      checkHello(theirs);
      if (opts.expectedId && theirs.nodeId !== opts.expectedId) {
        throw new AuthenticationError(
          `handshake: dialed node ${opts.expectedId} but reached ${theirs.nodeId}`
        );
      }
      const certificate = dialerBinding(opts, namedCertificate(theirs));
      if (opts.dialPins.length) {
        if (!theirs.binding) {
          throw new AuthenticationError("handshake: listener sent no pin binding");
        }
        const now = opts.now?.() ?? /* @__PURE__ */ new Date();
        await verifyPinBinding(theirs.binding, { nodeId: theirs.nodeId, pin: certificate, now });
      }
      const auth = await expect(channel, "auth");
      const serverProof = transcript({
        label: "srv",
        signerNonce: theirs.nonce,
        verifierNonce: nonce,
        signerId: theirs.nodeId,
        verifierId: opts.identity.id,
        certificateHash: certificate
      });
      if (!await verify(theirs.nodeId, "hello", serverProof, auth.signature)) {
        throw new AuthenticationError(
          "handshake: listener's signature does not verify (for the certificate of this session)"
        );
      }
      const clientProof = transcript({
        label: "cli",
        signerNonce: nonce,
        verifierNonce: theirs.nonce,
        signerId: opts.identity.id,
        verifierId: theirs.nodeId,
        certificateHash: certificate
      });
      await channel.send({
        type: "auth",
        signature: await opts.identity.sign("hello", clientProof)
      });
      const welcome = await expect(channel, "welcome");
      if (welcome.nodeId !== opts.identity.id) {
        throw new AuthenticationError(
          "handshake: welcome for another node"
        );
      }
      return peerOf(theirs);
    })(),
    opts.timeoutMs
  );
}
function listenerHandshake(channel, opts) {
  return withTimeout(
    (async () => {
      const theirs = await expect(channel, "hello");
      checkHello(theirs);
      if (theirs.nodeId === opts.identity.id) {
        throw new AuthenticationError(
          "handshake: a node cannot dial itself"
        );
      }
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const served = opts.certificateHash;
      const seen = namedCertificate(theirs);
      if (seen && !samePin(seen, served)) {
        channel.send(hello(opts, nonce, served, opts.binding)).catch(() => {
        });
        await linger(channel, MISMATCH_LINGER_MS);
        throw new PinMismatchError(
          `handshake: the dialer saw certificate ${show2(seen)} but we served ${show2(served)}: something in between holds another certificate`
        );
      }
      const serverProof = transcript({
        label: "srv",
        signerNonce: nonce,
        verifierNonce: theirs.nonce,
        signerId: opts.identity.id,
        verifierId: theirs.nodeId,
        certificateHash: served
      });
      const signature = await opts.identity.sign("hello", serverProof);
      channel.send(hello(opts, nonce, served, opts.binding)).catch(() => {
      });
      await channel.send({ type: "auth", signature });
      const auth = await expect(channel, "auth");
      const clientProof = transcript({
        label: "cli",
        signerNonce: theirs.nonce,
        verifierNonce: nonce,
        signerId: theirs.nodeId,
        verifierId: opts.identity.id,
        certificateHash: served
      });
      if (!await verify(theirs.nodeId, "hello", clientProof, auth.signature)) {
        throw new AuthenticationError(
          "handshake: dialer's signature does not verify (for the certificate we served)"
        );
      }
      await channel.send({ type: "welcome", nodeId: theirs.nodeId });
      return peerOf(theirs);
    })(),
    opts.timeoutMs
  );
}

// lib/session/inbox.ts
var Inbox = class {
  #items = [];
  #waiters = [];
  #error = null;
  /** Adds a message, waking one waiter. */
  push(msg) {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(msg);
    else this.#items.push(msg);
  }
  /** Next message; rejects once the inbox failed and is empty. */
  next() {
    const item = this.#items.shift();
    if (item) return Promise.resolve(item);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }
  /** Rejects current and future waiters with `err`. */
  fail(err) {
    this.#error ??= err;
    for (const w of this.#waiters.splice(0)) w.reject(err);
  }
  /** Removes and returns what is buffered. */
  drain() {
    return this.#items.splice(0);
  }
};

// lib/session/pending.ts
function abortError(signal) {
  return new AbortedError("request aborted", { cause: signal.reason });
}
var PendingReplies = class {
  #entries = /* @__PURE__ */ new Map();
  /** Entries still waiting. */
  get size() {
    return this.#entries.size;
  }
  /** The entry waiting under `id`, if any. */
  get(id) {
    return this.#entries.get(id);
  }
  /** Every waiting entry (a snapshot: settling entries while iterating is safe). */
  values() {
    return [...this.#entries.values()];
  }
  /**
   * Registers `id` and resolves with its reply; rejects with `TimeoutError`
   * after `timeoutMs`, `AbortedError` on `signal`, or whatever `reject` gets.
   */
  wait(id, extra, options) {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const done = () => {
        this.#entries.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        done();
        reject(abortError(signal));
      };
      const timer = setTimeout(() => {
        done();
        reject(new TimeoutError(options.timeoutMessage()));
      }, options.timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#entries.set(id, {
        extra,
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (err) => {
          done();
          reject(err);
        }
      });
    });
  }
};

// lib/session/link.ts
var MAX_VERIFYING = 256;
var MAX_VIOLATIONS = 100;
var DATAGRAMS_PER_SECOND = 4096;
var DATAGRAM_FLOOD_STEP = 32;
var BROADCASTS_PER_SECOND = 500;
var Bucket = class {
  constructor(rate) {
    this.rate = rate;
    this.#tokens = 2 * rate;
  }
  rate;
  #tokens;
  #at = performance.now();
  take() {
    const now = performance.now();
    this.#tokens = Math.min(2 * this.rate, this.#tokens + (now - this.#at) * this.rate / 1e3);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
};
var DATAGRAM_TYPES = /* @__PURE__ */ new Set(["discover", "discovery-response"]);
var PeerLink = class {
  id;
  mode;
  dialed;
  /** The transport session (for the pool and tests; engines use the methods). */
  session;
  /** The framed message channel (for the pool and tests; engines use the methods). */
  channel;
  /** Address the peer advertised or we dialed. */
  address;
  /** Last measured round-trip time. */
  rttMs;
  #lastActivity = performance.now();
  #lastReceived = performance.now();
  #retiring = false;
  #deliberate = false;
  #verifying = 0;
  #warnings = { windowStart: 0, count: 0 };
  #violations = { windowStart: 0, count: 0 };
  #broadcasts = new Bucket(BROADCASTS_PER_SECOND);
  #nextRequestId = 1;
  #pending = new PendingReplies();
  #pings = /* @__PURE__ */ new Map();
  #nextPing = 1;
  /** Heartbeat pings in flight: seq -> `performance.now()` sent (a few; oldest dropped). */
  #beats = /* @__PURE__ */ new Map();
  #datagramWriter;
  #metrics;
  constructor(init) {
    this.id = init.id;
    this.mode = init.mode;
    this.dialed = init.dialed;
    this.session = init.session;
    this.channel = init.channel;
    this.address = init.address;
    this.#metrics = init.metrics;
  }
  /** Protocol of the underlying session. */
  get protocol() {
    return this.session.protocol;
  }
  /** `performance.now()` of the last frame either way (what idle closing looks at). */
  get lastActivity() {
    return this.#lastActivity;
  }
  /** `performance.now()` of the last frame or datagram received from the peer. */
  get lastReceived() {
    return this.#lastReceived;
  }
  /** True once retired (a goodbye was sent or received): no new messages go out on it. */
  get retiring() {
    return this.#retiring;
  }
  /** True when the session ends on purpose (duplicate, idle, feeler, node closing): no reconnect. */
  get deliberate() {
    return this.#deliberate;
  }
  /** A frame came that counts as activity (keeps the session from idling out). */
  touch() {
    this.#lastActivity = this.#lastReceived = performance.now();
  }
  /** Something came that shows the peer alive but is not activity (gossip, datagrams). */
  heard() {
    this.#lastReceived = performance.now();
  }
  /**
   * Stops new messages going out on this link, queues `goodbye` (after what
   * is already queued) when given, and marks the end deliberate (no
   * reconnect) unless `deliberate` is false. Resolves once the goodbye is
   * written. The pool calls it; nothing else changes a link's lifecycle.
   */
  retire(goodbye, deliberate = true) {
    this.#retiring = true;
    if (deliberate) this.#deliberate = true;
    return goodbye ? this.channel.send({ type: "goodbye", ...goodbye }) : Promise.resolve();
  }
  /** Sends one message on the channel. */
  send(msg) {
    this.#lastActivity = performance.now();
    return this.channel.send(msg);
  }
  /** Sends without counting as activity: gossip must not keep an idle session open. */
  sendPassive(msg) {
    return this.channel.send(msg);
  }
  /** Sends an already encoded frame body (relays pass frames on without re-encoding). */
  sendEncoded(body) {
    this.#lastActivity = performance.now();
    return this.channel.sendEncoded(body);
  }
  /** True while the channel's send queue is over its high-water mark. */
  get backlogged() {
    return this.channel.backlogged;
  }
  /** Bytes queued on the channel, not yet written. */
  get queuedBytes() {
    return this.channel.queuedBytes;
  }
  /** Largest datagram the session carries (0: none). */
  get maxDatagramSize() {
    return this.session.datagrams.maxDatagramSize || 0;
  }
  /**
   * Runs `check` (a signature verification of one of this peer's frames, or
   * signing a reply to one) unless {@linkcode MAX_VERIFYING} are already
   * running; undefined means the frame is to be dropped.
   */
  cryptoBounded(check) {
    if (this.#verifying >= MAX_VERIFYING) return void 0;
    this.#verifying++;
    return check().finally(() => this.#verifying--);
  }
  /**
   * Whether a warning about this peer's input may be logged now: at most 10
   * per 10 s, so a peer sending garbage cannot flood the log (the rest go to
   * debug; the error counters count them all).
   */
  mayWarn() {
    const now = performance.now();
    if (now - this.#warnings.windowStart > 1e4) this.#warnings = { windowStart: now, count: 0 };
    return ++this.#warnings.count <= 10;
  }
  /**
   * Counts one protocol violation of this peer (input that can never be
   * valid); true once more than {@linkcode MAX_VIOLATIONS} fell within 10 s.
   * No honest peer sends that, and each costs a decode and an error while
   * the peer pays nothing.
   */
  violated() {
    const now = performance.now();
    if (now - this.#violations.windowStart > 1e4) {
      this.#violations = { windowStart: now, count: 0 };
    }
    return ++this.#violations.count > MAX_VIOLATIONS;
  }
  /** Spends one of this peer's broadcast budget; false: drop the frame unchecked. */
  takeBroadcast() {
    return this.#broadcasts.take();
  }
  /** Requests of ours still waiting for a response. */
  get pendingRequests() {
    return this.#pending.size;
  }
  /**
   * Sends a request and resolves with the matching response message; rejects
   * with `TimeoutError`, `AbortedError` (signal) or the send's error. Every
   * exit removes the timer and the abort listener (a signal may be reused).
   */
  request(msg, timeoutMs, signal) {
    const id = this.#nextRequestId++;
    const reply2 = this.#pending.wait(id, null, {
      timeoutMs,
      signal,
      timeoutMessage: () => `request to ${this.id} got no reply within ${timeoutMs} ms`
    });
    if (this.#pending.get(id)) {
      this.send({ ...msg, type: "request", id }).catch(
        (err) => this.#pending.get(id)?.reject(err)
      );
    }
    return reply2;
  }
  /** Routes a response to its pending request; false if nobody waits for it. */
  settle(msg) {
    const entry = this.#pending.get(msg.id);
    if (!entry) return false;
    entry.resolve(msg);
    return true;
  }
  /** Starts reading datagrams (ping/pong); other datagram types go to `onOther`. */
  startDatagrams(onOther, onBad) {
    (async () => {
      const reader = this.session.datagrams.readable.getReader();
      const rate = new Bucket(DATAGRAMS_PER_SECOND);
      let over = 0;
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done) return;
          this.#metrics.datagramsReceived++;
          this.#lastReceived = performance.now();
          if (!rate.take()) {
            if (++over % DATAGRAM_FLOOD_STEP === 0) {
              onBad(
                new ProtocolError(`over ${DATAGRAMS_PER_SECOND} datagrams/s (${over} dropped)`)
              );
            }
            continue;
          }
          let msg;
          try {
            msg = decodeMessage(value, {
              maxBytes: this.session.datagrams.maxDatagramSize || 1200
            });
          } catch (err) {
            onBad(err);
            continue;
          }
          if (msg.type === "ping") this.#sendDatagram({ type: "pong", seq: msg.seq, ts: msg.ts });
          else if (msg.type === "pong") {
            const waiting = this.#pings.get(msg.seq);
            const beat = this.#beats.get(msg.seq);
            if (waiting) {
              this.#pings.delete(msg.seq);
              this.rttMs = performance.now() - waiting.sent;
              waiting.resolve(this.rttMs);
            } else if (beat !== void 0) {
              this.#beats.delete(msg.seq);
              this.rttMs = performance.now() - beat;
            }
          } else if (DATAGRAM_TYPES.has(msg.type)) onOther(msg);
          else onBad(new ProtocolError(`a ${msg.type} message may not come as a datagram`));
        }
      } catch {
      }
    })();
  }
  /**
   * Sends `msg` as one datagram if it fits (best effort: it may be lost);
   * false when it is too large or the session has no datagrams.
   */
  datagram(msg) {
    const max = this.session.datagrams.maxDatagramSize;
    const bytes = encodeMessage(msg);
    if (!max || bytes.length > max) return false;
    try {
      this.#datagramWriter ??= this.session.datagrams.writable.getWriter();
      this.#metrics.datagramsSent++;
      this.#datagramWriter.write(bytes).catch(() => {
      });
      return true;
    } catch {
      return false;
    }
  }
  #sendDatagram(msg) {
    try {
      this.#datagramWriter ??= this.session.datagrams.writable.getWriter();
      this.#metrics.datagramsSent++;
      this.#datagramWriter.write(encodeMessage(msg)).catch(() => {
      });
    } catch {
    }
  }
  /**
   * Sends one keep-alive ping datagram, fire and forget: its pong (any
   * datagram, in fact) refreshes `lastReceived` and the RTT. Liveness sends
   * these while the peer is quiet.
   */
  heartbeat() {
    const seq = this.#nextPing++;
    this.#beats.set(seq, performance.now());
    if (this.#beats.size > 8) this.#beats.delete(this.#beats.keys().next().value);
    this.#sendDatagram({ type: "ping", seq, ts: Date.now() });
  }
  /** Round-trip time over datagrams, retried up to 3 times (datagrams may be lost). */
  async ping(timeoutMs) {
    const attempts = 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const seq = this.#nextPing++;
      try {
        return await new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            this.#pings.delete(seq);
            reject(
              new TimeoutError(`no pong from ${this.id} within ${timeoutMs / attempts | 0} ms`)
            );
          }, timeoutMs / attempts);
          this.#pings.set(seq, {
            sent: performance.now(),
            resolve: (ms) => {
              clearTimeout(timer);
              resolve(ms);
            },
            reject: (e) => {
              clearTimeout(timer);
              reject(e);
            }
          });
          this.#sendDatagram({ type: "ping", seq, ts: Date.now() });
        });
      } catch (err) {
        if (!(err instanceof TimeoutError) || attempt === attempts) throw err;
      }
    }
    throw new TimeoutError("unreachable");
  }
  /** Fails everything pending with `err`. */
  failPending(err) {
    for (const entry of this.#pending.values()) entry.reject(err);
    for (const [seq, ping] of this.#pings) {
      ping.reject(err);
      this.#pings.delete(seq);
    }
  }
  /** Closes the session (idempotent). */
  close(closeCode, reason) {
    this.failPending(new SessionClosedError(`session with ${this.id} closed: ${reason}`));
    this.channel.close(reason);
    try {
      this.session.close({ closeCode, reason });
    } catch {
    }
  }
};

// lib/session/authenticate.ts
var CloseCode = {
  Normal: 0,
  Goodbye: 1,
  Duplicate: 2,
  AuthFailed: 3,
  ProtocolError: 4,
  TooLarge: 5,
  Overloaded: 6,
  Idle: 7
};
async function firstStream(session, timeoutMs) {
  const reader = session.incomingBidirectionalStreams.getReader();
  let timer;
  try {
    const result = await Promise.race([
      reader.read(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new TimeoutError("peer opened no control stream")),
          timeoutMs
        );
      })
    ]);
    if (result.done) throw new SessionClosedError("session ended before its control stream");
    return result.value;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}
function closeCodeFor(err) {
  const auth = err instanceof AuthenticationError || err instanceof GeomeshError && (err.code === "BAD_SIGNATURE" || err.code === "PIN_MISMATCH");
  return auth ? CloseCode.AuthFailed : CloseCode.ProtocolError;
}
async function authenticateSession(session, opts) {
  let channel;
  const deadline = performance.now() + opts.timeoutMs;
  try {
    const stream = opts.dialed ? await session.createBidirectionalStream() : await firstStream(session, opts.timeoutMs);
    const ch = channel = new MessageChannel(stream, {
      maxMessageSize: opts.maxMessageSize,
      metrics: opts.metrics
    });
    const inbox = new Inbox();
    let handler = (msg) => inbox.push(msg);
    ch.start((msg) => handler(msg));
    ch.closed.then((err) => inbox.fail(err ?? new SessionClosedError("channel closed")));
    const hs = { send: (m) => ch.send(m), next: () => inbox.next() };
    const base = {
      identity: opts.identity,
      mode: opts.mode,
      timeoutMs: Math.max(1, deadline - performance.now()),
      maxMessageSize: opts.maxMessageSize
    };
    const result = opts.dialed ? await dialerHandshake(hs, {
      ...base,
      expectedId: opts.expectedId,
      dialPins: opts.pins ?? [],
      // The handshake is bound to the certificate of this very session.
      peerCertificateHash: session.peerCertificateHash
    }) : await listenerHandshake(hs, {
      ...base,
      binding: opts.binding,
      address: opts.address,
      certificateHash: session.localCertificateHash
    });
    if (result.maxMessageSize) ch.setSendLimit(result.maxMessageSize);
    const link2 = new PeerLink({
      id: result.peerId,
      mode: result.mode,
      dialed: opts.dialed,
      session,
      channel: ch,
      address: result.address,
      metrics: opts.metrics
    });
    for (const early of inbox.drain()) opts.dispatch(link2, early);
    handler = (msg) => opts.dispatch(link2, msg);
    return link2;
  } catch (err) {
    channel?.close("handshake failed");
    try {
      session.close({
        closeCode: closeCodeFor(err),
        reason: err instanceof Error ? err.message.slice(0, 100) : "handshake failed"
      });
    } catch {
    }
    if (err instanceof GeomeshError) throw err;
    throw new ConnectError("session setup failed", { cause: err });
  }
}

// lib/session/liveness.ts
var DEAD_AFTER_INTERVALS = 2.5;
var CHECKS_PER_INTERVAL = 4;
function checkLiveness(links, keepAliveMs, dead) {
  const now = performance.now();
  for (const link2 of links) {
    if (link2.retiring) continue;
    const silentMs = now - link2.lastReceived;
    if (silentMs > DEAD_AFTER_INTERVALS * keepAliveMs) dead(link2);
    else if (silentMs >= keepAliveMs / CHECKS_PER_INTERVAL) link2.heartbeat();
  }
}
function idleLinks(links, idleTimeoutMs, busy) {
  const now = performance.now();
  const out = [];
  for (const link2 of links) {
    if (link2.retiring || now - link2.lastActivity <= idleTimeoutMs) continue;
    if (link2.pendingRequests > 0 || busy(link2)) continue;
    out.push(link2);
  }
  return out;
}
function settleWithin(promise, ms) {
  let timer;
  return Promise.race([
    promise.then(() => true, () => false),
    new Promise((r) => timer = setTimeout(() => r(false), ms))
  ]).finally(() => clearTimeout(timer));
}

// lib/node/reconnect.ts
var Reconnector = class {
  #opts;
  #state = /* @__PURE__ */ new Map();
  #stopped = false;
  constructor(options) {
    this.#opts = options;
  }
  /** Schedules the next attempt for `id`, replacing any pending one (never two chains). */
  schedule(id) {
    if (this.#stopped) return;
    const state = this.#state.get(id) ?? { attempt: 0 };
    clearTimeout(state.timer);
    const { baseMs, maxMs } = this.#opts;
    const delay = Math.min(maxMs, baseMs * 2 ** Math.min(state.attempt, 30)) * (0.5 + Math.random() * 0.5);
    state.attempt++;
    state.timer = setTimeout(() => {
      state.timer = void 0;
      this.#opts.attempt(id)?.then(
        () => this.cancel(id),
        (err) => {
          this.#opts.failed?.(id, state.attempt, err);
          if (this.#state.get(id) === state && !state.timer) this.schedule(id);
        }
      );
    }, delay);
    this.#state.set(id, state);
  }
  /** Forgets `id` (it connected): the next loss starts from the first delay. */
  cancel(id) {
    clearTimeout(this.#state.get(id)?.timer);
    this.#state.delete(id);
  }
  /** Cancels everything; later `schedule` calls do nothing. */
  clear() {
    this.#stopped = true;
    for (const s of this.#state.values()) clearTimeout(s.timer);
    this.#state.clear();
  }
};

// lib/node/pool.ts
var GOSSIP = /* @__PURE__ */ new Set(["discover", "discovery-response"]);
var DUPLICATE_GRACE_MS = 2e3;
var FAREWELL_MS = 1e3;
var PeerPool = class {
  #host;
  #listener;
  #links = /* @__PURE__ */ new Map();
  #dialing = /* @__PURE__ */ new Map();
  #known = /* @__PURE__ */ new Map();
  #reconnect;
  /** Sessions not yet closed, authenticated or not (close() ends them all). */
  #sessions = /* @__PURE__ */ new Set();
  #timers = /* @__PURE__ */ new Set();
  #intervals = [];
  #stop = new AbortController();
  #closing = false;
  #closed;
  constructor(host, listener) {
    this.#host = host;
    this.#listener = listener;
    const { keepAliveMs, idleTimeoutMs, bootstrap, reconnectBaseMs, reconnectMaxMs } = host.config;
    this.#reconnect = new Reconnector({
      baseMs: reconnectBaseMs,
      maxMs: reconnectMaxMs,
      attempt: (id) => {
        const address = this.#known.get(id);
        if (this.#closing || this.#links.has(id) || !address) return void 0;
        return this.connect(address);
      },
      failed: (id, attempt, err) => this.#host.logger.debug("reconnect failed", { peer: id, attempt, err })
    });
    if (listener) this.#acceptLoop(listener);
    if (keepAliveMs > 0) {
      const dead = (link2) => {
        if (this.#links.get(link2.id) !== link2) return;
        this.#host.logger.warn("peer unresponsive, closing its session", { peer: link2.id });
        link2.retire(void 0, false);
        link2.close(CloseCode.Normal, "peer unresponsive");
      };
      const every = Math.max(10, Math.floor(keepAliveMs / CHECKS_PER_INTERVAL));
      this.#intervals.push(
        setInterval(() => checkLiveness(this.#links.values(), keepAliveMs, dead), every)
      );
    }
    if (idleTimeoutMs > 0) {
      const every = Math.max(10, Math.floor(idleTimeoutMs / 4));
      this.#intervals.push(setInterval(() => this.#closeIdle(), every));
    }
    for (const address of bootstrap) {
      this.connect(address).catch((err) => {
        this.#host.logger.warn("bootstrap dial failed; retrying", { address, err });
        const id = parseAddress(address).nodeId;
        if (err instanceof GeomeshError && !this.#links.has(id)) this.#reconnect.schedule(id);
      });
    }
  }
  /** Every registered session (one per peer), including ones being retired. */
  links() {
    return this.#links.values();
  }
  /** Sessions new messages may go out on: registered and not retiring. */
  usable() {
    const out = [];
    for (const link2 of this.#links.values()) if (!link2.retiring) out.push(link2);
    return out;
  }
  /**
   * Retires `link` with a goodbye and closes it after
   * `graceMs` unless the peer closes first: for duplicates, idle sessions and
   * discovery's feelers. No reconnect follows.
   */
  retire(link2, options) {
    const { goodbye, graceMs, closeReason = goodbye.reason } = options;
    if (link2.retiring) return;
    link2.retire(goodbye).catch(() => {
    });
    this.#later(graceMs, () => link2.close(goodbye.code, closeReason));
  }
  /** The usable session with `id`: registered and not retiring. */
  direct(id) {
    const link2 = this.#links.get(id);
    return link2 && !link2.retiring ? link2 : void 0;
  }
  /** Addresses this node dialed, by peer id. */
  known() {
    return this.#known;
  }
  /** Whether `close()` was called. */
  get closing() {
    return this.#closing;
  }
  /**
   * Dials `address` (unless already connected or being dialed) and resolves
   * with the peer's node id once it is authenticated. Unless `remember` is
   * false, the address is kept for redialing after a loss.
   */
  connect(address, options = {}) {
    const { signal, remember = true } = options;
    if (this.#closing) return Promise.reject(new SessionClosedError("node is closed"));
    if (this.#host.mode === "server") {
      return Promise.reject(new TypeError("a server-mode node does not dial"));
    }
    if (signal !== void 0 && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError("signal must be an AbortSignal"));
    }
    let parsed;
    try {
      parsed = parseAddress(address);
    } catch (err) {
      return Promise.reject(err);
    }
    if (parsed.nodeId === this.#host.identity.id) {
      return Promise.reject(new TypeError("a node cannot connect to itself"));
    }
    if (remember || this.#known.has(parsed.nodeId)) this.#known.set(parsed.nodeId, address);
    if (this.#links.get(parsed.nodeId)?.retiring === false) return Promise.resolve(parsed.nodeId);
    const inflight = this.#dialing.get(parsed.nodeId);
    if (inflight) return inflight;
    const dial = this.#dial(parsed, address, signal).finally(
      () => this.#dialing.delete(parsed.nodeId)
    );
    this.#dialing.set(parsed.nodeId, dial);
    return dial;
  }
  async #dial(parsed, address, userSignal) {
    const { url, protocol, pins } = dialTarget(parsed, this.#host.transport);
    const signal = userSignal ? AbortSignal.any([this.#stop.signal, userSignal]) : this.#stop.signal;
    const timeoutMs = this.#host.config.connectTimeoutMs;
    const started = performance.now();
    try {
      const session = await this.#host.transport.dial(url, {
        ...SESSION_TUNING,
        congestionControl: this.#host.config.congestionControl,
        certificateHashes: pins.length ? pins : void 0,
        timeoutMs,
        signal,
        protocol
      });
      const link2 = await this.#setupSession(session, true, {
        expectedId: parsed.nodeId,
        pins,
        timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)),
        signal
      });
      link2.address = address;
      this.#host.logger.debug("dialed", {
        peer: link2.id,
        protocol,
        ms: Math.round(performance.now() - started)
      });
      return link2.id;
    } catch (err) {
      if (this.#closing) throw new SessionClosedError("node is closing", { cause: err });
      if (signal.aborted && !(err instanceof AbortedError)) {
        throw new AbortedError(`dial ${parsed.nodeId} aborted`, { cause: err });
      }
      throw err;
    }
  }
  async #acceptLoop(listener) {
    const reader = listener.sessions.getReader();
    const { maxPeers, connectTimeoutMs } = this.#host.config;
    try {
      while (true) {
        const { value: session, done } = await reader.read();
        if (done) return;
        if (this.#closing) {
          session.close({ closeCode: CloseCode.Goodbye, reason: "node closing" });
          return;
        }
        if (this.#links.size >= maxPeers) {
          this.#host.logger.warn("session refused: maxPeers reached", {
            remote: session.remoteAddress
          });
          this.#host.metrics.sessionsRejected++;
          session.close({ closeCode: CloseCode.Overloaded, reason: "too many peers" });
          continue;
        }
        this.#setupSession(session, false, { timeoutMs: connectTimeoutMs }).catch(() => {
        });
      }
    } catch (err) {
      if (!this.#closing) this.#host.logger.error("accept loop ended", { err });
    }
  }
  async #setupSession(session, dialed, opts) {
    const host = this.#host;
    this.#sessions.add(session);
    session.closed.then(() => this.#sessions.delete(session));
    const abort = () => session.close({ closeCode: CloseCode.Goodbye, reason: "dial aborted" });
    opts.signal?.addEventListener("abort", abort, { once: true });
    try {
      if (this.#closing || opts.signal?.aborted) {
        abort();
        throw new SessionClosedError("node is closing");
      }
      const link2 = await authenticateSession(session, {
        expectedId: opts.expectedId,
        pins: opts.pins,
        timeoutMs: opts.timeoutMs,
        dialed,
        identity: host.identity,
        mode: host.mode,
        maxMessageSize: host.config.maxMessageSize,
        metrics: host.metrics,
        binding: host.binding(),
        address: dialed ? void 0 : host.address(),
        dispatch: (l, msg) => {
          if (GOSSIP.has(msg.type)) l.heard();
          else l.touch();
          host.dispatch(l, msg);
        }
      });
      if (this.#closing) {
        link2.close(CloseCode.Goodbye, "node closing");
        throw new SessionClosedError("node is closing");
      }
      this.#register(link2);
      return link2;
    } catch (err) {
      host.metrics.sessionsRejected++;
      host.metrics.errors++;
      host.logger.warn("session refused", { remote: session.remoteAddress, dialed, err });
      throw err;
    } finally {
      opts.signal?.removeEventListener("abort", abort);
    }
  }
  /** Which node dialed `link`. */
  #dialerOf(link2) {
    return link2.dialed ? this.#host.identity.id : link2.id;
  }
  #register(link2) {
    const existing = this.#links.get(link2.id);
    if (!existing && !link2.dialed && this.#links.size >= this.#host.config.maxPeers) {
      link2.close(CloseCode.Overloaded, "too many peers");
      throw new OverloadedError("too many peers");
    }
    if (existing) {
      const keepNew = existing.retiring || this.#dialerOf(link2) === this.#dialerOf(existing) || this.#dialerOf(link2) < this.#dialerOf(existing);
      this.#host.logger.debug("duplicate session", {
        peer: link2.id,
        kept: keepNew ? "new" : "existing"
      });
      if (!keepNew) return this.#retire(link2);
      this.#retire(existing);
      this.#links.set(link2.id, link2);
    } else {
      this.#links.set(link2.id, link2);
      this.#host.metrics.sessions = this.#links.size;
      this.#host.metrics.sessionsOpened++;
    }
    this.#reconnect.cancel(link2.id);
    link2.startDatagrams(
      (msg) => this.#host.dispatch(link2, msg),
      (err) => this.#host.bad(link2, err)
    );
    link2.session.closed.then((info) => this.#lost(link2, info.reason, info.error));
    link2.channel.closed.then((err) => {
      if (err && !link2.retiring) {
        if (err instanceof GeomeshError && err.code !== "SESSION_CLOSED") this.#host.bad(link2, err);
        link2.close(CloseCode.ProtocolError, err.message.slice(0, 100));
      }
    });
    if (!existing) this.#host.connected(link2);
  }
  /** Stops sending on a duplicate; it closes once the peer's goodbye arrives (or after a grace period). */
  #retire(link2) {
    const goodbye = { code: CloseCode.Duplicate, reason: "duplicate" };
    this.retire(link2, { goodbye, graceMs: DUPLICATE_GRACE_MS, closeReason: "duplicate session" });
  }
  /** A one-shot timer that close() clears. */
  #later(ms, fn) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }
  #lost(link2, reason, error) {
    link2.failPending(
      new SessionClosedError(`session with ${link2.id} closed: ${reason}`, { cause: error })
    );
    if (this.#links.get(link2.id) !== link2) return;
    this.#links.delete(link2.id);
    this.#host.metrics.sessions = this.#links.size;
    this.#host.disconnected(link2, reason);
    if (!this.#closing && !link2.deliberate && this.#known.has(link2.id)) {
      this.#reconnect.schedule(link2.id);
    }
  }
  /** Handles a `goodbye` from `link`'s peer. */
  goodbye(link2, msg) {
    if (msg.code === CloseCode.Duplicate) {
      if (this.#links.get(link2.id) === link2) return;
      link2.retire();
      link2.close(CloseCode.Duplicate, "duplicate session");
      return;
    }
    link2.retire(void 0, msg.code === CloseCode.Idle);
    link2.close(CloseCode.Goodbye, msg.reason ?? "goodbye");
  }
  /** Closes sessions without frames either way for `idleTimeoutMs`, unless work is in flight. */
  #closeIdle() {
    const busy = (link2) => this.#host.busy(link2);
    for (const link2 of idleLinks(this.#links.values(), this.#host.config.idleTimeoutMs, busy)) {
      this.#host.logger.info("closing idle session", { peer: link2.id });
      this.retire(link2, { goodbye: { code: CloseCode.Idle, reason: "idle" }, graceMs: 200 });
    }
  }
  /**
   * Says goodbye to every peer after what is queued for it, waits (bounded)
   * for the peer to acknowledge by closing, ends every other session, aborts
   * dials in flight and releases the listener. Idempotent: every call returns
   * the same promise.
   */
  close() {
    return this.#closed ??= this.#close();
  }
  async #close() {
    this.#closing = true;
    this.#stop.abort(new SessionClosedError("node closing"));
    for (const t of this.#intervals) clearInterval(t);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#reconnect.clear();
    await Promise.all([...this.#links.values()].map((link2) => this.#farewell(link2)));
    for (const session of this.#sessions) {
      try {
        session.close({ closeCode: CloseCode.Goodbye, reason: "node closing" });
      } catch {
      }
    }
    await this.#listener?.close();
  }
  async #farewell(link2) {
    const bye = link2.retire({ code: CloseCode.Goodbye, reason: "node closing" });
    if (await settleWithin(bye, FAREWELL_MS)) await settleWithin(link2.session.closed, FAREWELL_MS);
    link2.close(CloseCode.Goodbye, "node closing");
  }
};

// lib/protocols/routing/router.ts
var MAX_HOPS = 4;
var MAX_ROUTES = 1e4;
var MIN_SILENCE_MS = 250;
var MAX_SILENCE_MS = 2e3;
var SILENT_DEMOTION_MS = 1e4;
function routedSignedPart(m) {
  return encodeValue(
    [
      m.type,
      m.from,
      m.to,
      m.id,
      (m.type === "request" ? m.actor : void 0) ?? null,
      m.ts ?? 0,
      m.payload
    ]
  );
}
function responsePart(m) {
  const error = m.error ? [m.error.code, m.error.message] : null;
  return encodeValue(["response", m.from, m.to, m.id, m.payload ?? null, error]);
}
var Router = class {
  #host;
  #routes = /* @__PURE__ */ new Map();
  /** Origins whose route is being learned (a frame's signature check; bounded by the crypto budget). */
  #learning = /* @__PURE__ */ new Map();
  /** Relays that stayed silent on a frame of ours, until when they are tried last. */
  #silentUntil = /* @__PURE__ */ new Map();
  #pending = new PendingReplies();
  #seen = new SeenWindow();
  #newOrigins = new OriginBudget();
  #nextId = Date.now() * 1e3;
  constructor(host) {
    this.#host = host;
  }
  /** Known relay for each node reached (or heard from) through one. */
  routes() {
    return this.#routes;
  }
  /**
   * Delivers through relays and resolves with the reply (null for a message).
   * Tries, in turn: the target's own servers we have sessions with, one of
   * them dialed, the relay that last carried the target's verified traffic,
   * then every other server-mode peer; the next one when a relay refuses or
   * stays silent. Rejects with the last relay's refusal (`UnknownPeerError`,
   * `OverloadedError`) when every relay refused, `TimeoutError` when no
   * answer came in time.
   */
  async send(options) {
    const { target, timeoutMs, signal } = options;
    if (signal?.aborted) throw abortError(signal);
    let via = this.#host.viaOf(target);
    if (!via.length && !this.#routes.has(target)) {
      await this.#host.lookup(target);
      via = this.#host.viaOf(target);
    }
    const msg = await this.#signed(options);
    const delivery = {
      id: msg.id,
      target,
      relays: /* @__PURE__ */ new Set(),
      refused: /* @__PURE__ */ new Set(),
      searching: true
    };
    const reply2 = this.#pending.wait(msg.id, delivery, {
      timeoutMs,
      signal,
      timeoutMessage: () => `no reply from ${target} within ${timeoutMs} ms (relays tried: ${[...delivery.relays].join(", ") || "none"})`
    });
    let settled = false;
    const done = reply2.then(() => settled = true, () => settled = true);
    const silenceMs = Math.min(MAX_SILENCE_MS, Math.max(MIN_SILENCE_MS, timeoutMs / 4));
    const candidates = this.#candidates(target, via);
    const over = done.then(() => ({ done: true, value: void 0 }));
    while (!settled) {
      const next = await Promise.race([candidates.next(), over]);
      if (next.done) break;
      const relay = next.value;
      const woken = new Promise((r) => delivery.wake = r);
      delivery.relays.add(relay.id);
      relay.send(msg).catch((err) => this.#refused(msg.id, relay.id, err));
      let timer;
      const silent = await Promise.race([
        done.then(() => false),
        woken.then(() => false),
        new Promise((r) => timer = setTimeout(() => r(true), silenceMs))
      ]);
      clearTimeout(timer);
      if (silent && !settled) {
        this.#silentUntil.set(relay.id, performance.now() + SILENT_DEMOTION_MS);
      }
    }
    void candidates.return(void 0).catch(() => {
    });
    delivery.searching = false;
    if (!settled) this.#giveUpIfRefused(msg.id);
    return await reply2;
  }
  /** A new routed frame of ours, stamped and signed. */
  async #signed(o) {
    const msg = {
      type: o.kind,
      id: ++this.#nextId,
      from: this.#host.identity.id,
      to: o.target,
      payload: o.payload,
      hops: 0,
      ts: Date.now()
    };
    if (o.actor !== void 0) {
      if (msg.type !== "request") throw new TypeError("an actor is addressed by a request");
      msg.actor = o.actor;
    }
    msg.sig = await this.#host.identity.sign("message", routedSignedPart(msg));
    return msg;
  }
  /**
   * Relays to try for `target`, best first: its signed servers we have
   * sessions with, then those dialed, the learned route, any other relay.
   */
  async *#candidates(target, via) {
    const tried = /* @__PURE__ */ new Set([target]);
    const fresh = (l) => {
      if (!l || tried.has(l.id)) return false;
      tried.add(l.id);
      return true;
    };
    const near = via.map((id) => this.#relayLink(id)).filter((l) => l !== void 0);
    for (const l of this.#nearestFirst(near)) if (fresh(l)) yield l;
    for (const id of via) {
      if (tried.has(id)) continue;
      const l = await this.#host.dialRelay(id).catch(() => void 0);
      if (fresh(l)) yield l;
    }
    const learned = this.#relayLink(this.#routes.get(target));
    if (fresh(learned)) yield learned;
    for (const relay of this.#nearestFirst(this.#host.relays())) if (fresh(relay)) yield relay;
  }
  /**
   * `links` by measured round-trip time (unmeasured after measured), with
   * relays that recently stayed silent on a frame of ours last: a dead or cut
   * relay costs one silence period, not one per frame until keep-alive notices.
   */
  #nearestFirst(links) {
    const now = performance.now();
    const rank = (l) => {
      const silent = (this.#silentUntil.get(l.id) ?? 0) > now;
      return (silent ? 1e9 : 0) + (l.rttMs ?? 1e6);
    };
    return [...links].sort((a, b) => rank(a) - rank(b));
  }
  /** Relay `relayId` refused our frame `id` (or its session failed): try the next one. */
  #refused(id, relayId, err) {
    const entry = this.#pending.get(id);
    if (!entry || !entry.extra.relays.has(relayId)) return;
    entry.extra.refused.add(relayId);
    entry.extra.lastRefusal = err;
    entry.extra.wake?.();
    this.#giveUpIfRefused(id);
  }
  /** Rejects `id` once no relay is left to try and every relay it went through refused. */
  #giveUpIfRefused(id) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    const d = entry.extra;
    if (d.searching || d.refused.size < d.relays.size) return;
    entry.reject(
      d.lastRefusal ?? new UnknownPeerError(`no session with ${d.target.slice(0, 60)} and no relay reaches it`)
    );
  }
  /** Handles a frame carrying `to`: forwards it, or accepts it as routed to us. */
  handle(link2, msg) {
    const me = this.#host.identity.id;
    if (msg.to !== me) return this.#forward(link2, msg);
    if (msg.from === void 0 || typeof msg.id !== "number" || !msg.sig) {
      return this.#bad(link2, new SignatureError(`unsigned routed ${msg.type} from ${link2.id}`));
    }
    if (msg.type === "response") this.#onResponse(link2, msg);
    else this.#onRouted(link2, msg);
  }
  /** The live session with `id` if that peer relays (not client mode), except `not`. */
  #relayLink(id, not) {
    const l = id === void 0 ? void 0 : this.#host.link(id);
    return l && l !== not && l.mode !== "client" ? l : void 0;
  }
  /** The session a frame for `to` goes out on next (never back where it came from). */
  #nextHop(to, from) {
    const direct = this.#host.link(to);
    if (direct && direct !== from) return direct;
    for (const server of this.#host.viaOf(to)) {
      const l = this.#relayLink(server, from);
      if (l) return l;
    }
    return this.#relayLink(this.#routes.get(to), from);
  }
  #forward(link2, msg) {
    const learning = this.#learning.get(msg.to);
    if (learning && !(this.#host.relaying && this.#nextHop(msg.to, link2))) {
      return void learning.then(() => this.#forwardNow(link2, msg));
    }
    this.#forwardNow(link2, msg);
  }
  #forwardNow(link2, msg) {
    const next = this.#host.relaying ? this.#nextHop(msg.to, link2) : void 0;
    const hops = msg.hops ?? 0;
    const from = msg.from;
    if (from && from !== link2.id && !this.#host.link(from) && this.#routes.get(from) !== link2.id) {
      this.#learn(link2, msg);
    }
    let error;
    if (!next || hops >= MAX_HOPS) {
      this.#host.logger.debug("cannot relay", { from: msg.from, to: msg.to, hops });
      error = {
        code: UnknownPeerError.code,
        message: hops >= MAX_HOPS ? "hop limit reached" : `relay ${this.#host.identity.id} has no session with ${msg.to}`
      };
    } else if (next.backlogged) {
      this.#host.metrics.errors++;
      this.#host.logger.debug("relay backlogged", { to: msg.to, queued: next.queuedBytes });
      error = { code: OverloadedError.code, message: `relay backlog for ${msg.to} is full` };
    } else {
      this.#host.metrics.messagesRelayed++;
      next.send({ ...msg, hops: hops + 1 }).catch(
        (err) => this.#host.logger.debug("relay failed", { err })
      );
      return;
    }
    if (msg.type !== "response" && typeof msg.id === "number" && msg.from) {
      this.#refuse(link2, msg.from, msg.id, error, `unroutable ${msg.type}`);
    }
  }
  /**
   * Learns that `msg.from` is reached through `link` if the origin's
   * signature on `msg` verifies (and a routed frame is fresh). Runs beside
   * the forwarding, bounded by the link's crypto budget (shed: not learned).
   */
  #learn(link2, msg) {
    const from = msg.from;
    if (!msg.sig) return;
    if (msg.type !== "response" && this.#seen.check(from, msg.id ?? 0, msg.ts ?? 0) === "stale") {
      return;
    }
    const checking = link2.cryptoBounded(
      () => msg.type === "response" ? verify(from, "response", responsePart(msg), msg.sig) : verify(from, "message", routedSignedPart(msg), msg.sig)
    );
    if (!checking) return;
    const learned = checking.then(
      (valid) => void (valid && !this.#host.link(from) && this.#remember(from, link2.id)),
      () => {
      }
    ).finally(() => {
      if (this.#learning.get(from) === learned) this.#learning.delete(from);
    });
    this.#learning.set(from, learned);
  }
  /**
   * Counts a frame dropped because too many of the peer's signatures are
   * being checked, or because it introduced too many new origins (logged at
   * debug level: under a flood, one line per frame would be a second flood).
   */
  shed(link2, what, reason = "too many signatures being checked") {
    this.#host.metrics.errors++;
    this.#host.logger.debug("frame dropped", { peer: link2.id, what, reason });
  }
  /**
   * Answers routed frame `id` of `from` with a signed error. Bounded by the
   * link's crypto budget: a flood of frames to refuse must not queue signatures.
   */
  #refuse(link2, from, id, error, what) {
    const signing = link2.cryptoBounded(
      () => this.#reply(link2, from, id, { error }).then(() => true)
    );
    if (!signing) this.shed(link2, what);
  }
  async #onRouted(link2, msg) {
    const from = msg.from, id = msg.id;
    if (msg.ts === void 0) {
      return this.#bad(link2, new ProtocolError(`routed ${msg.type} from ${from} has no timestamp`));
    }
    if (!this.#admit(link2, msg, this.#seen.check(from, id, msg.ts))) return;
    if (!this.#seen.knows(from) && !this.#newOrigins.take(link2)) {
      return this.shed(link2, `routed ${msg.type}`, "too many new origins from this peer");
    }
    try {
      const checking = link2.cryptoBounded(
        () => verify(from, "message", routedSignedPart(msg), msg.sig)
      );
      if (!checking) return this.shed(link2, `routed ${msg.type}`);
      if (!await checking) throw new SignatureError("bad signature");
    } catch (err) {
      return this.#bad(
        link2,
        new SignatureError(`forged routed ${msg.type} claiming origin ${from}`, { cause: err })
      );
    }
    if (!this.#admit(link2, msg, this.#seen.add(from, id, msg.ts))) return;
    if (!this.#host.link(from)) this.#remember(from, link2.id);
    this.#host.metrics.messagesReceived++;
    const { type: kind, payload } = msg;
    const actor = msg.type === "request" ? msg.actor : void 0;
    const outcome = await outcomeOf(
      () => this.#host.deliver({ kind, from, via: link2.id, actor, payload })
    );
    this.#reply(
      link2,
      from,
      id,
      "error" in outcome || kind === "request" ? outcome : { payload: null }
    );
  }
  /** Acts on the replay window's verdict for a routed frame; true if it may go on. */
  #admit(link2, msg, verdict) {
    const from = msg.from, id = msg.id;
    switch (verdict) {
      case "new":
        return true;
      case "duplicate":
        this.#host.logger.debug("duplicate routed frame", { peer: link2.id, from, id });
        return false;
      case "stale": {
        const err = new StaleError(
          `routed ${msg.type} from ${from} dated ${msg.ts} is outside the freshness window (local clock ${Date.now()})`
        );
        this.#bad(link2, err);
        this.#refuse(link2, from, id, { code: StaleError.code, message: err.message }, "stale");
        return false;
      }
      default: {
        const message = "replay window full of fresh origins";
        this.#bad(link2, new OverloadedError(`${message}: refused ${msg.type} from ${from}`));
        this.#refuse(link2, from, id, { code: OverloadedError.code, message }, "window full");
        return false;
      }
    }
  }
  #remember(target, relay) {
    this.#routes.delete(target);
    this.#routes.set(target, relay);
    if (this.#routes.size > MAX_ROUTES) this.#routes.delete(this.#routes.keys().next().value);
  }
  /**
   * Signs and sends a routed response. A reply that cannot be encoded or is
   * too large becomes an error reply, so the requester never just times out;
   * nothing here rejects (it runs unawaited).
   */
  async #reply(link2, to, id, outcome) {
    const send = async (o) => {
      const res = { type: "response", id, from: this.#host.identity.id, to, hops: 0 };
      if ("error" in o) res.error = o.error;
      else res.payload = o.payload;
      res.sig = await this.#host.identity.sign("response", responsePart(res));
      await link2.send(res);
    };
    const fields = { to, routed: true };
    const logger = this.#host.logger;
    if (await sendOutcome(send, outcome, { logger, fields })) this.#host.metrics.errors++;
  }
  async #onResponse(link2, msg) {
    const entry = this.#pending.get(msg.id);
    if (!entry) return void this.#host.logger.debug("late routed response", { id: msg.id });
    const target = entry.extra.target;
    const code = msg.error?.code;
    const fromRelay = msg.from !== target && (code === UnknownPeerError.code || code === OverloadedError.code);
    if (msg.from !== target && !fromRelay) {
      return this.#bad(
        link2,
        new SignatureError(`routed response from ${msg.from} for a request to ${target}`)
      );
    }
    try {
      const checking = link2.cryptoBounded(
        () => verify(msg.from, "response", responsePart(msg), msg.sig)
      );
      if (!checking) return this.shed(link2, "routed response");
      if (!await checking) throw new SignatureError("bad signature");
    } catch (err) {
      return this.#bad(
        link2,
        new SignatureError(`forged routed response claiming origin ${msg.from}`, { cause: err })
      );
    }
    if (this.#pending.get(msg.id) !== entry) return;
    if (fromRelay) {
      const err = code === UnknownPeerError.code ? new UnknownPeerError(msg.error.message) : new OverloadedError(msg.error.message);
      return this.#refused(msg.id, link2.id, err);
    }
    if (link2.id !== target && !this.#host.link(target)) this.#remember(target, link2.id);
    if (!msg.error) return entry.resolve(msg.payload ?? null);
    entry.reject(this.#host.remoteError(msg.error));
  }
  #bad(link2, err) {
    this.#host.metrics.errors++;
    this.#host.logger[link2.mayWarn() ? "warn" : "debug"]("refused routed frame", {
      peer: link2.id,
      err
    });
  }
  /** Moves frames that went out through `relayId` on to other relays (its session ended). */
  relayLost(relayId) {
    this.#silentUntil.delete(relayId);
    for (const entry of this.#pending.values()) {
      if (!entry.extra.relays.has(relayId)) continue;
      this.#refused(
        entry.extra.id,
        relayId,
        new SessionClosedError(`relay ${relayId} went away before ${entry.extra.target} answered`)
      );
    }
    for (const [target, relay] of this.#routes) if (relay === relayId) this.#routes.delete(target);
  }
};

// lib/protocols/discovery/filter.ts
var K = 3;
var BITS_PER_KEY = 10;
var HEADER = 5;
var MAX_FILTER_BYTES = 4096;
function fnv1a(key, seed) {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
function recordKey(id, issuedAt) {
  return `${id}:${issuedAt}`;
}
function buildFilter(keys, maxBytes, salt = Math.random() * 4294967296 >>> 0) {
  const list = [...keys];
  const bitsWanted = Math.max(64, list.length * BITS_PER_KEY);
  const size = Math.max(8, Math.min(maxBytes - HEADER, Math.ceil(bitsWanted / 8)));
  const out = new Uint8Array(HEADER + size);
  new DataView(out.buffer).setUint32(0, salt);
  out[4] = K;
  const bits = out.subarray(HEADER);
  for (const key of list) forEachBit(key, salt, K, size * 8, (i) => bits[i >> 3] |= 1 << (i & 7));
  return out;
}
function filterHas(filter, key) {
  const { salt, k, bits } = readFilter(filter);
  let all = true;
  forEachBit(key, salt, k, bits.length * 8, (i) => {
    if (!(bits[i >> 3] & 1 << (i & 7))) all = false;
  });
  return all;
}
function filterTest(filter) {
  readFilter(filter);
  return (key) => filterHas(filter, key);
}
function readFilter(filter) {
  if (filter.length < HEADER + 1 || filter.length > HEADER + MAX_FILTER_BYTES) {
    throw new ProtocolError(`discovery filter of ${filter.length} bytes`);
  }
  const k = filter[4];
  if (k < 1 || k > 8) throw new ProtocolError(`discovery filter with k = ${k}`);
  const salt = new DataView(filter.buffer, filter.byteOffset, 4).getUint32(0);
  return { salt, k, bits: filter.subarray(HEADER) };
}
function forEachBit(key, salt, k, m, f) {
  const h1 = fnv1a(key, salt);
  const h2 = fnv1a(key, salt ^ 2654435769) | 1;
  for (let i = 0; i < k; i++) f((h1 + Math.imul(i, h2) >>> 0) % m);
}

// lib/protocols/discovery/record.ts
var RECORD_TTL_MS = 10 * 6e4;
var MAX_CLOCK_SKEW_MS = 15e3;
var MAX_RECORD_BYTES = 1024;
var MAX_VIA = 8;
var MODES2 = ["client", "server", "hybrid"];
var NODE_ID3 = /^[a-z2-7]{52}$/;
function signedPart(address, mode, issuedAt, via) {
  return encodeValue(via.length ? [address, mode, issuedAt, via] : [address, mode, issuedAt]);
}
async function createRecord(identity, address, mode, options = {}) {
  const { issuedAt = Date.now(), via = [] } = options;
  if (parseAddress(address).nodeId !== identity.id) {
    throw new TypeError("a record's address must name the signing node");
  }
  if (via.length > MAX_VIA || via.some((v) => !NODE_ID3.test(v))) {
    throw new TypeError(`via must list at most ${MAX_VIA} node ids`);
  }
  const sig = await identity.sign(
    SignatureDomain.PeerRecord,
    signedPart(address, mode, issuedAt, via)
  );
  const bytes = encodeValue(
    via.length ? [address, mode, issuedAt, sig, via] : [address, mode, issuedAt, sig]
  );
  return { id: identity.id, address, mode, issuedAt, via: [...via], bytes };
}
function readRecord(bytes) {
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new ProtocolError(`peer record of ${bytes.length} bytes (max ${MAX_RECORD_BYTES})`);
  }
  const value = decodeValue(bytes, { maxDepth: 2, maxBytes: MAX_RECORD_BYTES });
  if (!Array.isArray(value) || value.length !== 4 && value.length !== 5 || typeof value[0] !== "string" || typeof value[1] !== "string" || !MODES2.includes(value[1]) || typeof value[2] !== "number" || !(value[3] instanceof Uint8Array)) {
    throw new ProtocolError("malformed peer record");
  }
  const [address, mode, issuedAt, sig] = value;
  const via = value.length === 5 ? value[4] : [];
  if (!Array.isArray(via) || value.length === 5 && via.length === 0 || via.length > MAX_VIA || via.some((v) => typeof v !== "string" || !NODE_ID3.test(v))) {
    throw new ProtocolError("peer record with a malformed via list");
  }
  let id;
  try {
    id = parseAddress(address).nodeId;
  } catch (err) {
    throw new ProtocolError("peer record with a bad address", { cause: err });
  }
  return { record: { id, address, mode, issuedAt, via, bytes }, sig };
}
async function verifyRecord(bytes, now = Date.now()) {
  const { record, sig } = readRecord(bytes);
  checkAge(record, now);
  const signed = signedPart(record.address, record.mode, record.issuedAt, record.via);
  let valid = false;
  try {
    valid = await verify(record.id, SignatureDomain.PeerRecord, signed, sig);
  } catch (err) {
    throw new SignatureError("peer record with an invalid signer", { cause: err });
  }
  if (!valid) throw new SignatureError(`forged peer record for ${record.id}`);
  return record;
}
function checkAge(record, now) {
  if (record.issuedAt > now + MAX_CLOCK_SKEW_MS) {
    throw new ProtocolError("peer record dated in the future");
  }
  if (record.issuedAt + RECORD_TTL_MS < now) throw new ProtocolError("expired peer record");
}

// lib/protocols/discovery/table.ts
var MAX_BACKOFF_MS = 5 * 6e4;
var SUSPECT_AFTER_FAILURES = 3;
function sourceCap(max) {
  return Math.max(8, Math.floor(max / 8));
}
var PeerTable = class {
  #max;
  #cap;
  #entries = /* @__PURE__ */ new Map();
  /** Ids of the entries not yet dialed, by source: the shares the cap and eviction look at. */
  #bySource = /* @__PURE__ */ new Map();
  #pinned;
  /**
   * @param options.max most entries held
   * @param options.pinned ids never evicted (e.g. connected peers)
   */
  constructor(options) {
    this.#max = options.max;
    this.#cap = sourceCap(options.max);
    this.#pinned = options.pinned ?? (() => false);
  }
  /** Entries held. */
  get size() {
    return this.#entries.size;
  }
  /** Most unproven entries one source may hold here. */
  get cap() {
    return this.#cap;
  }
  /** Unproven entries held that were learned through `source`. */
  heldFrom(source) {
    return this.#bySource.get(source)?.size ?? 0;
  }
  /** The entry of `id`. */
  get(id) {
    return this.#entries.get(id);
  }
  /** True if a record of `id` at least as new as `issuedAt` is held (no need to verify another). */
  holds(id, issuedAt) {
    const e = this.#entries.get(id);
    return e !== void 0 && e.issuedAt >= issuedAt;
  }
  /**
   * Stores a verified record. A newer version replaces the held one (clearing
   * its dial failures; the source it was first learned through keeps it,
   * unless the subject itself sent it); a new one is admitted under the
   * per-source cap and the eviction rules of this module.
   */
  put(record, options = {}) {
    const now = options.now ?? Date.now();
    const source = options.source ?? "";
    const fresh = (prev) => {
      const own = source === record.id;
      const dialed = !!options.dialed || prev !== void 0 && prev.dialed && prev.address === record.address;
      return {
        ...record,
        failures: 0,
        retryAt: 0,
        arrivedAt: now,
        expiresAt: Math.min(record.issuedAt, now) + RECORD_TTL_MS,
        source: prev && !own ? prev.source : source,
        dialed,
        relay: dialed || !!options.relay || prev !== void 0 && prev.relay && !own && prev.address === record.address
      };
    };
    const old = this.#entries.get(record.id);
    if (old) {
      if (old.issuedAt >= record.issuedAt) return "stale";
      this.#unshare(old);
      this.#store(fresh(old));
      return "updated";
    }
    const entry = fresh();
    if (!entry.dialed && this.heldFrom(source) >= this.#cap) {
      const victim = this.#firstToGo(this.#bySource.get(source));
      if (!victim || !goesBefore(victim, entry)) return "capped";
      this.delete(victim.id);
    } else if (this.#entries.size >= this.#max && !this.#makeRoom(entry)) return "full";
    this.#store(entry);
    return "new";
  }
  /** Forgets `id`. */
  delete(id) {
    const e = this.#entries.get(id);
    if (!e) return false;
    this.#unshare(e);
    return this.#entries.delete(id);
  }
  /** Drops expired entries (by local lifetime); returns the ids dropped. */
  expire(now = Date.now()) {
    const gone = [];
    for (const [id, e] of this.#entries) {
      if (e.expiresAt < now) {
        this.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }
  /** Every entry. */
  entries() {
    return this.#entries.values();
  }
  /** Records worth passing on: allowed to relay, and not suspected dead by our own failed dials. */
  *shareable() {
    for (const e of this.#entries.values()) {
      if (e.relay && e.failures < SUSPECT_AFTER_FAILURES) yield e;
    }
  }
  /** Notes a failed dial: backs off exponentially (1 s, 2 s, ... up to 5 min). */
  dialFailed(id, now = Date.now()) {
    const e = this.#entries.get(id);
    if (!e) return;
    e.failures++;
    e.retryAt = now + Math.min(MAX_BACKOFF_MS, 1e3 * 2 ** (e.failures - 1));
  }
  /**
   * Notes a successful dial of `id`: the entry is proven (protected from
   * unproven ones, no longer counted in its source's share) and may be passed
   * on. Returns true if it was not proven before.
   */
  dialSucceeded(id) {
    const e = this.#entries.get(id);
    if (!e) return false;
    e.failures = e.retryAt = 0;
    if (e.dialed) return false;
    this.#unshare(e);
    e.dialed = e.relay = true;
    return true;
  }
  #store(e) {
    this.#entries.set(e.id, e);
    if (e.dialed) return;
    const share = this.#bySource.get(e.source);
    if (share) share.add(e.id);
    else this.#bySource.set(e.source, /* @__PURE__ */ new Set([e.id]));
  }
  #unshare(e) {
    const share = this.#bySource.get(e.source);
    if (!share?.delete(e.id)) return;
    if (!share.size) this.#bySource.delete(e.source);
  }
  /** The unpinned entry among `ids` to go first (suspects, then earliest expiry). */
  #firstToGo(ids) {
    let victim;
    for (const id of ids) {
      const e = this.#entries.get(id);
      if (!this.#pinned(id) && (!victim || goesBefore(e, victim))) victim = e;
    }
    return victim;
  }
  /**
   * Evicts one entry for `entry` (not yet stored): a suspect, else an
   * unproven one of the largest share (counting `entry` in its own source's),
   * if it goes before `entry`; a proven `entry` may also displace the
   * earliest-expiring proven one.
   */
  #makeRoom(entry) {
    let suspect;
    for (const e of this.#entries.values()) {
      if (isSuspect(e) && !this.#pinned(e.id) && (!suspect || goesBefore(e, suspect))) suspect = e;
    }
    if (suspect) return this.delete(suspect.id);
    let victim, victimShare = 0;
    for (const [source, ids] of this.#bySource) {
      const share = ids.size + (source === entry.source && !entry.dialed ? 1 : 0);
      if (share < victimShare) continue;
      const first = this.#firstToGo(ids);
      if (first && (share > victimShare || !victim || goesBefore(first, victim))) {
        victim = first;
        victimShare = share;
      }
    }
    const ownShare = entry.dialed ? 0 : this.heldFrom(entry.source) + 1;
    if (victim && (victimShare > ownShare || victimShare === ownShare && goesBefore(victim, entry))) return this.delete(victim.id);
    if (!entry.dialed) return false;
    const proven = this.#firstToGo(
      [...this.#entries.values()].filter((e) => e.dialed).map((e) => e.id)
    );
    return proven !== void 0 && goesBefore(proven, entry) && this.delete(proven.id);
  }
};
function isSuspect(e) {
  return e.failures >= SUSPECT_AFTER_FAILURES;
}
function goesBefore(a, b) {
  if (isSuspect(a) !== isSuspect(b)) return isSuspect(a);
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt;
  return a.arrivedAt < b.arrivedAt;
}

// lib/protocols/discovery/gossip.ts
var MAX_RECORDS_PER_ANSWER = 64;
var PUSH_FANOUT = 8;
var LOOKUPS_PER_SECOND = 50;
var MIN_ANSWER_INTERVAL_MS = 100;
var RESPONSE_OVERHEAD = 8;
var MAX_FILTER_BYTES2 = 900;
var ANSWER_BYTES_PER_SECOND = 16 * 1024;
var ANSWER_BURST_BYTES = 32 * 1024;
var DIALS_PER_SECOND = 2;
var DIAL_BURST = 4;
var FEELER_GRACE_MS = 250;
var MAX_SOURCE_BACKOFF_MS = 5 * 6e4;
var MAX_SOURCE_BACKOFFS = 1024;
var Budget = class {
  constructor(rate, burst) {
    this.rate = rate;
    this.burst = burst;
    this.#tokens = burst;
  }
  rate;
  burst;
  #tokens;
  #at = performance.now();
  /** Tokens available now. */
  available(now = performance.now()) {
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#at) * this.rate);
    this.#at = now;
    return this.#tokens;
  }
  /** Takes `n` tokens if available. */
  take(n, now = performance.now()) {
    if (this.available(now) < n) return false;
    this.#tokens -= n;
    return true;
  }
};
var Discovery = class {
  /** Known peers (verified records). */
  table;
  #host;
  #own;
  #signing;
  #timer;
  #stopped = false;
  #lastAnswer = /* @__PURE__ */ new WeakMap();
  /** Answer bytes each peer may still get. */
  #answerBudget = /* @__PURE__ */ new WeakMap();
  /** Client-mode records each server session may still vouch for (relay on). */
  #vouchBudget = /* @__PURE__ */ new WeakMap();
  /** Automatic dials in flight: node id -> the source and host they tie up. */
  #dialing = /* @__PURE__ */ new Map();
  #dialBudget = new Budget(DIALS_PER_SECOND / 1e3, DIAL_BURST);
  /** A feeler dial is in flight. */
  #feeling = false;
  /** Sources whose records failed to dial, backing off. */
  #sourceBackoff = /* @__PURE__ */ new Map();
  /** Lookups waiting for a record, by node id. */
  #waiters = /* @__PURE__ */ new Map();
  /** Lookups answered per peer in the current second. */
  #lookups = /* @__PURE__ */ new WeakMap();
  /** Newly learned records waiting to be pushed on, with the peer each came from. */
  #outbox = [];
  /** The pending push batch (cleared by `stop`, so a stopped node leaves no timer). */
  #pushTimer;
  /**
   * Record versions already pushed (bounded, oldest forgotten first): in a mesh
   * larger than the table, an evicted record comes back as "new"; without this
   * it would circulate for ever.
   */
  #pushed = /* @__PURE__ */ new Set();
  #maxPushed;
  constructor(host) {
    this.#host = host;
    this.table = new PeerTable({ max: host.maxKnownPeers, pinned: (id) => host.linked(id) });
    this.#maxPushed = Math.max(4096, 4 * host.maxKnownPeers);
    this.#schedule();
  }
  /** A new session: exchange own records and ask for the peer's view. */
  async connected(link2) {
    if (link2.dialed) this.#proven(link2.id, link2.id);
    const own = await this.#ownRecord();
    if (this.#stopped || link2.retiring) return;
    if (own) this.#send(link2, { type: "discovery-response", peers: [own.bytes] });
    this.#ask(link2);
  }
  /**
   * A session ended. One closed for idleness is not redialed to keep the
   * degree (that would undo `idleTimeoutMs`); the peer stays known.
   */
  disconnected(id, idle) {
    const entry = this.table.get(id);
    if (entry && idle) entry.retryAt = Date.now() + RECORD_TTL_MS;
    if (this.#own?.via.includes(id)) {
      this.#ownRecord().catch((err) => this.#host.logger.warn("record refresh failed", { err }));
    }
  }
  /** Handles `discover` and `discovery-response` from `link` (datagram or stream). */
  handle(link2, msg) {
    if (this.#stopped) return;
    if (msg.type === "discover") this.#answer(link2, msg);
    else void this.#learn(link2, msg.peers);
  }
  /** The address `id` can be dialed at, from its record (undefined: unknown, or not dialable). */
  dialAddress(id) {
    const entry = this.table.get(id);
    return entry && entry.mode !== "client" ? entry.address : void 0;
  }
  /** The servers `id` said it is attached to (empty when it can be dialed, or is unknown). */
  viaOf(id) {
    return this.table.get(id)?.via ?? [];
  }
  /** Re-signs this node's record now (its address or pins changed). */
  refresh() {
    this.#own = void 0;
  }
  /** Stops the rounds. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#pushTimer);
    this.#outbox = [];
    for (const list of [...this.#waiters.values()]) for (const done of list) done(false);
  }
  #schedule() {
    if (this.#stopped) return;
    const jitter = 0.75 + Math.random() * 0.5;
    this.#timer = setTimeout(() => this.#round(), Math.round(this.#host.intervalMs * jitter));
  }
  async #round() {
    try {
      for (const id of this.table.expire()) {
        this.#host.logger.debug("peer record expired", { peer: id });
      }
      await this.#ownRecord();
      const links = this.#host.links();
      const servers = links.filter((l) => l.mode !== "client");
      const pool = servers.length ? servers : links;
      if (pool.length) this.#ask(pool[Math.floor(Math.random() * pool.length)]);
      this.#keepDegree();
      this.#feel();
    } catch (err) {
      this.#host.logger.warn("discovery round failed", { err });
    } finally {
      this.#schedule();
    }
  }
  /**
   * This node's current record: re-signed when its address or attachments
   * changed or it is a quarter-TTL old, and then pushed to peers at once (so
   * routes to a client-mode node follow it, and nobody's copy expires).
   */
  async #ownRecord() {
    for (let attempt = 0; attempt < 3; attempt++) {
      const want = this.#wantedRecord();
      const own = this.#own;
      if (!want) return this.#own = void 0;
      if (own && own.address === want.address && own.via.join() === want.via.join() && Date.now() - own.issuedAt < RECORD_TTL_MS / 4) return own;
      if (this.#signing) {
        await this.#signing;
        continue;
      }
      this.#signing = createRecord(this.#host.identity, want.address, this.#host.mode, {
        via: want.via
      }).then((rec) => {
        this.#own = rec;
        this.#push(rec, "");
        return rec;
      }).finally(() => this.#signing = void 0);
      await this.#signing;
    }
    return this.#own;
  }
  /** What this node's record should say: its address, or for a node without a host the servers it is attached to. */
  #wantedRecord() {
    const address = this.#host.address();
    if (!address) return void 0;
    if (parseAddress(address).host !== void 0) return { address, via: [] };
    const via = this.#host.links().filter((l) => l.mode !== "client").map((l) => l.id).sort().slice(0, MAX_VIA);
    return via.length ? { address, via } : void 0;
  }
  #ask(link2) {
    const keys = [...this.table.entries()].map((e) => recordKey(e.id, e.issuedAt));
    const max = link2.maxDatagramSize;
    const room = max ? Math.min(MAX_FILTER_BYTES2, max - 32) : MAX_FILTER_BYTES2;
    const msg = { type: "discover", limit: MAX_RECORDS_PER_ANSWER };
    if (keys.length && room > 16) msg.filter = buildFilter(keys, room);
    this.#send(link2, msg);
  }
  #answer(link2, msg) {
    if (msg.want !== void 0) return this.#answerLookup(link2, msg.want);
    const now = performance.now();
    if (now - (this.#lastAnswer.get(link2) ?? -Infinity) < MIN_ANSWER_INTERVAL_MS) {
      return this.#host.logger.debug("discover too soon; not answered", { peer: link2.id });
    }
    this.#lastAnswer.set(link2, now);
    let has = () => false;
    if (msg.filter) {
      try {
        has = filterTest(msg.filter);
      } catch (err) {
        return this.#host.bad(link2, err);
      }
    }
    const limit = Math.min(msg.limit ?? MAX_RECORDS_PER_ANSWER, MAX_RECORDS_PER_ANSWER);
    const out = [];
    const leaf = link2.mode === "client";
    const consider = (rec) => {
      if (rec.id === link2.id || leaf && rec.mode === "client") return;
      if (!has(recordKey(rec.id, rec.issuedAt))) out.push(rec.bytes);
    };
    if (this.#own) consider(this.#own);
    for (const e of this.table.shareable()) consider(e);
    shuffle(out);
    this.#sendRecords(link2, this.#withinBudget(link2, out.slice(0, limit)));
  }
  /** The records that fit in `link`'s answer budget (spent); the rest are shed and counted. */
  #withinBudget(link2, records) {
    let budget = this.#answerBudget.get(link2);
    if (!budget) {
      budget = new Budget(ANSWER_BYTES_PER_SECOND / 1e3, ANSWER_BURST_BYTES);
      this.#answerBudget.set(link2, budget);
    }
    const room = budget.available();
    const out = [];
    let spent = RESPONSE_OVERHEAD, shed = 0;
    for (const rec of records) {
      const cost = rec.length + 3;
      if (spent + cost <= room) {
        out.push(rec);
        spent += cost;
      } else shed += cost;
    }
    if (out.length) budget.take(spent);
    if (shed) {
      this.#host.metrics.discoveryBytesShed += shed;
      this.#host.logger.debug("discovery answer cut: the peer's byte budget is spent", {
        peer: link2.id,
        sent: out.length,
        shed: records.length - out.length,
        bytes: shed
      });
    }
    return out;
  }
  /** Answers a lookup of one node's record (at most LOOKUPS_PER_SECOND per peer). */
  #answerLookup(link2, id) {
    const now = performance.now();
    const budget = this.#lookups.get(link2);
    if (!budget || now - budget.since > 1e3) this.#lookups.set(link2, { since: now, count: 1 });
    else if (++budget.count > LOOKUPS_PER_SECOND) {
      return this.#host.logger.debug("too many lookups; not answered", { peer: link2.id });
    }
    const rec = id === this.#host.identity.id ? this.#own : this.table.get(id);
    if (rec) this.#sendRecords(link2, this.#withinBudget(link2, [rec.bytes]));
  }
  /**
   * Asks up to three server peers for `id`'s record (a leaf holds only the
   * records of nodes it can dial) and resolves once it is held, or after
   * `timeoutMs` (false). For a client-mode node, the records of the servers it
   * names are looked up too when unknown (peers pass on only the records they
   * vouch for, so a server two hops away is not gossiped to a leaf), so that
   * the sender can dial one of them.
   */
  async lookup(id, timeoutMs = 500) {
    const found = await this.#lookupRecord(id, timeoutMs);
    if (found) {
      const me = this.#host.identity.id;
      const unknown = this.viaOf(id).filter(
        (s) => s !== me && !this.table.get(s) && !this.#host.linked(s)
      );
      await Promise.all(unknown.slice(0, 3).map((s) => this.#lookupRecord(s, timeoutMs)));
    }
    return found;
  }
  #lookupRecord(id, timeoutMs) {
    if (this.table.get(id)) return Promise.resolve(true);
    const servers = this.#host.links().filter((l) => l.mode !== "client" && l.id !== id);
    if (this.#stopped || !servers.length) return Promise.resolve(false);
    shuffle(servers);
    for (const link2 of servers.slice(0, 3)) {
      this.#send(link2, { type: "discover", limit: 1, want: id });
    }
    return new Promise((resolve) => {
      const done = (found) => {
        clearTimeout(timer);
        const list2 = this.#waiters.get(id);
        list2?.delete(done);
        if (list2 && !list2.size) this.#waiters.delete(id);
        resolve(found);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const list = this.#waiters.get(id) ?? /* @__PURE__ */ new Set();
      list.add(done);
      this.#waiters.set(id, list);
    });
  }
  /** Sends records in as few datagram-sized responses as they fit in. */
  #sendRecords(link2, records) {
    const max = link2.maxDatagramSize;
    let batch = [];
    let size = RESPONSE_OVERHEAD;
    const flush = () => {
      if (batch.length) this.#send(link2, { type: "discovery-response", peers: batch });
      batch = [];
      size = RESPONSE_OVERHEAD;
    };
    for (const rec of records) {
      const cost = rec.length + 3;
      if (batch.length && size + cost > max) flush();
      batch.push(rec);
      size += cost;
    }
    flush();
  }
  /** As a datagram when it fits, else on the stream (still best effort). */
  #send(link2, msg) {
    if (link2.datagram(msg)) return;
    link2.sendPassive(msg).catch(
      (err) => this.#host.logger.debug("discovery message not sent", { peer: link2.id, err })
    );
  }
  async #learn(link2, records) {
    if (records.length > MAX_RECORDS_PER_ANSWER) {
      this.#host.bad(link2, new ProtocolError(`discovery response with ${records.length} records`));
      records = records.slice(0, MAX_RECORDS_PER_ANSWER);
    }
    const now = Date.now();
    let learned = false;
    await Promise.all(records.map(async (bytes) => {
      try {
        const { record } = readRecord(bytes);
        if (record.id === this.#host.identity.id || this.table.holds(record.id, record.issuedAt)) {
          return;
        }
        checkAge(record, now);
        let verified;
        const checking = link2.cryptoBounded(
          () => verifyRecord(bytes, now).then((r) => !!(verified = r))
        );
        if (!checking) return this.#host.logger.debug("peer record shed", { peer: link2.id });
        await checking;
        if (!verified || this.#stopped) return;
        const result = this.table.put(verified, {
          source: link2.id,
          relay: this.#mayRelay(link2, verified),
          dialed: verified.id === link2.id && link2.dialed
        });
        if (result === "new" || result === "updated") {
          if (this.table.get(verified.id).relay) this.#push(verified, link2.id);
          for (const done of this.#waiters.get(verified.id) ?? []) done(true);
        } else if (result === "capped") {
          this.#host.logger.debug("peer record not kept: its source's share is full", {
            peer: link2.id,
            record: verified.id
          });
        }
        if (result === "new") {
          learned = true;
          this.#host.metrics.peersDiscovered++;
          this.#host.discovered(this.table.get(verified.id));
        }
      } catch (err) {
        if (err instanceof GeomeshError) this.#host.bad(link2, err);
        else throw err;
      }
    }));
    if (learned) this.#keepDegree();
  }
  /**
   * Whether a record `link` sent may be passed on: its subject's own (over its
   * session), or a client-mode node's from a server it names (vouched by the
   * session it is attached through; a server may vouch for `table.cap` records
   * a minute, so one cannot make its peers churn others' tables).
   */
  #mayRelay(link2, record) {
    if (record.id === link2.id) return true;
    if (record.mode !== "client" || link2.mode === "client" || !record.via.includes(link2.id)) {
      return false;
    }
    let budget = this.#vouchBudget.get(link2);
    if (!budget) {
      budget = new Budget(this.table.cap / 6e4, this.table.cap);
      this.#vouchBudget.set(link2, budget);
    }
    return budget.take(1);
  }
  /** `id` was dialed successfully: its record is proven, and pushed on if it was not before. */
  #proven(id, from) {
    if (!this.table.dialSucceeded(id)) return;
    const entry = this.table.get(id);
    this.#push(entry, from);
  }
  /**
   * Queues a newly learned record to be pushed to {@linkcode PUSH_FANOUT} other
   * peers (batched per tick): news spreads through the mesh in network time instead of
   * waiting for anti-entropy rounds, and stops at nodes that already hold it.
   */
  #push(record, from) {
    const key = recordKey(record.id, record.issuedAt);
    if (this.#pushed.has(key)) return;
    this.#pushed.add(key);
    if (this.#pushed.size > this.#maxPushed) {
      this.#pushed.delete(this.#pushed.values().next().value);
    }
    if (this.#stopped || this.#outbox.push({ record, from }) > 1) return;
    this.#pushTimer = setTimeout(() => {
      const batch = this.#outbox;
      this.#outbox = [];
      if (this.#stopped) return;
      const links = this.#host.links();
      shuffle(links);
      const sends = /* @__PURE__ */ new Map();
      for (const { record: record2, from: from2 } of batch) {
        let n = 0;
        for (const link2 of links) {
          if (n >= PUSH_FANOUT) break;
          if (link2.id === from2 || link2.id === record2.id) continue;
          if (link2.mode === "client" && record2.mode === "client") continue;
          n++;
          const list = sends.get(link2);
          if (list) list.push(record2.bytes);
          else sends.set(link2, [record2.bytes]);
        }
      }
      for (const [link2, records] of sends) {
        for (let i = 0; i < records.length; i += MAX_RECORDS_PER_ANSWER) {
          this.#sendRecords(link2, records.slice(i, i + MAX_RECORDS_PER_ANSWER));
        }
      }
    }, 0);
  }
  /**
   * Dial candidates in the order they are to be tried: proven records first
   * (unless `unprovenOnly`), then one unproven record per source (sources this
   * node dialed itself first, the rest in random order). Left out: client-mode
   * records, records backing off, peers with a session or a dial in flight,
   * sources with a dial in flight or backing off.
   */
  #candidates(unprovenOnly) {
    const now = Date.now();
    const busySources = /* @__PURE__ */ new Set();
    for (const { source } of this.#dialing.values()) {
      if (source !== void 0) busySources.add(source);
    }
    const proven = [];
    const bySource = /* @__PURE__ */ new Map();
    for (const e of this.table.entries()) {
      if (e.mode === "client" || e.retryAt > now || this.#dialing.has(e.id) || this.#host.linked(e.id)) continue;
      if (e.dialed) {
        if (!unprovenOnly) proven.push(e);
      } else if (!busySources.has(e.source) && (this.#sourceBackoff.get(e.source)?.retryAt ?? 0) <= now) {
        const list = bySource.get(e.source);
        if (list) list.push(e);
        else bySource.set(e.source, [e]);
      }
    }
    shuffle(proven);
    const sources = [...bySource.keys()];
    shuffle(sources);
    const trusted = (s) => this.table.get(s)?.dialed ? 1 : 0;
    sources.sort((a, b) => trusted(b) - trusted(a));
    return [
      ...proven,
      ...sources.map((s) => {
        const list = bySource.get(s);
        return list[Math.floor(Math.random() * list.length)];
      })
    ];
  }
  /**
   * Dials discovered peers (see {@linkcode Discovery.#candidates} for which)
   * while fewer than `minPeers` sessions are up or being set up, never two at
   * one host at once and within the dial rate. Called again whenever a dial ends.
   */
  #keepDegree() {
    const { minPeers, mode } = this.#host;
    if (this.#stopped || mode === "server" || minPeers <= 0) return;
    let have = this.#host.links().length + this.#dialing.size;
    if (have >= minPeers) return;
    for (const entry of this.#candidates(false)) {
      if (have >= minPeers) break;
      const started = this.#dialOne(entry, "degree");
      if (started === "paced") break;
      if (started === "started") have++;
    }
  }
  /**
   * A feeler: dials one unproven record per round (a dialing node with
   * `minPeers` > 0 only), so that records this node heard second-hand become
   * proven and are passed on, and the mesh still converges on a full view
   * (records travel one hop per proof). The session is closed again unless the
   * node needs it for its degree or it carried anything but gossip.
   */
  #feel() {
    const { minPeers, mode } = this.#host;
    if (this.#stopped || mode === "server" || minPeers <= 0 || this.#feeling) return;
    const [entry] = this.#candidates(true);
    if (entry) this.#dialOne(entry, "feeler");
  }
  /** Starts one automatic dial of `entry`, unless its host is being dialed or the dial rate is spent. */
  #dialOne(entry, why) {
    const host = hostOf(entry.address);
    for (const d of this.#dialing.values()) {
      if (host !== void 0 && d.host === host) return "busy";
    }
    if (!this.#dialBudget.take(1)) {
      this.#host.logger.debug("discovery dials paced; more next round", { peer: entry.id, why });
      return "paced";
    }
    const source = entry.dialed ? void 0 : entry.source;
    this.#dialing.set(entry.id, { source, host });
    if (why === "feeler") this.#feeling = true;
    this.#host.dial(entry.address).then(() => {
      if (source !== void 0) this.#sourceBackoff.delete(source);
      this.#proven(entry.id, entry.id);
      if (why === "feeler") this.#hangUpLater(entry.id);
    }, (err) => {
      this.table.dialFailed(entry.id);
      if (source !== void 0) this.#sourceFailed(source);
      this.#host.logger.debug("dial of a discovered peer failed", {
        peer: entry.id,
        source: entry.source,
        why,
        err
      });
    }).finally(() => {
      this.#dialing.delete(entry.id);
      if (why === "feeler") this.#feeling = false;
      this.#keepDegree();
    });
    return "started";
  }
  /**
   * Closes a feeler's session after a short grace (the records exchange), if
   * the node has more than `minPeers` sessions and the session carried only
   * gossip meanwhile.
   */
  #hangUpLater(id) {
    const link2 = this.#host.links().find((l) => l.id === id);
    if (!link2) return;
    const activity = link2.lastActivity;
    setTimeout(() => {
      if (this.#stopped || link2.retiring || link2.lastActivity !== activity || link2.pendingRequests > 0 || this.#host.links().length <= this.#host.minPeers) return;
      this.#host.hangUp(link2, FEELER_GRACE_MS);
    }, FEELER_GRACE_MS);
  }
  /** A record learned through `source` failed to dial: pass over its records for a while (1 s, 2 s, ... 5 min). */
  #sourceFailed(source) {
    const failures = (this.#sourceBackoff.get(source)?.failures ?? 0) + 1;
    this.#sourceBackoff.delete(source);
    this.#sourceBackoff.set(source, {
      failures,
      retryAt: Date.now() + Math.min(MAX_SOURCE_BACKOFF_MS, 1e3 * 2 ** (failures - 1))
    });
    if (this.#sourceBackoff.size > MAX_SOURCE_BACKOFFS) {
      this.#sourceBackoff.delete(this.#sourceBackoff.keys().next().value);
    }
  }
};
function hostOf(address) {
  try {
    return parseAddress(address).host;
  } catch {
    return void 0;
  }
}
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

// lib/node/node.ts
var GeomeshNode = class extends EventTarget {
  /** This node's id (base32 of its Ed25519 public key). */
  id;
  /** Counters. */
  metrics = createMetrics();
  #p;
  #log;
  #pool;
  #handlers;
  #broadcast;
  #tree;
  #router;
  #discovery;
  #closed;
  /** @internal Use `createNode`. */
  constructor(parts) {
    super();
    this.#p = parts;
    this.#log = childLogger(parts.logger, "node");
    this.id = parts.identity.id;
    this.#broadcast = new BroadcastState(parts.identity);
    this.#tree = new Plumtree({
      links: () => this.#pool.usable(),
      sendBody: sendBroadcast,
      sendControl: (link2, msg) => void link2.send(msg).catch(() => {
      }),
      seen: (origin, seq) => this.#broadcast.seen(origin, seq),
      checking: (origin, seq) => this.#broadcast.checking(origin, seq),
      bad: (link2, err) => this.#bad(link2, err),
      metrics: this.metrics,
      logger: childLogger(parts.logger, "broadcast"),
      graftTimeoutMs: parts.config.graftTimeoutMs
    });
    this.#handlers = new Handlers({
      maxInflight: parts.config.maxInflightRequests,
      logger: childLogger(parts.logger, "requests"),
      metrics: this.metrics
    });
    this.#router = new Router({
      identity: parts.identity,
      logger: childLogger(parts.logger, "routing"),
      metrics: this.metrics,
      relaying: parts.config.mode !== "client",
      link: (id) => this.#pool.direct(id),
      relays: () => this.#pool.usable().filter((l) => l.mode !== "client"),
      viaOf: (id) => this.#discovery?.viaOf(id) ?? [],
      lookup: (id) => this.#discovery?.lookup(id) ?? Promise.resolve(false),
      dialRelay: async (id) => {
        const address = this.mode === "server" ? void 0 : this.#discovery?.dialAddress(id);
        if (!address) return void 0;
        await this.#pool.connect(address, { remember: false });
        return this.#pool.direct(id);
      },
      remoteError: fromWireError,
      deliver: (delivery) => this.#deliver(delivery)
    });
    this.#pool = new PeerPool({
      config: parts.config,
      identity: parts.identity,
      logger: childLogger(parts.logger, "pool"),
      transport: parts.transport,
      metrics: this.metrics,
      mode: parts.config.mode,
      address: () => this.address,
      binding: () => this.#p.binding,
      dispatch: (link2, msg) => this.#dispatch(link2, msg),
      connected: (link2) => this.#connected(link2),
      disconnected: (link2, reason) => this.#disconnected(link2, reason),
      busy: (link2) => this.#handlers.inflight(link2.id) > 0,
      bad: (link2, err) => this.#bad(link2, err)
    }, parts.listener);
    if (parts.config.gossipIntervalMs > 0) this.#discovery = this.#startDiscovery();
  }
  /** Fires event `type` with `detail` (the one way this node fires events). */
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
  /**
   * The one place a frame for this node reaches the application, direct or
   * routed: a `message` event, or the request handler or actor (whose reply
   * or promise of one is returned).
   */
  #deliver(d) {
    if (d.kind === "request") return this.#handlers.run(d.from, d.actor, d.payload);
    const detail = d.via === void 0 ? { from: d.from, payload: d.payload } : { from: d.from, payload: d.payload, via: d.via };
    this.#emit("message", detail);
    return null;
  }
  #startDiscovery() {
    const { config, identity } = this.#p;
    const logger = childLogger(this.#p.logger, "discovery");
    return new Discovery({
      identity,
      logger,
      metrics: this.metrics,
      mode: config.mode,
      intervalMs: config.gossipIntervalMs,
      minPeers: config.minPeers,
      maxKnownPeers: config.maxKnownPeers,
      address: () => this.address,
      links: () => this.#pool.usable(),
      linked: (id) => this.#pool.direct(id) !== void 0,
      dial: (address) => this.#pool.connect(address, { remember: false }),
      discovered: (entry) => {
        logger.debug("peer discovered", { peer: entry.id, address: entry.address });
        this.#emit("peer:discovered", { id: entry.id, address: entry.address, mode: entry.mode });
      },
      bad: (link2, err) => this.#bad(link2, err),
      hangUp: (link2, graceMs) => this.#pool.retire(link2, {
        goodbye: { code: CloseCode.Goodbye, reason: "feeler" },
        graceMs
      })
    });
  }
  /**
   * Called by the certificate rotator: advertises the new pins and binding and,
   * where the listener supports it, serves the new certificate.
   * @internal
   */
  updateCertificates(pins, binding, current) {
    this.#p.pins = pins;
    this.#p.pinStrings = pins.map(pinToString);
    this.#p.binding = binding;
    this.#discovery?.refresh();
    const listener = this.#p.listener;
    if (listener?.setCertificate) listener.setCertificate(current);
    else if (listener) {
      this.#log.warn("listener cannot swap certificates; restart before the current one expires");
    }
    this.#log.info("certificates rotated", { pins: this.#p.pinStrings });
  }
  /** Network mode. */
  get mode() {
    return this.#p.config.mode;
  }
  /** One pasteable string: where to reach this node, its id and certificate pins. */
  get address() {
    return formatAddress(this.addressInfo);
  }
  /** Parsed form of {@linkcode address}. */
  get addressInfo() {
    const l = this.#p.listener;
    if (!l) return { nodeId: this.id, protocols: [], pins: [] };
    const { announce, hostname, hostnames } = this.#p.config;
    const own = l.hostname !== hostname && !isWildcard(l.hostname);
    return {
      nodeId: this.id,
      host: announce?.host ?? (own ? l.hostname : hostnames[0]),
      // A listener without a port (in-memory) gets a placeholder: the format has one.
      port: announce?.port ?? (l.port || 1),
      protocols: [...l.protocols],
      pins: this.#p.pinStrings
    };
  }
  /** Known peers: connected ones first. */
  peers() {
    const out = [];
    const known = this.#pool.known();
    for (const link2 of this.#pool.links()) {
      out.push({
        id: link2.id,
        // An accepted session's address comes from the peer's signed record.
        address: link2.address ?? this.#discovery?.dialAddress(link2.id),
        connected: true,
        rttMs: link2.rttMs,
        protocol: link2.protocol,
        mode: link2.mode
      });
    }
    const listed2 = new Set(out.map((p) => p.id));
    for (const [id, via] of this.#router.routes()) {
      if (!listed2.has(id)) {
        listed2.add(id);
        out.push({ id, address: known.get(id), connected: false, via });
      }
    }
    for (const [id, address] of known) {
      if (!listed2.has(id)) {
        listed2.add(id);
        out.push({ id, address, connected: false });
      }
    }
    for (const e of this.#discovery?.table.entries() ?? []) {
      if (!listed2.has(e.id)) {
        out.push(
          e.via.length ? { id: e.id, connected: false, via: e.via[0], mode: e.mode } : { id: e.id, address: e.address, connected: false, mode: e.mode }
        );
      }
    }
    return out;
  }
  /**
   * Dials `address` (unless already connected) and resolves with the peer's
   * node id once it is authenticated. Rejects with `ConnectError`,
   * `TimeoutError`, `PinMismatchError`, `AuthenticationError`, `AbortedError`
   * or, once the node is closed, `SessionClosedError`.
   */
  connect(address, options = {}) {
    return this.#pool.connect(address, { signal: options.signal });
  }
  #connected(link2) {
    this.#log.info("peer connected", {
      peer: link2.id,
      protocol: link2.protocol,
      dialed: link2.dialed
    });
    this.#emit("peer:connected", { id: link2.id, protocol: link2.protocol, address: link2.address });
    link2.ping(3e3).catch(() => {
    });
    this.#discovery?.connected(link2).catch(
      (err) => this.#log.warn("discovery exchange failed", { peer: link2.id, err })
    );
  }
  #disconnected(link2, reason) {
    this.#router.relayLost(link2.id);
    this.#tree.linkLost(link2);
    this.#discovery?.disconnected(link2.id, /idle/.test(reason));
    this.#log.info("peer disconnected", { peer: link2.id, reason });
    this.#emit("peer:disconnected", { id: link2.id, reason });
  }
  #bad(link2, err) {
    this.metrics.errors++;
    this.#log[link2.mayWarn() ? "warn" : "debug"]("bad input from peer", { peer: link2.id, err });
    const code = err?.code;
    if ((code === "PROTOCOL_ERROR" || code === "DECODE_ERROR" || code === "MESSAGE_TOO_LARGE") && !link2.retiring && link2.violated()) {
      this.#log.warn("peer keeps sending invalid input, closing its session", { peer: link2.id });
      const reason = "too much invalid input";
      this.#pool.retire(link2, { goodbye: { code: CloseCode.ProtocolError, reason }, graceMs: 0 });
    }
  }
  #dispatch(link2, msg) {
    if (msg.type === "discover" || msg.type === "discovery-response") {
      if (this.#discovery) this.#discovery.handle(link2, msg);
      else this.#log.debug("discovery is off; gossip ignored", { peer: link2.id });
      return;
    }
    if ((msg.type === "message" || msg.type === "request" || msg.type === "response") && msg.to !== void 0) {
      return this.#router.handle(link2, msg);
    }
    switch (msg.type) {
      case "message": {
        this.metrics.messagesReceived++;
        const delivery = { kind: "message", from: link2.id, payload: msg.payload };
        if (msg.id === void 0) return void this.#deliver(delivery);
        return void this.#handlers.serve(link2, msg.id, () => this.#deliver(delivery));
      }
      case "request": {
        this.metrics.messagesReceived++;
        const { actor, payload } = msg;
        const delivery = { kind: "request", from: link2.id, actor, payload };
        return void this.#handlers.serve(link2, msg.id, () => this.#deliver(delivery));
      }
      case "response":
        this.metrics.messagesReceived++;
        if (!link2.settle(msg)) {
          this.#log.debug("late or unknown response", { peer: link2.id, id: msg.id });
        }
        return;
      case "goodbye":
        return this.#pool.goodbye(link2, msg);
      case "broadcast":
        return void this.#onBroadcast(link2, msg);
      case "ihave":
        return this.#tree.ihave(link2, msg);
      case "graft":
        return this.#tree.graft(link2, msg);
      case "prune":
        return this.#tree.prune(link2);
      default:
        this.#bad(
          link2,
          new GeomeshError("PROTOCOL_ERROR", `unexpected ${msg.type} after handshake`)
        );
    }
  }
  #open() {
    if (this.#pool.closing) throw new SessionClosedError("node is closed");
  }
  /**
   * For a peer without a session: one this node dialed before (e.g. its
   * session was closed as idle) is dialed again on demand. Undefined: relay.
   */
  async #linkTo(peer) {
    const address = this.#pool.known().get(peer) ?? this.#discovery?.dialAddress(peer);
    if (!address || this.mode === "server") return void 0;
    try {
      await this.#pool.connect(address);
    } catch (err) {
      this.#log.debug("dial on demand failed; trying relays", { peer, err });
    }
    return this.#pool.direct(peer);
  }
  /**
   * Sends `payload` to `target` (`nodeId` or `actor@nodeId`). Resolves once the
   * message is handed to the peer's stream (relayed: once the target
   * acknowledged it); for an actor, once the actor took it (unknown actors
   * reject with `UnknownActorError`).
   */
  send(target, payload) {
    let link2, parsed;
    try {
      this.#open();
      parsed = splitTarget(target);
      link2 = this.#pool.direct(parsed.peer);
    } catch (err) {
      return Promise.reject(err);
    }
    if (link2 && parsed.actor === void 0) {
      this.metrics.messagesSent++;
      return link2.send({ type: "message", payload });
    }
    return this.#sendSlow(link2, parsed.actor, parsed.peer, payload);
  }
  async #sendSlow(link2, actor, peer, payload) {
    link2 ??= await this.#linkTo(peer);
    this.metrics.messagesSent++;
    const timeoutMs = this.#p.config.requestTimeoutMs;
    if (!link2) {
      const kind = actor === void 0 ? "message" : "request";
      await this.#router.send({ kind, target: peer, payload, actor, timeoutMs });
      return;
    }
    if (actor === void 0) return await link2.send({ type: "message", payload });
    const response = await link2.request({ type: "request", payload, actor }, timeoutMs);
    if (response.error) throw fromWireError(response.error);
  }
  /**
   * Sends a request to `target` (`nodeId` or `actor@nodeId`) and resolves with
   * the reply; relayed like `send` when there is no direct session. Rejects
   * with `TimeoutError`, `AbortedError`, `UnknownPeerError`,
   * `UnknownActorError`, `OverloadedError`, `MessageTooLargeError`,
   * `SessionClosedError` or `RemoteError` (the handler threw).
   */
  async request(target, payload, options = {}) {
    this.#open();
    const { actor, peer } = splitTarget(target);
    const timeoutMs = checkTimeout(options?.timeoutMs, this.#p.config.requestTimeoutMs);
    const signal = checkSignal(options?.signal);
    const link2 = this.#pool.direct(peer) ?? await this.#linkTo(peer);
    this.metrics.messagesSent++;
    if (!link2) {
      return await this.#router.send({
        kind: "request",
        target: peer,
        payload,
        actor,
        timeoutMs,
        signal
      });
    }
    const msg = actor === void 0 ? { type: "request", payload } : { type: "request", payload, actor };
    const response = await link2.request(msg, timeoutMs, signal);
    if (response.error) throw fromWireError(response.error);
    return response.payload;
  }
  /** Sets the handler for requests addressed to the node itself (not to an actor). */
  handle(handler) {
    this.#handlers.handle(handler);
  }
  /** Registers (or with `undefined`, removes) the actor `name`, reachable as `name@<this id>`. */
  actor(name, handler) {
    this.#handlers.actor(name, handler);
  }
  /** Round-trip time to a connected peer over datagrams, in ms. */
  async ping(peer, options = {}) {
    this.#open();
    const timeoutMs = checkTimeout(options?.timeoutMs, 3e3);
    const link2 = this.#pool.direct(peer);
    if (!link2) throw new UnknownPeerError(`no session with ${String(peer).slice(0, 60)} to ping`);
    return await link2.ping(timeoutMs);
  }
  /**
   * Sends `payload` to every node of the mesh once: origin-signed, along a
   * self-repairing broadcast tree (Plumtree, `plumtree.ts`). Best effort: a
   * peer whose queue is full gets an announcement instead and asks later.
   */
  async broadcast(payload) {
    this.#open();
    const msg = await this.#broadcast.create(payload);
    this.#emit("broadcast:sent", { seq: msg.seq });
    this.#tree.publish(msg);
  }
  async #onBroadcast(link2, msg) {
    if (!link2.takeBroadcast()) {
      return this.#router.shed(link2, "broadcast", "over the broadcast rate");
    }
    const verdict = await this.#broadcast.accept(msg, (check) => link2.cryptoBounded(check), link2);
    if (verdict === "shed") return this.#router.shed(link2, "broadcast");
    if (verdict instanceof Error) return this.#bad(link2, verdict);
    this.#tree.receive(link2, msg, verdict);
    if (verdict === "ok") {
      this.#emit("broadcast", {
        from: msg.origin,
        payload: msg.payload,
        // The hop limit is not signed (relays lower it), so this is as honest as the path.
        hops: BROADCAST_TTL - Math.min(msg.ttl, BROADCAST_TTL) + 1
      });
    }
  }
  /**
   * Drains in-flight messages, says goodbye to every peer, closes sessions and
   * releases ports. Every call returns the same promise.
   */
  close() {
    return this.#closed ??= (async () => {
      this.#tree.close();
      this.#discovery?.stop();
      await this.#pool.close();
      await this.#p.onClose?.();
      this.#log.info("node closed", { id: this.id });
    })();
  }
  /** `await using node = await createNode(...)` closes it at scope end. */
  [Symbol.asyncDispose]() {
    return this.close();
  }
};

// lib/node/create.ts
function defaultLogger(cfg, spec) {
  return createLogger({
    level: spec?.level ?? cfg.logLevel,
    levels: { ...spec?.level === void 0 ? cfg.logLevels : {}, ...spec?.levels },
    json: cfg.logFormat === "json",
    name: "geomesh"
  });
}
async function startNode(config, runtime) {
  const cfg = resolveConfig(config, { interfaces: runtime.interfaces });
  const transport = cfg.transport ?? await runtime.transport();
  const plugins = runtime.plugins?.(cfg) ?? [];
  let logger = cfg.logger ?? defaultLogger(cfg, runtime.logSpec?.());
  for (const plugin of plugins) logger = plugin.wrapLogger?.(logger, cfg, transport) ?? logger;
  const identity = await runtime.identity(cfg, childLogger(logger, "identity"));
  const stop = new AbortController();
  const handles = [];
  const holder = {};
  let certificates;
  if (cfg.mode !== "client" && transport.secure) {
    if (!runtime.certificates) {
      throw new TypeError(`this runtime cannot serve certificates: use mode "client"`);
    }
    certificates = await runtime.certificates.start({
      config: cfg,
      identity,
      logger: childLogger(logger, "certificates"),
      signal: stop.signal,
      onChange: async (state) => {
        holder.node?.updateCertificates(state.pins, state.binding, state.current);
        for (const h of handles) await h.setCertificate?.(state.current);
      }
    });
  }
  let listener;
  try {
    listener = cfg.mode === "client" ? void 0 : await transport.listen({
      ...SESSION_TUNING,
      hostname: cfg.hostname,
      port: cfg.port,
      certificate: certificates?.current ?? { certPem: "", keyPem: "" },
      path: SESSION_PATH,
      maxSessions: cfg.maxPeers + 16,
      retryToken: cfg.retryToken,
      congestionControl: cfg.congestionControl,
      // A dialer gives up after its connect timeout: a handshake taking longer is dead weight.
      handshakeTimeoutMs: cfg.connectTimeoutMs
    });
  } catch (err) {
    stop.abort();
    throw err;
  }
  const pins = certificates?.pins ?? [];
  const node = holder.node = new GeomeshNode({
    config: cfg,
    identity,
    logger,
    transport,
    listener,
    pins,
    pinStrings: pins.map(pinToString),
    binding: certificates?.binding,
    onClose: async () => {
      stop.abort();
      for (const h of handles.splice(0).reverse()) await h.close?.();
    }
  });
  for (const plugin of plugins) {
    try {
      const handle = await plugin.start({
        node,
        config: cfg,
        transport,
        listener,
        certificate: certificates?.current,
        logger: childLogger(logger, plugin.name)
      });
      if (handle) handles.push(handle);
    } catch (err) {
      await node.close();
      throw err;
    }
  }
  childLogger(logger, "node").info(
    "node started",
    listener ? { id: identity.id, mode: cfg.mode, port: listener.port, transport: transport.name } : {
      id: identity.id,
      mode: cfg.mode,
      listening: "no (dials out only)",
      transport: transport.name
    }
  );
  return node;
}

// lib/dashboard/log-ring.ts
function render(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v) ?? "";
  } catch {
    return String(value);
  }
}
var LogRing = class {
  #inner;
  #size;
  #min;
  #lines = [];
  constructor(inner, options = {}) {
    this.#inner = inner;
    this.#size = options.size ?? 200;
    if (!Number.isInteger(this.#size) || this.#size < 1) {
      throw new RangeError(`size must be an integer >= 1, got ${options.size}`);
    }
    this.#min = ORDER[options.level ?? "info"];
  }
  #keep(level, msg, fields) {
    if (ORDER[level] < this.#min) return;
    const rendered = {};
    for (const [k, v] of Object.entries(fields ?? {})) rendered[k] = render(v).slice(0, 300);
    this.#lines.push({ time: Date.now(), level, msg: String(msg).slice(0, 300), fields: rendered });
    if (this.#lines.length > this.#size) this.#lines.shift();
  }
  debug(msg, fields) {
    this.#keep("debug", msg, fields);
    this.#inner.debug(msg, fields);
  }
  info(msg, fields) {
    this.#keep("info", msg, fields);
    this.#inner.info(msg, fields);
  }
  warn(msg, fields) {
    this.#keep("warn", msg, fields);
    this.#inner.warn(msg, fields);
  }
  error(msg, fields) {
    this.#keep("error", msg, fields);
    this.#inner.error(msg, fields);
  }
  /**
   * The inner logger's child `name` (its own level applies), remembered in
   * this same ring: subsystems log through children.
   */
  child(name) {
    const wrap = (inner) => ({
      debug: (msg, fields) => (this.#keep("debug", msg, fields), inner.debug(msg, fields)),
      info: (msg, fields) => (this.#keep("info", msg, fields), inner.info(msg, fields)),
      warn: (msg, fields) => (this.#keep("warn", msg, fields), inner.warn(msg, fields)),
      error: (msg, fields) => (this.#keep("error", msg, fields), inner.error(msg, fields)),
      child: (sub) => wrap(childLogger(inner, sub))
    });
    return wrap(childLogger(this.#inner, name));
  }
  /** The remembered lines, oldest first (a copy). */
  entries(limit = this.#size) {
    return this.#lines.slice(-limit);
  }
};
var ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// lib/dashboard/bundle-source.ts
function browserBundleLoader() {
  let cached;
  return () => {
    cached ??= load();
    cached.catch(() => cached = void 0);
    return cached;
  };
}
async function read(url) {
  if (url.protocol === "file:") {
    const { readFile: readFile3 } = await import("node:fs/promises");
    return await readFile3(url, "utf8");
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return await res.text();
}
async function load() {
  const here = import.meta.url;
  const errors = [];
  if (/\/lib\/dashboard\/bundle-source\.ts$/.test(here)) {
    try {
      const { buildBrowserBundle } = await import("./bundle-27S6MIVG.js");
      return await buildBrowserBundle();
    } catch (err) {
      errors.push(`building from source: ${err.message}`);
    }
  }
  for (const candidate of ["./geomesh.js", "../../dist/geomesh.js"]) {
    try {
      return await read(new URL(candidate, here));
    } catch (err) {
      errors.push(`${candidate}: ${err.message}`);
    }
  }
  throw new Error(
    `no browser bundle (run "npm run build" to make dist/geomesh.js): ${errors.join("; ")}`
  );
}

// lib/dashboard/page.ts
var STYLE = `
:root { color-scheme: light dark; --bg:#0f1419; --panel:#182028; --line:#2a3642; --fg:#e6edf3;
  --dim:#8b98a5; --deno:#3ddc97; --bun:#f6a5c0; --browser:#5aa9ff; --node:#c9a227; --unknown:#8b98a5; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:14px/1.4 system-ui, sans-serif; }
header { display:flex; gap:12px; align-items:baseline; padding:14px 20px; border-bottom:1px solid var(--line); }
header h1 { margin:0; font-size:20px; letter-spacing:.5px; }
.badge { padding:2px 8px; border-radius:10px; background:var(--line); font-size:12px; }
#status.live { background:#1f6f4a; } #status.down { background:#8a2b2b; }
#locked { border-color:#8a2b2b; }
main { display:grid; grid-template-columns: 1fr 1fr; gap:14px; padding:14px 20px; }
section { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
section h2 { margin:0 0 8px; font-size:13px; text-transform:uppercase; color:var(--dim); letter-spacing:1px; }
.wide { grid-column: 1 / -1; }
.cards { display:grid; grid-template-columns: repeat(5, 1fr); gap:10px; }
.card .v { font-size:22px; font-variant-numeric: tabular-nums; }
.card .k { color:var(--dim); font-size:12px; }
code, .mono { font-family: ui-monospace, monospace; font-size:12px; word-break: break-all; }
table { width:100%; border-collapse: collapse; font-size:13px; }
th, td { text-align:left; padding:4px 6px; border-bottom:1px solid var(--line); }
th { color:var(--dim); font-weight:normal; }
svg text { fill:var(--fg); font-size:11px; font-family: ui-monospace, monospace; }
#logs { max-height:260px; overflow:auto; margin:0; }
#logs div { white-space: pre-wrap; }
.warn { color:#f0c050; } .error { color:#ff6b6b; } .debug { color:var(--dim); }
button { background:var(--line); color:var(--fg); border:1px solid var(--dim); border-radius:6px; padding:4px 10px; cursor:pointer; }
a { color:var(--browser); }
`;
var SCRIPT = String.raw`
const $ = (id) => document.getElementById(id);
const COLORS = { deno: "var(--deno)", bun: "var(--bun)", browser: "var(--browser)", node: "var(--node)" };
const short = (id) => id.slice(0, 8);
let prev;
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props || {};
  Object.assign(e, rest);
  Object.assign(e.dataset, dataset || {});
  for (const c of children) e.append(c);
  return e;
}
function fmtBytes(n) {
  const u = ["B", "KB", "MB", "GB"]; let i = 0;
  while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
  return n.toFixed(n >= 100 || i === 0 ? 0 : 1) + " " + u[i];
}
function fmtAge(ms) {
  const s = Math.floor(ms / 1000);
  return s < 60 ? s + "s" : s < 3600 ? Math.floor(s / 60) + "m" : Math.floor(s / 3600) + "h";
}
function rates(s) {
  const m = s.metrics;
  if (!prev) { prev = s; return { min: 0, mout: 0, bin: 0, bout: 0 }; }
  const dt = Math.max(0.001, (s.time - prev.time) / 1000), p = prev.metrics;
  prev = s;
  return {
    min: (m.messagesReceived - p.messagesReceived) / dt, mout: (m.messagesSent + (m.messagesRelayed || 0) - p.messagesSent - (p.messagesRelayed || 0)) / dt,
    bin: (m.bytesReceived - p.bytesReceived) / dt, bout: (m.bytesSent - p.bytesSent) / dt,
  };
}
function renderCards(s) {
  const r = rates(s);
  const cards = [
    ["sessions", String(s.metrics.sessions)],
    ["messages/s in / out", r.min.toFixed(0) + " / " + r.mout.toFixed(0)],
    ["bytes/s in / out", fmtBytes(r.bin) + " / " + fmtBytes(r.bout)],
    ["messages total", String(s.metrics.messagesReceived + s.metrics.messagesSent)],
    ["errors", String(s.metrics.errors)],
  ];
  $("cards").replaceChildren(...cards.map(([k, v]) =>
    el("div", { className: "card" }, el("div", { className: "v", textContent: v }), el("div", { className: "k", textContent: k }))));
}
function renderPeers(s) {
  const rows = s.peers.map((p) => el("tr", { dataset: { peer: p.id } },
    el("td", { className: "mono", title: p.id, textContent: short(p.id) }),
    el("td", { textContent: p.runtime || "?" }),
    el("td", { textContent: p.mode || "" }),
    el("td", { textContent: p.via ? "relay via " + short(p.via) : p.reached }),
    el("td", { textContent: p.rttMs === undefined ? "" : p.rttMs.toFixed(1) + " ms" }),
    el("td", { textContent: p.connected ? "connected" : "known" })));
  if (!rows.length) rows.push(el("tr", {}, el("td", { colSpan: 6, textContent: "no peers yet", className: "debug" })));
  $("peers").replaceChildren(...rows);
}
const NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function renderTopology(s) {
  const W = 560, H = 380, cx = W / 2, cy = H / 2;
  const pos = new Map();
  const ring1 = s.topology.nodes.filter((n) => n.distance === 1);
  const ring2 = s.topology.nodes.filter((n) => n.distance === 2);
  pos.set(s.id, [cx, cy]);
  ring1.forEach((n, i) => {
    const a = -Math.PI / 2 + 0.5 + (2 * Math.PI * i) / Math.max(1, ring1.length);
    pos.set(n.id, [cx + 115 * Math.cos(a), cy + 115 * Math.sin(a)]);
  });
  ring2.forEach((n, i) => {
    const a = -Math.PI / 2 + Math.PI / Math.max(2, ring2.length) + (2 * Math.PI * i) / Math.max(1, ring2.length);
    pos.set(n.id, [cx + 175 * Math.cos(a), cy + 165 * Math.sin(a)]);
  });
  const g = [];
  for (const e of s.topology.edges) {
    const a = pos.get(e.a), b = pos.get(e.b);
    if (!a || !b) continue;
    const dash = e.protocol === "h3" ? "" : e.protocol === "ws" ? "2 4" : "7 4";
    g.push(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "#6b7a88", "stroke-width": 2, "stroke-dasharray": dash }));
    // Label beside the middle of the line, pushed off it perpendicularly.
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const nx = -(b[1] - a[1]) / len, ny = (b[0] - a[0]) / len;
    const t = e.a === s.id || e.b === s.id ? 0.62 : 0.5; // clear of the centre node's labels
    const from = e.b === s.id ? b : a, to = e.b === s.id ? a : b;
    const mx = from[0] + (to[0] - from[0]) * t + nx * 12, my = from[1] + (to[1] - from[1]) * t + ny * 12;
    if (e.protocol) g.push(svg("text", { x: mx, y: my + 4, "text-anchor": "middle", opacity: 0.8 }, e.protocol));
  }
  for (const n of s.topology.nodes) {
    const [x, y] = pos.get(n.id);
    const color = COLORS[n.runtime] || "var(--unknown)";
    if (n.distance === 0) g.push(svg("circle", { cx: x, cy: y, r: 24, fill: "none", stroke: color, "stroke-width": 2 }));
    g.push(svg("circle", { cx: x, cy: y, r: 17, fill: color, "data-node": n.id }));
    // Labels on the outer side of the node, away from the edges to the centre.
    const up = y < cy - 5;
    g.push(svg("text", { x: x, y: y + (up ? -37 : 38), "text-anchor": "middle" }, (n.runtime || "?") + " " + short(n.id)));
    g.push(svg("text", { x: x, y: y + (up ? -24 : 51), "text-anchor": "middle", opacity: 0.6 }, n.mode || ""));
  }
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img" });
  root.append(...g);
  $("topology").replaceChildren(root);
}
function renderLogs(s) {
  $("logs").replaceChildren(...s.logs.slice().reverse().map((l) => {
    const t = new Date(l.time).toTimeString().slice(0, 8);
    const f = Object.entries(l.fields).map(([k, v]) => k + "=" + v).join(" ");
    return el("div", { className: l.level, textContent: t + " " + l.level.toUpperCase().padEnd(5) + " " + l.msg + (f ? " " + f : "") });
  }));
}
function render(s) {
  $("id").textContent = s.id;
  $("mode").textContent = s.mode;
  $("runtime").textContent = s.runtime;
  $("uptime").textContent = "up " + fmtAge(s.time - s.startedAt);
  $("address").textContent = s.address;
  renderCards(s); renderPeers(s); renderTopology(s); renderLogs(s);
}
const TOKEN_KEY = "geomesh.dashboard.token";
const token = (() => {
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given !== null) {
    try { sessionStorage.setItem(TOKEN_KEY, given); } catch {}
    url.searchParams.delete("token");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    return given;
  }
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
})();
if (token) $("metrics").href = "/metrics?token=" + encodeURIComponent(token);
async function tick() {
  let wait = 1000;
  try {
    const res = await fetch("/api/state", {
      cache: "no-store",
      headers: token ? { authorization: "Bearer " + token } : {},
    });
    if (res.status === 401 || res.status === 403) {
      $("status").textContent = "locked"; $("status").className = "badge down";
      $("locked").hidden = false;
      $("locked").textContent = (res.status === 403 ? "The token of this link is not this node's. " : "") +
        "This node's data needs its dashboard token: open the dashboard link the node printed " +
        "(it ends in ?token=…), or open the page from the node's own machine.";
      wait = 5000;
    } else {
      if (!res.ok) throw new Error("HTTP " + res.status);
      render(await res.json());
      $("locked").hidden = true;
      $("status").textContent = "live"; $("status").className = "badge live";
    }
  } catch (err) {
    $("status").textContent = "disconnected"; $("status").className = "badge down";
  }
  setTimeout(tick, wait);
}
$("copy").onclick = () => navigator.clipboard.writeText($("address").textContent);
$("join").onclick = async () => {
  $("joined").textContent = "joining…";
  try {
    const g = await import("/geomesh.js");
    const a = await (await fetch("/address.json")).json();
    const node = await g.createNode({});
    await node.connect(a.address);
    globalThis.geomeshNode = node;
    $("joined").textContent = "this page is node " + short(node.id);
  } catch (err) {
    $("joined").textContent = "could not join: " + err.message;
  }
};
tick();
`;
var HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>geomesh node</title><style>${STYLE}</style></head>
<body>
<header><h1>geomesh</h1><span class="mono" id="id">\u2026</span>
<span class="badge" id="mode"></span><span class="badge" id="runtime"></span>
<span class="badge" id="uptime"></span><span class="badge" id="status">connecting</span></header>
<main>
<section class="wide" id="locked" hidden></section>
<section class="wide"><div class="cards" id="cards"></div></section>
<section><h2>Mesh topology</h2><div id="topology"></div>
<div class="debug">solid h3 \xB7 dashed h2 \xB7 dotted ws (WebSocket) \u2014
<span style="color:var(--deno)">deno</span> <span style="color:var(--bun)">bun</span>
<span style="color:var(--browser)">browser</span> \xB7 peers of peers only as they
reveal them (geomesh.info, opt-in on each node)</div></section>
<section><h2>Peers</h2><table><thead><tr><th>node</th><th>runtime</th><th>mode</th>
<th>reached by</th><th>RTT</th><th>state</th></tr></thead><tbody id="peers"></tbody></table></section>
<section class="wide"><h2>Address</h2><code id="address"></code> <button id="copy">copy</button>
<button id="join">join as a browser node</button> <span id="joined"></span>
<div class="debug"><a href="/address">/address</a> \xB7 <a id="metrics" href="/metrics">/metrics</a> \xB7
<a href="/geomesh.js">/geomesh.js</a></div></section>
<section class="wide"><h2>Recent log lines</h2><pre id="logs" class="mono"></pre></section>
</main>
<script type="module">${SCRIPT}</script>
</body></html>
`;
function dashboardPage() {
  return HTML;
}

// lib/node/introspect.ts
var INFO_ACTOR = "geomesh.info";
var MAX_LISTED_PEERS = 256;
function nodeInfo(node, withPeers = true) {
  return {
    id: node.id,
    mode: node.mode,
    runtime: detectRuntime(),
    peers: withPeers ? node.peers().filter((p) => p.connected && !p.via).slice(0, MAX_LISTED_PEERS).map((p) => ({ id: p.id, mode: p.mode, protocol: p.protocol })) : []
  };
}
var listed = (list, id) => list === "all" || list !== "none" && list.includes(id);
function registerIntrospection(node, policy = { allow: "all", peers: "none" }) {
  const { allow, peers } = policy;
  node.actor(INFO_ACTOR, (_payload, { from }) => {
    if (!listed(allow, from)) throw new UnknownActorError(`unknown actor "${INFO_ACTOR}"`);
    return nodeInfo(node, listed(peers, from));
  });
}
function introspectionPlugin() {
  return {
    name: "introspection",
    start({ node, config }) {
      if (config.introspection !== false) registerIntrospection(node, config.introspection);
    }
  };
}

// lib/dashboard/topology.ts
var TopologyCollector = class {
  #node;
  #roundMs;
  #perRound;
  #refreshMs;
  #retryMs;
  #timeoutMs;
  #maxNodes;
  #answers = /* @__PURE__ */ new Map();
  #lastRound = -Infinity;
  #round;
  /** A round has ended: from then on nobody waits for one. */
  #settled = false;
  constructor(node, options = {}) {
    this.#node = node;
    this.#roundMs = positive2("roundMs", options.roundMs ?? 3e3, 0);
    this.#perRound = positive2("maxQueriesPerRound", options.maxQueriesPerRound ?? 16, 0);
    this.#refreshMs = positive2("refreshMs", options.refreshMs ?? 1e4, 0);
    this.#retryMs = positive2("retryMs", options.retryMs ?? 3e4, 0);
    this.#timeoutMs = positive2("timeoutMs", options.timeoutMs ?? 1500, 1);
    this.#maxNodes = positive2("maxNodes", options.maxNodes ?? 200, 1);
  }
  /** Starts a round when one is due: the stalest due peers, at most `maxQueriesPerRound`. */
  #maybeRound(peers) {
    const now = performance.now();
    if (this.#round || now - this.#lastRound < this.#roundMs) return;
    const due = peers.filter((id) => {
      const e = this.#answers.get(id);
      return !e || now - e.at >= (e.failed ? this.#retryMs : this.#refreshMs);
    }).sort(
      (a, b) => (this.#answers.get(a)?.at ?? -Infinity) - (this.#answers.get(b)?.at ?? -Infinity)
    ).slice(0, this.#perRound);
    if (!due.length) return;
    this.#lastRound = now;
    this.#round = Promise.all(due.map((id) => this.#ask(id))).then(() => {
      this.#round = void 0;
      this.#settled = true;
      this.#lastRound = performance.now();
    });
  }
  async #ask(id) {
    const entry = { ...this.#answers.get(id), at: performance.now() };
    this.#answers.set(id, entry);
    try {
      const answer = await this.#node.request(`${INFO_ACTOR}@${id}`, null, {
        timeoutMs: this.#timeoutMs
      });
      entry.info = sane(answer, id);
      entry.failed = entry.info === void 0;
    } catch {
      entry.info = void 0;
      entry.failed = true;
    }
    entry.at = performance.now();
  }
  /**
   * The current picture. The first call waits for the first round (up to the
   * request timeout); later calls use the answers held while a due round runs
   * in the background.
   */
  async collect() {
    const self = nodeInfo(this.#node);
    const direct = self.peers.map((p) => p.id);
    for (const id of [...this.#answers.keys()]) {
      if (!direct.includes(id)) this.#answers.delete(id);
    }
    this.#maybeRound(direct);
    if (!this.#settled) await this.#round;
    self.peers = nodeInfo(this.#node).peers;
    const nodes = /* @__PURE__ */ new Map();
    const edges = /* @__PURE__ */ new Map();
    const edge = (a, b, protocol) => {
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      if (!edges.has(key)) edges.set(key, { a, b, protocol });
    };
    nodes.set(self.id, { id: self.id, mode: self.mode, runtime: self.runtime, distance: 0 });
    for (const p of self.peers) {
      const info = this.#answers.get(p.id)?.info;
      nodes.set(p.id, { id: p.id, mode: p.mode, runtime: info?.runtime, distance: 1 });
      edge(self.id, p.id, p.protocol);
    }
    for (const p of self.peers) {
      const info = this.#answers.get(p.id)?.info;
      for (const q of info?.peers ?? []) {
        if (nodes.size >= this.#maxNodes && !nodes.has(q.id)) break;
        if (!nodes.has(q.id)) nodes.set(q.id, { id: q.id, mode: q.mode, distance: 2 });
        edge(p.id, q.id, q.protocol);
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }
};
function positive2(name, value, min) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a number >= ${min}, got ${value}`);
  }
  return value;
}
var ID = /^[a-z2-7]{52}$/;
function sane(answer, id) {
  const a = answer;
  if (!a || typeof a !== "object" || a.id !== id || !Array.isArray(a.peers)) return void 0;
  const str = (v) => typeof v === "string" && v.length <= 16 ? v : void 0;
  return {
    id,
    mode: str(a.mode) ?? "",
    runtime: str(a.runtime) ?? "node",
    peers: a.peers.slice(0, 256).filter((p) => p && typeof p.id === "string" && ID.test(p.id)).map((p) => ({ id: p.id, mode: str(p.mode), protocol: str(p.protocol) }))
  };
}

// lib/dashboard/state.ts
var StateCollector = class {
  #node;
  #logs;
  #topology;
  #pingEveryMs;
  #maxPings;
  #pingWindow = { start: -Infinity, used: 0 };
  #rtt = /* @__PURE__ */ new Map();
  #startedAt = Date.now();
  constructor(node, options = {}) {
    this.#node = node;
    this.#logs = options.logs;
    this.#topology = new TopologyCollector(node, options.topology);
    this.#pingEveryMs = options.pingEveryMs ?? 2e3;
    this.#maxPings = options.maxPings ?? 16;
  }
  /** Takes one ping from this window's budget. */
  #takePing(now) {
    if (now - this.#pingWindow.start >= this.#pingEveryMs) {
      this.#pingWindow = { start: now, used: 0 };
    }
    if (this.#pingWindow.used >= this.#maxPings) return false;
    this.#pingWindow.used++;
    return true;
  }
  /** RTT from the node's keep-alive, else from our own occasional ping. */
  #rttOf(id, known) {
    if (known !== void 0) return known;
    const entry = this.#rtt.get(id);
    const now = performance.now();
    if ((!entry || now - entry.at > this.#pingEveryMs) && this.#takePing(now)) {
      const next = { at: now, ms: entry?.ms };
      this.#rtt.set(id, next);
      this.#node.ping(id, { timeoutMs: 1e3 }).then((ms) => next.ms = ms, () => {
      });
    }
    return entry?.ms;
  }
  /** Takes a state. */
  async state() {
    const topology = await this.#topology.collect();
    const runtimes = new Map(topology.nodes.map((n) => [n.id, n.runtime]));
    const peers = this.#node.peers().map((p) => ({
      id: p.id,
      mode: p.mode,
      runtime: runtimes.get(p.id),
      reached: p.via ? "relay" : p.protocol ?? (p.connected ? "?" : "-"),
      via: p.via,
      rttMs: p.connected && !p.via ? round(this.#rttOf(p.id, p.rttMs)) : void 0,
      connected: p.connected
    }));
    for (const id of this.#rtt.keys()) {
      if (!peers.some((p) => p.id === id && p.connected)) this.#rtt.delete(id);
    }
    return {
      id: this.#node.id,
      mode: this.#node.mode,
      runtime: detectRuntime(),
      address: this.#node.address,
      time: Date.now(),
      startedAt: this.#startedAt,
      metrics: { ...this.#node.metrics },
      peers,
      topology,
      logs: this.#logs?.entries(40) ?? []
    };
  }
};
function round(ms) {
  return ms === void 0 ? void 0 : Math.round(ms * 100) / 100;
}

// lib/dashboard/handler.ts
var SECURITY = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer"
};
function reply(body, type, extra = {}) {
  return new Response(body, {
    headers: { "content-type": type, "cache-control": "no-store", ...SECURITY, ...extra }
  });
}
function status(code, text, extra = {}) {
  return new Response(`${text}
`, {
    status: code,
    headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY, ...extra }
  });
}
function createDashboardHandler(options) {
  const { node } = options;
  if (options.token !== void 0 && (typeof options.token !== "string" || !options.token)) {
    throw new TypeError("token must be a non-empty string");
  }
  const state = new StateCollector(node, { ...options.state, logs: options.logs });
  const refusals = new RefusalLog(options.logger ?? silentLogger);
  const trustLoopback = options.trustLoopback ?? true;
  const refuse = (request, url, client) => {
    if (options.public) return void 0;
    if (trustLoopback && isLoopbackClient(url, client)) return void 0;
    const given = bearer(request) ?? url.searchParams.get("token") ?? void 0;
    if (given !== void 0 && options.token !== void 0 && sameToken(given, options.token)) {
      return void 0;
    }
    const reason = given === void 0 ? "no token" : "wrong token";
    refusals.note(url.pathname, client?.remoteAddress ?? "unknown", reason);
    const code = given === void 0 ? 401 : 403;
    const local = !trustLoopback ? "Loopback clients need it too here (trustLoopback is off)." : client?.remoteAddress === void 0 ? "This server does not report client addresses, so local clients need it too." : "Clients on the node's machine need none.";
    return status(
      code,
      `${code === 401 ? "401 unauthorized" : "403 forbidden"}: ${url.pathname} needs the dashboard token (${reason} given). Send "Authorization: Bearer <token>" or open the dashboard link the node printed (it ends in ?token=...). ${local}`,
      { "www-authenticate": 'Bearer realm="geomesh"', "cache-control": "no-store" }
    );
  };
  return async (request, client) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return status(405, "method not allowed", { allow: "GET, HEAD" });
    }
    const url = new URL(request.url);
    const strip = (r) => request.method === "HEAD" ? new Response(null, { status: r.status, headers: r.headers }) : r;
    if (url.pathname === "/api/state" || url.pathname === "/metrics") {
      const refusal = refuse(request, url, client);
      if (refusal) return strip(refusal);
    }
    switch (url.pathname) {
      case "/":
      case "/index.html":
        return strip(reply(dashboardPage(), "text/html; charset=utf-8", {
          "content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https: wss:"
        }));
      case "/api/state":
        return strip(reply(JSON.stringify(await state.state()), "application/json"));
      case "/address":
      case "/address.json": {
        const json = url.pathname.endsWith(".json") || url.searchParams.get("format") === "json" || (request.headers.get("accept") ?? "").includes("application/json");
        const cors = { "access-control-allow-origin": "*" };
        if (!json) return strip(reply(`${node.address}
`, "text/plain; charset=utf-8", cors));
        const body = JSON.stringify({ address: node.address, ...node.addressInfo });
        return strip(reply(body, "application/json", cors));
      }
      case "/metrics":
        return strip(reply(
          metricsToPrometheus(node.metrics, { node: node.id }),
          "text/plain; version=0.0.4; charset=utf-8"
        ));
      case "/geomesh.js": {
        if (!options.bundle) return status(404, "no browser bundle here");
        try {
          return strip(reply(await options.bundle(), "text/javascript; charset=utf-8", {
            "access-control-allow-origin": "*"
          }));
        } catch (err) {
          return status(503, `browser bundle unavailable: ${err.message}`);
        }
      }
      case "/favicon.ico":
        return new Response(null, { status: 204, headers: SECURITY });
      default:
        return status(404, "not found");
    }
  };
}
function bearer(request) {
  const h = request.headers.get("authorization");
  const m = h?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return m ? m[1] : h ? "" : void 0;
}
function sameToken(given, expected) {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i];
  return diff === 0;
}
var LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
function isLoopbackAddress(address) {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return LOOPBACK_V4.test(v4);
}
function isLoopbackClient(url, client) {
  const host = url.hostname.toLowerCase();
  const hostIsLocal = host === "localhost" || host.endsWith(".localhost") || isLoopbackAddress(host);
  return hostIsLocal && isLoopbackAddress(client?.remoteAddress);
}
var RefusalLog = class _RefusalLog {
  static WINDOW_MS = 1e4;
  static LINES = 5;
  #log;
  #start = -Infinity;
  #lines = 0;
  #more = 0;
  constructor(log) {
    this.#log = log;
  }
  note(path, client, reason) {
    const now = performance.now();
    if (now - this.#start >= _RefusalLog.WINDOW_MS) {
      if (this.#more) {
        this.#log.warn("dashboard requests refused", {
          count: this.#more,
          seconds: _RefusalLog.WINDOW_MS / 1e3
        });
      }
      this.#start = now;
      this.#lines = 0;
      this.#more = 0;
    }
    if (this.#lines < _RefusalLog.LINES) {
      this.#lines++;
      this.#log.warn("dashboard request refused", { path, client, reason });
    } else this.#more++;
  }
};

// lib/dashboard/serve.ts
async function start(handler, cert, hostname, port) {
  const g = globalThis;
  if ("Deno" in g) {
    const server2 = g.Deno.serve({
      hostname,
      port,
      cert: cert.certPem,
      key: cert.keyPem,
      onListen() {
      },
      // Quiet: a browser dropping a connection is not an error worth printing.
      onError: () => new Response("internal error\n", { status: 500 })
    }, (req, info) => handler(req, { remoteAddress: info?.remoteAddr?.hostname }));
    return { port: server2.addr.port, stop: () => server2.shutdown() };
  }
  if ("Bun" in g) {
    const server2 = g.Bun.serve({
      hostname,
      port,
      tls: { cert: cert.certPem, key: cert.keyPem },
      fetch: (req, srv) => handler(req, { remoteAddress: srv?.requestIP?.(req)?.address })
    });
    return {
      port: server2.port,
      stop: () => Promise.resolve(server2.stop(true))
    };
  }
  const { createServer } = await import("node:https");
  const { serveNodeRequest } = await import("./http-bridge-AE6JJN62.js");
  const server = createServer(
    { cert: cert.certPem, key: cert.keyPem },
    (req, res) => void serveNodeRequest(
      req,
      res,
      (r) => handler(r, { remoteAddress: req.socket?.remoteAddress })
    )
  );
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  return {
    port: server.address().port,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    })
  };
}
async function serveHttps(options) {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer in [0, 65535], got ${port}`);
  }
  if (!options.certificate?.certPem || !options.certificate?.keyPem) {
    throw new TypeError("certificate { certPem, keyPem } is required");
  }
  const handler = options.handler;
  let running2 = await start(handler, options.certificate, hostname, port);
  const bound = running2.port;
  let closed = false;
  let chain = Promise.resolve();
  return {
    port: bound,
    setCertificate(certificate) {
      chain = chain.then(async () => {
        if (closed) return;
        await running2.stop();
        running2 = await start(handler, certificate, hostname, bound);
      });
      return chain;
    },
    close() {
      if (!closed) {
        closed = true;
        chain = chain.then(() => running2.stop());
      }
      return chain;
    }
  };
}

// lib/dashboard/mod.ts
var running = /* @__PURE__ */ new WeakMap();
function dashboardOf(node) {
  return running.get(node);
}
function canServeHttp(listener) {
  return typeof listener?.setHttpHandler === "function";
}
async function startDashboard(options) {
  const { node, listener } = options;
  const token = options.public ? void 0 : options.token ?? randomToken();
  const handler = createDashboardHandler({
    node,
    logs: options.logs,
    bundle: options.bundle ?? browserBundleLoader(),
    token,
    public: options.public,
    trustLoopback: options.trustLoopback,
    logger: options.logger,
    state: options.state
  });
  const host = options.urlHost ?? "127.0.0.1";
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const withToken = (url) => ({
    url,
    token,
    link: token === void 0 ? url : `${url}?token=${encodeURIComponent(token)}`
  });
  let dashboard;
  if (options.port === void 0 && canServeHttp(listener)) {
    listener.setHttpHandler(handler);
    dashboard = {
      ...withToken(`https://${hostPart}:${listener.port}/`),
      port: listener.port,
      samePort: true,
      setCertificate: () => Promise.resolve(),
      close: () => Promise.resolve(listener.setHttpHandler(void 0))
    };
  } else {
    if (!options.certificate) throw new TypeError("a separate dashboard port needs a certificate");
    const server = await serveHttps({
      handler,
      certificate: options.certificate,
      hostname: options.hostname ?? options.bindHost ?? "127.0.0.1",
      port: options.port ?? 0
    });
    dashboard = {
      ...withToken(`https://${hostPart}:${server.port}/`),
      port: server.port,
      samePort: false,
      setCertificate: (c) => server.setCertificate(c),
      close: () => server.close()
    };
  }
  running.set(node, dashboard);
  return dashboard;
}
function randomToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// lib/dashboard/plugin.ts
function wanted(config, transport) {
  return config.dashboard !== false && config.mode !== "client" && transport.secure;
}
function dashboardPlugin() {
  let logs;
  return {
    name: "dashboard",
    wrapLogger(logger, config, transport) {
      if (!wanted(config, transport)) return logger;
      return logs = new LogRing(logger);
    },
    async start({ node, config, transport, listener, certificate, logger }) {
      if (!wanted(config, transport) || !listener) return;
      const options = typeof config.dashboard === "object" ? config.dashboard : {};
      const dashboard = await startDashboard({
        ...options,
        node,
        listener,
        certificate,
        urlHost: config.hostnames[0],
        bindHost: config.hostname,
        logs,
        logger
      });
      logger.info("dashboard", {
        url: dashboard.url,
        access: dashboard.token === void 0 ? "public" : "token or loopback"
      });
      return {
        close: () => dashboard.close(),
        setCertificate: (c) => dashboard.setCertificate(c)
      };
    }
  };
}

// lib/deps/x509.ts
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

// lib/cert/generate.ts
var MAX_VALIDITY_DAYS = 14;
var MAX_VALIDITY_MS = MAX_VALIDITY_DAYS * 864e5;
var CLOCK_SKEW_MS = 36e5;
var DEFAULT_HOSTNAMES = ["localhost", "127.0.0.1", "::1"];
var IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
var DNS = /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
function isIpv6(text) {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}
function sanType(hostname) {
  if (typeof hostname === "string") {
    if (IPV4.test(hostname) || hostname.includes(":") && isIpv6(hostname)) return "ip";
    if (hostname.length <= 253 && DNS.test(hostname)) return "dns";
  }
  throw new TypeError(
    `not a DNS name or IP address: ${JSON.stringify(String(hostname).slice(0, 80))}`
  );
}
function randomSerial() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 127;
  bytes[0] |= 1;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
async function generateCertificate(options = {}) {
  const hostnames = options.hostnames ?? [...DEFAULT_HOSTNAMES];
  if (!Array.isArray(hostnames) || hostnames.length === 0) {
    throw new TypeError("hostnames must be a non-empty array of DNS names or IP addresses");
  }
  const types = hostnames.map(sanType);
  const validityMs = options.validityMs ?? (options.validityDays ?? MAX_VALIDITY_DAYS) * 864e5;
  if (!(validityMs >= 1e3 && validityMs <= MAX_VALIDITY_MS)) {
    throw new RangeError(
      `certificate validity must be between 1 s and ${MAX_VALIDITY_DAYS} days, got ${validityMs} ms`
    );
  }
  const now = options.now === void 0 ? Date.now() : toMillis(options.now, "now");
  const start2 = options.notBefore === void 0 ? now - CLOCK_SKEW_MS : toMillis(options.notBefore, "notBefore");
  const notBefore = new Date(Math.ceil(start2 / 1e3) * 1e3);
  const notAfter = new Date(notBefore.getTime() + Math.floor(validityMs / 1e3) * 1e3);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [hostnames[0]] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        hostnames.map((value, i) => ({ type: types[i], value }))
      ),
      new x509.BasicConstraintsExtension(false, void 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])
    ]
  });
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  return {
    certPem: encodePem(der, "CERTIFICATE"),
    keyPem: encodePem(pkcs8, "PRIVATE KEY"),
    der,
    pin: await certificatePin(der),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    hostnames: [...hostnames]
  };
}

// lib/cert/rotation.ts
var DEFAULT_RENEW_BEFORE_MS = 2 * 864e5;
function rotationPolicy(options) {
  const validityMs = options.validityMs ?? MAX_VALIDITY_MS;
  if (!(validityMs >= 4 * CLOCK_SKEW_MS && validityMs <= MAX_VALIDITY_MS)) {
    throw new RangeError(`validityMs must be between 4 h and 14 days, got ${validityMs}`);
  }
  const renewBeforeMs = options.renewBeforeMs ?? Math.min(DEFAULT_RENEW_BEFORE_MS, validityMs / 4);
  if (!(renewBeforeMs >= 0 && renewBeforeMs <= validityMs / 2)) {
    throw new RangeError(
      `renewBeforeMs must be between 0 and half the validity (${validityMs / 2} ms), got ${renewBeforeMs}`
    );
  }
  return { validityMs, renewBeforeMs, stepMs: (validityMs - renewBeforeMs) / 2 };
}
function certificatePins(pair) {
  return [pair.current.pin, pair.next.pin];
}
function canonicalHost(host) {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (!h.includes(":")) return h;
  let text = h;
  const v4 = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${(a << 8 | b).toString(16)}:${(c << 8 | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = text.includes("::") ? Array(8 - left.length - right.length).fill("0") : [];
  return [...left, ...fill, ...right].map((g) => g.padStart(4, "0")).join(":");
}
function sameHosts(cert, wanted2) {
  const have = new Set(cert.hostnames.map(canonicalHost));
  const want = new Set(wanted2.map(canonicalHost));
  return have.size === want.size && [...want].every((h) => have.has(h));
}
function validAt(cert, now) {
  return cert.notBefore.getTime() <= now && now < cert.notAfter.getTime();
}
async function updateCertificates(state, options = {}) {
  const policy = rotationPolicy(options);
  const now = options.now === void 0 ? Date.now() : toMillis(options.now, "now");
  const hostnames = options.hostnames ?? state.current?.hostnames ?? state.next?.hostnames;
  const reasons = [];
  const fresh = (notBefore) => generateCertificate({ hostnames, now, notBefore, validityMs: policy.validityMs });
  let current = state.current;
  let next = state.next;
  let rotated = false;
  if (options.hostnames) {
    if (current && !sameHosts(current, options.hostnames)) {
      reasons.push("current certificate has other host names");
      current = void 0;
    }
    if (next && !sameHosts(next, options.hostnames)) {
      reasons.push("next certificate has other host names");
      next = void 0;
    }
  }
  if (current && !validAt(current, now)) {
    reasons.push(
      now < current.notBefore.getTime() ? `current certificate is not valid before ${current.notBefore.toISOString()}` : `current certificate expired at ${current.notAfter.toISOString()}`
    );
    current = void 0;
  }
  if (!current && next && validAt(next, now)) {
    reasons.push("promoted next certificate to current");
    [current, next, rotated] = [next, void 0, true];
  }
  current ??= await fresh();
  while (now >= current.notAfter.getTime() - policy.renewBeforeMs) {
    if (next && validAt(next, now) && next.notAfter > current.notAfter) {
      reasons.push(`rotated: current expires at ${current.notAfter.toISOString()}`);
      [current, next, rotated] = [next, void 0, true];
    } else {
      reasons.push(`replaced current certificate expiring at ${current.notAfter.toISOString()}`);
      [current, next, rotated] = [await fresh(), void 0, false];
    }
  }
  const promoteAt = current.notAfter.getTime() - policy.renewBeforeMs;
  if (next && !(next.notAfter > current.notAfter && next.notBefore.getTime() <= promoteAt && now < next.notAfter.getTime())) {
    reasons.push("next certificate would not be usable when promoted");
    next = void 0;
  }
  next ??= await fresh(Math.max(now - CLOCK_SKEW_MS, current.notBefore.getTime() + policy.stepMs));
  const result = {
    current,
    next,
    currentChanged: current !== state.current,
    nextChanged: next !== state.next,
    rotated: rotated && current === state.next,
    reasons
  };
  if (reasons.length) options.logger?.info("certificates updated", { reasons: reasons.join("; ") });
  return result;
}

// lib/cert/store.ts
import { readFile as readFile2, stat as stat3 } from "node:fs/promises";
import { join as join2 } from "node:path";

// lib/cert/parse.ts
var EC_P256 = { name: "ECDSA", namedCurve: "P-256" };
function describeAlgorithm(alg) {
  if (alg.name === "ECDSA") return `ECDSA ${alg.namedCurve ?? "(unknown curve)"}`;
  if (alg.name.startsWith("RSA")) {
    return `RSA${alg.modulusLength ? ` ${alg.modulusLength}-bit` : ""}`;
  }
  return alg.name;
}
function days(ms) {
  return `${Math.round(ms / 864e5 * 100) / 100} days`;
}
function onlyBlock(text, label, source, what) {
  let blocks;
  try {
    blocks = decodePem(text);
  } catch (err) {
    throw new CertificateError(`${source}: corrupt ${what} PEM: ${err.message}`, {
      cause: err
    });
  }
  const found = blocks.filter((b) => b.label === label);
  if (found.length !== 1) {
    const hint = blocks.some((b) => b.label === "EC PRIVATE KEY") ? ' (an SEC1 "EC PRIVATE KEY" must be converted: openssl pkcs8 -topk8 -nocrypt)' : "";
    throw new CertificateError(
      `${source}: expected exactly one "${label}" PEM block, found ${found.length}${hint}`
    );
  }
  return found[0].der;
}
async function parseCertificate(certPem, keyPem, options = {}) {
  if (typeof certPem !== "string" || typeof keyPem !== "string") {
    throw new TypeError("certificate and key must be PEM strings");
  }
  const source = options.source ?? "certificate";
  const keySource = options.keySource ?? source;
  const der = onlyBlock(certPem, "CERTIFICATE", source, "certificate");
  let cert;
  try {
    cert = new x509.X509Certificate(der);
  } catch (err) {
    throw new CertificateError(`${source}: corrupt certificate: ${err.message}`, {
      cause: err
    });
  }
  const alg = cert.publicKey.algorithm;
  if (alg.name !== EC_P256.name || alg.namedCurve !== EC_P256.namedCurve) {
    throw new CertificateError(
      `${source}: certificate key is ${describeAlgorithm(alg)}; WebTransport pinning needs ECDSA P-256`
    );
  }
  const notBefore = cert.notBefore;
  const notAfter = cert.notAfter;
  const span = notAfter.getTime() - notBefore.getTime();
  if (!(span > 0)) throw new CertificateError(`${source}: certificate validity period is empty`);
  if (span > MAX_VALIDITY_MS) {
    throw new CertificateError(
      `${source}: certificate is valid for ${days(span)}; browsers accept at most ${MAX_VALIDITY_DAYS} days for pinned certificates`
    );
  }
  if (options.checkValidity ?? true) {
    const now = options.now === void 0 ? Date.now() : toMillis(options.now, "now");
    if (now > notAfter.getTime()) {
      throw new CertificateError(`${source}: certificate expired at ${notAfter.toISOString()}`);
    }
    if (now < notBefore.getTime()) {
      throw new CertificateError(
        `${source}: certificate is not valid before ${notBefore.toISOString()}`
      );
    }
  }
  const pkcs8 = onlyBlock(keyPem, "PRIVATE KEY", keySource, "private key");
  let keyJwk;
  try {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      pkcs8,
      EC_P256,
      true,
      ["sign"]
    );
    keyJwk = await crypto.subtle.exportKey("jwk", key);
  } catch (err) {
    throw new CertificateError(
      `${keySource}: private key is not a PKCS#8 ECDSA P-256 key: ${err.message}`,
      { cause: err }
    );
  }
  const certJwk = await crypto.subtle.exportKey("jwk", await cert.publicKey.export());
  if (keyJwk.x !== certJwk.x || keyJwk.y !== certJwk.y) {
    throw new CertificateError(
      `${keySource}: private key does not match the certificate in ${source}`
    );
  }
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const hostnames = san ? san.names.items.map((n) => n.value) : [];
  return {
    certPem: encodePem(der, "CERTIFICATE"),
    keyPem: encodePem(pkcs8, "PRIVATE KEY"),
    der,
    pin: await certificatePin(der),
    notBefore,
    notAfter,
    hostnames
  };
}

// lib/cert/store.ts
var CURRENT_CERT_FILE = "tls-current.pem";
var NEXT_CERT_FILE = "tls-next.pem";
var MAX_FILE_SIZE2 = 64 * 1024;
async function loadCertificateFile(path, options = {}) {
  let text;
  try {
    const info = await stat3(path);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_SIZE2) throw new Error(`file is ${info.size} bytes, too big`);
    text = await readFile2(path, "utf8");
  } catch (err) {
    throw new CertificateError(`cannot read certificate file ${path}: ${err.message}`, {
      cause: err
    });
  }
  return await parseCertificate(text, text, { ...options, source: path });
}
async function saveCertificateFile(path, cert) {
  try {
    await writePrivateFile(path, cert.certPem + cert.keyPem);
  } catch (err) {
    throw new CertificateError(`cannot write certificate file ${path}: ${err.message}`, {
      cause: err
    });
  }
}
async function loadIfPresent(path, now) {
  try {
    await stat3(path);
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw new CertificateError(
      `cannot access certificate file ${path}: ${err.message}`,
      {
        cause: err
      }
    );
  }
  await restrictMode(path).catch(() => null);
  return await loadCertificateFile(path, { now, checkValidity: false });
}
async function loadOrCreateCertificates(options) {
  const { certPath } = options;
  if (typeof certPath !== "string" || !certPath) {
    throw new TypeError("certPath must be a non-empty string");
  }
  const currentFile = join2(certPath, CURRENT_CERT_FILE);
  const nextFile = join2(certPath, NEXT_CERT_FILE);
  const state = {
    current: await loadIfPresent(currentFile, options.now),
    next: await loadIfPresent(nextFile, options.now)
  };
  const result = await updateCertificates(state, options);
  if (result.currentChanged || result.nextChanged) {
    try {
      await ensurePrivateDir(certPath);
    } catch (err) {
      throw new CertificateError(`cannot create cert path ${certPath}: ${err.message}`, {
        cause: err
      });
    }
  }
  if (result.currentChanged) await saveCertificateFile(currentFile, result.current);
  if (result.nextChanged) await saveCertificateFile(nextFile, result.next);
  (options.logger ?? silentLogger).debug("certificates ready", {
    certPath,
    currentNotAfter: result.current.notAfter.toISOString(),
    nextNotBefore: result.next.notBefore.toISOString()
  });
  return result;
}

// lib/cert/rotator.ts
function unref(timer) {
  if ("Deno" in globalThis) {
    globalThis.Deno.unrefTimer(
      timer
    );
  } else {
    timer.unref?.();
  }
}
async function startCertificateRotation(options = {}) {
  const clock = options.clock ?? Date.now;
  const policy = rotationPolicy(options);
  const logger = options.logger ?? silentLogger;
  const maxDelayMs = options.maxDelayMs ?? 36e5;
  const retryDelayMs = options.retryDelayMs ?? 6e4;
  for (const [name, v] of [["maxDelayMs", maxDelayMs], ["retryDelayMs", retryDelayMs]]) {
    if (!(v >= 1 && v <= 2 ** 31 - 1)) throw new RangeError(`${name} must be in [1, 2^31-1] ms`);
  }
  if (options.signal?.aborted) throw new AbortedError("certificate rotation aborted before start");
  const update = (state) => {
    const opts = { ...options, now: clock() };
    return options.certPath ? loadOrCreateCertificates({ ...opts, certPath: options.certPath }) : updateCertificates(state, opts);
  };
  let pair = await update({});
  let timer;
  let nextCheckAt = null;
  let stopped = false;
  let running2 = Promise.resolve(false);
  const schedule = (delay) => {
    if (stopped) return;
    clearTimeout(timer);
    const ms = Math.max(0, Math.min(delay, maxDelayMs));
    nextCheckAt = new Date(clock() + ms);
    timer = setTimeout(() => {
      check().catch(() => {
      });
    }, ms);
    unref(timer);
  };
  const dueIn = () => pair.current.notAfter.getTime() - policy.renewBeforeMs - clock();
  const runCheck = async () => {
    if (stopped) return false;
    let result;
    try {
      result = await update(pair);
    } catch (err) {
      logger.error("certificate rotation failed", { err });
      schedule(retryDelayMs);
      throw err;
    }
    const changed = result.currentChanged || result.nextChanged;
    pair = { current: result.current, next: result.next };
    if (changed && !stopped) {
      logger.info("certificates rotated", { reasons: result.reasons.join("; ") });
      try {
        await options.onRotate?.(result);
      } catch (err) {
        logger.error("certificate rotation callback failed", { err });
      }
    }
    schedule(dueIn());
    return changed;
  };
  const check = () => running2 = running2.catch(() => false).then(runCheck);
  const stop = () => {
    stopped = true;
    nextCheckAt = null;
    clearTimeout(timer);
  };
  options.signal?.addEventListener("abort", stop, { once: true });
  schedule(dueIn());
  return {
    get current() {
      return pair.current;
    },
    get next() {
      return pair.next;
    },
    get pins() {
      return certificatePins(pair);
    },
    get nextCheckAt() {
      return nextCheckAt;
    },
    check,
    stop
  };
}

// lib/runtime/certificates.ts
var rotatingCertificates = {
  async start({ config, identity, logger, signal, onChange }) {
    const stateOf = async (r) => ({
      current: r.current,
      pins: r.pins,
      binding: await createPinBinding(identity, { pins: r.pins, notAfter: r.next.notAfter })
    });
    const rotator = await startCertificateRotation({
      certPath: config.certPath,
      hostnames: config.hostnames,
      logger,
      signal,
      onRotate: async () => await onChange(await stateOf(rotator))
    });
    return await stateOf(rotator);
  }
};

// lib/runtime/env.ts
function readEnv(name) {
  try {
    const deno = globalThis.Deno;
    if (deno) {
      const state = deno.permissions?.querySync?.({ name: "env", variable: name }).state;
      return state === "granted" ? deno.env.get(name) : void 0;
    }
    const proc = globalThis.process;
    return proc?.env?.[name];
  } catch {
    return void 0;
  }
}
function envLogSpec(read2 = readEnv) {
  const value = read2("GEOMESH_LOG");
  if (value === void 0 || !value.trim()) return void 0;
  try {
    return parseLogSpec(value, LOG_SUBSYSTEMS);
  } catch (err) {
    throw new TypeError(`GEOMESH_LOG=${value}: ${err.message}`);
  }
}

// lib/runtime/create.ts
function interfaces() {
  return Object.values(networkInterfaces()).flatMap((list) => list ?? []);
}
var serverRuntime = {
  transport: async () => await (await import("./mod-PBMAKBNP.js")).defaultTransport(),
  identity: (config, logger) => config.certPath ? loadOrCreateIdentity({ certPath: config.certPath, logger }) : generateIdentity(),
  certificates: rotatingCertificates,
  interfaces,
  plugins: () => [introspectionPlugin(), dashboardPlugin()],
  logSpec: () => envLogSpec()
};
function createNode(config = {}) {
  return startNode(config, serverRuntime);
}

export {
  IDENTITY_FILE,
  loadOrCreateIdentity,
  formatAddress,
  parseAddress,
  DEFAULT_CONFIG,
  LOG_SUBSYSTEMS,
  resolveConfig,
  fromP2PConfig,
  toP2PConfig,
  metricsToPrometheus,
  CloseCode,
  GeomeshNode,
  startNode,
  INFO_ACTOR,
  dashboardOf,
  createNode
};
//# sourceMappingURL=chunk-EDVN7UQJ.js.map
