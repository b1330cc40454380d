/**
 * `perfgate monitor --webhook`: a real monitor against a real serve that is stopped
 * mid-session; the health change arrives at a local HTTP receiver that fails its first
 * request, so the retry is exercised too.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/run.js";
import { startServeChild } from "./helpers/serveChild.js";

describe("perfgate monitor --webhook and --on-health-change", () => {
  it("POSTs the health change as JSON, retrying after a failed post, runs the hook, and keeps monitoring", async () => {
    // The hook: a script (no shell between us and it) that records its arguments and env.
    const dir = mkdtempSync(join(tmpdir(), "perfgate-hook-"));
    const seen = join(dir, "seen.txt");
    const script = join(dir, "hook.sh");
    writeFileSync(
      script,
      `#!/bin/sh\necho "args=$*" >> '${seen}'\nenv | grep '^PERFGATE_' | sort >> '${seen}'\n`,
    );
    chmodSync(script, 0o755);
    const bodies: { from: string; to: string; target: string; index: number }[] = [];
    let requests = 0;
    const receiver = http.createServer((request, response) => {
      let body = "";
      request.on("data", (d: Buffer) => {
        body += d.toString();
      });
      request.on("end", () => {
        requests += 1;
        if (requests === 1) return response.writeHead(500).end();
        bodies.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const serve = await startServeChild();
    const target = `127.0.0.1:${serve.port}`;
    const monitor = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "monitor", "--target", target, "--webhook", url].concat(
        ["--on-health-change", `${script} one two;$(touch x)`],
        ["--alert-interval", "1ms", "--interval", "300ms", "--duration", "4s"],
        ["--expected-gbps", "0.01", "--max-latency-ms", "500"],
      ),
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    monitor.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    monitor.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // Degrade the path on purpose: once the monitor has seen it Healthy, stop the serve.
    while (!/Healthy$/m.test(stdout)) await new Promise((r) => setTimeout(r, 50));
    await serve.stop();
    const code = await new Promise((r) => monitor.once("exit", r));
    receiver.close();
    expect(code).toBe(0);
    expect(stdout).toMatch(/health Healthy → Critical/);
    expect(stderr).toContain(
      "webhook: alert Healthy → Critical failed: HTTP 500; retrying in 1000 ms",
    );
    expect(bodies[0]).toMatchObject({
      type: "health-change",
      from: "Healthy",
      to: "Critical",
      target,
    });
    const recorded = readFileSync(seen, "utf8");
    // No shell: the ';' and '$(...)' arrive as plain text in the argument.
    expect(recorded).toContain("args=one two;$(touch x)");
    expect(recorded).toContain("PERFGATE_HEALTH=Critical");
    expect(recorded).toContain("PERFGATE_HEALTH_FROM=Healthy");
    expect(recorded).toContain(`PERFGATE_TARGET=${target}`);
    expect(recorded).toMatch(/^PERFGATE_REASONS=.*connection success/m);
    // The monitor went on measuring after the change: more interval lines followed it.
    const after = stdout.slice(stdout.indexOf("health Healthy → Critical"));
    expect(after.match(/^#\d+ {2}/gm)?.length ?? 0).toBeGreaterThan(1);
  });
});
