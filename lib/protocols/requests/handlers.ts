/**
 * The receiving side of requests and actor messages: the request handler and
 * actor registry, running handlers and sending their replies, a bound on handlers running at once per sender (a peer
 * flooding requests gets `OVERLOADED` replies, not unbounded work), and the
 * mapping between thrown errors and the `{ code, message }` carried in a
 * response.
 *
 * @module
 */
import {
  GeomeshError,
  MessageTooLargeError,
  OverloadedError,
  RemoteError,
  StaleError,
  UnknownActorError,
} from "../../errors.ts";
import { type Logger, silentLogger } from "../../log.ts";
import type { NodeMetrics } from "../../metrics.ts";
import type { PeerLink } from "../../session/link.ts";

/** Context handed to request handlers and actors. */
export interface HandlerContext {
  /** Sender node id (authenticated). */
  from: string;
}

/** Handles a request or an actor message; the return value is the reply. */
export type Handler = (payload: unknown, context: HandlerContext) => unknown | Promise<unknown>;

/** An error as carried in a response. */
export interface WireError {
  code: string;
  message: string;
}

/** Longest error message put in a response (a handler's message may be anything). */
const MAX_ERROR_MESSAGE = 1000;

/**
 * What a thrown error becomes in a response: typed errors keep their code,
 * anything else is `HANDLER_ERROR`.
 *
 * @example
 * ```ts
 * import { toWireError } from "./handlers.ts";
 * console.assert(toWireError(new RangeError("x")).code === "HANDLER_ERROR");
 * ```
 */
export function toWireError(err: unknown): WireError {
  const code = err instanceof GeomeshError ? err.code : "HANDLER_ERROR";
  const message = err instanceof Error ? err.message : String(err);
  return { code, message: message.slice(0, MAX_ERROR_MESSAGE) };
}

/**
 * The error for a reply that could not be sent (`TypeError`: not encodable;
 * `MessageTooLargeError`), or undefined for an error that is not the reply's
 * fault (the session is gone).
 *
 * @example
 * ```ts
 * import { replyFailure } from "./handlers.ts";
 * console.assert(replyFailure(new TypeError("cannot encode Date"))?.code === "HANDLER_ERROR");
 * ```
 */
export function replyFailure(err: unknown): WireError | undefined {
  if (err instanceof MessageTooLargeError) {
    return { code: err.code, message: `reply too large: ${err.message}` };
  }
  if (err instanceof TypeError) {
    return { code: "HANDLER_ERROR", message: `reply could not be encoded: ${err.message}` };
  }
  return undefined;
}

/**
 * The error a caller sees for a `{ code, message }` response.
 *
 * @example
 * ```ts
 * import { fromWireError } from "./handlers.ts";
 * console.assert(fromWireError({ code: "UNKNOWN_ACTOR", message: "x" }).code === "UNKNOWN_ACTOR");
 * ```
 */
export function fromWireError(error: WireError): GeomeshError {
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
  const err = new RemoteError(`remote handler failed (${error.code}): ${error.message}`);
  (err as RemoteError & { remoteCode: string }).remoteCode = error.code;
  return err;
}

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
   * Runs the handler for a direct request (or actor message) and sends the
   * reply when the sender waits for one (`id`). A reply that cannot be encoded
   * or is too large is answered with an error instead, so the sender never
   * just times out. Never rejects.
   */
  async serve(link: PeerLink, actor: string | undefined, payload: unknown, id?: number) {
    let outcome: { payload: unknown } | { error: WireError };
    try {
      outcome = { payload: (await this.run(link.id, actor, payload)) ?? null };
    } catch (err) {
      outcome = { error: toWireError(err) };
    }
    if (id === undefined) return;
    const respond = (o: typeof outcome) =>
      link.send(
        "error" in o
          ? { type: "response", id, error: o.error }
          : { type: "response", id, payload: o.payload },
      );
    try {
      await respond(outcome);
    } catch (err) {
      const failure = "error" in outcome ? undefined : replyFailure(err);
      if (!failure) return this.#log.debug("reply failed", { peer: link.id, err });
      this.#metrics && this.#metrics.errors++;
      this.#log.warn("reply could not be sent", { peer: link.id, actor, err });
      await respond({ error: failure }).catch((e) => this.#log.debug("reply failed", { err: e }));
    }
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
