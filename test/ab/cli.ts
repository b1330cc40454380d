/**
 * Runs the real CLI from source in a test repository. test/cli/run.ts resolves `tsx` from
 * the child's cwd, which a temporary repository lacks; selfCommand() imports it by URL.
 */
import { spawn } from "node:child_process";
import { selfCommand } from "../../src/util/self.js";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A run that takes longer than this is stuck; the test fails instead of hanging. */
const KILL_AFTER_MS = 170_000;

export function perfgate(args: string[], options: { cwd: string }): Promise<Ran> {
  const self = selfCommand();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  // The Actions variables would stamp both sides with the workflow's commit.
  delete env.GITHUB_SHA;
  delete env.GITHUB_REF;
  return new Promise((resolve, reject) => {
    const child = spawn(self.command, [...self.args, ...args], {
      cwd: options.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
