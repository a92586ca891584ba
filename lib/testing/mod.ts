/**
 * Network impairment for tests and experiments: a userspace UDP + TCP relay
 * that adds delay, jitter, loss (random and bursty), reordering,
 * duplication, a bandwidth cap and partitions per direction, reproducibly
 * from a seed. Runs under Deno and Bun.
 *
 * @example
 * ```ts
 * import { createImpairedLink, GEO_PROFILES } from "./mod.ts";
 * import { createNode } from "../../mod.ts";
 * const server = await createNode({ mode: "server", port: 0, logLevel: "error" });
 * const client = await createNode({ mode: "client", logLevel: "error" });
 * server.handle(() => "pong");
 * // London to Virginia, in front of the server: 40 ms each way, 1.5% loss.
 * const link = await createImpairedLink({
 *   target: { host: "127.0.0.1", port: server.addressInfo.port! },
 *   profile: GEO_PROFILES["eu-us"],
 *   seed: 7,
 * });
 * const started = performance.now();
 * await client.connect(link.address(server.address));
 * console.assert(await client.request(server.id, null) === "pong");
 * console.assert(performance.now() - started >= 80); // at least one round trip
 * await Promise.all([client.close(), server.close()]);
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
export { installVirtualTime } from "./virtual-time.ts";
export type { RunUntilOptions, VirtualTime, VirtualTimeOptions } from "./virtual-time.ts";
