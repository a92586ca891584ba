/** Whether POSIX permission bits mean anything here. */
export declare const POSIX_MODES: boolean;
/**
 * Creates `dir` (and parents) with mode 0700 if it does not exist. An existing
 * directory is left as it is (it may be shared on purpose).
 *
 * @example
 * ```ts
 * import { ensurePrivateDir } from "./secure-file.js";
 * const dir = await Deno.makeTempDir();
 * await ensurePrivateDir(`${dir}/certs`);
 * ```
 */
export declare function ensurePrivateDir(dir: string): Promise<void>;
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
 * import { writePrivateFile } from "./secure-file.js";
 * const dir = await Deno.makeTempDir();
 * await writePrivateFile(`${dir}/secret`, "s3cret\n");
 * console.assert(((await Deno.stat(`${dir}/secret`)).mode! & 0o777) === 0o600);
 * ```
 */
export declare function writePrivateFile(path: string, data: string | Uint8Array, options?: WritePrivateFileOptions): Promise<void>;
/**
 * Tightens `path` to `mode` (default 0600) if group or others have any access.
 * Returns the old mode when it changed something, `null` otherwise.
 *
 * @example
 * ```ts
 * import { restrictMode } from "./secure-file.js";
 * const path = await Deno.makeTempFile();
 * await Deno.chmod(path, 0o644);
 * console.assert((await restrictMode(path)) === 0o644);
 * ```
 */
export declare function restrictMode(path: string, mode?: number): Promise<number | null>;
