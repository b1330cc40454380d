/**
 * The live network monitor, as the CLI's `monitor`, `serve` and `validate` commands use it.
 * The faces above import monitor/ only through this file (docs/architecture.md, "Floors").
 */
export {
  commandSender,
  DEFAULT_ALERT_INTERVAL_MS,
  HealthAlerts,
  webhookSender,
} from "./alerts.js";
export { metricsExport, monitorResults } from "./export.js";
export type { Health } from "./health.js";
export {
  CRITICAL_LATENCY_FACTOR,
  CRITICAL_LOSS,
  CRITICAL_SUCCESS,
  CRITICAL_THROUGHPUT_FRACTION,
  DEGRADED_LOSS,
  DEGRADED_SUCCESS,
  DEGRADED_THROUGHPUT_FRACTION,
  type Expectations,
} from "./health.js";
export {
  type HealthChangeEvent,
  MONITOR_DEFAULTS,
  Monitor,
  type MonitorEvents,
  type MonitorOptions,
  type MonitorSnapshot,
} from "./monitor.js";
export { intervalPlan, MAX_BURST_MS } from "./plan.js";
export { startProbeResponder } from "./probe.js";
export { METRIC_NAMES, MonitorMetrics, serveMetrics, serveRegistry } from "./prometheus.js";
export { type OutputMode, renderer } from "./render.js";
export { PathSampler } from "./sampler.js";
export { DEFAULT_CRITICAL_INTERVALS, runSession } from "./session.js";
export type { Summary as MonitorSummary } from "./summary.js";
export { type Check, gradeCheck, overall, renderChecks, WARN_BAND } from "./validate.js";
export { type IntervalFigures, ROLLING_INTERVALS } from "./window.js";
