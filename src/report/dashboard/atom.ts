/**
 * The regressions page as an Atom feed (RFC 4287): one entry per regression change point,
 * newest first, so a feed reader tells people when a benchmark got worse on the baseline
 * branch. Links are relative to the feed, as RFC 4287 §4.2.7 allows (resolved against the
 * feed's own address), so the feed works wherever the site is published.
 */
import { shortCommit } from "../../analyze/historyChanges.js";
import { escapeHtml } from "../escape.js";
import { formatPercent, formatValue } from "../format.js";
import type { DashboardData } from "./model.js";

/** Entries in the feed: readers show the newest few; the page lists them all. */
export const FEED_ENTRIES = 100;

export function renderAtom(data: DashboardData): string {
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const regressions = data.changes.filter((c) => c.kind === "regression").slice(0, FEED_ENTRIES);
  const updated = regressions[0]?.timestamp ?? data.generated;
  const entries = regressions.map((c) => {
    const s = byId.get(c.series);
    if (!s) return "";
    const name = `${s.benchmark} ${s.metric}`;
    const grade = c.accepted !== null ? "accepted" : c.severity;
    const title = `${name} ${formatPercent(c.change)} (${grade}) at ${shortCommit(c.commit)}`;
    const text =
      `${s.suite}: ${name} moved from ${formatValue(c.before, s.unit)} to ` +
      `${formatValue(c.after, s.unit)} (${formatPercent(c.change)}) at commit ${c.commit ?? "(none)"}` +
      (c.accepted !== null ? `; accepted: ${c.accepted}` : "");
    const commitLink =
      data.repoUrl && c.commit
        ? `\n  <link rel="related" href="${escapeHtml(`${data.repoUrl}/commit/${encodeURIComponent(c.commit)}`)}"/>`
        : "";
    return `<entry>
  <id>urn:perfgate:change:${c.series}:${c.run}:${escapeHtml(c.commit ?? "none")}</id>
  <title>${escapeHtml(title)}</title>
  <updated>${escapeHtml(c.timestamp)}</updated>
  <link rel="alternate" href="series.html#${c.series}"/>${commitLink}
  <summary>${escapeHtml(text)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:perfgate:dashboard:${escapeHtml(data.repoUrl ?? data.title)}</id>
<title>${escapeHtml(`${data.title}: regressions`)}</title>
<updated>${escapeHtml(updated)}</updated>
<author><name>perfgate</name></author>
<link rel="alternate" href="regressions.html"/>
<link rel="self" href="feed.atom"/>
${entries.filter(Boolean).join("\n")}
</feed>
`;
}
