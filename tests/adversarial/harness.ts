/**
 * The rogue-peer harness of the adversarial suite: a peer that authenticates
 * exactly like a node (so the victim treats it as any other peer) and then
 * sends whatever frames, records or datagrams a test hands it. It runs over
 * any transport: the memory network for deterministic tests, the runtime's
 * real one (HTTP/3 under Deno, HTTP/2 under Bun) for the same attack on the
 * wire.
 */
import type { WireMessage } from "../../lib/codec/messages.ts";
import { encodeMessage } from "../../lib/codec/messages.ts";
import { generateIdentity, type NodeIdentity } from "../../lib/identity/identity.ts";
import { parseAddress } from "../../lib/address/address.ts";
import { authenticateSession } from "../../lib/session/authenticate.ts";
import { Inbox } from "../../lib/session/inbox.ts";
import { createMetrics } from "../../lib/metrics.ts";
import type { PeerLink } from "../../lib/session/link.ts";
import { dialTarget, SESSION_TUNING } from "../../lib/address/urls.ts";
import { defaultTransport } from "../../lib/transport/mod.ts";
import type { MemoryNetwork } from "../../lib/transport/memory.ts";
import type { Transport } from "../../lib/transport/types.ts";

/** A hand-driven, authenticated peer. */
export interface RoguePeer {
  identity: NodeIdentity;
  /** The authenticated session (its `send` writes any catalog frame). */
  link: PeerLink;
  /** Every frame the victim sent us after the handshake. */
  inbox: Inbox;
  /** Frames received so far (also kept here, for counting). */
  received: WireMessage[];
  /** Sends one frame on the control stream. */
  send(msg: WireMessage): Promise<void>;
  /** Sends one frame as a datagram. */
  datagram(msg: WireMessage): Promise<void>;
  close(): void;
}

/** Options of {@linkcode roguePeer}. */
export interface RogueOptions {
  /** The rogue's identity (default: a fresh one). */
  identity?: NodeIdentity;
  /** The mode the rogue claims in its hello (default `hybrid`: a relay). */
  mode?: "client" | "server" | "hybrid";
}

/** Dials the node at `address` over `transport` and authenticates as a peer. */
export async function roguePeer(
  transport: Transport,
  address: string,
  options: RogueOptions = {},
): Promise<RoguePeer> {
  const identity = options.identity ?? await generateIdentity();
  const parsed = parseAddress(address);
  const { url, protocol, pins } = dialTarget(parsed, transport);
  const session = await transport.dial(url, {
    ...SESSION_TUNING,
    certificateHashes: pins.length ? pins : undefined,
    timeoutMs: 5000,
    protocol,
  });
  const inbox = new Inbox();
  const received: WireMessage[] = [];
  const link = await authenticateSession(session, {
    identity,
    mode: options.mode ?? "hybrid",
    maxMessageSize: 1 << 20,
    metrics: createMetrics(),
    timeoutMs: 5000,
    dialed: true,
    expectedId: parsed.nodeId,
    pins,
    dispatch: (_link, msg) => {
      received.push(msg);
      inbox.push(msg);
    },
  });
  const datagrams = session.datagrams.writable.getWriter();
  return {
    identity,
    link,
    inbox,
    received,
    send: (msg) => link.send(msg),
    datagram: (msg) => datagrams.write(encodeMessage(msg)),
    close() {
      datagrams.releaseLock();
      link.channel.close();
      try {
        session.close();
      } catch { /* already closed */ }
    },
  };
}

/** A rogue on the memory network, endpoint `name`, dialing the node at `address`. */
export function memoryRogue(
  net: MemoryNetwork,
  name: string,
  address: string,
  options?: RogueOptions,
): Promise<RoguePeer> {
  return roguePeer(net.transport(name), address, options);
}

/** A rogue over the runtime's real transport (HTTP/3 under Deno, HTTP/2 under Bun). */
export async function realRogue(address: string, options?: RogueOptions): Promise<RoguePeer> {
  return roguePeer(await defaultTransport(), address, options);
}
