import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchFileStem, collectTinybench, runRound } from "../../src/collect/tinybench/collect.js";
import { typeScriptFlags } from "../../src/collect/tinybench/typescript.js";
import { InputError } from "../../src/util/errors.js";
import { median } from "../../src/util/quantiles.js";
import { node24 } from "../helpers/node24.js";
import { bundleCli } from "./helpers/bundle.js";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/tinybench/${name}`, import.meta.url));
const run = promisify(execFile);

describe("tinybench files", () => {
  it("runs each round in a fresh process and keeps one sample per round and metric", async () => {
    const seen: number[] = [];
    const benchmarks = await collectTinybench({
      files: [fixture("strings.bench.mjs")],
      rounds: 3,
      onRound: (_file, round) => seen.push(round),
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(benchmarks.map((b) => b.name)).toEqual(["strings/join", "strings/sort"]);
    for (const b of benchmarks) {
      expect(b.metrics.latency).toMatchObject({ unit: "s", direction: "lower" });
      expect(b.metrics.throughput).toMatchObject({ unit: "ops/s", direction: "higher" });
      expect(b.metrics.latency?.samples).toHaveLength(3);
      expect(b.metrics.throughput?.samples).toHaveLength(3);
      for (const s of [
        ...(b.metrics.latency?.samples ?? []),
        ...(b.metrics.throughput?.samples ?? []),
      ])
        expect(s).toBeGreaterThan(0);
    }
    // Sorting 2000 strings costs about 100x joining 20: an order that survives any noise.
    const [join, sort] = benchmarks;
    expect(median(sort?.metrics.latency?.samples ?? [])).toBeGreaterThan(
      5 * median(join?.metrics.latency?.samples ?? []),
    );
  });

  it("accepts a file that exports its own Bench", async () => {
    const tasks = await runRound(fixture("exported.bench.js"));
    expect(tasks.map((t) => t.name)).toEqual(["sum"]);
    expect(tasks[0]?.iterations).toBeGreaterThan(0);
  });

  it.each([
    [
      "broken/load-throws.bench.mjs",
      /load-throws\.bench\.mjs: cannot load the bench file: database URL is not set$/,
    ],
    [
      "broken/task-throws.bench.mjs",
      /task-throws\.bench\.mjs: task "explodes" threw: cannot read properties/,
    ],
    [
      "broken/nothing.bench.mjs",
      /nothing\.bench\.mjs: exports nothing perfgate can run: export default a function/,
    ],
    ["broken/missing.bench.mjs", /missing\.bench\.mjs: cannot load the bench file: /],
  ])("rejects %s with one line naming the file", async (name, message) => {
    const error = await runRound(fixture(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("refuses two files whose tasks would get the same names", async () => {
    await expect(
      collectTinybench({
        files: [fixture("strings.bench.mjs"), "other/strings.bench.ts"],
        rounds: 1,
      }),
    ).rejects.toThrow(/strings\.bench\.ts: has the same name as .*strings\.bench\.mjs/);
  });

  it("names benchmarks after the file without its .bench suffix", () => {
    expect(benchFileStem("src/a/sort.bench.ts")).toBe("sort");
    expect(benchFileStem("x.bench.mjs")).toBe("x");
    expect(benchFileStem("plain.js")).toBe("plain");
  });
});

describe("TypeScript bench files", () => {
  it.each([
    [{ version: "20.20.2" }, "error"],
    [{ version: "22.5.1" }, "error"],
    [{ version: "22.6.0" }, ["--experimental-strip-types"]],
    [{ version: "22.12.0", typescript: false }, ["--experimental-strip-types"]],
    [{ version: "23.6.0", typescript: "strip" }, []],
    [{ version: "24.1.0", typescript: "strip" }, []],
  ] as const)("on Node %o: %o", (runtime, expected) => {
    if (expected === "error") {
      expect(() => typeScriptFlags("a.bench.ts", runtime)).toThrow(
        /^a\.bench\.ts: TypeScript bench files need Node >= 22\.6 .* this is Node \d/,
      );
    } else {
      expect(typeScriptFlags("a.bench.ts", runtime)).toEqual(expected);
    }
    expect(typeScriptFlags("a.bench.mjs", runtime)).toEqual([]);
  });

  let bundle: Awaited<ReturnType<typeof bundleCli>>;
  beforeAll(async () => {
    bundle = await bundleCli();
  });
  afterAll(() => bundle?.dispose());

  it("runs a .ts file under Node 24, which strips the types itself", async () => {
    const { stdout } = await run(node24, [
      bundle.cli,
      "internal",
      "tinybench-round",
      fixture("typed.bench.ts"),
    ]);
    const message = JSON.parse(stdout) as { tasks: { name: string; latencyMedianMs: number }[] };
    expect(message.tasks.map((t) => t.name)).toEqual(["distance"]);
    expect(message.tasks[0]?.latencyMedianMs).toBeGreaterThan(0);
  });

  it("on a Node without type stripping says in one line what to do instead of crashing", async () => {
    // The runtime is this unit's edge: CI runs on Node 24, where the file would simply run.
    const runtime = { version: "20.20.2", typescript: false };
    const error = await runRound(fixture("typed.bench.ts"), { runtime }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /typed\.bench\.ts: TypeScript bench files need Node >= 22\.6 .*this is Node 20\.20\.2/,
    );
  });
});
