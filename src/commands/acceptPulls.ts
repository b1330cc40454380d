/**
 * `.perfgate.yml` accept: entries that name a pull request, for the CLI's `history changes`
 * and `compare`: the same lookup the Action makes (src/baseline/acceptPulls.ts), with a token
 * from --token or GITHUB_TOKEN and the repository from --repo or GITHUB_REPOSITORY (as a
 * workflow step has them). Without both, one warning says what the entries need, and they
 * stay as they are: they still accept that pull request's own runs, but mark no history step.
 * A --repo that is not owner/name is a usage error (exit 2).
 * Failure policy: as the Action's, never fatal (a pull request that cannot be read is a
 * warning).
 */
import { pullsToResolve, withPullCommits } from "../baseline/acceptPulls.js";
import type { AcceptEntry, Config } from "../model/config.js";
import { UsageError } from "../util/errors.js";
import { createClient } from "../util/octokit.js";
import type { Flag } from "./flags.js";

/** The two flags each command that reads accept: entries takes. */
export const ACCEPT_PULL_FLAGS = {
  token: {
    type: "string",
    value: "<token>",
    help: "GitHub token to find the commit an accept: entry's pr: landed as\n(default: $GITHUB_TOKEN; the variable keeps it out of the process list)",
  },
  repo: {
    type: "string",
    value: "<owner/name>",
    help: "the repository of those pull requests (default: $GITHUB_REPOSITORY)",
  },
} as const satisfies Record<string, Flag>;

export interface AcceptPullsSource {
  /** --token and --repo, when given. */
  token?: string;
  repo?: string;
  env: Record<string, string | undefined>;
  /** Where a line for the user goes (stderr). */
  warn: (line: string) => void;
}

/** The config's accept: entries with those naming a merged pull request resolved to the
 *  commit it landed as (beside the entry naming the PR), when a token and repository are
 *  at hand. `file` names the config in the warning. */
export async function acceptEntriesFor(
  config: Config | undefined,
  file: string | undefined,
  source: AcceptPullsSource,
): Promise<AcceptEntry[]> {
  // A --repo typed wrong is bad input whether or not an entry needs it (exit 2); a
  // GITHUB_REPOSITORY that is not owner/name only leaves the entries as they are (below).
  if (source.repo !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(source.repo)) {
    throw new UsageError(`--repo must be owner/name, not '${source.repo}'`);
  }
  const entries = config?.accept ?? [];
  const pulls = pullsToResolve(entries);
  if (pulls.length === 0) return [...entries];
  const token = source.token ?? source.env.GITHUB_TOKEN;
  const repository = source.repo ?? source.env.GITHUB_REPOSITORY;
  const [owner, repo, ...rest] = (repository ?? "").split("/");
  const where = file ?? ".perfgate.yml";
  const named = pulls.map((n) => `#${n}`).join(", ");
  if (!token || !owner || !repo || rest.length > 0) {
    const missing = !token
      ? "a GitHub token (GITHUB_TOKEN or --token)"
      : `the repository as owner/name (GITHUB_REPOSITORY or --repo${repository ? `, not '${repository}'` : ""})`;
    source.warn(
      `${where}: accept: entries with pr: (${named}) mark no history step without ${missing} to find the commit each landed as.`,
    );
    return [...entries];
  }
  const client = createClient({
    token,
    baseUrl: source.env.GITHUB_API_URL ?? "https://api.github.com",
  });
  return withPullCommits(
    entries,
    client,
    { owner, repo },
    { warning: (m) => source.warn(`${where}: ${m}`), info: (m) => source.warn(`${where}: ${m}`) },
  );
}
