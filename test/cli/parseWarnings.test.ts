import { describe, expect, it } from "vitest";
import { perfgate } from "./run.js";

const DUPLICATES = "fixtures/tools/hyperfine/duplicate-names.json";

describe("perfgate parse: names repeated in one file", () => {
  it("warns on stderr naming the repeated command, keeps it in the notes and exits 0", async () => {
    const ran = await perfgate(["parse", DUPLICATES]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(
      `perfgate: warning: ${DUPLICATES}: the same benchmark name appears more than once, merged as rounds of one benchmark: 'sleep 0.01' (2 times); if they are different benchmarks, name each with -n/--command-name\n`,
    );
    const results = JSON.parse(ran.stdout) as {
      notes?: string[];
      benchmarks: { name: string; metrics: { time: { samples: number[] } } }[];
    };
    expect(results.benchmarks.map((b) => b.name)).toEqual(["sleep 0.01", "sleep 0.02"]);
    expect(results.benchmarks[0]?.metrics.time.samples).toHaveLength(10);
    expect(results.notes?.[0]).toContain("'sleep 0.01' (2 times)");
  });

  it("says nothing on stderr for a file whose names are all different", async () => {
    const ran = await perfgate(["parse", "fixtures/tools/hyperfine/output.json"]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe("");
  });
});
