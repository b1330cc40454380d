/**
 * One line for people: how many pairs ran, at what level, and why sampling stopped. It goes
 * first among the report's warnings, so every renderer (text, Markdown, JSON) carries it.
 */
import { formatLevel } from "../report/format.js";
import type { Sampling } from "./sampler.js";

function percent(x: number): string {
  return `${Number((x * 100).toPrecision(3))} %`;
}

export function samplingLine(s: Sampling, budgetMs: number): string {
  const t = s.report.thresholds;
  const looks = s.schedule.length;
  const head = `same-runner A/B: ${s.pairs} pair${s.pairs === 1 ? "" : "s"} (order inside each pair randomised), looked at ${s.looked.join(", ")} of planned ${s.schedule.join(", ")}; each look tests at α = ${percent(t.alpha)} and shows ${formatLevel(t.confidence)} intervals (Bonferroni over ${looks} look${looks === 1 ? "" : "s"})`;
  const open = `${s.open} finding${s.open === 1 ? "" : "s"} still straddle${s.open === 1 ? "s" : ""} the ${percent(t.tolerance)} tolerance or the ${percent(t.critical)} Critical line`;
  switch (s.stop) {
    case "settled":
      return `${head}; stopped: every interval is clear of the ${percent(t.tolerance)} tolerance and the ${percent(t.critical)} Critical line`;
    case "max-pairs":
      return `${head}; stopped at the pair cap (${s.schedule.at(-1)}): ${open}`;
    case "max-time":
      return `${head}; stopped at the time budget (${Math.round(budgetMs / 1000)} s): ${open}`;
  }
}
