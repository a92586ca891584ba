/**
 * The UDP relay over loopback: delay per direction, loss and burst loss,
 * bandwidth cap, duplication, reordering, cut/heal, blackhole profiles,
 * determinism across links with one seed, NAT-style rebinding, overhead and
 * throughput figures (printed).
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { createImpairedLink, type ImpairedLink, type LinkProfile } from "../../lib/testing/mod.ts";
import {
  datagram,
  type Endpoint,
  endpoint,
  inversions,
  lossBursts,
  percentile,
  sendAtRate,
  sendPaced,
  sleep,
  summary,
  waitFor,
} from "./helpers.ts";

const runtime = "Deno" in globalThis ? "deno" : "bun";

/** A target endpoint, a client endpoint and a UDP link between them; all closed after `body`. */
async function withLink(
  options: { profile?: LinkProfile; reverseProfile?: LinkProfile; seed?: number; echo?: boolean },
  body: (t: { link: ImpairedLink; target: Endpoint; client: Endpoint }) => Promise<void>,
): Promise<void> {
  const target = await endpoint(options.echo ?? false);
  const client = await endpoint();
  let link: ImpairedLink | undefined;
  try {
    link = await createImpairedLink({
      target: { host: "127.0.0.1", port: target.port },
      protocols: ["udp"],
      profile: options.profile,
      reverseProfile: options.reverseProfile,
      seed: options.seed ?? 1,
    });
    await body({ link, target, client });
  } finally {
    await link?.close();
    target.close();
    client.close();
  }
}

test("delay per direction: echo through the relay pays both one-way delays", async () => {
  await withLink(
    { profile: { delayMs: 30 }, reverseProfile: { delayMs: 15 }, echo: true },
    async ({ link, target, client }) => {
      await sendPaced(client.socket, link.port, 40, { batch: 1, gapMs: 5 });
      assert.ok(await waitFor(() => client.arrivals.length === 40), "every echo came back");
      const sentAt = new Map(client.arrivals.map((a) => [a.seq, a.sentAt]));
      const atTarget = new Map(target.arrivals.map((a) => [a.seq, a.at]));
      const fwd = [...atTarget].map(([seq, at]) => at - sentAt.get(seq)!);
      const rev = client.arrivals.map((a) => a.at - atTarget.get(a.seq)!);
      console.log(`${runtime} forward (30 ms): ${summary(fwd)}`);
      console.log(`${runtime} reverse (15 ms): ${summary(rev)}`);
      assert.ok(Math.min(...fwd) >= 29, `forward min ${Math.min(...fwd)}`);
      assert.ok(Math.min(...rev) >= 14, `reverse min ${Math.min(...rev)}`);
      assert.is(link.stats().forward.packets, 40);
      assert.is(link.stats().reverse.packets, 40);
    },
  );
});

test("a zero profile adds little: direct vs relayed echo RTT (printed)", async () => {
  await withLink({ echo: true }, async ({ link, target, client }) => {
    const rtts = async (port: number) => {
      const out: number[] = [];
      for (let i = 0; i < 300; i++) {
        const got = client.next();
        client.socket.send(datagram(i), { address: "127.0.0.1", port });
        const a = await got;
        assert.ok(a, "echoed");
        out.push(a.at - a.sentAt);
      }
      return out;
    };
    const direct = await rtts(target.port);
    const relayed = await rtts(link.port);
    console.log(`${runtime} direct echo RTT:  ${summary(direct)}`);
    console.log(`${runtime} relayed echo RTT: ${summary(relayed)}`);
    console.log(
      `${runtime} relay overhead (RTT, two relay passes): p50 +${
        (percentile(relayed, 50) - percentile(direct, 50)).toFixed(3)
      } ms, p99 +${(percentile(relayed, 99) - percentile(direct, 99)).toFixed(3)} ms`,
    );
    assert.is(link.stats().forward.packets, 300);
  });
});

test("random loss near the configured 2% over 2000 datagrams", async () => {
  await withLink(
    { profile: { loss: 0.02 }, reverseProfile: {} },
    async ({ link, target, client }) => {
      await sendPaced(client.socket, link.port, 2000, { batch: 20, gapMs: 4 });
      const s = () => link.stats().forward;
      await waitFor(() =>
        s().packets + s().droppedLoss === 2000 && target.arrivals.length >= s().packets
      );
      const seen = s().packets + s().droppedLoss;
      const rate = s().droppedLoss / seen;
      console.log(
        `${runtime} loss 2%: dropped ${s().droppedLoss}/${seen} = ${(rate * 100).toFixed(2)}%, ` +
          `target got ${target.arrivals.length}`,
      );
      assert.ok(rate >= 0.005 && rate <= 0.035, `loss rate ${rate}`);
      assert.ok(seen >= 1900, `relay saw ${seen} of 2000`);
      assert.ok(target.arrivals.length <= s().packets);
      assert.ok(target.arrivals.length >= s().packets * 0.98);
    },
  );
});

test("Gilbert-Elliott loss comes in bursts; random loss of the same rate does not", async () => {
  const run = async (profile: LinkProfile) => {
    let bursts: number[] = [];
    await withLink({ profile }, async ({ link, target, client }) => {
      await sendPaced(client.socket, link.port, 2000, { batch: 20, gapMs: 4 });
      const s = () => link.stats().forward;
      await waitFor(() =>
        s().packets + s().droppedLoss === 2000 && target.arrivals.length >= s().packets
      );
      bursts = lossBursts(target.arrivals.map((a) => a.seq), 2000);
    });
    return bursts;
  };
  const ge = await run({ burstLoss: { pGoodToBad: 0.01, pBadToGood: 0.3 } });
  const random = await run({ loss: 0.03 });
  const mean = (b: number[]) => b.reduce((s, x) => s + x, 0) / b.length;
  console.log(
    `${runtime} GE(0.01,0.3): ${ge.length} bursts, mean ${mean(ge).toFixed(2)} (model 3.33), ` +
      `max ${Math.max(...ge)}; random 3%: ${random.length} bursts, mean ${mean(random).toFixed(2)}`,
  );
  assert.ok(ge.length >= 5, "some bursts");
  assert.ok(mean(ge) > 1.5, `GE mean burst ${mean(ge)}`);
  assert.ok(mean(ge) > mean(random), "GE burstier than random");
});

test("bandwidth cap: delivered rate stays under the cap, the queue tail-drops", async () => {
  const cap = 100_000;
  await withLink(
    { profile: { bandwidthBps: cap, queueBytes: 10_000 } },
    async ({ link, target, client }) => {
      const start = performance.now();
      // 300 KB/s offered for 1 s: three times the cap.
      await sendPaced(client.socket, link.port, 300, { batch: 3, gapMs: 10, size: 1000 });
      await waitFor(() => link.stats().forward.packets === target.arrivals.length, 3000);
      await sleep(150); // the queue drains (10 KB at 100 KB/s)
      const bytes = target.arrivals.reduce((s, a) => s + a.size, 0);
      const last = target.arrivals[target.arrivals.length - 1].at;
      const rate = (bytes * 1000) / (last - start);
      const s = link.stats().forward;
      console.log(
        `${runtime} cap ${cap} B/s: delivered ${bytes} B in ${(last - start).toFixed(0)} ms = ` +
          `${rate.toFixed(0)} B/s; queue drops ${s.droppedQueue}`,
      );
      assert.ok(rate <= cap * 1.1, `rate ${rate} over the cap`);
      assert.ok(s.droppedQueue > 50, `queue drops ${s.droppedQueue}`);
      assert.is(s.packets + s.droppedQueue, 300);
    },
  );
});

test("duplication: extra copies arrive and are counted", async () => {
  await withLink({ profile: { duplicate: 0.3 } }, async ({ link, target, client }) => {
    await sendPaced(client.socket, link.port, 500, { batch: 10, gapMs: 3 });
    const s = () => link.stats().forward;
    await waitFor(() => target.arrivals.length >= 500 + s().duplicated);
    console.log(`${runtime} duplicate 30%: ${s().duplicated} copies over 500`);
    assert.ok(s().duplicated > 100 && s().duplicated < 200, `${s().duplicated}`);
    assert.is(s().packets, 500 + s().duplicated);
    assert.is(target.arrivals.length, s().packets);
    assert.is(new Set(target.arrivals.map((a) => a.seq)).size, 500);
  });
});

test("reordering: held-back datagrams are overtaken", async () => {
  await withLink(
    { profile: { reorder: 0.1, reorderDelayMs: 15 } },
    async ({ link, target, client }) => {
      await sendPaced(client.socket, link.port, 300, { batch: 3, gapMs: 2 });
      assert.ok(await waitFor(() => target.arrivals.length === 300), "all arrive");
      const inv = inversions(target.arrivals.map((a) => a.seq));
      console.log(
        `${runtime} reorder 10%: ${link.stats().forward.reordered} held, ${inv} inversions`,
      );
      assert.ok(link.stats().forward.reordered > 10);
      assert.ok(inv > 5, `inversions ${inv}`);
    },
  );
});

test("without reorder the relay keeps order, even in bursts and under delay", async () => {
  await withLink({ profile: { delayMs: 5, jitterMs: 4 } }, async ({ link, target, client }) => {
    await sendPaced(client.socket, link.port, 1000, { batch: 50, gapMs: 5 });
    assert.ok(await waitFor(() => target.arrivals.length === 1000), "all arrive");
    assert.is(inversions(target.arrivals.map((a) => a.seq)), 0);
  });
});

test("cut() drops both ways, heal() restores; a profile blackhole is one direction", async () => {
  await withLink({ echo: true }, async ({ link, target, client }) => {
    await sendPaced(client.socket, link.port, 20, { batch: 5 });
    assert.ok(await waitFor(() => client.arrivals.length === 20), "before the cut");
    link.cut();
    assert.ok(link.isCut);
    await sendPaced(client.socket, link.port, 20, { batch: 5, first: 100 });
    await sleep(100);
    assert.is(target.arrivals.length, 20, "nothing reached the target during the cut");
    assert.is(link.stats().forward.droppedBlackhole, 20);
    link.heal();
    await sendPaced(client.socket, link.port, 20, { batch: 5, first: 200 });
    assert.ok(await waitFor(() => client.arrivals.length === 40), "after heal");
    // Replies blackholed only: requests arrive, echoes do not.
    link.setProfile({ blackhole: true }, "reverse");
    await sendPaced(client.socket, link.port, 10, { batch: 5, first: 300 });
    assert.ok(await waitFor(() => target.arrivals.length === 50), "forward still open");
    await sleep(50);
    assert.is(client.arrivals.length, 40);
    assert.is(link.stats().reverse.droppedBlackhole, 10);
    // heal() does not lift a profile's own blackhole.
    link.heal();
    await sendPaced(client.socket, link.port, 5, { batch: 5, first: 400 });
    await sleep(50);
    assert.is(client.arrivals.length, 40);
    // A bad profile or direction changes nothing.
    assert.throws(() => link.setProfile({ loss: 5 }), (e: unknown) => e instanceof RangeError);
    assert.throws(
      () => link.setProfile({}, "sideways" as never),
      (e: unknown) => e instanceof TypeError,
    );
    link.setProfile({}, "reverse");
    await sendPaced(client.socket, link.port, 5, { batch: 5, first: 500 });
    assert.ok(await waitFor(() => client.arrivals.length === 45), "reverse reopened");
  });
});

test("a cut also drops datagrams already on the wire", async () => {
  await withLink({ profile: { delayMs: 100 } }, async ({ link, target, client }) => {
    await sendPaced(client.socket, link.port, 10, { batch: 10 });
    await sleep(20);
    link.cut();
    await sleep(150);
    assert.is(target.arrivals.length, 0);
    assert.is(link.stats().forward.droppedBlackhole, 10);
  });
});

test("same seed, same datagrams: the same ones arrive; another seed differs", async () => {
  const profile: LinkProfile = {
    loss: 0.1,
    burstLoss: { pGoodToBad: 0.02, pBadToGood: 0.3 },
    duplicate: 0.05,
  };
  const run = async (seed: number) => {
    let got: number[] = [];
    await withLink({ profile, seed }, async ({ link, target, client }) => {
      await sendPaced(client.socket, link.port, 400, { batch: 10, gapMs: 3 });
      const s = () => link.stats().forward;
      await waitFor(() => s().droppedLoss + s().packets - s().duplicated === 400);
      await waitFor(() => target.arrivals.length === s().packets, 1000);
      got = target.arrivals.map((a) => a.seq);
    });
    return got;
  };
  const a = await run(99), b = await run(99), c = await run(100);
  console.log(`${runtime} seed 99: ${a.length} of 400 (+dups) twice; seed 100: ${c.length}`);
  assert.ok(a.length > 250 && a.length < 400, `${a.length} delivered`);
  assert.equal(b, a);
  assert.not.equal(c, a);
});

test("rebind() moves each flow to a new source port; replies still reach the client", async () => {
  await withLink({ echo: true }, async ({ link, target, client }) => {
    await sendPaced(client.socket, link.port, 5, { batch: 5 });
    assert.ok(await waitFor(() => client.arrivals.length === 5));
    const before = new Set(target.arrivals.map((a) => a.from.port));
    assert.is(before.size, 1);
    await link.rebind();
    await sendPaced(client.socket, link.port, 5, { batch: 5, first: 10 });
    assert.ok(await waitFor(() => client.arrivals.length === 10), "echoes after rebind");
    const after = new Set(target.arrivals.slice(5).map((a) => a.from.port));
    console.log(`${runtime} rebind: target saw port ${[...before]} then ${[...after]}`);
    assert.is(after.size, 1);
    assert.not.ok(before.has([...after][0]), "a new source port");
    assert.is(link.stats().udpFlows, 1);
  });
});

test("each client source port is its own flow; idle flows expire", async () => {
  const target = await endpoint();
  const a = await endpoint(), b = await endpoint();
  const link = await createImpairedLink({
    target: { host: "127.0.0.1", port: target.port },
    protocols: ["udp"],
    udpIdleMs: 100,
  });
  try {
    a.socket.send(datagram(1), { address: "127.0.0.1", port: link.port });
    b.socket.send(datagram(2), { address: "127.0.0.1", port: link.port });
    assert.ok(await waitFor(() => target.arrivals.length === 2));
    assert.is(link.stats().udpFlows, 2);
    assert.is(new Set(target.arrivals.map((x) => x.from.port)).size, 2);
    assert.ok(await waitFor(() => link.stats().udpFlows === 0, 2000), "flows expired");
  } finally {
    await link.close();
    await link.close(); // idempotent
    target.close(), a.close(), b.close();
  }
});

test("throughput: datagrams per second one relay carries (printed)", async () => {
  for (const delayMs of [0, 20]) {
    await withLink({ profile: { delayMs } }, async ({ link, target, client }) => {
      for (const rate of [5_000, 10_000, 20_000]) {
        const first = target.arrivals.length;
        const { sent, elapsedMs } = await sendAtRate(client.socket, link.port, rate, 400);
        await sleep(delayMs + 100);
        const got = target.arrivals.length - first;
        console.log(
          `${runtime} delay ${delayMs} ms, offered ${(sent * 1000 / elapsedMs).toFixed(0)}/s ` +
            `(sender in the same process): delivered ${got}/${sent} (${
              (got * 100 / sent).toFixed(1)
            }%) = ${(got * 1000 / elapsedMs).toFixed(0)}/s`,
        );
        assert.ok(got > 0 && got <= sent);
      }
    });
  }
});

test.run();
