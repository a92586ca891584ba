/**
 * Shared helpers for node tests: memory-network nodes, log capture, waiting
 * for events with a bound.
 */
import { createNode } from "../../lib/node/create.ts";
import type { GeomeshNode } from "../../lib/node/node.ts";
import type { QuicConfig } from "../../lib/node/config.ts";
import { createLogger, type Logger } from "../../lib/log.ts";
import type { MemoryNetwork } from "../../lib/transport/memory.ts";

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
