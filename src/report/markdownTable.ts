/** The Markdown dialect of the shared table layout (table.ts): GitHub-flavoured pipe tables. */
import { escapeMarkdown } from "./escape.js";
import type { Tone } from "./grades.js";
import type { Table } from "./table.js";

/** Emoji per tone: a glance at the comment tells how bad it is. */
export const TONE_EMOJI: Record<Tone | "pass" | "fail", string> = {
  critical: "🔴",
  severe: "🟠",
  moderate: "🟡",
  minor: "⚪",
  improvement: "🟢",
  inconclusive: "❔",
  neutral: "",
  pass: "✅",
  fail: "❌",
};

/** "emoji text", or just the text for tones without an emoji. */
export function withEmoji(tone: Tone | "pass" | "fail", text: string): string {
  const emoji = TONE_EMOJI[tone];
  return emoji ? `${emoji} ${text}` : text;
}

/** Header and delimiter lines. */
export function markdownHeader(table: Table): string[] {
  const delimiter = table.aligns.map((a) => (a === "right" ? "---:" : ":---"));
  return [`| ${table.headers.join(" | ")} |`, `| ${delimiter.join(" | ")} |`];
}

/** One line per row, every cell escaped (the cells hold outside text). */
export function markdownRows(table: Table): string[] {
  return table.rows.map((cells, r) => markdownRow(table, cells, table.tones[r] ?? "neutral"));
}

/** One row's line; `table` gives the columns' shape (its own rows are not read). */
export function markdownRow(
  table: Pick<Table, "trusted" | "gradeColumn">,
  cells: readonly string[],
  tone: Tone,
): string {
  const escaped = cells.map((cell, c) => {
    const text = table.trusted[c] ? cell : escapeMarkdown(cell);
    return c === table.gradeColumn ? withEmoji(tone, text) : text;
  });
  return `| ${escaped.join(" | ")} |`;
}
