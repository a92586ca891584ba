/**
 * The wire message catalog: one declarative line per message type, from which
 * the TypeScript types, the encoder and the checking decoder all derive.
 *
 * **Wire form**: a CBOR array `[typeCode, presence, ...fields]`. Fields follow the
 * catalog's declaration order; required fields are always there, an optional
 * field only when bit `i` of `presence` is set (`i` counting the type's optional
 * fields in order). Positional arrays beat maps with short keys on both counts
 * (measured with cborg: ~1.8x faster to encode, ~1.3x to decode, no key bytes on
 * the wire), and the presence bits keep "absent" distinct from `null`, so an
 * optional `any` field (a response's `payload`) can carry `null`. Unknown type
 * codes, unknown presence bits, a wrong field count and mistyped fields are all
 * refused, so a peer can never smuggle extra data past the decoder.
 *
 * **Errors**: bytes that are not strict CBOR -> `DecodeError`; well-formed CBOR
 * that is not a valid message (unknown type, wrong/missing/extra field, wrong
 * field type) -> `ProtocolError`; input over `maxBytes` -> `MessageTooLargeError`.
 * On encode, a malformed message object is a programming error -> `TypeError`
 * (`RangeError` for nesting beyond `maxDepth`); properties not in the catalog
 * are not written (the TypeScript types already forbid them).
 *
 * **Extending**: add a line to {@linkcode CATALOG} with a new type code (never
 * reuse or renumber a code) or append an optional field at the end of a type
 * (old decoders refuse the new presence bit, so bump the hello `version`).
 *
 * @module
 */
import { ProtocolError } from "../errors.ts";
import {
  acquireWriter,
  checkBytesOption,
  checkDepthOption,
  readValue,
  releaseWriter,
  writeValue,
} from "./cbor.ts";
import type { ByteWriter } from "./writer.ts";

/**
 * Network mode, as announced in `hello` and in discovery records: `client`
 * dials only, `server` accepts only, `hybrid` does both.
 */
export type NetworkMode = "client" | "server" | "hybrid";
/** The error carried by a failed `response`. */
export interface WireError {
  /** Stable machine-readable code (e.g. a `GeomeshError` code). */
  code: string;
  /** Human-readable text. */
  message: string;
}

/** Field kinds and the TypeScript type each one maps to. */
export interface FieldKinds {
  /** Non-negative safe integer. */
  uint: number;
  /** Text string. */
  string: string;
  /** Byte string. */
  bytes: Uint8Array;
  /** Array of byte strings (signed records, pins...). */
  "bytes[]": Uint8Array[];
  /** Array of non-negative safe integers (broadcast sequence numbers). */
  "uint[]": number[];
  /** Any value of the strict codec (decoded values are always a `Value`). */
  any: unknown;
  /** `"client" | "server" | "hybrid"`. */
  mode: NetworkMode;
  /** `{ code, message }`, sent as a two-string array. */
  error: WireError;
}
type Kind = keyof FieldKinds;
type FieldSpec = Kind | `${Kind}?`;

/**
 * The catalog. `[typeCode, { field: kind }]`, a trailing `?` marks an optional field.
 */
// deno-fmt-ignore
export const CATALOG = {
  hello:                [1,  { version: "uint", nodeId: "string", publicKey: "bytes", nonce: "bytes", mode: "mode", pins: "bytes[]?", binding: "bytes?", address: "string?", maxMessageSize: "uint?" }],
  auth:                 [2,  { signature: "bytes", nonce: "bytes?" }],
  welcome:              [3,  { nodeId: "string" }],
  ping:                 [4,  { seq: "uint", ts: "uint?" }],
  pong:                 [5,  { seq: "uint", ts: "uint?" }],
  discover:             [6,  { limit: "uint?", filter: "bytes?", want: "string?" }],
  "discovery-response": [7,  { peers: "bytes[]" }],
  message:              [8,  { payload: "any", from: "string?", to: "string?", id: "uint?", hops: "uint?", sig: "bytes?", ts: "uint?" }],
  broadcast:            [9,  { origin: "string", seq: "uint", payload: "any", ttl: "uint", sig: "bytes", ts: "uint?" }],
  request:              [10, { id: "uint", payload: "any", from: "string?", to: "string?", actor: "string?", hops: "uint?", sig: "bytes?", ts: "uint?" }],
  response:             [11, { id: "uint", payload: "any?", error: "error?", from: "string?", to: "string?", hops: "uint?", sig: "bytes?" }],
  goodbye:              [12, { code: "uint?", reason: "string?" }],
  ihave:                [13, { origin: "string", seqs: "uint[]" }],
  graft:                [14, { origin: "string", seqs: "uint[]" }],
  prune:                [15, {}],
} as const satisfies Record<string, readonly [number, Record<string, FieldSpec>]>;

type Catalog = typeof CATALOG;
/** Name of a message type. */
export type MessageType = keyof Catalog;
type Spec<T extends MessageType> = Catalog[T][1];
type Required<S> = {
  -readonly [K in keyof S as S[K] extends `${string}?` ? never : K]: S[K] extends Kind
    ? FieldKinds[S[K]]
    : never;
};
type Optional<S> = {
  -readonly [K in keyof S as S[K] extends `${string}?` ? K : never]?: S[K] extends
    `${infer B extends Kind}?` ? FieldKinds[B] : never;
};
type Flatten<T> = { [K in keyof T]: T[K] } & unknown;
/** The message object of type `T`, e.g. `MessageOf<"ping">` is `{ type: "ping"; seq: number; ts?: number }`. */
export type MessageOf<T extends MessageType> = Flatten<
  { type: T } & Required<Spec<T>> & Optional<Spec<T>>
>;
/** Any wire message: a union discriminated by `type`. */
export type WireMessage = { [T in MessageType]: MessageOf<T> }[MessageType];
/** `hello`: first message of a session, announces identity and proves nothing yet. */
export type HelloMessage = MessageOf<"hello">;
/** `auth`: signature over the session binding proving the hello's key. */
export type AuthMessage = MessageOf<"auth">;
/** `welcome`: the listener accepted the hello/auth exchange. */
export type WelcomeMessage = MessageOf<"welcome">;
/** `ping`. */
export type PingMessage = MessageOf<"ping">;
/** `pong`. */
export type PongMessage = MessageOf<"pong">;
/** `discover`: asks for known peers. */
export type DiscoverMessage = MessageOf<"discover">;
/** `discovery-response`: signed peer records (opaque to the codec). */
export type DiscoveryResponseMessage = MessageOf<"discovery-response">;
/** `message`: one-way routed payload (the decision record's `Message`). */
export type DirectMessage = MessageOf<"message">;
/** `broadcast`: origin-signed payload spread through the mesh (see `node/plumtree.ts`). */
export type BroadcastMessage = MessageOf<"broadcast">;
/** `request`: payload expecting a `response` with the same `id`. */
export type RequestMessage = MessageOf<"request">;
/** `response`: reply (payload or error) to a `request`. */
export type ResponseMessage = MessageOf<"response">;
/** `goodbye`: orderly session end. */
export type GoodbyeMessage = MessageOf<"goodbye">;
/** `ihave`: Plumtree lazy push, announces broadcasts of `origin` the sender has (by `seq`). */
export type IhaveMessage = MessageOf<"ihave">;
/** `graft`: asks the peer for announced broadcasts and to push the next ones in full. */
export type GraftMessage = MessageOf<"graft">;
/** `prune`: a duplicate arrived; from now on only announce broadcasts (ihave). */
export type PruneMessage = MessageOf<"prune">;

// ---------------------------------------------------------------- compiled schema

const K_UINT = 0, K_STRING = 1, K_BYTES = 2, K_BYTES_ARRAY = 3, K_ANY = 4, K_MODE = 5, K_ERROR = 6;
const K_UINT_ARRAY = 7;
const KIND_CODES: Record<Kind, number> = {
  uint: K_UINT,
  string: K_STRING,
  bytes: K_BYTES,
  "bytes[]": K_BYTES_ARRAY,
  any: K_ANY,
  mode: K_MODE,
  error: K_ERROR,
  "uint[]": K_UINT_ARRAY,
};
const KIND_NAMES = Object.keys(KIND_CODES) as Kind[];

interface Compiled {
  name: MessageType;
  code: number;
  names: string[];
  kinds: number[];
  optional: boolean[];
  required: number;
  optionals: number;
}

const BY_NAME = new Map<string, Compiled>();
const BY_CODE: (Compiled | undefined)[] = [];
for (const [name, [code, spec]] of Object.entries(CATALOG)) {
  const c: Compiled = {
    name: name as MessageType,
    code,
    names: [],
    kinds: [],
    optional: [],
    required: 0,
    optionals: 0,
  };
  for (const [field, kind] of Object.entries(spec as Record<string, FieldSpec>)) {
    const opt = kind.endsWith("?");
    c.names.push(field);
    c.kinds.push(KIND_CODES[(opt ? kind.slice(0, -1) : kind) as Kind]);
    c.optional.push(opt);
    if (opt) c.optionals++;
    else c.required++;
  }
  // Catch catalog edits that would break the wire format at load time: a reused
  // code, more optional fields than presence bits, a field shadowing `type`.
  if (BY_CODE[code] || c.optionals > 30 || c.names.includes("type")) {
    throw new Error(`bad message catalog entry ${name}`);
  }
  BY_NAME.set(name, c);
  BY_CODE[code] = c;
}

function isUint(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && (v > 0 || (v === 0 && 1 / v > 0));
}

function isMode(v: unknown): v is NetworkMode {
  return v === "client" || v === "server" || v === "hybrid";
}

function isBytesArray(v: unknown): v is Uint8Array[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!(v[i] instanceof Uint8Array)) return false;
  return true;
}

function isUintArray(v: unknown): v is number[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isUint(v[i])) return false;
  return true;
}

// ---------------------------------------------------------------- encoding

function badField(c: Compiled, i: number): TypeError {
  return new TypeError(`${c.name}.${c.names[i]} must be ${KIND_NAMES[c.kinds[i]]}`);
}

/**
 * Writes `msg` into `w` (usable with `FrameEncoder.addEncoded` to encode
 * straight into a coalesced frame buffer, without an intermediate allocation).
 *
 * @example
 * ```ts
 * import { writeMessage } from "./messages.ts";
 * import { ByteWriter } from "./writer.ts";
 * const w = new ByteWriter();
 * writeMessage(w, { type: "ping", seq: 1 });
 * console.assert(w.pos === 4); // [4, 0, 1] plus the array head
 * ```
 */
export function writeMessage(w: ByteWriter, msg: WireMessage, maxDepth = 32): void {
  const c = typeof msg === "object" && msg !== null ? BY_NAME.get(msg.type) : undefined;
  if (c === undefined) {
    throw new TypeError(`unknown message type ${show((msg as WireMessage)?.type)}`);
  }
  const m = msg as unknown as Record<string, unknown>;
  const { names, kinds, optional } = c;
  let presence = 0;
  let count = 2 + c.required;
  for (let i = 0, bit = 1; i < names.length; i++) {
    if (!optional[i]) continue;
    if (m[names[i]] !== undefined) {
      presence |= bit;
      count++;
    }
    bit <<= 1;
  }
  w.head(4, count);
  w.uint(c.code);
  w.uint(presence);
  for (let i = 0; i < names.length; i++) {
    const v = m[names[i]];
    if (v === undefined && optional[i]) continue;
    switch (kinds[i]) {
      case K_UINT:
        if (!isUint(v)) throw badField(c, i);
        w.uint(v);
        break;
      case K_STRING:
        if (typeof v !== "string") throw badField(c, i);
        w.string(v);
        break;
      case K_BYTES:
        if (!(v instanceof Uint8Array)) throw badField(c, i);
        w.bytes(v);
        break;
      case K_BYTES_ARRAY:
        if (!isBytesArray(v)) throw badField(c, i);
        w.head(4, v.length);
        for (let j = 0; j < v.length; j++) w.bytes(v[j]);
        break;
      case K_UINT_ARRAY:
        if (!isUintArray(v)) throw badField(c, i);
        w.head(4, v.length);
        for (let j = 0; j < v.length; j++) w.uint(v[j]);
        break;
      case K_ANY:
        writeValue(w, v, maxDepth);
        break;
      case K_MODE:
        if (!isMode(v)) throw badField(c, i);
        w.string(v);
        break;
      default: { // K_ERROR
        const e = v as WireError;
        if (typeof e?.code !== "string" || typeof e.message !== "string") throw badField(c, i);
        w.head(4, 2);
        w.string(e.code);
        w.string(e.message);
      }
    }
  }
}

/** Options of {@linkcode encodeMessage}. */
export interface EncodeMessageOptions {
  /** Maximum nesting of `any` fields (default 32). */
  maxDepth?: number;
}

/**
 * Encodes a wire message.
 *
 * @throws {TypeError} unknown type, missing or mistyped field, payload outside the value model.
 * @throws {RangeError} payload nesting beyond `maxDepth`.
 *
 * @example
 * ```ts
 * import { decodeMessage, encodeMessage } from "./messages.ts";
 * const bytes = encodeMessage({ type: "message", from: "a", to: "b", payload: { hi: 1 } });
 * const msg = decodeMessage(bytes);
 * console.assert(msg.type === "message" && msg.to === "b");
 * ```
 */
export function encodeMessage(msg: WireMessage, options?: EncodeMessageOptions): Uint8Array {
  const maxDepth = checkDepthOption(options?.maxDepth);
  const w = acquireWriter();
  try {
    writeMessage(w, msg, maxDepth);
    return w.copy();
  } finally {
    releaseWriter(w);
  }
}

// ---------------------------------------------------------------- decoding

/** Options of {@linkcode decodeMessage}. */
export interface DecodeMessageOptions {
  /** Maximum nesting inside `any` fields (default 32; the envelope does not count). */
  maxDepth?: number;
  /** Maximum encoded size (default 1 MiB); larger is a `MessageTooLargeError`. */
  maxBytes?: number;
  /**
   * `false`: byte fields and byte strings in payloads are views of `bytes`
   * instead of copies (see `DecodeValueOptions.copyBytes`). Default `true`.
   */
  copyBytes?: boolean;
}

/**
 * Describes a decoded value for an error message without ever converting it:
 * `String(obj)` would run a peer-supplied `toString`/`valueOf` key (and throw).
 */
function show(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  if (v === null || typeof v === "boolean") return String(v);
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  return Array.isArray(v) ? "an array" : typeof v === "object" ? "a map" : typeof v;
}

function badWire(c: Compiled, what: string): ProtocolError {
  return new ProtocolError(`invalid ${c.name} message: ${what}`);
}

/**
 * Decodes and type-checks a wire message.
 *
 * @throws {DecodeError} the bytes are not strict CBOR.
 * @throws {ProtocolError} valid CBOR but not a valid message of the catalog.
 * @throws {MessageTooLargeError} more than `maxBytes`.
 *
 * @example
 * ```ts
 * import { decodeMessage, encodeMessage } from "./messages.ts";
 * const msg = decodeMessage(encodeMessage({ type: "pong", seq: 7, ts: 1 }));
 * if (msg.type === "pong") console.assert(msg.seq === 7 && msg.ts === 1);
 * ```
 */
export function decodeMessage(bytes: Uint8Array, options?: DecodeMessageOptions): WireMessage {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  const maxDepth = checkDepthOption(options?.maxDepth);
  const maxBytes = checkBytesOption(options?.maxBytes);
  const v = readValue(bytes, maxDepth + 1, maxBytes, options?.copyBytes ?? true);
  if (!Array.isArray(v) || v.length < 2) {
    throw new ProtocolError("a message must be an array [type, presence, ...fields]");
  }
  const code = v[0];
  const c = typeof code === "number" ? BY_CODE[code] : undefined;
  if (c === undefined) throw new ProtocolError(`unknown message type code ${show(code)}`);
  const presence = v[1];
  if (!isUint(presence) || presence >= 2 ** c.optionals) {
    throw badWire(c, `presence bits ${show(presence)} name unknown fields`);
  }
  let expected = 2 + c.required;
  for (let p = presence; p > 0; p >>>= 1) expected += p & 1;
  if (v.length !== expected) {
    throw badWire(c, `${v.length - 2} fields where ${expected - 2} are declared`);
  }
  const out: Record<string, unknown> = { type: c.name };
  const { names, kinds, optional } = c;
  for (let i = 0, j = 2, bit = 1; i < names.length; i++) {
    if (optional[i]) {
      const present = (presence & bit) !== 0;
      bit <<= 1;
      if (!present) continue;
    }
    const x = v[j++];
    let ok: boolean;
    switch (kinds[i]) {
      case K_UINT:
        ok = isUint(x);
        break;
      case K_STRING:
        ok = typeof x === "string";
        break;
      case K_BYTES:
        ok = x instanceof Uint8Array;
        break;
      case K_BYTES_ARRAY:
        ok = isBytesArray(x);
        break;
      case K_UINT_ARRAY:
        ok = isUintArray(x);
        break;
      case K_ANY:
        ok = true;
        break;
      case K_MODE:
        ok = isMode(x);
        break;
      default: // K_ERROR
        ok = Array.isArray(x) && x.length === 2 && typeof x[0] === "string" &&
          typeof x[1] === "string";
        if (ok) {
          out[names[i]] = { code: (x as string[])[0], message: (x as string[])[1] };
          continue;
        }
    }
    if (!ok) throw badWire(c, `${names[i]} must be ${KIND_NAMES[kinds[i]]}`);
    out[names[i]] = x;
  }
  return out as WireMessage;
}
