import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The Action runs on Node 24 (`runs.using: node24`) while development machines may have
 * Node 20. The end-to-end tests run the bundle under both, so install the pinned Node 24
 * from the repository's own lockfile once, before any test starts.
 */
export default function setup(): void {
  const dir = fileURLToPath(new URL("../../tools/node24/", import.meta.url));
  if (!existsSync(`${dir}node_modules/.bin/node`)) {
    execFileSync("npm", ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: "inherit" });
  }
}
