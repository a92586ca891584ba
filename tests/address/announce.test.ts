/**
 * What a listening node advertises: an announced name and port, the
 * configured host names, or for a wildcard listener the machine's real
 * interface addresses (never the wildcard; loopback only when there is
 * nothing else). One real node on 0.0.0.0 checks the whole path.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { networkInterfaces } from "node:os";
import { interfaceHosts, parseAnnounce } from "../../lib/address/announce.ts";
import { parseAddress } from "../../lib/address/address.ts";
import { resolveConfig } from "../../lib/node/config.ts";
import { createNode } from "../../lib/runtime/create.ts";
import { createMemoryNetwork } from "../../lib/transport/memory.ts";

const ifaces = [
  { address: "127.0.0.1", family: "IPv4", internal: true },
  { address: "::1", family: "IPv6", internal: true },
  { address: "fe80::1", family: "IPv6", internal: false },
  { address: "fd00::2", family: "IPv6", internal: false },
  { address: "192.0.2.2", family: "IPv4", internal: false },
];

test("announce parses names, IPv4, bracketed IPv6 and ports; refuses the rest", () => {
  assert.equal(parseAnnounce("mesh.example.com"), { host: "mesh.example.com" });
  assert.equal(parseAnnounce("203.0.113.5:4500"), { host: "203.0.113.5", port: 4500 });
  assert.equal(parseAnnounce("[2001:db8::1]:443"), { host: "2001:db8::1", port: 443 });
  assert.equal(parseAnnounce("2001:db8::1"), { host: "2001:db8::1" });
  for (const bad of ["", "0.0.0.0", "[::]", "a b", "host:0", "host:70000", "x/y", "h:p"]) {
    assert.throws(
      () => parseAnnounce(bad),
      (e: Error) => e instanceof TypeError || e instanceof RangeError,
      bad,
    );
  }
});

test("a wildcard listener advertises external interfaces, IPv4 first, no link-local", () => {
  assert.equal(interfaceHosts("::", ifaces), ["192.0.2.2", "fd00::2"]);
  assert.equal(interfaceHosts("0.0.0.0", ifaces), ["192.0.2.2"]);
  assert.equal(interfaceHosts("0.0.0.0", ifaces.filter((i) => i.internal)), ["127.0.0.1"]);
  const cfg = resolveConfig({ hostname: "0.0.0.0" }, { interfaces: () => ifaces });
  assert.equal(cfg.hostnames, ["192.0.2.2"]);
  // Without interface knowledge (e.g. resolveConfig alone) loopback is all there is.
  assert.equal(resolveConfig({ hostname: "0.0.0.0" }).hostnames, ["127.0.0.1"]);
  // Explicit host names win; announce sets the first one.
  assert.equal(resolveConfig({ hostname: "::", hostnames: ["a.example"] }).hostnames, [
    "a.example",
  ]);
  assert.equal(resolveConfig({ announce: "b.example:9" }).hostnames, ["b.example"]);
});

test("the address carries the announced host and port", async () => {
  const net = createMemoryNetwork();
  const node = await createNode({
    transport: net.transport("n"),
    announce: "mesh.example.com:4500",
    logLevel: "error",
  });
  try {
    const a = parseAddress(node.address);
    assert.is(a.host, "mesh.example.com");
    assert.is(a.port, 4500);
    assert.is(a.nodeId, node.id);
  } finally {
    await node.close();
  }
});

test("a real node on 0.0.0.0 advertises an interface address, never the wildcard", async () => {
  // Only the advertisement is checked here: test traffic stays on loopback (dialing across
  // hosts is tests/geo/, inside network namespaces).
  const external = Object.values(networkInterfaces()).flat().filter((i) =>
    i && !i.internal && i.family === "IPv4"
  );
  const server = await createNode({
    mode: "server",
    hostname: "0.0.0.0",
    port: 0,
    dashboard: false,
    logLevel: "error",
  });
  try {
    const a = parseAddress(server.address);
    assert.ok(a.host !== "0.0.0.0" && a.host !== "::", `advertised ${a.host}`);
    if (external.length) {
      assert.ok(external.some((i) => i!.address === a.host), `advertised ${a.host}`);
    } else {
      console.log("this machine has no external IPv4 interface: loopback is advertised");
      assert.is(a.host, "127.0.0.1");
    }
    assert.ok((a.port ?? 0) > 0);
    console.log(`0.0.0.0 node advertises ${a.host}:${a.port} (${a.protocols.join(",")})`);
  } finally {
    await server.close();
  }
});

test.run();
