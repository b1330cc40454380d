/**
 * `npm start` = `perfgate run --default`: the real-throughput suite in quick mode, compared
 * with the bundled baseline history, printed as text; never a failed process for a slow
 * machine. Runs one quick round to stay within about 30 s on a busy 2-core machine.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_BASELINE, bundledBaseline } from "../../src/commands/run.js";
import { validateResults } from "../../src/model/validate.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const work = mkdtempSync(join(tmpdir(), "perfgate-default-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("perfgate run --default", () => {
  it("finds the bundled baseline from source and from dist/", () => {
    const expected = join(root, BUNDLED_BASELINE);
    const fromDist = bundledBaseline(pathToFileURL(join(root, "dist/cli.js")).href);
    const fromSource = bundledBaseline(pathToFileURL(join(root, "src/commands/run.ts")).href);
    if (existsSync(expected)) {
      expect(fromDist).toBe(expected);
      expect(fromSource).toBe(expected);
    } else {
      expect(fromDist).toBeUndefined();
    }
    expect(bundledBaseline(pathToFileURL("/nowhere/a/b/cli.js").href)).toBeUndefined();
  });

  it("measures, compares with the bundled baseline, prints the text report and exits 0", async () => {
    const out = join(work, "default.json");
    const { code, stdout, stderr } = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      execFile(
        process.execPath,
        [
          "--import",
          tsx,
          join(root, "src/cli.ts"),
          "run",
          "--default",
          "--rounds",
          "1",
          "--out",
          out,
        ],
        { cwd: work, env: { ...process.env, NO_COLOR: "1" }, timeout: 90_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(code).toBe(0);
    // The first lines say what was compared with what, and the exit status (issue 21 §4).
    expect(stdout).toMatch(/^Compared 1 round of the built-in throughput suite on this machine \(/);
    expect(stdout).toMatch(/^perfgate · real-throughput/m);
    expect(stdout).toMatch(/tcp\/throughput +throughput/);
    const results = validateResults(JSON.parse(readFileSync(out, "utf8")), out);
    expect(results.suite).toBe("real-throughput");
    if (existsSync(join(root, BUNDLED_BASELINE))) {
      // Compared, not merely recorded; the gate's outcome is said, not enforced.
      expect(stdout).not.toMatch(/No baseline yet/);
      const head = stdout.split("\n").slice(0, 5).join("\n");
      expect(head).toMatch(/^with the bundled baseline: \d+ runs recorded on /m);
      expect(head).toMatch(/^(The machines differ — |The same kind of machine)/m);
      expect(head).toContain("--default only shows: it exits 0 whatever it finds.");
      expect(stdout).toMatch(
        /^gate: (this run (passes|would FAIL) against the bundled baseline|not applied, this machine is not the baseline's)/m,
      );
    } else {
      expect(stderr).toMatch(/no bundled baseline/);
    }
  }, 120_000);
});
