/** The real-throughput suite: what other parts of perfgate call. */
export { SUITE } from "./assemble.js";
export { DEFAULT_PLAN, QUICK_PLAN, type SuitePlan } from "./plan.js";
export { progressReporter } from "./progress.js";
export { type RunningServer, type ServerOptions, startServer } from "./server.js";
export {
  type ProgressEvent,
  parseTarget,
  runThroughputSuite,
  type ThroughputOptions,
} from "./suite.js";
export { networkTier } from "./tier.js";
