import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CURRENT_CERT_FILE,
  pinToString,
  type RotationResult,
  rotationTime,
  startCertificateRotation,
} from "../../lib/cert/mod.ts";
import { AbortedError } from "../../lib/errors.ts";
import { createLogger } from "../../lib/log.ts";
import { DAY, rejects } from "./helpers.ts";

const HOSTS = ["127.0.0.1"];
const T0 = Date.UTC(2032, 0, 1);

test("check(): nothing before due; at due the callback gets the rotated pair", async () => {
  let now = T0;
  const seen: RotationResult[] = [];
  const controller = new AbortController();
  const rotator = await startCertificateRotation({
    hostnames: HOSTS,
    clock: () => now,
    signal: controller.signal,
    onRotate: (r) => {
      seen.push(r);
    },
  });
  const first = { current: rotator.current, next: rotator.next };
  assert.equal(rotator.pins, [first.current.pin, first.next.pin]);
  const due = rotationTime(first.current).getTime();
  // The timer is capped at maxDelayMs (1 h) so clock jumps are noticed.
  assert.is(rotator.nextCheckAt!.getTime(), now + 3_600_000);
  now = due - 1;
  assert.is(await rotator.check(), false);
  assert.is(seen.length, 0);
  now = due;
  assert.is(await rotator.check(), true);
  assert.is(seen.length, 1);
  assert.ok(seen[0].rotated);
  assert.is(pinToString(rotator.current.pin), pinToString(first.next.pin));
  assert.is(pinToString(seen[0].current.pin), pinToString(first.next.pin));
  assert.equal(rotator.pins, [seen[0].current.pin, seen[0].next.pin]);
  controller.abort();
  assert.is(rotator.nextCheckAt, null);
  assert.is(await rotator.check(), false, "a stopped rotator does nothing");
});

test("the timer fires by itself when rotation comes due, and persists under the cert path", async () => {
  const certPath = await mkdtemp(join(tmpdir(), "geomesh-rotator-"));
  try {
    let now = T0;
    let resolveRotated!: (r: RotationResult) => void;
    const rotated = new Promise<RotationResult>((r) => resolveRotated = r);
    const rotator = await startCertificateRotation({
      certPath,
      hostnames: HOSTS,
      clock: () => now,
      maxDelayMs: 20,
      onRotate: (r) => resolveRotated(r),
    });
    const before = rotator.next;
    // Jump the injected clock past the rotation time; the next timer tick notices.
    now = rotationTime(rotator.current).getTime() + 1;
    // The rotator's timer is unref'd (it must not keep a process alive): hold it here.
    const keepAlive = setInterval(() => {}, 1000);
    const result = await rotated.finally(() => clearInterval(keepAlive));
    assert.ok(result.rotated);
    assert.is(pinToString(result.current.pin), pinToString(before.pin));
    const onDisk = await readFile(join(certPath, CURRENT_CERT_FILE), "utf8");
    assert.ok(onDisk.startsWith(result.current.certPem), "tls-current.pem holds the promoted cert");
    rotator.stop();
    assert.is(rotator.nextCheckAt, null);
  } finally {
    await rm(certPath, { recursive: true, force: true });
  }
});

test("a failing callback is logged and does not stop rotation; bad options refused", async () => {
  let now = T0;
  const lines: string[] = [];
  const logger = createLogger({ json: true, sink: (l) => lines.push(l) });
  const rotator = await startCertificateRotation({
    hostnames: HOSTS,
    clock: () => now,
    logger,
    onRotate: () => {
      throw new Error("listener swap failed");
    },
  });
  now += 13 * DAY;
  assert.ok(await rotator.check());
  assert.ok(lines.some((l) => /callback failed/.test(l) && /listener swap failed/.test(l)));
  now += 6 * DAY;
  assert.ok(await rotator.check(), "still rotating");
  rotator.stop();
  const aborted = AbortSignal.abort();
  await rejects(startCertificateRotation({ hostnames: HOSTS, signal: aborted }), AbortedError);
  await rejects(startCertificateRotation({ hostnames: HOSTS, maxDelayMs: 0 }), RangeError);
  await rejects(
    startCertificateRotation({ hostnames: HOSTS, renewBeforeMs: 10 * DAY }),
    RangeError,
  );
});

test.run();
