/**
 * Conformance: Bun dialling a Bun server (child process) over WebTransport
 * over HTTP/2, through `mod.ts`.
 */
import { conformance } from "./conformance.ts";
import { remoteTarget } from "./fixtures/targets.ts";

conformance(remoteTarget({
  name: "bun -> bun (h2)",
  protocol: "h2",
  server: { runtime: "bun", transport: "fails" },
  wrongPinCodes: ["PIN_MISMATCH", "CONNECT_FAILED"],
})).run();
