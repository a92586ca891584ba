/**
 * Workload sizes per mode. `full` is BENCH.md's definition; `quick` is a
 * smaller run for development; `smoke` only proves the code paths (tests).
 *
 * @module
 */

/** Sizes of one benchmark run. */
export interface Sizes {
  /** Alternating rounds for W1–W4 (medians are taken over them). */
  rounds: number;
  w1: { dials: number };
  w2: { requests: number; size: number };
  w3: { bytes: number; chunk: number; window: number };
  w4: { messages: number; size: number; oneWriteEach: boolean };
  w5: {
    nodes: number;
    extraEdges: number;
    messages: number;
    rate: number;
    size: number;
    rounds: number;
  };
  w6: { nodes: number; timeoutMs: number };
  w7: { peers: number; rounds: number };
  w8: {
    nodes: number;
    extraEdges: number;
    broadcasts: number;
    /** Mesh sizes for discovery rounds (full view, so not 10,000 in one process). */
    discoveryNodes: number[];
  };
  /** Include js-libp2p. */
  libp2p: boolean;
}

/** The modes. */
export const SIZES: Record<"full" | "quick" | "smoke", Sizes> = {
  full: {
    rounds: 5,
    w1: { dials: 50 },
    w2: { requests: 10_000, size: 64 },
    w3: { bytes: 256 << 20, chunk: 64 << 10, window: 8 },
    w4: { messages: 200_000, size: 100, oneWriteEach: true },
    w5: { nodes: 10, extraEdges: 2, messages: 1000, rate: 200, size: 256, rounds: 3 },
    w6: { nodes: 50, timeoutMs: 10_000 },
    w7: { peers: 100, rounds: 2 },
    w8: { nodes: 10_000, extraEdges: 2, broadcasts: 3, discoveryNodes: [32, 64, 128, 256] },
    libp2p: true,
  },
  quick: {
    rounds: 3,
    w1: { dials: 20 },
    w2: { requests: 2000, size: 64 },
    w3: { bytes: 32 << 20, chunk: 64 << 10, window: 8 },
    w4: { messages: 50_000, size: 100, oneWriteEach: false },
    w5: { nodes: 10, extraEdges: 2, messages: 200, rate: 200, size: 256, rounds: 2 },
    w6: { nodes: 20, timeoutMs: 4000 },
    w7: { peers: 30, rounds: 1 },
    w8: { nodes: 1000, extraEdges: 2, broadcasts: 2, discoveryNodes: [32, 64] },
    libp2p: true,
  },
  smoke: {
    rounds: 1,
    w1: { dials: 2 },
    w2: { requests: 20, size: 64 },
    w3: { bytes: 1 << 20, chunk: 64 << 10, window: 8 },
    w4: { messages: 1000, size: 100, oneWriteEach: false },
    w5: { nodes: 4, extraEdges: 1, messages: 10, rate: 200, size: 256, rounds: 1 },
    w6: { nodes: 4, timeoutMs: 500 },
    w7: { peers: 2, rounds: 1 },
    w8: { nodes: 30, extraEdges: 2, broadcasts: 1, discoveryNodes: [8] },
    libp2p: false,
  },
};
