// The live monitor inside your own service or test: watch the path to a `perfgate serve`
// for a while, react to health changes, read a snapshot, and print the session's summary.
//
//   node watch.mjs <host> <port> <seconds>
import { type HealthChangeEvent, Monitor } from "perfgate";

const [host = "127.0.0.1", port = "9292", seconds = "5"] = process.argv.slice(2);

const monitor = new Monitor({
  host,
  port: Number(port),
  intervalMs: 250,
  durationMs: Number(seconds) * 1000,
  expectedGbps: 0.01,
  maxLatencyMs: 500,
});

monitor.on("health-change", (change: HealthChangeEvent) => {
  // Page someone, flip a feature flag, shed load…
  console.log(`health ${change.from} → ${change.to} ${change.reasons.join("; ")}`);
});

await monitor.start();
await new Promise((resolve) => setTimeout(resolve, 1000));
const { health, intervals, latest } = monitor.snapshot();
console.log(`after 1 s: ${health} over ${intervals} intervals, ${latest?.throughputGbps} Gbit/s`);

const summary = await monitor.finished();
console.log(JSON.stringify({ intervals: summary.intervals, worst: summary.worst }));
