// Shared by the dashboard's pages (inlined into each; a page opened from disk cannot load a
// module). Text from benchmarks and commits only ever reaches the page through textContent
// and setAttribute, never as HTML.
window.PG = (() => {
  const data = window.PERFGATE_INDEX;

  /** An element with attributes and text, or children. */
  function el(tag, attrs, content) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    if (Array.isArray(content)) {
      for (const child of content) if (child) node.append(child);
    } else if (content !== undefined && content !== null) {
      node.textContent = String(content);
    }
    return node;
  }

  function shortCommit(commit) {
    if (!commit) return "(no commit)";
    return /^[0-9a-f]{40,64}$/i.test(commit) ? commit.slice(0, 7) : commit;
  }

  /** A link to the commit on GitHub when the repository is known, else its name alone. */
  function commitLink(commit) {
    if (commit && data.repoUrl) {
      return el(
        "a",
        {
          href: `${data.repoUrl}/commit/${encodeURIComponent(commit)}`,
          "data-commit": commit,
          title: commit,
        },
        shortCommit(commit),
      );
    }
    return el("code", { "data-commit": commit || "", title: commit || "" }, shortCommit(commit));
  }

  function percent(x) {
    if (x === null || x === undefined || !Number.isFinite(x)) return "—";
    const p = x * 100;
    return `${p >= 0 ? "+" : "−"}${Math.abs(p).toFixed(1)}%`;
  }

  /** Three significant digits, as the reports print. */
  function digits(x) {
    if (!Number.isFinite(x)) return String(x);
    const a = Math.abs(x);
    if (a >= 100) return x.toFixed(0);
    if (a >= 10) return x.toFixed(1);
    if (a >= 1) return x.toFixed(2);
    return Number(x.toPrecision(3)).toString();
  }

  /** A value in the series' display unit (the scale the server picked for it). */
  function value(x, display) {
    if (x === null || x === undefined) return "—";
    const shown = digits(x / display.factor);
    if (display.unit === "count" || display.unit === "") return shown;
    if (display.unit === "ratio") return `${shown}×`;
    return `${shown} ${display.unit}`;
  }

  function date(timestamp) {
    return timestamp ? timestamp.slice(0, 10) : "";
  }

  const GRADE_LABEL = {
    critical: "Critical",
    severe: "Severe",
    moderate: "Moderate",
    minor: "Minor",
    improved: "improved",
    accepted: "accepted",
    steady: "steady",
  };

  function badge(grade) {
    return el("span", { class: `grade g-${grade}` }, GRADE_LABEL[grade] || grade);
  }

  function worse(change, direction) {
    return direction === "lower" ? change > 0 : change < 0;
  }

  const byId = new Map(data.series.map((s) => [s.id, s]));
  const suites = new Map(data.suites.map((s) => [s.name, s]));

  return {
    data,
    el,
    shortCommit,
    commitLink,
    percent,
    value,
    date,
    badge,
    worse,
    byId,
    suites,
    GRADE_LABEL,
  };
})();
