/** The real-throughput suite: what other parts of perfgate call. */
export { SUITE } from "./assemble.js";
export { type ProgressEvent, parseTarget, type ThroughputOptions } from "./options.js";
export { DEFAULT_PLAN, QUICK_PLAN, type SuitePlan } from "./plan.js";
export { progressReporter } from "./progress.js";
export { type RunningServer, type ServerOptions, startServer } from "./server.js";
export { runThroughputSuite } from "./suite.js";
export { networkTier } from "./tier.js";
