import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { decode, encode } from "../../lib/deps/cborg.ts";
import {
  createCertificatePair,
  createPinBinding,
  decodePinBinding,
  MAX_PIN_BINDING_SIZE,
  verifyPinBinding,
} from "../../lib/cert/mod.ts";
import {
  CertificateError,
  DecodeError,
  GeomeshError,
  PinMismatchError,
  SignatureError,
} from "../../lib/errors.ts";
import { base32Encode, generateIdentity, SignatureDomain } from "../../lib/identity/mod.ts";
import { rejects } from "./helpers.ts";

const NOW = Date.UTC(2032, 3, 1);
const me = await generateIdentity();
const mallory = await generateIdentity();
const pair = await createCertificatePair({ hostnames: ["127.0.0.1"], now: NOW });
const pins = [pair.current.pin, pair.next.pin];
const notAfter = pair.next.notAfter;
const binding = await createPinBinding(me, { pins, notAfter });

test("a valid binding verifies for both bound pins and returns its content", async () => {
  for (const pin of pins) {
    const got = await verifyPinBinding(binding, { nodeId: me.id, pin, now: NOW });
    assert.is(got.nodeId, me.id);
    assert.equal(got.pins, pins);
    assert.is(got.notAfter.getTime(), notAfter.getTime());
  }
  // Without expectations it still checks signature and expiry, and tells who signed.
  assert.is((await verifyPinBinding(binding, { now: new Date(NOW) })).nodeId, me.id);
  // Deterministic: same input, same bytes (Ed25519 signatures are deterministic).
  assert.equal(await createPinBinding(me, { pins, notAfter }), binding);
  assert.ok(binding.length < MAX_PIN_BINDING_SIZE);
});

test("forged: another key, tampered body or signature, other domain", async () => {
  // Mallory writes a binding naming me, with her pin, signed with her key.
  const { body } = decodePinBinding(binding);
  const fake = decode(body) as unknown[];
  fake[2] = [crypto.getRandomValues(new Uint8Array(32))];
  const fakeBody = encode(fake);
  const forged = encode([fakeBody, await mallory.sign(SignatureDomain.PinBinding, fakeBody)]);
  await rejects(
    verifyPinBinding(forged, { nodeId: me.id, now: NOW }),
    SignatureError,
    /does not verify/,
  );
  // Her own valid binding is not mine.
  const hers = await createPinBinding(mallory, { pins, notAfter });
  await rejects(
    verifyPinBinding(hers, { nodeId: me.id, now: NOW }),
    SignatureError,
    new RegExp(`signed for node ${mallory.id}, expected ${me.id}`),
  );
  // One flipped bit in a pin inside the body.
  const tamperedBody = body.slice();
  tamperedBody[body.length - 20] ^= 1;
  const { signature } = decodePinBinding(binding);
  const tampered = encode([tamperedBody, signature]);
  await rejects(verifyPinBinding(tampered, { nodeId: me.id, now: NOW }), SignatureError);
  const badSig = signature.slice();
  badSig[10] ^= 4;
  await rejects(verifyPinBinding(encode([body, badSig]), { now: NOW }), SignatureError);
  // My signature over the same body, but for the hello domain.
  const wrongDomain = encode([body, await me.sign(SignatureDomain.Hello, body)]);
  await rejects(verifyPinBinding(wrongDomain, { nodeId: me.id, now: NOW }), SignatureError);
  // A small-order "node id" that anyone could sign for.
  const weak = new Uint8Array(32);
  weak[0] = 1;
  const weakBody = encode([1, base32Encode(weak), pins, notAfter.getTime()]);
  const weakForgery = new Uint8Array(64);
  weakForgery[0] = 1;
  await rejects(
    verifyPinBinding(encode([weakBody, weakForgery]), { now: NOW }),
    SignatureError,
    /unusable node id/,
  );
});

test("expired binding -> CertificateError; wrong pin -> PinMismatchError", async () => {
  await rejects(
    verifyPinBinding(binding, { nodeId: me.id, pin: pins[0], now: notAfter.getTime() + 1 }),
    CertificateError,
    /expired at/,
  );
  const other = crypto.getRandomValues(new Uint8Array(32));
  const err = await rejects(
    verifyPinBinding(binding, { nodeId: me.id, pin: other, now: NOW }),
    PinMismatchError,
    /is not bound to node/,
  );
  assert.is(err.code, "PIN_MISMATCH");
  await rejects(
    verifyPinBinding(binding, { nodeId: me.id, pin: pins[0].subarray(1), now: NOW }),
    PinMismatchError,
  );
});

test("malformed bindings are DecodeErrors; random and mutated input gives only typed errors", async () => {
  const { body, signature } = decodePinBinding(binding);
  const fields = decode(body) as unknown[];
  const variants: unknown[][] = [
    [2, ...fields.slice(1)],
    [...fields, "extra"],
    [fields[0], "not-an-id", fields[2], fields[3]],
    [fields[0], fields[1], [], fields[3]],
    [fields[0], fields[1], Array(5).fill(pins[0]), fields[3]],
    [fields[0], fields[1], [new Uint8Array(31)], fields[3]],
    [fields[0], fields[1], fields[2], -5],
    [fields[0], fields[1], fields[2], 1.5],
  ];
  for (const v of variants) {
    await rejects(verifyPinBinding(encode([encode(v), signature]), { now: NOW }), DecodeError);
  }
  await rejects(
    verifyPinBinding(new Uint8Array(MAX_PIN_BINDING_SIZE + 1), { now: NOW }),
    DecodeError,
    /at most/,
  );
  await rejects(verifyPinBinding(encode([body]), { now: NOW }), DecodeError);
  await rejects(verifyPinBinding(encode([body, signature.subarray(1)]), { now: NOW }), DecodeError);
  await rejects(verifyPinBinding(encode({ body, signature }), { now: NOW }), DecodeError);
  // Indefinite-length array (0x9f ... 0xff) is not accepted.
  await rejects(verifyPinBinding(new Uint8Array([0x9f, 0x01, 0xff]), { now: NOW }), DecodeError);
  await rejects(verifyPinBinding("x" as unknown as Uint8Array), TypeError);

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.uint8Array({ maxLength: 600 }),
        fc.tuple(fc.nat(binding.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
          const m = binding.slice();
          m[i] ^= x;
          return m;
        }),
      ),
      async (bytes) => {
        try {
          await verifyPinBinding(bytes, { nodeId: me.id, now: NOW });
        } catch (err) {
          assert.instance(err, GeomeshError, String(err));
          return;
        }
        // Only the unmodified binding may pass.
        assert.equal(bytes, binding);
      },
    ),
    { numRuns: 2000 },
  );
});

test("createPinBinding argument checks", async () => {
  for (const bad of [[], [new Uint8Array(31)], Array(5).fill(pins[0]), "x"]) {
    await rejects(createPinBinding(me, { pins: bad as Uint8Array[], notAfter }), TypeError);
  }
  await rejects(createPinBinding(me, { pins, notAfter: new Date(NaN) }), TypeError);
  await rejects(createPinBinding(me, { pins, notAfter: -1 }), RangeError);
});

test.run();
