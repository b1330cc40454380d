import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perfgate, ROOT } from "./run.js";

const HISTORY = "fixtures/results/history-30-runs-3pct-noise.json";
const SLOWER_60 = "fixtures/results/current-60pct-slower.json";
const ESC = "\u001b[";
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }
).version;

describe("perfgate follows the conventions of git, npm and gh", () => {
  it.each([["compre"], ["comapre"], ["COMPARE"]])(
    "suggests compare for the mistyped command %s and exits 2",
    async (typed) => {
      const ran = await perfgate([typed]);
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe("");
      expect(ran.stderr).toBe(`perfgate: unknown command '${typed}'; did you mean 'compare'?\n`);
    },
  );

  it("points to --help when nothing is close to the command typed", async () => {
    const ran = await perfgate(["frobnicate"]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe("perfgate: unknown command 'frobnicate'; see 'perfgate --help'\n");
  });

  it("prints compare's own help for `perfgate help compare`, the same as `compare --help`", async () => {
    const [viaHelp, viaFlag] = await Promise.all([
      perfgate(["help", "compare"]),
      perfgate(["compare", "--help"]),
    ]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/^usage: perfgate compare /);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it("suggests a command for `perfgate help` with a typo", async () => {
    const ran = await perfgate(["help", "histroy"]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe("perfgate: unknown command 'histroy'; did you mean 'history'?\n");
  });

  it.each([["-V"], ["--version"], ["version"], ["-v"]])(
    "prints the package's version for %s",
    async (flag) => {
      const ran = await perfgate([flag]);
      expect(ran).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    },
  );

  it("colours a piped report under FORCE_COLOR, even in CI, and not without it", async () => {
    const args = ["compare", "--baseline", HISTORY, "--current", SLOWER_60];
    const [forced, off, plain] = await Promise.all([
      perfgate(args, { env: { FORCE_COLOR: "1", CI: "true", NO_COLOR: undefined } }),
      perfgate(args, { env: { FORCE_COLOR: "0", NO_COLOR: undefined, CI: undefined } }),
      perfgate(args, { env: { FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined } }),
    ]);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain(ESC);
    expect(off.stdout).not.toContain(ESC);
    expect(plain.stdout).not.toContain(ESC);
  });

  it("keeps a report written with --out plain under FORCE_COLOR", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "perfgate-color-")), "report.txt");
    const ran = await perfgate(
      ["compare", "--baseline", HISTORY, "--current", SLOWER_60, "--out", out],
      { env: { FORCE_COLOR: "1" } },
    );
    expect(ran.code).toBe(1);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("Critical");
    expect(text).not.toContain(ESC);
  });
});
