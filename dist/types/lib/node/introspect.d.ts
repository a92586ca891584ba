import { type Runtime } from "../platform.js";
import type { GeomeshNode } from "./node.js";
import type { ResolvedIntrospection } from "./config.js";
import type { NodePlugin } from "./create.js";
/** Actor name of the introspection actor. */
export declare const INFO_ACTOR = "geomesh.info";
/** Most peers one answer lists. */
export declare const MAX_LISTED_PEERS = 256;
/** Where a node runs. */
export type RuntimeName = Runtime;
/** What `geomesh.info` answers. */
export interface NodeInfo {
    id: string;
    mode: string;
    runtime: RuntimeName;
    peers: {
        id: string;
        mode?: string;
        protocol?: string;
    }[];
}
/**
 * What this node knows about itself and its direct sessions (all of it: what
 * a peer is told is decided by {@linkcode registerIntrospection}).
 *
 * @example
 * ```ts
 * import { nodeInfo } from "./introspect.js";
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
 * const node = await createNode({ transport: createMemoryNetwork().transport(), logLevel: "error" });
 * console.assert(nodeInfo(node).id === node.id && nodeInfo(node).peers.length === 0);
 * await node.close();
 * ```
 */
export declare function nodeInfo(node: GeomeshNode, withPeers?: boolean): NodeInfo;
/** Who is answered, and who is told the peers, of an enabled `introspection` option. */
export type IntrospectionPolicy = Exclude<ResolvedIntrospection, false>;
/**
 * Registers `geomesh.info` on `node`. By default (`policy` omitted) every
 * authenticated peer gets the runtime and mode and nobody the peer list.
 * The requester is the session's peer or, for a relayed request, its origin,
 * whose signature the node verified.
 *
 * @example
 * ```ts
 * import { INFO_ACTOR, type NodeInfo, registerIntrospection } from "./introspect.js";
 * import { createNode } from "../runtime/create.js";
 * import { createMemoryNetwork } from "../transport/memory.js";
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
export declare function registerIntrospection(node: GeomeshNode, policy?: IntrospectionPolicy): void;
/**
 * The `introspection` config option as a node plugin: registers
 * `geomesh.info` when the option is on (it is off by default).
 *
 * @example
 * ```ts
 * import { introspectionPlugin } from "./introspect.js";
 * console.assert(introspectionPlugin().name === "introspection");
 * ```
 */
export declare function introspectionPlugin(): NodePlugin;
