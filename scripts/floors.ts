/**
 * The floors of src/ (docs/architecture.md, "Floors"), checked from the imports:
 *
 *   6  entries   src/cli.ts, src/index.ts, src/lib.ts
 *   5  faces     action/  commands/            (the GitHub Action, the CLI)
 *   4  features  ab/  monitor/                 (entered from above only through index.ts)
 *   3  report/
 *   2  analyze/  collect/  baseline/
 *   1  model/
 *   0  util/  src/version.ts
 *
 * A file may import its own folder, or a folder on a lower floor; never a folder on its own
 * floor (every floor is flat) nor one above. ab/ and monitor/ are features the faces drive,
 * so a face imports them only through their index.ts, not their internals. No file cycle.
 *
 *   npx tsx scripts/floors.ts      prints each breach as "file -> import: why"; exit 1 on any
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

export const FLOORS: Record<string, number> = {
  util: 0,
  "version.ts": 0,
  model: 1,
  analyze: 2,
  collect: 2,
  baseline: 2,
  report: 3,
  ab: 4,
  monitor: 4,
  action: 5,
  commands: 5,
  "cli.ts": 6,
  "index.ts": 6,
  "lib.ts": 6,
};

/** Features entered from above only through their index.ts. */
const FEATURES = new Set(["ab", "monitor"]);

/** A file's place: its folder under src/, or its own name for a file at src/'s root. */
function placeOf(file: string): string {
  return file.split("/")[1] as string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?[^;]*?\s*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The src/ files `file` imports (relative imports that resolve to a .ts file). */
function importsOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2];
    if (!spec?.startsWith(".")) continue;
    const base = normalize(join(dirname(file), spec)).replace(/\.(m?js|ts)$/, "");
    const found = [`${base}.ts`, join(base, "index.ts")].find((c) => existsSync(join(root, c)));
    if (found?.startsWith("src/")) out.push(found);
  }
  return out;
}

/** Every breach of the floors in the tree at `root`, as "from -> to: why" lines. */
export function floorBreaches(root: string): string[] {
  const files = sourceFiles(join(root, "src")).map((f) => relative(root, f).split("\\").join("/"));
  const graph = new Map(files.map((f) => [f, importsOf(root, f)]));
  const breaches: string[] = [];
  for (const [from, targets] of graph) {
    const a = placeOf(from);
    const floorA = FLOORS[a];
    if (floorA === undefined) {
      breaches.push(`${from}: src/${a} has no floor (add it to scripts/floors.ts and docs)`);
      continue;
    }
    for (const to of targets) {
      const b = placeOf(to);
      if (a === b) continue;
      const floorB = FLOORS[b] ?? Number.POSITIVE_INFINITY;
      if (floorB > floorA)
        breaches.push(`${from} -> ${to}: runs up from floor ${floorA} to ${floorB}`);
      else if (floorB === floorA)
        breaches.push(`${from} -> ${to}: ${a}/ and ${b}/ share floor ${floorA}, which is flat`);
      else if (FEATURES.has(b) && to !== `src/${b}/index.ts`)
        breaches.push(`${from} -> ${to}: enter ${b}/ through src/${b}/index.ts`);
    }
  }
  for (const cycle of cycles(graph)) breaches.push(`cycle: ${cycle.join(" -> ")}`);
  return breaches;
}

/** The strongly connected components of more than one file (Tarjan 1972). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): number => {
    const mine = index.size;
    index.set(v, mine);
    let lowest = mine;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      const seen = index.get(w);
      if (seen === undefined) lowest = Math.min(lowest, visit(w));
      else if (onStack.has(w)) lowest = Math.min(lowest, seen);
    }
    if (lowest === mine) {
      const component = stack.splice(stack.lastIndexOf(v));
      for (const w of component) onStack.delete(w);
      if (component.length > 1) out.push(component.sort());
    }
    return lowest;
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() as string)) {
  const breaches = floorBreaches(process.cwd());
  for (const line of breaches) console.log(line);
  console.log(`${breaches.length} breach(es) of the floors`);
  process.exitCode = breaches.length === 0 ? 0 : 1;
}
