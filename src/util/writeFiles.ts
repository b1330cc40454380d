/**
 * Writes a set of files (path relative to `dir` → text) under `dir`, creating folders.
 * Files already there and not in the set are left alone: this never deletes anything.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";

export async function writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const root = resolve(dir);
  for (const [path, text] of files) {
    const target = resolve(root, path);
    // The paths are the renderer's own, but a path must never climb out of `dir`.
    if (!target.startsWith(root + sep))
      throw new Error(`refusing to write outside ${dir}: ${path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
