// The index: every series, newest open regression first; search and grade filter; a
// sparkline drawn only once its row scrolls into view, so 3,000 rows draw at once.
(() => {
  const { data, el, commitLink, badge, worse, byId } = window.PG;
  const SVG = "http://www.w3.org/2000/svg";
  const body = document.querySelector("#series tbody");
  const search = document.getElementById("search");
  const grade = document.getElementById("grade");
  const shown = document.getElementById("shown");
  const newestChange = new Map();
  for (const c of data.changes) {
    const known = newestChange.get(c.series);
    if (!known || c.run > known.run) newestChange.set(c.series, c);
  }
  const SEVERITIES = ["critical", "severe", "moderate", "minor"];
  const open = data.series.filter((s) => SEVERITIES.includes(s.grade));
  document.getElementById("summary").textContent =
    `${data.series.length} series in ${data.suites.length} suite${data.suites.length === 1 ? "" : "s"}; ` +
    `${open.length} with an open regression as the newest change.`;

  function sparkline(series) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", "0 0 120 28");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    const values = series.spark;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === Number.POSITIVE_INFINITY) return svg;
    const span = max - min || 1;
    const step = values.length > 1 ? 120 / (values.length - 1) : 0;
    const points = [];
    values.forEach((v, i) => {
      if (v !== null)
        points.push(`${(i * step).toFixed(1)},${(26 - ((v - min) / span) * 24).toFixed(1)}`);
    });
    const line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", points.join(" "));
    const change = newestChange.get(series.id);
    if (change) {
      const mark = document.createElementNS(SVG, "line");
      const x = (change.run * step).toFixed(1);
      mark.setAttribute("x1", x);
      mark.setAttribute("x2", x);
      mark.setAttribute("y1", "0");
      mark.setAttribute("y2", "28");
      svg.append(mark);
    }
    svg.append(line);
    return svg;
  }

  const observer =
    "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            const cell = entry.target;
            observer.unobserve(cell);
            cell.append(sparkline(byId.get(cell.dataset.series)));
          }
        })
      : null;

  const rows = data.series.map((s) => {
    const change = newestChange.get(s.id);
    const trend = el("td", { class: "trend", "data-series": s.id });
    const changeCell = el("td", { class: "num hide-narrow" }, s.changeText);
    // Coloured only outside the expected range: inside it, the change is the usual noise.
    if (s.outside)
      changeCell.className = `num hide-narrow ${worse(s.change, s.direction) ? "worse" : "better"}`;
    const last = el("td", {}, [
      badge(s.grade),
      change
        ? el("span", { class: "hide-narrow" }, [
            document.createTextNode(` ${window.PG.percent(change.change)} at `),
            commitLink(change.commit),
          ])
        : null,
    ]);
    const row = el("tr", { "data-id": s.id, "data-grade": s.grade }, [
      el("td", { class: "name" }, [
        el("a", { href: `series.html#${s.id}` }, s.benchmark),
        el("small", {}, `${s.suite} · ${s.metric}`),
      ]),
      trend,
      el("td", { class: "num" }, s.latestText),
      changeCell,
      last,
    ]);
    if (observer) observer.observe(trend);
    else trend.append(sparkline(s));
    return { row, key: `${s.suite}/${s.benchmark}/${s.metric}`.toLowerCase(), grade: s.grade };
  });
  const fragment = document.createDocumentFragment();
  for (const r of rows) fragment.append(r.row);
  body.append(fragment);

  function apply() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const want = grade.value;
    let count = 0;
    for (const r of rows) {
      const gradeOk =
        !want || r.grade === want || (want === "regression" && SEVERITIES.includes(r.grade));
      const visible = gradeOk && words.every((w) => r.key.includes(w));
      r.row.hidden = !visible;
      if (visible) count++;
    }
    shown.textContent = `showing ${count} of ${rows.length}`;
    const query = new URLSearchParams();
    if (search.value) query.set("q", search.value);
    if (want) query.set("grade", want);
    const hash = query.toString();
    // location.replace, not history.replaceState: a page opened from disk has an opaque
    // origin, and Chromium refuses replaceState there.
    if (hash !== location.hash.slice(1)) location.replace(`#${hash}`);
  }
  // The filter lives in the address, so a filtered view can be linked and survives Back.
  const initial = new URLSearchParams(location.hash.slice(1));
  search.value = initial.get("q") || "";
  grade.value = initial.get("grade") || "";
  search.addEventListener("input", apply);
  grade.addEventListener("change", apply);
  apply();
  requestAnimationFrame(() => {
    performance.mark("perfgate-index-drawn");
    document.documentElement.dataset.drawn = "index";
  });
})();
