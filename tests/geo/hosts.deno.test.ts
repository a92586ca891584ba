/**
 * The geo fixture: nodes in separate network namespaces reach each other over
 * their own non-loopback addresses (Deno-Deno over h3, Bun over h2), stale
 * namespaces are removed and `close()` leaves nothing behind; the loopback
 * fallback (`GEOMESH_GEO_FALLBACK=1`) works too, with its in-app partition.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { execFileSync } from "node:child_process";
import { createHosts } from "./hosts.ts";
import { findIp, listFixtureNamespaces } from "./netns.ts";
import { closeAll, type GeoNode, spawnNode } from "./process-node.ts";

function hostPort(address: string): number {
  return Number(address.match(/@[^:/?]+:(\d+)/)?.[1]);
}

function hostOf(address: string): string {
  return address.match(/@([^:/?]+):/)?.[1] ?? "";
}

test("nodes on separate hosts connect over the hosts' own addresses; requests round-trip", async () => {
  const hosts = await createHosts({ count: 3 });
  const nodes: GeoNode[] = [];
  try {
    console.log(`mode ${hosts.mode}${hosts.fallbackReason ? ` (${hosts.fallbackReason})` : ""}`);
    const a = spawnNode(hosts, 0, { runtime: "deno", config: { gossipIntervalMs: 0 } });
    nodes.push(a);
    await a.ready;
    const b = spawnNode(hosts, 1, { runtime: "deno", config: { gossipIntervalMs: 0 } });
    const c = spawnNode(hosts, 2, { runtime: "bun", config: { gossipIntervalMs: 0 } });
    nodes.push(b, c);
    await Promise.all([b.ready, c.ready]);
    for (const [i, n] of nodes.entries()) {
      const host = hostOf(n.address);
      assert.is(host, hosts.list[i].address, `node ${i} address names its host`);
      assert.not.ok(host === "127.0.0.1" || host === "0.0.0.0", host);
    }
    for (const dialer of [b, c]) {
      const conn = await dialer.connect(a.address);
      assert.ok(conn.ok, JSON.stringify(conn.error));
      assert.is(conn.value, a.id);
      const t = Date.now();
      const r = await dialer.request(a.id, { hi: dialer.runtime, t }, 3000);
      assert.ok(r.ok, JSON.stringify(r.error));
      const v = r.value as { echo: { hi: string }; from: string; by: string };
      assert.equal(v.echo.hi, dialer.runtime);
      assert.is(v.from, dialer.id);
      assert.is(v.by, a.id);
      const peer = (await dialer.peers()).find((p) => p.id === a.id);
      const want = dialer.runtime === "deno" ? "h3" : "h2";
      assert.is(peer?.protocol, want);
      console.log(
        `${dialer.runtime} ${hosts.list[dialer.index].address} -> deno ${
          hosts.list[0].address
        }: ${want}, request ${r.ms?.toFixed(1)} ms`,
      );
    }
    if (hosts.mode === "netns") {
      // The namespaces really are separate: inside h2, h1's TCP port answers on
      // h1's address but not on h2's own loopback.
      const probe = async (target: string) => {
        const code = `Deno.connect({hostname:"${target}",port:${hostPort(a.address)}})` +
          `.then((c)=>{c.close();console.log("open")},()=>console.log("refused"))`;
        const child = hosts.exec(1, `${Deno.cwd()}/node_modules/.bin/deno`, ["eval", code]);
        let out = "";
        child.stdout!.on("data", (d) => (out += d));
        await new Promise((r) => child.on("exit", r));
        return out.trim();
      };
      assert.is(await probe(hosts.list[0].address), "open");
      assert.is(await probe("127.0.0.1"), "refused");
    }
  } finally {
    await closeAll(nodes);
    await hosts.close();
  }
});

test("stale gm* namespaces are removed first; close() removes everything and is idempotent", async () => {
  const bin = findIp();
  const hosts0 = await createHosts({ count: 1 });
  if (hosts0.mode !== "netns") {
    console.log(`namespaces unavailable (${hosts0.fallbackReason}): checking the fallback says so`);
    assert.ok(hosts0.fallbackReason);
    await hosts0.close();
    return;
  }
  await hosts0.close();
  // A namespace a crashed run left: right name, no owner file.
  const stale = "gm0badc0-h1";
  execFileSync(bin!, ["netns", "add", stale]);
  try {
    const hosts = await createHosts({ count: 2 });
    const tags = await listFixtureNamespaces(bin!);
    assert.not.ok(tags.has("0badc0"), "stale namespace removed");
    assert.equal(tags.get(hosts.tag)?.sort(), [
      `gm${hosts.tag}-h1`,
      `gm${hosts.tag}-h2`,
      `gm${hosts.tag}-sw`,
    ]);
    // A second fixture at the same time is left alone by the first's cleanup.
    const other = await createHosts({ count: 1 });
    assert.ok((await listFixtureNamespaces(bin!)).has(hosts.tag), "live run's namespaces kept");
    await other.close();
    await hosts.close();
    await hosts.close();
    assert.not.ok((await listFixtureNamespaces(bin!)).has(hosts.tag));
    assert.not.ok((await listFixtureNamespaces(bin!)).has(other.tag));
    assert.throws(() => hosts.exec(0, "true", []));
  } finally {
    try {
      execFileSync(bin!, ["netns", "del", stale], { stdio: "ignore" });
    } catch { /* removed by the fixture, as it should */ }
  }
});

test("fallback (GEOMESH_GEO_FALLBACK=1): loopback addresses, requests, in-app partition and heal", async () => {
  const before = process.env.GEOMESH_GEO_FALLBACK;
  process.env.GEOMESH_GEO_FALLBACK = "1";
  const hosts = await createHosts({ count: 2 });
  if (before === undefined) delete process.env.GEOMESH_GEO_FALLBACK;
  else process.env.GEOMESH_GEO_FALLBACK = before;
  const nodes: GeoNode[] = [];
  try {
    assert.is(hosts.mode, "loopback");
    assert.is(hosts.fallbackReason, "GEOMESH_GEO_FALLBACK=1");
    assert.equal(hosts.list.map((h) => h.address), ["127.0.0.2", "127.0.0.3"]);
    console.log(`partition method: ${hosts.partitionMethod}`);
    const a = spawnNode(hosts, 0, {
      runtime: "deno",
      config: { gossipIntervalMs: 0, keepAliveMs: 500 },
    });
    const b = spawnNode(hosts, 1, {
      runtime: "deno",
      config: { gossipIntervalMs: 0, keepAliveMs: 500 },
    });
    nodes.push(a, b);
    await Promise.all([a.ready, b.ready]);
    assert.is(hostOf(a.address), "127.0.0.2");
    assert.is(hostOf(b.address), "127.0.0.3");
    assert.ok((await b.connect(a.address)).ok);
    assert.ok((await b.request(a.id, "x", 2000)).ok);
    await hosts.partition([0], [1]);
    const cut = await b.request(a.id, "across", 1500);
    console.log(
      `fallback partition: request -> ${JSON.stringify(cut.error)} after ${cut.ms?.toFixed(0)} ms`,
    );
    assert.not.ok(cut.ok);
    assert.ok(
      ["TIMEOUT", "SESSION_CLOSED", "UNKNOWN_PEER"].includes(cut.error?.code ?? ""),
      cut.error?.code,
    );
    await hosts.heal();
    const healedAt = Date.now();
    let ok = false;
    while (!ok && Date.now() - healedAt < 15_000) {
      ok = (await b.request(a.id, "healed", 1500)).ok;
    }
    console.log(`fallback heal: request ok after ${Date.now() - healedAt} ms`);
    assert.ok(ok, "request succeeds after heal");
  } finally {
    await closeAll(nodes);
    await hosts.close();
  }
});

test.run();
