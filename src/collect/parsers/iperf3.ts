/**
 * iperf3's JSON (`iperf3 -c … -J`), TCP and UDP.
 *
 * Each reporting interval (`-i`, 1 s by default) is one sample of `throughput` (Gbit/s,
 * higher); intervals inside `--omit` are skipped, as iperf3 itself does. Also kept: the
 * receiver's whole-test rate `received` (Gbit/s), TCP `retransmits` per interval (lower),
 * UDP `jitter` (seconds) and `loss` (% of datagrams), both lower, and the CPU use of both
 * ends (`cpu local`, `cpu remote`, % , lower). An `error` member is iperf3 saying it failed.
 */
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, isObject, type JsonObject, num, obj, readJson } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

function benchmarkName(start: JsonObject | undefined): string {
  const test = isObject(start?.test_start) ? start.test_start : {};
  const protocol = typeof test.protocol === "string" ? test.protocol.toLowerCase() : "tcp";
  const streams = typeof test.num_streams === "number" ? test.num_streams : 1;
  const parts = [`iperf3 ${protocol}`];
  if (test.reverse === 1 || test.reverse === true) parts.push("reverse");
  if (test.bidir === 1 || test.bidir === true) parts.push("bidirectional");
  if (streams > 1) parts.push(`${streams} streams`);
  return parts.join(" ");
}

export const iperf3: Parser = {
  name: "iperf3",
  description: "iperf3 -J (intervals as samples; retransmits, jitter, loss, CPU)",
  detect: (whole) => {
    const text = head(whole);
    return /"intervals"\s*:/.test(text) && /"(start|end)"\s*:/.test(text);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "iperf3 JSON"), source, "$");
    if (typeof root.error === "string") {
      throw new InputError(`iperf3 failed: ${root.error}`, source, "$.error");
    }
    const start = isObject(root.start) ? root.start : undefined;
    const name = benchmarkName(start);
    const set = new BenchmarkSet();
    arr(root.intervals, source, "$.intervals").forEach((iv, i) => {
      const path = `$.intervals[${i}].sum`;
      const sum = obj(obj(iv, source, `$.intervals[${i}]`).sum, source, path);
      if (sum.omitted === true) return;
      const bps = num(sum.bits_per_second, source, `${path}.bits_per_second`);
      set.add(name, "throughput", "bit/s", "higher", bps);
      if (sum.retransmits !== undefined) {
        set.add(
          name,
          "retransmits",
          "count",
          "lower",
          num(sum.retransmits, source, `${path}.retransmits`),
        );
      }
    });
    if (set.size === 0) throw emptyRun(source, "$.intervals", "the intervals array");

    const end = obj(root.end, source, "$.end");
    const received = isObject(end.sum_received) ? end.sum_received : undefined;
    if (received) {
      const bps = num(received.bits_per_second, source, "$.end.sum_received.bits_per_second");
      set.add(name, "received", "bit/s", "higher", bps);
    }
    // UDP: the receiver's jitter and loss come back to the client in end.sum (and, from
    // iperf3 3.12 on, in end.sum_received too).
    const udp =
      received?.jitter_ms !== undefined ? received : isObject(end.sum) ? end.sum : undefined;
    const where = udp === received ? "$.end.sum_received" : "$.end.sum";
    if (udp && udp.jitter_ms !== undefined) {
      set.add(name, "jitter", "ms", "lower", num(udp.jitter_ms, source, `${where}.jitter_ms`));
      set.add(name, "loss", "%", "lower", num(udp.lost_percent, source, `${where}.lost_percent`));
    }
    const cpu = isObject(end.cpu_utilization_percent) ? end.cpu_utilization_percent : undefined;
    if (cpu) {
      const at = "$.end.cpu_utilization_percent";
      set.add(name, "cpu local", "%", "lower", num(cpu.host_total, source, `${at}.host_total`));
      set.add(
        name,
        "cpu remote",
        "%",
        "lower",
        num(cpu.remote_total, source, `${at}.remote_total`),
      );
    }
    return set.list();
  },
};
