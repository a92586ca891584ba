/**
 * Peer records: what discovery gossips. A record says "node X can be dialed at
 * this address (with these certificate pins), in this mode, as of this time",
 * and is signed by X itself, so a relaying peer can neither forge one nor alter
 * the address or pins of a real one. The newest record of a node (by
 * `issuedAt`) replaces older ones; a record older than {@linkcode RECORD_TTL_MS}
 * is expired, which is how the records of departed nodes leave the mesh.
 *
 * A client-mode node (a browser, say) cannot be dialed: its address has no
 * host, and its record lists `via`, the servers it holds sessions with, which
 * is how the mesh routes to it (`lib/node/routing.ts`).
 *
 * Wire form: the CBOR array `[address, mode, issuedAt, signature]`, or
 * `[address, mode, issuedAt, signature, via]`; the signature covers
 * `[address, mode, issuedAt]` (resp. `[..., via]`) under the `peer-record`
 * domain.
 *
 * @module
 */
import { decodeValue, encodeValue } from "../../codec/cbor.ts";
import type { NetworkMode } from "../../codec/messages.ts";
import { ProtocolError, SignatureError } from "../../errors.ts";
import type { NodeIdentity } from "../../identity/identity.ts";
import { SignatureDomain } from "../../identity/domain.ts";
import { verify } from "../../identity/verify.ts";
import { parseAddress } from "../../address/address.ts";

/** A record older than this is expired and dropped (its node re-signs long before). */
export const RECORD_TTL_MS = 10 * 60_000;
/**
 * Records dated further ahead than this (clock skew allowance) are refused.
 * Synchronised clocks agree within a second; 15 s tolerates a badly set one.
 * A date ahead buys nothing anyway (the table counts a record's lifetime from
 * its arrival), but it would make the subject's next honest records look
 * older than one it signed, so the allowance stays small.
 */
export const MAX_CLOCK_SKEW_MS = 15_000;
/** Largest encoded record accepted (a real one is about 300 bytes). */
export const MAX_RECORD_BYTES = 1024;
/** Most servers a record lists under `via`. */
export const MAX_VIA = 8;

/** A verified peer record. */
export interface PeerRecord {
  /** Node id of the subject (and signer). */
  id: string;
  /** The subject's address (`geomesh://...`, with its pins). */
  address: string;
  /** The subject's network mode. */
  mode: NetworkMode;
  /** When the subject signed it (ms since the epoch). */
  issuedAt: number;
  /** Servers the subject is attached to (node ids), for nodes that cannot be dialed. */
  via: string[];
  /** The encoded, signed record, passed on to other peers as it is. */
  bytes: Uint8Array;
}

const MODES: readonly string[] = ["client", "server", "hybrid"];
const NODE_ID = /^[a-z2-7]{52}$/;

function signedPart(address: string, mode: NetworkMode, issuedAt: number, via: string[]) {
  return encodeValue(via.length ? [address, mode, issuedAt, via] : [address, mode, issuedAt]);
}

/** Options of {@linkcode createRecord}. */
export interface CreateRecordOptions {
  /** When the record was issued (ms since the epoch). Default now. */
  issuedAt?: number;
  /** Servers a client-mode node is reached through (at most `MAX_VIA`). Default none. */
  via?: string[];
}

/**
 * Signs a record for this node.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../../identity/identity.ts";
 * import { createRecord } from "./record.ts";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "hybrid");
 * console.assert(rec.id === me.id && rec.bytes.length < 400);
 * ```
 */
export async function createRecord(
  identity: NodeIdentity,
  address: string,
  mode: NetworkMode,
  options: CreateRecordOptions = {},
): Promise<PeerRecord> {
  const { issuedAt = Date.now(), via = [] } = options;
  if (parseAddress(address).nodeId !== identity.id) {
    throw new TypeError("a record's address must name the signing node");
  }
  if (via.length > MAX_VIA || via.some((v) => !NODE_ID.test(v))) {
    throw new TypeError(`via must list at most ${MAX_VIA} node ids`);
  }
  const sig = await identity.sign(
    SignatureDomain.PeerRecord,
    signedPart(address, mode, issuedAt, via),
  );
  const bytes = encodeValue(
    via.length ? [address, mode, issuedAt, sig, via] : [address, mode, issuedAt, sig],
  );
  return { id: identity.id, address, mode, issuedAt, via: [...via], bytes };
}

/**
 * Decodes a record without checking its signature (cheap: used to skip
 * records already known before paying for a verification). Throws
 * `DecodeError` or `ProtocolError` (including for an address that does not
 * parse) for anything malformed.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../../identity/identity.ts";
 * import { createRecord, readRecord } from "./record.ts";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "server");
 * console.assert(readRecord(rec.bytes).record.mode === "server");
 * ```
 */
export function readRecord(bytes: Uint8Array): { record: PeerRecord; sig: Uint8Array } {
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new ProtocolError(`peer record of ${bytes.length} bytes (max ${MAX_RECORD_BYTES})`);
  }
  const value = decodeValue(bytes, { maxDepth: 2, maxBytes: MAX_RECORD_BYTES });
  if (
    !Array.isArray(value) || (value.length !== 4 && value.length !== 5) ||
    typeof value[0] !== "string" ||
    typeof value[1] !== "string" || !MODES.includes(value[1]) ||
    typeof value[2] !== "number" || !(value[3] instanceof Uint8Array)
  ) {
    throw new ProtocolError("malformed peer record");
  }
  const [address, mode, issuedAt, sig] = value as [string, NetworkMode, number, Uint8Array];
  const via = value.length === 5 ? value[4] : [];
  if (
    !Array.isArray(via) || (value.length === 5 && via.length === 0) || via.length > MAX_VIA ||
    via.some((v) => typeof v !== "string" || !NODE_ID.test(v))
  ) {
    throw new ProtocolError("peer record with a malformed via list");
  }
  let id: string;
  try {
    id = parseAddress(address).nodeId;
  } catch (err) {
    throw new ProtocolError("peer record with a bad address", { cause: err });
  }
  return { record: { id, address, mode, issuedAt, via: via as string[], bytes }, sig };
}

/**
 * Decodes and verifies a record: the signature must be the subject's own, and
 * the record neither from the future nor expired. Rejects with `DecodeError` /
 * `ProtocolError` (malformed, expired, future-dated) or `SignatureError`.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../../identity/identity.ts";
 * import { createRecord, verifyRecord } from "./record.ts";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "hybrid");
 * console.assert((await verifyRecord(rec.bytes)).address === rec.address);
 * ```
 */
export async function verifyRecord(
  bytes: Uint8Array,
  now: number = Date.now(),
): Promise<PeerRecord> {
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

/**
 * Throws `ProtocolError` for a record dated in the future (beyond the skew
 * allowance) or expired.
 *
 * @example
 * ```ts
 * import { checkAge } from "./record.ts";
 * checkAge({ issuedAt: Date.now() }, Date.now());
 * ```
 */
export function checkAge(record: Pick<PeerRecord, "issuedAt">, now: number): void {
  if (record.issuedAt > now + MAX_CLOCK_SKEW_MS) {
    throw new ProtocolError("peer record dated in the future");
  }
  if (record.issuedAt + RECORD_TTL_MS < now) throw new ProtocolError("expired peer record");
}
