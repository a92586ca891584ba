import { type Logger } from "../../log.js";
import type { NodeMetrics } from "../../metrics.js";
import type { WireMessage } from "../../codec/messages.js";
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
 * import { Handlers } from "./handlers.js";
 * const h = new Handlers({ maxInflight: 2 });
 * h.actor("inc", (n) => (n as number) + 1);
 * console.assert((await h.run("peer", "inc", 1)) === 2);
 * ```
 */
export declare class Handlers {
    #private;
    constructor(options: HandlersOptions);
    /** Sets (or with `undefined`, removes) the handler for requests to the node itself. */
    handle(handler: Handler | undefined): void;
    /** Registers (or with `undefined`, removes) actor `name`. */
    actor(name: string, handler: Handler | undefined): void;
    /** Handlers of `key` still running. */
    inflight(key: string): number;
    /**
     * Runs the handler for `actor` (or the request handler) for sender `from`
     * (the peer of a direct session, or a relayed frame's origin). Rejects with
     * `OverloadedError` when `from` already has `maxInflight` handlers running,
     * `UnknownActorError` when there is no handler, or whatever the handler
     * throws (logged and counted).
     */
    run(from: string, actor: string | undefined, payload: unknown): Promise<unknown>;
    /**
     * Runs `work` (the node's delivery of a direct frame from `link`) and,
     * when the sender waits for a reply (`id`), sends the outcome back: the
     * reply, the error, or the error that the reply could not be sent (see
     * `reply.ts`), so the sender never just times out. Never rejects.
     */
    serve(link: RequestLink, id: number | undefined, work: () => unknown): Promise<void>;
}
