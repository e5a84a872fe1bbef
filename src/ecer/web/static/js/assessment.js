/* ECER dashboard: the barometer (预警) and the assessment (考核) of a region-period, its findings and the grade
   table — shared by the overview and the region pages. Reads rows of /api/assessments (ASSESSMENT_COLUMNS). */
"use strict";
(function () {
  const E = window.ECER;
  const t = E.t;

  function el(tag, cls, text) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = text;
    return x;
  }

  // --- barometer: grades 1/2/3 (red/yellow/green), grey = not graded; the base year is named, not greyed ---
  function grade(row, which) {
    if (!row) return { text: "—", cls: "grey", grade: null };
    if (row.plan_status === "base_year") return { text: t("grade.base_year"), cls: "base", grade: null };
    const g = row[which + "_grade"];
    if (g === 1 || g === 2 || g === 3) return { text: t("grade." + g), cls: row[which + "_color"] || "grey", grade: g };
    if (row.plan_status === "no_target") return { text: t("grade.no_target"), cls: "grey", grade: null };
    return { text: t("grade.grey"), cls: "grey", grade: null };
  }
  function gradeBadge(row, which) {
    const g = grade(row, which);
    return el("span", "badge " + g.cls, g.text);
  }

  // --- assessment (years only): met / met_by_progress / not_met / exempt ---
  function outcome(row, which, short) {
    if (!row) return { text: "—", cls: "none" };
    if (row.plan_status === "base_year") return { text: t("grade.base_year"), cls: "none" };
    if (!row.assessment_scope) return { text: t("outcome.not_assessed"), cls: "none" };
    const o = row[which + "_assessment"];
    if (!o) return short ? { text: "—", cls: "none", long: t("outcome.none") } : { text: t("outcome.none"), cls: "none" };
    return { text: t((short ? "outcome.short." : "outcome.") + o), cls: o, long: t("outcome." + o) };
  }
  function outcomeBadge(row, which, short) {
    const o = outcome(row, which, short);
    const span = el("span", "outcome " + o.cls, o.text);
    if (o.long && short) span.title = o.long;
    return span;
  }

  // --- the barometer block and the assessment block of one row (labelled, side by side) ---
  function dl(items) {
    const box = el("dl", "figures");
    for (const [k, v, note] of items) {
      box.appendChild(el("dt", "", k));
      const dd = el("dd");
      if (v instanceof Node) dd.appendChild(v); else dd.textContent = v;
      if (note) dd.appendChild(el("span", "why", note));
      box.appendChild(dd);
    }
    return box;
  }
  function barometerBlock(row) {
    const box = el("div", "block barometer");
    box.appendChild(el("h3", "", t("barometer.title")));
    if (row.plan_status === "base_year") {
      box.appendChild(el("p", "", t("grade.explain.base", { period: row.period })));
      box.appendChild(dl([[t("col.intensity_grade"), gradeBadge(row, "intensity")],
        [t("col.total_grade"), gradeBadge(row, "total")]]));
      return box;
    }
    box.appendChild(dl([
      [t("col.intensity_grade"), gradeBadge(row, "intensity"), t("barometer.intensity.why",
        { change: E.signedPct(row.intensity_change_yoy), required: E.pct(row.required_reduction_annual) })],
      [t("col.total_grade"), gradeBadge(row, "total"), t("barometer.total.why",
        { growth: E.signedPct(row.energy_growth_yoy), allowed: E.signedPct(row.allowed_energy_growth) })],
    ]));
    box.appendChild(el("p", "note", t("barometer.note")));
    return box;
  }
  function assessmentBlock(row) {
    const box = el("div", "block assessment");
    box.appendChild(el("h3", "", t("assessment.title")));
    if (row.plan_status === "base_year") { box.appendChild(el("p", "", t("assessment.base_year"))); return box; }
    if (!row.assessment_scope) { box.appendChild(el("p", "", t("assessment.none"))); return box; }
    const incentive = row.incentive_reached === null || row.incentive_reached === undefined ? "—"
      : t(row.incentive_reached ? "assessment.incentive.yes" : "assessment.incentive.no");
    box.appendChild(dl([
      [t("assessment.scope"), t("assessment.scope." + row.assessment_scope)],
      [t("assessment.intensity"), outcomeBadge(row, "intensity", false)],
      [t("assessment.total"), outcomeBadge(row, "total", false)],
      [t("assessment.incentive"), incentive],
    ]));
    return box;
  }

  // --- findings that concern a region-period ---
  // Evidence names a region and a period; a missing comparison names the period that is missing (the same period a
  // year earlier, or of the plan's base year), so those count too. Findings without a region are general.
  function isPeriod(p) { return typeof p === "string" && /^\d{4}(H[12]|Q[1-4]|-\d{2}(YTD)?)?$/i.test(p); }
  function related(period, planBaseYear) {
    const m = /^(\d{4})(.*)$/.exec(period);
    if (!m) return { periods: [period], years: [] };
    const y = +m[1];
    const periods = [period, (y - 1) + m[2]];
    const years = [y, y - 1];
    if (planBaseYear) { periods.push(planBaseYear + m[2]); years.push(+planBaseYear); }
    return { periods, years };
  }
  function concerns(f, code, period, planBaseYear) {
    const ev = f.evidence || {};
    if (ev.region !== undefined && ev.region !== null && String(ev.region) !== code) return false;
    if (typeof ev.regions === "string" && !ev.regions.split(/,\s*/).includes(code) && !ev.regions.includes("…")) return false;
    if (!period) return true;
    if (isPeriod(ev.assessed_period)) return ev.assessed_period === period;  // a finding about this period's comparison
    const rel = related(period, planBaseYear);
    if (isPeriod(ev.period)) return rel.periods.includes(ev.period);
    if (typeof ev.year === "number") return rel.years.includes(ev.year);
    return true;
  }
  function findingsFor(findings, code, period, planBaseYear) {
    const order = { error: 0, warning: 1, info: 2 };
    return (findings || []).filter((f) => concerns(f, code, period, planBaseYear))
      .sort((a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3));
  }
  // prefix(f): an optional node put before the message (the overview names the region a finding concerns).
  function renderFindings(list, findings, emptyText, prefix) {
    list.innerHTML = "";
    if (!findings.length) { list.appendChild(el("li", "empty", emptyText)); return; }
    for (const f of findings) {
      const li = el("li", "finding level-" + f.level);
      li.dataset.code = f.code;
      li.appendChild(el("span", "level " + f.level, t("level." + f.level)));
      li.appendChild(el("code", "", f.code));
      const pre = prefix ? prefix(f) : null;
      if (pre) li.appendChild(pre);
      li.appendChild(el("span", "msg", E.lang === "zh" ? f.message_zh : f.message_en));
      const fix = E.lang === "zh" ? f.fix_zh : f.fix_en;
      if (fix) li.appendChild(el("div", "fix", t("find.fix_label") + fix));
      list.appendChild(li);
    }
  }

  // --- the grade table (overview provinces, a region's children): figures, then barometer, then assessment ---
  function fillTable(tbody, rows, href) {
    tbody.innerHTML = "";
    for (const r of rows) {
      const tr = el("tr");
      const link = el("a", "", E.regionName(r));
      link.href = href(r);
      const cells = [[r.region_code, "code"], [link, "name"], [E.signedPct(r.intensity_change_yoy), "num"],
        [E.pct(r.intensity_reduction_cumulative), "num"], [E.pct(r.required_reduction_cumulative), "num"],
        [r.energy_for_total === null || r.energy_for_total === undefined ? "—" : E.fixed(r.energy_for_total / 1e4, 2), "num"],
        [E.signedPct(r.energy_growth_yoy), "num"], [E.signedPct(r.allowed_energy_growth), "num"],
        [gradeBadge(r, "intensity"), "grade"], [gradeBadge(r, "total"), "grade"],
        [outcomeBadge(r, "intensity", true), "outcome-cell"], [outcomeBadge(r, "total", true), "outcome-cell"]];
      for (const [c, cls] of cells) {
        const td = el("td", cls || "");
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  Object.assign(E, { grade, gradeBadge, outcome, outcomeBadge, barometerBlock, assessmentBlock, findingsFor,
    renderFindings, fillTable, el });
})();
