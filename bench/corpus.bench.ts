/**
 * The verdict on real hosted-runner histories: public projects' github-action-benchmark
 * `data.js` files (fixtures/github-action-benchmark/corpus, sources in its README) replayed
 * commit by commit, each commit judged against the 20 runs before it (the issue's replay)
 * and the 30 before it (the Action's history-size), as the Action would have judged that
 * push without re-running it. Per suite: commits, how many carried an inconclusive finding, were
 * graded, failed the build, and whether each failure sits on a step that persists (the next
 * 3 runs stay at least half-way out to the failing level) or a one-run blip.
 *
 *   npm run bench -- corpus
 */
import { fileURLToPath } from "node:url";
import {
  ACTION_WINDOW,
  type Failure,
  loadCorpus,
  PERSIST_RUNS,
  replaySuite,
  replayWaitingOnePush,
  type SuiteReplay,
  WINDOW,
} from "./lib/corpus.js";
import { markdownTable, percent } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const DIR = fileURLToPath(new URL("../fixtures/github-action-benchmark/corpus", import.meta.url));

function failureText(failures: readonly Failure[]): string {
  // One entry per failing commit: a commit that failed on several series of one step is one
  // build failure. It sits on a persisting step when any of its failing series persists.
  const byCommit = new Map<number, Failure[]>();
  for (const f of failures) byCommit.set(f.index, [...(byCommit.get(f.index) ?? []), f]);
  return [...byCommit.values()]
    .map((fs) => {
      const worst = fs.reduce((a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a));
      const steps = fs.map((f) => f.step);
      const step = steps.includes("persists")
        ? "persists"
        : steps.includes("reverts")
          ? "blip"
          : "end";
      const more = fs.length > 1 ? ` +${fs.length - 1}` : "";
      return `${worst.commit} ${worst.benchmark}${more} ${percent(worst.change, 0)}: ${step}`;
    })
    .join("; ");
}

function totals(replays: readonly SuiteReplay[]) {
  const sum = (pick: (r: SuiteReplay) => number) => replays.reduce((s, r) => s + pick(r), 0);
  const failedCommits = replays.flatMap((r) => [...new Set(r.failures.map((f) => f.index))]);
  const stepOf = (r: SuiteReplay, index: number) => {
    const steps = r.failures.filter((f) => f.index === index).map((f) => f.step);
    // A build failure sits on a persisting step when any of its failing series persists.
    if (steps.includes("persists")) return "persists";
    return steps.includes("reverts") ? "reverts" : "unknown";
  };
  const byStep = { persists: 0, reverts: 0, unknown: 0 };
  for (const r of replays)
    for (const index of new Set(r.failures.map((f) => f.index))) byStep[stepOf(r, index)]++;
  return {
    commits: sum((r) => r.commits),
    inconclusive: sum((r) => r.inconclusive),
    graded: sum((r) => r.graded),
    failed: sum((r) => r.failed),
    hiccups: sum((r) => r.hiccups),
    failedCommits: failedCommits.length,
    byStep,
  };
}

export default async function corpus(): Promise<void> {
  const elapsed = startTimer();
  const suites = loadCorpus(DIR).filter((s) => s.history.runs.length > 1);
  for (const window of [WINDOW, ACTION_WINDOW]) {
    const replays = suites.map((s) => replaySuite(s, window));
    console.log(
      `\n### ${window} baseline runs before each commit${window === ACTION_WINDOW ? " (the Action's history-size)" : " (the issue's replay)"}\n\n${suites.length} suites from ${new Set(suites.map((s) => s.project)).size} files; each metric's baseline cut at its newest step, as the Action does; a failure persists when the next ${PERSIST_RUNS} runs stay at least half-way out.\n`,
    );
    console.log(
      markdownTable(
        [
          "project",
          "suite",
          "benchmarks",
          "commits",
          "inconclusive",
          "graded",
          "failed",
          "build failures (commit, worst series +others, change: step)",
        ],
        replays.map((r, i) => [
          r.project,
          r.suite,
          new Set(suites[i]?.history.runs.flatMap((run) => run.benchmarks.map((b) => b.name))).size,
          r.commits,
          percent(r.inconclusive / r.commits),
          percent(r.graded / r.commits),
          r.failed,
          failureText(r.failures) || "–",
        ]),
      ),
    );
    // Per project: its suites together.
    const projectOf = (r: SuiteReplay) => r.project.replace(/-(runtime|memory)$/, "");
    const projects = [...new Set(replays.map(projectOf))];
    console.log(
      `\n${markdownTable(
        [
          "project",
          "suites",
          "commits",
          "inconclusive",
          "graded",
          "build failures",
          "on a persisting step",
          "on a one-run blip",
        ],
        projects.map((p) => {
          const mine = replays.filter((r) => projectOf(r) === p);
          const t = totals(mine);
          return [
            p,
            mine.length,
            t.commits,
            percent(t.inconclusive / t.commits),
            percent(t.graded / t.commits),
            t.failed,
            t.byStep.persists,
            t.byStep.reverts,
          ];
        }),
      )}`,
    );
    const t = totals(replays);
    // The policy not taken, on the same replay: wait one more push before failing.
    const waiting = suites.map((s) => replayWaitingOnePush(s, window));
    const waited = totals(
      replays.map((r, i) => {
        const failures = waiting[i] ?? [];
        return { ...r, failed: new Set(failures.map((f) => f.index)).size, failures };
      }),
    );
    console.log(
      `\nIf it waited one more push (a series fails only when two pushes in a row fail on it): ${waited.failed} build failures: ${waited.byStep.persists} on a persisting step, ${waited.byStep.reverts} on a blip, ${waited.byStep.unknown} too close to the end; each one push after the commit that moved it. ${failureText(waiting.flat()) || "–"}`,
    );
    console.log(
      `\nAll: ${t.commits} commits; inconclusive on ${percent(t.inconclusive / t.commits)}, graded ${percent(t.graded / t.commits)}, failed the build on ${t.failed} (${percent(t.failed / t.commits, 2)}): ${t.byStep.persists} on a persisting step, ${t.byStep.reverts} on a one-run blip, ${t.byStep.unknown} too close to the end to tell; ${t.hiccups} failing verdict(s) passed as a runner hiccup.`,
    );
  }
  console.log(`\n(${(elapsed() / 1000).toFixed(1)} s)`);
}
