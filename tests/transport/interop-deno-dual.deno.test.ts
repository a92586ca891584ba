/**
 * Conformance: Deno dialling a Deno dual-stack server (child process) over
 * HTTP/3 through `mod.ts`, i.e. the UDP half of the dual listener.
 */
import { conformance } from "./conformance.ts";
import { remoteTarget } from "./fixtures/targets.ts";

conformance(remoteTarget({
  name: "deno -> deno dual (h3)",
  protocol: "h3",
  server: { runtime: "deno", transport: "dual" },
  wrongPinCodes: ["PIN_MISMATCH"],
})).run();
