/**
 * Copies a folder recursively, passing `.ts` files through a transform (the
 * declaration build's source rewrite); other files are copied as they are.
 *
 * @module
 */

/**
 * Copies `from` to `to` (created), transforming the text of every `.ts` file.
 *
 * @example
 * ```ts ignore
 * // ignore: writes files
 * await copy("./lib", "/tmp/lib", (text) => text);
 * ```
 */
export async function copy(
  from: string,
  to: string,
  transform: (text: string) => string,
): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const source = `${from}/${entry.name}`;
    const target = `${to}/${entry.name}`;
    if (entry.isDirectory) await copy(source, target, transform);
    else if (entry.name.endsWith(".ts")) {
      await Deno.writeTextFile(target, transform(await Deno.readTextFile(source)));
    } else if (entry.isFile) await Deno.copyFile(source, target);
  }
}

/** Every file path under `dir`, relative to it, sorted. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory) found.push(...await listFiles(dir, `${path}/`));
    else found.push(path);
  }
  return found.sort();
}

/**
 * The differences between two folders: files only in one, files whose bytes differ.
 *
 * @example
 * ```ts ignore
 * // ignore: reads folders
 * console.log(await diffTrees("./dist", "/tmp/fresh-dist")); // [] when equal
 * ```
 */
export async function diffTrees(a: string, b: string): Promise<string[]> {
  const left = await listFiles(a).catch((): string[] => []);
  const right = await listFiles(b);
  const differences = [
    ...left.filter((f) => !right.includes(f)).map((f) => `only in ${a}: ${f}`),
    ...right.filter((f) => !left.includes(f)).map((f) => `missing from ${a}: ${f}`),
  ];
  for (const file of left.filter((f) => right.includes(f))) {
    const [x, y] = await Promise.all([
      Deno.readFile(`${a}/${file}`),
      Deno.readFile(`${b}/${file}`),
    ]);
    if (x.length !== y.length || x.some((byte, i) => byte !== y[i])) {
      differences.push(`differs: ${file}`);
    }
  }
  return differences;
}
