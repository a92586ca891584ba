/**
 * The events of a node, typed: `node.addEventListener("message", (e) =>
 * e.detail.from)` type-checks without casts. Every event is a `CustomEvent`
 * whose `detail` is one of the types below.
 *
 * @module
 */
import type { NetworkMode } from "../codec/messages.ts";
import type { Protocol } from "../transport/types.ts";

/** Detail of a `message` event. */
export interface MessageDetail {
  /** Origin node id (authenticated by the session, or by its signature when relayed). */
  from: string;
  payload: unknown;
  /** The relay it came through, when it was not sent directly. */
  via?: string;
}

/** Detail of a `broadcast` event. */
export interface BroadcastDetail {
  /** Origin node id (authenticated by its signature). */
  from: string;
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
  id: string;
  protocol: Protocol;
  /** The address dialed, or the one the peer advertised. */
  address?: string;
}

/** Detail of a `peer:disconnected` event. */
export interface PeerDisconnectedDetail {
  id: string;
  reason: string;
}

/** Detail of a `peer:discovered` event. */
export interface PeerDiscoveredDetail {
  id: string;
  /** Its dialable address (a client-mode peer has none). */
  address?: string;
  mode: NetworkMode;
}

/** Event name to event type, for `addEventListener`. */
export interface GeomeshNodeEventMap {
  message: CustomEvent<MessageDetail>;
  broadcast: CustomEvent<BroadcastDetail>;
  "broadcast:sent": CustomEvent<BroadcastSentDetail>;
  "peer:connected": CustomEvent<PeerConnectedDetail>;
  "peer:disconnected": CustomEvent<PeerDisconnectedDetail>;
  "peer:discovered": CustomEvent<PeerDiscoveredDetail>;
}

/** A listener for event `K` of a node. */
export type GeomeshNodeListener<K extends keyof GeomeshNodeEventMap> =
  | ((event: GeomeshNodeEventMap[K]) => void)
  | { handleEvent(event: GeomeshNodeEventMap[K]): void };
