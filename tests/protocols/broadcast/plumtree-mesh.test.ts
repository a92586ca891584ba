/**
 * Plumtree broadcast across whole meshes on the memory transport: every node
 * gets every broadcast exactly once, the tree settles to about one payload
 * copy per delivery, and it repairs itself (ihave/graft) when a tree node
 * vanishes or is cut off mid-run.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import type { GeomeshNode } from "../../../lib/node/node.ts";
import { createMemoryNetwork, type MemoryNetwork } from "../../../lib/transport/memory.ts";
import { seededRandom } from "../../../lib/transport/memory-scheduler.ts";
import { memoryNode, until } from "../../node/helpers.ts";

/** A connected random graph: a random tree plus `extra` more edges per node. */
function randomMesh(n: number, extra: number, seed: number): Array<[number, number]> {
  const rnd = seededRandom(seed);
  const have = new Set<string>();
  const edges: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    const key = `${Math.min(a, b)},${Math.max(a, b)}`;
    if (a === b || have.has(key)) return;
    have.add(key);
    edges.push([a, b]);
  };
  for (let i = 1; i < n; i++) add(i, Math.floor(rnd() * i));
  for (let i = 0; i < n; i++) for (let k = 0; k < extra; k++) add(i, Math.floor(rnd() * n));
  return edges;
}

/** Whether the graph stays connected without node `without`. */
function connectedWithout(n: number, edges: Array<[number, number]>, without: number): boolean {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) if (a !== without && b !== without) adj[a].push(b), adj[b].push(a);
  const start = without === 0 ? 1 : 0;
  const reached = new Set([start]);
  for (const queue = [start]; queue.length;) {
    for (const next of adj[queue.pop()!]) {
      if (!reached.has(next)) reached.add(next), queue.push(next);
    }
  }
  return reached.size === n - 1;
}

interface Mesh {
  net: MemoryNetwork;
  nodes: GeomeshNode[];
  edges: Array<[number, number]>;
  /** deliveries[node] = payload ids received, in order. */
  deliveries: number[][];
  close(): Promise<void>;
}

async function mesh(n: number, seed: number): Promise<Mesh> {
  const net = createMemoryNetwork({ seed });
  const nodes: GeomeshNode[] = [];
  // Discovery off: the sessions are exactly `edges` (tree-node choices depend on the graph).
  for (let i = 0; i < n; i++) nodes.push(await memoryNode(net, `n${i}`, { gossipIntervalMs: 0 }));
  const edges = randomMesh(n, 1, seed);
  for (let i = 0; i < edges.length; i += 10) {
    await Promise.all(
      edges.slice(i, i + 10).map(([a, b]) => nodes[a].connect(nodes[b].address)),
    );
  }
  const deliveries: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) =>
    node.addEventListener("broadcast", (e) => {
      deliveries[i].push((e as CustomEvent<{ payload: { id: number } }>).detail.payload.id);
    })
  );
  return { net, nodes, edges, deliveries, close: () => closeAll(nodes) };
}

async function closeAll(nodes: GeomeshNode[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.close()));
}

/** Broadcasts payload `id` from `from` and waits until each node in `expect` has it. */
async function send(m: Mesh, from: number, id: number, expect: number[]): Promise<void> {
  await m.nodes[from].broadcast({ id });
  await until(
    () => expect.every((i) => i === from || m.deliveries[i].includes(id)),
    10_000,
    `broadcast ${id} everywhere`,
  );
}

/**
 * After warm-up broadcasts from node 0, a node that passes them on (it has
 * tree children) and whose loss leaves the mesh connected.
 */
async function innerTreeNode(m: Mesh): Promise<number | undefined> {
  const all = m.nodes.map((_, i) => i);
  for (let id = 0; id < 3; id++) await send(m, 0, id, all);
  const before = m.nodes.map((node) => node.metrics.broadcastsSent);
  await send(m, 0, 3, all);
  return all.find((i) =>
    i !== 0 && m.nodes[i].metrics.broadcastsSent - before[i] >= 2 &&
    connectedWithout(m.nodes.length, m.edges, i)
  );
}

const totalSent = (nodes: GeomeshNode[]) =>
  nodes.reduce((sum, node) => sum + node.metrics.broadcastsSent, 0);

/** Every node in `who` received exactly `ids` (except its own), each once. */
function exactlyOnce(m: Mesh, who: number[], ids: Array<[from: number, id: number]>): void {
  for (const i of who) {
    const want = ids.filter(([from]) => from !== i).map(([, id]) => id).sort((a, b) => a - b);
    const got = m.deliveries[i].filter((id) => want.includes(id)).sort((a, b) => a - b);
    assert.equal(got, want, `node ${i}`);
    assert.is(new Set(m.deliveries[i]).size, m.deliveries[i].length, `node ${i}: no duplicates`);
  }
}

test("30 nodes, 50 broadcasts: all delivered exactly once, about one copy per delivery", async () => {
  const m = await mesh(30, 3);
  const all = m.nodes.map((_, i) => i);
  try {
    assert.ok(m.edges.length >= 45, `a mesh, not a tree (${m.edges.length} edges)`);
    // Warm-up: the first broadcasts flood and prune the redundant links.
    for (let id = 0; id < 5; id++) await send(m, 0, id, all);
    const before = totalSent(m.nodes);
    const sent: Array<[number, number]> = [];
    for (let id = 100; id < 150; id++) {
      const from = id % 3 === 0 ? 7 : 0; // two origins share the tree
      sent.push([from, id]);
      await send(m, from, id, all);
    }
    exactlyOnce(m, all, sent);
    const deliveries = sent.length * (m.nodes.length - 1);
    const copies = (totalSent(m.nodes) - before) / deliveries;
    assert.ok(copies <= 1.5, `${copies.toFixed(2)} payload copies per delivery`);
    const pruned = m.nodes.reduce((s, node) => s + node.metrics.broadcastsPruned, 0);
    assert.ok(pruned > 0, "redundant links were pruned");
  } finally {
    await m.close();
  }
});

test("a vanished tree node: the mesh repairs the tree and everyone else still gets everything", async () => {
  const m = await mesh(20, 11);
  const all = m.nodes.map((_, i) => i);
  try {
    const victim = await innerTreeNode(m);
    assert.ok(victim !== undefined, "an inner tree node");
    const rest = all.filter((i) => i !== victim);
    const sent: Array<[number, number]> = [];
    for (let id = 10; id < 30; id++) {
      if (id === 15) m.net.vanish(`n${victim}`);
      sent.push([0, id]);
      if (id < 15) await send(m, 0, id, all);
      else await send(m, 0, id, rest);
    }
    exactlyOnce(m, rest, sent);
    const grafted = m.nodes.reduce((s, node) => s + node.metrics.broadcastsGrafted, 0);
    assert.ok(grafted > 0, "the tree was repaired by grafts");
  } finally {
    await closeAll(m.nodes);
  }
});

test("a tree node cut off mid-run: the others graft around it, it catches up after", async () => {
  const m = await mesh(20, 5);
  const all = m.nodes.map((_, i) => i);
  try {
    const cut = await innerTreeNode(m);
    assert.ok(cut !== undefined, "an inner tree node");
    const rest = all.filter((i) => i !== cut);
    const sent: Array<[number, number]> = [];
    // Its sessions stay up, but nothing gets through either way (held, as by a stalled link).
    m.net.block(`n${cut}`, rest.map((i) => `n${i}`));
    for (let id = 10; id < 20; id++) {
      sent.push([0, id]);
      await send(m, 0, id, rest);
    }
    const grafted = m.nodes.reduce((s, node) => s + node.metrics.broadcastsGrafted, 0);
    assert.ok(grafted > 0, "the tree was repaired by grafts");
    m.net.heal();
    await until(() => sent.every(([, id]) => m.deliveries[cut!].includes(id)), 10_000, "catch up");
    for (let id = 20; id < 25; id++) {
      sent.push([0, id]);
      await send(m, 0, id, all);
    }
    exactlyOnce(m, all, sent);
  } finally {
    await closeAll(m.nodes);
  }
});

test.run();
