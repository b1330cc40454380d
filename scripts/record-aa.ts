/**
 * Records real A/A data for the verdict-quality benchmark (bench/verdict.bench.ts):
 * the SAME deterministic workload, each run in a FRESH Node process, some runs while a second
 * process burns a core, so the numbers carry this machine's real noise (start-up, JIT, cache,
 * scheduler, neighbours). Nothing is simulated here.
 *
 *   npx tsx scripts/record-aa.ts [--runs 200] [--rounds 5] [--sessions 8] [--pairs 25]
 *                                [--out fixtures/aa]
 *   npx tsx scripts/record-aa.ts --hyperfine 60 [--out fixtures/aa]
 *
 * With --hyperfine N it records only N hyperfine runs (`--export-json`, 10 timed runs each)
 * of two unchanged commands into <out>/hyperfine/run-NN.json, every 4th block of 5 runs with
 * a second process burning a core: hyperfine's `user` and `system` are one value per run
 * (means), the metrics a first-week adopter's history is made of (issue 23).
 *
 * Each benchmark has two metrics per round: `time` (wall clock, what benchmarks usually report)
 * and `cpu` (user + system CPU time of the process during the round).
 *
 * Writes two kinds of perfgate files into --out:
 * - history.json: a perfgate history of `runs` runs, each a fresh process with `rounds` rounds;
 *   every 5th block of 10 runs ran under background load (environment.backgroundLoad).
 * - paired-<k>.json: `sessions` histories, each `pairs` × (A, B) fresh processes run back to
 *   back, alternating; runs carry ref "A" or "B" (same code on both sides). Sessions 2 and 5
 *   (0-based) ran under background load.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HISTORY_SCHEMA, type History, RESULTS_SCHEMA, type Results } from "../src/model/types.js";

/** Per benchmark, each round's wall-clock time and the CPU time (user + system) the process
 *  spent in it, in seconds. On a contended machine the two differ: wall time includes the
 *  time spent waiting for a core, CPU time mostly does not. */
type Rounds = Record<string, { wall: number[]; cpu: number[] }>;

/** The workload, run inside a fresh `node -e` process. Self-contained: it is sent as source
 *  text, so it may use only globals. */
function workload(rounds: number): Rounds {
  // Deterministic data: a small linear congruential generator, same seed every run.
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const doc = Array.from({ length: 3000 }, (_, i) => ({
    id: i,
    name: `item-${Math.floor(next() * 1e6)}`,
    tags: [next(), next(), next()].map((x) => x.toString(36).slice(2, 8)),
    nested: { a: next(), b: [1, 2, 3], c: { d: "text".repeat(3) } },
  }));
  const numbers = Float64Array.from({ length: 60_000 }, () => next());
  const bytes = new Uint8Array(1 << 20).map(() => Math.floor(next() * 256));
  let sink = 0;
  const benches: Record<string, () => void> = {
    "json/roundtrip": () => {
      for (let k = 0; k < 4; k++) sink += (JSON.parse(JSON.stringify(doc)) as unknown[]).length;
    },
    "sort/float64": () => {
      const copy = Array.from(numbers);
      copy.sort((a, b) => a - b);
      sink += copy[copy.length >> 1] ?? 0;
    },
    "hash/fnv1a": () => {
      let h = 0x811c9dc5;
      for (let k = 0; k < 6; k++)
        for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
      sink += h;
    },
  };
  const out: Record<string, { wall: number[]; cpu: number[] }> = {};
  for (const [name, fn] of Object.entries(benches)) {
    fn(); // one warm-up round, not recorded: the JIT compiles it
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      fn();
      wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    out[name] = { wall, cpu };
  }
  if (sink === 42) console.error("unreachable"); // keeps the work observable to the JIT
  return out;
}

const environment = {
  os: `${os.type()} ${os.release()}`,
  arch: os.arch(),
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  node: process.version,
  runner: "local (shared 2-core development machine)",
};

function runOnce(rounds: number): Rounds {
  // tsx (esbuild with keepNames) wraps functions in __name(); give the child a stand-in.
  const source = `const __name = (f) => f; process.stdout.write(JSON.stringify((${workload.toString()})(${rounds})))`;
  const text = execFileSync(process.execPath, ["-e", source], { encoding: "utf8" });
  return JSON.parse(text) as Rounds;
}

function toResults(samples: Rounds, index: number, ref: string, load: boolean): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite: "aa-workload",
    commit: `aa${String(index).padStart(6, "0")}`,
    ref,
    timestamp: new Date().toISOString(),
    // The 1-minute load average says how busy the machine was (2 cores: above 2 is queueing).
    environment: { ...environment, backgroundLoad: load, loadAverage1m: os.loadavg()[0] },
    benchmarks: Object.entries(samples).map(([name, s]) => ({
      name,
      metrics: {
        time: { unit: "s", direction: "lower" as const, samples: s.wall },
        cpu: { unit: "s", direction: "lower" as const, samples: s.cpu },
      },
    })),
  };
}

/** A second process spinning on a core: the "noisy neighbour" of a shared runner. */
function startLoad(): ChildProcess {
  return spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
}

function stopLoad(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null) child.kill("SIGKILL");
}

/** Two unchanged commands: one that mostly waits, one that mostly computes (a pipeline of
 *  three processes, so `system` time is real process start-up work). */
const HYPERFINE_COMMANDS = ["sleep 0.02", "sh -c 'seq 1 60000 | sort -r | md5sum'"];

function recordHyperfine(runs: number, out: string): void {
  const dir = path.join(out, "hyperfine");
  mkdirSync(dir, { recursive: true });
  let load: ChildProcess | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const underLoad = Math.floor(i / 5) % 4 === 3;
      if (underLoad && !load) load = startLoad();
      if (!underLoad && load) {
        stopLoad(load);
        load = undefined;
      }
      const file = path.join(
        dir,
        `run-${String(i).padStart(2, "0")}${underLoad ? "-load" : ""}.json`,
      );
      execFileSync(
        "hyperfine",
        ["-N", "--warmup", "1", "--runs", "10", "--export-json", file, ...HYPERFINE_COMMANDS],
        { stdio: "ignore" },
      );
    }
  } finally {
    stopLoad(load);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      hyperfine: { type: "string" },
      runs: { type: "string", default: "200" },
      rounds: { type: "string", default: "5" },
      sessions: { type: "string", default: "8" },
      pairs: { type: "string", default: "25" },
      "paired-rounds": { type: "string", default: "3" },
      out: { type: "string", default: "fixtures/aa" },
    },
  });
  const runs = Number(values.runs);
  const rounds = Number(values.rounds);
  const out = values.out;
  mkdirSync(out, { recursive: true });
  if (values.hyperfine !== undefined) {
    recordHyperfine(Number(values.hyperfine), out);
    return;
  }
  let load: ChildProcess | undefined;
  process.on("exit", () => stopLoad(load));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopLoad(load);
      process.exit(130);
    });
  }
  try {
    const history: History = { schema: HISTORY_SCHEMA, suite: "aa-workload", runs: [] };
    for (let i = 0; i < runs; i++) {
      const underLoad = Math.floor(i / 10) % 5 === 4;
      if (underLoad && !load) load = startLoad();
      if (!underLoad && load) {
        stopLoad(load);
        load = undefined;
      }
      history.runs.push(toResults(runOnce(rounds), i, "main", underLoad));
      if (i % 20 === 19) process.stderr.write(`history: ${i + 1}/${runs} runs\n`);
    }
    stopLoad(load);
    load = undefined;
    writeFileSync(path.join(out, "history.json"), `${JSON.stringify(history)}\n`);

    const sessions = Number(values.sessions);
    const pairs = Number(values.pairs);
    const pairedRounds = Number(values["paired-rounds"]);
    for (let k = 0; k < sessions; k++) {
      const underLoad = k === 2 || k === 5;
      if (underLoad) load = startLoad();
      const session: History = { schema: HISTORY_SCHEMA, suite: "aa-workload", runs: [] };
      for (let p = 0; p < pairs; p++) {
        for (const [j, side] of ["A", "B"].entries()) {
          session.runs.push(toResults(runOnce(pairedRounds), 2 * p + j, side, underLoad));
        }
      }
      stopLoad(load);
      load = undefined;
      writeFileSync(path.join(out, `paired-${k}.json`), `${JSON.stringify(session)}\n`);
      process.stderr.write(`paired: session ${k + 1}/${sessions}\n`);
    }
  } finally {
    stopLoad(load);
  }
}

main();
