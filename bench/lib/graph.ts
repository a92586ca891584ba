/**
 * Seeded random meshes for the multi-node workloads (W5, W8), so geomesh and
 * js-libp2p are joined along the same edges.
 *
 * @module
 */

/**
 * A small seeded PRNG (mulberry32).
 *
 * @example
 * ```ts
 * import { prng } from "./graph.ts";
 * console.assert(prng(1)() === prng(1)());
 * ```
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A connected random graph on `n` nodes: node i > 0 dials a random earlier
 * node (a random tree), then every node dials `extra` more random peers.
 * Edges are `[dialer, listener]`, without duplicates or self-loops.
 *
 * @example
 * ```ts
 * import { randomMesh } from "./graph.ts";
 * const edges = randomMesh(10, 2, 1);
 * console.assert(edges.length >= 9);
 * ```
 */
export function randomMesh(n: number, extra: number, seed: number): Array<[number, number]> {
  const rnd = prng(seed);
  const seen = new Set<string>();
  const edges: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    if (a === b) return false;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push([a, b]);
    return true;
  };
  for (let i = 1; i < n; i++) add(i, Math.floor(rnd() * i));
  for (let i = 0; i < n && n > 2; i++) {
    for (let k = 0, tries = 0; k < extra && tries < 20; tries++) {
      if (add(i, Math.floor(rnd() * n))) k++;
    }
  }
  return edges;
}

/**
 * Largest hop distance from `source` (breadth-first), or -1 if some node is unreachable.
 *
 * @example
 * ```ts
 * import { eccentricity } from "./graph.ts";
 * console.assert(eccentricity(3, [[0, 1], [1, 2]], 0) === 2);
 * ```
 */
export function eccentricity(n: number, edges: ReadonlyArray<[number, number]>, source: number) {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a].push(b);
    adj[b].push(a);
  }
  const dist = new Int32Array(n).fill(-1);
  dist[source] = 0;
  const queue = [source];
  let max = 0;
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of adj[v]) {
      if (dist[w] < 0) {
        dist[w] = dist[v] + 1;
        max = Math.max(max, dist[w]);
        queue.push(w);
      }
    }
  }
  return queue.length === n ? max : -1;
}
