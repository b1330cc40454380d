/**
 * Producing results files when the workflow did not bring its own: the Action starts the
 * perfgate CLI as a child process (the same code `perfgate run` uses), so collection can
 * pin cores and spawn helpers without sharing the Action's process.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { InputError } from "../util/errors.js";
import { selfCommand } from "../util/self.js";
import type { Source } from "./inputs.js";

export interface CollectRequest {
  source: Exclude<Source, { kind: "results" }>;
  rounds?: number;
  suite?: string;
  /** A fresh directory for this run's files. */
  dir: string;
  cwd: string;
  log: (line: string) => void;
}

/** Returns the results files written. */
export type Collector = (request: CollectRequest) => Promise<string[]>;

function runCli(args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  const self = selfCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(self.command, [...self.args, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let lastError = "";
    child.stdout.on("data", (chunk: Buffer) => log(chunk.toString().trimEnd()));
    child.stderr.on("data", (chunk: Buffer) => {
      lastError = chunk.toString().trim().split("\n").pop() ?? lastError;
      log(chunk.toString().trimEnd());
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 || code === 1) resolve();
      else
        reject(
          new InputError(`collecting failed (perfgate ${args[0]} exited ${code}): ${lastError}`),
        );
    });
  });
}

export const collectWithCli: Collector = async (request) => {
  await mkdir(request.dir, { recursive: true });
  const out = join(request.dir, "results.json");
  const rounds = request.rounds !== undefined ? ["--rounds", String(request.rounds)] : [];
  const { source } = request;
  if (source.kind === "builtin") {
    await runCli(["throughput", "--out", out, ...rounds], request.cwd, request.log);
    return [out];
  }
  let config = source.kind === "config" ? source.path : "";
  if (source.kind === "command") {
    // A command and its tool are a one-source config; writing it keeps one code path.
    config = join(request.dir, "command.perfgate.yml");
    await writeFile(
      config,
      stringify({ run: { command: source.command, tool: source.tool, cwd: request.cwd } }),
    );
  }
  const suite = request.suite ? ["--suite", request.suite] : [];
  await runCli(
    ["run", "--config", config, "--out", out, ...rounds, ...suite],
    request.cwd,
    request.log,
  );
  return [out];
};
