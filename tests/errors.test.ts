import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { GeomeshError, MessageTooLargeError, TimeoutError } from "../lib/errors.ts";
import { createLogger } from "../lib/log.ts";

test("subclasses carry a stable code, a name and the cause", () => {
  const cause = new Error("root");
  const err = new TimeoutError("slow", { cause });
  assert.ok(err instanceof GeomeshError);
  assert.ok(err instanceof Error);
  assert.is(err.code, "TIMEOUT");
  assert.is(err.name, "TimeoutError");
  assert.is(err.cause, cause);
  assert.is(new MessageTooLargeError("x").code, MessageTooLargeError.code);
});

test("json logger writes one object per line with fields and levels filtered", () => {
  const lines: string[] = [];
  const log = createLogger({ json: true, level: "info", sink: (l) => lines.push(l), name: "n1" });
  log.debug("hidden");
  log.warn("refused", { err: new TimeoutError("slow"), peer: "abc" });
  assert.is(lines.length, 1);
  const obj = JSON.parse(lines[0]);
  assert.is(obj.level, "warn");
  assert.is(obj.name, "n1");
  assert.is(obj.peer, "abc");
  assert.match(obj.err, "TIMEOUT");
});

test("text logger and bad level", () => {
  const lines: string[] = [];
  createLogger({ sink: (l) => lines.push(l) }).info("hi", { a: 1 });
  assert.match(lines[0], /INFO\s+hi a=1/);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => createLogger({ level: "loud" as any }), TypeError);
});

test.run();
