import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { formatAddress, parseAddress } from "../../lib/address/address.ts";
import { AddressError } from "../../lib/errors.ts";

const id = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";
const pin = "A".repeat(42) + "Q";

test("format and parse round trip, IPv6 and no-host forms", () => {
  for (
    const a of [
      {
        nodeId: id,
        host: "127.0.0.1",
        port: 4433,
        protocols: ["h3", "h2", "ws"],
        pins: [pin, pin],
      },
      { nodeId: id, host: "::1", port: 1, protocols: ["h2"], pins: [] },
      { nodeId: id, protocols: [], pins: [] },
      { nodeId: id, host: "n1", port: 7, protocols: ["memory"], pins: [] },
    ] as const
  ) {
    const copy = JSON.parse(JSON.stringify(a));
    assert.equal(parseAddress(formatAddress(copy)), copy);
  }
  assert.ok(
    formatAddress({ nodeId: id, host: "::1", port: 9, protocols: ["h3"], pins: [] }).includes(
      "@[::1]:9",
    ),
  );
});

test("malformed addresses give AddressError naming the problem", () => {
  const cases: Array<[string, RegExp]> = [
    ["http://x", /not a geomesh address/],
    [`geomesh://${id.slice(1)}@h:1`, /bad node id/],
    [`geomesh://${id}@h:0`, /bad port/],
    [`geomesh://${id}@h:99999`, /bad port/],
    [`geomesh://${id}@h:1?proto=quic`, /bad protocol/],
    [`geomesh://${id}@h:1?pin=short`, /bad certificate pin/],
    [`geomesh://${id}@h:1?foo=1`, /unknown address parameter/],
  ];
  for (const [text, re] of cases) {
    assert.throws(
      () => parseAddress(text),
      (err: Error) => err instanceof AddressError && re.test(err.message),
      text,
    );
  }
  assert.throws(() => parseAddress(42 as never), TypeError);
  assert.equal(parseAddress(`  geomesh://${id}@h:1  `).protocols, ["h3", "h2"]);
});

test.run();
