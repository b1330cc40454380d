import * as core from "@actions/core";

// Placeholder until the Action issue lands.
export async function run(): Promise<number> {
  core.setFailed("perfgate: the Action is not built yet");
  return 1;
}
