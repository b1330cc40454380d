import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit` is pure and fast (`npm run test:unit`, well under a minute): no child
 * processes, sockets, git repositories or bundle. `e2e` is everything that starts processes,
 * listens on sockets, builds git repositories or runs the bundle under Node 24
 * (`npm run test:e2e`). `npm test` runs both. A new test file is `unit` unless it matches
 * one of these; in `unit`, starting a process or opening a socket fails the test
 * (test/helpers/unitOnly.ts).
 */
export const E2E = [
  // The CLI and the Action run as real processes, against local GitHub and cache servers.
  "test/ab/ab.cli.test.ts",
  "test/ab/action.test.ts",
  "test/ab/throughputWrites.test.ts",
  "test/action/accept.test.ts",
  "test/action/acceptPulls.test.ts",
  "test/action/alerts.test.ts",
  "test/action/branch.test.ts",
  "test/action/confirm.test.ts",
  "test/action/bundled.test.ts",
  "test/action/checkRun.test.ts",
  "test/action/dashboard.test.ts",
  "test/action/faults.test.ts",
  "test/action/hiccup.test.ts",
  "test/action/flows.test.ts",
  "test/action/forkSecurity.test.ts",
  "test/action/history.test.ts",
  "test/action/postgres.test.ts",
  "test/action/reportJsonFormat.test.ts",
  "test/action/settings.test.ts",
  "test/action/settingsParity.test.ts",
  "test/action/rulesEverySource.test.ts",
  "test/action/localAction.test.ts",
  "test/action/infraFaults.test.ts",
  "test/analyze/firstRuns.test.ts",
  "test/baseline/branchStore.test.ts",
  "test/baseline/cacheStore.test.ts",
  "test/baseline/postgresStore.test.ts",
  "test/baseline/postgresTls.test.ts",
  "test/baseline/runFilesStore.test.ts",
  "test/baseline/runFilesApi.test.ts",
  "test/baseline/siteBranch.test.ts",
  "test/bench/recordAA.test.ts",
  "test/cli/**/*.test.ts",
  "test/library/packed.test.ts",
  "test/collect/cli.test.ts",
  "test/collect/command.test.ts",
  "test/collect/default.test.ts",
  "test/collect/run.test.ts",
  "test/collect/tinybench.test.ts",
  "test/model/fixtures.test.ts",
  // Compares micromark with the cmark-gfm program, once per document.
  "test/report/gfm.crossCheck.test.ts",
  // Draws the comment and the job summary in headless Chromium, Mermaid included.
  "test/report/githubRender.test.ts",
  // Real sockets, servers and network namespaces.
  "test/monitor/cli.test.ts",
  "test/monitor/webhook.test.ts",
  "test/monitor/alertHooks.test.ts",
  "test/monitor/library.test.ts",
  "test/monitor/examples.test.ts",
  "test/monitor/firstUser.test.ts",
  "test/monitor/loopback.test.ts",
  "test/monitor/netns.test.ts",
  "test/monitor/degraded.test.ts",
  "test/monitor/probe.test.ts",
  "test/monitor/prometheus.test.ts",
  "test/monitor/serve.test.ts",
  "test/monitor/validate.test.ts",
  "test/throughput/certificate.test.ts",
  "test/throughput/cli.test.ts",
  "test/throughput/scaling.test.ts",
  "test/throughput/server.test.ts",
  "test/throughput/suite.test.ts",
  "test/throughput/writeSize.test.ts",
];

export default defineConfig({
  test: {
    // Real sockets, processes and git repositories need room; a pure test that is slow on a
    // busy 2-core machine (a 2 s statistics check at load 15) is slow, not wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A test that needs a missing system tool is skipped with a note; this prints them.
    reporters: ["default", "./test/helpers/skipReporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: E2E,
          setupFiles: ["test/helpers/unitOnly.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: E2E,
          globalSetup: ["test/helpers/globalSetup.ts"],
        },
      },
    ],
  },
});
