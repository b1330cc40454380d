/**
 * The dashboard's files (pure: data and assets in, path → text out; writing them is the
 * caller's). Pages are HTML shells with their script and style inline; the data goes in
 * `data/*.js` files loaded by <script src>, because a page opened from disk (file://)
 * may not fetch() a JSON file, but may load a script beside it. Nothing is fetched from
 * the network: uPlot's script and style are inlined into the chart page.
 *
 *   index.html          every series: search, grade filter, sparkline, latest, change
 *   series.html#<id>    one series' chart over commits
 *   regressions.html    open and accepted regressions; feed.atom the same as a feed
 *   data/index.js       the index (names, sparklines, change points, runs)
 *   data/s<k>.js        the chart data of 50 series
 */
import { escapeHtml } from "../escape.js";
import type { DashboardAssets } from "./assets.js";
import { renderAtom } from "./atom.js";
import type { DashboardData } from "./model.js";

/**
 * JSON that is safe inside a <script> element and in any JavaScript parser: `<` becomes
 * \u003c (no `</script>` or `<!--` can end or bend the element), and the line separators
 * U+2028 and U+2029, which older parsers do not accept inside string literals, are
 * escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A script's text as the content of an inline <script>: a `</script` in it (in a string or
 *  a comment; none of today's assets has one) would end the element, so it is written
 *  `<\/script`, which means the same to JavaScript. */
export function inlineScript(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1");
}

function page(
  data: DashboardData,
  name: string,
  body: string,
  styles: string[],
  scripts: string[],
  dataScripts: string[],
): string {
  const title = name ? `${name} · ${data.title}` : data.title;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="perfgate">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/atom+xml" title="Regressions" href="feed.atom">
${styles.map((s) => `<style>\n${s}\n</style>`).join("\n")}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="index.html">${escapeHtml(data.title)}</a>
<nav aria-label="Pages"><a href="index.html">All series</a> <a href="regressions.html">Regressions</a> <a href="feed.atom">Feed</a></nav>
</header>
<main id="main">
${body}
</main>
<footer>Built by perfgate ${escapeHtml(data.generated)}</footer>
${dataScripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join("\n")}
${scripts.map((s) => `<script>\n${inlineScript(s)}\n</script>`).join("\n")}
</body>
</html>
`;
}

const INDEX_BODY = `<h1>Benchmarks over commits</h1>
<p id="summary" class="muted"></p>
<div class="controls" role="search">
<label>Search <input id="search" type="search" placeholder="suite, benchmark or metric" autocomplete="off"></label>
<label>Grade <select id="grade">
<option value="">any</option>
<option value="regression">open regression</option>
<option value="critical">Critical</option>
<option value="severe">Severe</option>
<option value="moderate">Moderate</option>
<option value="minor">Minor</option>
<option value="accepted">accepted</option>
<option value="improved">improved</option>
<option value="steady">steady</option>
</select></label>
<span id="shown" class="muted" aria-live="polite"></span>
</div>
<div class="scroll"><table id="series" class="list">
<thead><tr><th scope="col">Series</th><th scope="col" class="trend">Trend</th><th scope="col" class="num">Latest</th><th scope="col" class="num hide-narrow">vs expected</th><th scope="col">Last change</th></tr></thead>
<tbody></tbody>
</table></div>`;

const SERIES_BODY = `<p class="crumbs"><a href="index.html">All series</a></p>
<h1 id="name">Loading…</h1>
<p id="about" class="muted"></p>
<div class="controls">
<label><input id="log" type="checkbox"> Log scale</label>
<span class="legend" aria-hidden="true"><i class="k-value"></i>run (median, bar: its rounds) <i class="k-band"></i>expected range <i class="k-step"></i>change point <i class="k-accepted"></i>accepted step <i class="k-pr"></i>this PR</span>
</div>
<div id="chart" class="chart" tabindex="0" role="img" aria-label="Chart: use the left and right arrow keys to step through the runs"></div>
<p id="hover" class="hover" aria-live="polite"></p>
<h2>Change points</h2>
<div class="scroll"><table id="changes" class="list"><thead><tr><th scope="col">Run</th><th scope="col">Commit</th><th scope="col" class="num">Before</th><th scope="col" class="num">After</th><th scope="col" class="num">Change</th><th scope="col">Grade</th></tr></thead><tbody></tbody></table></div>
<details id="runs"><summary>Every run as a table</summary><div class="scroll"><table class="list"><thead><tr><th scope="col">Run</th><th scope="col">Commit</th><th scope="col">Date</th><th scope="col" class="num">Value</th><th scope="col" class="num">Rounds</th><th scope="col" class="num">Expected range</th></tr></thead><tbody></tbody></table></div></details>`;

const REGRESSIONS_BODY = `<h1>Regressions</h1>
<p class="muted">Change points where a benchmark got worse and stayed worse, newest first. <a href="feed.atom">Atom feed</a></p>
<h2>Open</h2>
<div class="scroll"><table id="open" class="list"><thead><tr><th scope="col">Date</th><th scope="col">Series</th><th scope="col">Commit</th><th scope="col" class="num">Change</th><th scope="col">Grade</th></tr></thead><tbody></tbody></table></div>
<h2>Accepted</h2>
<div class="scroll"><table id="accepted" class="list"><thead><tr><th scope="col">Date</th><th scope="col">Series</th><th scope="col">Commit</th><th scope="col" class="num">Change</th><th scope="col">Reason</th></tr></thead><tbody></tbody></table></div>`;

/** Every file of the site, by path relative to its root. */
export function renderDashboard(data: DashboardData, assets: DashboardAssets): Map<string, string> {
  const files = new Map<string, string>();
  const { details, ...index } = data;
  files.set("data/index.js", `window.PERFGATE_INDEX=${scriptJson(index)};\n`);
  details.forEach((shard, k) => {
    files.set(`data/s${k}.js`, `window.perfgateShard(${k},${scriptJson(shard)});\n`);
  });
  const style = [assets.style];
  const common = assets.common;
  files.set(
    "index.html",
    page(data, "", INDEX_BODY, style, [common, assets.index], ["data/index.js"]),
  );
  files.set(
    "series.html",
    page(
      data,
      "Series",
      SERIES_BODY,
      [assets.uplotCss, assets.style],
      [assets.uplotJs, common, assets.series],
      ["data/index.js"],
    ),
  );
  files.set(
    "regressions.html",
    page(
      data,
      "Regressions",
      REGRESSIONS_BODY,
      style,
      [common, assets.regressions],
      ["data/index.js"],
    ),
  );
  files.set("feed.atom", renderAtom(data));
  // GitHub Pages: serve the files as they are, without a Jekyll build.
  files.set(".nojekyll", "");
  return files;
}
