import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Bundles src/cli.ts the way scripts/bundle.mjs does, into a temporary folder, so a test can
 * run the CLI on a Node without tsx (the node24 runner strips TypeScript natively; tsx would
 * hide whether it does). Returns the bundle's path and a clean-up.
 */
export async function bundleCli(): Promise<{ cli: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
  await build({
    entryPoints: { cli: join(root, "src/cli.ts") },
    outdir: dir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: {
      js:
        'import { createRequire as __perfgateCreateRequire } from "node:module";\n' +
        "const require = __perfgateCreateRequire(import.meta.url);",
    },
  });
  return { cli: join(dir, "cli.js"), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
