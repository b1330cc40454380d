/**
 * The sticky comment step, with its failure policy: whatever GitHub answers, the run goes
 * on; a 403 (a fork's read-only token) points to the two-workflow recipe, a used-up rate
 * limit says when it resets.
 */
import type { Report } from "../analyze/types.js";
import { COMMENT_LIMIT } from "../report/index.js";
import { reportMarker } from "../report/markdown.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";
import { findSticky, type IssueRef, upsertSticky } from "./comment.js";
import { FORK_RECIPE } from "./constants.js";
import type { RunContext } from "./context.js";
import type { Engine } from "./engine.js";
import type { CommentPolicy } from "./inputs.js";
import { shouldComment } from "./policy.js";
import type { Toolkit } from "./toolkit.js";

export interface Published {
  commentUrl: string;
  /** Added to the summary: why there is no comment and what to do. */
  note?: string;
}

export async function publishComment(
  report: Report,
  policy: CommentPolicy,
  ctx: RunContext,
  client: GitHubClient | undefined,
  deps: { engine: Engine; kit: Toolkit },
  /** A line under the report (the dashboard's link), kept inside the size limit. */
  footer = "",
): Promise<Published> {
  const pr = ctx.pullRequest;
  if (!pr || policy === "never") return { commentUrl: "" };
  if (!client) {
    const note = "No PR comment: input 'github-token' is empty.";
    deps.kit.warning(note);
    return { commentUrl: "", note };
  }
  const issue: IssueRef = { owner: ctx.owner, repo: ctx.repo, number: pr.number };
  const marker = reportMarker(report.suite);
  try {
    const existing = await findSticky(client, issue, marker);
    if (!shouldComment(policy, report, existing !== undefined)) {
      deps.kit.info("No PR comment: nothing graded or flagged (comment: auto).");
      return { commentUrl: "" };
    }
    const extra = footer ? `\n\n${footer}\n` : "";
    const body =
      deps.engine.markdown(report, {
        target: "comment",
        limit: COMMENT_LIMIT - extra.length,
        marker,
      }) + extra;
    const comment = await upsertSticky(client, issue, existing, body);
    deps.kit.info(`${existing ? "Updated" : "Posted"} the PR comment: ${comment.url}`);
    return { commentUrl: comment.url };
  } catch (error) {
    const failure = describeApiFailure(error);
    if (failure.kind === "permission" && failure.status === 403) {
      const note = `No PR comment: the token may not write to this pull request (403${pr.fromFork ? ", a pull request from a fork" : ""}). Use ${FORK_RECIPE}, or give the job \`permissions: pull-requests: write\`.`;
      deps.kit.warning(note);
      return { commentUrl: "", note };
    }
    const next: Record<string, string> = {
      "rate-limit":
        " The report is in the job summary; the next run after the reset comments again.",
      timeout: " The report is in the job summary; the next run tries again.",
      unreachable: " The report is in the job summary; the next run tries again.",
      service: " The report is in the job summary; the next run tries again.",
    };
    const note = `No PR comment: ${failure.text}.${next[failure.kind] ?? ""}`;
    deps.kit.warning(note);
    return { commentUrl: "", note };
  }
}
