/// <reference lib="dom" />
/**
 * `perfgate dashboard` end to end: the real CLI builds the site from a history (and a report
 * from the real `perfgate compare`), and Debian's chromium, driven by playwright-core, opens
 * it from disk — no server, no network.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium as playwright } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitOf, dashboardHistory } from "../../bench/lib/dashboardHistory.js";
import { chromium, describeWith } from "../helpers/systemTools.js";
import { perfgate } from "./run.js";

const BENCHMARKS = 12;
const RUNS = 40;
const STEP_AT = 25;
/** A name that would run script if it reached the page as HTML or ended a <script>. */
const HOSTILE = `evil/<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>\u2028`;

describeWith(chromium, "perfgate dashboard in a real browser", () => {
  let dir: string;
  let site: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perfgate-dashboard-"));
    site = join(dir, "site");
    const history = dashboardHistory({
      benchmarks: BENCHMARKS,
      runs: RUNS,
      stepAt: STEP_AT,
      step: 1.5,
    });
    // The hostile name rides on benchmark 1 (no step) in every run.
    for (const run of history.runs) {
      const b = run.benchmarks[1];
      if (b) b.name = HOSTILE;
    }
    const current = { ...history.runs.at(-1), commit: "f".repeat(40) };
    writeFileSync(join(dir, "history.json"), JSON.stringify(history));
    writeFileSync(join(dir, "current.json"), JSON.stringify(current));
    const compared = await perfgate([
      "compare",
      "--baseline",
      join(dir, "history.json"),
      "--current",
      join(dir, "current.json"),
      "--format",
      "json",
      "--fail-on",
      "never",
      "--out",
      join(dir, "report.json"),
    ]);
    expect(compared.code).toBe(0);
    const built = await perfgate(
      [
        "dashboard",
        "--history",
        join(dir, "history.json"),
        "--out",
        site,
        "--report",
        join(dir, "report.json"),
        "--repo",
        "octo/widgets",
      ],
      { cwd: dir },
    );
    expect(built.stderr).toContain("wrote the dashboard");
    expect(built.code).toBe(0);
    browser = await playwright.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // Nothing may be fetched from the network: every request must be a file.
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) errors.push(`network: ${r.url()}`);
    });
    await page.goto(`file://${join(site, path)}`);
    await page.waitForSelector("html[data-drawn]");
    return { page, errors };
  }

  it("lists every series, filters by name and grade, and runs none of a name's markup", async () => {
    const { page, errors } = await open("index.html");
    const rows = page.locator("#series tbody tr");
    expect(await rows.count()).toBe(BENCHMARKS * 3);
    // Newest regressions first: the stepped benchmarks (0 and 10) lead.
    const first = await rows.first().getAttribute("data-grade");
    expect(["minor", "moderate", "severe", "critical"]).toContain(first);

    await page.fill("#search", "bench-10 cpu");
    expect(await page.locator("#series tbody tr:not([hidden])").count()).toBe(1);
    await page.fill("#search", "");
    await page.selectOption("#grade", "regression");
    const regressed = await page.locator("#series tbody tr:not([hidden])").count();
    expect(regressed).toBe(6); // benchmarks 0 and 10, three metrics each
    expect(await page.textContent("#shown")).toBe(`showing 6 of ${BENCHMARKS * 3}`);

    // The hostile name is text on the page, not markup.
    await page.selectOption("#grade", "");
    await page.fill("#search", "evil");
    const name = await page.locator("#series tbody tr:not([hidden]) .name a").first().textContent();
    expect(name).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws one point per run, the change point at the injected run, linked to its commit", async () => {
    const index = await open("index.html");
    await index.page.fill("#search", "bench-10 time");
    await index.page.click("#series tbody tr:not([hidden]) .name a");
    await index.page.waitForFunction(() => {
      // The chart page marks itself drawn with the series' id; while the link loads, the
      // new document has no mark yet, and the index's mark is gone.
      const drawn = document.documentElement.dataset.drawn;
      return drawn !== undefined && drawn !== "index";
    });
    const page = index.page;
    const points = await page.evaluate(() => {
      const chart = (window as unknown as { perfgateChart: { data: (number | null)[][] } })
        .perfgateChart;
      return {
        values: chart.data[1]?.filter((v) => v !== null).length,
        pr: chart.data[6]?.filter((v) => v !== null).length,
      };
    });
    expect(points.values).toBe(RUNS);
    expect(points.pr).toBe(1);
    const change = page.locator("#changes tbody tr[data-run]");
    expect(await change.count()).toBe(1);
    expect(await change.getAttribute("data-run")).toBe(String(STEP_AT));
    const href = await change.locator("a").getAttribute("href");
    expect(href).toBe(`https://github.com/octo/widgets/commit/${commitOf(STEP_AT)}`);
    // The keyboard reaches the hover line: End lands on the pull request's point.
    await page.focus("#chart");
    await page.keyboard.press("Home");
    expect(await page.textContent("#hover")).toContain(`run 1 · ${commitOf(0).slice(0, 7)}`);
    await page.keyboard.press("End");
    expect(await page.textContent("#hover")).toContain("this pull request (fffffff)");
    await page.check("#log");
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { perfgateChart: { scales: { y: { distr: number } } } })
            .perfgateChart.scales.y.distr,
      ),
    ).toBe(3);
    expect(index.errors).toEqual([]);
    await page.close();
  });

  it("lists the regressions with their commits, and the feed is well-formed Atom", async () => {
    const { page, errors } = await open("regressions.html");
    const rows = page.locator("#open tbody tr[data-run]");
    expect(await rows.count()).toBe(6);
    for (const href of await rows
      .locator("a[data-commit]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      expect(href).toBe(`https://github.com/octo/widgets/commit/${commitOf(STEP_AT)}`);
    }
    const feed = readFileSync(join(site, "feed.atom"), "utf8");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        entries: doc.getElementsByTagName("entry").length,
      };
    }, feed);
    expect(parsed).toEqual({ error: null, entries: 6 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a phone-width screen without sideways scrolling, in dark mode too", async () => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 800 },
      colorScheme: "dark",
    });
    for (const path of ["index.html", "series.html", "regressions.html"]) {
      await page.goto(`file://${join(site, path)}`);
      await page.waitForSelector("html[data-drawn]");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      // Dark mode is the page's own colours, not the browser's default white.
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe("rgb(13, 17, 23)");
    }
    await page.close();
  });
});

describe("perfgate dashboard with bad input", () => {
  it("exits 2 with one line naming the file, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-dashboard-bad-"));
    try {
      writeFileSync(join(dir, "broken.json"), "{ not json");
      writeFileSync(
        join(dir, "history.json"),
        JSON.stringify(dashboardHistory({ benchmarks: 2, runs: 5, stepAt: 3 })),
      );
      writeFileSync(join(dir, "report.json"), JSON.stringify({ schema: "something/else" }));
      const cases = [
        [["--history", join(dir, "broken.json")], join(dir, "broken.json")],
        [["--history", join(dir, "missing.json")], join(dir, "missing.json")],
        [
          ["--history", join(dir, "history.json"), "--report", join(dir, "report.json")],
          join(dir, "report.json"),
        ],
      ] as const;
      for (const [args, file] of cases) {
        const ran = await perfgate(["dashboard", ...args, "--out", join(dir, "site")]);
        expect(ran.code).toBe(2);
        expect(ran.stderr.trim().split("\n")).toHaveLength(1);
        expect(ran.stderr).toContain(file);
      }
      const usage = await perfgate(["dashboard", "--history", join(dir, "history.json")]);
      expect(usage).toMatchObject({
        code: 2,
        stderr: "perfgate: dashboard: --out <dir> is required\n",
      });
      expect(existsSync(join(dir, "site"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
