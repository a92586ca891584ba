/**
 * The events of a node, typed: `node.addEventListener("message", (e) =>
 * e.detail.from)` type-checks without casts. Every event is a `CustomEvent`
 * whose `detail` is one of the types below.
 *
 * @module
 */
import type { NetworkMode } from "../codec/messages.js";
import type { Protocol } from "../transport/types.js";
/** Detail of a `message` event. */
export interface MessageDetail {
    /** Origin node id (authenticated by the session, or by its signature when relayed). */
    from: string;
    /** The application payload. */
    payload: unknown;
    /** The relay it came through, when it was not sent directly. */
    via?: string;
}
/** Detail of a `broadcast` event. */
export interface BroadcastDetail {
    /** Origin node id (authenticated by its signature). */
    from: string;
    /** The broadcast payload. */
    payload: unknown;
    /** Hops the copy took (1: straight from the origin). */
    hops: number;
}
/** Detail of a `broadcast:sent` event (this node published a broadcast). */
export interface BroadcastSentDetail {
    /** Its sequence number (per origin). */
    seq: number;
}
/** Detail of a `peer:connected` event. */
export interface PeerConnectedDetail {
    /** The peer's node id. */
    id: string;
    /** The protocol the session runs on. */
    protocol: Protocol;
    /** The address dialed, or the one the peer advertised. */
    address?: string;
}
/** Detail of a `peer:disconnected` event. */
export interface PeerDisconnectedDetail {
    /** The peer's node id. */
    id: string;
    /** Why the session ended (close reason or error). */
    reason: string;
}
/** Detail of a `peer:discovered` event. */
export interface PeerDiscoveredDetail {
    /** The discovered peer's node id. */
    id: string;
    /** Its dialable address (a client-mode peer has none). */
    address?: string;
    /** Its network mode. */
    mode: NetworkMode;
}
/** Event name to event type, for `addEventListener`. */
export interface GeomeshNodeEventMap {
    /** A direct or relayed message. */
    message: CustomEvent<MessageDetail>;
    /** A broadcast from another node. */
    broadcast: CustomEvent<BroadcastDetail>;
    /** This node published a broadcast. */
    "broadcast:sent": CustomEvent<BroadcastSentDetail>;
    /** A session with a peer authenticated. */
    "peer:connected": CustomEvent<PeerConnectedDetail>;
    /** A peer's session ended. */
    "peer:disconnected": CustomEvent<PeerDisconnectedDetail>;
    /** A peer was first learned through discovery. */
    "peer:discovered": CustomEvent<PeerDiscoveredDetail>;
}
/** A listener for event `K` of a node. */
export type GeomeshNodeListener<K extends keyof GeomeshNodeEventMap> = ((event: GeomeshNodeEventMap[K]) => void) | {
    handleEvent(event: GeomeshNodeEventMap[K]): void;
};
