/**
 * The Action's settings phase: the config file (input `config`, else `.perfgate.yml` in the
 * workspace when it exists) under the explicit inputs, resolved by model/settings.ts in the
 * same order the CLI uses: built-in default < .perfgate.yml < input.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_CONFIG_FILE, loadSettings, type Settings } from "../model/settings.js";
import type { ActionInputs, Source } from "./inputs.js";

export interface ActionSettings {
  settings: Settings;
  /** What to run: the inputs' source, or the workspace's `.perfgate.yml` when no input
   *  says and that file has a run section (as `perfgate run` reads it by default). */
  source: Source;
}

/** The config file for this run, as the user would name it (relative to the workspace). */
function configFileOf(inputs: ActionInputs, cwd: string): string | undefined {
  if (inputs.source.kind === "config") return inputs.source.path;
  if (inputs.rulesFile) return inputs.rulesFile;
  return existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined;
}

export async function resolveActionSettings(
  inputs: ActionInputs,
  cwd: string,
): Promise<ActionSettings> {
  const file = configFileOf(inputs, cwd);
  const settings = await loadSettings(
    file ? { path: resolve(cwd, file), shownAs: file } : undefined,
    {
      ...(inputs.failOn !== undefined ? { failOn: inputs.failOn } : {}),
      ...(inputs.historySize !== undefined ? { historySize: inputs.historySize } : {}),
      ...(inputs.rounds !== undefined ? { rounds: inputs.rounds } : {}),
      ...(inputs.confirmRounds !== undefined ? { confirmRounds: inputs.confirmRounds } : {}),
      ...(inputs.suite ? { suite: inputs.suite } : {}),
    },
    "input",
  );
  const source: Source =
    inputs.source.kind === "builtin" && file && settings.config.run
      ? { kind: "config", path: file }
      : inputs.source;
  return { settings, source };
}
