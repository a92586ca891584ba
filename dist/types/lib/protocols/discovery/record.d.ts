import type { NetworkMode } from "../../codec/messages.js";
import type { NodeIdentity } from "../../identity/identity.js";
/** A record older than this is expired and dropped (its node re-signs long before). */
export declare const RECORD_TTL_MS: number;
/**
 * Records dated further ahead than this (clock skew allowance) are refused.
 * Synchronised clocks agree within a second; 15 s tolerates a badly set one.
 * A date ahead buys nothing anyway (the table counts a record's lifetime from
 * its arrival), but it would make the subject's next honest records look
 * older than one it signed, so the allowance stays small.
 */
export declare const MAX_CLOCK_SKEW_MS = 15000;
/** Largest encoded record accepted (a real one is about 300 bytes). */
export declare const MAX_RECORD_BYTES = 1024;
/** Most servers a record lists under `via`. */
export declare const MAX_VIA = 8;
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
 * import { generateIdentity } from "../../identity/identity.js";
 * import { createRecord } from "./record.js";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "hybrid");
 * console.assert(rec.id === me.id && rec.bytes.length < 400);
 * ```
 */
export declare function createRecord(identity: NodeIdentity, address: string, mode: NetworkMode, options?: CreateRecordOptions): Promise<PeerRecord>;
/**
 * Decodes a record without checking its signature (cheap: used to skip
 * records already known before paying for a verification). Throws
 * `DecodeError` or `ProtocolError` (including for an address that does not
 * parse) for anything malformed.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../../identity/identity.js";
 * import { createRecord, readRecord } from "./record.js";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "server");
 * console.assert(readRecord(rec.bytes).record.mode === "server");
 * ```
 */
export declare function readRecord(bytes: Uint8Array): {
    record: PeerRecord;
    sig: Uint8Array;
};
/**
 * Decodes and verifies a record: the signature must be the subject's own, and
 * the record neither from the future nor expired. Rejects with `DecodeError` /
 * `ProtocolError` (malformed, expired, future-dated) or `SignatureError`.
 *
 * @example
 * ```ts
 * import { generateIdentity } from "../../identity/identity.js";
 * import { createRecord, verifyRecord } from "./record.js";
 * const me = await generateIdentity();
 * const rec = await createRecord(me, `geomesh://${me.id}@127.0.0.1:4433?proto=h3`, "hybrid");
 * console.assert((await verifyRecord(rec.bytes)).address === rec.address);
 * ```
 */
export declare function verifyRecord(bytes: Uint8Array, now?: number): Promise<PeerRecord>;
/**
 * Throws `ProtocolError` for a record dated in the future (beyond the skew
 * allowance) or expired.
 *
 * @example
 * ```ts
 * import { checkAge } from "./record.js";
 * checkAge({ issuedAt: Date.now() }, Date.now());
 * ```
 */
export declare function checkAge(record: Pick<PeerRecord, "issuedAt">, now: number): void;
