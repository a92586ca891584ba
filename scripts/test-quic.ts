/**
 * The decision record's testing script: starts a server-mode and a
 * client-mode node, connects them, and shows ping, request/response and
 * message passing both ways. Exits 0 on success, 1 on any failure.
 * Runs under Deno (HTTP/3) and Bun (HTTP/2): `deno run -A scripts/test-quic.ts`
 * or `bun scripts/test-quic.ts`.
 *
 * @module
 */
import { createNode, type MessageDetail } from "../mod.ts";

const exit = (code: number): never => {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (g.Deno) g.Deno.exit(code);
  g.process.exit(code);
  throw new Error("unreachable");
};

const timeout = setTimeout(() => {
  console.error("FAIL: test-quic did not finish within 30 s");
  exit(1);
}, 30_000);

try {
  const server = await createNode({ mode: "server", port: 0, logLevel: "warn" });
  const client = await createNode({ mode: "client", logLevel: "warn" });
  console.log(`server ${server.id.slice(0, 12)}… listening: ${server.address}`);

  const got = {
    server: Promise.withResolvers<MessageDetail>(),
    client: Promise.withResolvers<MessageDetail>(),
  };
  server.addEventListener(
    "message",
    (e) => got.server.resolve((e as CustomEvent<MessageDetail>).detail),
  );
  client.addEventListener(
    "message",
    (e) => got.client.resolve((e as CustomEvent<MessageDetail>).detail),
  );
  server.handle((payload) => ({ pong: payload }));
  client.handle((payload) => ({ fromClient: payload }));

  const t0 = performance.now();
  const serverId = await client.connect(server.address);
  const protocol = client.peers()[0]?.protocol;
  console.log(`connected in ${(performance.now() - t0).toFixed(1)} ms over ${protocol}`);
  console.log(`ping client->server: ${(await client.ping(serverId)).toFixed(2)} ms`);
  console.log(`ping server->client: ${(await server.ping(client.id)).toFixed(2)} ms`);

  await client.send(serverId, { hello: "server" });
  const atServer = await got.server.promise;
  if (atServer.from !== client.id || (atServer.payload as { hello: string }).hello !== "server") {
    throw new Error("server got a wrong message");
  }
  console.log("message client->server: ok");
  await server.send(client.id, { hello: "client" });
  const atClient = await got.client.promise;
  if (atClient.from !== serverId) throw new Error("client got a wrong message");
  console.log("message server->client: ok");

  const r1 = await client.request(serverId, 42) as { pong: number };
  const r2 = await server.request(client.id, "x") as { fromClient: string };
  if (r1.pong !== 42 || r2.fromClient !== "x") throw new Error("wrong replies");
  console.log("request/response both ways: ok");

  await client.close();
  await server.close();
  clearTimeout(timeout);
  console.log("test-quic: OK");
  exit(0);
} catch (err) {
  console.error("FAIL:", err);
  exit(1);
}
