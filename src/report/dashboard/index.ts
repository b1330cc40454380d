/**
 * The dashboard renderer's public surface: histories (and a report) in, the site's files
 * out. Pure apart from reading its own assets once.
 */
import { dashboardAssets } from "./assets.js";
import { type DashboardInput, dashboardData, type PrFinding, type PrPoint } from "./model.js";
import { renderDashboard } from "./site.js";

export { dashboardData, prPointOf, SERIES_PER_SHARD, type SuiteHistory } from "./model.js";
export { scriptJson } from "./site.js";
export type { DashboardInput, PrFinding, PrPoint };

/** Every file of the site, by path relative to its root. */
export function buildDashboard(input: DashboardInput): Map<string, string> {
  return renderDashboard(dashboardData(input), dashboardAssets());
}

/** A GitHub repository's web address from `owner/name` or a URL; undefined for anything
 *  else. Only http(s) is ever put into a link. */
export function repoWebUrl(repo: string, server = "https://github.com"): string | undefined {
  const trimmed = repo.trim().replace(/\/+$/, "");
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(trimmed))
    return `${server.replace(/\/+$/, "")}/${trimmed}`;
  try {
    const url = new URL(trimmed);
    return url.protocol === "https:" || url.protocol === "http:"
      ? url.href.replace(/\/+$/, "")
      : undefined;
  } catch {
    return undefined;
  }
}
