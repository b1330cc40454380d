/**
 * perfgate's own results file, any version (perfgate/results/v1, and older ones migrated on
 * read): read by the same rules as everywhere else — model/migrate.ts brings it to the
 * current version and model/validate.ts checks it against schema/results.v1.json — so
 * `perfgate parse`, a config's `files:` and `perfgate compare` accept and refuse the same
 * files with the same messages.
 */
import { parseJson } from "../../model/jsonText.js";
import { isPerfgateDocument, migrate } from "../../model/migrate.js";
import { RESULTS_SCHEMA } from "../../model/types.js";
import { validateResults } from "../../model/validate.js";
import { InputError } from "../../util/errors.js";
import { emptyRun } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

/** Every version of the results schema (`perfgate/results/v0`, `…/v1`, …). */
const RESULTS_FAMILY = RESULTS_SCHEMA.replace(/v\d+$/, "");

export const perfgate: Parser = {
  name: "perfgate",
  description: `perfgate's own results file (${RESULTS_SCHEMA}, older versions migrated)`,
  detect: (whole) => head(whole).includes(`"${RESULTS_FAMILY}v`),
  parse(text, { source }) {
    const doc = parseJson(text, source);
    if (!isPerfgateDocument(doc) || !doc.schema.startsWith(RESULTS_FAMILY)) {
      throw new InputError(`expected "schema": "${RESULTS_SCHEMA}"`, source, "$.schema");
    }
    const results = validateResults(migrate(doc, source), source);
    if (results.benchmarks.length === 0)
      throw emptyRun(source, "$.benchmarks", "the benchmarks array");
    return results.benchmarks;
  },
};
