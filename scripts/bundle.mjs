// Bundles the Action entry and the CLI into dist/. The output must be byte-for-byte
// reproducible: CI rebuilds it and fails if it differs from what is committed.
import { build } from "esbuild";
import { dashboardAssets } from "./dashboardAssets.mjs";

// ESM bundles that pull in CommonJS dependencies need a real `require` for Node built-ins.
const requireShim =
  'import { createRequire as __perfgateCreateRequire } from "node:module";\n' +
  "const require = __perfgateCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  sourcemap: false,
  // Whitespace and syntax only: a fresh process parses ~2.4 MB instead of ~3.5 MB, which
  // cut the bundle's load from 186 to 163 ms of CPU (median of 10; full minify, which also
  // renames identifiers, saved no more). Names stay, so stack traces and `.name` still read.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [dashboardAssets],
};

await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  outdir: "dist",
  banner: { js: requireShim },
});

await build({
  ...common,
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
});
