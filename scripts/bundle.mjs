// Bundles the Action entry, the CLI and the library into dist/, with the library's types in
// one dist/lib.d.ts. The output must be byte-for-byte reproducible: CI rebuilds it and fails
// if it differs from what is committed. Tests build the same bundle into a temporary folder
// through bundle() (test/action/bundle.ts), so they never race a rebuild of the real one.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDtsBundle } from "dts-bundle-generator";
import { build } from "esbuild";
import { dashboardAssets } from "./dashboardAssets.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));

// ESM bundles that pull in CommonJS dependencies need a real `require` for Node built-ins.
const requireShim =
  'import { createRequire as __perfgateCreateRequire } from "node:module";\n' +
  "const require = __perfgateCreateRequire(import.meta.url);";

/**
 * Builds into `outdir`: index.js (the Action), cli.js and, unless `library` is false,
 * lib.js and lib.d.ts (the types take the TypeScript compiler ~10 s, which tests of the
 * Action and the CLI need not wait for).
 * @param {string} outdir
 * @param {{ library?: boolean }} [options]
 */
export async function bundle(outdir, options = {}) {
  const common = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    sourcemap: false,
    absWorkingDir: root,
    outdir,
    // Whitespace and syntax only: a fresh process parses ~2.4 MB instead of ~3.5 MB, which
    // cut the bundle's load from 186 to 163 ms of CPU (median of 10; full minify, which also
    // renames identifiers, saved no more). Names stay, so stack traces and `.name` still read.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [dashboardAssets],
  };
  await build({ ...common, entryPoints: { index: "src/index.ts" }, banner: { js: requireShim } });
  await build({
    ...common,
    entryPoints: { cli: "src/cli.ts" },
    banner: { js: `#!/usr/bin/env node\n${requireShim}` },
  });
  if (options.library === false) return;

  // The library (package.json "exports" "."). It finds dist/cli.js beside it for the child
  // processes the throughput suite starts (src/util/self.ts).
  await build({ ...common, entryPoints: { lib: "src/lib.ts" }, banner: { js: requireShim } });
  // Its types: every declaration src/lib.ts reaches, inlined into one file that imports
  // nothing, so a user's tsc needs only this package. What lib.ts exports is exported; the
  // types those mention are declared beside them, unexported. test/library/packed.test.ts
  // type-checks the packed package from a project of its own.
  const [types] = generateDtsBundle(
    [
      {
        filePath: join(root, "src/lib.ts"),
        output: { noBanner: true, exportReferencedTypes: false },
      },
    ],
    { preferredConfigPath: join(root, "tsconfig.lib.json") },
  );
  writeFileSync(join(outdir, "lib.d.ts"), types);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundle(join(root, "dist"));
}
