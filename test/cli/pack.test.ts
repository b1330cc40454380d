/**
 * The CLI as a user installs it without a registry: `npm pack` of the package as it would be
 * published (package.json's `files`, a fresh bundle of the current source), installed
 * globally into a temporary prefix, run from outside the repository with only its
 * production dependencies. The dependencies come from npm's cache (--prefer-offline).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleAction } from "../action/bundle.js";
import { ROOT } from "./run.js";

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  files: string[];
  devDependencies: Record<string, string>;
};

let prefix: string;
let bin: string;
/** A PATH with this Node but not the repository's node_modules/.bin. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}/usr/bin:/bin` };

function perfgate(args: string[], cwd: string) {
  return run(bin, args, { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), "perfgate-pack-"));
  // The package as published: the files package.json lists, dist/ built from this source.
  const stage = join(work, "package");
  mkdirSync(stage);
  cpSync(join(ROOT, "package.json"), join(stage, "package.json"));
  for (const entry of pkg.files.filter((f) => f !== "dist"))
    if (existsSync(join(ROOT, entry)))
      cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  cpSync(await bundleAction(), join(stage, "dist"), { recursive: true });
  const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", work], {
    cwd: stage,
    env,
  });
  const tarball = join(work, stdout.trim().split("\n").pop() ?? "");
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
    for (const dev of Object.keys(pkg.devDependencies))
      expect(existsSync(join(modules, dev)), dev).toBe(false);
  });
});
