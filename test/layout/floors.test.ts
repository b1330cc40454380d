import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { floorBreaches } from "../../scripts/floors.js";

const repo = join(import.meta.dirname, "../..");

/** A throwaway src/ tree: file path → its text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "perfgate-floors-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the floors of src/", () => {
  it("perfgate's own tree has no upward import, no sideways import and no cycle", () => {
    expect(floorBreaches(repo)).toEqual([]);
  });

  it("a downward import and one inside a folder pass", () => {
    const root = tree({
      "src/model/types.ts": "export type X = 1;\n",
      "src/report/a.ts":
        'import type { X } from "../model/types.js";\nimport { b } from "./b.js";\n',
      "src/report/b.ts": "export const b = 1;\n",
      "src/commands/c.ts": 'import { start } from "../monitor/index.js";\n',
      "src/monitor/index.ts": 'export { start } from "./probe.js";\n',
      "src/monitor/probe.ts": "export const start = 1;\n",
    });
    expect(floorBreaches(root)).toEqual([]);
  });

  it.each([
    [
      "an import up a floor",
      { "src/model/read.ts": 'import { p } from "../collect/parsers/index.js";\n' },
      "src/model/read.ts -> src/collect/parsers/index.ts: runs up from floor 1 to 2",
    ],
    [
      "an import across one floor",
      { "src/baseline/s.ts": 'import type { C } from "../collect/parsers/index.js";\n' },
      "src/baseline/s.ts -> src/collect/parsers/index.ts: baseline/ and collect/ share floor 2, which is flat",
    ],
    [
      "a face reaching into a feature's internals",
      { "src/action/run.ts": 'import { lens } from "../ab/session.js";\n' },
      "src/action/run.ts -> src/ab/session.ts: enter ab/ through src/ab/index.ts",
    ],
  ])("%s is a breach", (_what, files, breach) => {
    const root = tree({
      "src/collect/parsers/index.ts": "export const p = 1;\n",
      "src/ab/session.ts": "export const lens = 1;\n",
      "src/ab/index.ts": 'export { lens } from "./session.js";\n',
      ...files,
    });
    expect(floorBreaches(root)).toEqual([breach]);
  });

  it("two files that import each other are a cycle", () => {
    const root = tree({
      "src/collect/suite.ts": 'import { b } from "./scaling.js";\nexport const a = 1;\n',
      "src/collect/scaling.ts": 'import { a } from "./suite.js";\nexport const b = 1;\n',
    });
    expect(floorBreaches(root)).toEqual(["cycle: src/collect/scaling.ts -> src/collect/suite.ts"]);
  });

  it("a new folder under src/ must be given a floor", () => {
    const root = tree({ "src/dashboard/page.ts": "export const page = 1;\n" });
    expect(floorBreaches(root)).toEqual([
      "src/dashboard/page.ts: src/dashboard has no floor (add it to scripts/floors.ts and docs)",
    ]);
  });
});
