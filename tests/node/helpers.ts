/**
 * Shared helpers for node tests: memory-network nodes, log capture, waiting
 * for events with a bound.
 */
import { createNode } from "../../lib/runtime/create.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import { createLogger, type Logger } from "../../lib/log.ts";
import { createMemoryNetwork, type MemoryNetwork } from "../../lib/transport/memory.ts";
import type { TransportSession } from "../../lib/transport/types.ts";
import { generateIdentity, type NodeIdentity } from "../../lib/identity/identity.ts";
import { MessageChannel } from "../../lib/session/channel.ts";
import { dialerHandshake } from "../../lib/session/handshake.ts";
import { Inbox } from "../../lib/session/inbox.ts";

/** A logger that keeps its lines (JSON objects) for assertions. */
export function captureLogger(): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ json: true, level: "debug", sink: (l) => lines.push(JSON.parse(l)) });
  return Object.assign(log, { lines });
}

/** A node on the memory network under endpoint `name`. */
export function memoryNode(
  net: MemoryNetwork,
  name: string,
  config: QuicConfig = {},
): Promise<GeomeshNode> {
  return createNode({
    mode: "hybrid",
    keepAliveMs: 0,
    logger: captureLogger(),
    transport: net.transport(name),
    ...config,
  });
}

/** Resolves with the first event `type` matching `filter`, or rejects after `ms`. */
export function nextEvent<T = unknown>(
  target: EventTarget,
  type: string,
  filter: (detail: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, on);
      reject(new Error(`no ${type} event within ${ms} ms`));
    }, ms);
    const on = (e: Event) => {
      const detail = (e as CustomEvent<T>).detail;
      if (!filter(detail)) return;
      clearTimeout(timer);
      target.removeEventListener(type, on);
      resolve(detail);
    };
    target.addEventListener(type, on);
  });
}

/** Polls `check` until true or `ms` elapse. */
export async function until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Expects `promise` to reject with an error whose `code` is `code`. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if ((err as { code?: string }).code !== code) {
      throw new Error(`expected ${code}, got ${(err as Error).name}: ${(err as Error).message}`);
    }
    return err as Error;
  }
  throw new Error(`expected rejection with ${code}, but it resolved`);
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Settles with `promise`'s value or error, or with the string "hung" after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | Error | "hung"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then((v) => v, (e: Error) => e),
    new Promise<"hung">((r) => (timer = setTimeout(() => r("hung"), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** A hand-driven peer: authenticated like a node, then speaking raw frames. */
export interface Rogue {
  identity: NodeIdentity;
  session: TransportSession;
  channel: MessageChannel;
  /** Messages received after the handshake. */
  inbox: Inbox;
  /** Stops (true) or resumes (false) reading the control stream: the peer stops draining it. */
  pause(paused: boolean): void;
  close(): void;
}

/** Dials `target` on `net` as endpoint `name` and runs the dialer's handshake by hand. */
export async function rogue(net: MemoryNetwork, name: string, target: string): Promise<Rogue> {
  const identity = await generateIdentity();
  const session = await net.transport(name).dial(`memory://${target}/geomesh`);
  const stream = await session.createBidirectionalStream();
  let resume: (() => void) | undefined;
  let paused = false;
  // A gate with no buffering of its own: while paused, the memory stream's window fills up.
  const readable = stream.readable.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>(
      {
        async transform(chunk, controller) {
          while (paused) await new Promise<void>((r) => (resume = r));
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 1 },
      { highWaterMark: 0 },
    ),
  );
  const channel = new MessageChannel({ readable, writable: stream.writable }, {
    maxMessageSize: 1 << 20,
  });
  const inbox = new Inbox();
  channel.start((m) => inbox.push(m));
  await dialerHandshake({ send: (m) => channel.send(m), next: () => inbox.next() }, {
    identity,
    mode: "client",
    timeoutMs: 2000,
    dialPins: [],
    peerCertificateHash: session.peerCertificateHash,
  });
  return {
    identity,
    session,
    channel,
    inbox,
    pause(p) {
      paused = p;
      if (!p) resume?.();
    },
    close() {
      paused = false;
      resume?.();
      channel.close();
      session.close();
    },
  };
}

/** A server node `s` with client nodes `a` and `b` connected to it (a relay between them). */
export async function star(options: { logB?: Logger } = {}) {
  const net = createMemoryNetwork();
  const server = await memoryNode(net, "s", { mode: "server" });
  const a = await memoryNode(net, "a", { mode: "client" });
  const b = await memoryNode(net, "b", {
    mode: "client",
    ...(options.logB ? { logger: options.logB } : {}),
  });
  await a.connect(server.address);
  await b.connect(server.address);
  await until(() => server.peers().length === 2, 2000, "server sees both clients");
  return { net, server, a, b, close: () => Promise.all([a.close(), b.close(), server.close()]) };
}
