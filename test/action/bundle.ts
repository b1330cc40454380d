/**
 * Builds the Action and the CLI exactly as `npm run bundle` does (scripts/bundle.mjs's
 * esbuild options), into a temporary dist/ so tests never race a rebuild of the real one.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { dashboardAssets } from "../../scripts/dashboardAssets.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const requireShim =
  'import { createRequire as __perfgateCreateRequire } from "node:module";\n' +
  "const require = __perfgateCreateRequire(import.meta.url);";

/** Returns the directory holding index.js and cli.js. */
export async function bundleAction(): Promise<string> {
  const outdir = join(mkdtempSync(join(tmpdir(), "perfgate-dist-")), "dist");
  const common = {
    bundle: true,
    platform: "node" as const,
    format: "esm" as const,
    target: "node20",
    legalComments: "none" as const,
    logLevel: "warning" as const,
    minifyWhitespace: true,
    minifySyntax: true,
    absWorkingDir: root,
    outdir,
    plugins: [dashboardAssets],
  };
  await build({ ...common, entryPoints: { index: "src/index.ts" }, banner: { js: requireShim } });
  await build({
    ...common,
    entryPoints: { cli: "src/cli.ts" },
    banner: { js: `#!/usr/bin/env node\n${requireShim}` },
  });
  return outdir;
}
