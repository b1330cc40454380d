/**
 * Builds the Action and the CLI exactly as `npm run bundle` does (scripts/bundle.mjs), into a
 * temporary dist/ so tests never race a rebuild of the real one.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "../../scripts/bundle.mjs";

/** Returns the directory holding index.js and cli.js (and lib.js, lib.d.ts with `library`). */
export async function bundleAction(options: { library?: boolean } = {}): Promise<string> {
  const outdir = join(mkdtempSync(join(tmpdir(), "perfgate-dist-")), "dist");
  await bundle(outdir, { library: options.library ?? false });
  return outdir;
}
