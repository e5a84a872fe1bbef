/* Overview page: the nation (dial, absolute figures, barometer and assessment), province map coloured by barometer
   grade, province table (figures, barometer, assessment), the period's findings. */
"use strict";
(function () {
  const E = window.ECER;
  const $ = (id) => document.getElementById(id);
  let mode = "intensity";
  let rows = [];
  let meta = {};
  let mapNames = null;
  let mapChart = null;
  let gaugeChart = null;
  let picks = null;

  function status(text) { const s = $("status"); s.textContent = text || ""; s.hidden = !text; }

  function provinceRows() {
    return rows.filter((r) => r.level === "province").sort((a, b) => a.region_code.localeCompare(b.region_code));
  }
  function national() { return rows.find((r) => r.region_code === "100000" || r.level === "national"); }

  function renderNational() {
    const nat = national();
    const dl = $("national-figures"), blocks = $("national-blocks");
    dl.innerHTML = ""; blocks.innerHTML = "";
    if (!nat) return;
    $("national-title").textContent = E.t("overview.national") + " · " + E.periodLabel(picks.info.get(nat.period) || { period: nat.period });
    const target = nat.five_year_target;
    const rate = (k, v) => E.t(k) + " " + v;
    const items = [
      ["overview.intensity", E.intensity(nat.intensity), rate("overview.yoy", E.signedPct(nat.intensity_change_yoy))],
      ["overview.cumulative", E.pct(nat.intensity_reduction_cumulative),
        rate("overview.required", E.pct(nat.required_reduction_cumulative))],
      ["overview.target_short", E.pct(target), ""],
      ["overview.energy_total", E.wanTce(nat.total_energy), ""],
      ["overview.energy_for_total", E.wanTce(nat.energy_for_total), rate("overview.growth", E.signedPct(nat.energy_growth_yoy))],
      ["overview.allowed", E.wanTce(nat.energy_allowed), rate("overview.allowed_growth", E.signedPct(nat.allowed_energy_growth))],
    ];
    for (const [k, v, note] of items) {
      const dt = document.createElement("dt"); dt.textContent = E.t(k);
      const dd = document.createElement("dd"); dd.textContent = v;
      dd.dataset.key = k;
      if (note) { const s = document.createElement("span"); s.className = "why"; s.textContent = note; dd.appendChild(s); }
      dl.append(dt, dd);
    }
    blocks.append(E.barometerBlock(nat), E.assessmentBlock(nat));
    if (!E.chartsAvailable()) return;
    gaugeChart = gaugeChart || echarts.init($("national-chart"));
    const val = Math.max(0, (nat.intensity_reduction_cumulative || 0) * 100);
    const req = Math.max(0, (nat.required_reduction_cumulative || 0) * 100);
    // the dial runs to the five-year target (from the data); past it, the bar is full and the text says how far
    const max = target ? target * 100 : (Math.max(val, req) * 1.2 || 1);
    const base = nat.plan_status === "base_year";
    const shown = base ? E.t("grade.base_year") : E.pct(nat.intensity_reduction_cumulative);
    const g = E.grade(nat, "intensity");
    gaugeChart.setOption({
      animation: false,
      series: [{
        type: "gauge", min: 0, max: +max.toFixed(2), startAngle: 180, endAngle: 0,
        radius: "95%", center: ["50%", "72%"],
        progress: { show: true, width: 22, itemStyle: { color: E.COLORS[g.cls] || E.COLORS.grey } },
        // the darker band shows the reduction required by now; the light rest runs to the five-year target
        axisLine: { lineStyle: { width: 22, color: [[Math.min(1, req / max), "#d5dbe3"], [1, "#eef1f5"]] } },
        pointer: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
        title: { show: true, offsetCenter: [0, "22%"], fontSize: 13, color: "#607080" },
        detail: { valueAnimation: false, formatter: () => shown, offsetCenter: [0, "-12%"],
          fontSize: 28, fontWeight: 600, color: "#1f2933" },
        data: [{ value: Math.min(val, max), name: base ? "" : E.t("overview.target",
          { plan: nat.plan ? E.t("plan." + nat.plan) : "", target: E.pct(target) }) }],
      }],
    }, true);
  }

  function renderMap() {
    if (!E.chartsAvailable() || !mapNames) return;
    mapChart = mapChart || echarts.init($("map"), null, { renderer: "svg" });
    window.ECER_MAP = mapChart;
    const data = provinceRows().map((r) => {
      const g = E.grade(r, mode);
      const fill = E.COLORS[g.cls] || E.COLORS.grey;
      return {
        name: mapNames[r.region_code] || r.name_zh, value: g.grade === null ? -1 : g.grade,
        code: r.region_code, label_name: E.regionName(r), grade: g.grade, color: g.cls, text: g.text,
        yoy: r.intensity_change_yoy, cum: r.intensity_reduction_cumulative, growth: r.energy_growth_yoy,
        allowed: r.allowed_energy_growth,
        itemStyle: { areaColor: fill },
        // hover keeps the grade colour and adds a dark outline: distinct from every grade colour
        emphasis: { itemStyle: { areaColor: fill, borderColor: "#1f2933", borderWidth: 2 } },
      };
    });
    mapChart.setOption({
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const d = p.data;
          if (!d || !d.code) return String(p.name).replace(/[<>&]/g, "");
          const lines = [d.label_name, E.t(mode === "intensity" ? "col.intensity_grade" : "col.total_grade") + ": " + d.text,
            E.t("col.intensity_change_yoy") + ": " + E.signedPct(d.yoy),
            E.t("col.intensity_reduction_cumulative") + ": " + E.pct(d.cum),
            E.t("col.energy_growth_yoy") + ": " + E.signedPct(d.growth),
            E.t("col.allowed_energy_growth") + ": " + E.signedPct(d.allowed)];
          return lines.map((x) => String(x).replace(/[<>&]/g, "")).join("<br>");
        },
      },
      series: [{
        type: "map", map: "china", roam: false, selectedMode: false, top: 10, bottom: 10,
        label: { show: false },
        emphasis: { label: { show: true, color: "#1f2933" },
          itemStyle: { areaColor: E.COLORS.grey, borderColor: "#1f2933", borderWidth: 2 } },
        itemStyle: { areaColor: E.COLORS.grey, borderColor: "#ffffff", borderWidth: 0.8 },
        data,
      }],
    }, true);
    renderLegend();
    mapChart.off("click");
    mapChart.on("click", (p) => { if (p.data && p.data.code) location.assign(regionHref(p.data.code)); });
  }

  function renderLegend() {
    const box = $("map-legend");
    box.innerHTML = "";
    const base = provinceRows().some((r) => r.plan_status === "base_year");
    const items = base ? [[null, "base"]] : [[1, "red"], [2, "yellow"], [3, "green"], [null, "grey"]];
    for (const [g, c] of items) box.appendChild(E.badge(g, c));
    const explain = $("map-explain");
    const margin = meta.thresholds && meta.thresholds.total_red_margin;
    explain.textContent = base ? E.t("grade.explain.base", { period: $("period").value })
      : mode === "intensity" ? E.t("grade.explain")
        : E.t("grade.explain.total", { margin: margin === undefined || margin === null ? "1" : E.num(margin * 100, 2) });
  }

  function regionHref(code) {
    return E.withLang("/region/" + code + "?" + E.ruleParams({ period: $("period").value, edition: $("edition").value }));
  }

  function renderTable() {
    const period = $("period").value;
    $("table-title").textContent = E.t("overview.table", { period: E.periodLabel(picks.info.get(period) || { period }) });
    E.fillTable($("province-table").querySelector("tbody"), provinceRows(), (r) => regionHref(r.region_code));
    E.describeRules($("table-rules"), meta, [period], $("edition").value, true);
  }

  // The period's findings; those about one region name it and link to its page.
  function renderFindings(findings) {
    const card = $("findings-card");
    card.hidden = !findings.length;
    $("findings-title").textContent = E.t("overview.findings", { count: findings.length });
    const byCode = new Map(rows.map((r) => [r.region_code, r]));
    const prefix = (f) => {
      const code = f.evidence && f.evidence.region;
      if (!code) return null;
      const a = document.createElement("a");
      a.className = "region";
      a.href = regionHref(String(code));
      a.textContent = byCode.has(code) ? E.regionName(byCode.get(code)) : String(code);
      return a;
    };
    E.renderFindings($("findings"), sortFindings(findings), E.t("region.findings.none"), prefix);
  }
  function sortFindings(findings) {
    const order = { error: 0, warning: 1, info: 2 };
    return findings.slice().sort((a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3));
  }

  async function refresh() {
    const period = $("period").value, edition = $("edition").value;
    E.setQuery({ period, edition });
    const q = E.ruleParams({ period, edition, lang: E.lang === "en" ? "en" : "zh" });
    $("report-xlsx").href = "/api/reports/assessment.xlsx?" + q;
    $("report-html").href = "/api/reports/assessment.html?" + q;
    status(E.t("status.loading"));
    try {
      const res = await E.api("/api/assessments?" + E.ruleParams({ period, edition }));
      rows = res.rows || [];
      meta = res.meta || {};
      status(rows.length ? "" : E.t("status.nodata"));
      E.showSyntheticBanner(rows, res.meta);
      E.describeRules($("rules-note"), meta, [period], edition);
      renderNational();
      renderMap();
      renderTable();
      renderFindings(res.findings || []);
    } catch (e) {
      status("");
      E.showError(e.message);
    }
  }

  function setMode(next) {
    mode = next;
    $("map-intensity").classList.toggle("on", mode === "intensity");
    $("map-total").classList.toggle("on", mode === "total");
    renderMap();
  }

  async function start() {
    try {
      picks = await E.loadPickers($("period"), $("edition"));
      if (!picks.periods.length) { status(E.t("status.nodata")); return; }
      if (E.chartsAvailable()) mapNames = await E.registerChinaMap();
    } catch (e) {
      status(e.status === 404 ? E.t("status.nodata") : "");
      if (e.status !== 404) E.showError(e.message);
      return;
    }
    $("period").addEventListener("change", refresh);
    $("edition").addEventListener("change", refresh);
    E.initRecompute(refresh);
    $("map-intensity").addEventListener("click", () => setMode("intensity"));
    $("map-total").addEventListener("click", () => setMode("total"));
    window.addEventListener("resize", () => { if (mapChart) mapChart.resize(); if (gaugeChart) gaugeChart.resize(); });
    await refresh();
  }
  start();
})();
