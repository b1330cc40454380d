/**
 * The pure middle of the pipeline as the Action uses it: read results, compare, render.
 * One object so a test (or the benchmark) can see exactly what the Action calls.
 */
import { compare } from "../analyze/compare.js";
import type { CompareInput, Report } from "../analyze/types.js";
import { readResultsFiles } from "../collect/read.js";
import type { Results } from "../model/types.js";
import { renderJsonReport } from "../report/json.js";
import { renderCompactReport } from "../report/jsonCompact.js";
import { type MarkdownOptions, renderMarkdown } from "../report/markdown.js";

export interface Engine {
  /** The runs in `files` (collect/read.ts's rules): one suite, or all read as `suite`. */
  readResults(files: string[], tool?: string, suite?: string): Promise<Results[]>;
  compare(input: CompareInput): Report;
  markdown(report: Report, options: MarkdownOptions): string;
  json(report: Report): string;
  /** The compact report (perfgate/report/v2): input report-json-format: compact. */
  compactJson(report: Report): string;
}

export const defaultEngine: Engine = {
  // The same reader and rules as perfgate compare: a matrix's files that name different
  // suites are read as one only when the user named it (input suite or the config's).
  readResults: (files, tool, suite) =>
    readResultsFiles(files, {
      ...(tool ? { tool } : {}),
      ...(suite ? { suite, readAs: suite } : {}),
    }),
  compare,
  markdown: renderMarkdown,
  json: renderJsonReport,
  compactJson: renderCompactReport,
};
