/**
 * The verdict benchmark's Markdown: false alarms and power per method, perfgate's confusion
 * matrix, the scenarios, and the targets. Pure: scores in, text out.
 */
import { anyGradeRate, BAND_MIDDLES, type Score, SLOWDOWNS } from "./harness.js";
import { markdownTable, percent } from "./table.js";
import { GIVEN_ORDER } from "./verdicts.js";

function powerCells(power: number[]): string[] {
  return power.map((p) => percent(p, 0));
}

/** perfgate's build failures with no change; on real data, how many of them had a current run
 *  that was itself a whole-run jump. */
function buildFails(s: Score): string {
  const rate = percent(s.none.critical / s.trials.none);
  if (s.jumps === 0) return rate;
  const other = s.none.critical - s.criticalInJumps;
  return `${rate} (${other}/${s.trials.none - s.jumps} without whole-run jumps)`;
}

export function qualityTable(mode: string, scores: Score[]): string {
  const rows: (string | number)[][] = [];
  for (const s of scores) {
    rows.push([
      s.scenario,
      "**perfgate**",
      percent(anyGradeRate(s)),
      buildFails(s),
      ...powerCells(s.power),
    ]);
    rows.push([
      s.scenario,
      "perfgate: significant and worse, any size",
      percent(s.detectedNone),
      "–",
      ...powerCells(s.detected),
    ]);
    for (const r of s.rules) {
      rows.push([
        s.scenario,
        r.name,
        percent(r.falseAlarm),
        percent(r.falseAlarm),
        ...powerCells(r.power),
      ]);
    }
  }
  return [
    `### ${mode}: false alarms and power`,
    "",
    markdownTable(
      [
        "data",
        "method",
        "P(any alert | no change)",
        "P(build fails | no change)",
        ...SLOWDOWNS.map((s) => `power ${Math.round(s * 100)} %`),
      ],
      rows,
    ),
  ].join("\n");
}

export function confusionTable(mode: string, s: Score): string {
  const rows = BAND_MIDDLES.map(({ band }) => {
    const counts = s.confusion.get(band);
    const total = Math.max(1, s.trials.confusion);
    return [band, ...GIVEN_ORDER.map((g) => percent((counts?.[g] ?? 0) / total, 0))];
  });
  return [
    `### ${mode}, ${s.scenario}: true band × perfgate's grade`,
    "",
    markdownTable(["true change", ...GIVEN_ORDER], rows),
  ].join("\n");
}

export function scenarioTable(scores: { mode: string; s: Score }[]): string {
  return markdownTable(
    ["mode", "data", "noise included", "A/A trials", "trials per slowdown", "ms per compare()"],
    scores.map(({ mode, s }) => [
      mode,
      s.scenario,
      s.noise,
      s.trials.none,
      s.trials.power,
      s.msPerCompare.toFixed(2),
    ]),
  );
}

export function targets(history: Score[], paired: Score[]): string {
  const lines: string[] = [];
  const check = (ok: boolean, text: string) => lines.push(`- ${ok ? "✅" : "❌"} ${text}`);
  const main = (scores: Score[]) => scores.filter((s) => !s.noise.includes("whole-run"));
  for (const [mode, scores, powerAt] of [
    ["history", history, 0.1],
    ["paired", paired, 0.05],
  ] as const) {
    for (const s of main(scores)) {
      const k = SLOWDOWNS.indexOf(powerAt);
      const crit = s.none.critical - s.criticalInJumps;
      const jumps = s.jumps
        ? ` (${s.jumps} trials whose current run was a whole-run jump set apart; ${s.criticalInJumps} Critical among them)`
        : "";
      check(
        crit === 0,
        `${mode}, ${s.scenario}: P(Critical | no change) = ${crit}/${s.trials.none - s.jumps}${jumps}`,
      );
      const any = anyGradeRate(s);
      check(
        any <= 0.05,
        `${mode}, ${s.scenario}: P(any grade | no change) = ${percent(any)} (≤ 5 %)`,
      );
      const p = s.power[k] ?? 0;
      const reference = s.rules.find((r) => r.name.startsWith("reference"))?.power[k];
      const context =
        reference === undefined ? "" : `; the textbook reference: ${percent(reference)}`;
      const detected = percent(s.detected[k] ?? 0);
      check(
        p >= 0.8,
        `${mode}, ${s.scenario}: power at ${powerAt * 100} % = ${percent(p)} (≥ 80 %; significant at any size: ${detected}${context})`,
      );
    }
  }
  return lines.join("\n");
}
