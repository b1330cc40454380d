// The Action's entry point. run() does the work and never exits; only here does the process
// end, so pending HTTP retries or timers cannot keep a finished step alive; it ends once the
// log lines written to stdout have reached the runner.
import { run } from "./action/run.js";
import { exitWhenFlushed } from "./util/exit.js";

run().then(exitWhenFlushed, () => exitWhenFlushed(1));
