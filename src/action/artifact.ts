/**
 * mode: report reads files another workflow uploaded — on a fork's pull request, files the
 * fork wrote. Before the results reader (which validates the schema) sees one, it must be a
 * file of a bounded size that really lies inside the workspace (or the runner's temp
 * folder): an artifact may hold links, and a huge file would only exhaust the runner.
 */
import { realpathSync } from "node:fs";
import { stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { formatValue } from "../model/units.js";
import { InputError } from "../util/errors.js";

/**
 * The largest results file mode report reads. A run of 1,000 benchmarks is about 180 KB
 * (README, "What the Action itself costs"), so this leaves some 350× room; a larger file
 * was not written by a benchmark run.
 */
export const MAX_ARTIFACT_FILE_BYTES = 64 * 1024 * 1024;

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
}

/**
 * The file's real path (links followed), or an InputError naming the file when that lies
 * outside every one of `roots`.
 */
export function realPathInside(file: string, roots: string[]): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code}`, file);
  }
  const realRoots = roots.map((r) => {
    try {
      return realpathSync(r);
    } catch {
      return r;
    }
  });
  if (!realRoots.some((root) => inside(real, root))) {
    throw new InputError(
      "leads outside the workspace (a link in the artifact?): mode report reads only files inside it",
      file,
    );
  }
  return real;
}

/**
 * Throws an InputError naming the file when it is not a regular file inside one of
 * `roots` (after following links) or is larger than `limit`.
 */
export async function checkArtifactFile(
  file: string,
  roots: string[],
  limit = MAX_ARTIFACT_FILE_BYTES,
): Promise<void> {
  const info = await stat(realPathInside(file, roots));
  if (!info.isFile()) throw new InputError("is not a regular file", file);
  if (info.size > limit) {
    throw new InputError(
      `is ${formatValue(info.size, "B")}, over the ${formatValue(limit, "B")} mode report reads from an uploaded results file`,
      file,
    );
  }
}
