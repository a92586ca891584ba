/**
 * Replies to requests, shared by direct requests (`handlers.ts`) and routed
 * ones (`routing/router.ts`): what a handler's outcome becomes on the wire,
 * and the fallback that answers with an error when the reply itself cannot
 * be sent (not encodable, too large), so a sender never just times out.
 *
 * @module
 */
import type { WireError } from "../../codec/messages.js";
import { GeomeshError } from "../../errors.js";
import type { Logger } from "../../log.js";
export type { WireError };
/** What a handler produced: its reply, or the error to send instead. */
export type Outcome = {
    payload: unknown;
} | {
    error: WireError;
};
/**
 * What a thrown error becomes in a response: typed errors keep their code,
 * anything else is `HANDLER_ERROR`.
 *
 * @example
 * ```ts
 * import { toWireError } from "./reply.js";
 * console.assert(toWireError(new RangeError("x")).code === "HANDLER_ERROR");
 * ```
 */
export declare function toWireError(err: unknown): WireError;
/**
 * The error for a reply that could not be sent (`TypeError`: not encodable;
 * `MessageTooLargeError`), or undefined for an error that is not the reply's
 * fault (the session is gone).
 *
 * @example
 * ```ts
 * import { replyFailure } from "./reply.js";
 * console.assert(replyFailure(new TypeError("cannot encode Date"))?.code === "HANDLER_ERROR");
 * ```
 */
export declare function replyFailure(err: unknown): WireError | undefined;
/**
 * The error a caller sees for a `{ code, message }` response: the typed
 * error of a known code, else a `RemoteError` carrying the remote code.
 *
 * @example
 * ```ts
 * import { fromWireError } from "./reply.js";
 * import { RemoteError } from "../../errors.js";
 * console.assert(fromWireError({ code: "UNKNOWN_ACTOR", message: "x" }).code === "UNKNOWN_ACTOR");
 * const e = fromWireError({ code: "HANDLER_ERROR", message: "boom" });
 * console.assert(e instanceof RemoteError && e.remoteCode === "HANDLER_ERROR");
 * ```
 */
export declare function fromWireError(error: WireError): GeomeshError;
/**
 * Runs `work` and turns its result or its error into an {@linkcode Outcome}.
 * Never rejects.
 *
 * @example
 * ```ts
 * import { outcomeOf } from "./reply.js";
 * const o = await outcomeOf(() => { throw new Error("no"); });
 * console.assert("error" in o && o.error.code === "HANDLER_ERROR");
 * ```
 */
export declare function outcomeOf(work: () => unknown): Promise<Outcome>;
/**
 * Sends `outcome` with `send`; when a reply cannot be sent because of the
 * reply itself ({@linkcode replyFailure}), sends that error instead. Returns
 * whether a fallback was needed; never rejects (a gone session is logged at
 * debug).
 *
 * @example
 * ```ts
 * import { sendOutcome } from "./reply.js";
 * import { silentLogger } from "../../log.js";
 * const sent: unknown[] = [];
 * const send = (o: object) => "payload" in o ? Promise.reject(new TypeError("x")) : (sent.push(o), Promise.resolve());
 * console.assert(await sendOutcome(send, { payload: 1 }, { logger: silentLogger }) === true && sent.length === 1);
 * ```
 */
export declare function sendOutcome(send: (outcome: Outcome) => Promise<void>, outcome: Outcome, options: {
    logger: Logger;
    fields?: Record<string, unknown>;
}): Promise<boolean>;
