/**
 * The pure middle of the pipeline as the Action uses it: read results, compare, render.
 * One object so a test (or the benchmark) can see exactly what the Action calls.
 */
import { compare } from "../analyze/compare.js";
import type { CompareInput, Report } from "../analyze/types.js";
import { readResults } from "../collect/read.js";
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
  // File by file: a matrix's files may name different suites, which run() reconciles.
  readResults: async (files, tool) => {
    const runs: Results[] = [];
    for (const file of files) runs.push(...(await readResults(file, tool ? { tool } : {})));
    return runs;
  },
  compare,
  markdown: renderMarkdown,
  json: renderJsonReport,
};
