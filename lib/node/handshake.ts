/**
 * The authenticated hello. WebTransport has no client certificates, so both
 * identities are proven on the control stream:
 *
 * 1. dialer -> listener: `hello` (id, public key, fresh nonce Nd)
 * 2. listener -> dialer: `hello` (id, public key, nonce Nl, pin binding) and
 *    `auth` = sign("hello", "srv" Nd Nl idD idL)
 * 3. dialer -> listener: `auth` = sign("hello", "cli" Nl Nd idL idD)
 * 4. listener -> dialer: `welcome`
 *
 * Each side signs the other's fresh nonce, so a recorded hello cannot be
 * replayed; the dialer also checks the listener's signed pin binding, which
 * ties the TLS certificate it pinned to the listener's node id.
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import { verifyPinBinding } from "../cert/binding.ts";
import { AuthenticationError, GeomeshError, TimeoutError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { nodeIdFromPublicKey } from "../identity/node-id.ts";
import { verify } from "../identity/verify.ts";
import { parseAddress } from "./address.ts";
import type { NetworkMode } from "./config.ts";

/**
 * Protocol version spoken in `hello`; a peer speaking another is refused at
 * once (`AUTH_FAILED`) rather than failing later on a message it cannot
 * decode. 2: `discover` gained its filter, and `ihave`/`graft`/`prune` exist.
 */
export const PROTOCOL_VERSION = 2;
const NONCE_BYTES = 32;
/** Longest address accepted in a hello (a real one is a few hundred characters). */
const MAX_ADDRESS_LENGTH = 1024;
const encoder = new TextEncoder();

/** What the handshake needs from a channel: send, and the next message received. */
export interface HandshakeChannel {
  send(msg: WireMessage): Promise<void>;
  next(): Promise<WireMessage>;
}

/** The authenticated peer. */
export interface HandshakeResult {
  /** Peer node id (proven). */
  peerId: string;
  /** Peer's network mode. */
  mode: NetworkMode;
  /** Address the peer advertised, if any (unverified hint). */
  address?: string;
  /** Largest message the peer accepts. */
  maxMessageSize?: number;
}

/** Options shared by both sides. */
export interface HandshakeOptions {
  identity: NodeIdentity;
  mode: NetworkMode;
  /** Our own address, advertised to the peer. */
  address?: string;
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Our largest accepted message, announced to the peer. */
  maxMessageSize?: number;
}

/** Extra options of the dialing side. */
export interface DialerHandshakeOptions extends HandshakeOptions {
  /** Node id the dialed address named, if any. */
  expectedId?: string;
  /** Certificate pins the session was dialed with; each must be in the listener's binding. */
  dialPins: Uint8Array[];
  /** Clock for the binding's expiry check (tests). */
  now?: () => Date;
}

/** Extra options of the listening side. */
export interface ListenerHandshakeOptions extends HandshakeOptions {
  /** Our signed pin binding (see `lib/cert/binding.ts`), sent to dialers. */
  binding?: Uint8Array;
}

function transcript(
  label: string,
  n1: Uint8Array,
  n2: Uint8Array,
  id1: string,
  id2: string,
): Uint8Array {
  const a = encoder.encode(label), b = encoder.encode(id1), c = encoder.encode(id2);
  const out = new Uint8Array(a.length + n1.length + n2.length + b.length + c.length);
  let o = 0;
  for (const part of [a, n1, n2, b, c]) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

async function expect<T extends WireMessage["type"]>(
  channel: HandshakeChannel,
  type: T,
): Promise<Extract<WireMessage, { type: T }>> {
  const msg = await channel.next();
  if (msg.type !== type) {
    throw new AuthenticationError(`handshake: expected ${type}, got ${msg.type}`);
  }
  return msg as Extract<WireMessage, { type: T }>;
}

function checkHello(hello: Extract<WireMessage, { type: "hello" }>): void {
  if (hello.version !== PROTOCOL_VERSION) {
    throw new AuthenticationError(`handshake: unsupported protocol version ${hello.version}`);
  }
  if (!(hello.nonce instanceof Uint8Array) || hello.nonce.length !== NONCE_BYTES) {
    throw new AuthenticationError("handshake: bad nonce");
  }
  let derived: string;
  try {
    derived = nodeIdFromPublicKey(hello.publicKey);
  } catch (err) {
    throw new AuthenticationError("handshake: bad public key", { cause: err });
  }
  if (derived !== hello.nodeId) {
    throw new AuthenticationError("handshake: node id does not match its public key");
  }
  if (!["client", "server", "hybrid"].includes(hello.mode)) {
    throw new AuthenticationError("handshake: bad mode");
  }
  // The address is an unverified hint shown in `peers()`: it must at least be one, and name
  // the sender (a peer must not fill our peer list with kilobytes of text or someone else).
  if (hello.address !== undefined) {
    let named: string | undefined;
    try {
      named = hello.address.length <= MAX_ADDRESS_LENGTH
        ? parseAddress(hello.address).nodeId
        : undefined;
    } catch { /* refused below */ }
    if (named !== hello.nodeId) throw new AuthenticationError("handshake: bad address");
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`handshake did not finish within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof GeomeshError) throw err;
    throw new AuthenticationError("handshake failed", { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

function hello(opts: HandshakeOptions, nonce: Uint8Array, binding?: Uint8Array): WireMessage {
  const msg: WireMessage = {
    type: "hello",
    version: PROTOCOL_VERSION,
    nodeId: opts.identity.id,
    publicKey: opts.identity.publicKey,
    nonce,
    mode: opts.mode,
  };
  if (binding) msg.binding = binding;
  if (opts.maxMessageSize) msg.maxMessageSize = opts.maxMessageSize;
  if (opts.address) msg.address = opts.address;
  return msg;
}

/** The proven peer, as described by its (checked) hello. */
function peerOf(hello: Extract<WireMessage, { type: "hello" }>): HandshakeResult {
  return {
    peerId: hello.nodeId,
    mode: hello.mode as NetworkMode,
    address: hello.address,
    maxMessageSize: hello.maxMessageSize,
  };
}

/**
 * Runs the dialer's side; resolves with the proven peer or rejects with
 * `AuthenticationError`, `SignatureError`, `PinMismatchError` or `TimeoutError`.
 *
 * @example
 * ```ts ignore
 * const peer = await dialerHandshake(channel, { identity, mode: "client", timeoutMs: 5000, dialPins: [] });
 * ```
 */
export function dialerHandshake(
  channel: HandshakeChannel,
  opts: DialerHandshakeOptions,
): Promise<HandshakeResult> {
  return withTimeout(
    (async () => {
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      await channel.send(hello(opts, nonce));
      const theirs = await expect(channel, "hello");
      checkHello(theirs);
      if (opts.expectedId && theirs.nodeId !== opts.expectedId) {
        throw new AuthenticationError(
          `handshake: dialed node ${opts.expectedId} but reached ${theirs.nodeId}`,
        );
      }
      if (opts.dialPins.length) {
        if (!theirs.binding) {
          throw new AuthenticationError("handshake: listener sent no pin binding");
        }
        const now = opts.now?.() ?? new Date();
        for (const pin of opts.dialPins) {
          await verifyPinBinding(theirs.binding, { nodeId: theirs.nodeId, pin, now });
        }
      }
      const auth = await expect(channel, "auth");
      const serverProof = transcript("srv", nonce, theirs.nonce, opts.identity.id, theirs.nodeId);
      if (!(await verify(theirs.nodeId, "hello", serverProof, auth.signature))) {
        throw new AuthenticationError("handshake: listener's signature does not verify");
      }
      const clientProof = transcript("cli", theirs.nonce, nonce, theirs.nodeId, opts.identity.id);
      await channel.send({
        type: "auth",
        signature: await opts.identity.sign("hello", clientProof),
      });
      const welcome = await expect(channel, "welcome");
      if (welcome.nodeId !== opts.identity.id) {
        throw new AuthenticationError(
          "handshake: welcome for another node",
        );
      }
      return peerOf(theirs);
    })(),
    opts.timeoutMs,
  );
}

/**
 * Runs the listener's side; resolves with the proven peer or rejects with a
 * typed error (the caller closes the session).
 *
 * @example
 * ```ts ignore
 * const peer = await listenerHandshake(channel, { identity, mode: "server", timeoutMs: 5000, binding });
 * ```
 */
export function listenerHandshake(
  channel: HandshakeChannel,
  opts: ListenerHandshakeOptions,
): Promise<HandshakeResult> {
  return withTimeout(
    (async () => {
      const theirs = await expect(channel, "hello");
      checkHello(theirs);
      if (theirs.nodeId === opts.identity.id) {
        throw new AuthenticationError(
          "handshake: a node cannot dial itself",
        );
      }
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const serverProof = transcript("srv", theirs.nonce, nonce, theirs.nodeId, opts.identity.id);
      const signature = await opts.identity.sign("hello", serverProof);
      channel.send(hello(opts, nonce, opts.binding)).catch(() => {});
      await channel.send({ type: "auth", signature });
      const auth = await expect(channel, "auth");
      const clientProof = transcript("cli", nonce, theirs.nonce, opts.identity.id, theirs.nodeId);
      if (!(await verify(theirs.nodeId, "hello", clientProof, auth.signature))) {
        throw new AuthenticationError("handshake: dialer's signature does not verify");
      }
      await channel.send({ type: "welcome", nodeId: theirs.nodeId });
      return peerOf(theirs);
    })(),
    opts.timeoutMs,
  );
}
