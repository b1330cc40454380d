/**
 * The few runner commands the Action uses, behind one interface so a test can record
 * them. The default is @actions/core (workflow commands on stdout, files for outputs and
 * the summary).
 */
import { access, appendFile, constants } from "node:fs/promises";
import * as core from "@actions/core";

export interface AnnotationProps {
  title?: string;
}

export interface Toolkit {
  info(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  notice(message: string, props?: AnnotationProps): void;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  setFailed(message: string): void;
  /** Appends Markdown to the job summary; throws when the runner gave no summary file. */
  writeSummary(markdown: string): Promise<void>;
}

export const coreToolkit: Toolkit = {
  info: (m) => core.info(m),
  warning: (m, p) => core.warning(m, p ?? {}),
  error: (m, p) => core.error(m, p ?? {}),
  notice: (m, p) => core.notice(m, p ?? {}),
  setOutput: (n, v) => core.setOutput(n, v),
  setSecret: (s) => core.setSecret(s),
  setFailed: (m) => core.setFailed(m),
  // What core.summary.write() does, minus its cached file path: that cache outlives one
  // run() when tests call it several times in one process.
  writeSummary: async (markdown) => {
    const path = process.env.GITHUB_STEP_SUMMARY;
    if (!path)
      throw new Error("GITHUB_STEP_SUMMARY is not set: no job summary in this environment");
    await access(path, constants.R_OK | constants.W_OK);
    await appendFile(path, `${markdown}\n`, "utf8");
  },
};
