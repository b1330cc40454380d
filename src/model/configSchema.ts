/**
 * Builds schema/config.v1.json from defaults.ts, so that the numbers and the words a user
 * reads in the schema are the ones the code uses. test/model/configSchema.test.ts fails when
 * the committed file differs; `npx tsx test/model/writeConfigSchema.ts` rewrites it.
 */
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_FAIL_ON,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_ROUNDS,
  DEFAULT_THRESHOLDS,
  SETTING_DESCRIPTIONS,
  SEVERITIES,
  THRESHOLD_DESCRIPTIONS,
  type Thresholds,
} from "./defaults.js";

/** camelCase → kebab-case, the spelling used in .perfgate.yml. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Thresholds that are probabilities or levels rather than relative changes. */
const LEVELS = new Set<keyof Thresholds>(["alpha", "criticalAlpha", "confidence"]);

function thresholdsSchema(withDefaults: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    properties[kebab(key)] = {
      description: THRESHOLD_DESCRIPTIONS[key],
      type: "number",
      ...(LEVELS.has(key) ? { exclusiveMinimum: 0, exclusiveMaximum: 1 } : { minimum: 0 }),
      ...(withDefaults ? { default: DEFAULT_THRESHOLDS[key] } : {}),
    };
  }
  return { type: "object", additionalProperties: false, properties };
}

/** Which benchmarks and metrics a rule or an accept: entry is about. */
const benchmarkAndMetricGlobs = {
  benchmark: {
    description: "Glob over benchmark names: * within a path segment, ** across segments.",
    type: "string",
    minLength: 1,
  },
  metric: {
    description: "Glob over metric names; all metrics when absent.",
    type: "string",
    minLength: 1,
  },
};

const limit = (bound: string) => ({
  description: `Absolute ${bound} for the metric: breaching it is Critical. A number in the metric's canonical unit, or text with a unit such as "1 Gbit/s" or "250 ms".`,
  type: ["number", "string"],
});

export function buildConfigSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://perfgate.dev/schema/config.v1.json",
    title: "perfgate configuration (.perfgate.yml), version 1",
    description:
      "What perfgate collects and how it grades changes. Keys are kebab-case. Every setting is optional; the defaults are shown.",
    type: "object",
    additionalProperties: false,
    properties: {
      suite: {
        description: "Name of the benchmark suite; results and histories are kept per suite.",
        type: "string",
        minLength: 1,
      },
      rounds: {
        description: SETTING_DESCRIPTIONS.rounds,
        type: "integer",
        minimum: 1,
        default: DEFAULT_ROUNDS,
      },
      "history-size": {
        description: SETTING_DESCRIPTIONS.historySize,
        type: "integer",
        minimum: 1,
        default: DEFAULT_HISTORY_SIZE,
      },
      "fail-on": {
        description: SETTING_DESCRIPTIONS.failOn,
        enum: [...SEVERITIES, "never"],
        default: DEFAULT_FAIL_ON,
      },
      "confirm-rounds": {
        description: SETTING_DESCRIPTIONS.confirmRounds,
        type: "integer",
        minimum: 0,
        default: DEFAULT_CONFIRM_ROUNDS,
      },
      thresholds: {
        description: "Grading thresholds for every benchmark; rules can override them.",
        ...thresholdsSchema(true),
      },
      rules: {
        description:
          "Per-benchmark (and optionally per-metric) policy. Where several rules match, the last one wins per field.",
        type: "array",
        items: {
          type: "object",
          required: ["benchmark"],
          additionalProperties: false,
          properties: {
            ...benchmarkAndMetricGlobs,
            thresholds: {
              description: "Thresholds for the matching benchmarks and metrics.",
              ...thresholdsSchema(false),
            },
            min: limit("minimum"),
            max: limit("maximum"),
            ceiling: {
              description:
                'The most the metric can plausibly reach on this machine (e.g. "40 Gbit/s"): a result above it is flagged as implausible. A number in the metric\'s canonical unit, or text with a unit.',
              type: ["number", "string"],
            },
            direction: {
              description:
                "Which way is better for the matching metrics, where the tool's output does not say (e.g. a Google Benchmark user counter): higher or lower. Overrides the direction in the results.",
              enum: ["higher", "lower"],
            },
            ignore: {
              description: "Leave the benchmark or metric out of the verdict (still listed).",
              type: "boolean",
            },
          },
        },
      },
      accept: {
        description:
          "Intended changes: regressions of the matching benchmarks and metrics in the named commit or pull request do not fail the gate (they are shown as accepted), and a change point at that commit is not alerted.",
        type: "array",
        items: {
          type: "object",
          required: ["benchmark", "reason"],
          additionalProperties: false,
          properties: {
            ...benchmarkAndMetricGlobs,
            commit: {
              description:
                "The commit that makes the change (its full id, or at least 7 characters of it).",
              type: "string",
              pattern: "^[0-9a-fA-F]{7,64}$",
            },
            pr: {
              description: "The pull request that makes the change.",
              type: "integer",
              minimum: 1,
            },
            reason: {
              description: "Why the change is intended: shown beside the accepted findings.",
              type: "string",
              minLength: 1,
            },
          },
        },
      },
      run: {
        description:
          "What `perfgate run` collects: exactly one source of throughput, tinybench, command (with tool) or files (with tool).",
        type: "object",
        additionalProperties: false,
        properties: {
          throughput: {
            description:
              "The built-in real-throughput suite, with its options (unknown options are refused when the run starts).",
            type: "object",
            properties: {
              quick: { description: "Fewer, shorter rounds (about 15 s).", type: "boolean" },
              target: {
                description: "host:port of a remote `perfgate serve`; loopback when absent.",
                type: "string",
                minLength: 1,
              },
              pin: {
                description: "Pin client and server to their own CPUs where possible.",
                type: "boolean",
                default: true,
              },
              rounds: { description: SETTING_DESCRIPTIONS.rounds, type: "integer", minimum: 1 },
              "write-size": {
                description:
                  "The client's write (transfer) and read (throughput) size: bytes, or 64KiB, 1MiB (1 KiB to 64 MiB; default 1MiB).",
                type: ["integer", "string"],
              },
              only: {
                description: "Run only these scenarios (all when absent).",
                type: "array",
                minItems: 1,
                items: { enum: ["throughput", "transfer", "latency", "connect"] },
              },
            },
          },
          tinybench: {
            description:
              "Globs of tinybench files (*.bench.{js,mjs,ts}), relative to the config file. Each round of each file runs in a fresh process.",
            type: "array",
            minItems: 1,
            items: { type: "string", minLength: 1 },
          },
          command: {
            description:
              "A command run once per round; its output is parsed with `tool`. Run without a shell unless it uses shell syntax.",
            type: "string",
            minLength: 1,
          },
          files: {
            description:
              "Files, directories or globs written by a tool, parsed with `tool`; each file may be one round.",
            type: "array",
            minItems: 1,
            items: { type: "string", minLength: 1 },
          },
          tool: {
            description: 'Parser name (e.g. go, cargo, hyperfine, criterion), or "auto".',
            type: "string",
            minLength: 1,
          },
          build: {
            description: "Build step before collecting (used by same-runner A/B in each tree).",
            type: "string",
            minLength: 1,
          },
          cwd: {
            description: "Working directory for command and build, relative to the config file.",
            type: "string",
          },
        },
      },
    },
  };
}
