/**
 * Broadcast state: origin-signed broadcast messages and de-duplication of
 * what was already delivered, with bounded memory.
 *
 * @module
 */
import { encodeValue } from "../codec/cbor.ts";
import type { WireMessage } from "../codec/messages.ts";
import { SignatureError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { verify } from "../identity/verify.ts";
import { SeenWindow } from "./seen.ts";

type BroadcastMessage = Extract<WireMessage, { type: "broadcast" }>;

/** Hop limit of a new broadcast. */
export const BROADCAST_TTL = 16;

function signedPart(msg: Pick<BroadcastMessage, "origin" | "seq" | "ts" | "payload">): Uint8Array {
  return encodeValue([msg.origin, msg.seq, msg.ts ?? 0, msg.payload] as never);
}

/**
 * Creates and checks broadcasts for one node.
 *
 * @example
 * ```ts ignore
 * const state = new BroadcastState(identity);
 * const msg = await state.create({ hello: "all" });
 * console.assert((await new BroadcastState(other).accept(msg)) === "ok");
 * ```
 */
export class BroadcastState {
  readonly #identity: NodeIdentity;
  #seq = 0;
  readonly #seen = new SeenWindow();

  constructor(identity: NodeIdentity) {
    this.#identity = identity;
    // Start from the clock so a restarted node's sequence numbers stay fresh.
    this.#seq = Date.now() * 1000;
  }

  /** A new signed broadcast of `payload` (also marked as seen locally). */
  async create(payload: unknown): Promise<BroadcastMessage> {
    const msg = {
      type: "broadcast",
      origin: this.#identity.id,
      seq: ++this.#seq,
      ts: Date.now(),
      payload,
      ttl: BROADCAST_TTL,
    } as
      & Omit<BroadcastMessage, "sig">
      & { sig?: Uint8Array };
    msg.sig = await this.#identity.sign("broadcast", signedPart(msg as BroadcastMessage));
    this.#seen.add(msg.origin, msg.seq);
    return msg as BroadcastMessage;
  }

  /** `"ok"` for a new, authentic broadcast; `"duplicate"`; or the error to log. */
  async accept(msg: BroadcastMessage): Promise<"ok" | "duplicate" | Error> {
    if (this.#seen.has(msg.origin, msg.seq)) return "duplicate";
    let valid = false;
    try {
      valid = await verify(msg.origin, "broadcast", signedPart(msg), msg.sig);
    } catch (err) {
      return new SignatureError("broadcast with an invalid origin", { cause: err });
    }
    if (!valid) return new SignatureError(`forged broadcast claiming origin ${msg.origin}`);
    // Another copy may have been accepted while this one was being verified.
    return this.#seen.add(msg.origin, msg.seq) ? "ok" : "duplicate";
  }
}
