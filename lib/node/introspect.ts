/**
 * The introspection actor `geomesh.info`, opt-in (`introspection` in the node
 * config, default off, browsers included): a node that turns it on tells
 * authenticated peers its runtime and mode, and only the peers the operator
 * names also its direct peers (ids, modes, protocols; never addresses), so
 * their dashboards can draw the mesh beyond their own sessions. A free
 * identity can be made at will, so a peer list answered to "any peer" is a
 * map of the mesh for anyone: that takes `peers: "all"`, said on purpose.
 * Peers not allowed at all get the same `UNKNOWN_ACTOR` as from a node
 * without the actor.
 *
 * @module
 */
import { UnknownActorError } from "../errors.ts";
import { detectRuntime, type Runtime } from "../platform.ts";
import type { GeomeshNode } from "./node.ts";
import type { ResolvedIntrospection } from "./config.ts";
import type { NodePlugin } from "./create.ts";

/** Actor name of the introspection actor. */
export const INFO_ACTOR = "geomesh.info";

/** Most peers one answer lists. */
export const MAX_LISTED_PEERS = 256;

/** Where a node runs. */
export type RuntimeName = Runtime;

/** What `geomesh.info` answers. */
export interface NodeInfo {
  id: string;
  mode: string;
  runtime: RuntimeName;
  peers: { id: string; mode?: string; protocol?: string }[];
}

/**
 * What this node knows about itself and its direct sessions (all of it: what
 * a peer is told is decided by {@linkcode registerIntrospection}).
 *
 * @example
 * ```ts
 * import { nodeInfo } from "./introspect.ts";
 * import { createNode } from "../runtime/create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
 * const node = await createNode({ transport: createMemoryNetwork().transport(), logLevel: "error" });
 * console.assert(nodeInfo(node).id === node.id && nodeInfo(node).peers.length === 0);
 * await node.close();
 * ```
 */
export function nodeInfo(node: GeomeshNode, withPeers = true): NodeInfo {
  return {
    id: node.id,
    mode: node.mode,
    runtime: detectRuntime(),
    peers: withPeers
      ? node.peers()
        .filter((p) => p.connected && !p.via)
        .slice(0, MAX_LISTED_PEERS)
        .map((p) => ({ id: p.id, mode: p.mode, protocol: p.protocol }))
      : [],
  };
}

/** Who is answered, and who is told the peers, of an enabled `introspection` option. */
export type IntrospectionPolicy = Exclude<ResolvedIntrospection, false>;

const listed = (list: "all" | "none" | readonly string[], id: string) =>
  list === "all" || (list !== "none" && list.includes(id));

/**
 * Registers `geomesh.info` on `node`. By default (`policy` omitted) every
 * authenticated peer gets the runtime and mode and nobody the peer list.
 * The requester is the session's peer or, for a relayed request, its origin,
 * whose signature the node verified.
 *
 * @example
 * ```ts
 * import { INFO_ACTOR, type NodeInfo, registerIntrospection } from "./introspect.ts";
 * import { createNode } from "../runtime/create.ts";
 * import { createMemoryNetwork } from "../transport/memory.ts";
 * const net = createMemoryNetwork();
 * const node = await createNode({ transport: net.transport(), logLevel: "error" });
 * const other = await createNode({ transport: net.transport(), logLevel: "error" });
 * registerIntrospection(node, { allow: "all", peers: [other.id] });
 * await other.connect(node.address);
 * const info = await other.request(`${INFO_ACTOR}@${node.id}`, null) as NodeInfo;
 * console.assert(info.peers.some((p) => p.id === other.id));
 * await other.close();
 * await node.close();
 * ```
 */
export function registerIntrospection(
  node: GeomeshNode,
  policy: IntrospectionPolicy = { allow: "all", peers: "none" },
): void {
  const { allow, peers } = policy;
  node.actor(INFO_ACTOR, (_payload, { from }) => {
    // The same words as a node without the actor: a stranger learns nothing.
    if (!listed(allow, from)) throw new UnknownActorError(`unknown actor "${INFO_ACTOR}"`);
    return nodeInfo(node, listed(peers, from));
  });
}

/**
 * The `introspection` config option as a node plugin: registers
 * `geomesh.info` when the option is on (it is off by default).
 *
 * @example
 * ```ts
 * import { introspectionPlugin } from "./introspect.ts";
 * console.assert(introspectionPlugin().name === "introspection");
 * ```
 */
export function introspectionPlugin(): NodePlugin {
  return {
    name: "introspection",
    start({ node, config }) {
      if (config.introspection !== false) registerIntrospection(node, config.introspection);
    },
  };
}
