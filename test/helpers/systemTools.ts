/**
 * System tools that some tests need and a fresh machine may lack. A test that needs one
 * runs where it is present and is skipped elsewhere with a note naming the tool and how
 * to get it; `test/helpers/skipReporter.ts` sums the notes up at the end of the run, and
 * `.ci/run` (which installs every tool listed in `.ci/apt-packages`) fails on any skip.
 */
import { spawnSync } from "node:child_process";
import { describe, it, type TestContext } from "vitest";

export interface SystemTool {
  /** What the test needs, as a person would name it. */
  name: string;
  /** How to get it on Debian/Ubuntu. */
  install: string;
  /** Whether it is usable here; checked once, on first use. */
  readonly available: boolean;
}

function onPath(command: string, args: string[] = ["--version"]): boolean {
  const probe = spawnSync(command, args, { stdio: "ignore", timeout: 10_000 });
  return probe.error === undefined && probe.status === 0;
}

/** A tool found by running it; `check` says whether it works here. */
export function systemTool(name: string, install: string, check: () => boolean): SystemTool {
  let known: boolean | undefined;
  return {
    name,
    install,
    get available() {
      known ??= check();
      return known;
    },
  };
}

export const cmarkGfm = systemTool("cmark-gfm", "apt-get install cmark-gfm", () =>
  onPath("cmark-gfm"),
);
export const iperf3 = systemTool("iperf3", "apt-get install iperf3", () => onPath("iperf3"));
export const hyperfine = systemTool("hyperfine", "apt-get install hyperfine", () =>
  onPath("hyperfine"),
);
export const chromium = systemTool("chromium", "apt-get install chromium", () =>
  onPath("chromium"),
);
/** Arial-metric fonts: GitHub's font stack ends in Helvetica, Arial, and a comment measured
 *  in a wider fallback (DejaVu Sans) wraps table cells and comes out taller than it is. */
export const liberationFonts = systemTool(
  "Liberation fonts (Arial metrics)",
  "apt-get install fonts-liberation",
  () => {
    const probe = spawnSync("fc-match", ["Arial"], { encoding: "utf8", timeout: 10_000 });
    return probe.status === 0 && /Liberation/i.test(probe.stdout ?? "");
  },
);
export const unzip = systemTool("unzip", "apt-get install unzip", () => onPath("unzip", ["-v"]));
export const promtool = systemTool("promtool", "apt-get install prometheus", () =>
  onPath("promtool"),
);
export const openssl = systemTool("openssl", "apt-get install openssl", () =>
  onPath("openssl", ["version"]),
);
export const script = systemTool("script (a terminal for a test)", "apt-get install bsdutils", () =>
  onPath("script", ["--version"]),
);
export const networkNamespaces = systemTool(
  "network namespaces (root and ip netns)",
  "run as root with apt-get install iproute2",
  () => process.getuid?.() === 0 && onPath("ip", ["netns", "list"]),
);

/** The kernel's token-bucket shaper (`tc qdisc … tbf`) inside a network namespace; the kernel
 *  here has no netem, so delay and loss come from the test's own peers instead. */
export const trafficShaping = systemTool(
  "traffic shaping (root and tc)",
  "run as root with apt-get install iproute2",
  () => process.getuid?.() === 0 && onPath("tc", ["-V"]),
);

/** The note a skipped test carries; the skip reporter groups skips by it. */
export function skipNote(tool: SystemTool): string {
  return `needs ${tool.name} (${tool.install})`;
}

/**
 * `describe` when every tool is present; otherwise one skipped test in its place that
 * names what is missing, so nothing in the block (hooks included) runs.
 */
export function describeWith(
  tools: SystemTool | SystemTool[],
  name: string,
  body: () => void,
): void {
  const missing = [tools].flat().filter((tool) => !tool.available);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it(`(skipped: ${missing.map(skipNote).join("; ")})`, (context: TestContext) => {
      context.skip(missing.map(skipNote).join("; "));
    });
  });
}

/** Skips the running test, with the note, when the tool is missing. */
export function requireTool(context: TestContext, tool: SystemTool): void {
  if (!tool.available) context.skip(skipNote(tool));
}
