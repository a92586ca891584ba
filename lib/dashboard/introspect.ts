/**
 * The introspection actor `geomesh.info`: every node (browsers included)
 * answers it with its runtime, mode and direct peers, so a dashboard can draw
 * the mesh beyond its own sessions. It reveals node ids, modes and protocols
 * of direct peers (no addresses) to authenticated peers only; `dashboard:
 * false` in the node config leaves it unregistered.
 *
 * @module
 */
import type { GeomeshNode } from "../node/node.ts";

/** Actor name of the introspection actor. */
export const INFO_ACTOR = "geomesh.info";

/** Most peers one answer lists. */
export const MAX_LISTED_PEERS = 256;

/** Where a node runs. */
export type RuntimeName = "deno" | "bun" | "node" | "browser";

/** What `geomesh.info` answers. */
export interface NodeInfo {
  id: string;
  mode: string;
  runtime: RuntimeName;
  peers: { id: string; mode?: string; protocol?: string }[];
}

/**
 * The runtime this code runs in.
 *
 * @example
 * ```ts
 * import { runtimeName } from "./introspect.ts";
 * console.assert(["deno", "bun", "node", "browser"].includes(runtimeName()));
 * ```
 */
export function runtimeName(): RuntimeName {
  if ("Deno" in globalThis) return "deno";
  if ("Bun" in globalThis) return "bun";
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return p?.versions?.node ? "node" : "browser";
}

/**
 * What this node tells others about itself.
 *
 * @example
 * ```ts ignore
 * import { nodeInfo } from "./introspect.ts";
 * console.log(nodeInfo(node).peers.length);
 * ```
 */
export function nodeInfo(node: GeomeshNode): NodeInfo {
  return {
    id: node.id,
    mode: node.mode,
    runtime: runtimeName(),
    peers: node.peers()
      .filter((p) => p.connected && !p.via)
      .slice(0, MAX_LISTED_PEERS)
      .map((p) => ({ id: p.id, mode: p.mode, protocol: p.protocol })),
  };
}

/**
 * Registers `geomesh.info` on `node`.
 *
 * @example
 * ```ts ignore
 * import { registerIntrospection, INFO_ACTOR } from "./introspect.ts";
 * registerIntrospection(node);
 * const info = await other.request(`${INFO_ACTOR}@${node.id}`, null);
 * ```
 */
export function registerIntrospection(node: GeomeshNode): void {
  node.actor(INFO_ACTOR, () => nodeInfo(node));
}
