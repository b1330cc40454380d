/**
 * perfgate's own results file (schema perfgate/results/v1): the benchmarks are already in
 * perfgate's model. Full schema validation belongs to src/model; here each metric is
 * checked for what the comparison needs (a unit, a direction, finite samples).
 */

import type { Benchmark, Direction } from "../../model/types.js";
import { RESULTS_SCHEMA } from "../../model/types.js";
import { InputError } from "../../util/errors.js";
import { arr, emptyRun, numbers, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

export const perfgate: Parser = {
  name: "perfgate",
  description: "perfgate's own results file (perfgate/results/v1)",
  detect: (whole) => {
    const text = head(whole);
    return text.includes(`"${RESULTS_SCHEMA}"`);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "perfgate results"), source, "$");
    if (root.schema !== RESULTS_SCHEMA) {
      throw new InputError(`expected "schema": "${RESULTS_SCHEMA}"`, source, "$.schema");
    }
    const list = arr(root.benchmarks, source, "$.benchmarks");
    if (list.length === 0) throw emptyRun(source, "$.benchmarks", "the benchmarks array");
    return list.map((b, i): Benchmark => {
      const path = `$.benchmarks[${i}]`;
      const bench = obj(b, source, path);
      const metrics: Benchmark["metrics"] = {};
      for (const [key, m] of Object.entries(obj(bench.metrics, source, `${path}.metrics`))) {
        const at = `${path}.metrics[${JSON.stringify(key)}]`;
        const metric = obj(m, source, at);
        const direction = str(metric.direction, source, `${at}.direction`);
        if (direction !== "higher" && direction !== "lower") {
          throw new InputError(`direction must be "higher" or "lower"`, source, `${at}.direction`);
        }
        metrics[key] = {
          unit: str(metric.unit, source, `${at}.unit`),
          direction: direction as Direction,
          samples: numbers(metric.samples, source, `${at}.samples`),
        };
      }
      return { name: str(bench.name, source, `${path}.name`), metrics };
    });
  },
};
