/**
 * `npm run release -- X.Y.Z` (scripts/release.mjs, issue 21 §3): in a clone of this
 * repository it sets the version, points the documented `uses:` line at the major, rebuilds
 * dist/, commits, tags vX.Y.Z and moves vX; the released dist/ runs and prints the version.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "perfgate-release-"));
const repo = join(dir, "repo");
const git = (...a: string[]) => execFileSync("git", a, { cwd: repo, encoding: "utf8" }).trim();
const release = (...a: string[]) => {
  const run = spawnSync(process.execPath, [join(repo, "scripts/release.mjs"), ...a], {
    cwd: repo,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
};

beforeAll(() => {
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, repo]);
  git("checkout", "--quiet", "-B", "main");
  git("config", "user.name", "Release Test");
  git("config", "user.email", "release@example.com");
  // The clone borrows this checkout's dependencies for the bundle; git must not see them.
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"));
  writeFileSync(join(repo, ".git/info/exclude"), "node_modules\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run release", () => {
  it("refuses a version that is not MAJOR.MINOR.PATCH, and a dirty tree, changing nothing", () => {
    expect(release("1.2")).toMatchObject({ code: 2 });
    expect(release("1.2").out).toContain(
      "release: give the version to release as MAJOR.MINOR.PATCH",
    );
    writeFileSync(join(repo, "stray.txt"), "x");
    expect(release("1.2.0")).toMatchObject({ code: 2 });
    rmSync(join(repo, "stray.txt"));
    expect(git("tag", "--list")).toBe("");
  });

  it("1.4.0: version set, dist/ rebuilt and committed, v1.4.0 tagged and v1 on the same commit", () => {
    const { code, out } = release("1.4.0");
    expect(code, out).toBe(0);
    expect(out).toContain("git push origin main v1.4.0 && git push --force origin v1");
    const head = git("rev-parse", "HEAD");
    expect(git("log", "-1", "--format=%s")).toBe("Release v1.4.0");
    expect(git("rev-parse", "v1.4.0^{commit}")).toBe(head);
    expect(git("rev-parse", "v1^{commit}")).toBe(head);
    expect(git("status", "--porcelain")).toBe("");
    expect(JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version).toBe("1.4.0");
    expect(readFileSync(join(repo, "src/version.ts"), "utf8")).toContain('VERSION = "1.4.0"');
    // The committed bundle is the released source: it prints the new version.
    const printed = execFileSync(process.execPath, [join(repo, "dist/cli.js"), "--version"], {
      encoding: "utf8",
    });
    expect(printed.trim()).toBe("1.4.0");
    // …and it is what the release commit holds (the tree is clean after the release).
    expect(git("diff", "--stat", "HEAD~1", "HEAD", "--", "dist/cli.js")).toContain("dist/cli.js");
    expect(readFileSync(join(repo, "README.md"), "utf8")).toContain("uses: perfgate/perfgate@v1");
  }, 240_000);

  it("a tag of a release never moves: 1.4.0 again is refused", () => {
    const { code, out } = release("1.4.0");
    expect(code).toBe(2);
    expect(out).toContain("tag v1.4.0 exists already");
  });

  it("2.0.0: v2 is made, the docs name @v2, and v1 stays on 1.4.0", () => {
    const v1 = git("rev-parse", "v1^{commit}");
    const { code, out } = release("2.0.0");
    expect(code, out).toBe(0);
    expect(git("rev-parse", "v2^{commit}")).toBe(git("rev-parse", "HEAD"));
    expect(git("rev-parse", "v1^{commit}")).toBe(v1);
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    expect(readme).toContain("uses: perfgate/perfgate@v2");
    expect(readme).not.toMatch(/perfgate\/perfgate@v1\b/);
    const example = readFileSync(join(repo, "examples/workflows/fork-pr.yml"), "utf8");
    expect(example).toContain("perfgate/perfgate@v2");
  }, 240_000);
});
