/**
 * Node addresses: one pasteable string with what a dialer needs, like an iroh
 * ticket or a libp2p multiaddr with certhash:
 *
 * `geomesh://<nodeId>@<host>:<port>?proto=h3,h2,ws&pin=<pin>&pin=<pin>`
 *
 * - `nodeId`: the 52-character id (base32 of the Ed25519 public key).
 * - `host:port`: where to reach it (IPv6 in brackets); absent for client-mode nodes.
 * - `proto`: protocols offered on that port (`h3` UDP, `h2`/`ws` TCP, `memory`).
 * - `pin`: base64url SHA-256 of the current and next TLS certificates.
 *
 * @module
 */
import { AddressError } from "../errors.ts";
import type { Protocol } from "../transport/types.ts";

/** Parsed form of an address. */
export interface NodeAddress {
  /** Node id. */
  nodeId: string;
  /** Host name or IP (no brackets); absent for a node that does not listen. */
  host?: string;
  /** Port, with `host`. */
  port?: number;
  /** Protocols offered at host:port, in preference order. */
  protocols: Protocol[];
  /** Certificate pins (base64url SHA-256), current first. */
  pins: string[];
}

const NODE_ID = /^[a-z2-7]{52}$/;
const PIN = /^[A-Za-z0-9_-]{43}$/;
const PROTOCOLS: readonly string[] = ["h3", "h2", "ws", "memory"];

/**
 * Formats an address.
 *
 * @example
 * ```ts
 * import { formatAddress } from "./address.ts";
 * const id = "a".repeat(52);
 * const text = formatAddress({ nodeId: id, host: "127.0.0.1", port: 4433, protocols: ["h3"], pins: [] });
 * console.assert(text === `geomesh://${id}@127.0.0.1:4433?proto=h3`);
 * ```
 */
export function formatAddress(address: NodeAddress): string {
  validate(address, TypeError);
  let text = `geomesh://${address.nodeId}`;
  if (address.host !== undefined) {
    const host = address.host.includes(":") ? `[${address.host}]` : address.host;
    text += `@${host}:${address.port}`;
  }
  const query = [];
  if (address.protocols.length) query.push(`proto=${address.protocols.join(",")}`);
  for (const pin of address.pins) query.push(`pin=${pin}`);
  return query.length ? `${text}?${query.join("&")}` : text;
}

/**
 * Parses an address; malformed input gives an `AddressError` saying what is wrong.
 *
 * @example
 * ```ts
 * import { parseAddress } from "./address.ts";
 * const a = parseAddress(`geomesh://${"b".repeat(52)}@[::1]:9?proto=h3,h2`);
 * console.assert(a.host === "::1" && a.port === 9 && a.protocols[1] === "h2");
 * ```
 */
export function parseAddress(text: string): NodeAddress {
  if (typeof text !== "string") throw new TypeError("an address is a string");
  const trimmed = text.trim();
  const m = trimmed.match(
    /^geomesh:\/\/([^@?/]+)(?:@(\[[^\]]+\]|[^:?/\[\]]+):(\d{1,5}))?\/?(?:\?(.*))?$/,
  );
  if (!m) {
    throw new AddressError(
      `not a geomesh address: ${
        JSON.stringify(trimmed.slice(0, 80))
      } (expected geomesh://<nodeId>@<host>:<port>?proto=..&pin=..)`,
    );
  }
  const [, nodeId, rawHost, rawPort, query] = m;
  const address: NodeAddress = { nodeId, protocols: [], pins: [] };
  if (rawHost !== undefined) {
    address.host = rawHost.startsWith("[") ? rawHost.slice(1, -1) : rawHost;
    address.port = Number(rawPort);
  }
  for (const part of query ? query.split("&") : []) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    if (key === "proto") address.protocols.push(...value.split(",") as Protocol[]);
    else if (key === "pin") address.pins.push(value);
    else throw new AddressError(`unknown address parameter ${JSON.stringify(key)}`);
  }
  if (address.host !== undefined && address.protocols.length === 0) {
    address.protocols = ["h3", "h2"];
  }
  validate(address, AddressError);
  return address;
}

function validate(a: NodeAddress, E: new (message: string) => Error): void {
  if (!a || typeof a !== "object") throw new E("an address is an object");
  if (typeof a.nodeId !== "string" || !NODE_ID.test(a.nodeId)) {
    throw new E(
      `bad node id ${JSON.stringify(String(a.nodeId).slice(0, 60))}: expected 52 base32 characters`,
    );
  }
  if (a.host !== undefined) {
    if (typeof a.host !== "string" || !a.host || /[\s/?#@]/.test(a.host)) {
      throw new E("bad host in address");
    }
    if (!Number.isInteger(a.port) || a.port! < 1 || a.port! > 65535) {
      throw new E(`bad port in address: ${a.port}`);
    }
  } else if (a.port !== undefined) throw new E("a port without a host");
  if (!Array.isArray(a.protocols) || a.protocols.some((p) => !PROTOCOLS.includes(p))) {
    throw new E(`bad protocol list ${JSON.stringify(a.protocols)}: use ${PROTOCOLS.join(", ")}`);
  }
  if (!Array.isArray(a.pins) || a.pins.some((p) => typeof p !== "string" || !PIN.test(p))) {
    throw new E("bad certificate pin in address: expected 43 characters of base64url");
  }
  if (a.pins.length > 4) throw new E("too many pins in address (at most 4)");
}
