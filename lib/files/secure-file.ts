/**
 * Owner-only files for key material: directories 0700, files 0600, written to
 * a temporary name and moved into place so a crash never leaves a half-written
 * key behind. Node-only (node:fs/promises works in Deno and Bun alike); keep
 * browser-safe code out of this file's importers.
 *
 * @module
 */
import { chmod, link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { platform } from "node:os";

/** Whether POSIX permission bits mean anything here. */
export const POSIX_MODES = platform() !== "win32";

/**
 * Creates `dir` (and parents) with mode 0700 if it does not exist. An existing
 * directory is left as it is (it may be shared on purpose).
 *
 * @example
 * ```ts
 * import { ensurePrivateDir } from "./secure-file.ts";
 * const dir = await Deno.makeTempDir();
 * await ensurePrivateDir(`${dir}/certs`);
 * ```
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** Options for {@linkcode writePrivateFile}. */
export interface WritePrivateFileOptions {
  /** Fail with code `EEXIST` instead of replacing an existing file. Default false. */
  exclusive?: boolean;
  /** File mode. Default 0o600. */
  mode?: number;
}

/**
 * Writes `data` to `path` atomically with owner-only permissions. With
 * `exclusive`, an existing file is never replaced (the error has code `EEXIST`),
 * which makes concurrent first starts safe.
 *
 * @example
 * ```ts
 * import { writePrivateFile } from "./secure-file.ts";
 * const dir = await Deno.makeTempDir();
 * await writePrivateFile(`${dir}/secret`, "s3cret\n");
 * console.assert(((await Deno.stat(`${dir}/secret`)).mode! & 0o777) === 0o600);
 * ```
 */
export async function writePrivateFile(
  path: string,
  data: string | Uint8Array,
  options: WritePrivateFileOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  let moved = false;
  try {
    const handle = await open(tmp, "wx", mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask can only remove bits, but some file systems ignore `mode`.
    if (POSIX_MODES) await chmod(tmp, mode);
    if (options.exclusive) {
      await link(tmp, path); // fails with EEXIST if someone else got there first
    } else {
      await rename(tmp, path);
      moved = true;
    }
  } finally {
    if (!moved) await unlink(tmp).catch(() => {});
  }
}

/**
 * Tightens `path` to `mode` (default 0600) if group or others have any access.
 * Returns the old mode when it changed something, `null` otherwise.
 *
 * @example
 * ```ts
 * import { restrictMode } from "./secure-file.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.chmod(path, 0o644);
 * console.assert((await restrictMode(path)) === 0o644);
 * ```
 */
export async function restrictMode(path: string, mode = 0o600): Promise<number | null> {
  if (!POSIX_MODES) return null;
  const old = (await stat(path)).mode & 0o777;
  if ((old & 0o077) === 0) return null;
  await chmod(path, mode);
  return old;
}
