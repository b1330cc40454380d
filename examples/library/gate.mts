// A performance gate in a few lines: read a baseline history and the current run (any
// format perfgate reads), grade every change, print the table, exit 1 on a regression at
// or above --fail-on's level (critical here).
//
//   node gate.mjs <baseline history or results…> -- <current results…>
import { writeFileSync } from "node:fs";
import { compare, failed, readResults, renderMarkdown, renderText } from "perfgate";

const args = process.argv.slice(2);
const split = args.indexOf("--");
if (split < 1 || split === args.length - 1) {
  console.error("usage: node gate.mjs <baseline…> -- <current…>");
  process.exit(2);
}

const report = compare({
  baseline: await readResults(args.slice(0, split)),
  current: await readResults(args.slice(split + 1)),
  failOn: "critical",
});

console.log(renderText(report));
// The same verdict as a PR comment would show it, for a bot of your own.
writeFileSync("report.md", renderMarkdown(report, { target: "comment" }));
for (const finding of report.findings.filter((f) => f.verdict === "regression"))
  console.log(`${finding.benchmark} ${finding.metric}: ${finding.severity}`);
process.exitCode = failed(report) ? 1 : 0;
