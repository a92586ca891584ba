/**
 * The CBOR encoder of the value model (see `cbor.ts`): a recursive writer, at most
 * `maxDepth` levels deep, straight into a {@linkcode ByteWriter}.
 *
 * @module
 */
import { ByteWriter } from "./writer.js";
/**
 * Writes `v` into `w` (internal building block of the message and frame codecs).
 * Throws `TypeError` for values outside the value model and `RangeError` when
 * nesting exceeds `depthLeft` (which also catches circular structures).
 *
 * @example
 * ```ts
 * import { writeValue } from "./encode.js";
 * import { ByteWriter } from "./writer.js";
 * const w = new ByteWriter();
 * writeValue(w, [1, "a"], 32);
 * console.assert(w.pos === 4);
 * ```
 */
export declare function writeValue(w: ByteWriter, v: unknown, depthLeft: number): void;
/**
 * Lends the module's scratch writer (or a fresh one if it is in use, e.g. when a
 * getter re-enters the encoder). Pair with {@linkcode releaseWriter}.
 */
export declare function acquireWriter(): ByteWriter;
/** Returns a writer from {@linkcode acquireWriter}; drops an oversized scratch buffer. */
export declare function releaseWriter(w: ByteWriter): void;
