// The regressions page: every change point where a series got worse, open ones and
// accepted ones apart, newest first (data.changes is already in that order).
(() => {
  const { data, el, commitLink, percent, date, badge, byId } = window.PG;
  function seriesLink(s) {
    return el("td", { class: "name" }, [
      el("a", { href: `series.html#${s.id}` }, s.benchmark),
      el("small", {}, `${s.suite} · ${s.metric}`),
    ]);
  }
  for (const [table, accepted] of [
    ["open", false],
    ["accepted", true],
  ]) {
    const body = document.querySelector(`#${table} tbody`);
    const list = data.changes.filter(
      (c) => c.kind === "regression" && (c.accepted !== null) === accepted,
    );
    if (list.length === 0) {
      body.append(el("tr", {}, [el("td", { colspan: 5, class: "muted" }, "None.")]));
      continue;
    }
    const fragment = document.createDocumentFragment();
    for (const c of list) {
      const s = byId.get(c.series);
      fragment.append(
        el("tr", { "data-series": c.series, "data-run": c.run }, [
          el("td", {}, date(c.timestamp)),
          seriesLink(s),
          el("td", {}, [commitLink(c.commit)]),
          el("td", { class: "num worse" }, percent(c.change)),
          accepted ? el("td", {}, c.accepted) : el("td", {}, [badge(c.severity)]),
        ]),
      );
    }
    body.append(fragment);
  }
  document.documentElement.dataset.drawn = "regressions";
})();
