/**
 * An end-to-end CLI session on loopback, every node its own process: node A
 * (`geomesh start`) and node B (`geomesh listen --bootstrap A`, pasted with
 * its printed quotes) on two free ports, then from third processes `send`
 * straight to B and to B's id through A, `request`, `broadcast` through A,
 * `ping`, `peers`, `address` (equal to what A printed) and `id` (stable over
 * two runs). B's stdout must show each as one JSON line. A and B run under
 * different runtimes (this file's and the other one), so the Deno and the
 * Bun run of this file cover both pairings.
 */
import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import {
  type ChildRuntime,
  type CliProcess,
  printedAddress,
  runCli,
  selfRuntime,
  spawnCli,
  tempDir,
} from "./helpers.ts";

const other: ChildRuntime = selfRuntime === "deno" ? "bun" : "deno";

/** B's JSON lines of `type`, parsed. */
function received(b: CliProcess, type: string): Record<string, unknown>[] {
  return b.stdout.map((l) => JSON.parse(l)).filter((m) => m.type === type);
}

test(`start (${other}) + listen (${selfRuntime}): send, request, broadcast, ping, peers, address, id`, async () => {
  const dirs = await Promise.all(["a", "b", "c"].map((n) => tempDir(`geomesh-cli-${n}-`)));
  const [a, b, c] = dirs.map((d) => d.path);
  const procs: CliProcess[] = [];
  const t0 = performance.now();
  const ms = () => `${(performance.now() - t0).toFixed(0)} ms`;
  try {
    const nodeA = spawnCli(other, ["start", "--port", "0", "--cert-path", a, "--no-dashboard"]);
    procs.push(nodeA);
    const quotedA = (await nodeA.line("stdout", /^address: /)).replace(/^address: /, "");
    assert.match(quotedA, /^'geomesh:\/\/.*\?proto=.*&pin=.*'$/, "printed single-quoted");
    const addrA = printedAddress(quotedA);
    const idA = (await nodeA.line("stdout", /^geomesh node /)).split(" ")[2];
    const nodeB = spawnCli(selfRuntime, [
      "listen",
      "--port",
      "0",
      "--cert-path",
      b,
      "--no-dashboard",
      "--bootstrap",
      quotedA, // as pasted inside another quoting: the quotes are stripped
    ]);
    procs.push(nodeB);
    const addrB = printedAddress(await nodeB.line("stderr", /^address: /));
    const idB = (await nodeB.line("stderr", /^geomesh node /)).split(" ")[2];
    await nodeB.line("stderr", /peer connected/);
    assert.is(nodeB.stdout.length, 0, "the banner of listen goes to stderr");
    console.log(`A (${other}) and B (${selfRuntime}) up and connected at ${ms()}`);

    // send, straight to B's address and to B's id through A.
    const sent = await runCli(selfRuntime, ["send", addrB, '{"hello":"mesh","n":1}']);
    assert.is(sent.code, 0, sent.stderr);
    assert.is(sent.stdout, "");
    const viaA = await runCli(other, ["send", idB, '{"n":2}', "--bootstrap", addrA]);
    assert.is(viaA.code, 0, viaA.stderr);
    await nodeB.line("stdout", /"n":2/, 10_000);
    const messages = received(nodeB, "message");
    assert.equal(messages.map((m) => (m.payload as { n: number }).n), [1, 2]);
    assert.equal(messages[0].payload, { hello: "mesh", n: 1 });
    assert.is(messages[1].via, idA);
    console.log(`2 sends delivered at ${ms()}: ${nodeB.stdout[0]}`);

    // request: the reply on stdout, alone; B prints the request.
    const req = await runCli(other, ["request", addrB, '{"q":3}']);
    assert.is(req.code, 0, req.stderr);
    const reply = JSON.parse(req.stdout.trim());
    assert.equal(reply.echo, { q: 3 });
    assert.is(req.stdout.trim().split("\n").length, 1, "stdout carries only the reply");
    assert.is(received(nodeB, "request")[0].from, reply.from);
    const viaReq = await runCli(selfRuntime, ["request", idB, '"relayed"', "--via", addrA]);
    assert.is(viaReq.code, 0, viaReq.stderr);
    assert.is(JSON.parse(viaReq.stdout).echo, "relayed");

    // broadcast through A reaches B.
    const bc = await runCli(selfRuntime, ["broadcast", '{"b":4}', "--bootstrap", addrA]);
    assert.is(bc.code, 0, bc.stderr);
    await nodeB.line("stdout", /"type":"broadcast"/, 10_000);
    const [broadcast] = received(nodeB, "broadcast");
    assert.equal(broadcast.payload, { b: 4 });
    assert.is(typeof broadcast.from, "string");
    console.log(
      `request, relayed request and broadcast done at ${ms()}: ${JSON.stringify(broadcast)}`,
    );

    // ping prints RTTs.
    const ping = await runCli(other, ["ping", addrA, "--count", "2"]);
    assert.is(ping.code, 0, ping.stderr);
    const rtts = ping.stdout.trim().split("\n").filter((l) => /^ping \S+: \d+\.\d+ ms$/.test(l));
    assert.is(rtts.length, 2, ping.stdout);
    console.log(`ping A from ${other}: ${rtts.join("; ")}`);

    // peers through A lists A and (discovered) B.
    const peers = await runCli(selfRuntime, ["peers", "--bootstrap", addrA, "--wait-ms", "500"]);
    assert.is(peers.code, 0, peers.stderr);
    const listed = peers.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(listed.some((p) => p.id === idA && p.connected), peers.stdout);
    console.log(
      `peers via A: ${listed.map((p) => `${p.id.slice(0, 8)} ${p.connected}`).join(", ")}`,
    );

    // address: what A advertises, without A's port (it is taken); under A's
    // runtime, which decides the protocols (Bun: h2,ws; Deno: h3,h2,ws).
    const port = addrA.match(/:(\d+)\?/)![1];
    const address = await runCli(other, ["address", "--cert-path", a, "--port", port]);
    assert.is(address.code, 0, address.stderr);
    assert.is(address.stdout.trim(), quotedA);

    // id: the same twice; the first run creates the key.
    const id1 = await runCli(selfRuntime, ["id", "--cert-path", c]);
    const id2 = await runCli(other, ["id", "--cert-path", c]);
    assert.is(id1.code, 0, id1.stderr);
    assert.match(id1.stdout.trim(), /^[a-z2-7]{52}$/);
    assert.is(id2.stdout, id1.stdout);
    assert.match(id1.stderr, /created/);
    assert.match(id2.stderr, /existing/);
    assert.is((await runCli(selfRuntime, ["id", "--cert-path", b])).stdout.trim(), idB);
    console.log(`address and id checked at ${ms()}`);

    // A clean stop on SIGTERM: the node closes (logged) before the process exits.
    for (const [name, p] of [["B", nodeB], ["A", nodeA]] as const) {
      const t = performance.now();
      assert.not.ok((await p.stop()).forced, `${name} needed SIGKILL`);
      const closed = p.stderr;
      assert.ok(closed.some((l) => /node closed/.test(l)), `${name}: ${closed.slice(-3)}`);
      console.log(`${name} closed on SIGTERM in ${(performance.now() - t).toFixed(0)} ms`);
    }
    console.log(`session done in ${ms()}`);
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await Promise.all(dirs.map((d) => d.remove()));
  }
});

test.run();
