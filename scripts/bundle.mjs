// Bundles the Action entry and the CLI into dist/. The output must be byte-for-byte
// reproducible: CI rebuilds it and fails if it differs from what is committed.
import { build } from "esbuild";

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
