/**
 * Preloaded by the doc-example step of `scripts/test.ts`: makes a failed
 * `console.assert` throw, so an example whose claim is false fails its test
 * (Deno's own `console.assert` only prints).
 *
 * @example
 * ```sh
 * deno test --doc --no-check -A --preload scripts/doc-assert.ts mod.ts
 * ```
 *
 * @module
 */
const print = console.assert.bind(console);
console.assert = (condition?: boolean, ...data: unknown[]): void => {
  if (condition) return;
  print(condition, ...data);
  throw new Error(`Assertion failed${data.length ? `: ${data.map(String).join(" ")}` : ""}`);
};
