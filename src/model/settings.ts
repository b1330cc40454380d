/**
 * Every setting that both `.perfgate.yml` and an Action input or CLI flag can give, resolved
 * in one order and in one place:
 *
 *     built-in default  <  .perfgate.yml  <  Action input / CLI flag
 *
 * Each value keeps where it came from, so a report can say `fail-on: severe (.perfgate.yml)`.
 * The CLI commands and the Action both call resolveSettings() and pass the result down;
 * nothing below them fills in a default of its own.
 */
import type { Config } from "./config.js";
import { loadConfigFile } from "./configFile.js";
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_FAIL_ON,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_ROUNDS,
  type FailOn,
  SETTING_DESCRIPTIONS,
} from "./defaults.js";

/** The settings, by their camelCase name (their spelling in `Config`). */
export interface SettingValues {
  failOn: FailOn;
  historySize: number;
  /** Undefined: the collector's own default (DEFAULT_ROUNDS for commands and tinybench). */
  rounds: number | undefined;
  /** Undefined: the name the results carry. */
  suite: string | undefined;
  /** Rounds run again before a finding fails the gate (0: off); where perfgate collects. */
  confirmRounds: number;
}
export type SettingKey = keyof SettingValues;

/** Order of resolution and of listing in reports. */
export const SETTING_KEYS: readonly SettingKey[] = [
  "failOn",
  "historySize",
  "rounds",
  "suite",
  "confirmRounds",
];

/** One spelling everywhere a user types it: `.perfgate.yml` key, Action input, CLI flag. */
export const SETTING_NAMES: Record<SettingKey, string> = {
  failOn: "fail-on",
  historySize: "history-size",
  rounds: "rounds",
  suite: "suite",
  confirmRounds: "confirm-rounds",
};

export const SETTING_DEFAULTS: SettingValues = {
  failOn: DEFAULT_FAIL_ON,
  historySize: DEFAULT_HISTORY_SIZE,
  rounds: undefined,
  suite: undefined,
  confirmRounds: DEFAULT_CONFIRM_ROUNDS,
};

/**
 * How the default reads for people (action.yml descriptions, CLI help, README): the same
 * words wherever the default is stated.
 */
export const DEFAULT_TEXT: Record<SettingKey, string> = {
  failOn: DEFAULT_FAIL_ON,
  historySize: String(DEFAULT_HISTORY_SIZE),
  rounds: `${DEFAULT_ROUNDS} (the throughput suite has its own)`,
  suite: "the name inside the results",
  confirmRounds: String(DEFAULT_CONFIRM_ROUNDS),
};

export const SETTING_HELP: Record<SettingKey, string> = {
  ...SETTING_DESCRIPTIONS,
  suite: "Name of the benchmark suite; results and histories are kept per suite.",
};

/** Where a value came from. `name` is how the user wrote it: `.perfgate.yml`, `--fail-on`,
 *  `input fail-on`. */
export type SettingSource =
  | { kind: "default" }
  | { kind: "config"; name: string }
  | { kind: "flag"; name: string }
  | { kind: "input"; name: string };

export interface Settings {
  values: SettingValues;
  sources: Record<SettingKey, SettingSource>;
  /** The config file's other parts (thresholds, rules, run), with the resolved values
   *  written back, so code that reads `config.failOn` cannot see a different answer. */
  config: Config;
}

/** The values given explicitly (an Action input or a CLI flag); absent = not given. */
export type Explicit = Partial<{ [K in SettingKey]: Exclude<SettingValues[K], undefined> }>;

export interface SettingLayers {
  /** The config file and how to name it in reports (as the user wrote the path). */
  config?: { file: string; config: Config };
  explicit?: Explicit;
  /** Whether the explicit values are Action inputs or CLI flags (for the source's name). */
  explicitKind?: "input" | "flag";
}

function explicitSource(kind: "input" | "flag", key: SettingKey): SettingSource {
  const name = SETTING_NAMES[key];
  return kind === "flag" ? { kind, name: `--${name}` } : { kind, name: `input ${name}` };
}

export function resolveSettings(layers: SettingLayers): Settings {
  const fromFile = layers.config?.config ?? {};
  const explicit = layers.explicit ?? {};
  const values = { ...SETTING_DEFAULTS } as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  for (const key of SETTING_KEYS) {
    sources[key] = { kind: "default" };
    if (fromFile[key] !== undefined && layers.config) {
      values[key] = fromFile[key];
      sources[key] = { kind: "config", name: layers.config.file };
    }
    if (explicit[key] !== undefined) {
      values[key] = explicit[key];
      sources[key] = explicitSource(layers.explicitKind ?? "flag", key);
    }
  }
  const resolved = values as unknown as SettingValues;
  const config: Config = { ...fromFile };
  for (const key of SETTING_KEYS) {
    const value = resolved[key];
    if (value === undefined) delete config[key];
    else (config as Record<string, unknown>)[key] = value;
  }
  return { values: resolved, sources, config };
}

/** A setting that is not at its built-in default, as a report shows it. */
export interface SettingNote {
  /** The kebab-case name: `fail-on`. */
  name: string;
  value: string;
  /** Where it came from: `.perfgate.yml`, `--fail-on`, `input fail-on`. */
  source: string;
}

/** The settings a report should mention: those not at their built-in default. */
export function settingNotes(settings: Settings): SettingNote[] {
  const notes: SettingNote[] = [];
  for (const key of SETTING_KEYS) {
    const source = settings.sources[key];
    if (source.kind === "default") continue;
    notes.push({
      name: SETTING_NAMES[key],
      value: String(settings.values[key]),
      source: source.name,
    });
  }
  return notes;
}

/** `fail-on: severe (.perfgate.yml)` */
export function settingNoteText(note: SettingNote): string {
  return `${note.name}: ${note.value} (${note.source})`;
}

/** The config file read when none is named and it exists where perfgate runs. */
export const DEFAULT_CONFIG_FILE = ".perfgate.yml";

/** The report with the settings it was graded under (only those not at their default). */
export function withSettings<R extends { settings?: SettingNote[] }>(
  report: R,
  settings: Settings,
): R {
  return { ...report, settings: settingNotes(settings) };
}

/**
 * Reads `file` (when given) and resolves the settings over it. `shownAs` is how the file
 * is named in reports (the path as the user wrote it, not an absolute one).
 */
export async function loadSettings(
  file: { path: string; shownAs?: string } | undefined,
  explicit: Explicit,
  explicitKind: "input" | "flag",
): Promise<Settings> {
  const config = file ? await loadConfigFile(file.path) : undefined;
  return resolveSettings({
    ...(file && config ? { config: { file: file.shownAs ?? file.path, config } } : {}),
    explicit,
    explicitKind,
  });
}
