/**
 * The Action's own overhead, without running any benchmark: 1,000 benchmarks, a 30-run
 * baseline history, the real @actions/cache (real tar + zstd) against a local cache
 * service and the real Octokit against a local GitHub. Target: under 2 s wall per run.
 *
 * Phases are timed one by one with the same components run() uses, then whole runs of the
 * Action (a PR run: restore, compare, render, comment, summary; a push run: the same
 * without the comment, plus save). The reference is reading and parsing the results file,
 * the least any run must do.
 */
import { join } from "node:path";
import { findSticky, upsertSticky } from "../src/action/comment.js";
import { COMMENT_LIMIT, SUMMARY_LIMIT } from "../src/action/constants.js";
import { defaultEngine as engine } from "../src/action/engine.js";
import { createClient } from "../src/action/octokit.js";
import { CacheStore } from "../src/baseline/cacheStore.js";
import { withRun } from "../src/baseline/history.js";
import { reportMarker } from "../src/report/markdown.js";
import { bundleAction } from "../test/action/bundle.js";
import { makeWorld, runBundled, runInProcess } from "../test/action/harness.js";
import { baselineRuns, history, results } from "../test/baseline/builders.js";

const BENCHMARKS = 1000;
const HISTORY = 30;
const REPEATS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
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
    for (let r = 0; r < REPEATS; r++) {
      const env = world.env(
        { name: "pull_request", file: "pull_request.opened.json" },
        { results: file, comment: "always" },
      );
      const [t, out] = await time(() => runInProcess(env));
      if (out.code !== 0) throw new Error(`PR run failed: ${out.failed.join(" ")}`);
      pr.push(t);
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
      const [u, pout] = await time(() => runInProcess(penv));
      if (pout.code !== 0) throw new Error(`push run failed: ${pout.failed.join(" ")}`);
      push.push(u);
    }

    // What the runner sees: a fresh process loading the bundle (Node start included).
    const dist = await bundleAction();
    const bundled: number[] = [];
    let phasesLine = "";
    for (let r = 0; r < REPEATS; r++) {
      const env = world.env(
        { name: "pull_request", file: "pull_request.opened.json" },
        { results: file, comment: "always" },
      );
      const [t, out] = await time(() => runBundled(process.execPath, dist, env));
      if (out.code !== 0) throw new Error(`bundled PR run failed: ${out.log.slice(-500)}`);
      bundled.push(t);
      phasesLine = /perfgate finished in .*/.exec(out.log)?.[0] ?? phasesLine;
    }

    const reference = median(phases["read results (reference)"] ?? []);
    const historyBytes = Buffer.byteLength(JSON.stringify(history(runs)));
    console.log(
      `${BENCHMARKS} benchmarks, ${HISTORY}-run history (${(historyBytes / 1e6).toFixed(1)} MB of JSON), median of ${REPEATS}\n`,
    );
    console.log("| phase | median ms | × reference |");
    console.log("|---|---:|---:|");
    for (const [name, xs] of Object.entries(phases)) {
      const m = median(xs);
      console.log(`| ${name} | ${m.toFixed(0)} | ${(m / reference).toFixed(1)} |`);
    }
    console.log(
      `| **whole PR run (run())** | **${median(pr).toFixed(0)}** | ${(median(pr) / reference).toFixed(1)} |`,
    );
    console.log(
      `| **whole push run (run())** | **${median(push).toFixed(0)}** | ${(median(push) / reference).toFixed(1)} |`,
    );
    console.log(
      `| **whole PR run, bundled child process** | **${median(bundled).toFixed(0)}** | ${(median(bundled) / reference).toFixed(1)} |`,
    );
    console.log(`\nLast bundled run's own account: ${phasesLine}`);
    console.log(
      `\nAgainst the 2 s target: PR run ${(median(pr) / 2000).toFixed(2)}×, push run ${(median(push) / 2000).toFixed(2)}×, bundled PR run ${(median(bundled) / 2000).toFixed(2)}× of the budget.`,
    );
  } finally {
    process.env = saved;
    await world.close();
  }
}
