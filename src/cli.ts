/**
 * The `perfgate` command. Each subcommand lives in src/commands/<name>.ts and exports
 * `main(argv)`, returning the exit code: 0 pass, 1 the gate failed, 2 bad usage or input.
 * This is the only place that ends the process, and it does so only once stdout and stderr
 * have flushed, so a report piped into another program arrives whole.
 */
import { InputError, UsageError } from "./util/errors.js";
import { exitWhenFlushed, ignoreClosedPipes } from "./util/exit.js";
import { suggestions } from "./util/suggest.js";
import { VERSION } from "./version.js";

type Command = { summary: string; load: () => Promise<{ main(argv: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  run: {
    summary: "collect results as .perfgate.yml says (or the built-in default) and compare",
    load: () => import("./commands/run.js"),
  },
  throughput: {
    summary: "run the real network-throughput suite",
    load: () => import("./commands/throughput.js"),
  },
  parse: {
    summary: "turn other tools' output into a perfgate results file",
    load: () => import("./commands/parse.js"),
  },
  compare: {
    summary: "compare current results with a baseline and grade the changes",
    load: () => import("./commands/compare.js"),
  },
  history: {
    summary: "find the commits that moved each benchmark in a baseline history",
    load: () => import("./commands/history.js"),
  },
  dashboard: {
    summary: "write a static site of every benchmark over commits (from histories)",
    load: () => import("./commands/dashboard.js"),
  },
  db: {
    summary: "create or upgrade perfgate's tables in a PostgreSQL database",
    load: () => import("./commands/db.js"),
  },
  ab: {
    summary: "run base and head interleaved on this machine and compare the pairs",
    load: () => import("./commands/ab.js"),
  },
  serve: {
    summary: "serve as the far end of a throughput measurement or monitor",
    load: () => import("./commands/serve.js"),
  },
  monitor: {
    summary: "watch a live network path continuously",
    load: () => import("./commands/monitor.js"),
  },
  validate: {
    summary: "measure and check against expected throughput and latency",
    load: () => import("./commands/validate.js"),
  },
  // Not for people: the child processes perfgate starts itself.
  internal: { summary: "", load: () => import("./commands/internal.js") },
};

function usage(): string {
  const lines = Object.entries(commands)
    .filter(([, c]) => c.summary)
    .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
  return [
    "usage: perfgate <command> [options]",
    "       perfgate help <command>   (or perfgate <command> --help) for a command's options",
    "       perfgate --version",
    "",
    ...lines,
  ].join("\n");
}

/** The command called `name`, or a UsageError that suggests the nearest ones, as git does. */
function lookUp(name: string): Command {
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command) return command;
  const public_ = Object.keys(commands).filter((n) => commands[n]?.summary);
  const near = suggestions(name, public_);
  const hint = near.length
    ? `; did you mean ${near.map((n) => `'${n}'`).join(" or ")}?`
    : "; see 'perfgate --help'";
  throw new UsageError(`unknown command '${name}'${hint}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  // `perfgate help compare` is `perfgate compare --help`, as in git and npm.
  if (name === "help") {
    const [topic] = rest;
    if (!topic) {
      process.stdout.write(`${usage()}\n`);
      return 0;
    }
    return (await lookUp(topic).load()).main(["--help"]);
  }
  // -V as gh and most GNU tools; -v kept, as npm and earlier perfgate answered it.
  if (name === "--version" || name === "-V" || name === "-v" || name === "version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  return (await lookUp(name).load()).main(rest);
}

ignoreClosedPipes();
main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  if (error instanceof InputError || error instanceof UsageError) {
    process.stderr.write(`perfgate: ${error.message}\n`);
    return exitWhenFlushed(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`perfgate: internal error: ${message.split("\n")[0]}\n`);
  if (process.env.PERFGATE_DEBUG && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  return exitWhenFlushed(3);
});
