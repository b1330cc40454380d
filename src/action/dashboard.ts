/**
 * The Action's dashboard (input `dashboard`): the site `perfgate dashboard` writes, built
 * from the baseline history, and published as
 *   - artifact: an artifact of this run (`@actions/artifact`), on any event; a pull
 *     request's site carries its own point on every chart;
 *   - branch: a commit to `dashboard-branch` (gh-pages) under `dashboard-path`, only from
 *     pushes to the baseline branch (as baselines are saved), through the same git path
 *     the run-files store saves with (baseline/branchGit.ts).
 * Failure policy: a site that cannot be published is a warning and a line in the summary,
 * never a failed job.
 */
import { join } from "node:path";
import { changeOptionsFor } from "../analyze/historyChanges.js";
import type { Report } from "../analyze/types.js";
import { publishSiteToBranch } from "../baseline/siteBranch.js";
import type { Config } from "../model/config.js";
import type { Results } from "../model/types.js";
import { buildDashboard, prPointOf, repoWebUrl } from "../report/dashboard/index.js";
import { writeFiles } from "../util/writeFiles.js";
import type { RunContext } from "./context.js";
import type { DashboardKind } from "./inputs.js";

/** Uploads `files` (absolute paths under `root`) as one artifact; returns its id. */
export type ArtifactUpload = (name: string, files: string[], root: string) => Promise<number>;

export const uploadWithActionsArtifact: ArtifactUpload = async (name, files, root) => {
  const { DefaultArtifactClient } = await import("@actions/artifact");
  const uploaded = await new DefaultArtifactClient().uploadArtifact(name, files, root);
  if (uploaded.id === undefined) throw new Error("the artifact service gave no artifact id");
  return uploaded.id;
};

export interface DashboardStep {
  kind: DashboardKind;
  branch: string;
  path: string;
  ctx: RunContext;
  suite: string;
  /** The history as it stands after this run (with it, on a saving push). */
  runs: Results[];
  /** This run's report: drawn as the pull request's point when the run is not saved. */
  report?: Report;
  /** Whether this run is a push to the baseline branch that saves the baseline. */
  saving: boolean;
  config: Config;
  workDir: string;
  workspace: string;
  upload: ArtifactUpload;
  log: (line: string) => void;
  now: () => number;
}

export type DashboardOutcome =
  | { published: true; url: string; where: string }
  | { published: false; note?: string };

/** The artifact's name: one per suite, in the characters artifact names allow. */
export function artifactName(suite: string): string {
  return `perfgate-dashboard-${suite.replace(/[^A-Za-z0-9._-]+/g, "-")}`;
}

/** Where GitHub Pages serves a branch's folder, on github.com (a custom domain differs). */
export function pagesUrl(ctx: RunContext, path: string): string | undefined {
  if (new URL(ctx.serverUrl).hostname !== "github.com") return undefined;
  const folder = path.replace(/^\.?\/+|\/+$/g, "").replace(/^\.$/, "");
  const site =
    ctx.repo.toLowerCase() === `${ctx.owner.toLowerCase()}.github.io`
      ? `https://${ctx.owner}.github.io/`
      : `https://${ctx.owner}.github.io/${ctx.repo}/`;
  return folder ? `${site}${folder}/` : site;
}

export async function publishDashboard(step: DashboardStep): Promise<DashboardOutcome> {
  const { ctx } = step;
  if (step.kind === "none") return { published: false };
  if (step.kind === "branch" && !step.saving) {
    step.log(
      `Not publishing the dashboard to '${step.branch}': only pushes to the baseline branch do.`,
    );
    return { published: false };
  }
  const report = step.report && !step.saving ? step.report : undefined;
  const repoUrl = repoWebUrl(`${ctx.owner}/${ctx.repo}`, ctx.serverUrl);
  const files = buildDashboard({
    histories: [{ suite: step.suite, runs: step.runs }],
    ...(report ? { report: prPointOf(report) } : {}),
    changes: changeOptionsFor(step.config),
    ...(repoUrl ? { repoUrl } : {}),
    title: `${ctx.owner}/${ctx.repo} · ${step.suite}`,
    generated: new Date(step.now()).toISOString(),
  });
  if (step.kind === "artifact") {
    const root = join(step.workDir, "dashboard");
    await writeFiles(root, files);
    const name = artifactName(step.suite);
    try {
      const id = await step.upload(
        name,
        [...files.keys()].map((f) => join(root, f)),
        root,
      );
      const url = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}/artifacts/${id}`;
      return { published: true, url, where: `artifact ${name}` };
    } catch (error) {
      return {
        published: false,
        note: `The dashboard was not uploaded: ${(error as Error).message.split("\n")[0]}`,
      };
    }
  }
  const done = await publishSiteToBranch({
    workspace: step.workspace,
    branch: step.branch,
    path: step.path,
    files,
    commitMessage: `perfgate: dashboard for ${ctx.sha.slice(0, 12)} (${step.suite})`,
  });
  if (!done.published)
    return { published: false, note: `The dashboard was not published: ${done.reason}` };
  const where = `${step.branch}:${step.path} (commit ${done.commit.slice(0, 12)})`;
  const url =
    pagesUrl(ctx, step.path) ??
    `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/tree/${step.branch}/${step.path}`;
  return { published: true, url, where };
}
