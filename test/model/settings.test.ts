import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_FAIL_ON,
  DEFAULT_HISTORY_SIZE,
} from "../../src/model/defaults.js";
import {
  loadSettings,
  resolveSettings,
  settingNotes,
  settingNoteText,
} from "../../src/model/settings.js";

const file = (config: object) => ({ file: ".perfgate.yml", config });

describe("one order for every setting: built-in default < .perfgate.yml < input or flag", () => {
  it.each([
    ["nothing given: the built-in default", undefined, {}, DEFAULT_FAIL_ON, "default"],
    ["the config file beats the default", file({ failOn: "severe" }), {}, "severe", "config"],
    [
      "a flag beats the config file",
      file({ failOn: "severe" }),
      { failOn: "minor" },
      "minor",
      "flag",
    ],
    ["a flag beats the default", undefined, { failOn: "never" }, "never", "flag"],
  ] as const)("%s", (_name, config, explicit, value, kind) => {
    const s = resolveSettings({ ...(config ? { config } : {}), explicit, explicitKind: "flag" });
    expect(s.values.failOn).toBe(value);
    expect(s.sources.failOn.kind).toBe(kind);
    // The config passed down carries the resolved value, so nothing below can disagree.
    expect(s.config.failOn).toBe(value);
  });

  it("resolves each setting on its own: one from the file, one from an input, the rest default", () => {
    const s = resolveSettings({
      config: file({ historySize: 5, thresholds: { tolerance: 0.1 } }),
      explicit: { failOn: "severe" },
      explicitKind: "input",
    });
    expect(s.values).toEqual({
      failOn: "severe",
      historySize: 5,
      rounds: undefined,
      suite: undefined,
      confirmRounds: DEFAULT_CONFIRM_ROUNDS,
    });
    expect(s.config).toEqual({
      failOn: "severe",
      historySize: 5,
      confirmRounds: DEFAULT_CONFIRM_ROUNDS,
      thresholds: { tolerance: 0.1 },
    });
    expect(settingNotes(s).map(settingNoteText)).toEqual([
      "fail-on: severe (input fail-on)",
      "history-size: 5 (.perfgate.yml)",
    ]);
  });

  it("a value equal to the default still names its source (the user chose it)", () => {
    const s = resolveSettings({ config: file({ historySize: DEFAULT_HISTORY_SIZE }) });
    expect(settingNotes(s)).toEqual([
      { name: "history-size", value: String(DEFAULT_HISTORY_SIZE), source: ".perfgate.yml" },
    ]);
  });

  it("notes nothing when every setting is at its default", () => {
    expect(settingNotes(resolveSettings({}))).toEqual([]);
  });

  it("names CLI flags as the user typed them", () => {
    const s = resolveSettings({ explicit: { historySize: 3, suite: "net" }, explicitKind: "flag" });
    expect(settingNotes(s).map(settingNoteText)).toEqual([
      "history-size: 3 (--history-size)",
      "suite: net (--suite)",
    ]);
  });

  it("reads the file and names it as the user wrote it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-settings-"));
    writeFileSync(join(dir, "gate.yml"), "fail-on: moderate\nrounds: 7\n");
    const s = await loadSettings(
      { path: join(dir, "gate.yml"), shownAs: "ci/gate.yml" },
      {},
      "input",
    );
    expect(settingNotes(s).map(settingNoteText)).toEqual([
      "fail-on: moderate (ci/gate.yml)",
      "rounds: 7 (ci/gate.yml)",
    ]);
  });

  it("confirm-rounds comes from .perfgate.yml, and a flag or input beats it (issue 23)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-settings-"));
    writeFileSync(join(dir, ".perfgate.yml"), "confirm-rounds: 0\n");
    const path = join(dir, ".perfgate.yml");
    const fromFile = await loadSettings({ path, shownAs: ".perfgate.yml" }, {}, "input");
    expect(fromFile.values.confirmRounds).toBe(0);
    expect(settingNotes(fromFile).map(settingNoteText)).toEqual([
      "confirm-rounds: 0 (.perfgate.yml)",
    ]);
    const flag = await loadSettings({ path }, { confirmRounds: 8 }, "flag");
    expect(flag.values.confirmRounds).toBe(8);
    expect(settingNotes(flag).map(settingNoteText)).toEqual([
      "confirm-rounds: 8 (--confirm-rounds)",
    ]);
    expect(resolveSettings({}).values.confirmRounds).toBe(DEFAULT_CONFIRM_ROUNDS);
  });

  it("a negative confirm-rounds in the file is one line naming the file and the key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-settings-"));
    const path = join(dir, ".perfgate.yml");
    writeFileSync(path, "confirm-rounds: -1\n");
    await expect(loadSettings({ path }, {}, "flag")).rejects.toThrow(
      new RegExp(`^${path.replace(/[.]/g, "\\.")}: \\$\\.confirm-rounds`),
    );
  });

  it("a bad config file is one line naming the file and the key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-settings-"));
    const path = join(dir, ".perfgate.yml");
    writeFileSync(path, "fail-on: sometimes\n");
    await expect(loadSettings({ path }, {}, "flag")).rejects.toThrow(
      new RegExp(`^${path.replace(/[.]/g, "\\.")}: \\$\\.fail-on`),
    );
  });
});
