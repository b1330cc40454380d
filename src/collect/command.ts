/**
 * Any command as a benchmark: run the user's command once per round, parse what it printed
 * with a parser (or the one `auto` recognises in round 1), and merge the rounds.
 *
 * The command is the user's own text from their config. It runs without a shell when it is
 * a plain word list; when it uses shell syntax (pipes, redirections, variables, globs) it
 * runs as `sh -c <their line>`, exactly as written. Nothing from a benchmark, branch or pull
 * request is ever put into a shell line.
 */
import { spawn } from "node:child_process";
import type { Benchmark } from "../model/types.js";
import { InputError } from "../util/errors.js";
import { keepTail, lastLine } from "./childOutput.js";
import { mergeRounds, type Round } from "./merge.js";
import { autoDetect } from "./parsers/detect.js";
import { parserNamed } from "./parsers/index.js";

/** A benchmark command that runs longer than this is stuck, not slow. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30 * 60_000;

/** More output than this from one round is not benchmark results: stop before memory runs out. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** How to start a command: an argv without a shell, or the user's line for `sh -c`. */
export type Invocation = { argv: string[] } | { shell: string };

/** Characters that mean something to a shell outside quotes. */
const SHELL_SYNTAX = new Set([..."|&;<>()$`*?[]{}~#\n\r"]);

/**
 * Splits a command line into words the way sh would, for lines that need nothing else from
 * a shell: spaces separate words, quotes and backslashes group them. Any expansion,
 * redirection, pipe or assignment makes it a shell line instead.
 */
export function splitCommand(line: string): Invocation {
  const words: string[] = [];
  let word: string | undefined;
  const append = (text: string) => {
    word = (word ?? "") + text;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new InputError("the command has an unterminated ' quote", "run.command");
      append(line.slice(i + 1, end));
      i = end;
    } else if (c === '"') {
      let text = "";
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] as string;
        if (d === "$" || d === "`") return { shell: line };
        if (d === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1] as string)) {
          text += line[++j];
        } else text += d;
      }
      if (j >= line.length) {
        throw new InputError('the command has an unterminated " quote', "run.command");
      }
      append(text);
      i = j;
    } else if (c === "\\") {
      if (i + 1 >= line.length) return { shell: line };
      append(line[++i] as string);
    } else if (SHELL_SYNTAX.has(c)) {
      return { shell: line };
    } else {
      append(c);
    }
  }
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw new InputError("the command is empty", "run.command");
  // `FOO=1 go test` sets a variable for the command: only a shell does that.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string)) return { shell: line };
  return { argv: words };
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs the command once and returns what it printed. A non-zero exit is an InputError that
 * quotes the command's last line of stderr (or stdout), where tools put their reason.
 */
export function runCommand(
  line: string,
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandOutput> {
  const how = splitCommand(line);
  const label = `\`${line}\``;
  const [file, ...args] = "argv" in how ? how.argv : [how.shell];
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: "shell" in how,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout also stops what a shell line started.
      detached: process.platform !== "win32",
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    const stderr = keepTail(child.stderr, 16_384);
    let failure: InputError | undefined;
    const stop = (why: InputError) => {
      failure ??= why;
      try {
        if (child.pid && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // already gone
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_OUTPUT_BYTES) {
        stop(new InputError(`printed more than ${MAX_OUTPUT_BYTES / 2 ** 20} MiB`, label));
      } else out.push(chunk);
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const timer = setTimeout(
      () => stop(new InputError(`did not finish in ${timeoutMs / 1000} s`, label)),
      timeoutMs,
    );
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === "ENOENT" ? `no such program '${file}'` : error.message;
      reject(new InputError(`cannot start: ${why}`, label));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      const stdout = Buffer.concat(out).toString("utf8");
      if (code !== 0) {
        const status = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        const why = lastLine(stderr()) ?? lastLine(stdout);
        return reject(new InputError(why ? `${status}: ${why}` : status, label));
      }
      resolve({ stdout, stderr: stderr() });
    });
  });
}

export interface CommandRunOptions {
  command: string;
  /** Parser name or "auto" (the format of round 1 is kept for every round). */
  tool: string;
  rounds: number;
  cwd?: string;
  timeoutMs?: number;
  onRound?: (round: number, rounds: number) => void;
}

export async function collectCommand(options: CommandRunOptions): Promise<Benchmark[]> {
  let parser = options.tool === "auto" ? undefined : parserNamed(options.tool);
  const rounds: Round[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    options.onRound?.(round, options.rounds);
    const { stdout } = await runCommand(options.command, options);
    const source = `output of \`${options.command}\` (round ${round})`;
    parser ??= autoDetect(stdout, source);
    const benchmarks = parser.parse(stdout, { source });
    if (benchmarks.length === 0) {
      throw new InputError(`no ${parser.name} benchmark results in it`, source);
    }
    rounds.push({ source, benchmarks });
  }
  return mergeRounds(rounds);
}
