/**
 * How many origins one session may introduce: every frame from an origin
 * the replay window does not know yet costs a signature check and, once
 * accepted, a slot the window keeps for the whole freshness window. A token
 * bucket per session bounds both, so one peer relaying frames of identities
 * it minted cannot fill the window alone (at the defaults it holds at most
 * `burst + perSecond * 60` of its 32,768 origins).
 *
 * @module
 */
/** Options of {@linkcode OriginBudget}. */
export interface OriginBudgetOptions {
    /** New origins a session may introduce at once. Default 1024. */
    burst?: number;
    /** New origins per second after the burst. Default 128. */
    perSecond?: number;
    /** Clock in ms (tests). Default `performance.now`. */
    now?: () => number;
}
/**
 * A token bucket per session (keyed by any object, held weakly).
 *
 * @example
 * ```ts
 * import { OriginBudget } from "./origin-budget.js";
 * const budget = new OriginBudget({ burst: 2, perSecond: 1 });
 * const link = {};
 * console.assert(budget.take(link) && budget.take(link) && !budget.take(link));
 * ```
 */
export declare class OriginBudget {
    #private;
    constructor(options?: OriginBudgetOptions);
    /** Spends one new origin of `link`'s budget; false when it is used up. */
    take(link: object): boolean;
}
