/**
 * The report renderers: pure functions from a Report (src/analyze/types.ts) to text. Writing
 * the text to stdout, a file, the job summary or a PR comment is the caller's step.
 */
export { type JsonReport, jsonReportChunks, renderJsonReport, toJsonReport } from "./json.js";
export { compactReportChunks, renderCompactReport } from "./jsonCompact.js";
export {
  COMMENT_LIMIT,
  DEFAULT_CHARTS,
  type MarkdownOptions,
  renderMarkdown,
  reportMarker,
  SUMMARY_LIMIT,
} from "./markdown.js";
export { DEFAULT_WIDTH, renderText, type TextOptions, wantsColor } from "./text.js";
