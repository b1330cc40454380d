import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findFiles,
  parseFiles,
  readFoundResults,
  segmentToRegExp,
} from "../../src/collect/files.js";

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
};
const custom = (name: string, value: number) =>
  JSON.stringify([{ name, unit: "ms", value }], null, 2);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "perfgate-files-"));
  write("bench/a.bench.ts", "");
  write("bench/deep/b.bench.mjs", "");
  write("bench/deep/c.test.ts", "");
  write("bench/node_modules/dep/x.bench.ts", "");
  write("bench/.hidden/y.bench.ts", "");
  write("rounds/1.json", custom("render", 10));
  write("rounds/2.json", custom("render", 11));
  write("rounds/3.json", custom("render", 12));
  write("tree/run/new/result.json", custom("parse", 5));
  write("tree/run/report/index.html", "<html>not results</html>");
  write("notes.txt", "hello");
  write("empty/.keep", "");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const names = async (patterns: string[]) =>
  (await findFiles(patterns, root)).map((f) => f.path.slice(root.length + 1));

describe("finding files", () => {
  it.each([
    ["*.bench.ts", "a.bench.ts", true],
    ["*.bench.ts", "a.bench.tsx", false],
    ["*.bench.{js,mjs,ts}", "b.bench.mjs", true],
    ["*.bench.{js,mjs,ts}", "b.bench.cjs", false],
    ["round-?.json", "round-1.json", true],
    ["[ab].json", "c.json", false],
    ["a+b.json", "a+b.json", true],
  ])("%s matches %s: %s", (glob, name, expected) => {
    expect(segmentToRegExp(glob).test(name)).toBe(expected);
  });

  it("expands ** across folders, skipping dependencies and hidden folders", async () => {
    expect(await names(["bench/**/*.bench.{ts,mjs}"])).toEqual([
      "bench/a.bench.ts",
      "bench/deep/b.bench.mjs",
    ]);
  });

  it("lists every file inside a directory, sorted, each once", async () => {
    expect(await names(["rounds", "rounds/2.json"])).toEqual([
      "rounds/1.json",
      "rounds/2.json",
      "rounds/3.json",
    ]);
  });

  it.each([
    [["nope/*.json"], /^nope\/\*\.json: matches no files$/],
    [["missing.json"], /^missing\.json: no such file or directory$/],
    [["empty"], /^empty: is an empty directory$/],
  ])("%j is an error, not an empty run", async (patterns, message) => {
    await expect(findFiles(patterns, root)).rejects.toThrow(message);
  });
});

describe("parsing files", () => {
  it("treats each file as a round: the same benchmark in three files has three samples", async () => {
    const parsed = await parseFiles(["rounds"], "customSmallerIsBetter", root);
    expect(parsed.benchmarks).toHaveLength(1);
    const [metric] = Object.values(parsed.benchmarks[0]?.metrics ?? {});
    expect(metric?.samples).toEqual([0.01, 0.011, 0.012]);
    expect(parsed.tools).toEqual(["customSmallerIsBetter"]);
  });

  it("skips files inside a directory that are not results, and says which", async () => {
    const parsed = await parseFiles(["tree"], "customSmallerIsBetter", root);
    expect(parsed.benchmarks.map((b) => b.name)).toEqual(["parse"]);
    expect(parsed.skipped).toEqual(["tree/run/report/index.html"]);
  });

  it("fails on a file the user named when it is not in the format", async () => {
    await expect(parseFiles(["notes.txt"], "auto", root)).rejects.toThrow(
      /notes\.txt: line 1: no format recognised \(tried .*customSmallerIsBetter/,
    );
  });

  it("fails when a directory holds nothing it can read", async () => {
    await expect(parseFiles(["bench"], "auto", root)).rejects.toThrow(
      /no file in bench is in a format perfgate reads/,
    );
  });
});

describe("readFoundResults: one side of a comparison, by the same rules as parseFiles", () => {
  const run = (suite: string, value: number) =>
    JSON.stringify({
      schema: "perfgate/results/v1",
      suite,
      timestamp: "2026-11-01T00:00:00Z",
      environment: {},
      benchmarks: [
        { name: "b", metrics: { t: { unit: "s", direction: "lower", samples: [value] } } },
      ],
    });

  it("skips a file inside a named directory that is in no format, and says which", async () => {
    write("side/1.json", run("s", 1));
    write("side/2.json", run("s", 2));
    write("side/report/index.html", "<html>not results</html>");
    const skipped: string[] = [];
    const runs = await readFoundResults([join(root, "side")], {}, (f) => skipped.push(f));
    expect(runs.map((r) => r.benchmarks[0]?.metrics.t?.samples)).toEqual([[1], [2]]);
    expect(skipped).toEqual([join(root, "side/report/index.html")]);
  });

  it("a named file must be read: the same one-line error as any other reader", async () => {
    await expect(readFoundResults([join(root, "tree/run/report/index.html")])).rejects.toThrow(
      /index\.html: /,
    );
  });

  it("a directory with nothing perfgate reads is an error, not an empty side", async () => {
    write("nothing/index.html", "<html></html>");
    await expect(readFoundResults([join(root, "nothing")])).rejects.toThrow(
      /is in a format perfgate reads/,
    );
  });
});
