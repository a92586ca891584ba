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
import type { PeerLink } from "./peer.ts";
import { SeenWindow } from "./seen.ts";

type BroadcastMessage = Extract<WireMessage, { type: "broadcast" }>;

/**
 * Hop limit of a new broadcast. De-duplication already makes every node
 * forward a broadcast at most once, so the limit only bounds path length; it
 * must exceed the mesh diameter with room to spare, because the first copy a
 * node accepts may have come the long way (signature checks finish out of
 * order) and later copies are dropped as duplicates. 16 lost deliveries at
 * 10,000 simulated nodes (bench W8); 64 did not.
 */
export const BROADCAST_TTL = 64;

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
  /** Broadcasts with a copy being verified now (bounded by the per-peer crypto bound). */
  readonly #checking = new Map<string, number>();

  constructor(identity: NodeIdentity) {
    this.#identity = identity;
    // Start from the clock so a restarted node's sequence numbers stay fresh.
    this.#seq = Date.now() * 1000;
  }

  /** Whether the broadcast (origin, seq) was accepted already (or is too old to accept). */
  seen(origin: string, seq: number): boolean {
    return this.#seen.has(origin, seq);
  }

  /** Whether a copy of the broadcast (origin, seq) is being verified now. */
  checking(origin: string, seq: number): boolean {
    return this.#checking.has(`${origin} ${seq}`);
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

  /**
   * `"ok"` for a new, authentic broadcast; `"duplicate"`; `"shed"` when `gate`
   * refused to run the verification (see `PeerLink.cryptoBounded`); or the
   * error to log.
   */
  async accept(
    msg: BroadcastMessage,
    gate: (check: () => Promise<boolean>) => Promise<boolean> | undefined = (check) => check(),
  ): Promise<"ok" | "duplicate" | "shed" | Error> {
    if (this.#seen.has(msg.origin, msg.seq)) return "duplicate";
    let valid = false;
    const key = `${msg.origin} ${msg.seq}`;
    try {
      const checking = gate(() => verify(msg.origin, "broadcast", signedPart(msg), msg.sig));
      if (!checking) return "shed";
      this.#checking.set(key, (this.#checking.get(key) ?? 0) + 1);
      try {
        valid = await checking;
      } finally {
        const left = this.#checking.get(key)! - 1;
        if (left) this.#checking.set(key, left);
        else this.#checking.delete(key);
      }
    } catch (err) {
      return new SignatureError("broadcast with an invalid origin", { cause: err });
    }
    if (!valid) return new SignatureError(`forged broadcast claiming origin ${msg.origin}`);
    // Another copy may have been accepted while this one was being verified.
    return this.#seen.add(msg.origin, msg.seq) ? "ok" : "duplicate";
  }
}

/**
 * The copy of a received broadcast to pass on, or undefined when its hop limit
 * is used up. The limit is capped at {@linkcode BROADCAST_TTL} first: the
 * origin's signature cannot cover it, so a peer could inflate it.
 *
 * @example
 * ```ts ignore
 * const next = nextHop(received); // ttl: min(received.ttl, 64) - 1
 * ```
 */
export function nextHop(msg: BroadcastMessage): BroadcastMessage | undefined {
  const ttl = Math.min(msg.ttl, BROADCAST_TTL) - 1;
  return ttl > 0 ? { ...msg, ttl } : undefined;
}

/**
 * Queues an encoded broadcast on `link`. Broadcast is best effort: a link
 * whose queue is over its high-water mark is skipped (false) rather than
 * buffered for without bound; the tree announces the broadcast to it instead,
 * so the peer can ask for it once it drains.
 *
 * @example
 * ```ts ignore
 * if (!sendBroadcast(link, encodeMessage(nextHop(received)!))) announceLater(link);
 * ```
 */
export function sendBroadcast(link: PeerLink, body: Uint8Array): boolean {
  if (link.channel.backlogged) return false;
  link.lastActivity = performance.now();
  link.channel.sendEncoded(body).catch(() => {});
  return true;
}
