/**
 * The authenticated hello. WebTransport has no client certificates, so both
 * identities are proven on the control stream, and both signatures are bound
 * to the TLS certificate of the session (channel binding):
 *
 * 1. dialer -> listener: `hello` (id, public key, fresh nonce Nd, and in
 *    `pins` the hash C of the certificate it saw, where its transport shows it)
 * 2. listener -> dialer: `hello` (id, public key, nonce Nl, pin binding, and in
 *    `pins` the hash C of the certificate it served on this session) and
 *    `auth` = sign("hello", "srv" Nd Nl idD idL C)
 * 3. dialer -> listener: `auth` = sign("hello", "cli" Nl Nd idL idD C)
 * 4. listener -> dialer: `welcome`
 *
 * Each side signs the other's fresh nonce, so a recorded hello cannot be
 * replayed. The dialer checks C against the certificate it actually saw
 * (`TransportSession.peerCertificateHash`), or, where the runtime enforces
 * the pins but hides the certificate (Deno HTTP/3, browsers), against its
 * dial pins; the listener checks the dialer's C and signature against the
 * certificate it served (`localCertificateHash`). A relay in the middle
 * presents its own certificate, so it can not pass on either signature: both
 * sides refuse it (`PIN_MISMATCH`, or `AUTH_FAILED` for a signature over
 * another certificate). The dialer also checks the listener's signed pin
 * binding, which ties the pins of its address to the listener's node id.
 *
 * Not covered: a dialer that neither pins nor sees the certificate (a browser
 * over WebSocket, which trusts the certificate the browser accepted).
 *
 * @module
 */
import type { WireMessage } from "../codec/messages.ts";
import { verifyPinBinding } from "../cert/binding.ts";
import { pinToString, samePin } from "../cert/pin.ts";
import { AuthenticationError, GeomeshError, PinMismatchError, TimeoutError } from "../errors.ts";
import type { NodeIdentity } from "../identity/identity.ts";
import { nodeIdFromPublicKey } from "../identity/node-id.ts";
import { verify } from "../identity/verify.ts";
import { parseAddress } from "../address/address.ts";
import type { NetworkMode } from "../codec/messages.ts";

/**
 * Protocol version spoken in `hello`; a peer speaking another is refused at
 * once (`AUTH_FAILED`) rather than failing later on a message it cannot
 * decode. 2: `discover` gained its filter, and `ihave`/`graft`/`prune` exist.
 * 3: the hello transcript is bound to the session's TLS certificate, and
 * routed frames carry signed timestamps. 4: `message` has no `actor` field
 * (an actor is always addressed by a `request`).
 */
export const PROTOCOL_VERSION = 4;
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
  /**
   * SHA-256 of the certificate the session actually presented
   * (`TransportSession.peerCertificateHash`). Leave it out only where the
   * transport can not see it; the signatures are then bound to the
   * certificate the listener names, which must be one of `dialPins` (the
   * runtime enforced those) unless there are none.
   */
  peerCertificateHash?: Uint8Array;
  /** Clock for the binding's expiry check (tests). */
  now?: () => Date;
}

/** Extra options of the listening side. */
export interface ListenerHandshakeOptions extends HandshakeOptions {
  /** Our signed pin binding (see `lib/cert/binding.ts`), sent to dialers. */
  binding?: Uint8Array;
  /**
   * SHA-256 of the certificate we served on this session
   * (`TransportSession.localCertificateHash`), named and signed in our hello.
   */
  certificateHash?: Uint8Array;
}

/** The parts of a handshake {@linkcode transcript}. */
export interface TranscriptParts {
  /** `srv` (the listener's proof) or `cli` (the dialer's). */
  label: string;
  /** The nonce the verifying side sent. */
  verifierNonce: Uint8Array;
  /** The nonce the signing side sent. */
  signerNonce: Uint8Array;
  verifierId: string;
  signerId: string;
  /** The session's TLS certificate hash, as the signer saw (or served) it. */
  certificateHash?: Uint8Array;
}

/**
 * What one side signs: `label` (`srv` for the listener's proof, `cli` for
 * the dialer's), the verifier's nonce and id (its challenge) before the
 * signer's, and the hash of the session's TLS certificate (length-prefixed).
 * Exported for tests that play a dialer by hand.
 *
 * @example
 * ```ts
 * import { transcript } from "./handshake.ts";
 * const nonce = () => crypto.getRandomValues(new Uint8Array(32));
 * const t = transcript({ label: "cli", verifierNonce: nonce(), signerNonce: nonce(), verifierId: "a", signerId: "b" });
 * console.assert(t.length === 3 + 64 + 2 + 1);
 * ```
 */
export function transcript(parts: TranscriptParts): Uint8Array {
  const { label, verifierNonce, signerNonce, verifierId, signerId, certificateHash } = parts;
  const h = certificateHash ?? new Uint8Array(0);
  // The verifier's own nonce first: the challenge it sent, answered by this signature.
  const list = [
    encoder.encode(label),
    verifierNonce,
    signerNonce,
    encoder.encode(verifierId),
    encoder.encode(signerId),
  ];
  list.push(Uint8Array.of(h.length), h);
  const out = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const part of list) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/** The certificate hash a hello names in `pins`: absent, or exactly one 32-byte hash. */
function namedCertificate(hello: Extract<WireMessage, { type: "hello" }>): Uint8Array | undefined {
  if (hello.pins === undefined) return undefined;
  if (hello.pins.length !== 1 || hello.pins[0].length !== 32) {
    throw new AuthenticationError("handshake: bad certificate hash in hello");
  }
  return hello.pins[0];
}

/** How long a listener waits for a dialer it refuses to hang up first (see `listenerHandshake`). */
const MISMATCH_LINGER_MS = 1000;

/** Waits for the next message or the end of the channel, at most `ms`. */
async function linger(channel: HandshakeChannel, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    channel.next().then(() => {}, () => {}),
    new Promise<void>((r) => timer = setTimeout(r, ms)),
  ]);
  clearTimeout(timer);
}

const show = (hash: Uint8Array | undefined) => hash ? pinToString(hash) : "none";

/**
 * The certificate the dialer binds its handshake to, or a refusal: the one it
 * saw (which the listener must name, and which must match a pin), else the
 * one the listener names, which must be a pin the runtime enforced.
 */
function dialerBinding(
  opts: DialerHandshakeOptions,
  named: Uint8Array | undefined,
): Uint8Array | undefined {
  const pins = opts.dialPins;
  const seen = opts.peerCertificateHash;
  if (seen) {
    if (pins.length && !pins.some((p) => samePin(p, seen))) {
      throw new PinMismatchError(
        `handshake: the session presented certificate ${
          show(seen)
        }, which matches none of the pins`,
      );
    }
    if (!samePin(named, seen)) {
      throw new PinMismatchError(
        `handshake: the listener served certificate ${show(named)} but this session presented ` +
          `${show(seen)}: something in between holds another certificate`,
      );
    }
    return seen;
  }
  if (pins.length && !pins.some((p) => samePin(p, named))) {
    throw new PinMismatchError(
      `handshake: the listener served certificate ${show(named)}, which matches none of the pins`,
    );
  }
  return named;
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

function hello(
  opts: HandshakeOptions,
  nonce: Uint8Array,
  certificate: Uint8Array | undefined,
  binding?: Uint8Array,
): WireMessage {
  const msg: WireMessage = {
    type: "hello",
    version: PROTOCOL_VERSION,
    nodeId: opts.identity.id,
    publicKey: opts.identity.publicKey,
    nonce,
    mode: opts.mode,
  };
  if (certificate) msg.pins = [certificate];
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
 * // Not run: needs a channel to a listener; authenticateSession drives the handshake.
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
      await channel.send(hello(opts, nonce, opts.peerCertificateHash));
      const theirs = await expect(channel, "hello");
      checkHello(theirs);
      if (opts.expectedId && theirs.nodeId !== opts.expectedId) {
        throw new AuthenticationError(
          `handshake: dialed node ${opts.expectedId} but reached ${theirs.nodeId}`,
        );
      }
      const certificate = dialerBinding(opts, namedCertificate(theirs));
      if (opts.dialPins.length) {
        if (!theirs.binding) {
          throw new AuthenticationError("handshake: listener sent no pin binding");
        }
        // The certificate this session uses (a dial pin, see dialerBinding) must be bound to
        // the node id. Not every dial pin: after a rotation the address's old current pin is
        // no longer bound, and an address must stay valid across one rotation.
        const now = opts.now?.() ?? new Date();
        await verifyPinBinding(theirs.binding, { nodeId: theirs.nodeId, pin: certificate, now });
      }
      const auth = await expect(channel, "auth");
      const serverProof = transcript({
        label: "srv",
        signerNonce: theirs.nonce,
        verifierNonce: nonce,
        signerId: theirs.nodeId,
        verifierId: opts.identity.id,
        certificateHash: certificate,
      });
      if (!(await verify(theirs.nodeId, "hello", serverProof, auth.signature))) {
        throw new AuthenticationError(
          "handshake: listener's signature does not verify (for the certificate of this session)",
        );
      }
      const clientProof = transcript({
        label: "cli",
        signerNonce: nonce,
        verifierNonce: theirs.nonce,
        signerId: opts.identity.id,
        verifierId: theirs.nodeId,
        certificateHash: certificate,
      });
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
 * // Not run: needs a channel from a dialer; authenticateSession drives the handshake.
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
      // A dialer that names the certificate it saw must have seen ours.
      const served = opts.certificateHash;
      const seen = namedCertificate(theirs);
      if (seen && !samePin(seen, served)) {
        // Our hello (naming what we served) lets the dialer refuse too, with the
        // reason, even through a relay that would pass on our close first; no
        // signature for this session. Refused once the dialer hangs up.
        channel.send(hello(opts, nonce, served, opts.binding)).catch(() => {});
        await linger(channel, MISMATCH_LINGER_MS);
        throw new PinMismatchError(
          `handshake: the dialer saw certificate ${show(seen)} but we served ${show(served)}: ` +
            "something in between holds another certificate",
        );
      }
      const serverProof = transcript({
        label: "srv",
        signerNonce: nonce,
        verifierNonce: theirs.nonce,
        signerId: opts.identity.id,
        verifierId: theirs.nodeId,
        certificateHash: served,
      });
      const signature = await opts.identity.sign("hello", serverProof);
      channel.send(hello(opts, nonce, served, opts.binding)).catch(() => {});
      await channel.send({ type: "auth", signature });
      const auth = await expect(channel, "auth");
      const clientProof = transcript({
        label: "cli",
        signerNonce: theirs.nonce,
        verifierNonce: nonce,
        signerId: theirs.nodeId,
        verifierId: opts.identity.id,
        certificateHash: served,
      });
      if (!(await verify(theirs.nodeId, "hello", clientProof, auth.signature))) {
        throw new AuthenticationError(
          "handshake: dialer's signature does not verify (for the certificate we served)",
        );
      }
      await channel.send({ type: "welcome", nodeId: theirs.nodeId });
      return peerOf(theirs);
    })(),
    opts.timeoutMs,
  );
}
