import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import fc from "npm:fast-check@4.10.2";
import { IdentityError } from "../../lib/errors.ts";
import {
  assertSignature,
  base32Decode,
  base32Encode,
  exportIdentity,
  generateIdentity,
  importIdentity,
  isNodeId,
  KeyCache,
  nodeIdFromPublicKey,
  publicKeyFromNodeId,
  publicKeyProblem,
  SignatureDomain,
  signedBytes,
  verify,
  verifyFromNodeId,
} from "../../lib/identity/mod.ts";
import { SignatureError } from "../../lib/errors.ts";

const enc = new TextEncoder();
const P = 2n ** 255n - 19n;

function encodeY(y: bigint, sign = 0): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((y >> BigInt(8 * i)) & 255n);
  out[31] |= sign << 7;
  return out;
}

async function rejects(
  promise: Promise<unknown>,
  type: new (...a: never[]) => Error,
  match?: RegExp,
) {
  try {
    await promise;
  } catch (err) {
    assert.instance(err, type);
    if (match) assert.match((err as Error).message, match);
    return err as Error;
  }
  throw new Error(`expected a ${type.name}`);
}

test("base32 matches the RFC 4648 test vectors (lowercase, unpadded)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "my"],
    ["fo", "mzxq"],
    ["foo", "mzxw6"],
    ["foob", "mzxw6yq"],
    ["fooba", "mzxw6ytb"],
    ["foobar", "mzxw6ytboi"],
  ];
  for (const [plain, coded] of vectors) {
    assert.is(base32Encode(enc.encode(plain)), coded);
    assert.equal(base32Decode(coded), enc.encode(plain));
  }
  assert.is(base32Decode("MZXW6"), null, "uppercase is not canonical");
  assert.is(base32Decode("mzxw6==="), null, "padding is refused");
  assert.is(base32Decode("mzxr"), null, "non-zero trailing bits");
  assert.is(base32Decode("m"), null, "impossible length");
  assert.is(base32Decode("mzx1"), null, "digit 1 is not in the alphabet");
});

test("base32 round-trips random bytes and decodes exactly one text per value", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const text = base32Encode(bytes);
      assert.equal(base32Decode(text), bytes);
      assert.ok(/^[a-z2-7]*$/.test(text));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => {
      const bytes = base32Decode(text);
      if (bytes !== null) assert.is(base32Encode(bytes), text);
    }),
    { numRuns: 2000 },
  );
});

test("sign/verify round trip, by node id and by raw public key", async () => {
  const me = await generateIdentity();
  assert.is(me.id.length, 52);
  assert.ok(isNodeId(me.id));
  const data = enc.encode("some payload");
  const sig = await me.sign(SignatureDomain.Message, data);
  assert.is(sig.length, 64);
  assert.ok(await verify(me.id, SignatureDomain.Message, data, sig));
  assert.ok(await verify(me.publicKey, SignatureDomain.Message, data, sig));
  assert.ok(await verifyFromNodeId(me.id, SignatureDomain.Message, data, sig));
  await assertSignature(me.id, SignatureDomain.Message, data, sig);
  // Empty data signs too.
  assert.ok(
    await verify(me.id, "hello", new Uint8Array(), await me.sign("hello", new Uint8Array())),
  );
});

test("a signature for one domain never verifies for another", async () => {
  const me = await generateIdentity();
  const data = enc.encode("same bytes");
  const domains = [...Object.values(SignatureDomain), "custom.layer/v2", "hell"];
  const sigs = await Promise.all(domains.map((d) => me.sign(d, data)));
  for (let i = 0; i < domains.length; i++) {
    for (let j = 0; j < domains.length; j++) {
      assert.is(
        await verify(me.id, domains[j], data, sigs[i]),
        i === j,
        `${domains[i]} -> ${domains[j]}`,
      );
    }
  }
  // Shifting bytes between domain and data cannot collide: "hello" + X vs "hell" + "o\0" + X.
  const shifted = new Uint8Array([0x6f, 0, ...data]);
  assert.not.ok(await verify(me.id, "hell", shifted, sigs[domains.indexOf("hello")]));
  assert.equal(
    signedBytes("hello", data).slice(0, 17),
    enc.encode("geomesh/v1\0hello\0"),
  );
  await rejects(
    assertSignature(me.id, "peer-record", data, sigs[0], "peer record"),
    SignatureError,
    /peer record: bad peer-record signature/,
  );
});

test("tampered data, tampered or truncated signatures and other keys are refused", async () => {
  const me = await generateIdentity();
  const other = await generateIdentity();
  const data = crypto.getRandomValues(new Uint8Array(64));
  const sig = await me.sign("message", data);
  for (const i of [0, 17, 63]) {
    const d = data.slice();
    d[i] ^= 1;
    assert.not.ok(await verify(me.id, "message", d, sig), `data byte ${i}`);
  }
  for (const i of [0, 31, 32, 63]) {
    const s = sig.slice();
    s[i] ^= 0x80;
    assert.not.ok(await verify(me.id, "message", data, s), `signature byte ${i}`);
  }
  assert.not.ok(await verify(me.id, "message", data, sig.subarray(0, 63)));
  assert.not.ok(await verify(me.id, "message", data, new Uint8Array(65)));
  assert.not.ok(await verify(me.id, "message", data.subarray(1), sig));
  assert.not.ok(await verify(other.id, "message", data, sig));
});

test("bad arguments are TypeErrors: domains, data, signature types", async () => {
  const me = await generateIdentity();
  for (const domain of ["", "Hello", "a\0b", "-x", "x".repeat(65), "has space"]) {
    await rejects(me.sign(domain, new Uint8Array(1)), TypeError, /signature domain/);
    await rejects(verify(me.id, domain, new Uint8Array(1), new Uint8Array(64)), TypeError);
  }
  await rejects(me.sign("hello", "text" as unknown as Uint8Array), TypeError);
  await rejects(
    verify(me.id, "hello", new Uint8Array(1), [1, 2] as unknown as Uint8Array),
    TypeError,
  );
  await rejects(
    verify(42 as unknown as string, "hello", new Uint8Array(1), new Uint8Array(64)),
    TypeError,
  );
});

test("node id <-> public key round trip", async () => {
  for (let i = 0; i < 20; i++) {
    const me = await generateIdentity();
    const key = publicKeyFromNodeId(me.id);
    assert.equal(key, me.publicKey);
    assert.is(nodeIdFromPublicKey(key), me.id);
  }
  const me = await generateIdentity();
  const copy = me.publicKey;
  copy[0] ^= 1;
  assert.is.not(me.publicKey[0], copy[0], "publicKey hands out copies");
  assert.is(JSON.stringify(me), JSON.stringify({ id: me.id }), "no key material in JSON");
});

test("bad node ids are refused with IdentityError", async () => {
  const me = await generateIdentity();
  const bad = [
    "",
    me.id.slice(1),
    me.id + "a",
    me.id.toUpperCase(),
    me.id.slice(0, 51) + "1",
    me.id.slice(0, 10) + "-" + me.id.slice(11),
  ];
  // Last character carries 1 bit; the other 4 must be zero (only one text per key).
  const last = me.id.at(-1)!;
  bad.push(me.id.slice(0, 51) + (last === "a" ? "b" : "r"));
  for (const id of bad) {
    assert.throws(() => publicKeyFromNodeId(id), (e: unknown) => e instanceof IdentityError, id);
    await rejects(verify(id, "hello", new Uint8Array(1), new Uint8Array(64)), IdentityError);
  }
  assert.throws(() => publicKeyFromNodeId(7 as unknown as string), TypeError);
  assert.throws(() => nodeIdFromPublicKey(new Uint8Array(31)), TypeError);
});

test("small-order, non-canonical and off-curve keys are refused", async () => {
  const y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
  // y8 is the y coordinate of an order-8 point: doubling it gives y = 0 (order 4),
  // i.e. d*y^4 + 2*y^2 - 1 = 0 (mod p) with d = -121665/121666.
  const modPow = (b: bigint, e: bigint) => {
    let r = 1n;
    b %= P;
    for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
    return r;
  };
  const d = ((-121665n * modPow(121666n, P - 2n)) % P + P) % P;
  assert.is(((d * y8 ** 4n + 2n * y8 * y8 - 1n) % P + P) % P, 0n);
  for (const y of [0n, 1n, P - 1n, y8, P - y8]) {
    for (const sign of [0, 1]) {
      const key = encodeY(y, sign);
      assert.is(publicKeyProblem(key), "small-order point");
      const id = base32Encode(key);
      assert.throws(() => publicKeyFromNodeId(id), /small-order/);
      // The classic forgery for the neutral point (R = identity, S = 0) never gets through.
      const forged = new Uint8Array(64);
      forged[0] = 1;
      await rejects(verify(id, "hello", new Uint8Array([1]), forged), IdentityError);
    }
  }
  assert.is(publicKeyProblem(encodeY(P + 2n)), "non-canonical point encoding");
  // y = 2 has no x on the curve.
  let offCurve = 0;
  for (let y = 2n; y < 40n; y++) {
    if (publicKeyProblem(encodeY(y)) === "not a curve point") offCurve++;
  }
  assert.ok(offCurve > 5, `found ${offCurve} off-curve encodings`);
  assert.is(publicKeyProblem(new Uint8Array(31)), "not 32 bytes");
});

test("importIdentity: PKCS#8 and JWK round trips; wrong or inconsistent material refused", async () => {
  const me = await generateIdentity({ extractable: true });
  const pkcs8 = await exportIdentity(me);
  const again = await importIdentity({ pkcs8 });
  assert.is(again.id, me.id);
  assert.not.ok(again.privateKey.extractable);
  const data = enc.encode("x");
  assert.ok(await verify(me.id, "hello", data, await again.sign("hello", data)));
  const jwk = await crypto.subtle.exportKey("jwk", me.privateKey);
  assert.is((await importIdentity({ jwk })).id, me.id);

  const other = await generateIdentity({ extractable: true });
  const otherJwk = await crypto.subtle.exportKey("jwk", other.privateKey);
  await rejects(importIdentity({ jwk: { ...jwk, x: otherJwk.x } }), IdentityError, /inconsistent/);
  await rejects(
    importIdentity({ pkcs8: crypto.getRandomValues(new Uint8Array(48)) }),
    IdentityError,
  );
  const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]) as CryptoKeyPair;
  const ecPkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", ec.privateKey));
  await rejects(importIdentity({ pkcs8: ecPkcs8 }), IdentityError);
  await rejects(
    importIdentity({ jwk: await crypto.subtle.exportKey("jwk", ec.privateKey) }),
    IdentityError,
  );
  await rejects(exportIdentity(again), TypeError, /not extractable/);
  await rejects(importIdentity({} as never), TypeError);
});

test("KeyCache is a bounded LRU that does not cache failures", async () => {
  const cache = new KeyCache<string>(2);
  let loads = 0;
  const load = (id: string) =>
    cache.get(id, (k) => {
      loads++;
      return k === "bad" ? Promise.reject(new Error("no")) : Promise.resolve(k.toUpperCase());
    });
  assert.is(await load("a"), "A");
  await load("b");
  await load("a"); // a is now most recent
  await load("c"); // evicts b
  assert.is(cache.size, 2);
  assert.is(loads, 3);
  await load("a");
  assert.is(loads, 3);
  await load("b");
  assert.is(loads, 4);
  await load("bad").catch(() => {});
  await load("bad").catch(() => {});
  assert.is(loads, 6, "a failed load is retried, not cached");
  cache.maxEntries = 1;
  assert.is(cache.size, 1);
  assert.throws(() => new KeyCache(0), RangeError);
});

test.run();
