/**
 * The CLI as a user installs it without a registry: `npm pack` of the package as it would be
 * published (package.json's `files`, a fresh bundle of the current source), installed
 * globally into a temporary prefix, run from outside the repository with only its
 * production dependencies. The dependencies come from npm's cache (--prefer-offline).
 */
import { existsSync, mkdtempSync } from "node:fs";
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

  it("installs the production dependencies and none of the development ones", async () => {
    const installed = join(prefix, "lib", "node_modules", "perfgate");
    expect(existsSync(join(installed, "node_modules", "yaml"))).toBe(true);
    expect(existsSync(join(installed, "node_modules", "vitest"))).toBe(false);
    // npm never installs the package's own devDependencies here; one that is present came
    // in for a production dependency (typescript for @actions/artifact's protobuf plugin,
    // @types/node for the apache-arrow that @azure/storage-blob brings). npm explain names
    // who needs it: someone other than perfgate must.
    for (const dev of Object.keys(pkg.devDependencies)) {
      if (!existsSync(join(installed, "node_modules", dev))) continue;
      const { stdout } = await run("npm", ["explain", dev, "--json"], { cwd: installed, env });
      const nodes = JSON.parse(stdout) as Array<{
        dependents: Array<{ type: string; from?: { name?: string } }>;
      }>;
      const neededBy = nodes.flatMap((n) =>
        n.dependents.filter((d) => d.type !== "dev" && d.from?.name !== undefined),
      );
      expect(
        neededBy.length,
        `${dev} is installed only for perfgate's development`,
      ).toBeGreaterThan(0);
    }
  });
});
