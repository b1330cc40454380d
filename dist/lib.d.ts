/**
 * Every threshold perfgate uses, with its default and why. The CLI help, action.yml's
 * descriptions and schema/config.v1.json all take their numbers from here.
 *
 * Changes are relative: 0.05 means 5 % in the worse (or better) direction.
 */
export interface Thresholds {
	/** Below this a change is "within noise" even when statistically clear: 5 % is about
	 *  twice the between-runner CV published for hosted runners (2.5–3 %). */
	tolerance: number;
	/** Lower edges of the grade bands (docs/statistics.md, "Severity"). */
	minor: number;
	moderate: number;
	severe: number;
	critical: number;
	/** Critical also needs the interval's conservative end past this line, so that noise
	 *  alone can never fail a build. */
	criticalConservative: number;
	/** Family-wise error rate for calling any change significant (Holm over all metrics). */
	alpha: number;
	/** Much stricter level a Critical must also clear (Bonferroni over all metrics). */
	criticalAlpha: number;
	/** Confidence level of the intervals shown to people. */
	confidence: number;
}
declare const SEVERITIES: readonly [
	"minor",
	"moderate",
	"severe",
	"critical"
];
export type Severity = (typeof SEVERITIES)[number];
/** `--fail-on` / `fail-on`: the lowest severity that fails the gate, or never. */
export type FailOn = Severity | "never";
/**
 * The public data model: what a results file and a baseline history hold. These types
 * mirror schema/results.v1.json and schema/history.v1.json; change both together.
 */
/** Which way is better for a metric. Every metric states it; nothing is guessed later. */
export type Direction = "higher" | "lower";
/**
 * One measured quantity of one benchmark. `samples` holds one observation per round (never
 * one per loop iteration), in the metric's canonical unit (see units.ts).
 */
export interface Metric {
	unit: string;
	direction: Direction;
	samples: number[];
	/** Optional, one per sample: the steady-state measuring windows the sample is the median
	 *  of (the throughput suite's tcp/throughput and tls/throughput). */
	windows?: WindowSummary[];
}
interface WindowSummary {
	count: number;
	seconds: number;
	spread: number;
}
export interface Benchmark {
	/** Unique within a results file, e.g. "tcp/throughput" or "parse/json (large)". */
	name: string;
	/** Metric name → metric, e.g. "throughput", "p99", "time", "bytes/op". */
	metrics: Record<string, Metric>;
}
/** Where a run happened: enough to tell two runners apart and to explain a difference. */
export interface Environment {
	os?: string;
	arch?: string;
	cpus?: number;
	cpuModel?: string;
	node?: string;
	kernel?: string;
	openssl?: string;
	/** e.g. "GitHub Actions ubuntu-24.04" or "local". */
	runner?: string;
	/** Where the processes ran, e.g. "server: cpu1, client: cpu0". */
	placement?: string;
	[key: string]: unknown;
}
declare const RESULTS_SCHEMA = "perfgate/results/v1";
declare const REPORT_SCHEMA = "perfgate/report/v1";
/** One run of one suite: the contract in docs/contracts.md ("Results"). */
export interface Results {
	schema: typeof RESULTS_SCHEMA;
	suite: string;
	commit?: string;
	ref?: string;
	/** RFC 3339. */
	timestamp: string;
	environment: Environment;
	benchmarks: Benchmark[];
	/** Things the collector wants a reader to know, e.g. "stopped at 500 connections: fd limit". */
	notes?: string[];
	/** How long collecting took, when perfgate collected (not for files a tool wrote). */
	collection?: Collection;
}
interface Collection {
	/** Everything: the build, every round, the process starts in between. */
	seconds: number;
	/** Each round, in the order they ran. */
	roundSeconds: number[];
	/** The config's `run.build`, when it has one. */
	buildSeconds?: number;
}
interface Rule {
	/** Glob over benchmark names: `*` within a path segment, `**` across segments. */
	benchmark: string;
	/** Glob over metric names; all metrics when absent. */
	metric?: string;
	thresholds?: Partial<Thresholds>;
	/** Absolute limits in the canonical unit: breaching one is Critical. */
	min?: number;
	max?: number;
	/** The canonical unit each limit was written with ("1 Gbit/s" → "Gbit/s"); a limit
	 *  applies only to metrics measured in that unit. Absent for bare numbers. */
	limitUnits?: Partial<Record<"min" | "max" | "ceiling", string>>;
	/** The most this metric can plausibly reach on this machine (e.g. the measured loopback
	 *  ceiling in Gbit/s), in the canonical unit: above it the result is flagged, not graded. */
	ceiling?: number;
	/** Which way is better, where the tool's output does not say (a Google Benchmark user
	 *  counter, a custom metric); overrides the direction the results carry. */
	direction?: Direction;
	/** Leave this benchmark/metric out of the verdict (still listed as ignored). */
	ignore?: boolean;
}
interface RunConfig {
	/** The built-in real-throughput suite, with its options. */
	throughput?: Record<string, unknown>;
	/** Globs of tinybench files (*.bench.{js,mjs,ts}). */
	tinybench?: string[];
	/** A command run once per round; its output is parsed with `tool`. */
	command?: string;
	/** Files written by a tool, parsed with `tool`. */
	files?: string[];
	/** Parser name, or "auto". */
	tool?: string;
	/** Optional build step before collecting (used by same-runner A/B in each tree). */
	build?: string;
	/** Working directory for command and build, relative to the config file. */
	cwd?: string;
}
interface AcceptEntry {
	/** Glob over benchmark names, as in rules. */
	benchmark: string;
	/** Glob over metric names; all metrics when absent. */
	metric?: string;
	/** The commit that makes the change (full id or a prefix of ≥ 7 characters). */
	commit?: string;
	/** The pull request that makes the change. */
	pr?: number;
	reason: string;
}
export interface Config {
	suite?: string;
	rounds?: number;
	historySize?: number;
	failOn?: FailOn;
	/** Rounds run again before a finding fails the gate (0: off). */
	confirmRounds?: number;
	thresholds?: Partial<Thresholds>;
	rules?: Rule[];
	accept?: AcceptEntry[];
	run?: RunConfig;
}
interface SettingNote {
	/** The kebab-case name: `fail-on`. */
	name: string;
	value: string;
	/** Where it came from: `.perfgate.yml`, `--fail-on`, `input fail-on`. */
	source: string;
}
/** How a finding was decided. */
export type Mode = 
/** baseline = last N runs of the baseline branch; noise learned from their spread */
"history"
/** round i of base and round i of head ran back to back on one machine */
 | "paired"
/** fewer than MIN_HISTORY_FOR_NOISE baseline runs: only wide changes are graded */
 | "unknown-noise"
/** no baseline at all: the current values are shown, nothing is graded */
 | "no-baseline";
/**
 * The verdict for one benchmark and metric.
 * - regression / improvement: significant and past the tolerance, with a severity;
 * - unchanged: within noise or under the tolerance;
 * - inconclusive: too noisy to decide either way (see `roundsToDecide`);
 * - new / missing: the metric exists on one side only.
 */
export type Verdict = "regression" | "improvement" | "unchanged" | "inconclusive" | "new" | "missing";
/** A relative change and its interval: 0.12 means +12 % (current / baseline − 1). */
export interface Change {
	estimate: number;
	low: number;
	high: number;
	/** e.g. 0.95 */
	level: number;
	/** Two-sided p-value of "no change", before multiple-testing adjustment. */
	pValue: number;
	/** After Holm adjustment across all compared metrics. */
	adjustedPValue: number;
}
/** A plausibility flag: the numbers look made up or mis-measured (docs/statistics.md, "Plausibility"). */
export interface Flag {
	kind: "zero-variance" | "identical-to-baseline" | "above-ceiling" | "non-finite" | "negative" | "unit-mixup";
	message: string;
}
/** Slow creep over the history plus this run, which no single step shows. */
export interface Trend {
	/** Robust (Theil–Sen) slope, relative change per run, e.g. 0.01 = +1 % per run. */
	slopePerRun: number;
	/** Total relative change over the window, in the worse direction when positive. */
	totalChange: number;
	runs: number;
	/** True when the creep is worse than the tolerance over the window and significant. */
	flagged: boolean;
}
export interface Finding {
	benchmark: string;
	metric: string;
	unit: string;
	direction: Direction;
	verdict: Verdict;
	/** Set for regression and improvement (improvements use the same bands). */
	severity?: Severity;
	/** Baseline centre (median of per-run medians) in the metric's unit; absent for "new". */
	baseline?: number;
	/** Current centre (median of rounds) in the metric's unit; absent for "missing". */
	current?: number;
	/** Absent for new, missing and no-baseline. */
	change?: Change;
	/** Why this verdict, in one line a person can read. */
	reason: string;
	/** Inconclusive only: about how many rounds (or pairs) would decide it, in all (not
	 *  more). Paired mode only; in history mode `reason` says whether more baseline runs or
	 *  paired mode would decide it. */
	roundsToDecide?: number;
	/** An absolute limit from the config that was breached (always Critical). */
	limit?: {
		bound: "min" | "max";
		value: number;
	};
	flags: Flag[];
	trend?: Trend;
	/** Per-run baseline values (oldest first) then the current value: for charts. */
	series: number[];
	/** Smallest change this comparison could have detected, relative (e.g. 0.06). */
	minDetectable?: number;
	/** Left out of the verdict by a config rule (`ignore: true`); verdict is "unchanged". */
	ignored?: boolean;
	/** A failing regression that was intended, and who said so ("label perf-accepted", or
	 *  ".perfgate.yml accept: <reason>"): it does not fail the gate (src/analyze/accept.ts). */
	accepted?: string;
	/** Shown, not graded: the difference is the machine's (see Report.information). */
	information?: boolean;
}
export interface Report {
	suite: string;
	/** Why every change here is information and none a regression, e.g. the baseline was
	 *  measured on another machine (analyze/machines.ts). Such a report never fails. */
	information?: string;
	/** Set when the gate passed a failing verdict because it looks like a runner hiccup that
	 *  perfgate could not re-run (analyze/confirm.ts): what it looked like. */
	hiccup?: string;
	/** Many series were worse by one factor in the newest baseline run too, and this run
	 *  repeats it: a level that held, never passed as a hiccup (compare.ts). */
	hiccupHeld?: boolean;
	mode: Mode;
	/** "fail" when a finding is at or above failOn. */
	status: "pass" | "fail";
	worst: Severity | "none";
	failOn: FailOn;
	/** Findings per verdict; per severity, regressions only (improvements never fail). */
	counts: Record<Verdict, number> & Record<Severity, number>;
	/** Sorted: regressions by severity (worst first), then inconclusive, improvements, the rest. */
	findings: Finding[];
	/** Things the user should know and act on (thin history, missing benchmarks, …). */
	warnings: string[];
	baseline: {
		runs: number;
		commits: string[];
		/** The baseline runs' ref, e.g. "refs/heads/main" (the newest run's), when recorded. */
		ref?: string;
		/** CPU models of the baseline runs compared with, most runs first, when recorded: the
		 *  report says when this run's CPU differs (a different runner explains a shift). */
		machines?: Array<{
			cpuModel: string;
			runs: number;
		}>;
	};
	current: {
		rounds: number;
		commit?: string;
		ref?: string;
		environment: Environment;
		/** How long perfgate took to collect the run, when it did. */
		collection?: Collection;
	};
	thresholds: Thresholds;
	/** Settings not at their built-in default and where each came from (model/settings.ts);
	 *  the caller that resolved them adds them. */
	settings?: SettingNote[];
}
interface LatencyPlan {
	/** Round trips measured, after `warmup` discarded ones. */
	messages: number;
	warmup: number;
	messageSize: number;
}
interface SetupPlan {
	/** Connections opened one after another (at most, see sequentialMaxMs): their median
	 *  set-up time is the sample. */
	sequential: number;
	/** Stop the sequential part early after this long (with at least MIN_SEQUENTIAL done), so
	 *  a busy machine cannot stretch the run without bound. */
	sequentialMaxMs: number;
	/** Time-based rate trial: open connections with `concurrency` in flight for this long. */
	burstMs: number;
	concurrency: number;
}
interface ThroughputPlan {
	/** Discarded: lets TCP open its window and the JIT compile the write path. The same in
	 *  quick and full mode, so both measure the same steady state. */
	warmupMs: number;
	/** Measured: cut into windows of windowMs; the figure is the windows' median. */
	durationMs: number;
	windowMs: number;
	/** 1 MiB writes (transfers; the server's writes are 1 MiB too) and 1 MiB reads: the
	 *  sizes at which Node's loopback rate meets iperf3's (docs/architecture.md, "What the code relies on from the platform"). */
	writeSize: number;
	readSize: number;
}
declare const SCENARIOS: readonly [
	"throughput",
	"transfer",
	"latency",
	"connect"
];
type Scenario = (typeof SCENARIOS)[number];
interface SuitePlan {
	rounds: number;
	/** Run only these scenarios (all when absent). */
	only?: Scenario[];
	throughput: ThroughputPlan;
	/** Transfer sizes in bytes (decimal megabytes, 1 MB = 10^6 B). */
	transferSizes: number[];
	latency: LatencyPlan;
	setup: {
		tcp: SetupPlan;
		tls: SetupPlan;
	};
}
interface Observation {
	benchmark: string;
	metric: string;
	unit: string;
	direction: Direction;
	value: number;
	/** The measuring windows the value is the median of (throughput only). */
	windows?: WindowSummary;
}
interface RoundOutcome {
	observations: Observation[];
	tls?: {
		protocol: string;
		cipher: string;
	};
}
interface ThroughputOptions {
	/** Fewer, shorter rounds (within 15 s on 2 cores); no 500 MB transfer. */
	quick?: boolean;
	rounds?: number;
	/** "host:port" of a remote `perfgate serve`; loopback with our own server when absent. */
	target?: string;
	/** Pin client and server to their own CPUs where possible (default true). */
	pin?: boolean;
	/** Override parts of the plan (tests use tiny trials). */
	plan?: Partial<SuitePlan>;
	commit?: string;
	ref?: string;
	onProgress?: (event: ProgressEvent) => void;
	/** Run the connection-scaling scenario instead (scalingSuite.ts). */
	scaling?: boolean;
	/** Scaling only: the concurrent connections to run, e.g. [10, 100, 500, 1000]. */
	connections?: number[];
	/** The client's I/O size in bytes: its writes in the transfer trials and its reads in the
	 *  throughput trial (default 1 MiB). The server's writes stay 1 MiB: the wire protocol
	 *  does not carry a size, so a remote `perfgate serve` keeps working. */
	writeSize?: number;
	/** Run only these scenarios (all when absent). */
	only?: Scenario[];
}
type ProgressEvent = {
	kind: "round-start";
	round: number;
	rounds: number;
} | {
	kind: "step";
	round: number;
	rounds: number;
	step: string;
} | {
	kind: "round-end";
	round: number;
	rounds: number;
	outcome: RoundOutcome;
};
interface JsonChange {
	kind: "relative";
	estimate: number | null;
	low: number | null;
	high: number | null;
	level: number;
	pValue: number | null;
	adjustedPValue: number | null;
}
interface JsonTrend {
	slopePerRun: number | null;
	totalChange: number | null;
	runs: number;
	flagged: boolean;
}
interface JsonFinding {
	benchmark: string;
	metric: string;
	/** The unit of baseline, current, series and limit.value. */
	unit: string;
	direction: "higher" | "lower";
	verdict: Verdict;
	severity: Severity | "none";
	baseline: number | null;
	current: number | null;
	change: JsonChange | null;
	/** The same figures as a person reads them, e.g. "12.5 ms" and "+7.0% [+5.0%, +9.0%]". */
	text: {
		baseline: string | null;
		current: string | null;
		change: string | null;
	};
	reason: string;
	roundsToDecide: number | null;
	limit: {
		bound: "min" | "max";
		value: number;
	} | null;
	flags: Flag[];
	trend: JsonTrend | null;
	series: Array<number | null>;
	minDetectable: number | null;
	/** Who accepted this failing regression (a label, or .perfgate.yml accept:), or null. */
	accepted: string | null;
}
export interface JsonReport {
	schema: typeof REPORT_SCHEMA;
	suite: string;
	mode: Mode;
	status: "pass" | "fail";
	worst: Severity | "none";
	failOn: FailOn;
	thresholds: Thresholds;
	counts: Report["counts"];
	baseline: {
		runs: number;
		commits: string[];
	};
	current: {
		rounds: number;
		commit: string | null;
		ref: string | null;
		environment: Environment;
		collection?: Collection;
	};
	/** Settings not at their built-in default, each with where it came from. */
	settings: SettingNote[];
	warnings: string[];
	findings: JsonFinding[];
}
export declare function toJsonReport(report: Report): JsonReport;
/**
 * Bad input from the user: a file that is not what it should be, a flag that makes no
 * sense. The CLI prints `perfgate: <message>` on one line and exits 2; no stack trace.
 *
 * `file` names the file at fault and `where` the place inside it (a JSON path such as
 * `$.benchmarks[3].metrics.time.samples[0]`, or `line 12`).
 */
export declare class InputError extends Error {
	readonly file?: string | undefined;
	readonly where?: string | undefined;
	constructor(message: string, file?: string | undefined, where?: string | undefined);
}
/** A flag or argument the command does not accept (also exit 2). */
export declare class UsageError extends Error {
	name: string;
}
/** perfgate's version; a test keeps it equal to package.json's. */
declare const VERSION = "0.1.0";
declare const HEALTH: readonly [
	"Healthy",
	"Degraded",
	"Critical"
];
export type Health = (typeof HEALTH)[number];
declare const FAILURE_KINDS: readonly [
	"refused",
	"timed out",
	"TLS error",
	"unreachable",
	"name not found",
	"reset",
	"not a perfgate serve",
	"other"
];
type FailureKind = (typeof FAILURE_KINDS)[number];
type FailureCounts = Partial<Record<FailureKind, number>>;
interface Percentiles {
	p50: number;
	p95: number;
	p99: number;
}
export interface IntervalFigures {
	index: number;
	timestamp: string;
	throughputGbps: number | null;
	tier: string | null;
	/** Over the rolling window. */
	latencyMs: Percentiles | null;
	/** This interval's round trips only: an independent observation for a results file. */
	intervalLatencyMs: Percentiles | null;
	connectionSuccess: number | null;
	loss: number | null;
	jitterMs: number | null;
	health: Health;
	reasons: string[];
	errors: string[];
	/** This interval's failed connection attempts by kind: refused, timed out, TLS error… */
	failures: FailureCounts;
}
interface Totals {
	startedAt: Date;
	elapsedSeconds: number;
	stoppedBy: "duration" | "interrupted" | "critical";
}
interface Summary {
	startedAt: string;
	elapsedSeconds: number;
	stoppedBy: Totals["stoppedBy"];
	intervals: number;
	/** Intervals spent in each health. */
	health: Record<Health, number>;
	/** Worst health seen. */
	worst: Health | null;
	throughputGbps: {
		median: number;
		min: number;
		max: number;
	} | null;
	/** Over every round trip of the session. */
	latencyMs: {
		p50: number;
		p95: number;
		p99: number;
	} | null;
	/** Over every probe and connection attempt of the session. */
	loss: number | null;
	connectionSuccess: number | null;
	jitterMs: number | null;
}
/** The library's defaults, the same as the CLI's: a gigabit path answering within 10 ms,
 *  one line a second. */
export declare const MONITOR_DEFAULTS: {
	readonly intervalMs: 1000;
	readonly expectedGbps: 1;
	readonly maxLatencyMs: 10;
};
export interface MonitorOptions {
	/** Where `perfgate serve` runs (a name, an IPv4 or an IPv6 address without brackets). */
	host: string;
	/** Its port (TCP, and UDP for the loss probes unless `udpPort` says otherwise). */
	port: number;
	udpPort?: number;
	/** Burst, round trips and connection checks over TLS 1.3; the serve's TLS port is asked
	 *  from it unless `tlsPort` is given. */
	tls?: boolean;
	tlsPort?: number;
	/** Time between intervals (default 1000 ms, at least 100). */
	intervalMs?: number;
	/** Stop by itself after this long (default: run until stop()). */
	durationMs?: number;
	/** Throughput the path should carry, in Gbit/s (default 1). */
	expectedGbps?: number;
	/** p99 round trip it should stay under, in ms (default 10). */
	maxLatencyMs?: number;
}
/** One health transition, as `perfgate monitor --webhook` posts it (without its target). */
export interface HealthChangeEvent {
	/** The interval it happened in, from 1. */
	index: number;
	/** RFC 3339. */
	timestamp: string;
	from: Health;
	to: Health;
	/** Why the new health, e.g. "p99 12.1 ms > 10 ms"; empty when Healthy. */
	reasons: string[];
}
export interface MonitorSnapshot {
	running: boolean;
	/** Health of the newest interval; undefined before the first one ends. */
	health: Health | undefined;
	/** Intervals measured so far. */
	intervals: number;
	/** The newest interval's figures (throughput, rolling p50/p95/p99, loss, jitter, tier…). */
	latest: IntervalFigures | undefined;
}
export interface MonitorEvents {
	interval: (figures: IntervalFigures) => void;
	"health-change": (change: HealthChangeEvent) => void;
	/** A measurement failed in a new way (refused, timed out…); the monitor goes on. */
	error: (message: string) => void;
}
export declare class Monitor {
	private readonly options;
	private readonly listeners;
	private latest;
	private count;
	private started;
	private abort;
	private session;
	constructor(options: MonitorOptions);
	on<E extends keyof MonitorEvents>(event: E, listener: MonitorEvents[E]): this;
	off<E extends keyof MonitorEvents>(event: E, listener: MonitorEvents[E]): this;
	/**
	 * Starts measuring; resolves once the first interval is under way (with `tls`, after the
	 * serve told its TLS port, so a serve without TLS rejects here). Intervals then run in
	 * the background until stop() or `durationMs`.
	 */
	start(): Promise<void>;
	/** What the monitor has seen so far: cheap, callable any time. */
	snapshot(): MonitorSnapshot;
	/** Ends the session (an interval under way is abandoned) and returns its summary. A
	 *  listener that threw ended the session early: its error rejects here. */
	stop(): Promise<Summary>;
	/** Resolves with the summary when the session ends by itself (`durationMs`) or is stopped. */
	finished(): Promise<Summary>;
	private askTlsPort;
	private dispatch;
}
/** The tools whose output perfgate reads, as `tool` names ("cargo", "go", "hyperfine", …). */
export declare const tools: readonly string[];
export interface ParseOptions {
	/** The tool that wrote the text (one of `tools`); absent or "auto": detected. */
	tool?: string;
	/** Named in errors and warnings (default "<text>"). */
	source?: string;
	/** Suite of tool output, which names none (default: the tool's name). */
	suite?: string;
	/** RFC 3339 time of tool output, which carries none (default: now). */
	timestamp?: string;
}
/**
 * The runs in `text`: perfgate's own results (one run) or history (its runs, oldest first),
 * or one run read from a tool's output.
 */
export declare function parseResults(text: string, options?: ParseOptions): Promise<Results[]>;
export interface ReadOptions {
	/** The tool that wrote the files (one of `tools`); absent or "auto": detected per file. */
	tool?: string;
	/** Suite of tool output, which names none (default: the tool's name). */
	suite?: string;
}
/**
 * Every run in the files named (paths, globs like "bench/*.json", or directories), in the
 * order found, as `perfgate compare --baseline/--current` reads them. Files found inside a
 * directory that are in no known format are skipped; named ones must parse.
 */
export declare function readResults(files: string | string[], options?: ReadOptions): Promise<Results[]>;
/** A `.perfgate.yml` (thresholds, rules, accept entries) read and checked. */
export declare function readConfig(file: string): Promise<Config>;
/** The same from text. */
export declare function parseConfig(text: string, source?: string): Config;
export interface CompareOptions {
	/**
	 * History: the baseline branch's runs, oldest first (a history file read with
	 * readResults gives them so). Paired: the base side's rounds in the order they ran.
	 */
	baseline: Results[];
	/** The run under test: its rounds (one file each), or one file with several samples. */
	current: Results[];
	/** Baseline file i and current file i ran back to back on one machine. */
	paired?: boolean;
	config?: Config;
	/** Lowest severity that fails (default "critical"; "never" to report only). */
	failOn?: FailOn;
	/** History: compare with at most this many newest runs (default: the config's
	 *  `history-size`, else 30). */
	historySize?: number;
	seed?: number;
}
/**
 * Grades every benchmark and metric of `current` against `baseline`: the report that
 * `perfgate compare --format json` prints (renderJson gives that text), less the CLI's
 * "not confirmed" note (it read files, so it cannot run more rounds). Pure.
 */
export declare function compare(options: CompareOptions): Report;
/** True when the report fails the gate (a finding at or above `failOn`). */
export declare function failed(report: Report): boolean;
export interface MarkdownOptions {
	/** "comment" (a PR comment, ≤ 65,536 characters, the default) or "summary" (a job
	 *  summary, ≤ 1 MiB); the text is trimmed in stages to fit. */
	target?: "comment" | "summary";
	/** A smaller size limit than the target's. */
	limit?: number;
	/** Heading (default "perfgate · <suite>"); escaped. */
	title?: string;
}
/** GitHub-flavoured Markdown, as the Action's comment and job summary. */
export declare function renderMarkdown(report: Report, options?: MarkdownOptions): string;
export interface TextOptions {
	/** ANSI colours (default false). */
	color?: boolean;
	/** Columns available (default 100). */
	width?: number;
}
/** The terminal table `perfgate compare` prints. */
export declare function renderText(report: Report, options?: TextOptions): string;
/** The JSON report (schema/report.v1.json), as `perfgate compare --format json` prints it. */
export declare function renderJson(report: Report): string;
export type MeasureThroughputOptions = Pick<ThroughputOptions, "quick" | "rounds" | "target" | "pin" | "commit" | "ref" | "scaling" | "connections">;
/**
 * The built-in network-throughput suite (`perfgate throughput`): TCP and TLS transfers,
 * round trips and connection set-up over loopback, or to a remote `perfgate serve` when
 * `target` ("host:port") is given. Starts perfgate's own child processes.
 */
export declare function measureThroughput(options?: MeasureThroughputOptions): Promise<Results>;

export {
	Summary as MonitorSummary,
	VERSION as version,
};

export {};
