/** Real git repositories for the A/B tests: files in, commits out. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestRepo {
  dir: string;
  commit(files: Record<string, string>, message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export function makeRepo(): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), "perfgate-ab-test-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] })
      .toString()
      .trim();
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "perfgate test");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    commit(files, message) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A tinybench file whose task does `units` steps of real arithmetic (from work.mjs). */
export const TINYBENCH_FILES = (units: number): Record<string, string> => ({
  "work.mjs": `export const UNITS = ${units};\n`,
  "work.bench.mjs": `import { UNITS } from "./work.mjs";
export const options = { time: 100, warmupTime: 20 };
let sink = 0;
export default (bench) => {
  bench.add("spin", () => {
    let x = 0;
    for (let i = 0; i < UNITS; i++) x = (x + i * 31) % 1000003;
    sink += x;
  });
};
`,
  ".perfgate.yml": 'run:\n  tinybench: ["work.bench.mjs"]\n',
});

/**
 * A command benchmark with a build step: build.mjs turns units.txt into the (uncommitted)
 * built.mjs, and bench.mjs times that much work and prints it the way `go test -bench` does.
 * Without the build in a tree, its bench has nothing to import and the round fails.
 */
export const COMMAND_FILES = (units: number): Record<string, string> => ({
  "units.txt": `${units}\n`,
  ".gitignore": "built.mjs\n",
  "build.mjs": `import { readFileSync, writeFileSync } from "node:fs";
const units = Number(readFileSync("units.txt", "utf8"));
writeFileSync("built.mjs", \`export const UNITS = \${units};\\n\`);
`,
  "bench.mjs": `import { UNITS } from "./built.mjs";
const times = [];
let sink = 0;
for (let rep = 0; rep < 25; rep++) {
  const start = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < UNITS; i++) x = (x + i * 31) % 1000003;
  sink += x;
  times.push(Number(process.hrtime.bigint() - start));
}
// The fastest repetition: being descheduled only ever adds time, so the minimum is the
// figure least disturbed by a loaded machine.
console.log("goos: linux\\ngoarch: amd64\\npkg: example.com/spin");
console.log(\`BenchmarkSpin-2 \\t 25 \\t \${Math.min(...times)} ns/op\`);
console.log(sink > 0 ? "PASS" : "PASS ");
`,
});
