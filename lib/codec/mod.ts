/**
 * The codec layer: strict CBOR values, the wire message catalog and stream framing.
 *
 * @example
 * ```ts
 * import { decodeMessage, FrameDecoder, FrameEncoder, writeMessage } from "./mod.ts";
 * const enc = new FrameEncoder({ maxFrameSize: 1 << 20 });
 * enc.addEncoded(writeMessage, { type: "message", from: "a", to: "b", payload: "hi" });
 * const [frame] = new FrameDecoder({ maxFrameSize: 1 << 20 }).push(enc.flush());
 * const msg = decodeMessage(frame);
 * console.assert(msg.type === "message" && msg.payload === "hi");
 * ```
 *
 * @module
 */
export {
  decodeValue,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  encodeValue,
  MAX_DEPTH_LIMIT,
  writeValue,
} from "./cbor.ts";
export type { DecodeValueOptions, EncodeValueOptions, Value } from "./cbor.ts";
export { CATALOG, decodeMessage, encodeMessage, writeMessage } from "./messages.ts";
export type {
  AuthMessage,
  BroadcastMessage,
  DecodeMessageOptions,
  DirectMessage,
  DiscoverMessage,
  DiscoveryResponseMessage,
  EncodeMessageOptions,
  FieldKinds,
  GoodbyeMessage,
  HelloMessage,
  MessageOf,
  MessageType,
  NetworkMode,
  PingMessage,
  PongMessage,
  RequestMessage,
  ResponseMessage,
  WelcomeMessage,
  WireError,
  WireMessage,
} from "./messages.ts";
export {
  DEFAULT_MAX_FRAME_SIZE,
  encodeFrame,
  FrameDecoder,
  FrameEncoder,
  writeFrames,
} from "./frame.ts";
export type { FrameOptions } from "./frame.ts";
export { ByteWriter } from "./writer.ts";
