import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Inputs, Outputs } from "../../src/action/constants.js";
import {
  DEFAULT_BASELINE_PATH,
  DEFAULT_NETWORK_TIMEOUT_S,
  DEFAULT_PUBLISH_TIMEOUT_S,
  readInputs,
} from "../../src/action/inputs.js";
import { parsers } from "../../src/collect/parsers/index.js";
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_FAIL_ON,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_ROUNDS,
} from "../../src/model/defaults.js";
import { DEFAULT_TEXT, SETTING_KEYS, SETTING_NAMES } from "../../src/model/settings.js";

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("action inputs", () => {
  it("defaults: the built-in suite, the cache, comment auto, mode run; settings the config can give are left unset", () => {
    expect(readInputs(reader({}))).toEqual({
      source: { kind: "builtin" },
      suite: "",
      baseline: "cache",
      baselineBranch: "",
      baselinePath: DEFAULT_BASELINE_PATH,
      dataBranch: "perfgate-data",
      databaseUrl: "",
      failOnStoreError: false,
      comment: "auto",
      token: "",
      mode: "run",
      eventPath: "",
      compare: "history",
      networkTimeoutMs: DEFAULT_NETWORK_TIMEOUT_S * 1000,
      publishTimeoutMs: DEFAULT_PUBLISH_TIMEOUT_S * 1000,
      allowPullRequestTarget: false,
      alert: "none",
      acceptLabel: "perf-accepted",
      check: false,
      dashboard: "none",
      dashboardBranch: "gh-pages",
      dashboardPath: "perfgate",
      reportJsonFormat: "full",
    });
  });

  it.each([
    [{ dashboard: "pages" }, "input 'dashboard' must be one of none, artifact, branch"],
    [{ "dashboard-path": "../out" }, "input 'dashboard-path' must be a folder inside the branch"],
    [{ "dashboard-path": "/site" }, "input 'dashboard-path' must be a folder inside the branch"],
    [{ "dashboard-branch": "gh pages" }, "input 'dashboard-branch' must be a branch name"],
    [{ "report-json-format": "v2" }, "input 'report-json-format' must be one of full, compact"],
  ])("refuses dashboard or report input %o", (given, message) => {
    expect(() => readInputs(reader(given))).toThrow(message);
  });

  it("reads results globs one per line or comma-separated", () => {
    const i = readInputs(reader({ results: "a/*.json\n b.json, c.json ", tool: "go" }));
    expect(i.source).toEqual({
      kind: "results",
      globs: ["a/*.json", "b.json", "c.json"],
      tool: "go",
    });
  });

  it.each([
    [
      { "fail-on": "catastrophic" },
      "input 'fail-on' must be one of minor, moderate, severe, critical, never; got 'catastrophic'",
    ],
    [{ comment: "sometimes" }, "input 'comment' must be one of auto, always, never"],
    [{ baseline: "s3" }, "input 'baseline' must be one of cache, branch"],
    [{ mode: "both" }, "input 'mode' must be one of run, report"],
    [
      { "history-size": "0" },
      "input 'history-size' must be a whole number from 1 to 1000; got '0'",
    ],
    [{ "history-size": "1001" }, "from 1 to 1000; got '1001'"],
    [{ "history-size": "3.5" }, "got '3.5'"],
    [
      { "confirm-rounds": "-1" },
      "input 'confirm-rounds' must be a whole number from 0 to 1000; got '-1'",
    ],
    [{ rounds: "many" }, "input 'rounds' must be a whole number"],
    [
      { results: "a.json", command: "make bench" },
      "inputs results and command both say what to run",
    ],
    [{ command: "make bench" }, "input 'command' needs input 'tool'"],
    [{ mode: "report" }, "mode 'report' reads existing files: set input 'results'"],
    [{ suite: "a b" }, "input 'suite' may hold only"],
    [
      { "network-timeout": "0" },
      "input 'network-timeout' must be a number of seconds above 0 and up to 3600; got '0'",
    ],
    [{ "publish-timeout": "2m" }, "input 'publish-timeout' must be a number of seconds"],
    [{ "network-timeout": "3601" }, "got '3601'"],
    [
      { "allow-pull-request-target": "yes" },
      "input 'allow-pull-request-target' must be true or false; got 'yes'",
    ],
    [
      { "baseline-path": "../outside.json" },
      "input 'baseline-path' must be a path inside the repository",
    ],
    [
      { "baseline-path": "/abs.json" },
      "input 'baseline-path' must be a path inside the repository",
    ],
  ])("rejects %j naming the input", (values, message) => {
    expect(() => readInputs(reader(values))).toThrow(message);
  });

  it("accepts both sides of each numeric boundary", () => {
    expect(readInputs(reader({ "history-size": "1" })).historySize).toBe(1);
    expect(readInputs(reader({ "history-size": "1000" })).historySize).toBe(1000);
    expect(readInputs(reader({ "confirm-rounds": "0" })).confirmRounds).toBe(0);
    expect(readInputs(reader({ rounds: "1" })).rounds).toBe(1);
    expect(readInputs(reader({ "network-timeout": "0.5" })).networkTimeoutMs).toBe(500);
    expect(readInputs(reader({ "publish-timeout": "3600" })).publishTimeoutMs).toBe(3_600_000);
  });
});

describe("action.yml", () => {
  const yml = parse(readFileSync(new URL("../../action.yml", import.meta.url), "utf8")) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
    runs: { using: string; main: string };
  };

  it("declares exactly the inputs and outputs in constants.ts, each described", () => {
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.values(Inputs).sort());
    expect(Object.keys(yml.outputs).sort()).toEqual(Object.values(Outputs).sort());
    for (const i of Object.values(yml.inputs)) expect(i.description.length).toBeGreaterThan(10);
  });

  it("states the same defaults as the code", () => {
    // No default in action.yml: an input with one always beats .perfgate.yml's confirm-rounds.
    expect(yml.inputs["confirm-rounds"]?.default).toBeUndefined();
    expect(yml.inputs["confirm-rounds"]?.description).toContain(`else ${DEFAULT_CONFIRM_ROUNDS}`);
    expect(DEFAULT_TEXT.confirmRounds).toBe(String(DEFAULT_CONFIRM_ROUNDS));
    expect(yml.inputs["baseline-path"]?.default).toBe(DEFAULT_BASELINE_PATH);
    expect(yml.inputs["network-timeout"]?.default).toBe(String(DEFAULT_NETWORK_TIMEOUT_S));
    expect(yml.inputs["publish-timeout"]?.default).toBe(String(DEFAULT_PUBLISH_TIMEOUT_S));
    expect(DEFAULT_TEXT.historySize).toBe(String(DEFAULT_HISTORY_SIZE));
    expect(DEFAULT_TEXT.failOn).toBe(DEFAULT_FAIL_ON);
    expect(DEFAULT_TEXT.rounds).toContain(String(DEFAULT_ROUNDS));
  });

  it.each(SETTING_KEYS)(
    "gives %s no default: (not given lets .perfgate.yml decide) and states it in the description",
    (key) => {
      const input = yml.inputs[SETTING_NAMES[key]];
      expect(input).toBeDefined();
      expect(input?.default).toBeUndefined();
      expect(input?.description).toContain(`else ${DEFAULT_TEXT[key]}`);
    },
  );

  it("names every tool perfgate can parse", () => {
    for (const p of parsers) {
      if (p.name !== "perfgate") expect(yml.inputs.tool?.description).toContain(p.name);
    }
  });

  it("runs the bundle on node24", () => {
    expect(yml.runs).toEqual({ using: "node24", main: "dist/index.js" });
  });
});

describe("the README's workflows", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## The GitHub Action"));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const declared = Object.values(Inputs) as string[];

  it("are YAML and pass perfgate only inputs that action.yml declares", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    let uses = 0;
    for (const block of blocks) {
      // Fragments of a job are indented: dedent them by their smallest indent.
      const lines = block.split("\n").filter((l) => l.trim() !== "");
      const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
      const doc = parse(lines.map((l) => l.slice(indent)).join("\n")) as unknown;
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          const step = node as { uses?: string; with?: Record<string, unknown> };
          if (step.uses?.startsWith("perfgate/perfgate")) {
            uses++;
            for (const key of Object.keys(step.with ?? {})) expect(declared).toContain(key);
          }
          Object.values(node).forEach(walk);
        }
      };
      walk(doc);
    }
    expect(uses).toBeGreaterThanOrEqual(6);
  });
  it.each(["-x", "a..b", "a b", "refs/heads/", "x.lock"])(
    "rejects data-branch '%s' naming the input",
    (bad) => {
      expect(() => readInputs(reader({ "data-branch": bad }))).toThrow(
        /input 'data-branch' must be a branch name/,
      );
    },
  );
  it("baseline postgres needs a postgres:// database-url and never quotes a wrong one", () => {
    expect(() => readInputs(reader({ baseline: "postgres" }))).toThrow(
      /needs input 'database-url'/,
    );
    const wrong = "mysql://u:hunter2@h/db";
    expect(() => readInputs(reader({ baseline: "postgres", "database-url": wrong }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
    const url = "postgres://u:p@h:5432/db";
    expect(readInputs(reader({ baseline: "postgres", "database-url": url }))).toMatchObject({
      baseline: "postgres",
      databaseUrl: url,
    });
  });
});
