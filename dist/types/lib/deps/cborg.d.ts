/**
 * Pinned CBOR dependency. Sources use `npm:` specifiers so that Deno users can
 * import geomesh by URL without an import map; Bun resolves them through
 * `scripts/bun-npm-resolver.ts` and the published package is pre-built.
 *
 * @module
 */
export { decode, encode, Token, Tokenizer, Type } from "cborg";
export type { DecodeOptions, EncodeOptions, TagDecoder } from "cborg";
