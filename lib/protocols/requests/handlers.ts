/**
 * The receiving side of requests and actor messages: the request handler and
 * actor registry, a bound on handlers running at once per sender (a peer
 * flooding requests gets `OVERLOADED` replies, not unbounded work), and
 * serving direct requests (replies and their fallback are in `reply.ts`).
 *
 * @module
 */
import { GeomeshError, OverloadedError, UnknownActorError } from "../../errors.ts";
import { outcomeOf, sendOutcome } from "./reply.ts";
import { type Logger, silentLogger } from "../../log.ts";
import type { NodeMetrics } from "../../metrics.ts";
import type { WireMessage } from "../../codec/messages.ts";

/** What serving requests needs of a link (a session's `PeerLink` is one). */
export interface RequestLink {
  /** Peer node id (authenticated by the session). */
  readonly id: string;
  /** Sends one message to the peer. */
  send(msg: WireMessage): Promise<void>;
}

/** Context handed to request handlers and actors. */
export interface HandlerContext {
  /** Sender node id (authenticated). */
  from: string;
}

/** Handles a request or an actor message; the return value is the reply. */
export type Handler = (payload: unknown, context: HandlerContext) => unknown | Promise<unknown>;

/** Options of {@linkcode Handlers}. */
export interface HandlersOptions {
  /** Handlers running at once per sender. */
  maxInflight: number;
  logger?: Logger;
  metrics?: NodeMetrics;
}

/**
 * Request handler, actors and the in-flight bound.
 *
 * @example
 * ```ts
 * import { Handlers } from "./handlers.ts";
 * const h = new Handlers({ maxInflight: 2 });
 * h.actor("inc", (n) => (n as number) + 1);
 * console.assert((await h.run("peer", "inc", 1)) === 2);
 * ```
 */
export class Handlers {
  readonly #actors = new Map<string, Handler>();
  #requestHandler?: Handler;
  readonly #maxInflight: number;
  readonly #maxTotal: number;
  readonly #inflight = new Map<string, number>();
  readonly #log: Logger;
  readonly #metrics?: NodeMetrics;
  #total = 0;

  constructor(options: HandlersOptions) {
    this.#maxInflight = options.maxInflight;
    this.#log = options.logger ?? silentLogger;
    this.#metrics = options.metrics;
    // Relayed senders are keyed by origin, and origins cost nothing to make: cap the sum too.
    this.#maxTotal = options.maxInflight * 16;
  }

  /** Sets (or with `undefined`, removes) the handler for requests to the node itself. */
  handle(handler: Handler | undefined): void {
    if (handler !== undefined && typeof handler !== "function") {
      throw new TypeError("handler must be a function");
    }
    this.#requestHandler = handler;
  }

  /** Registers (or with `undefined`, removes) actor `name`. */
  actor(name: string, handler: Handler | undefined): void {
    if (typeof name !== "string" || !name || name.includes("@")) {
      throw new TypeError("actor name must be a non-empty string without '@'");
    }
    if (handler === undefined) this.#actors.delete(name);
    else if (typeof handler !== "function") throw new TypeError("handler must be a function");
    else this.#actors.set(name, handler);
  }

  /** Handlers of `key` still running. */
  inflight(key: string): number {
    return this.#inflight.get(key) ?? 0;
  }

  /**
   * Runs the handler for `actor` (or the request handler) for sender `from`
   * (the peer of a direct session, or a relayed frame's origin). Rejects with
   * `OverloadedError` when `from` already has `maxInflight` handlers running,
   * `UnknownActorError` when there is no handler, or whatever the handler
   * throws (logged and counted).
   */
  run(from: string, actor: string | undefined, payload: unknown): Promise<unknown> {
    return this.#run(from, actor, payload).catch((err) => {
      this.#metrics && this.#metrics.errors++;
      // A flood of refused requests must not become a flood of log lines.
      const level = err instanceof OverloadedError ? "debug" : "warn";
      this.#log[level](err instanceof GeomeshError ? "refused request" : "handler failed", {
        peer: from,
        actor,
        err,
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
  async serve(link: RequestLink, id: number | undefined, work: () => unknown): Promise<void> {
    const outcome = await outcomeOf(work);
    if (id === undefined) return;
    const fellBack = await sendOutcome(
      (o) =>
        link.send(
          "error" in o
            ? { type: "response", id, error: o.error }
            : { type: "response", id, payload: o.payload },
        ),
      outcome,
      { logger: this.#log, fields: { peer: link.id } },
    );
    if (fellBack && this.#metrics) this.#metrics.errors++;
  }

  async #run(key: string, actor: string | undefined, payload: unknown): Promise<unknown> {
    const from = key;
    const handler = actor === undefined ? this.#requestHandler : this.#actors.get(actor);
    if (!handler) {
      throw new UnknownActorError(
        actor === undefined ? "no request handler" : `unknown actor ${JSON.stringify(actor)}`,
      );
    }
    const running = this.inflight(key);
    if (running >= this.#maxInflight || this.#total >= this.#maxTotal) {
      throw new OverloadedError(`${running} requests from this sender already running`);
    }
    this.#inflight.set(key, running + 1);
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
}
