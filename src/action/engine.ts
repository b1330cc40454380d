/**
 * The pure middle of the pipeline as the Action uses it: read results, compare, render.
 * One object so a test (or the benchmark) can see exactly what the Action calls.
 */
import { compare } from "../analyze/compare.js";
import type { CompareInput, Report } from "../analyze/types.js";
import { readResultsFiles } from "../model/read.js";
import type { Results } from "../model/types.js";
import { renderJsonReport } from "../report/json.js";
import { type MarkdownOptions, renderMarkdown } from "../report/markdown.js";

export interface Engine {
  readResults(files: string[], tool?: string): Promise<Results[]>;
  compare(input: CompareInput): Report;
  markdown(report: Report, options: MarkdownOptions): string;
  json(report: Report): string;
}

export const defaultEngine: Engine = {
  readResults: (files, tool) => readResultsFiles(files, tool ? { tool } : {}),
  compare,
  markdown: renderMarkdown,
  json: renderJsonReport,
};
