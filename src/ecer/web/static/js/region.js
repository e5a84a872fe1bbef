/* Region page: intensity change yoy, cumulative reduction vs the even-pace requirement, exclusions. */
"use strict";
(function () {
  const E = window.ECER;
  const $ = (id) => document.getElementById(id);
  const code = $("region-title").dataset.code;
  let rows = [];
  let yoyChart = null, progressChart = null;

  const EXCLUSIONS = [
    ["ex.total_energy", "total_energy", "tce"],
    ["ex.feedstock_energy", "feedstock_energy", "tce"],
    ["ex.renewable_electricity_tce", "renewable_electricity_tce", "tce"],
    ["ex.renewable_deduction_total", "renewable_deduction_total", "tce"],
    ["ex.nonfossil_deduction", "nonfossil_deduction", "tce"],
    ["ex.separately_listed_energy", "separately_listed_energy", "tce"],
    ["ex.energy_for_total", "energy_for_total", "tce"],
    ["ex.energy_for_intensity", "energy_for_intensity", "tce"],
    ["ex.gdp", "gdp", "yi"],
    ["ex.intensity", "intensity", "int"],
    ["ex.five_year_target", "five_year_target", "pct"],
    ["ex.target_source", "target_source", "text"],
  ];

  function status(text) { const s = $("status"); s.textContent = text || ""; s.hidden = !text; }
  function ofKind(kind) { return rows.filter((r) => E.periodKind(r.period) === kind); }

  function fillPeriods(kind, wanted) {
    const periods = E.sortPeriods(ofKind(kind).map((r) => r.period));
    const chosen = periods.includes(wanted) ? wanted : periods[periods.length - 1];
    E.fillSelect($("period"), periods.map((p) => ({ value: p, label: p })), chosen);
  }

  function value(field, unit, r) {
    const x = r[field];
    if (x === null || x === undefined) return "—";
    if (unit === "tce") return E.num(x / 1e4, 2) + " " + E.t("unit.wan_tce");
    if (unit === "yi") return E.num(x, 2) + " " + E.t("unit.yi_cny");
    if (unit === "pct") return E.pct(x);
    if (unit === "text") return String(x);
    return E.num(x, 4) + " " + E.t("unit.intensity");
  }

  function renderExclusions() {
    const period = $("period").value;
    const r = rows.find((x) => x.period === period);
    $("exclusions-title").textContent = E.t("region.exclusions", { period: period || "—" });
    const tbody = $("exclusions").querySelector("tbody");
    tbody.innerHTML = "";
    const grades = $("grades");
    grades.innerHTML = "";
    if (!r) return;
    grades.append(E.t("col.intensity_grade") + ": ", E.badge(r.intensity_grade, r.intensity_color),
      "  " + E.t("col.total_grade") + ": ", E.badge(r.total_grade, r.total_color),
      "  " + E.t("col.intensity_change_yoy") + ": " + E.signedPct(r.intensity_change_yoy),
      "  " + E.t("region.applied", { edition: r.rule_edition }));
    for (const [key, field, unit] of EXCLUSIONS) {
      if (!(field in r)) continue;
      const tr = document.createElement("tr");
      const a = document.createElement("td"); a.textContent = E.t(key);
      const b = document.createElement("td"); b.textContent = value(field, unit, r); b.className = "num";
      tr.append(a, b);
      tbody.appendChild(tr);
    }
  }

  function renderCharts() {
    if (!E.chartsAvailable()) return;
    const byPeriod = new Map(ofKind($("kind").value).map((r) => [r.period, r]));
    const x = E.sortPeriods(Array.from(byPeriod.keys()));
    const series = x.map((p) => byPeriod.get(p));
    const p100 = (v) => (v === null || v === undefined ? null : +(v * 100).toFixed(3));
    const axis = { type: "value", axisLabel: { formatter: (v) => v + "%" } };
    yoyChart = yoyChart || echarts.init($("yoy-chart"));
    yoyChart.setOption({
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null ? "—" : v.toFixed(2) + "%") },
      grid: { left: 50, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", data: x }, yAxis: axis,
      series: [{ type: "bar", name: E.t("col.intensity_change_yoy"),
        data: series.map((r) => ({ value: p100(r.intensity_change_yoy),
          itemStyle: { color: E.COLORS[r.intensity_color] || E.COLORS.grey } })) }],
    }, true);
    progressChart = progressChart || echarts.init($("progress-chart"));
    progressChart.setOption({
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null ? "—" : v.toFixed(2) + "%") },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 40 },
      xAxis: { type: "category", data: x }, yAxis: axis,
      series: [
        { type: "line", name: E.t("col.intensity_reduction_cumulative"),
          data: series.map((r) => p100(r.intensity_reduction_cumulative)), itemStyle: { color: "#2f6fb0" } },
        { type: "line", name: E.t("col.required_reduction_cumulative"), lineStyle: { type: "dashed" },
          data: series.map((r) => p100(r.required_reduction_cumulative)), itemStyle: { color: "#888888" } },
      ],
    }, true);
  }

  // The regions under this one (cities of a province, counties of a city) for the chosen period.
  async function renderChildren() {
    const period = $("period").value, edition = $("edition").value;
    const card = $("children-card"), tbody = $("children").querySelector("tbody");
    tbody.innerHTML = "";
    if (!period) { card.hidden = true; return; }
    let res;
    try {
      res = await E.api("/api/assessments?" + E.ruleParams({ period, edition }));
    } catch (e) { card.hidden = true; return; }
    const kids = (res.rows || []).filter((r) => r.parent_code === code);
    card.hidden = !kids.length;
    for (const r of kids) {
      const tr = document.createElement("tr");
      const link = document.createElement("a");
      link.href = E.withLang("/region/" + r.region_code + "?" + E.ruleParams({ period, edition }));
      link.textContent = E.regionName(r);
      const cells = [r.region_code, link, E.signedPct(r.intensity_change_yoy), E.pct(r.intensity_reduction_cumulative),
        E.pct(r.required_reduction_cumulative), E.signedPct(r.energy_growth_yoy), E.badge(r.intensity_grade, r.intensity_color),
        E.badge(r.total_grade, r.total_color)];
      for (const c of cells) {
        const td = document.createElement("td");
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  function render() {
    E.setQuery({ period: $("period").value, edition: $("edition").value });
    renderCharts();
    renderExclusions();
    renderChildren();
  }

  async function load(wantedPeriod) {
    status(E.t("status.loading"));
    const edition = $("edition").value;
    let res;
    try {
      res = await E.api("/api/assessments?" + E.ruleParams({ region: code, edition }));
      rows = (res.rows || []).filter((r) => r.region_code === code);
    } catch (e) {
      status(e.status === 404 ? E.t("region.unknown", { code }) : "");
      if (e.status !== 404) E.showError(e.message);
      return;
    }
    if (!rows.length) { status(E.t("region.unknown", { code })); return; }
    status("");
    $("region-title").textContent = E.regionName(rows[0]) + " (" + code + ")";
    E.showSyntheticBanner(rows, res.meta);
    const kinds = ["Y", "H", "Q", "YTD", "M"].filter((k) => ofKind(k).length);
    const kind = kinds.includes(E.periodKind(wantedPeriod || "")) ? E.periodKind(wantedPeriod) : kinds[0];
    const kindNames = { Y: E.t("period.kind.Y"), H: E.t("period.kind.H"), Q: E.t("period.kind.Q"),
                        YTD: E.t("period.kind.YTD"), M: E.t("period.kind.M") };
    E.fillSelect($("kind"), kinds.map((k) => ({ value: k, label: kindNames[k] })), kind);
    fillPeriods(kind, wantedPeriod);
    render();
  }

  async function start() {
    try {
      await E.loadPickers(null, $("edition"));
    } catch (e) {
      status(e.status === 404 ? E.t("status.nodata") : "");
      if (e.status !== 404) E.showError(e.message);
      return;
    }
    $("kind").addEventListener("change", () => { fillPeriods($("kind").value, null); render(); });
    $("period").addEventListener("change", render);
    $("edition").addEventListener("change", () => load($("period").value));
    E.initRecompute(() => load($("period").value));
    window.addEventListener("resize", () => { if (yoyChart) yoyChart.resize(); if (progressChart) progressChart.resize(); });
    await load(E.query("period"));
  }
  start();
})();
