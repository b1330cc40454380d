import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * How to start the perfgate CLI again as a child process (throughput server and client,
 * tinybench rounds, A/B rounds). Bundled, this module lives in dist/index.js or dist/cli.js,
 * and dist/cli.js sits beside it. From source (tests, `npm run perfgate`), src/cli.ts runs
 * through tsx.
 */
export function selfCommand(): { command: string; args: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) {
    return {
      command: process.execPath,
      args: [fileURLToPath(new URL("./cli.js", import.meta.url))],
    };
  }
  const cli = fileURLToPath(new URL("../cli.ts", import.meta.url));
  if (!existsSync(cli)) throw new Error(`perfgate: cannot find its own CLI at ${cli}`);
  // tsx by absolute URL: a bare "tsx" resolves from the child's cwd, which may be a user's
  // folder (a tinybench or command cwd, a test's temp dir) without node_modules.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return { command: process.execPath, args: ["--import", tsx, cli] };
}
