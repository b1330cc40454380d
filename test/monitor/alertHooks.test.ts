/**
 * The alert hook's opt-in shell, and the order monitor checks its flags in: real processes
 * (/bin/sh, the CLI) and a real listener that counts who connects.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandSender, type HealthChange } from "../../src/monitor/alerts.js";
import { perfgate } from "../cli/run.js";

const change: HealthChange = {
  type: "health-change",
  index: 7,
  timestamp: "2026-01-01T00:00:07.000Z",
  from: "Healthy",
  to: "Degraded",
  // Text from the path's figures; were it ever spliced into a script, this would run.
  reasons: ["p99 12 ms > 10 ms", "$(touch pwned)`touch pwned2`"],
};

describe("--on-health-change with and without a shell", () => {
  it("runs a shell script when asked, giving the change only as variables", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-shell-hook-"));
    const out = join(dir, "seen.txt");
    const script = `cd '${dir}' && printf '%s|%s|%s\\n' "$PERFGATE_HEALTH_FROM" "$PERFGATE_HEALTH" "$PERFGATE_REASONS" | tr a-z A-Z > seen.txt`;
    await commandSender(script, "10.0.0.2:9292", { shell: true })(change);
    expect(readFileSync(out, "utf8")).toBe(
      "HEALTHY|DEGRADED|P99 12 MS > 10 MS; $(TOUCH PWNED)`TOUCH PWNED2`\n",
    );
    expect(existsSync(join(dir, "pwned"))).toBe(false);
    expect(existsSync(join(dir, "pwned2"))).toBe(false);
  });

  it("without the flag, a pipe is just an argument: no shell runs it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-noshell-hook-"));
    const send = commandSender(`/bin/echo hi | touch ${join(dir, "piped")}`, "t:1");
    await send(change);
    expect(existsSync(join(dir, "piped"))).toBe(false);
  });

  it("a failing shell script is a failure with its exit code", async () => {
    await expect(commandSender("exit 3", "t:1", { shell: true })(change)).rejects.toThrow(
      "sh -c exited with 3",
    );
  });
});

describe("monitor checks every flag before it contacts the serve", () => {
  it.each([
    [["--webhook", "ftp://x"], /--webhook must be an http\(s\) URL/],
    [["--on-health-change-shell"], /--on-health-change-shell needs --on-health-change CMD/],
    [["--alert-interval", "soon"], /--alert-interval/],
    [["--metrics-port", "99999"], /--metrics-port/],
    [["--tls-port", "0"], /--tls-port/],
  ])("with --tls, %j is refused before any connection", async (flags, message) => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const run = await perfgate(["monitor", "--target", `127.0.0.1:${port}`, "--tls", ...flags]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });
});
