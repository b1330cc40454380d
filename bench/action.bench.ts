/**
 * The Action's own overhead, without running any benchmark: 1,000 benchmarks, a 30-run
 * baseline history, the real @actions/cache (real tar + zstd) against a local cache
 * service and the real Octokit against a local GitHub. Target: under 2 s wall per run.
 *
 * Phases are timed one by one with the same components run() uses, then whole runs of the
 * Action (a PR run: restore, compare, render, comment, summary; a push run: the same
 * without the comment, plus save). The reference for the phases is reading and parsing the
 * results file, the least any run must do.
 *
 * Whole runs report wall time and CPU time: the machine is shared, so wall time swings with
 * other work while CPU time mostly does not. Bundled runs are fresh child processes, as on a
 * runner; their CPU comes from bash's `times` (the child and everything it waited for: tar,
 * zstd), so the local servers, which live in this process, are not counted. In-process CPU
 * is this process's, servers included. The references for the child runs are `node -e 0`
 * (Node starting) and the bundle loading and stopping at a bad input (Node + the bundle).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { findSticky, upsertSticky } from "../src/action/comment.js";
import { defaultEngine as engine } from "../src/action/engine.js";
import { CacheStore } from "../src/baseline/cacheStore.js";
import { withRun } from "../src/baseline/history.js";
import { COMMENT_LIMIT, SUMMARY_LIMIT } from "../src/report/index.js";
import { reportMarker } from "../src/report/markdown.js";
import { createClient } from "../src/util/octokit.js";
import { median } from "../src/util/quantiles.js";
import { bundleAction } from "../test/action/bundle.js";
import { makeWorld, runInProcess } from "../test/action/harness.js";
import { baselineRuns, history, results } from "../test/baseline/builders.js";

const BENCHMARKS = 1000;
const HISTORY = 30;
const REPEATS = 3;

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

/** Wall and CPU milliseconds of an in-process call (CPU of this whole process). */
async function timeCpu<T>(fn: () => Promise<T>): Promise<[number, number, T]> {
  const c0 = process.cpuUsage();
  const [wall, value] = await time(fn);
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000, value];
}

/**
 * Octokit's throttling plugin spaces writes of one process at least 1 s apart (its "write"
 * group, shared by every client in the process). A run writes one comment; waiting out the
 * spacing before the next timed write keeps that wait out of the figures.
 */
const WRITE_SPACING_MS = 1100;

interface ChildRun {
  code: number;
  log: string;
  wallMs: number;
  cpuMs: number;
}

/** Parses bash's `times` line for children: "0m1.234s 0m0.120s" (user, system). */
function childCpuMs(times: string): number {
  const lines = times.trim().split("\n");
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(lines.at(-1) ?? "");
  if (!m) throw new Error(`cannot read CPU time from: ${times}`);
  return (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
}

/** Runs `node args…` in a fresh process; CPU from bash's `times` after it exits. */
function runChild(args: string[], env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // fd 3 carries `times`, so the child's own output stays untouched.
    const script = '"$@"; rc=$?; times >&3; exit $rc';
    const t0 = performance.now();
    const child = spawn("bash", ["-c", script, "bash", process.execPath, ...args], {
      env: { ...env, PATH: process.env.PATH ?? "/usr/bin:/bin" },
      cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    let log = "";
    let times = "";
    child.stdout?.on("data", (c: Buffer) => {
      log += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      log += c.toString();
    });
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (c: Buffer) => {
      times += c.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      try {
        resolve({ code: code ?? -1, log, wallMs, cpuMs: childCpuMs(times) });
      } catch (error) {
        reject(error);
      }
    });
  });
}

export default async function (): Promise<void> {
  const world = await makeWorld();
  const saved = process.env;
  try {
    const runs = baselineRuns(HISTORY, { n: BENCHMARKS });
    const current = results({ n: BENCHMARKS, commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });
    const file = world.write("current.json", current);
    const prEnv = world.env(
      { name: "pull_request", file: "pull_request.opened.json" },
      { results: file, comment: "always" },
    );
    process.env = { ...prEnv };
    const store = (runId: string) =>
      new CacheStore({
        suite: "unit",
        branch: "master",
        os: "Linux",
        arch: "X64",
        runId,
        runAttempt: "1",
        dir: join(prEnv.RUNNER_TEMP as string, "perfgate-baseline", "unit"),
      });
    await store("1").save(() => history(runs));
    const client = createClient({ token: "ghs_default_token", baseUrl: world.github.url });
    const issue = { owner: "Codertocat", repo: "Hello-World", number: 2 };

    const phases: Record<string, number[]> = {
      "read results (reference)": [],
      "restore (cache + tar)": [],
      compare: [],
      "render comment + summary + JSON": [],
      "comment (find + update)": [],
      "summary (write)": [],
      "save (look-up + tar + upload)": [],
    };
    for (let r = 0; r < REPEATS; r++) {
      const [read, cur] = await time(() => engine.readResults([join(world.workspace, file)]));
      phases["read results (reference)"]?.push(read);
      // One store for load and save, as in run(): the save only looks the key up again.
      const mine = store(String(10 + r));
      const [restore, load] = await time(() => mine.load());
      phases["restore (cache + tar)"]?.push(restore);
      const baseline = load.kind === "found" ? load.history.runs : [];
      const [cmp, report] = await time(() => engine.compare({ baseline, current: cur, seed: 1 }));
      phases.compare?.push(cmp);
      const marker = reportMarker("unit");
      const [render, texts] = await time(() => ({
        comment: engine.markdown(report, { target: "comment", limit: COMMENT_LIMIT, marker }),
        summary: engine.markdown(report, { target: "summary", limit: SUMMARY_LIMIT }),
        json: engine.json(report),
      }));
      phases["render comment + summary + JSON"]?.push(render);
      await new Promise((r) => setTimeout(r, WRITE_SPACING_MS));
      const [comment] = await time(async () =>
        upsertSticky(client, issue, await findSticky(client, issue, marker), texts.comment),
      );
      phases["comment (find + update)"]?.push(comment);
      const [summary] = await time(async () => {
        const { appendFile } = await import("node:fs/promises");
        await appendFile(prEnv.GITHUB_STEP_SUMMARY as string, texts.summary);
      });
      phases["summary (write)"]?.push(summary);
      const [save] = await time(() => mine.save((s) => withRun(s, current, HISTORY)));
      phases["save (look-up + tar + upload)"]?.push(save);
    }
    process.env = saved;

    const pr: number[] = [];
    const push: number[] = [];
    const prCpu: number[] = [];
    const pushCpu: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const env = world.env(
        { name: "pull_request", file: "pull_request.opened.json" },
        { results: file, comment: "always" },
      );
      await new Promise((r) => setTimeout(r, WRITE_SPACING_MS));
      const [t, cpu, out] = await timeCpu(() => runInProcess(env));
      if (out.code !== 0) throw new Error(`PR run failed: ${out.failed.join(" ")}`);
      pr.push(t);
      prCpu.push(cpu);
      const penv = world.env(
        {
          name: "push",
          file: "push.master.json",
          ref: "refs/heads/master",
          sha: `${r}`.repeat(40),
          runId: String(50 + r),
        },
        { results: file },
      );
      const [u, ucpu, pout] = await timeCpu(() => runInProcess(penv));
      if (pout.code !== 0) throw new Error(`push run failed: ${pout.failed.join(" ")}`);
      push.push(u);
      pushCpu.push(ucpu);
    }

    // What the runner sees: a fresh process loading the bundle (Node start included), for a
    // PR run and a push run, between the two references, interleaved so drift hits all alike.
    const dist = await bundleAction();
    const script = join(dist, "index.js");
    const child: Record<"nodeStart" | "bundleLoad" | "pr" | "push", ChildRun[]> = {
      nodeStart: [],
      bundleLoad: [],
      pr: [],
      push: [],
    };
    let phasesLine = "";
    for (let r = 0; r < REPEATS; r++) {
      child.nodeStart.push(await runChild(["-e", "0"], {}));
      // Loads and evaluates the whole bundle, then stops at the first input it reads.
      const bad = await runChild([script], { "INPUT_HISTORY-SIZE": "junk" });
      if (!bad.log.includes("history-size")) throw new Error(`bare load: ${bad.log}`);
      child.bundleLoad.push(bad);
      await new Promise((res) => setTimeout(res, WRITE_SPACING_MS));
      const env = world.env(
        { name: "pull_request", file: "pull_request.opened.json" },
        { results: file, comment: "always" },
      );
      const out = await runChild([script], env);
      if (out.code !== 0) throw new Error(`bundled PR run failed: ${out.log.slice(-500)}`);
      child.pr.push(out);
      phasesLine = /perfgate finished in .*/.exec(out.log)?.[0] ?? phasesLine;
      const penv = world.env(
        {
          name: "push",
          file: "push.master.json",
          ref: "refs/heads/master",
          sha: `${r + 5}`.repeat(40),
          runId: String(80 + r),
        },
        { results: file },
      );
      const pout = await runChild([script], penv);
      if (pout.code !== 0) throw new Error(`bundled push run failed: ${pout.log.slice(-500)}`);
      if (!pout.log.includes("Saved the baseline")) throw new Error("bundled push run: no save");
      child.push.push(pout);
    }

    const reference = median(phases["read results (reference)"] ?? []);
    const historyBytes = Buffer.byteLength(JSON.stringify(history(runs)));
    console.log(
      `${BENCHMARKS} benchmarks, ${HISTORY}-run history (${(historyBytes / 1e6).toFixed(1)} MB of JSON), median of ${REPEATS}\n`,
    );
    console.log("| phase (in-process, warm) | median ms | × reference |");
    console.log("|---|---:|---:|");
    for (const [name, xs] of Object.entries(phases)) {
      const m = median(xs);
      console.log(`| ${name} | ${m.toFixed(0)} | ${(m / reference).toFixed(1)} |`);
    }

    const startWall = median(child.nodeStart.map((c) => c.wallMs));
    const startCpu = median(child.nodeStart.map((c) => c.cpuMs));
    const row = (name: string, wall: number, cpu: number) =>
      console.log(
        `| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${(wall / startWall).toFixed(1)} | ${(cpu / startCpu).toFixed(1)} | ${(wall / 2000).toFixed(2)} |`,
      );
    const childRow = (name: string, xs: ChildRun[]) =>
      row(name, median(xs.map((c) => c.wallMs)), median(xs.map((c) => c.cpuMs)));
    console.log(
      "\n| whole run | wall ms | CPU ms | wall × `node -e 0` | CPU × `node -e 0` | wall / 2 s budget |",
    );
    console.log("|---|---:|---:|---:|---:|---:|");
    childRow("reference: `node -e 0` (child)", child.nodeStart);
    childRow("reference: bundle load, stop at a bad input (child)", child.bundleLoad);
    row("PR run, in-process run() (CPU incl. local servers)", median(pr), median(prCpu));
    row("push run, in-process run() (CPU incl. local servers)", median(push), median(pushCpu));
    childRow("**PR run, bundled child process**", child.pr);
    childRow("**push run, bundled child process**", child.push);
    console.log(`\nLast bundled PR run's own account: ${phasesLine}`);
  } finally {
    process.env = saved;
    await world.close();
  }
}
