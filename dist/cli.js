#!/usr/bin/env node
import { createRequire as __perfgateCreateRequire } from "node:module";
const require = __perfgateCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/util/errors.ts
var InputError, UsageError;
var init_errors = __esm({
  "src/util/errors.ts"() {
    "use strict";
    InputError = class extends Error {
      constructor(message, file, where) {
        super([file, where, message].filter(Boolean).join(": "));
        this.file = file;
        this.where = where;
        this.name = "InputError";
      }
      file;
      where;
    };
    UsageError = class extends Error {
      name = "UsageError";
    };
  }
});

// src/commands/run.ts
var run_exports = {};
__export(run_exports, {
  main: () => main
});
async function main(_argv) {
  throw new UsageError("'run' is not available in this build yet");
}
var init_run = __esm({
  "src/commands/run.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/throughput.ts
var throughput_exports = {};
__export(throughput_exports, {
  main: () => main2
});
async function main2(_argv) {
  throw new UsageError("'throughput' is not available in this build yet");
}
var init_throughput = __esm({
  "src/commands/throughput.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/parse.ts
var parse_exports = {};
__export(parse_exports, {
  main: () => main3
});
async function main3(_argv) {
  throw new UsageError("'parse' is not available in this build yet");
}
var init_parse = __esm({
  "src/commands/parse.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/compare.ts
var compare_exports = {};
__export(compare_exports, {
  main: () => main4
});
async function main4(_argv) {
  throw new UsageError("'compare' is not available in this build yet");
}
var init_compare = __esm({
  "src/commands/compare.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/ab.ts
var ab_exports = {};
__export(ab_exports, {
  main: () => main5
});
async function main5(_argv) {
  throw new UsageError("'ab' is not available in this build yet");
}
var init_ab = __esm({
  "src/commands/ab.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/serve.ts
var serve_exports = {};
__export(serve_exports, {
  main: () => main6
});
async function main6(_argv) {
  throw new UsageError("'serve' is not available in this build yet");
}
var init_serve = __esm({
  "src/commands/serve.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/monitor.ts
var monitor_exports = {};
__export(monitor_exports, {
  main: () => main7
});
async function main7(_argv) {
  throw new UsageError("'monitor' is not available in this build yet");
}
var init_monitor = __esm({
  "src/commands/monitor.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/validate.ts
var validate_exports = {};
__export(validate_exports, {
  main: () => main8
});
async function main8(_argv) {
  throw new UsageError("'validate' is not available in this build yet");
}
var init_validate = __esm({
  "src/commands/validate.ts"() {
    "use strict";
    init_errors();
  }
});

// src/commands/internal.ts
var internal_exports = {};
__export(internal_exports, {
  main: () => main9
});
async function main9(_argv) {
  throw new UsageError("'internal' is not available in this build yet");
}
var init_internal = __esm({
  "src/commands/internal.ts"() {
    "use strict";
    init_errors();
  }
});

// src/cli.ts
init_errors();

// src/version.ts
var VERSION = "0.1.0";

// src/cli.ts
var commands = {
  run: {
    summary: "collect results as .perfgate.yml says (or the built-in default) and compare",
    load: () => Promise.resolve().then(() => (init_run(), run_exports))
  },
  throughput: {
    summary: "run the real network-throughput suite",
    load: () => Promise.resolve().then(() => (init_throughput(), throughput_exports))
  },
  parse: {
    summary: "turn other tools' output into a perfgate results file",
    load: () => Promise.resolve().then(() => (init_parse(), parse_exports))
  },
  compare: {
    summary: "compare current results with a baseline and grade the changes",
    load: () => Promise.resolve().then(() => (init_compare(), compare_exports))
  },
  ab: {
    summary: "run base and head interleaved on this machine and compare the pairs",
    load: () => Promise.resolve().then(() => (init_ab(), ab_exports))
  },
  serve: {
    summary: "serve as the far end of a throughput measurement or monitor",
    load: () => Promise.resolve().then(() => (init_serve(), serve_exports))
  },
  monitor: {
    summary: "watch a live network path continuously",
    load: () => Promise.resolve().then(() => (init_monitor(), monitor_exports))
  },
  validate: {
    summary: "measure and check against expected throughput and latency",
    load: () => Promise.resolve().then(() => (init_validate(), validate_exports))
  },
  // Not for people: the child processes perfgate starts itself.
  internal: { summary: "", load: () => Promise.resolve().then(() => (init_internal(), internal_exports)) }
};
function usage() {
  const lines = Object.entries(commands).filter(([, c]) => c.summary).map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
  return [
    "usage: perfgate <command> [options]   (perfgate <command> --help for more)",
    "",
    ...lines
  ].join("\n");
}
async function main10(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}
`);
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${VERSION}
`);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}'; try 'perfgate --help'`);
  return (await command.load()).main(rest);
}
main10(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof InputError || error instanceof UsageError) {
      process.stderr.write(`perfgate: ${error.message}
`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`perfgate: internal error: ${message.split("\n")[0]}
`);
    if (process.env.PERFGATE_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}
`);
    process.exit(3);
  }
);
