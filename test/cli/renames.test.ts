import { describe, expect, it } from "vitest";
import { perfgate } from "./run.js";

const BEFORE = "fixtures/tools/hyperfine/renamed-before.json";
const AFTER = "fixtures/tools/hyperfine/renamed-after.json";

describe("perfgate compare: hyperfine benchmarks renamed by a changed argument", () => {
  it("says 'renamed?' once, pairing them by position, and points to -n/--command-name", async () => {
    const ran = await perfgate(["compare", "--baseline", BEFORE, "--current", AFTER]);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split("\n").filter((l) => l.includes("renamed"));
    expect(lines).toEqual([
      "  - renamed? 'sleep 0.01' → 'sleep 0.011', 'sleep 0.02' → 'sleep 0.021' (the same metrics, in the same order); to compare them, give each benchmark a name that stays when its arguments change (hyperfine: -n/--command-name; tinybench: the name in bench.add(); custom JSON: the name field)",
    ]);
  });
});
