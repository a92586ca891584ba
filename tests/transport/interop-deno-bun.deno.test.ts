/**
 * Conformance: Deno dialling a Bun server (child process) over WebTransport
 * over HTTP/2, through `mod.ts` (the dual transport's TCP half).
 */
import { conformance } from "./conformance.ts";
import { remoteTarget } from "./fixtures/targets.ts";

conformance(remoteTarget({
  name: "deno -> bun (h2)",
  protocol: "h2",
  server: { runtime: "bun", transport: "fails" },
  wrongPinCodes: ["PIN_MISMATCH", "CONNECT_FAILED"],
})).run();
