/**
 * Conformance: Bun dialling a Deno dual-stack server (child process) over
 * WebTransport over HTTP/2, through `mod.ts`.
 */
import { conformance } from "./conformance.ts";
import { remoteTarget } from "./fixtures/targets.ts";

conformance(remoteTarget({
  name: "bun -> deno dual (h2)",
  protocol: "h2",
  server: { runtime: "deno", transport: "dual" },
  wrongPinCodes: ["PIN_MISMATCH", "CONNECT_FAILED"],
})).run();
