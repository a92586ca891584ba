/**
 * The strict CBOR decoder (see `cbor.ts`): cborg's tokenizer feeding an iterative
 * builder with an explicit stack.
 *
 * @module
 */
import { Tokenizer, Type } from "../deps/cborg.ts";
import type { Token } from "../deps/cborg.ts";
import { DecodeError, MessageTooLargeError } from "../errors.ts";
import type { Value } from "./cbor.ts";

const TOKEN_OPTIONS = {
  strict: true,
  allowUndefined: false,
  allowIndefinite: false,
  allowBigInt: false,
  allowNaN: true,
  allowInfinity: true,
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes taken by the head of the item starting with `initial`. */
function headLength(initial: number): number {
  const minor = initial & 31;
  return minor < 24 ? 1 : minor === 24 ? 2 : minor === 25 ? 3 : minor === 26 ? 5 : 9;
}

/**
 * cborg decodes text with a lenient TextDecoder (invalid bytes become U+FFFD, a
 * leading BOM is dropped). A string as long as its byte length without U+FFFD
 * is pure ASCII and exact (multi-byte characters and a dropped BOM make it
 * shorter); anything else is decoded again, strictly.
 */
function checkedString(bytes: Uint8Array, start: number, end: number, s: string): string {
  const byteLength = end - start - headLength(bytes[start]);
  if (s.length === byteLength && s.indexOf("\ufffd") === -1) return s;
  try {
    return strictUtf8.decode(bytes.subarray(end - byteLength, end));
  } catch (cause) {
    throw new DecodeError(`invalid UTF-8 in text string at byte ${start}`, { cause });
  }
}

/**
 * End offset of the definite-length byte string whose head starts at `start`,
 * with cborg's strict rules: minimal length encoding, length within the input.
 */
function byteStringEnd(bytes: Uint8Array, start: number, initial: number): number {
  const minor = initial & 31;
  const h = headLength(initial);
  const size = bytes.length;
  if (size - start < h) throw new DecodeError(`not enough data for the byte string at ${start}`);
  const p = start + 1;
  let len: number;
  if (minor < 24) len = minor;
  else if (minor === 24) len = bytes[p];
  else if (minor === 25) len = (bytes[p] << 8) | bytes[p + 1];
  else if (minor === 26) {
    len = ((bytes[p] << 24) >>> 0) + ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]);
  } else {
    const hi = ((bytes[p] << 24) >>> 0) +
      ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]);
    const lo = ((bytes[p + 4] << 24) >>> 0) +
      ((bytes[p + 5] << 16) | (bytes[p + 6] << 8) | bytes[p + 7]);
    len = hi * 0x100000000 + lo;
    if (hi > 0x1fffff) throw new DecodeError(`byte string length at ${start} exceeds 2^53-1`);
  }
  if (
    minor >= 24 &&
    len < (minor === 24 ? 24 : minor === 25 ? 0x100 : minor === 26 ? 0x10000 : 0x100000000)
  ) {
    throw new DecodeError(`byte string length at ${start} encoded in more bytes than necessary`);
  }
  if (len > size - start - h) {
    throw new DecodeError(`not enough data for the byte string at ${start}`);
  }
  return start + h + len;
}

const ARRAY = Symbol("array");
const EXPECT_KEY = Symbol("key");
type Slot = string | typeof ARRAY | typeof EXPECT_KEY;

/**
 * {@linkcode decodeValue} with already validated limits (internal building block
 * of the message codec, which allows one extra level for its envelope).
 *
 * @example
 * ```ts
 * import { readValue } from "./decode.ts";
 * const empty = readValue(new Uint8Array([0x80]), 1, 16) as unknown[];
 * console.assert(empty.length === 0);
 * ```
 */
export function readValue(
  bytes: Uint8Array,
  maxDepth: number,
  maxBytes: number,
  copyBytes = true,
): Value {
  const size = bytes.length;
  if (size > maxBytes) {
    throw new MessageTooLargeError(`input of ${size} bytes exceeds maxBytes ${maxBytes}`);
  }
  if (size === 0) throw new DecodeError("empty input");
  if (bytes.constructor !== Uint8Array) {
    // A subclass such as Node's Buffer has a `slice` that returns a view, which
    // would make cborg's byte-string copies alias the input.
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, size);
  }
  const t = new Tokenizer(bytes, TOKEN_OPTIONS);
  // Explicit stack instead of recursion: container, items left, and the slot
  // (ARRAY, EXPECT_KEY, or the pending key of a map entry).
  const conts: (Value[] | Record<string, Value>)[] = [];
  const left: number[] = [];
  const slots: Slot[] = [];
  let depth = 0;
  for (;;) {
    const start = t.pos();
    if (start >= size) throw new DecodeError(`unexpected end of input at byte ${start}`);
    const initial = bytes[start];
    let value: Value;
    if (!copyBytes && initial <= 0x5b && initial >= 0x40) {
      // A definite-length byte string, read here as a view (cborg would copy it).
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY) {
        throw new DecodeError(`map key at byte ${start} is a bytes, not a text string`);
      }
      const end = byteStringEnd(bytes, start, initial);
      value = bytes.subarray(start + headLength(initial), end);
      (t as unknown as { _pos: number })._pos = end; // cborg 6's tokenizer position
    } else {
      let tok: Token;
      try {
        tok = t.next();
      } catch (cause) {
        throw new DecodeError(`invalid CBOR at byte ${start}: ${(cause as Error).message}`, {
          cause,
        });
      }
      const type = tok.type;
      if (depth > 0 && slots[depth - 1] === EXPECT_KEY && type !== Type.string) {
        throw new DecodeError(`map key at byte ${start} is a ${type.name}, not a text string`);
      }
      switch (type.major) {
        case 0:
        case 1:
          value = tok.value as number;
          break;
        case 2:
          // cborg returns one shared instance for every empty byte string.
          value = (tok.value as Uint8Array).length === 0 ? new Uint8Array(0) : tok.value;
          break;
        case 3:
          value = checkedString(bytes, start, t.pos(), tok.value as string);
          break;
        case 4:
        case 5: {
          const isMap = type.major === 5;
          const n = tok.value as number;
          if (depth >= maxDepth) {
            throw new DecodeError(`nesting deeper than maxDepth ${maxDepth} at byte ${start}`);
          }
          // Each item needs at least one byte: refuse impossible counts up front.
          const remaining = size - t.pos();
          if ((isMap ? n * 2 : n) > remaining) {
            throw new DecodeError(
              `${type.name} at byte ${start} declares ${n} entries but only ${remaining} bytes remain`,
            );
          }
          if (n > 0) {
            conts[depth] = isMap ? {} : [];
            left[depth] = n;
            slots[depth] = isMap ? EXPECT_KEY : ARRAY;
            depth++;
            continue;
          }
          value = isMap ? {} : [];
          break;
        }
        case 6:
          throw new DecodeError(`tags are not allowed (tag ${tok.value} at byte ${start})`);
        default:
          if (type === Type.float) value = tok.value as number;
          else if (type === Type.true) value = true;
          else if (type === Type.false) value = false;
          else if (type === Type.null) value = null;
          else throw new DecodeError(`${type.name} is not allowed (byte ${start})`);
      }
    }
    // Attach the value to its parent; completed containers bubble up.
    for (;;) {
      if (depth === 0) {
        if (t.pos() !== size) {
          throw new DecodeError(`${size - t.pos()} trailing bytes after the value`);
        }
        return value;
      }
      const i = depth - 1;
      const slot = slots[i];
      const cont = conts[i];
      if (slot === ARRAY) {
        (cont as Value[]).push(value);
      } else if (slot === EXPECT_KEY) {
        const key = value as string;
        if (key === "__proto__") throw new DecodeError('map key "__proto__" is not allowed');
        if (Object.hasOwn(cont, key)) {
          throw new DecodeError(`duplicate map key ${JSON.stringify(key)}`);
        }
        slots[i] = key;
        break; // the entry's value comes next
      } else {
        (cont as Record<string, Value>)[slot] = value;
        slots[i] = EXPECT_KEY;
      }
      if (--left[i] > 0) break;
      value = cont;
      conts[i] = undefined as never; // do not keep finished containers alive
      depth--;
    }
  }
}
