/**
 * The layer check (run by `npm test`): reads the module graph of every file
 * under `lib/` with `deno info --json` (static, dynamic and type-only imports)
 * and fails when a folder imports a folder of a higher layer, or when folders
 * import each other in a cycle. `docs/ARCHITECTURE.md` explains the layers.
 *
 * Usage: `deno run -A scripts/check-layers.ts [--graph]` (`--graph` prints the
 * folder-to-folder import counts).
 *
 * @module
 */

/**
 * Layer of each folder under `lib/` (`.` is `lib/` itself: errors, log,
 * metrics). A folder may import its own layer's folders (without cycles) and
 * lower layers, never higher ones. A folder not listed fails the check, so a
 * new folder has to be placed on purpose.
 */
export const LAYERS: Record<string, number> = {
  ".": 0,
  deps: 0,
  files: 0,
  codec: 1,
  identity: 2,
  cert: 3,
  transport: 4,
  address: 4,
  session: 5,
  protocols: 6,
  "protocols/broadcast": 6,
  "protocols/discovery": 6,
  "protocols/requests": 6,
  "protocols/routing": 6,
  node: 7,
  runtime: 8,
  dashboard: 8,
  browser: 8,
  testing: 8,
  cli: 8,
};

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const lib = `${root}/lib/`;

function libFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...libFiles(path));
    else if (e.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Folder of a lib file relative to `lib/` (`.` for lib itself), or undefined outside lib. */
function folderOf(path: string): string | undefined {
  if (!path.startsWith(lib)) return undefined;
  const rel = path.slice(lib.length);
  const slash = rel.lastIndexOf("/");
  return slash < 0 ? "." : rel.slice(0, slash);
}

interface Dependency {
  code?: { specifier: string };
  type?: { specifier: string };
}

/** Folder -> folder -> list of "file -> file" imports. */
async function folderGraph(): Promise<Map<string, Map<string, string[]>>> {
  const entry = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      entry,
      libFiles(`${root}/lib`).map((f) => `import "file://${f}";`).join("\n"),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: Array<{ specifier: string; local?: string; dependencies?: Dependency[] }>;
    };
    const graph = new Map<string, Map<string, string[]>>();
    for (const m of info.modules) {
      const from = m.local && folderOf(m.local);
      if (from === undefined || !m.local) continue;
      for (const dep of m.dependencies ?? []) {
        for (const target of [dep.code?.specifier, dep.type?.specifier]) {
          if (!target?.startsWith("file://")) continue;
          const path = decodeURIComponent(new URL(target).pathname);
          const to = folderOf(path);
          if (to === undefined || to === from) continue;
          const edges = graph.get(from) ?? new Map<string, string[]>();
          graph.set(from, edges);
          const list = edges.get(to) ?? [];
          const edge = `${m.local.slice(lib.length)} -> ${path.slice(lib.length)}`;
          if (!list.includes(edge)) list.push(edge);
          edges.set(to, list);
        }
      }
    }
    return graph;
  } finally {
    await Deno.remove(entry);
  }
}

/** Cycles between folders (strongly connected components larger than one folder). */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], on = new Set<string>(), out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

if (import.meta.main) {
  const graph = await folderGraph();
  const problems: string[] = [];
  const folders = new Set([...graph.keys(), ...[...graph.values()].flatMap((e) => [...e.keys()])]);
  for (const f of libFiles(`${root}/lib`)) folders.add(folderOf(f)!);
  for (const folder of folders) {
    if (!(folder in LAYERS)) {
      problems.push(`lib/${folder}/ has no layer in scripts/check-layers.ts`);
    }
  }
  for (const [from, edges] of graph) {
    for (const [to, list] of edges) {
      if (LAYERS[to] > LAYERS[from]) {
        problems.push(
          `lib/${from} (layer ${LAYERS[from]}) imports lib/${to} (layer ${LAYERS[to]}):\n    ` +
            list.join("\n    "),
        );
      }
    }
  }
  for (const cycle of cycles(graph)) {
    const detail = cycle.flatMap((a) =>
      cycle.flatMap((b) => graph.get(a)?.get(b)?.map((e) => `    ${e}`) ?? [])
    );
    problems.push(`folder cycle: ${cycle.join(" <-> ")}\n${detail.join("\n")}`);
  }
  if (Deno.args.includes("--graph")) {
    for (const [from, edges] of [...graph].sort()) {
      for (const [to, list] of [...edges].sort()) console.log(`${from} -> ${to}: ${list.length}`);
    }
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    console.error(`${problems.length} layer problem(s)`);
    Deno.exit(1);
  }
  console.log(`layers ok: ${folders.size} folders, no upward import, no cycle`);
}
