/**
 * `check: true`: the verdict as a Checks API check run, so it shows in the pull request's
 * checks list and can be a required check. One run per suite and commit: created with the
 * first 50 annotations, then updated with the rest 50 at a time (GitHub takes at most 50
 * per request); summary and text within 65,535 characters each. Failure policy: without
 * `checks: write` (a fork's token, or a workflow that did not grant it) it warns and the
 * run goes on.
 */
import type { Finding, Report } from "../analyze/types.js";
import { escapeTerminal } from "../report/escape.js";
import { headline } from "../report/headline.js";
import { measurementsOf } from "../report/measurements.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";
import { annotationText } from "./annotations.js";
import type { RunContext } from "./context.js";
import type { Engine } from "./engine.js";
import type { Toolkit } from "./toolkit.js";

/** GitHub's limit on a check run's output.summary and output.text. */
export const CHECK_OUTPUT_LIMIT = 65_535;
/** GitHub's limit on annotations per create or update request. */
export const CHECK_ANNOTATION_BATCH = 50;
/** Annotations sent at most (GitHub shows them all, but a thousand help nobody). */
const MAX_CHECK_ANNOTATIONS = 500;

type Level = "failure" | "warning" | "notice";

function levelOf(f: Finding, report: Report): Level {
  if (f.verdict !== "regression" || f.accepted) return "notice";
  const failing =
    report.status === "fail" && (f.severity === "critical" || f.severity === "severe");
  return failing ? "failure" : "warning";
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: Level;
  title: string;
  message: string;
}

/** One annotation per graded measurement (a time and its reciprocal throughput once, as the
 *  comment counts), worst first; `path` is where they point (a file the run read, so the
 *  annotation has somewhere to sit). */
export function checkAnnotations(report: Report, path: string): CheckAnnotation[] {
  return measurementsOf(report.findings)
    .map((m) => m.finding)
    .filter((f) => f.severity && (f.verdict === "regression" || f.verdict === "improvement"))
    .slice(0, MAX_CHECK_ANNOTATIONS)
    .map((f) => ({
      path,
      start_line: 1,
      end_line: 1,
      annotation_level: levelOf(f, report),
      title: `perfgate ${report.suite}: ${f.benchmark}`.slice(0, 255),
      message: `${annotationText(f)}${f.accepted ? ` (accepted by ${f.accepted})` : ""}`.slice(
        0,
        64_000,
      ),
    }));
}

export async function publishCheckRun(
  report: Report,
  ctx: RunContext,
  client: GitHubClient | undefined,
  annotationPath: string,
  deps: { engine: Engine; kit: Toolkit },
): Promise<string> {
  if (!client) {
    deps.kit.warning("No check run: input 'github-token' is empty.");
    return "";
  }
  const annotations = checkAnnotations(report, annotationPath);
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += CHECK_ANNOTATION_BATCH)
    batches.push(annotations.slice(i, i + CHECK_ANNOTATION_BATCH));
  // A check title is plain text, but a benchmark's name in it must not carry line breaks or
  // bidi overrides (as in the terminal).
  const title = headline(report, { quote: escapeTerminal }).text.slice(0, 255);
  const summary = deps.engine.markdown(report, {
    target: "comment",
    limit: CHECK_OUTPUT_LIMIT,
    elsewhere: "the job summary",
  });
  const repo = { owner: ctx.owner, repo: ctx.repo };
  try {
    const created = await client.rest.checks.create({
      ...repo,
      name: `perfgate (${report.suite})`,
      head_sha: ctx.pullRequest?.headSha ?? ctx.sha,
      status: "completed",
      conclusion: report.status === "fail" ? "failure" : "success",
      output: { title, summary, annotations: batches[0] ?? [] },
    });
    for (const batch of batches.slice(1)) {
      await client.rest.checks.update({
        ...repo,
        check_run_id: created.data.id,
        output: { title, summary, annotations: batch },
      });
    }
    deps.kit.info(`Published the check run: ${created.data.html_url ?? created.data.id}`);
    return created.data.html_url ?? "";
  } catch (error) {
    const failure = describeApiFailure(error);
    const hint =
      failure.kind === "permission"
        ? " Give the job `permissions: checks: write` (a pull request from a fork never has it; the verdict is in the comment and the job summary)."
        : "";
    deps.kit.warning(`No check run: ${failure.text}.${hint}`);
    return "";
  }
}
