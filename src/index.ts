// The Action's entry point. run() does the work and never exits; only here does the process
// end, so pending HTTP retries or timers cannot keep a finished step alive.
import { run } from "./action/run.js";

run().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
