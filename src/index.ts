// The Action's entry point: everything lives in action/run.ts.
import { run } from "./action/run.js";

run().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
