/**
 * `perfgate internal tinybench-round <file>`: one round in a fresh process. Imports the bench
 * file, runs its Bench once and sends the parent each task's median latency and throughput
 * (protocol.ts). A fresh process per round keeps JIT state, GC pressure and caches of one
 * round from leaking into the next, so rounds are independent observations.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Bench, type BenchOptions } from "tinybench";
import { type BenchLike, EXPECTED_EXPORTS, findBench, type TaskLike } from "./findBench.js";
import type { RoundMessage, TaskRound } from "./protocol.js";

/** A failure of the user's file, reported to the parent as one line. */
class BenchFileError extends Error {}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

async function loadBench(file: string): Promise<BenchLike> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new BenchFileError(`cannot load the bench file: ${describe(error)}`);
  }
  const source = findBench(exports);
  if (!source) throw new BenchFileError(`exports nothing perfgate can run: ${EXPECTED_EXPORTS}`);
  if (source.kind === "bench") return source.bench;
  const options = (typeof source.options === "object" ? source.options : {}) as BenchOptions;
  const bench = new Bench(options) as unknown as BenchLike;
  let returned: unknown;
  try {
    returned = await source.fill(bench);
  } catch (error) {
    throw new BenchFileError(`its default export threw: ${describe(error)}`);
  }
  return returned && typeof returned === "object" && "tasks" in returned
    ? (returned as BenchLike)
    : bench;
}

function figures(task: TaskLike): TaskRound {
  const result = task.result;
  if (!result || result.state === "errored") {
    throw new BenchFileError(`task "${task.name}" threw: ${describe(result?.error)}`);
  }
  if (result.state !== "completed") {
    throw new BenchFileError(`task "${task.name}" did not complete (${result.state})`);
  }
  const latency = result.latency?.p50;
  const throughput = result.throughput?.p50;
  if (typeof latency !== "number" || typeof throughput !== "number") {
    throw new BenchFileError(`task "${task.name}" has no latency statistics`);
  }
  return {
    name: task.name,
    latencyMedianMs: latency,
    throughputMedian: throughput,
    iterations: task.runs ?? 0,
  };
}

export async function measureRound(file: string): Promise<TaskRound[]> {
  const bench = await loadBench(file);
  if (bench.tasks.length === 0) throw new BenchFileError("its Bench has no tasks");
  // A file written for the console (`await bench.run(); console.table(…)`) has already run:
  // measure it again only when it has not.
  const alreadyRun = bench.tasks.every((t) => t.result?.state === "completed");
  if (!alreadyRun) {
    try {
      await bench.run();
    } catch (error) {
      throw new BenchFileError(`running it threw: ${describe(error)}`);
    }
  }
  return bench.tasks.map(figures);
}

function send(message: RoundMessage): Promise<void> {
  const channel = process.send?.bind(process);
  if (!channel) {
    // Started by hand: show the message instead.
    process.stdout.write(`${JSON.stringify(message)}\n`);
    return Promise.resolve();
  }
  return new Promise((done) => channel(message, undefined, {}, () => done()));
}

export async function main(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    await send({ error: "usage: perfgate internal tinybench-round <file>" });
    return 2;
  }
  try {
    await send({ tasks: await measureRound(file) });
    return 0;
  } catch (error) {
    await send({ error: error instanceof BenchFileError ? error.message : describe(error) });
    return 2;
  }
}
