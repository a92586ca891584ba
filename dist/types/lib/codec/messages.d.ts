import type { ByteWriter } from "./writer.js";
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
/**
 * The catalog. `[typeCode, { field: kind }]`, a trailing `?` marks an optional field.
 */
export declare const CATALOG: {
    readonly hello: readonly [1, {
        readonly version: "uint";
        readonly nodeId: "string";
        readonly publicKey: "bytes";
        readonly nonce: "bytes";
        readonly mode: "mode";
        readonly pins: "bytes[]?";
        readonly binding: "bytes?";
        readonly address: "string?";
        readonly maxMessageSize: "uint?";
    }];
    readonly auth: readonly [2, {
        readonly signature: "bytes";
        readonly nonce: "bytes?";
    }];
    readonly welcome: readonly [3, {
        readonly nodeId: "string";
    }];
    readonly ping: readonly [4, {
        readonly seq: "uint";
        readonly ts: "uint?";
    }];
    readonly pong: readonly [5, {
        readonly seq: "uint";
        readonly ts: "uint?";
    }];
    readonly discover: readonly [6, {
        readonly limit: "uint?";
        readonly filter: "bytes?";
        readonly want: "string?";
    }];
    readonly "discovery-response": readonly [7, {
        readonly peers: "bytes[]";
    }];
    readonly message: readonly [8, {
        readonly payload: "any";
        readonly from: "string?";
        readonly to: "string?";
        readonly id: "uint?";
        readonly hops: "uint?";
        readonly sig: "bytes?";
        readonly ts: "uint?";
    }];
    readonly broadcast: readonly [9, {
        readonly origin: "string";
        readonly seq: "uint";
        readonly payload: "any";
        readonly ttl: "uint";
        readonly sig: "bytes";
        readonly ts: "uint?";
    }];
    readonly request: readonly [10, {
        readonly id: "uint";
        readonly payload: "any";
        readonly from: "string?";
        readonly to: "string?";
        readonly actor: "string?";
        readonly hops: "uint?";
        readonly sig: "bytes?";
        readonly ts: "uint?";
    }];
    readonly response: readonly [11, {
        readonly id: "uint";
        readonly payload: "any?";
        readonly error: "error?";
        readonly from: "string?";
        readonly to: "string?";
        readonly hops: "uint?";
        readonly sig: "bytes?";
    }];
    readonly goodbye: readonly [12, {
        readonly code: "uint?";
        readonly reason: "string?";
    }];
    readonly ihave: readonly [13, {
        readonly origin: "string";
        readonly seqs: "uint[]";
    }];
    readonly graft: readonly [14, {
        readonly origin: "string";
        readonly seqs: "uint[]";
    }];
    readonly prune: readonly [15, {}];
};
type Catalog = typeof CATALOG;
/** Name of a message type. */
export type MessageType = keyof Catalog;
type Spec<T extends MessageType> = Catalog[T][1];
type Required<S> = {
    -readonly [K in keyof S as S[K] extends `${string}?` ? never : K]: S[K] extends Kind ? FieldKinds[S[K]] : never;
};
type Optional<S> = {
    -readonly [K in keyof S as S[K] extends `${string}?` ? K : never]?: S[K] extends `${infer B extends Kind}?` ? FieldKinds[B] : never;
};
type Flatten<T> = {
    [K in keyof T]: T[K];
} & unknown;
/** The message object of type `T`, e.g. `MessageOf<"ping">` is `{ type: "ping"; seq: number; ts?: number }`. */
export type MessageOf<T extends MessageType> = Flatten<{
    type: T;
} & Required<Spec<T>> & Optional<Spec<T>>>;
/** Any wire message: a union discriminated by `type`. */
export type WireMessage = {
    [T in MessageType]: MessageOf<T>;
}[MessageType];
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
/**
 * Writes `msg` into `w` (usable with `FrameEncoder.addEncoded` to encode
 * straight into a coalesced frame buffer, without an intermediate allocation).
 *
 * @example
 * ```ts
 * import { writeMessage } from "./messages.js";
 * import { ByteWriter } from "./writer.js";
 * const w = new ByteWriter();
 * writeMessage(w, { type: "ping", seq: 1 });
 * console.assert(w.pos === 4); // [4, 0, 1] plus the array head
 * ```
 */
export declare function writeMessage(w: ByteWriter, msg: WireMessage, maxDepth?: number): void;
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
 * import { decodeMessage, encodeMessage } from "./messages.js";
 * const bytes = encodeMessage({ type: "message", from: "a", to: "b", payload: { hi: 1 } });
 * const msg = decodeMessage(bytes);
 * console.assert(msg.type === "message" && msg.to === "b");
 * ```
 */
export declare function encodeMessage(msg: WireMessage, options?: EncodeMessageOptions): Uint8Array;
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
 * Decodes and type-checks a wire message.
 *
 * @throws {DecodeError} the bytes are not strict CBOR.
 * @throws {ProtocolError} valid CBOR but not a valid message of the catalog.
 * @throws {MessageTooLargeError} more than `maxBytes`.
 *
 * @example
 * ```ts
 * import { decodeMessage, encodeMessage } from "./messages.js";
 * const msg = decodeMessage(encodeMessage({ type: "pong", seq: 7, ts: 1 }));
 * if (msg.type === "pong") console.assert(msg.seq === 7 && msg.ts === 1);
 * ```
 */
export declare function decodeMessage(bytes: Uint8Array, options?: DecodeMessageOptions): WireMessage;
export {};
