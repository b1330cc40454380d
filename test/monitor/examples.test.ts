/**
 * examples/monitoring/: the Grafana dashboard and the Prometheus alert rules reference only
 * metrics the exporter emits (prometheus.test.ts scrapes every METRIC_NAMES entry from a
 * real session), and promtool accepts the rules.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { METRIC_NAMES } from "../../src/monitor/prometheus.js";
import { ROOT } from "../cli/run.js";
import { promtool, requireTool } from "../helpers/systemTools.js";

const DIR = join(ROOT, "examples/monitoring");
const HISTOGRAMS: string[] = [METRIC_NAMES.roundTrip, METRIC_NAMES.burstThroughput];
/** What a query may name: each metric, and a histogram's _bucket, _sum and _count series. */
const EMITTED = new Set<string>([
  ...Object.values(METRIC_NAMES),
  ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`]),
]);

/** The perfgate metric names a PromQL expression mentions. */
const namesIn = (expr: string) => expr.match(/\bperfgate_[a-z_]+/g) ?? [];

/** Every PromQL string in a Grafana dashboard: panel targets and template queries. */
function dashboardQueries(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(dashboardQueries);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === "expr" || key === "query") && typeof value === "string"
      ? [value]
      : dashboardQueries(value),
  );
}

const rules = parseYaml(readFileSync(join(DIR, "alerts.yml"), "utf8")) as {
  groups: { rules: { alert: string; expr: string }[] }[];
};
const ruleExprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
const dashboard = JSON.parse(readFileSync(join(DIR, "grafana-dashboard.json"), "utf8"));
const panelExprs = dashboardQueries(dashboard);

describe("examples/monitoring", () => {
  it.each([
    ["alerts.yml", ruleExprs],
    ["grafana-dashboard.json", panelExprs],
  ])("%s names only metrics the exporter emits", (_file, exprs) => {
    const named = exprs.flatMap(namesIn);
    expect(named.length).toBeGreaterThan(exprs.length - 1);
    expect(named.filter((n) => !EMITTED.has(n))).toEqual([]);
  });

  it("the dashboard shows every metric the exporter emits", () => {
    const shown = new Set(panelExprs.flatMap(namesIn).map((n) => n.replace(/_bucket$/, "")));
    expect(Object.values(METRIC_NAMES).filter((n) => !shown.has(n))).toEqual([]);
  });

  it("the check catches a name the exporter does not emit", () => {
    expect(namesIn("rate(perfgate_monitor_throughput_bits_per_second[5m])")[0]).toBeDefined();
    expect(EMITTED.has("perfgate_monitor_throughput_bits_per_second")).toBe(false);
  });

  it("promtool check rules accepts the alert rules", (context) => {
    requireTool(context, promtool);
    const checked = spawnSync("promtool", ["check", "rules", join(DIR, "alerts.yml")], {
      encoding: "utf8",
    });
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toContain(`SUCCESS: ${ruleExprs.length} rules found`);
    expect(checked.status).toBe(0);
  });
});
