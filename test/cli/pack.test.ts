/**
 * The CLI as a user installs it without a registry: `npm pack` of the package as it would be
 * published (package.json's `files`, a fresh bundle of the current source), installed
 * globally into a temporary prefix, run from outside the repository with only its
 * production dependencies. The dependencies come from npm's cache (--prefer-offline).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv as env, packPackage, packageJson as pkg, run } from "../helpers/pack.js";
import { ROOT } from "./run.js";

let prefix: string;
let bin: string;

function perfgate(args: string[], cwd: string) {
  return run(bin, args, { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

beforeAll(async () => {
  // The CLI alone: the library's types (test/library/packed.test.ts) are not needed here.
  const { work, tarball } = await packPackage({ library: false });
  prefix = join(work, "prefix");
  await run(
    "npm",
    ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", tarball],
    { cwd: work, env },
  );
  bin = join(prefix, "bin", "perfgate");
}, 300_000);

describe("perfgate installed from `npm pack`'s tarball", () => {
  it("runs --help and --version from a directory outside the repository", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "perfgate-user-"));
    const help = await perfgate(["--help"], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: perfgate <command>/);
    expect(help.stdout).toContain("compare");
    expect((await perfgate(["--version"], cwd)).stdout).toBe(`${pkg.version}\n`);
  });

  it("compares the fixtures and fails the gate on a 60% slowdown", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "perfgate-user-"));
    const fixtures = join(ROOT, "fixtures/results");
    const ran = await perfgate(
      [
        "compare",
        "--baseline",
        join(fixtures, "history-30-runs-3pct-noise.json"),
        "--current",
        join(fixtures, "current-60pct-slower.json"),
      ],
      cwd,
    );
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("Critical regression");
    expect(ran.stderr).toBe("");
  });

  it("installs the production dependencies and none of the development ones", () => {
    const modules = join(prefix, "lib", "node_modules", "perfgate", "node_modules");
    expect(existsSync(join(modules, "yaml"))).toBe(true);
    // A development dependency that a production one also needs (typescript, through
    // @actions/artifact's protobuf plugin) is rightly installed; the lockfile marks the rest
    // `dev`, and those must stay out.
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.keys(pkg.devDependencies).filter(
      (dev) => lock.packages[`node_modules/${dev}`]?.dev === true,
    );
    expect(devOnly).toContain("vitest");
    for (const dev of devOnly) expect(existsSync(join(modules, dev)), dev).toBe(false);
  });
});
