/**
 * Ends the run with one line per reason tests were skipped ("3 tests skipped: needs
 * chromium (apt-get install chromium)"), so a contributor without a system tool sees
 * what did not run and how to run it.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const reasons = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests("skipped")) {
        const result = test.result();
        const note =
          (result.state === "skipped" && result.note) || "skipped in the source (it.skip)";
        reasons.set(note, (reasons.get(note) ?? 0) + 1);
      }
    }
    if (reasons.size === 0) return;
    const total = [...reasons.values()].reduce((sum, n) => sum + n, 0);
    const lines = [...reasons].map(([note, n]) => `  ${n} × ${note}`);
    process.stdout.write(`\n${total} test(s) skipped:\n${lines.join("\n")}\n`);
  }
}
