/**
 * The flooding peer of `flood.test.ts`, in its own process (its CPU is not
 * the victim's): authenticated rogue peers (`tests/adversarial/harness.ts`)
 * driven at full speed.
 *
 * Commands on stdin, one per line: `flood KIND ADDRESS MS [WANT]`. It prints
 * `READY` once connected, floods for MS, then prints `DONE <json>` with what
 * it sent and what happened to its sessions. Kinds:
 * - `messages`: valid direct messages (256 B payloads), as fast as the
 *   victim takes them (a window of sends in flight);
 * - `garbage`: undecodable frames on the control stream; redials after a cut;
 * - `unexpected`: well-formed frames the victim never accepts after the
 *   handshake (`welcome`, `auth`), on the stream;
 * - `datagrams`: frames refused as datagrams (`request`), as fast as possible;
 * - `broadcasts`: validly signed broadcasts of the rogue's own identity;
 * - `lookups`: discovery lookups (`discover { want: WANT }`) for a node the victim knows;
 * - `dials`: new authenticated sessions, fresh identities, 8 at a time, kept open.
 *
 * @module
 */
import process from "node:process";
import { createInterface } from "node:readline";
import type { WireMessage } from "../../lib/codec/messages.ts";
import { broadcastSignedPart } from "../../lib/protocols/broadcast/broadcast.ts";
import { realRogue, type RoguePeer } from "../adversarial/harness.ts";

interface Result {
  kind: string;
  sent: number;
  sendErrors: number;
  sessions: number;
  /** ms from the start of the flood at which each session was cut. */
  cutAt: number[];
  dialFailures: number;
  received: number;
  errors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function note(result: Result, err: unknown): void {
  const e = err as { code?: string; message?: string };
  if (result.errors.length < 5) result.errors.push(`${e.code ?? "?"}: ${e.message}`.slice(0, 160));
}

/** Sends `make(i)` with up to `window` sends in flight until `end` or the session dies. */
async function pump(
  r: RoguePeer,
  result: Result,
  end: number,
  make: (i: number) => Promise<WireMessage> | WireMessage,
  window = 256,
  via: "stream" | "datagram" = "stream",
): Promise<void> {
  let alive = true;
  const worker = async () => {
    while (alive && performance.now() < end) {
      const msg = await make(result.sent++);
      // Datagram writes settle at once: without a macrotask now and then this loop would
      // starve the flooder's own I/O, and the flood would leave only when it ends.
      if (via === "datagram" && result.sent % 64 === 0) await sleep(0);
      try {
        await (via === "stream" ? r.send(msg) : r.datagram(msg));
      } catch (err) {
        result.sendErrors++;
        note(result, err);
        if ((err as { code?: string }).code !== "OVERLOADED") alive = false;
        else await sleep(1);
      }
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
}

async function connect(address: string, result: Result, started: number): Promise<RoguePeer> {
  const r = await realRogue(address);
  result.sessions++;
  r.link.session.closed.then(() => result.cutAt.push(Math.round(performance.now() - started)));
  return r;
}

async function flood(kind: string, address: string, ms: number, want = ""): Promise<Result> {
  const result: Result = {
    kind,
    sent: 0,
    sendErrors: 0,
    sessions: 0,
    cutAt: [],
    dialFailures: 0,
    received: 0,
    errors: [],
  };
  const rogues: RoguePeer[] = [];
  let started = performance.now();
  try {
    if (kind !== "dials") rogues.push(await connect(address, result, started));
    console.log("READY");
    started = performance.now();
    const end = started + ms;
    const r = rogues[0];
    const bytes = new Uint8Array(256);
    if (kind === "messages") {
      await pump(r, result, end, () => ({ type: "message", payload: bytes }));
    } else if (kind === "unexpected") {
      await pump(
        r,
        result,
        end,
        (i) =>
          i % 2
            ? { type: "welcome", nodeId: r.identity.id }
            : { type: "auth", signature: bytes.subarray(0, 64) },
      );
    } else if (kind === "datagrams") {
      await pump(r, result, end, (i) => ({ type: "request", id: i, payload: 1 }), 16, "datagram");
    } else if (kind === "lookups") {
      // Answers come as datagrams, which the harness does not read: count them here.
      const reader = r.link.session.datagrams.readable.getReader();
      (async () => {
        while (!(await reader.read()).done) result.received++;
      })().catch(() => {});
      await pump(
        r,
        result,
        end,
        () => ({ type: "discover", limit: 1, want }),
        16,
        "datagram",
      );
    } else if (kind === "broadcasts") {
      await pump(r, result, end, async (i) => {
        const part = { origin: r.identity.id, seq: i + 1, ts: Date.now(), payload: bytes };
        return {
          type: "broadcast",
          ...part,
          ttl: 8,
          sig: await r.identity.sign(
            "broadcast",
            broadcastSignedPart(part),
          ),
        };
      }, 64);
    } else if (kind === "garbage") {
      // Undecodable bytes in a well-formed frame; after each cut, dial again.
      let current: RoguePeer | undefined = r;
      while (performance.now() < end) {
        if (!current || current.link.channel.isClosed) {
          try {
            rogues.push(current = await connect(address, result, started));
          } catch (err) {
            result.dialFailures++;
            note(result, err);
            await sleep(5);
            continue;
          }
        }
        const junk = crypto.getRandomValues(new Uint8Array(64));
        junk[0] = 0xff; // a CBOR "break" where a value must start: never decodes
        try {
          await current.link.channel.sendEncoded(junk);
          result.sent++;
        } catch (err) {
          result.sendErrors++;
          note(result, err);
          current = undefined;
        }
      }
    } else if (kind === "dials") {
      const worker = async () => {
        while (performance.now() < end) {
          result.sent++;
          try {
            rogues.push(await connect(address, result, started));
          } catch (err) {
            result.dialFailures++;
            note(result, err);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    } else throw new TypeError(`unknown kind ${kind}`);
    // A send can fail with "connection lost" a few ticks before `session.closed` settles (seen
    // under BBR, whose larger window lets the datagram loop run further ahead): give the cut the
    // rest of the flood period, plus a little, to be recorded before the report goes out.
    const settle = Math.max(0, end + 200 - performance.now());
    await Promise.race([
      Promise.allSettled(rogues.map((x) => x.link.session.closed)),
      sleep(settle),
    ]);
    result.received += rogues.reduce((n, x) => n + x.received.length, 0);
  } catch (err) {
    note(result, err);
  } finally {
    for (const r of rogues) {
      try {
        r.close();
      } catch { /* already closed */ }
    }
  }
  return result;
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
  const [cmd, kind, address, ms, want] = line.trim().split(/\s+/);
  if (cmd !== "flood") return;
  queue = queue.then(async () => {
    const result = await flood(kind, address, Number(ms), want);
    console.log(`DONE ${JSON.stringify(result)}`);
  });
});
console.log("STARTED");
