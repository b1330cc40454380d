/** Markdown tables for the benchmark reports, written once and shared. */

/** Escapes a cell so text cannot break the table (pipes, newlines) or inject HTML. */
export function cell(value: string | number): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

/** A Markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const numeric = header.map((_, c) =>
    rows.every((r) => /^[-+]?[\d.,]+\s*(%|ms|s|MB|x|×)?$/.test(String(r[c] ?? ""))),
  );
  const line = (cells: (string | number)[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${numeric.map((n) => (n ? "---:" : "---")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** 0.0523 → "5.2 %". */
export function percent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)} %`;
}
