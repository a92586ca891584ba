/**
 * The WAN benchmark's impairment relay in a process of its own (run under
 * Bun: its `node:dgram` relays about 4x the datagrams per second Deno's does,
 * see lib/testing), so the relay neither shares an event loop with the
 * measured peers nor caps them. Speaks the process protocol of
 * `rpc-child.ts`.
 *
 *   bun bench/peers/relay-peer.ts
 *
 * Ops (`id` is the protocol's own field, so links are named `link`):
 * `link { host, port, profile, seed }` -> `{ link, port }`;
 * `address { link, address }` -> the geomesh address rewritten to dial the relay;
 * `stats { link }`; `close { link }`.
 *
 * @module
 */
import process from "node:process";
import { createImpairedLink, type ImpairedLink, type LinkProfile } from "../../lib/testing/mod.ts";
import { serveRpc } from "../lib/rpc-child.ts";

const links = new Map<number, ImpairedLink>();
let next = 1;
const get = (link: unknown) => {
  const l = links.get(Number(link));
  if (!l) throw new RangeError(`no link ${String(link)}`);
  return l;
};

serveRpc({ runtime: "Bun" in globalThis ? "bun" : "deno", pid: process.pid }, {
  async link({ host, port, profile, seed }) {
    const l = await createImpairedLink({
      target: { host: String(host ?? "127.0.0.1"), port: Number(port) },
      profile: (profile ?? {}) as LinkProfile,
      seed: Number(seed ?? 1),
    });
    const link = next++;
    links.set(link, l);
    return { link, port: l.port };
  },
  address: ({ link, address }) => get(link).address(String(address)),
  stats: ({ link }) => get(link).stats(),
  async close({ link }) {
    await get(link).close();
    links.delete(Number(link));
    return true;
  },
});
