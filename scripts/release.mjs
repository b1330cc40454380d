#!/usr/bin/env node
/**
 * Cuts a release of the Action and the CLI: `npm run release -- 1.2.0`.
 *
 * A JavaScript action runs what its tag points at, dist/ included, so a release is a commit
 * whose dist/ is built from its own source, an immutable tag `v1.2.0` on it, and the major
 * tag `v1` (what workflows name: `uses: perfgate/perfgate@v1`) moved to it. This script:
 *
 *   1. refuses unless the work tree is clean and HEAD is on the release branch (main);
 *   2. sets the version in package.json, package-lock.json and src/version.ts;
 *   3. points every `perfgate/perfgate@vN` in README.md and examples/workflows/ at the
 *      major being released (a new major changes the documented line);
 *   4. rebuilds dist/ (`npm run bundle`) and commits all of it as "Release v1.2.0";
 *   5. tags `v1.2.0` (annotated) and moves `v1` to the same commit.
 *
 * It never pushes: it prints the two commands that publish the release,
 *   git push origin main v1.2.0 && git push --force origin v1
 * and `npm pack` then makes the tarball the README's "Installing the CLI" describes.
 *
 * Options: --branch <name> (default main), --dry-run (check and print, change nothing).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const branchAt = args.indexOf("--branch");
const branch = branchAt >= 0 ? args[branchAt + 1] : "main";
const version = args.find((a, i) => !a.startsWith("--") && (branchAt < 0 || i !== branchAt + 1));
const root = process.cwd();

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(2);
}

const git = (...a) => execFileSync("git", a, { cwd: root, encoding: "utf8" }).trim();

if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
  fail(`give the version to release as MAJOR.MINOR.PATCH, e.g. 1.2.0; got '${version ?? ""}'`);
}
const tag = `v${version}`;
const major = `v${version.split(".")[0]}`;
if (git("status", "--porcelain") !== "") fail("the work tree has changes: commit or stash them");
const head = git("rev-parse", "--abbrev-ref", "HEAD");
if (head !== branch) fail(`releases are cut from '${branch}'; this is '${head}'`);
if (git("tag", "--list", tag) !== "")
  fail(`tag ${tag} exists already: tags of releases never move`);

/** Replaces in a file, returning whether it changed. */
function edit(path, change) {
  const before = readFileSync(join(root, path), "utf8");
  const after = change(before);
  if (after !== before && !dryRun) writeFileSync(join(root, path), after);
  return after !== before;
}

const changed = [];
const setVersion = (text) => text.replace(/("version":\s*")[^"]+(")/, `$1${version}$2`);
if (edit("package.json", setVersion)) changed.push("package.json");
// The lock file names the version twice: at the top and under packages[""].
if (
  edit("package-lock.json", (t) =>
    t
      .replace(/^(\s{2}"version":\s*")[^"]+(")/m, `$1${version}$2`)
      .replace(
        /("packages":\s*\{\s*"":\s*\{\s*"name":\s*"[^"]+",\s*"version":\s*")[^"]+(")/,
        `$1${version}$2`,
      ),
  )
)
  changed.push("package-lock.json");
if (edit("src/version.ts", (t) => t.replace(/VERSION = "[^"]+"/, `VERSION = "${version}"`)))
  changed.push("src/version.ts");
const docs = [
  "README.md",
  ...readdirSync(join(root, "examples/workflows"))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => `examples/workflows/${f}`),
];
for (const doc of docs)
  if (edit(doc, (t) => t.replace(/perfgate\/perfgate@v\d+\b/g, `perfgate/perfgate@${major}`)))
    changed.push(doc);

console.log(
  `release ${tag} (moves ${major}) from ${branch} at ${git("rev-parse", "--short", "HEAD")}`,
);
console.log(`  version and docs: ${changed.length > 0 ? changed.join(", ") : "already set"}`);
if (dryRun) {
  console.log("  --dry-run: nothing changed");
  process.exit(0);
}
execFileSync("npm", ["run", "--silent", "bundle"], { cwd: root, stdio: "inherit" });
git("add", "--all", "--", ".");
git("commit", "--quiet", "--allow-empty", "-m", `Release ${tag}`);
git("tag", "--annotate", tag, "-m", `perfgate ${tag}`);
git("tag", "--force", major, `${tag}^{commit}`);
console.log(
  `  committed ${git("rev-parse", "--short", "HEAD")} with dist/ rebuilt; tagged ${tag}, ${major} moved to it`,
);
console.log("Publish it with:");
console.log(`  git push origin ${branch} ${tag} && git push --force origin ${major}`);
