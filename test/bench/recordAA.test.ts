import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { validateHistory } from "../../src/model/validate.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const BENCHMARKS = ["json/roundtrip", "sort/float64", "hash/fnv1a"];

async function history(file: string) {
  return validateHistory(JSON.parse(await readFile(file, "utf8")), file);
}

describe("the A/A recorder (scripts/record-aa.ts)", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes valid perfgate histories of fresh-process runs, wall and CPU time per round", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "perfgate-aa-"));
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/record-aa.ts",
        ...["--runs", "2", "--rounds", "3", "--sessions", "1", "--pairs", "1"],
        ...["--paired-rounds", "2", "--out", dir],
      ],
      { cwd: root, timeout: 60_000 },
    );
    const h = await history(path.join(dir, "history.json"));
    expect(h.runs).toHaveLength(2);
    for (const r of h.runs) {
      expect(r.benchmarks.map((b) => b.name)).toEqual(BENCHMARKS);
      for (const b of r.benchmarks) {
        expect(b.metrics.time?.samples).toHaveLength(3);
        expect(b.metrics.cpu?.samples).toHaveLength(3);
        expect(b.metrics.time?.samples.every((x) => x > 0)).toBe(true);
      }
      expect(r.environment.backgroundLoad).toBe(false);
    }
    const p = await history(path.join(dir, "paired-0.json"));
    expect(p.runs.map((r) => r.ref)).toEqual(["A", "B"]);
    expect(p.runs[0]?.benchmarks[0]?.metrics.time?.samples).toHaveLength(2);
  });

  it("ships fixtures/aa as valid histories: 200 runs and 8 sessions of 25 pairs", async () => {
    const fixtures = path.join(root, "fixtures/aa");
    const h = await history(path.join(fixtures, "history.json"));
    expect(h.runs).toHaveLength(200);
    expect(h.runs.filter((r) => r.environment.backgroundLoad === true)).toHaveLength(40);
    for (let k = 0; k < 8; k++) {
      const s = await history(path.join(fixtures, `paired-${k}.json`));
      expect(s.runs).toHaveLength(50);
      expect(s.runs.every((r, i) => r.ref === (i % 2 === 0 ? "A" : "B"))).toBe(true);
    }
  });
});
