import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile, parseConfigText } from "../../src/model/configFile.js";
import { buildConfigSchema } from "../../src/model/configSchema.js";
import {
  DEFAULT_FAIL_ON,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_ROUNDS,
  DEFAULT_THRESHOLDS,
  THRESHOLD_DESCRIPTIONS,
} from "../../src/model/defaults.js";
import { InputError } from "../../src/util/errors.js";

function error(text: string, file = ".perfgate.yml"): InputError {
  try {
    parseConfigText(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("loading .perfgate.yml", () => {
  it("converts kebab-case keys and limits written with units", () => {
    const config = parseConfigText(
      [
        "suite: api",
        "history-size: 20",
        "fail-on: severe",
        "thresholds:",
        "  critical-conservative: 0.25",
        "rules:",
        '  - benchmark: "tcp/**"',
        "    metric: throughput",
        "    min: 1 Gbit/s",
        "    ceiling: 40 Gbit/s",
        '  - benchmark: "parse/*"',
        "    max: 250 ms",
        "    thresholds: { minor: 0.08 }",
        "run:",
        "  throughput: { quick-mode: true }",
      ].join("\n"),
      ".perfgate.yml",
    );
    expect(config).toEqual({
      suite: "api",
      historySize: 20,
      failOn: "severe",
      thresholds: { criticalConservative: 0.25 },
      rules: [
        {
          benchmark: "tcp/**",
          metric: "throughput",
          min: 1,
          ceiling: 40,
          limitUnits: { min: "Gbit/s", ceiling: "Gbit/s" },
        },
        { benchmark: "parse/*", max: 0.25, thresholds: { minor: 0.08 }, limitUnits: { max: "s" } },
      ],
      run: { throughput: { quickMode: true } },
    });
  });

  it("reads a rule's direction, and refuses one that is neither higher nor lower", () => {
    const ok = parseConfigText("rules:\n  - benchmark: a\n    direction: higher\n", "c.yml");
    expect(ok.rules?.[0]?.direction).toBe("higher");
    expect(() =>
      parseConfigText("rules:\n  - benchmark: a\n    direction: sideways\n", "c.yml"),
    ).toThrow(/c\.yml: \$\.rules\[0\]\.direction/);
  });

  it("reads Mbit/s as 0.94 Gbit/s and bare numbers as given", () => {
    const config = parseConfigText(
      "rules:\n  - benchmark: a\n    min: 940 Mbit/s\n  - benchmark: b\n    max: 0.5\n",
      "c.yml",
    );
    expect(config.rules?.[0]?.min).toBeCloseTo(0.94, 12);
    expect(config.rules?.[1]?.max).toBe(0.5);
  });

  it("an empty file is the default configuration", () => {
    expect(parseConfigText("", ".perfgate.yml")).toEqual({});
  });

  it("reads JSON when the name ends in .json", () => {
    expect(parseConfigText('{"fail-on": "never"}', "perfgate.json")).toEqual({ failOn: "never" });
  });

  it("loads from disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-config-"));
    writeFileSync(join(dir, ".perfgate.yml"), "rounds: 7\n");
    expect(await loadConfigFile(join(dir, ".perfgate.yml"))).toEqual({ rounds: 7 });
  });
});

describe("config errors name the file and the key", () => {
  it.each([
    [
      "fail-on: sometimes",
      "$.fail-on",
      '"sometimes" is not one of minor, moderate, severe, critical, never',
    ],
    ["history-size: 0", "$.history-size", "must be >= 1"],
    ["rounds: three", "$.rounds", 'expected integer, found "three"'],
    ["historySize: 10", "$.historySize", "keys are kebab-case: write 'history-size'"],
    ["colour: blue", "$.colour", "unknown key"],
    ["rules:\n  - metric: time", "$.rules[0]", "missing required key 'benchmark'"],
    [
      "rules:\n  - benchmark: a\n    min: fast",
      "$.rules[0].min",
      '"fast" is not a number with a known unit',
    ],
    ["thresholds:\n  alpha: 2", "$.thresholds.alpha", "must be < 1"],
    ["thresholds:\n  minor: .inf", "$.thresholds.minor", "not a finite number"],
    ["- a\n- b", "$", "expected a mapping of settings"],
  ])("%j", (text, where, message) => {
    const e = error(text);
    expect(e.file).toBe(".perfgate.yml");
    expect(e.where).toBe(where);
    expect(e.message).toContain(message);
  });

  it("YAML syntax errors give the line", () => {
    const e = error("rules: [\n  benchmark: a\n");
    expect(e.message).toMatch(/^\.perfgate\.yml: line \d+:\d+: not YAML: /);
    expect(e.message).not.toContain("\n");
  });

  it("JSON syntax errors give line and column", () => {
    const e = error('{\n  "rounds": 3,\n}', "p.json");
    expect(e.where).toBe("line 3:1");
  });

  it("a missing file", async () => {
    await expect(loadConfigFile("/nonexistent/.perfgate.yml")).rejects.toThrow(
      "/nonexistent/.perfgate.yml: cannot read: no such file",
    );
  });
});

describe("schema/config.v1.json", () => {
  const committed = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../schema/config.v1.json"), "utf8"),
  );

  it("is what src/model/configSchema.ts builds (run: npx tsx test/model/writeConfigSchema.ts)", () => {
    expect(committed).toEqual(buildConfigSchema());
  });

  it("takes its defaults and descriptions from defaults.ts", () => {
    const t = committed.properties.thresholds.properties;
    expect(t["critical-conservative"].default).toBe(DEFAULT_THRESHOLDS.criticalConservative);
    expect(t["critical-alpha"].description).toBe(THRESHOLD_DESCRIPTIONS.criticalAlpha);
    expect(Object.keys(t)).toHaveLength(Object.keys(DEFAULT_THRESHOLDS).length);
    for (const [key, value] of Object.entries(DEFAULT_THRESHOLDS)) {
      const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(t[kebab].default, kebab).toBe(value);
    }
    expect(committed.properties["history-size"].default).toBe(DEFAULT_HISTORY_SIZE);
    expect(committed.properties.rounds.default).toBe(DEFAULT_ROUNDS);
    expect(committed.properties["fail-on"].default).toBe(DEFAULT_FAIL_ON);
  });

  it("has a description on every property", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== "object") return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, value] of Object.entries(props ?? {})) {
        if (!(value as { description?: string }).description) missing.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      walk((node as { items?: unknown }).items, `${path}[]`);
    };
    walk(committed, "$");
    expect(missing).toEqual([]);
  });
});
