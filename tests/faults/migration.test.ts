/**
 * Fault: the client's address changes mid-session, as when a NAT rebinds
 * (`lib/testing/impair.ts`: the relay in front of the server gives the flow a
 * new upstream source port). A steady stream of `send()`s goes on across it.
 * Promised: every `send()` that resolved was delivered, and the client is
 * connected again within a bound.
 *
 * - h3 (Deno): QUIC may migrate the connection; printed is whether the
 *   session survived (no `peer:disconnected`, same session) or was replaced.
 * - h2 (Deno and Bun): TCP cannot migrate. A NAT that loses a TCP mapping
 *   resets the connection; the relay's `rebind()` moves UDP flows only, so the
 *   loss of TCP state is played by closing the relay (it destroys every
 *   relayed connection) and opening it again on the same port. The client
 *   must reconnect to the same address.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { parseAddress, type Protocol } from "../../mod.ts";
import { createImpairedLink, type ImpairedLink } from "../../lib/testing/mod.ts";
import {
  closeAll,
  type FaultNode,
  realNode,
  removeTempDirs,
  RUNTIME,
  sleep,
  until,
} from "./helpers.ts";

const KEEP_ALIVE_MS = 500;
/** How long the client may take to be connected again (reconnect backoff starts at 250 ms). */
const RECONNECT_BOUND_MS = 10_000;
/** Sends resolved this long before a break may still be unread when the connection dies. */
const IN_FLIGHT_MS = 500;

interface Sender {
  acked: Set<number>;
  /** The resolved sends in order (`ackedAt[k]` is when `order[k]` resolved). */
  order: number[];
  failed: number;
  errors: string[];
  /** `performance.now()` of every resolved send. */
  ackedAt: number[];
  stop(): Promise<void>;
}

/**
 * Sends 0, 1, 2, ... one at a time; remembers which sends resolved and when.
 * `send()` resolves once the frame is written to the session, not once it
 * arrived (only requests and routed frames are acknowledged end to end): a
 * broken TCP connection loses what was written but not yet read. So the
 * promise checked is: only sends written just before the break
 * ({@linkcode IN_FLIGHT_MS}) may be lost; nothing earlier, nothing after.
 */
function sender(client: FaultNode, target: string): Sender {
  const s: Sender = {
    acked: new Set(),
    order: [],
    failed: 0,
    errors: [],
    ackedAt: [],
    stop: async () => {},
  };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      try {
        await client.send(target, i);
        s.acked.add(i);
        s.order.push(i);
        s.ackedAt.push(performance.now());
      } catch (err) {
        s.failed++;
        const e = err as { code?: string; message?: string };
        if (s.errors.length < 3) s.errors.push(`${e.code}: ${e.message}`.slice(0, 160));
        await sleep(20);
      }
      await sleep(2);
    }
  })();
  s.stop = async () => {
    running = false;
    await loop;
  };
  return s;
}

async function scenario(
  protocol: Protocol,
  disturb: (link: ImpairedLink, target: { host: string; port: number }) => Promise<ImpairedLink>,
): Promise<void> {
  const server = await realNode({ keepAliveMs: KEEP_ALIVE_MS });
  const client = await realNode({ keepAliveMs: KEEP_ALIVE_MS, reconnectMaxMs: 1000 });
  const target = { host: "127.0.0.1", port: parseAddress(server.address).port! };
  let link = await createImpairedLink({ target, protocols: [protocol === "h3" ? "udp" : "tcp"] });
  try {
    const delivered = new Set<number>();
    server.addEventListener("message", (e) => {
      delivered.add((e as CustomEvent<{ payload: number }>).detail.payload);
    });
    const events: string[] = [];
    const t = () =>
      disturbedAt === Infinity ? "before" : `${Math.round(performance.now() - disturbedAt)} ms`;
    let disturbedAt = Infinity;
    client.addEventListener("peer:disconnected", (e) => {
      events.push(`client lost ${(e as CustomEvent<{ reason: string }>).detail.reason} @${t()}`);
    });
    client.addEventListener("peer:connected", () => events.push(`client connected @${t()}`));
    server.addEventListener("peer:disconnected", (e) => {
      events.push(`server lost ${(e as CustomEvent<{ reason: string }>).detail.reason} @${t()}`);
    });
    const id = await client.connect(link.address(server.address));
    assert.is(client.peers()[0].protocol, protocol);
    const opened = client.metrics.sessionsOpened;
    const s = sender(client, id);
    await sleep(1000);
    disturbedAt = performance.now();
    link = await disturb(link, target);
    // Connected again: a send that resolves after the disturbance went over a live session.
    await until(
      () =>
        s.ackedAt.some((at) => at > disturbedAt + 50) && client.peers().some((p) => p.connected),
      RECONNECT_BOUND_MS,
      "the client sending again",
    );
    const backAfter = Math.round(s.ackedAt.find((at) => at > disturbedAt + 50)! - disturbedAt);
    await sleep(1500);
    await s.stop();
    // What was acknowledged may still be on its way: give it a moment.
    await until(() => [...s.acked].every((i) => delivered.has(i)), 3000, "delivery").catch(
      () => {},
    );
    const lost = [...s.acked].filter((i) => !delivered.has(i));
    // Sent well before the break, or after it: must have arrived.
    const mustHave = [...s.acked].filter((i) => {
      const at = s.ackedAt[s.order.indexOf(i)];
      return at < disturbedAt - IN_FLIGHT_MS || at > disturbedAt + 50;
    });
    const lostWrongly = mustHave.filter((i) => !delivered.has(i));
    const survived = client.metrics.sessionsOpened === opened &&
      !events.some((e) => e.includes("lost"));
    console.log(
      `[migration ${RUNTIME}/${protocol}] session ${survived ? "survived" : "was replaced"}; ` +
        `sent ok=${s.acked.size} failed=${s.failed} delivered=${delivered.size} ` +
        `resolved-but-lost=${lost.length} ${JSON.stringify(lost.slice(0, 10))} ` +
        `(outside the in-flight window: ${lostWrongly.length}); ` +
        `sending again ${backAfter} ms after the disturbance; sessionsOpened ${opened}->${client.metrics.sessionsOpened}; ` +
        `relay ${
          JSON.stringify({ udpFlows: link.stats().udpFlows, tcp: link.stats().tcpConnections })
        }; ` +
        `events ${JSON.stringify(events)} errors ${JSON.stringify(s.errors)}`,
    );
    assert.equal(
      lostWrongly,
      [],
      `${lostWrongly.length} sends outside the in-flight window never arrived`,
    );
    if (protocol === "h3") assert.equal(lost, [], "QUIC migrates: nothing may be lost");
    assert.ok(backAfter <= RECONNECT_BOUND_MS);
  } finally {
    await closeAll(client, server);
    await link.close();
  }
}

if (RUNTIME === "deno") {
  test("deno/h3: NAT rebinding mid-session: nothing acknowledged is lost, traffic resumes", async () => {
    await scenario("h3", async (link) => {
      await link.rebind();
      return link;
    });
  });
}

test(`${RUNTIME}/h2: the NAT loses the TCP mapping: nothing acknowledged is lost, the client reconnects`, async () => {
  await scenario("h2", async (link, target) => {
    await link.rebind(); // moves UDP flows only: TCP connections carry on untouched
    const port = link.port;
    await link.close(); // the mapping is gone: every relayed TCP connection is destroyed
    return await createImpairedLink({
      target,
      listen: { port },
      protocols: ["tcp"],
    });
  });
});

test.after(removeTempDirs);
test.run();
