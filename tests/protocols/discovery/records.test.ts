/**
 * Discovery building blocks: signed peer records, the salted Bloom filter and
 * the bounded peer table.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { encodeValue } from "../../../lib/codec/cbor.ts";
import { generateIdentity } from "../../../lib/identity/identity.ts";
import {
  createRecord,
  MAX_CLOCK_SKEW_MS,
  readRecord,
  RECORD_TTL_MS,
  verifyRecord,
} from "../../../lib/protocols/discovery/record.ts";
import {
  buildFilter,
  filterHas,
  filterTest,
  recordKey,
} from "../../../lib/protocols/discovery/filter.ts";
import { PeerTable, SUSPECT_AFTER_FAILURES } from "../../../lib/protocols/discovery/table.ts";
import { rejectsWith } from "../../node/helpers.ts";

const addressOf = (id: string, port = 4433) => `geomesh://${id}@127.0.0.1:${port}?proto=h3`;

test("records: round trip, and forged, altered, foreign, expired and future records are refused", async () => {
  const me = await generateIdentity();
  const other = await generateIdentity();
  const rec = await createRecord(me, addressOf(me.id), "hybrid");
  const back = await verifyRecord(rec.bytes);
  assert.equal([back.id, back.address, back.mode, back.issuedAt], [
    me.id,
    rec.address,
    "hybrid",
    rec.issuedAt,
  ]);

  // Someone else's key signing a record that names me.
  const sig = await other.sign("peer-record", encodeValue([rec.address, "hybrid", rec.issuedAt]));
  await rejectsWith(
    verifyRecord(encodeValue([rec.address, "hybrid", rec.issuedAt, sig])),
    "BAD_SIGNATURE",
  );
  // My signature, but the address (port) altered in transit.
  const { sig: mine } = readRecord(rec.bytes);
  await rejectsWith(
    verifyRecord(encodeValue([addressOf(me.id, 9999), "hybrid", rec.issuedAt, mine])),
    "BAD_SIGNATURE",
  );
  // Mode altered.
  await rejectsWith(
    verifyRecord(encodeValue([rec.address, "server", rec.issuedAt, mine])),
    "BAD_SIGNATURE",
  );
  // A record cannot be made for someone else's address.
  let refused = false;
  try {
    await createRecord(me, addressOf(other.id), "hybrid");
  } catch (err) {
    refused = err instanceof TypeError;
  }
  assert.ok(refused, "createRecord refuses a foreign address");

  const old = await createRecord(me, addressOf(me.id), "hybrid", {
    issuedAt: Date.now() - RECORD_TTL_MS - 1,
  });
  await rejectsWith(verifyRecord(old.bytes), "PROTOCOL_ERROR");
  const future = await createRecord(
    me,
    addressOf(me.id),
    "hybrid",
    { issuedAt: Date.now() + MAX_CLOCK_SKEW_MS + 60_000 },
  );
  await rejectsWith(verifyRecord(future.bytes), "PROTOCOL_ERROR");
});

test("records of client-mode nodes: via round trip, and an altered via list is refused", async () => {
  const me = await generateIdentity();
  const s1 = await generateIdentity(), s2 = await generateIdentity();
  const rec = await createRecord(me, `geomesh://${me.id}`, "client", { via: [s1.id] });
  assert.equal((await verifyRecord(rec.bytes)).via, [s1.id]);
  const { sig } = readRecord(rec.bytes);
  await rejectsWith(
    verifyRecord(encodeValue([rec.address, "client", rec.issuedAt, sig, [s2.id]])),
    "BAD_SIGNATURE",
  );
  await rejectsWith(
    verifyRecord(encodeValue([rec.address, "client", rec.issuedAt, sig])),
    "BAD_SIGNATURE",
  );
  for (const via of [[], ["not-an-id"], Array(9).fill(s1.id), [7]]) {
    await rejectsWith(
      verifyRecord(encodeValue([rec.address, "client", rec.issuedAt, sig, via])),
      "PROTOCOL_ERROR",
    );
  }
});

test("records: malformed bytes give DecodeError or ProtocolError", async () => {
  const me = await generateIdentity();
  const rec = await createRecord(me, addressOf(me.id), "server");
  const bad: Array<[Uint8Array, string]> = [
    [new Uint8Array([0xff, 0x00]), "DECODE_ERROR"],
    [rec.bytes.subarray(0, rec.bytes.length - 3), "DECODE_ERROR"],
    [encodeValue(["not an address", "hybrid", 1, new Uint8Array(64)]), "PROTOCOL_ERROR"],
    [encodeValue([rec.address, "king", 1, new Uint8Array(64)]), "PROTOCOL_ERROR"],
    [encodeValue([rec.address, "hybrid", 1]), "PROTOCOL_ERROR"],
    [encodeValue({ address: rec.address }), "PROTOCOL_ERROR"],
    [new Uint8Array(5000), "PROTOCOL_ERROR"],
  ];
  for (const [bytes, code] of bad) await rejectsWith(verifyRecord(bytes), code);
});

test("filter: no false negatives, few false positives, fresh salt, malformed filters refused", () => {
  const members = Array.from({ length: 300 }, (_, i) => recordKey(`node${i}`, 1000 + i));
  const filter = buildFilter(members, 900);
  assert.ok(filter.length <= 900);
  for (const key of members) assert.ok(filterHas(filter, key), key);
  let falsePositives = 0;
  for (let i = 0; i < 2000; i++) if (filterHas(filter, recordKey(`other${i}`, i))) falsePositives++;
  assert.ok(falsePositives < 200, `${falsePositives} false positives of 2000`);
  // The same key is a newer record's key no more.
  assert.not.ok(filterHas(buildFilter([recordKey("a", 1)], 64), recordKey("a", 2)));
  // Two salts disagree on (almost) every false positive, so a record is not hidden twice.
  const small = members.slice(0, 100);
  const f1 = buildFilter(small, 40, 1), f2 = buildFilter(small, 40, 2);
  let both = 0, either = 0;
  for (let i = 0; i < 2000; i++) {
    const k = recordKey(`x${i}`, i);
    const a = filterHas(f1, k), b = filterHas(f2, k);
    if (a && b) both++;
    if (a || b) either++;
  }
  assert.ok(either > 0 && both < either, `salts: ${both} of ${either} shared`);
  for (const bad of [new Uint8Array(3), new Uint8Array(5000), new Uint8Array([0, 0, 0, 0, 0, 1])]) {
    let code = "";
    try {
      filterTest(bad);
    } catch (err) {
      code = (err as { code: string }).code;
    }
    assert.is(code, "PROTOCOL_ERROR");
  }
});

const rec = (id: string, issuedAt: number) => ({
  id,
  address: addressOf(id),
  mode: "hybrid" as const,
  issuedAt,
  via: [],
  bytes: new Uint8Array([1]),
});

test("table: newer replaces older, bounded with eviction of the first to expire unpinned, expiry, backoff", () => {
  const now = Date.now();
  const pinned = new Set(["A"]);
  const table = new PeerTable({ max: 3, pinned: (id) => pinned.has(id) });
  const shared = { relay: true, now };
  assert.is(table.put(rec("A", now - 500), shared), "new");
  assert.is(table.put(rec("B", now - 400), shared), "new");
  assert.is(table.put(rec("C", now - 300), shared), "new");
  assert.is(table.put(rec("B", now - 450), shared), "stale");
  assert.ok(table.holds("B", now - 400) && !table.holds("B", now - 100));
  // Full: a record expiring before every unpinned one is refused...
  assert.is(table.put(rec("D", now - 1000), shared), "full");
  // ...a later one evicts the first to expire unpinned (B; A goes earlier but is pinned).
  assert.is(table.put(rec("D", now - 100), shared), "new");
  assert.equal([...table.entries()].map((e) => e.id).sort(), ["A", "C", "D"]);
  // Dial failures back off, and a peer failing repeatedly is no longer shared, then goes first.
  for (let i = 0; i < SUSPECT_AFTER_FAILURES; i++) table.dialFailed("C", now);
  assert.ok(table.get("C")!.retryAt > now);
  assert.equal([...table.shareable()].map((e) => e.id).sort(), ["A", "D"]);
  assert.is(
    table.put(rec("E", now - 2000), shared),
    "new",
    "a suspect entry makes room even for older",
  );
  assert.not.ok(table.get("C"));
  // A newer record of a peer clears its failures.
  table.dialFailed("D", now);
  assert.is(table.put(rec("D", now), shared), "updated");
  assert.is(table.get("D")!.failures, 0);
  // Expiry.
  const gone = table.expire(now + RECORD_TTL_MS - 400);
  assert.equal(gone.sort(), ["A", "E"]);
});

test("table: lifetime counts from arrival, so a record dated ahead gains nothing", () => {
  const now = Date.now();
  const table = new PeerTable({ max: 2 });
  assert.is(table.put(rec("H", now - 1000), { source: "hub", now }), "new");
  assert.is(table.put(rec("I", now - 2000), { source: "hub2", now }), "new");
  const ahead = table.put(rec("S", now + MAX_CLOCK_SKEW_MS), { source: "rogue", now });
  // S expires at now + TTL (not later), after H and I: it replaces I, the first to expire.
  assert.is(ahead, "new");
  assert.is(table.get("S")!.expiresAt, now + RECORD_TTL_MS);
  assert.equal([...table.entries()].map((e) => e.id).sort(), ["H", "S"]);
  assert.equal(table.expire(now + RECORD_TTL_MS + 1).sort(), ["H", "S"]);
});

test("table: one source holds at most its cap; eviction takes from the largest share; proven entries stay", () => {
  const now = Date.now();
  const table = new PeerTable({ max: 64 });
  assert.is(table.cap, 8);
  for (let i = 0; i < 5; i++) table.put(rec(`honest${i}`, now - 60_000), { source: "hub", now });
  table.put(rec("friend", now - 60_000), { source: "friend", relay: true, now });
  // 100 fresh records through one session: it keeps 8 slots, replacing its own.
  let capped = 0;
  for (let i = 0; i < 100; i++) {
    const r = table.put(rec(`sybil${i}`, now), { source: "rogue", now: now + i });
    if (r === "capped") capped++;
  }
  assert.is(capped, 0, "fresher ones replace the source's own earlier ones");
  assert.is(table.heldFrom("rogue"), 8);
  assert.is(table.heldFrom("hub"), 5);
  assert.ok(table.get("sybil99") && !table.get("sybil0"));
  // The share is full and the newcomer would expire before all of it: refused.
  assert.is(table.put(rec("sybilX", now - 1000), { source: "rogue", now: now + 99 }), "capped");
  // Nothing from the rogue is passed on; the friend's own record is.
  assert.equal([...table.shareable()].map((e) => e.id), ["friend"]);

  // A full table: sources below the cap compete, the largest share gives way first.
  const small = new PeerTable({ max: 10 });
  for (let i = 0; i < 3; i++) small.put(rec(`h${i}`, now - 60_000), { source: `hub${i}`, now });
  for (let i = 0; i < 7; i++) small.put(rec(`a${i}`, now), { source: "a", now });
  assert.is(small.put(rec("b0", now - 120_000), { source: "b", now }), "new", "evicts from a");
  assert.equal([small.heldFrom("a"), small.heldFrom("b"), small.size], [6, 1, 10]);
  // "a" cannot displace the smaller shares, only its own.
  for (let i = 7; i < 30; i++) small.put(rec(`a${i}`, now + 1), { source: "a", now: now + i });
  for (let i = 0; i < 3; i++) assert.ok(small.get(`h${i}`), `h${i} stays`);
  assert.ok(small.get("b0"));

  // Dialed entries are proven: out of their source's share, never evicted for unproven ones.
  const proven = new PeerTable({ max: 2 });
  proven.put(rec("P", now - 300_000), { source: "hub", now });
  assert.ok(proven.dialSucceeded("P") && !proven.dialSucceeded("P"));
  assert.equal([proven.heldFrom("hub"), proven.get("P")!.relay], [0, true]);
  proven.put(rec("Q", now - 300_000), { source: "hub", now });
  assert.is(proven.put(rec("R", now), { source: "rogue", now }), "new", "replaces Q");
  assert.is(
    proven.put(rec("T", now), { source: "rogue2", now }),
    "full",
    "P is proven; R is fresher",
  );
  assert.ok(proven.get("P") && proven.get("R") && !proven.get("Q"));
  // A newer version at the same address stays proven; at another address it must prove itself again.
  assert.is(proven.put(rec("P", now), { source: "rogue", now }), "updated");
  assert.equal([proven.get("P")!.dialed, proven.get("P")!.source], [true, "hub"]);
  const moved = { ...rec("P", now + 1), address: addressOf("P", 9999) };
  assert.is(proven.put(moved, { source: "rogue", now }), "updated");
  assert.equal([proven.get("P")!.dialed, proven.get("P")!.relay, proven.heldFrom("hub")], [
    false,
    false,
    1,
  ]);
});

test.run();
