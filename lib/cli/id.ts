/**
 * `geomesh id`: prints the node id of the identity under `--cert-path`
 * (stdout: the id alone), creating the key if absent; stderr says whether it
 * was created or loaded, and from which file.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { IDENTITY_FILE, loadOrCreateIdentity } from "../identity/store.ts";
import type { Command } from "./args.ts";

/**
 * The `id` command.
 *
 * @example
 * ```ts
 * import { idCommand } from "./id.ts";
 * console.assert(idCommand.spec.flags[0].name === "cert-path");
 * ```
 */
export const idCommand: Command = {
  spec: {
    name: "id",
    summary: "print this identity's node id (creating the identity key if absent)",
    details: "stdout: the id; stderr: whether the key was created or already there.",
    positionals: [],
    flags: [{
      name: "cert-path",
      kind: "string",
      value: "DIR",
      default: "./certs",
      description: "directory of the identity key (identity.key)",
    }],
  },
  async run({ flags }, io) {
    const certPath = flags["cert-path"] as string;
    const file = join(certPath, IDENTITY_FILE);
    const existed = await stat(file).then(() => true, () => false);
    const identity = await loadOrCreateIdentity({ certPath });
    io.err(`identity: ${existed ? "existing" : "created"} ${file}`);
    io.out(identity.id);
    return 0;
  },
};
