/**
 * On a push to the baseline branch: the change points of the history with this run added,
 * in the job summary and the step outputs (`changes`, `changes-json`), then the opt-in
 * alert. Runs after the save, with the history this run saw plus itself (a concurrent
 * writer's run may be missing here; it is in the next push's view).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { changeOptionsFor, historyChanges } from "../analyze/historyChanges.js";
import { withPullCommits } from "../baseline/acceptPulls.js";
import type { Config } from "../model/config.js";
import type { Results } from "../model/types.js";
import {
  type ChangesDocument,
  renderChangesJson,
  renderChangesMarkdown,
} from "../report/changes.js";
import type { GitHubClient } from "../util/octokit.js";
import { type AlertKind, sendAlerts } from "./alerts.js";
import { Outputs } from "./constants.js";
import type { RunContext } from "./context.js";
import type { Toolkit } from "./toolkit.js";

export interface PushChangesInput {
  suite: string;
  /** The baseline history with this run appended, oldest first. */
  runs: Results[];
  config: Config | undefined;
  alert: AlertKind;
  ctx: RunContext;
  client: GitHubClient | undefined;
  workDir: string;
}

export async function reportPushChanges(input: PushChangesInput, kit: Toolkit): Promise<void> {
  // Entries naming a pull request mark the step at the commit it landed as.
  const accept = await withPullCommits(input.config?.accept ?? [], input.client, input.ctx, kit);
  const changes = historyChanges(input.runs, changeOptionsFor(input.config, accept));
  const doc: ChangesDocument = { suite: input.suite, runs: input.runs.length, changes };
  const file = join(input.workDir, "changes.json");
  await writeFile(file, renderChangesJson(doc));
  kit.setOutput(Outputs.Changes, String(changes.length));
  kit.setOutput(Outputs.ChangesJson, file);
  try {
    await kit.writeSummary(`\n${renderChangesMarkdown(doc)}`);
  } catch (error) {
    kit.warning(
      `Could not write the change points to the job summary: ${(error as Error).message}`,
    );
  }
  const commits = input.runs.map((r) => r.commit ?? null);
  await sendAlerts(input.alert, input.client, input.ctx, input.suite, changes, commits, kit);
}
