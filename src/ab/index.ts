/**
 * Same-runner A/B, as the CLI (`perfgate ab`) and the Action (`compare: same-runner`) use
 * it: run base and head interleaved, and show a stored history beside the verdict. The
 * faces above import ab/ only through this file (docs/architecture.md, "Floors").
 */
export {
  AB_DESCRIPTIONS,
  DEFAULT_LOOKS,
  DEFAULT_MAX_PAIRS,
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MIN_PAIRS,
} from "./defaults.js";
export { firstCommit, git } from "./git.js";
export {
  type AbOutcome,
  configFolder,
  runAb,
  withAbSettings,
  withHistoryLens,
} from "./session.js";
