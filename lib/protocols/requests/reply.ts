/**
 * Replies to requests, shared by direct requests (`handlers.ts`) and routed
 * ones (`routing/router.ts`): what a handler's outcome becomes on the wire,
 * and the fallback that answers with an error when the reply itself cannot
 * be sent (not encodable, too large), so a sender never just times out.
 *
 * @module
 */
import type { WireError } from "../../codec/messages.ts";
import {
  GeomeshError,
  MessageTooLargeError,
  OverloadedError,
  RemoteError,
  StaleError,
  UnknownActorError,
} from "../../errors.ts";
import type { Logger } from "../../log.ts";

export type { WireError };

/** What a handler produced: its reply, or the error to send instead. */
export type Outcome = { payload: unknown } | { error: WireError };

/** Longest error message put in a response (a handler's message may be anything). */
const MAX_ERROR_MESSAGE = 1000;

/**
 * What a thrown error becomes in a response: typed errors keep their code,
 * anything else is `HANDLER_ERROR`.
 *
 * @example
 * ```ts
 * import { toWireError } from "./reply.ts";
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
 * import { replyFailure } from "./reply.ts";
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
 * The error a caller sees for a `{ code, message }` response: the typed
 * error of a known code, else a `RemoteError` carrying the remote code.
 *
 * @example
 * ```ts
 * import { fromWireError } from "./reply.ts";
 * import { RemoteError } from "../../errors.ts";
 * console.assert(fromWireError({ code: "UNKNOWN_ACTOR", message: "x" }).code === "UNKNOWN_ACTOR");
 * const e = fromWireError({ code: "HANDLER_ERROR", message: "boom" });
 * console.assert(e instanceof RemoteError && e.remoteCode === "HANDLER_ERROR");
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
  return new RemoteError(`remote handler failed (${error.code}): ${error.message}`, {
    remoteCode: error.code,
  });
}

/**
 * Runs `work` and turns its result or its error into an {@linkcode Outcome}.
 * Never rejects.
 *
 * @example
 * ```ts
 * import { outcomeOf } from "./reply.ts";
 * const o = await outcomeOf(() => { throw new Error("no"); });
 * console.assert("error" in o && o.error.code === "HANDLER_ERROR");
 * ```
 */
export async function outcomeOf(work: () => unknown): Promise<Outcome> {
  try {
    return { payload: (await work()) ?? null };
  } catch (err) {
    return { error: toWireError(err) };
  }
}

/**
 * Sends `outcome` with `send`; when a reply cannot be sent because of the
 * reply itself ({@linkcode replyFailure}), sends that error instead. Returns
 * whether a fallback was needed; never rejects (a gone session is logged at
 * debug).
 *
 * @example
 * ```ts
 * import { sendOutcome } from "./reply.ts";
 * import { silentLogger } from "../../log.ts";
 * const sent: unknown[] = [];
 * const send = (o: object) => "payload" in o ? Promise.reject(new TypeError("x")) : (sent.push(o), Promise.resolve());
 * console.assert(await sendOutcome(send, { payload: 1 }, { logger: silentLogger }) === true && sent.length === 1);
 * ```
 */
export async function sendOutcome(
  send: (outcome: Outcome) => Promise<void>,
  outcome: Outcome,
  options: { logger: Logger; fields?: Record<string, unknown> },
): Promise<boolean> {
  const { logger, fields = {} } = options;
  try {
    await send(outcome);
    return false;
  } catch (err) {
    const failure = "error" in outcome ? undefined : replyFailure(err);
    if (!failure) {
      logger.debug("reply failed", { ...fields, err });
      return false;
    }
    logger.warn("reply could not be sent", { ...fields, err });
    await send({ error: failure }).catch((e) =>
      logger.debug("reply failed", { ...fields, err: e })
    );
    return true;
  }
}
