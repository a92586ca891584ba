/**
 * A set of impaired links between named nodes, for tests: `link(a, b, p)`
 * puts a relay in front of b for a's use, `cut(a, b)` partitions the pair.
 * A convenience over {@linkcode createImpairedLink}; seeds are derived per
 * ordered pair, so a link's randomness does not depend on creation order.
 *
 * @module
 */
import { parseAddress } from "../../mod.ts";
import { createImpairedLink, type ImpairedLink, type ImpairedLinkOptions } from "./impair.ts";
import { hashSeed } from "./prng.ts";
import type { LinkProfile } from "./profile.ts";

/** A node as the network sees it: its address, or anything with one (a `GeomeshNode`). */
export type Endpoint = string | { readonly address: string };

/** A link of the network, with the address `from` dials to reach `to` through it. */
export interface NetworkLink extends ImpairedLink {
  /** `to`'s address rewritten to dial the relay. */
  readonly dialAddress: string;
}

/** Options of one {@linkcode ImpairedNetwork.link}. */
export type NetworkLinkOptions = Omit<ImpairedLinkOptions, "target" | "profile" | "seed">;

/** Links between nodes. */
export interface ImpairedNetwork {
  /** The network's seed. */
  readonly seed: number;
  /** A relay in front of `to`, for `from` to dial (`from.connect(link.dialAddress)`). */
  link(
    from: Endpoint,
    to: Endpoint,
    profile?: LinkProfile,
    options?: NetworkLinkOptions,
  ): Promise<NetworkLink>;
  /** The link from `from` to `to`, if any. */
  get(from: Endpoint, to: Endpoint): NetworkLink | undefined;
  /** Cuts both links between `a` and `b` (whichever exist). */
  cut(a: Endpoint, b: Endpoint): void;
  /** Heals both links between `a` and `b`. */
  heal(a: Endpoint, b: Endpoint): void;
  /** Closes every link; idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function idOf(e: Endpoint): string {
  const address = typeof e === "string" ? e : e?.address;
  if (typeof address !== "string") throw new TypeError("an endpoint is an address or has one");
  return parseAddress(address).nodeId;
}

/**
 * Creates an empty network.
 *
 * @example
 * ```ts
 * import { createImpairedNetwork } from "./network.ts";
 * import { GEO_PROFILES } from "./profile.ts";
 * import { createNode } from "../../mod.ts";
 * const a = await createNode({ port: 0, logLevel: "error" });
 * const b = await createNode({ port: 0, logLevel: "error" });
 * const net = createImpairedNetwork({ seed: 1 });
 * const ab = await net.link(a, b, GEO_PROFILES["eu-eu"]);
 * console.assert(net.get(a, b) === ab && net.get(b, a) === undefined);
 * console.assert(await a.connect(ab.dialAddress) === b.id);
 * net.cut(a, b);
 * console.assert(ab.isCut);
 * net.heal(a, b);
 * await Promise.all([a.close(), b.close()]);
 * await net.close();
 * ```
 */
export function createImpairedNetwork(options: { seed?: number } = {}): ImpairedNetwork {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (typeof seed !== "number" || !Number.isFinite(seed)) {
    throw new TypeError("seed must be a finite number");
  }
  const links = new Map<string, NetworkLink>();
  let closed = false;
  const key = (from: Endpoint, to: Endpoint) => `${idOf(from)}>${idOf(to)}`;
  const pair = (a: Endpoint, b: Endpoint) => {
    const found = [links.get(key(a, b)), links.get(key(b, a))].filter((l) => l !== undefined);
    if (!found.length) throw new RangeError("no link between those two nodes");
    return found;
  };
  const network: ImpairedNetwork = {
    seed,
    async link(from, to, profile = {}, linkOptions = {}) {
      if (closed) throw new TypeError("the network is closed");
      const k = key(from, to);
      if (links.has(k)) throw new RangeError("those two nodes are already linked that way");
      const toAddress = typeof to === "string" ? to : to.address;
      const parsed = parseAddress(toAddress);
      if (parsed.host === undefined || parsed.port === undefined) {
        throw new TypeError("the target has no host: a client-mode node cannot be dialed");
      }
      const relay = await createImpairedLink({
        ...linkOptions,
        target: { host: parsed.host, port: parsed.port },
        profile,
        seed: hashSeed(seed, k),
      });
      const link: NetworkLink = Object.assign(relay, { dialAddress: relay.address(toAddress) });
      links.set(k, link);
      return link;
    },
    get(from, to) {
      return links.get(key(from, to));
    },
    cut(a, b) {
      for (const l of pair(a, b)) l.cut();
    },
    heal(a, b) {
      for (const l of pair(a, b)) l.heal();
    },
    async close() {
      closed = true;
      await Promise.all([...links.values()].map((l) => l.close()));
      links.clear();
    },
    [Symbol.asyncDispose]() {
      return network.close();
    },
  };
  return network;
}
