import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real sockets, processes and git repositories: give them room, and do not let two
    // throughput measurements fight over the same two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ["test/helpers/globalSetup.ts"],
    // A test that needs a missing system tool is skipped with a note; this prints them.
    reporters: ["default", "./test/helpers/skipReporter.ts"],
  },
});
