/**
 * `perfgate dashboard`: a static site of every benchmark over commits, from history files.
 *
 *   perfgate dashboard --history history.json --out site/ [--report report.json]
 *
 * The site works opened from disk and from GitHub Pages, with nothing fetched at view time.
 * Exit 0 when written; 2 for bad usage or input (one line naming the file, from cli.ts).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { changeOptionsFor } from "../analyze/historyChanges.js";
import { readResults } from "../collect/read.js";
import { SEVERITIES, type Severity } from "../model/defaults.js";
import { parseJson } from "../model/jsonText.js";
import { DEFAULT_CONFIG_FILE, loadSettings } from "../model/settings.js";
import type { Results } from "../model/types.js";
import { REPORT_SCHEMA } from "../model/types.js";
import { buildDashboard, type PrPoint, repoWebUrl } from "../report/dashboard/index.js";
import { InputError, UsageError } from "../util/errors.js";
import { writeFiles } from "../util/writeFiles.js";
import { type Flag, flagHelp, parseFlags } from "./flags.js";
import { filesOfFlags } from "./options.js";

/** dashboard's flags: parsed by parseFlags, listed by HELP. */
const FLAGS = {
  history: {
    type: "string",
    multiple: true,
    value: "<file>…",
    help: "perfgate histories, one per suite (or results files' runs, oldest first)",
  },
  out: { type: "string", value: "<dir>", help: "where to write the site (created if absent)" },
  report: {
    type: "string",
    value: "<file>",
    help: "a perfgate JSON report: its pull request's point is drawn on each chart",
  },
  repo: {
    type: "string",
    value: "<owner/name>",
    help: "link commits to this GitHub repository (or a URL)\n(default: $GITHUB_REPOSITORY on $GITHUB_SERVER_URL)",
  },
  title: { type: "string", value: "<text>", help: "the site's title (default: the repository)" },
  config: {
    type: "string",
    value: "<file>",
    help: `.perfgate.yml for thresholds and accept: (default ./${DEFAULT_CONFIG_FILE} if present)`,
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate dashboard --history <file>… --out <dir> [--report <file>]

Writes a static site of every suite, benchmark and metric over commits: an index with
search, grade filter and sparklines; per series a chart of each run with its spread, the
range the verdict expects, the change points (linked to their commit; accepted steps
apart) and the pull request's point; a regressions page and its Atom feed. It works
opened from disk and from GitHub Pages: nothing is fetched from the network.

${flagHelp(FLAGS)}

Exit status: 0 written, 2 bad usage or input.`;

/** The pull request's point from a perfgate JSON report (schema/report.v1.json). */
export async function readReportPoint(file: string): Promise<PrPoint> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code}`, file);
  }
  const doc = parseJson(text, file) as Record<string, unknown> | null;
  if (!doc || typeof doc !== "object" || doc.schema !== REPORT_SCHEMA)
    throw new InputError(`not a perfgate report (its "schema" is not "${REPORT_SCHEMA}")`, file);
  if (typeof doc.suite !== "string" || !Array.isArray(doc.findings))
    throw new InputError("a report needs a suite and findings", file);
  const current = (doc.current ?? {}) as { commit?: unknown };
  const findings = (doc.findings as Record<string, unknown>[]).map((f, i) => {
    if (typeof f?.benchmark !== "string" || typeof f.metric !== "string")
      throw new InputError("a finding needs a benchmark and a metric", file, `$.findings[${i}]`);
    const severity: Severity | "none" = (SEVERITIES as readonly string[]).includes(
      f.severity as string,
    )
      ? (f.severity as Severity)
      : "none";
    const change = (f.change as { estimate?: unknown } | null)?.estimate;
    return {
      benchmark: f.benchmark,
      metric: f.metric,
      current: typeof f.current === "number" ? f.current : null,
      verdict: String(f.verdict ?? ""),
      severity,
      change: typeof change === "number" ? change : null,
    };
  });
  return {
    suite: doc.suite,
    commit: typeof current.commit === "string" ? current.commit : null,
    findings,
  };
}

/** The runs of each suite in the files, in the order given (several files of one suite
 *  are its runs, oldest first). */
export async function readHistories(files: string[]) {
  const bySuite = new Map<string, Results[]>();
  for (const file of files) {
    const runs = await readResults(file);
    if (runs.length === 0) throw new InputError("holds no runs", file);
    for (const run of runs) {
      const list = bySuite.get(run.suite) ?? [];
      list.push(run);
      bySuite.set(run.suite, list);
    }
  }
  return [...bySuite].map(([suite, runs]) => ({ suite, runs }));
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseFlags(argv, FLAGS, "dashboard");
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { history } = filesOfFlags(parsed.tokens, ["history"], "dashboard");
  if (history.length === 0) throw new UsageError("dashboard: --history <file> is required");
  if (!v.out) throw new UsageError("dashboard: --out <dir> is required");
  let repoUrl: string | undefined;
  if (v.repo !== undefined) {
    repoUrl = repoWebUrl(v.repo);
    if (!repoUrl)
      throw new UsageError(
        `dashboard: --repo must be owner/name or an http(s) URL, not '${v.repo}'`,
      );
  } else if (process.env.GITHUB_REPOSITORY) {
    repoUrl = repoWebUrl(process.env.GITHUB_REPOSITORY, process.env.GITHUB_SERVER_URL);
  }

  const configFile =
    v.config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const { config } = await loadSettings(configFile ? { path: configFile } : undefined, {}, "flag");
  const histories = await readHistories(history);
  const report = v.report !== undefined ? await readReportPoint(v.report) : undefined;
  const files = buildDashboard({
    histories,
    ...(report ? { report } : {}),
    changes: changeOptionsFor(config),
    ...(repoUrl ? { repoUrl } : {}),
    title:
      v.title ??
      (repoUrl ? `${repoUrl.split("/").slice(-2).join("/")} benchmarks` : "perfgate dashboard"),
    generated: new Date().toISOString(),
  });
  try {
    await writeFiles(v.out, files);
  } catch (error) {
    throw new InputError(`cannot write the site: ${(error as Error).message}`, v.out);
  }
  process.stderr.write(
    `perfgate: wrote the dashboard to ${v.out}/index.html (${files.size} files)\n`,
  );
  return 0;
}
