// One series over commits, drawn by uPlot: each run's value with its rounds' spread, the
// expected range the verdict learned, change points (accepted ones apart) linked to their
// commit, and the pull request's point. Arrow keys step the cursor through the runs.
(() => {
  const { data, el, commitLink, percent, value, date, badge, byId, suites } = window.PG;
  const shards = new Map();
  let chart = null;
  let current = null;

  window.perfgateShard = (k, list) => {
    shards.set(k, new Map(list.map((d) => [d.id, d])));
    show();
  };

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function load() {
    const id = decodeURIComponent(location.hash.slice(1));
    const entry = byId.get(id) || data.series[0];
    if (!entry) {
      document.getElementById("name").textContent = "No series";
      return;
    }
    current = entry;
    if (shards.has(entry.shard)) show();
    else {
      // A script, not fetch(): a page opened from disk may load a script beside it.
      const script = el("script", { src: `data/s${entry.shard}.js` });
      script.addEventListener("error", () => {
        document.getElementById("name").textContent = entry.benchmark;
        document.getElementById("about").textContent =
          `The chart's data file data/s${entry.shard}.js is missing: build the site again (perfgate dashboard).`;
      });
      document.body.append(script);
    }
  }

  function show() {
    const entry = current;
    if (!entry || !shards.has(entry.shard)) return;
    const detail = shards.get(entry.shard).get(entry.id);
    const runs = suites.get(entry.suite).runs;
    const changes = data.changes.filter((c) => c.series === entry.id).sort((a, b) => a.run - b.run);
    document.title = `${entry.benchmark} ${entry.metric} · ${data.title}`;
    document.getElementById("name").textContent = entry.benchmark;
    const better = entry.direction === "lower" ? "lower is better" : "higher is better";
    document.getElementById("about").textContent =
      `${entry.suite} · ${entry.metric} · ${detail.display.unit} · ${better} · ${runs.length} runs`;
    const log = document.getElementById("log");
    const positive = detail.value.every((v) => v === null || v > 0);
    log.disabled = !positive;
    if (!positive) log.checked = false;
    draw(detail, runs, changes, log.checked);
    listChanges(detail, changes);
    listRuns(detail, runs);
    document.documentElement.dataset.drawn = entry.id;
  }

  function draw(detail, runs, changes, logScale) {
    const box = document.getElementById("chart");
    box.textContent = "";
    const n = runs.length;
    const withPr = detail.pr !== null;
    const len = withPr ? n + 1 : n;
    const xs = Array.from({ length: len }, (_, i) => i);
    const pad = (arr) => (withPr ? arr.concat([null]) : arr);
    const prPoint = Array.from({ length: len }, (_, i) =>
      withPr && i === n ? detail.pr.value : null,
    );
    const band = (arr) => arr.slice(0, len);
    const plot = [
      xs,
      pad(detail.value),
      pad(detail.low),
      pad(detail.high),
      band(detail.bandLow),
      band(detail.bandHigh),
      prPoint,
    ];
    const factor = detail.display.factor;
    // Runs are labelled by commit (the chart is over commits); by number where a run has none.
    const label = (i) => {
      if (i === n && withPr) return "PR";
      const run = runs[i];
      if (!run) return "";
      return run.commit ? window.PG.shortCommit(run.commit) : `#${i + 1}`;
    };
    const colors = {
      value: css("--value"),
      spread: css("--spread"),
      band: css("--band"),
      bandEdge: css("--band-edge"),
      regression: css("--regression"),
      improvement: css("--improvement"),
      accepted: css("--accepted"),
      pr: css("--pr"),
      fg: css("--fg"),
      line: css("--line"),
    };
    const none = () => null;
    const opts = {
      width: Math.max(280, box.clientWidth),
      height: window.innerWidth < 640 ? 260 : 360,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      scales: { x: { time: false }, y: { distr: logScale ? 3 : 1 } },
      axes: [
        {
          stroke: colors.fg,
          grid: { stroke: colors.line, width: 1 },
          ticks: { stroke: colors.line },
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500],
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? label(i) : "")),
        },
        {
          stroke: colors.fg,
          grid: { stroke: colors.line, width: 1 },
          ticks: { stroke: colors.line },
          size: 70,
          label: detail.display.unit === "count" ? "" : detail.display.unit,
          values: (_u, splits) =>
            splits.map((v) => (v === null ? "" : Number((v / factor).toPrecision(3)).toString())),
        },
      ],
      series: [
        {},
        {
          label: "value",
          stroke: colors.value,
          width: 1.5,
          points: { show: true, size: 5, fill: colors.value },
        },
        { label: "rounds low", stroke: "transparent", points: { show: false }, paths: none },
        { label: "rounds high", stroke: "transparent", points: { show: false }, paths: none },
        {
          label: "expected low",
          stroke: colors.bandEdge,
          dash: [4, 4],
          width: 1,
          points: { show: false },
        },
        {
          label: "expected high",
          stroke: colors.bandEdge,
          dash: [4, 4],
          width: 1,
          points: { show: false },
        },
        {
          label: "this PR",
          stroke: colors.pr,
          points: { show: true, size: 11, fill: colors.pr },
          paths: none,
        },
      ],
      bands: [{ series: [5, 4], fill: colors.band }],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            // Each run's spread: a bar from its fastest to its slowest round.
            ctx.strokeStyle = colors.spread;
            ctx.lineWidth = 2 * devicePixelRatio;
            for (let i = 0; i < n; i++) {
              const lo = detail.low[i];
              const hi = detail.high[i];
              if (lo === null || hi === null) continue;
              const x = u.valToPos(i, "x", true);
              ctx.beginPath();
              ctx.moveTo(x, u.valToPos(lo, "y", true));
              ctx.lineTo(x, u.valToPos(hi, "y", true));
              ctx.stroke();
            }
            // Change points: a dashed line at the first run at the new level.
            ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
            for (const c of changes) {
              const color =
                c.accepted !== null
                  ? colors.accepted
                  : c.kind === "regression"
                    ? colors.regression
                    : colors.improvement;
              const x = u.valToPos(c.run - 0.5, "x", true);
              ctx.strokeStyle = color;
              ctx.fillStyle = color;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.fillText(
                percent(c.change),
                x + 3 * devicePixelRatio,
                u.bbox.top + 12 * devicePixelRatio,
              );
            }
            ctx.restore();
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const out = document.getElementById("hover");
            if (i === null || i === undefined) return;
            if (withPr && i === n) {
              out.textContent = `this pull request${data.pr?.commit ? ` (${window.PG.shortCommit(data.pr.commit)})` : ""}: ${value(detail.pr.value, detail.display)}, ${detail.pr.severity === "none" ? detail.pr.verdict : detail.pr.severity}${detail.pr.change !== null ? ` ${percent(detail.pr.change)}` : ""}`;
              return;
            }
            const run = runs[i];
            const v = detail.value[i];
            const range =
              detail.bandLow[i] !== null
                ? `; expected ${value(detail.bandLow[i], detail.display)} – ${value(detail.bandHigh[i], detail.display)}`
                : "";
            out.textContent =
              `run ${i + 1} · ${window.PG.shortCommit(run.commit)} · ${date(run.timestamp)} · ` +
              `${value(v, detail.display)} (rounds ${value(detail.low[i], detail.display)} – ${value(detail.high[i], detail.display)}, ${detail.rounds[i]} rounds)${range}`;
          },
        ],
      },
    };
    chart = new window.uPlot(opts, plot, box);
    window.perfgateChart = chart;
  }

  function listChanges(detail, changes) {
    const body = document.querySelector("#changes tbody");
    body.textContent = "";
    if (changes.length === 0) {
      body.append(
        el("tr", {}, [
          el("td", { colspan: 6, class: "muted" }, "No change point: the level held."),
        ]),
      );
      return;
    }
    for (const c of changes) {
      const grade =
        c.kind === "improvement" ? "improved" : c.accepted !== null ? "accepted" : c.severity;
      const gradeCell = el("td", {}, [badge(grade)]);
      if (c.accepted !== null) gradeCell.append(document.createTextNode(` ${c.accepted}`));
      body.append(
        el("tr", { "data-run": c.run, "data-commit": c.commit || "" }, [
          el("td", { class: "num" }, String(c.run + 1)),
          el("td", {}, [commitLink(c.commit)]),
          el("td", { class: "num" }, value(c.before, detail.display)),
          el("td", { class: "num" }, value(c.after, detail.display)),
          el("td", { class: "num" }, percent(c.change)),
          gradeCell,
        ]),
      );
    }
  }

  function listRuns(detail, runs) {
    const body = document.querySelector("#runs tbody");
    body.textContent = "";
    const fragment = document.createDocumentFragment();
    runs.forEach((run, i) => {
      fragment.append(
        el("tr", {}, [
          el("td", { class: "num" }, String(i + 1)),
          el("td", {}, [commitLink(run.commit)]),
          el("td", {}, date(run.timestamp)),
          el("td", { class: "num" }, value(detail.value[i], detail.display)),
          el("td", { class: "num" }, String(detail.rounds[i])),
          el(
            "td",
            { class: "num" },
            detail.bandLow[i] === null
              ? "—"
              : `${value(detail.bandLow[i], detail.display)} – ${value(detail.bandHigh[i], detail.display)}`,
          ),
        ]),
      );
    });
    body.append(fragment);
  }

  // Arrow keys move the cursor run by run, so the hover line is there without a mouse.
  document.getElementById("chart").addEventListener("keydown", (event) => {
    if (!chart) return;
    const last = chart.data[0].length - 1;
    let i = chart.cursor.idx ?? -1;
    if (event.key === "ArrowRight") i = Math.min(last, i + 1);
    else if (event.key === "ArrowLeft") i = Math.max(0, i < 0 ? last : i - 1);
    else if (event.key === "Home") i = 0;
    else if (event.key === "End") i = last;
    else return;
    event.preventDefault();
    const y = chart.data[1][i] ?? chart.data[6][i];
    chart.setCursor({ left: chart.valToPos(i, "x"), top: y === null ? 0 : chart.valToPos(y, "y") });
  });
  document.getElementById("log").addEventListener("change", show);
  window.addEventListener("hashchange", load);
  let resizing = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => {
      const box = document.getElementById("chart");
      if (chart) chart.setSize({ width: Math.max(280, box.clientWidth), height: chart.height });
    });
  });
  load();
})();
