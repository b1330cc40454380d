/**
 * `npm run bench [-- name…]`: runs perfgate's own benchmarks (files bench/<name>.bench.ts,
 * each exporting `default async function(): Promise<void>` that prints its table).
 * With names, only those run.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

if (files.length === 0) {
  console.error(`no benchmarks match ${wanted.join(", ") || "bench/*.bench.ts"}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}\n`);
  const module = (await import(new URL(file, import.meta.url).href)) as {
    default: () => Promise<void>;
  };
  await module.default();
}
