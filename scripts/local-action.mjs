#!/usr/bin/env node
/**
 * `npm run local-action [-- <env file>]`: runs the Action's logic (src/action/run.ts) from
 * source on this machine through GitHub's @github/local-action, as actions/typescript-action
 * does, with the inputs and runner variables of `.env` (copy `.env.example`).
 *
 * local-action swaps @actions/core, @actions/cache and @actions/github for local stand-ins:
 * the log and outputs go to the terminal, the cache to a folder. Its cache stand-in needs
 * absolute paths, which a .env file cannot compute, so they are set here:
 *   the repository            GITHUB_WORKSPACE
 *   .local-action/            LOCAL_ACTION_WORKSPACE (the cache stand-in's scratch space)
 *   .local-action/temp/       RUNNER_TEMP (perfgate's reports, the restored baseline)
 *   .local-action/output.txt  GITHUB_OUTPUT, .local-action/summary.md GITHUB_STEP_SUMMARY
 * A value the env file gives wins (local-action loads it with override).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const envFile = resolve(process.argv[2] ?? join(root, ".env"));
if (!existsSync(envFile)) {
  console.error(
    `local-action: ${envFile} does not exist: copy .env.example to .env and set the inputs`,
  );
  process.exit(2);
}
// PERFGATE_LOCAL_ACTION_DIR moves the scratch folder (a test keeps the clone clean with it).
const scratch = resolve(process.env.PERFGATE_LOCAL_ACTION_DIR ?? join(root, ".local-action"));
mkdirSync(join(scratch, "temp"), { recursive: true });
mkdirSync(join(scratch, "cache"), { recursive: true });
for (const file of ["output.txt", "summary.md"]) writeFileSync(join(scratch, file), "");
const bin = join(root, "node_modules", ".bin", "local-action");
const result = spawnSync(bin, ["run", root, "src/action/run.ts", envFile], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    GITHUB_WORKSPACE: root,
    LOCAL_ACTION_WORKSPACE: scratch,
    LOCAL_ACTION_CACHE_PATH: join(scratch, "cache"),
    RUNNER_TEMP: join(scratch, "temp"),
    GITHUB_OUTPUT: join(scratch, "output.txt"),
    GITHUB_STEP_SUMMARY: join(scratch, "summary.md"),
  },
});
process.exit(result.status ?? 1);
