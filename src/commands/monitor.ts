/**
 * `perfgate monitor -s host [-p port]`: watch a live network path to a `perfgate serve`,
 * one line per interval, until --duration is over or Ctrl-C. Exit 0, or 1 when
 * --fail-on-critical saw Critical sustained (or the baseline comparison failed), 2 for
 * bad usage.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compare } from "../analyze/compare.js";
import { currentEnvironment } from "../collect/environment.js";
import { readResultsFiles } from "../collect/read.js";
import { serverInfo } from "../collect/throughput/info.js";
import type { Results } from "../model/types.js";
import {
  CRITICAL_LATENCY_FACTOR,
  CRITICAL_LOSS,
  CRITICAL_SUCCESS,
  CRITICAL_THROUGHPUT_FRACTION,
  commandSender,
  DEFAULT_ALERT_INTERVAL_MS,
  DEFAULT_CRITICAL_INTERVALS,
  DEGRADED_LOSS,
  DEGRADED_SUCCESS,
  DEGRADED_THROUGHPUT_FRACTION,
  type Expectations,
  HealthAlerts,
  intervalPlan,
  MAX_BURST_MS,
  MonitorMetrics,
  metricsExport,
  monitorResults,
  type OutputMode,
  PathSampler,
  ROLLING_INTERVALS,
  renderer,
  runSession,
  serveMetrics,
  webhookSender,
} from "../monitor/index.js";
import { renderText, wantsColor } from "../report/text.js";
import { InputError, UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";
import {
  durationMs,
  formatAddress,
  optionsError,
  portNumber,
  positiveNumber,
  serveAddress,
  wholeNumber,
} from "./options.js";
import { DEFAULT_SERVE_PORT } from "./serve.js";

export const DEFAULT_INTERVAL_MS = 1000;
/** Below this an interval cannot hold its connects, round trips, probes and burst. */
export const MIN_INTERVAL_MS = 100;
/** The defaults: a gigabit path that should answer within 10 ms. */
export const DEFAULT_EXPECTED_GBPS = 1.0;
export const DEFAULT_MAX_LATENCY_MS = 10;

const pct = (x: number) => `${x * 100} %`;

/** monitor's flags: parsed by parse, listed by HELP. */
const FLAGS = {
  server: {
    type: "string",
    short: "s",
    value: "HOST",
    help: "where 'perfgate serve' runs (IPv6 as ::1 or [::1])",
  },
  port: {
    type: "string",
    short: "p",
    value: "P",
    help: `its port (default ${DEFAULT_SERVE_PORT}); UDP probes go to the same number`,
  },
  target: {
    type: "string",
    value: "HOST:PORT",
    help: "the same in one ([::1]:9292), as validate and throughput take it",
  },
  "udp-port": {
    type: "string",
    value: "P",
    help: "UDP probe port when it differs (e.g. behind a NAT)",
  },
  tls: { type: "boolean", help: "burst, round trips and connection checks over TLS 1.3" },
  "tls-port": {
    type: "string",
    value: "P",
    help: "serve's TLS port (default: asked from the serve)",
  },
  interval: {
    type: "string",
    value: "D",
    help: "time between lines, e.g. 500ms, 1s (default 1s)",
  },
  duration: { type: "string", value: "D", help: "stop after this long (default: until Ctrl-C)" },
  "expected-gbps": {
    type: "string",
    value: "X",
    help: `throughput the path should carry (default ${DEFAULT_EXPECTED_GBPS})`,
  },
  "max-latency-ms": {
    type: "string",
    value: "X",
    help: `p99 round trip it should stay under (default ${DEFAULT_MAX_LATENCY_MS})`,
  },
  json: { type: "boolean", help: "one JSON object per line (NDJSON)" },
  "fail-on-critical": {
    type: "boolean",
    help: "exit 1 after Critical for K intervals in a row",
  },
  "critical-intervals": {
    type: "string",
    value: "K",
    help: `(default ${DEFAULT_CRITICAL_INTERVALS})`,
  },
  export: {
    type: "string",
    value: "FILE",
    help: "write every interval's figures (schema/metrics.v1.json)",
  },
  "metrics-port": {
    type: "string",
    value: "P",
    help: "serve Prometheus metrics at http://<this host>:P/metrics",
  },
  webhook: {
    type: "string",
    value: "URL",
    help: "POST each health change there as JSON (retried, never fatal)",
  },
  "on-health-change": {
    type: "string",
    value: "CMD",
    help: "run CMD (split on spaces, no shell) on each health change, with\nPERFGATE_HEALTH, _HEALTH_FROM, _TARGET, _REASONS in its environment",
  },
  "on-health-change-shell": {
    type: "boolean",
    help: "run that CMD with /bin/sh -c instead (pipes, quotes): it is then a\nscript, so take it from no one you do not trust; the change still\narrives only in the PERFGATE_* variables, never in the script",
  },
  "alert-interval": {
    type: "string",
    value: "D",
    help: "at most one alert per D; changes in between are coalesced (default 1m)",
  },
  results: {
    type: "string",
    value: "FILE",
    help: "write a perfgate results file, one round per interval",
  },
  baseline: {
    type: "string",
    multiple: true,
    value: "FILE",
    help: `at the end, compare the last ${ROLLING_INTERVALS} intervals with these results\n(repeat the flag for several files)`,
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

const HELP = `usage: perfgate monitor -s <host> [-p <port>] [options]
       perfgate monitor --target <host:port> [options]

Watch the network path to a 'perfgate serve': every interval one line with throughput
(a short TCP burst), round-trip p50/p95/p99 over the last ${ROLLING_INTERVALS} intervals, connection
success, UDP loss and jitter, the network tier and the health.

${flagHelp(FLAGS)}

Each interval sends one TCP burst of at most ${MAX_BURST_MS} ms: at 1 s intervals the monitor fills
the path up to a quarter of the time; a longer --interval touches it less.

Health: Degraded when throughput < ${pct(DEGRADED_THROUGHPUT_FRACTION)} of expected, p99 > max latency,
loss > ${pct(DEGRADED_LOSS)} or connection success < ${pct(DEGRADED_SUCCESS)}; Critical when < ${pct(CRITICAL_THROUGHPUT_FRACTION)},
> ${CRITICAL_LATENCY_FACTOR}× max latency, loss > ${pct(CRITICAL_LOSS)} or success < ${pct(CRITICAL_SUCCESS)}.
`;

/** The serve's TLS port: from --tls-port, or asked from the serve (protocol mode info). */
async function learnTlsPort(host: string, port: number, given: number | undefined) {
  if (given !== undefined) return given;
  const where = `${host}:${port}`;
  const info = await serverInfo({ host, port }).catch((error: Error) => {
    throw new InputError(
      `--tls: cannot ask the perfgate serve at ${where} for its TLS port (${error.message}); give --tls-port`,
    );
  });
  if (info.tlsPort === undefined)
    throw new InputError(`--tls: the perfgate serve at ${where} serves no TLS (--no-tls)`);
  return info.tlsPort;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: FLAGS,
  }).values;
}

function write(file: string, value: unknown): void {
  try {
    writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`cannot write: ${(error as Error).message}`, file);
  }
}

export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    throw optionsError(error, "monitor");
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const address = serveAddress(values, DEFAULT_SERVE_PORT);
  if (!address)
    throw new UsageError(
      "monitor needs -s <host> or --target host:port (where 'perfgate serve' runs)",
    );
  const { host, port } = address;
  const udpPort = portNumber(values["udp-port"], "--udp-port", 1) ?? port;
  const intervalMs = durationMs(values.interval, "--interval") ?? DEFAULT_INTERVAL_MS;
  if (intervalMs < MIN_INTERVAL_MS)
    throw new UsageError(
      `--interval must be at least ${MIN_INTERVAL_MS}ms, not '${values.interval}'`,
    );
  const stopAfterMs = durationMs(values.duration, "--duration");
  const expected: Expectations = {
    expectedGbps:
      positiveNumber(values["expected-gbps"], "--expected-gbps") ?? DEFAULT_EXPECTED_GBPS,
    maxLatencyMs:
      positiveNumber(values["max-latency-ms"], "--max-latency-ms") ?? DEFAULT_MAX_LATENCY_MS,
  };
  const k =
    wholeNumber(values["critical-intervals"], "--critical-intervals", 1) ??
    DEFAULT_CRITICAL_INTERVALS;
  const givenTlsPort = portNumber(values["tls-port"], "--tls-port", 1);
  const metricsPort = portNumber(values["metrics-port"], "--metrics-port", 0);
  let webhookUrl: URL | undefined;
  if (values.webhook !== undefined) {
    webhookUrl = URL.canParse(values.webhook) ? new URL(values.webhook) : undefined;
    if (!webhookUrl || !/^https?:$/.test(webhookUrl.protocol))
      throw new UsageError(`--webhook must be an http(s) URL, not '${values.webhook}'`);
  }
  const hook = values["on-health-change"]?.trim();
  if (hook === "") throw new UsageError("--on-health-change needs a command, not ''");
  if (values["on-health-change-shell"] && hook === undefined)
    throw new UsageError("--on-health-change-shell needs --on-health-change CMD");
  const holdDownMs =
    durationMs(values["alert-interval"], "--alert-interval") ?? DEFAULT_ALERT_INTERVAL_MS;
  // Every flag is checked above, and the baseline read, before the first packet: a typo
  // should not wait for (or hide behind) an answer from the serve, and a bad baseline file
  // should stop us before we measure, not after.
  const baseline: Results[] = values.baseline ? await readResultsFiles(values.baseline) : [];
  const tlsPort = values.tls ? await learnTlsPort(host, port, givenTlsPort) : undefined;

  const mode: OutputMode = values.json
    ? "json"
    : process.stdout.isTTY && !process.env.CI
      ? "tty"
      : "plain";
  const transport = tlsPort === undefined ? "tcp" : "tls";
  const render = renderer(mode, transport);
  const target = formatAddress(address);
  const metrics = metricsPort === undefined ? undefined : new MonitorMetrics(target);
  const exporter =
    metrics &&
    (await serveMetrics(metrics.registry, metricsPort as number).catch((error: Error) => {
      throw new UsageError(`--metrics-port: cannot listen: ${error.message}`);
    }));
  if (exporter)
    process.stderr.write(
      `perfgate monitor: metrics on http://localhost:${exporter.port}/metrics\n`,
    );
  // One hold-down and retry schedule per channel: a failing hook does not delay the webhook.
  const channels = [
    webhookUrl && { name: "webhook", send: webhookSender(webhookUrl.href, target) },
    hook && {
      name: "--on-health-change",
      send: commandSender(hook, target, { shell: values["on-health-change-shell"] }),
    },
  ];
  const alerts = channels
    .filter((c) => !!c)
    .map(
      ({ name, send }) =>
        new HealthAlerts({
          holdDownMs,
          send,
          log: (message) => process.stderr.write(`perfgate monitor: ${name}: ${message}\n`),
        }),
    );
  const sampler = new PathSampler(
    {
      tcp: tlsPort === undefined ? { host, port } : { host, port: tlsPort, tls: true },
      udp: { host, port: udpPort },
    },
    intervalPlan(intervalMs, expected),
  );
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let outcome: Awaited<ReturnType<typeof runSession>>;
  try {
    outcome = await runSession({
      sample: async () => {
        const raw = await sampler.sample();
        metrics?.recordRaw(raw);
        return raw;
      },
      expected,
      intervalMs,
      durationMs: stopAfterMs,
      criticalIntervals: values["fail-on-critical"] ? k : undefined,
      signal: stop.signal,
      emit: (event) => {
        if (event.type === "interval") metrics?.recordFigures(event.figures);
        if (event.type === "health-change") for (const a of alerts) a.onChange(event);
        process.stdout.write(render(event));
      },
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    sampler.close();
    await exporter?.close();
    await Promise.all(alerts.map((a) => a.close()));
  }

  if (values.export)
    write(
      values.export,
      metricsExport({
        target,
        transport,
        intervalMs,
        expected,
        intervals: outcome.intervals,
        summary: outcome.summary,
      }),
    );
  const resultsOf = (intervals: typeof outcome.intervals) =>
    monitorResults({
      intervals,
      target,
      environment: { ...currentEnvironment(), transport },
      timestamp: new Date(),
      commit: process.env.GITHUB_SHA,
      ref: process.env.GITHUB_REF,
    });
  if (values.results) write(values.results, resultsOf(outcome.intervals));

  let failed = outcome.stoppedBy === "critical";
  if (outcome.stoppedBy === "critical")
    process.stderr.write(
      `perfgate: monitor: stopped after ${k} Critical intervals in a row (--fail-on-critical)\n`,
    );
  if (values.baseline) {
    const latest = resultsOf(outcome.intervals.slice(-ROLLING_INTERVALS));
    const report = compare({ baseline, current: [latest] });
    const text = renderText(report, { color: wantsColor(process.stdout.isTTY, process.env) });
    process.stdout.write(
      mode === "json"
        ? `${JSON.stringify({ type: "baseline", status: report.status, worst: report.worst })}\n`
        : `\n${text}\n`,
    );
    if (values["fail-on-critical"] && report.status === "fail") failed = true;
  }
  return failed ? 1 : 0;
}
