import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
  return { command: process.execPath, args: ["--import", "tsx", cli] };
}
