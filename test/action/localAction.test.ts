/**
 * `npm run local-action` (issue 21 §9): GitHub's @github/local-action runs the Action's
 * logic from source with the shipped .env.example, once as a push to master (which saves
 * the baseline to local-action's cache folder) and once as a push elsewhere with a 60 %
 * slower run (which reads that baseline back and finds the regressions).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "perfgate-local-action-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** .env.example with some values replaced, written to the scratch folder. */
function envFile(name: string, changes: Record<string, string>): string {
  let text = readFileSync(join(ROOT, ".env.example"), "utf8");
  for (const [key, value] of Object.entries(changes)) {
    const line = new RegExp(`^${key}=.*$`, "m");
    expect(text, `.env.example sets ${key}`).toMatch(line);
    text = text.replace(line, `${key}="${value}"`);
  }
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

function localAction(env: string) {
  const run = spawnSync(process.execPath, [join(ROOT, "scripts/local-action.mjs"), env], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PERFGATE_LOCAL_ACTION_DIR: join(scratch, "work"), NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

describe("npm run local-action", () => {
  it("the shipped .env.example runs the Action on the hyperfine fixture", () => {
    const { code, out } = localAction(envFile("example.env", {}));
    expect(code, out).toBe(0);
    expect(out).toContain("::set-output name=status::pass");
    expect(out).toMatch(/No baseline yet in the Actions cache/);
  });

  it("a push to master saves the baseline in the cache folder; a slower run reads it back and grades it", () => {
    const master = localAction(
      envFile("master.env", {
        INPUT_RESULTS: "fixtures/results/current-unchanged.json",
        INPUT_TOOL: "",
        GITHUB_REF: "refs/heads/master",
      }),
    );
    expect(master.code, master.out).toBe(0);
    expect(master.out).toContain("Saved the baseline to the Actions cache");
    expect(readdirSync(join(scratch, "work", "cache"))).toHaveLength(1);

    const feature = localAction(
      envFile("feature.env", {
        INPUT_RESULTS: "fixtures/results/current-60pct-slower.json",
        INPUT_TOOL: "",
      }),
    );
    expect(feature.code, feature.out).toBe(0);
    expect(feature.out).toContain("Baseline: 1 run(s)");
    expect(feature.out).toMatch(/::set-output name=regressions::[1-9]/);
    expect(feature.out).toContain("::set-output name=worst-severity::severe");
  });

  it("without the env file it says what to do, exit 2", () => {
    const { code, out } = localAction(join(scratch, "missing.env"));
    expect(code).toBe(2);
    expect(out).toContain("copy .env.example to .env");
  });
});
