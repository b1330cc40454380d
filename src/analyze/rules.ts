/**
 * Which policy applies to one benchmark and metric: the global thresholds, then every
 * config rule whose globs match, in order, the last match winning per field.
 *
 * Globs: `*` matches within one path segment (no `/`), `**` across segments, `?` one
 * character; everything else is literal. A metric glob that is absent matches every metric.
 */

import type { Config } from "../model/config.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../model/defaults.js";
import type { Direction } from "../model/types.js";

export interface Policy {
  thresholds: Thresholds;
  min?: number;
  max?: number;
  ceiling?: number;
  /** The unit each limit was written in, when it had one (see Rule.limitUnits). */
  limitUnits?: Partial<Record<"min" | "max" | "ceiling", string>>;
  /** Set by a rule: overrides the metric's own direction on both sides. */
  direction?: Direction;
  ignore: boolean;
}

const globCache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*" && glob[i + 1] === "*") {
      // "**/" also matches no directory at all ("a/**/b" matches "a/b").
      if (glob[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${source}$`);
  globCache.set(glob, re);
  return re;
}

export function matchesGlob(glob: string, name: string): boolean {
  return globToRegExp(glob).test(name);
}

/** The thresholds everything starts from: defaults, overridden by the config's own. */
export function baseThresholds(config: Config | undefined): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...stripUndefined(config?.thresholds ?? {}) };
}

/** The defined fields of o, in o's key order. A loop rather than entries/filter/fromEntries:
 *  it runs for every metric (30,000 in a large suite), with and without rules. */
function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  const record = o as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] !== undefined) out[key] = record[key];
  return out as Partial<T>;
}

const LIMITS = ["min", "max", "ceiling"] as const;

/**
 * Drops the limits written in another unit than the metric's ("max: 250 ms" matched to a
 * throughput in Gbit/s): comparing the numbers would be meaningless. Returns one warning
 * per dropped limit, so the user can narrow the rule.
 */
export function dropForeignLimits(
  policy: Policy,
  benchmark: string,
  metric: string,
  unit: string,
): string[] {
  const warnings: string[] = [];
  for (const bound of LIMITS) {
    const written = policy.limitUnits?.[bound];
    if (policy[bound] === undefined || written === undefined || written === unit) continue;
    warnings.push(
      `the rule's ${bound} (${written}) does not apply to '${benchmark}' ${metric}, measured in ${unit}: left out`,
    );
    policy[bound] = undefined;
  }
  return warnings;
}

export function policyFor(config: Config | undefined, benchmark: string, metric: string): Policy {
  const policy: Policy = { thresholds: baseThresholds(config), ignore: false };
  for (const rule of config?.rules ?? []) {
    if (!matchesGlob(rule.benchmark, benchmark)) continue;
    if (rule.metric !== undefined && !matchesGlob(rule.metric, metric)) continue;
    if (rule.thresholds)
      policy.thresholds = { ...policy.thresholds, ...stripUndefined(rule.thresholds) };
    for (const bound of LIMITS) {
      if (rule[bound] === undefined) continue;
      policy[bound] = rule[bound];
      const unit = rule.limitUnits?.[bound];
      if (unit !== undefined) policy.limitUnits = { ...policy.limitUnits, [bound]: unit };
      else if (policy.limitUnits?.[bound] !== undefined) {
        const { [bound]: _, ...rest } = policy.limitUnits;
        policy.limitUnits = rest;
      }
    }
    if (rule.direction !== undefined) policy.direction = rule.direction;
    if (rule.ignore !== undefined) policy.ignore = rule.ignore;
  }
  return policy;
}
