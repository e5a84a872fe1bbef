/* Overview page: national progress gauge, province map coloured by barometer grade, province table. */
"use strict";
(function () {
  const E = window.ECER;
  const $ = (id) => document.getElementById(id);
  let mode = "intensity";
  let rows = [];
  let mapNames = null;
  let mapChart = null;
  let gaugeChart = null;

  function status(text) { const s = $("status"); s.textContent = text || ""; s.hidden = !text; }

  function provinceRows() {
    return rows.filter((r) => r.level === "province").sort((a, b) => a.region_code.localeCompare(b.region_code));
  }
  function gradeOf(r) {
    return mode === "intensity" ? [r.intensity_grade, r.intensity_color] : [r.total_grade, r.total_color];
  }

  function renderNational() {
    const nat = rows.find((r) => r.region_code === "100000" || r.level === "national");
    const dl = $("national-figures");
    dl.innerHTML = "";
    if (!nat) return;
    const target = nat.five_year_target;
    const items = [
      ["overview.cumulative", E.pct(nat.intensity_reduction_cumulative)],
      ["overview.required", E.pct(nat.required_reduction_cumulative)],
      ["overview.target_short", E.pct(target, 1)],
      ["overview.yoy", E.signedPct(nat.intensity_change_yoy)],
      ["grade.label", E.gradeText(nat.intensity_grade, nat.intensity_color)],
    ];
    for (const [k, v] of items) {
      const dt = document.createElement("dt"); dt.textContent = E.t(k);
      const dd = document.createElement("dd"); dd.textContent = v;
      dl.append(dt, dd);
    }
    if (!E.chartsAvailable()) return;
    gaugeChart = gaugeChart || echarts.init($("national-chart"));
    const val = Math.max(0, (nat.intensity_reduction_cumulative || 0) * 100);
    const req = Math.max(0, (nat.required_reduction_cumulative || 0) * 100);
    // the dial runs to the five-year target (from the data); past it, the bar is full and the text says how far
    const max = target ? target * 100 : (Math.max(val, req) * 1.2 || 1);
    const shown = E.pct(nat.intensity_reduction_cumulative);
    gaugeChart.setOption({
      animation: false,
      series: [{
        type: "gauge", min: 0, max: +max.toFixed(2), startAngle: 180, endAngle: 0,
        radius: "95%", center: ["50%", "72%"],
        progress: { show: true, width: 22, itemStyle: { color: E.COLORS[nat.intensity_color] || E.COLORS.grey } },
        // the darker band shows the reduction required by now; the light rest runs to the five-year target
        axisLine: { lineStyle: { width: 22, color: [[Math.min(1, req / max), "#d5dbe3"], [1, "#eef1f5"]] } },
        pointer: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
        title: { show: true, offsetCenter: [0, "22%"], fontSize: 13, color: "#607080" },
        detail: { valueAnimation: false, formatter: () => shown, offsetCenter: [0, "-12%"],
          fontSize: 28, fontWeight: 600, color: "#1f2933" },
        data: [{ value: Math.min(val, max), name: E.t("overview.target", { target: E.pct(target, 1) }) }],
      }],
    }, true);
  }

  function renderMap() {
    if (!E.chartsAvailable() || !mapNames) return;
    mapChart = mapChart || echarts.init($("map"), null, { renderer: "svg" });
    window.ECER_MAP = mapChart;
    const data = provinceRows().map((r) => {
      const [grade, color] = gradeOf(r);
      return {
        name: mapNames[r.region_code] || r.name_zh, value: grade === null || grade === undefined ? -1 : grade,
        code: r.region_code, label_name: E.regionName(r), grade, color,
        yoy: r.intensity_change_yoy, cum: r.intensity_reduction_cumulative, growth: r.energy_growth_yoy,
        itemStyle: { areaColor: E.COLORS[color] || E.COLORS.grey },
      };
    });
    mapChart.setOption({
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const d = p.data;
          if (!d) return p.name;
          const lines = [d.label_name, E.gradeText(d.grade, d.color),
            E.t("col.intensity_change_yoy") + ": " + E.signedPct(d.yoy),
            E.t("col.intensity_reduction_cumulative") + ": " + E.pct(d.cum),
            E.t("col.energy_growth_yoy") + ": " + E.signedPct(d.growth)];
          return lines.map((x) => String(x).replace(/[<>&]/g, "")).join("<br>");
        },
      },
      series: [{
        type: "map", map: "china", roam: false, selectedMode: false, top: 10, bottom: 10,
        label: { show: false }, emphasis: { label: { show: true }, itemStyle: { areaColor: "#8fb3e0" } },
        itemStyle: { areaColor: E.COLORS.grey, borderColor: "#ffffff", borderWidth: 0.8 },
        data,
      }],
    }, true);
    renderLegend();
    mapChart.off("click");
    mapChart.on("click", (p) => { if (p.data && p.data.code) location.assign(E.withLang("/region/" + p.data.code)); });
  }

  function renderLegend() {
    const box = $("map-legend");
    box.innerHTML = "";
    const items = [[1, "red"], [2, "yellow"], [3, "green"], [null, "grey"]];
    if (mode === "total") items.push([null, "exempt"]);
    for (const [g, c] of items) box.appendChild(E.badge(g, c));
  }

  function renderTable() {
    const tbody = $("province-table").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of provinceRows()) {
      const tr = document.createElement("tr");
      const link = document.createElement("a");
      link.href = E.withLang("/region/" + r.region_code);
      link.textContent = E.regionName(r);
      const cells = [r.region_code, link, E.signedPct(r.intensity_change_yoy), E.pct(r.intensity_reduction_cumulative),
        E.pct(r.required_reduction_cumulative), E.signedPct(r.energy_growth_yoy),
        E.badge(r.intensity_grade, r.intensity_color), E.badge(r.total_grade, r.total_color)];
      for (const c of cells) {
        const td = document.createElement("td");
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
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
      status(rows.length ? "" : E.t("status.nodata"));
      E.showSyntheticBanner(rows, res.meta);
      renderNational();
      renderMap();
      renderTable();
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
      const picks = await E.loadPickers($("period"), $("edition"));
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
