/**
 * Broadcast state: origin-signed broadcast messages and de-duplication of
 * what was already delivered, with bounded memory.
 *
 * @module
 */
import { encodeValue } from "../../codec/cbor.ts";
import type { WireMessage } from "../../codec/messages.ts";
import { OverloadedError, ProtocolError, SignatureError, StaleError } from "../../errors.ts";
import type { NodeIdentity } from "../../identity/identity.ts";
import { verify } from "../../identity/verify.ts";

/** What broadcast needs of a link (a session's `PeerLink` is one). */
export interface BroadcastLink {
  /** Peer node id. */
  readonly id: string;
  /** Peer network mode: `client` peers are leaves of the tree. */
  readonly mode: string;
  /** True while the link's send queue is over its high-water mark. */
  readonly backlogged: boolean;
  /** Queues an encoded frame body. */
  sendEncoded(body: Uint8Array): Promise<void>;
}
import { OriginBudget } from "../origin-budget.ts";
import { type SeenVerdict, SeenWindow } from "../seen.ts";

type BroadcastMessage = Extract<WireMessage, { type: "broadcast" }>;

/**
 * Hop limit a new broadcast starts with. It is not signed, so it bounds
 * nothing a peer could not change: de-duplication is what makes every node
 * forward a broadcast at most once, and a copy whose limit is used up is
 * still passed on (see {@linkcode nextHop}; a lower limit once cost 16 lost
 * deliveries at 10,000 simulated nodes, and a rogue relaying copies with
 * `ttl: 1` cut off every node behind the one it fed). It only tells how far
 * a copy came (the `hops` of a broadcast event).
 */
export const BROADCAST_TTL = 64;

/**
 * The bytes an origin signs (domain `broadcast`) for a broadcast.
 *
 * @example
 * ```ts
 * import { broadcastSignedPart } from "./broadcast.ts";
 * import { generateIdentity } from "../../identity/identity.ts";
 * import { verify } from "../../identity/verify.ts";
 * const me = await generateIdentity();
 * const msg = { origin: me.id, seq: 1, ts: Date.now(), payload: "hi" };
 * const sig = await me.sign("broadcast", broadcastSignedPart(msg));
 * console.assert(await verify(me.id, "broadcast", broadcastSignedPart(msg), sig));
 * ```
 */
export function broadcastSignedPart(
  msg: Pick<BroadcastMessage, "origin" | "seq" | "ts" | "payload">,
): Uint8Array {
  return encodeValue([msg.origin, msg.seq, msg.ts ?? 0, msg.payload] as never);
}

/**
 * Creates and checks broadcasts for one node.
 *
 * @example
 * ```ts
 * import { BroadcastState } from "./broadcast.ts";
 * import { generateIdentity } from "../../identity/identity.ts";
 * const state = new BroadcastState(await generateIdentity());
 * const msg = await state.create({ hello: "all" });
 * const other = new BroadcastState(await generateIdentity());
 * console.assert((await other.accept(msg)) === "ok" && (await other.accept(msg)) === "duplicate");
 * ```
 */
export class BroadcastState {
  readonly #identity: NodeIdentity;
  #seq = 0;
  readonly #seen = new SeenWindow();
  readonly #newOrigins = new OriginBudget();
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
    msg.sig = await this.#identity.sign("broadcast", broadcastSignedPart(msg as BroadcastMessage));
    this.#seen.add(msg.origin, msg.seq, msg.ts!);
    return msg as BroadcastMessage;
  }

  /**
   * `"ok"` for a new, authentic, fresh broadcast; `"duplicate"`; `"shed"`
   * when `gate` refused to run the verification (see `PeerLink.cryptoBounded`)
   * or `link` introduced too many new origins; or the error to log (forged,
   * undated, stale, or the replay window full of fresh origins).
   */
  async accept(
    msg: BroadcastMessage,
    gate: (check: () => Promise<boolean>) => Promise<boolean> | undefined = (check) => check(),
    link: object = this,
  ): Promise<"ok" | "duplicate" | "shed" | Error> {
    if (msg.ts === undefined) {
      return new ProtocolError(`broadcast ${msg.seq} of ${msg.origin} has no timestamp`);
    }
    const early = verdictOf(msg, this.#seen.check(msg.origin, msg.seq, msg.ts));
    if (early !== "ok") return early;
    if (!this.#seen.knows(msg.origin) && !this.#newOrigins.take(link)) return "shed";
    let valid = false;
    const key = `${msg.origin} ${msg.seq}`;
    try {
      const checking = gate(() =>
        verify(msg.origin, "broadcast", broadcastSignedPart(msg), msg.sig)
      );
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
    return verdictOf(msg, this.#seen.add(msg.origin, msg.seq, msg.ts));
  }
}

function verdictOf(msg: BroadcastMessage, verdict: SeenVerdict): "ok" | "duplicate" | Error {
  switch (verdict) {
    case "new":
      return "ok";
    case "duplicate":
      return "duplicate";
    case "stale":
      return new StaleError(
        `broadcast ${msg.seq} of ${msg.origin} dated ${msg.ts} is outside the freshness window ` +
          `(local clock ${Date.now()})`,
      );
    default:
      return new OverloadedError(
        `broadcast ${msg.seq} of ${msg.origin} refused: replay window full of fresh origins`,
      );
  }
}

/**
 * The copy of a received broadcast to pass on. Its hop limit is not signed,
 * so it must never stop a verified copy: a peer could lower it to cut off
 * every node behind the one it feeds (de-duplication already ends every
 * broadcast). It is only lowered (capped at {@linkcode BROADCAST_TTL} first,
 * since a peer could as well inflate it) to report roughly how far a copy came,
 * and stays at least 1.
 *
 * @example
 * ```ts
 * import { nextHop } from "./broadcast.ts";
 * const received = { type: "broadcast" as const, origin: "x", seq: 1, ttl: 1000, payload: null, sig: new Uint8Array(64) };
 * console.assert(nextHop(received).ttl === 63 && nextHop({ ...received, ttl: 1 }).ttl === 1);
 * ```
 */
export function nextHop(msg: BroadcastMessage): BroadcastMessage {
  return { ...msg, ttl: Math.max(1, Math.min(msg.ttl, BROADCAST_TTL) - 1) };
}

/**
 * Queues an encoded broadcast on `link`. Broadcast is best effort: a link
 * whose queue is over its high-water mark is skipped (false) rather than
 * buffered for without bound; the tree announces the broadcast to it instead,
 * so the peer can ask for it once it drains.
 *
 * @example
 * ```ts
 * import { sendBroadcast } from "./broadcast.ts";
 * const sent: Uint8Array[] = [];
 * const link = { id: "p", mode: "hybrid", backlogged: false, sendEncoded: (b: Uint8Array) => (sent.push(b), Promise.resolve()) };
 * console.assert(sendBroadcast(link, new Uint8Array([1])) && sent.length === 1);
 * console.assert(!sendBroadcast({ ...link, backlogged: true }, new Uint8Array([2])));
 * ```
 */
export function sendBroadcast(link: BroadcastLink, body: Uint8Array): boolean {
  if (link.backlogged) return false;
  link.sendEncoded(body).catch(() => {});
  return true;
}
