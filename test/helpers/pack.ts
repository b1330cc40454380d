/**
 * The package as `npm publish` would ship it: the files package.json lists, dist/ bundled
 * from the current source (scripts/bundle.mjs) into a staging folder, packed by `npm pack`.
 * The repository's own dist/ is never read, so a test sees this source, not the last build.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { bundleAction } from "../action/bundle.js";
import { ROOT } from "../cli/run.js";

export const run = promisify(execFile);

/** A PATH with this Node but not the repository's node_modules/.bin. */
export const cleanEnv = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}/usr/bin:/bin`,
};

export const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  files: string[];
  devDependencies: Record<string, string>;
};

/** Packs the package into a new temporary folder; returns that folder and the tarball.
 *  `library: false` leaves out dist/lib.js and its types (10 s of tsc) for CLI-only tests. */
export async function packPackage(
  options: { library?: boolean } = {},
): Promise<{ work: string; tarball: string }> {
  const work = mkdtempSync(join(tmpdir(), "perfgate-pack-"));
  const stage = join(work, "package");
  mkdirSync(stage);
  cpSync(join(ROOT, "package.json"), join(stage, "package.json"));
  for (const entry of packageJson.files.filter((f) => f !== "dist"))
    if (existsSync(join(ROOT, entry)))
      cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  cpSync(await bundleAction({ library: options.library ?? true }), join(stage, "dist"), {
    recursive: true,
  });
  const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", work], {
    cwd: stage,
    env: cleanEnv,
  });
  return { work, tarball: join(work, stdout.trim().split("\n").pop() ?? "") };
}
