/**
 * A growable output buffer with the CBOR and varint primitives the codec needs.
 * The encoders write straight into it (no token tree, no chunk list) so that
 * encoding a small message costs a few hundred nanoseconds and the only
 * allocation is the final copy (or none, when many frames are coalesced).
 *
 * @module
 */
/**
 * Number of bytes a CBOR head (initial byte plus argument) takes for `n`.
 *
 * @example
 * ```ts
 * import { headSize } from "./writer.js";
 * console.assert(headSize(23) === 1 && headSize(24) === 2 && headSize(65536) === 5);
 * ```
 */
export declare function headSize(n: number): number;
/**
 * Growable byte buffer with CBOR primitives. Not thread-safe and not re-entrant:
 * one encode at a time per instance.
 *
 * @example
 * ```ts
 * import { ByteWriter } from "./writer.js";
 * const w = new ByteWriter(16);
 * w.head(4, 2); // array of 2
 * w.uint(1);
 * w.string("hi");
 * console.assert(w.pos === 5 && w.buf[0] === 0x82);
 * ```
 */
export declare class ByteWriter {
    #private;
    /** The buffer; valid bytes are `buf[0..pos)`. Replaced when it grows. */
    buf: Uint8Array;
    /** Write position. */
    pos: number;
    constructor(initialSize?: number);
    /** Makes room for `n` more bytes. */
    ensure(n: number): void;
    /** A copy of the written bytes (the one allocation an encode makes). */
    copy(from?: number): Uint8Array;
    /** Writes a CBOR head: major type (0..7) and argument `n` (0 <= n <= 2^53-1). */
    head(major: number, n: number): void;
    /** Writes a non-negative safe integer. */
    uint(n: number): void;
    /** Writes any safe integer (major 0 or 1); -0 must go through {@linkcode float}. */
    int(n: number): void;
    /** Writes a float in the shortest IEEE width that holds it exactly (16, 32 or 64 bits). */
    float(x: number): void;
    /** Writes a byte string (major 2). */
    bytes(v: Uint8Array): void;
    /** Writes raw bytes with no head. */
    raw(v: Uint8Array): void;
    /**
     * Writes a text string (major 3). Throws `TypeError` on a lone surrogate: such a
     * string has no UTF-8 form and would silently change on the way through.
     */
    string(s: string): void;
    /** Writes an unsigned LEB128 varint (0 <= n <= 2^53-1). */
    varint(n: number): void;
}
/**
 * Bytes an unsigned LEB128 varint takes for `n`.
 *
 * @example
 * ```ts
 * import { varintSize } from "./writer.js";
 * console.assert(varintSize(127) === 1 && varintSize(128) === 2);
 * ```
 */
export declare function varintSize(n: number): number;
