/**
 * Network impairment for tests and experiments: a userspace UDP + TCP relay
 * that adds delay, jitter, loss (random and bursty), reordering,
 * duplication, a bandwidth cap and partitions per direction, reproducibly
 * from a seed. Runs under Deno and Bun.
 *
 * @example
 * ```ts ignore
 * import { createImpairedLink, GEO_PROFILES } from "./mod.ts";
 * const link = await createImpairedLink({
 *   target: { host: "127.0.0.1", port: 4433 },
 *   profile: GEO_PROFILES["eu-us"],
 * });
 * console.log(link.address("geomesh://<id>@127.0.0.1:4433?proto=h3,h2"));
 * await link.close();
 * ```
 *
 * @module
 */
export { createImpairedLink } from "./impair.ts";
export type { ImpairedLink, ImpairedLinkOptions, LinkDirection, LinkStats } from "./impair.ts";
export { createImpairedNetwork } from "./network.ts";
export type { Endpoint, ImpairedNetwork, NetworkLink, NetworkLinkOptions } from "./network.ts";
export { GEO_PROFILES, resolveProfile } from "./profile.ts";
export type { GilbertElliott, LinkProfile, ResolvedProfile } from "./profile.ts";
export { DirectionShaper, emptyStats } from "./shaper.ts";
export type { DirectionStats, PacketFate } from "./shaper.ts";
export { createPrng, hashSeed } from "./prng.ts";
export type { Prng } from "./prng.ts";
export { createScheduler } from "./scheduler.ts";
export type { Scheduler } from "./scheduler.ts";
