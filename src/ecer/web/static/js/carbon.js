/* Carbon page: CO2-intensity progress by region (/api/carbon/progress) — the chosen year's barometer grades on the
   province map, a sentence counting them, the table (CO2 [10⁴ t] and its change, GDP, carbon intensity, cumulative
   reduction against the even-pace requirement, grade) and every finding, message first. Every number comes from
   the API; the grid factor's year convention is stated as the assumption it is. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  let mapNames = null, mapChart = null, body = null;
  const esc = (x) => String(x).replace(/[<>&]/g, "");
  const wan = (t) => (t === null || t === undefined ? "—" : E.fixed(t / 1e4, 2));

  function regionName(r) {
    const name = E.lang === "zh" ? r.region_name_zh : (r.region_name_en || r.region_name_zh);
    return name || r.region_code;
  }
  function regionCell(r) {
    const a = E.el("a", "region");
    a.href = E.withLang("/region/" + r.region_code);
    a.appendChild(E.el("span", "region-name", regionName(r)));
    a.appendChild(E.el("code", "code-small", r.region_code));
    return a;
  }
  function renderFindings(list, findings, emptyText) {
    list.innerHTML = "";
    if (!findings.length) { list.appendChild(E.el("li", "empty", emptyText)); return; }
    for (const f of findings) {
      const li = E.el("li", "finding level-" + f.level);
      li.dataset.code = f.code;
      li.appendChild(E.el("span", "level " + f.level, E.t("level." + f.level)));
      li.appendChild(E.el("span", "msg", E.lang === "zh" ? f.message_zh : f.message_en));
      li.appendChild(E.el("code", "code-small", f.code));
      const fix = E.lang === "zh" ? f.fix_zh : f.fix_en;
      if (fix) li.appendChild(E.el("div", "fix", E.t("find.fix_label") + fix));
      list.appendChild(li);
    }
  }
  function showNoData(err) {
    $("nodata-card").hidden = false;
    renderFindings($("nodata-findings"), err.findings || [], err.message);
    for (const id of ["map-card", "progress-card", "findings-card"]) $(id).hidden = true;
  }
  const graded = (r) => r.intensity !== null && r.intensity !== undefined;

  function years() {
    return [...new Set(body.rows.filter(graded).map((r) => r.year))].sort((a, b) => a - b);
  }
  function rowsOf(year) {
    return body.rows.filter((r) => r.year === year).sort((a, b) => a.region_code.localeCompare(b.region_code));
  }

  function renderSentence(rows, year) {
    const n = { red: 0, yellow: 0, green: 0, grey: 0 };
    for (const r of rows) n[r.color && n[r.color] !== undefined ? r.color : "grey"] += 1;
    const co2 = rows.reduce((a, r) => a + (r.co2 || 0), 0);
    $("carbon-sentence").textContent = E.t("carbon.sentence", { year, n: rows.length, co2: wan(co2),
      red: n.red, yellow: n.yellow, green: n.green, grey: n.grey });
    const m = body.meta || {};
    $("carbon-assumption").textContent = E.t(m.grid_year_lag ? "carbon.assumption" : "carbon.assumption0",
      { lag: m.grid_year_lag, scope: E.t("carbon.scope." + m.grid_scope) });
  }

  function renderMap(rows, year) {
    $("map-title").textContent = E.t("carbon.map.title", { year });
    if (!E.chartsAvailable() || !mapNames) return;
    mapChart = mapChart || echarts.init($("map"), null, { renderer: "svg" });
    window.ECER_CARBON_MAP = mapChart;
    const provinces = rows.filter((r) => /^\d{2}0000$/.test(r.region_code) && r.region_code !== "100000");
    const data = provinces.filter((r) => mapNames[r.region_code]).map((r) => ({
      name: mapNames[r.region_code], code: r.region_code, grade: r.grade, color: r.color || "grey", row: r,
      itemStyle: { areaColor: E.COLORS[r.color] || E.COLORS.grey },
      emphasis: { label: { show: false },
        itemStyle: { areaColor: E.COLORS[r.color] || E.COLORS.grey, borderColor: "#1f2933", borderWidth: 2 } } }));
    mapChart.setOption({
      animation: false,
      tooltip: { trigger: "item", confine: true, formatter: (p) => !p.data ? esc(p.name) : E.t("carbon.map.tip", {
        region: regionName(p.data.row), year: p.data.row.year, co2: wan(p.data.row.co2),
        intensity: E.fixed(p.data.row.intensity, 4), cumulative: E.pct(p.data.row.achieved_cumulative),
        required: E.pct(p.data.row.required_cumulative), grade: E.gradeText(p.data.grade, p.data.color) })
        .split("<br>").map(esc).join("<br>") },
      series: [{ type: "map", map: "china", roam: false, selectedMode: false, label: { show: false },
        itemStyle: { areaColor: "#f0f2f5", borderColor: "#ffffff", borderWidth: 0.8 }, data }],
    }, true);
  }

  function renderTable(rows, year) {
    $("progress-title").textContent = E.t("carbon.progress.title", { year });
    const tbody = $("carbon-progress").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of rows) {
      const tr = E.el("tr");
      tr.dataset.region = r.region_code;
      const cells = [regionCell(r), [wan(r.co2), "num"], [E.signedPct(r.co2_change_yoy), "num"],
        [E.fixed(r.gdp, 2), "num"], [E.fixed(r.intensity, 4), "num"], [E.pct(r.achieved_cumulative), "num"],
        [E.pct(r.required_cumulative), "num"], E.badge(r.grade, r.color || "grey")];
      cells.forEach((c, i) => {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = E.el("td", cls);
        if (i === 7) td.dataset.grade = r.grade === null || r.grade === undefined ? "" : String(r.grade);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    }
  }

  function render() {
    const year = Number($("c-year").value);
    const rows = rowsOf(year);
    for (const id of ["map-card", "progress-card", "findings-card"]) $(id).hidden = false;
    renderSentence(rows, year);
    renderMap(rows, year);
    renderTable(rows, year);
    renderFindings($("carbon-findings"), body.findings || [], E.t("pol.findings.none"));
    const q = new URLSearchParams({ lang: E.lang });
    for (const f of ["xlsx", "html", "pdf"]) $("report-" + f).href = "/api/carbon/report." + f + "?" + q;
    E.setQuery({ year: String(year) });
    E.showSyntheticBanner([], body.meta);
    document.body.dataset.ready = "1";
  }

  async function main() {
    $("c-year").addEventListener("change", render);
    if (E.chartsAvailable()) { try { mapNames = await E.registerChinaMap(); } catch (e) { mapNames = null; } }
    try {
      body = await E.api("/api/carbon/progress");
    } catch (e) {
      $("status").hidden = true;
      if (e.status === 404 || e.status === 409) showNoData(e); else E.showError(e.message);
      document.body.dataset.ready = "1";
      return;
    }
    const ys = years().map(String);
    const want = E.query("year");
    E.fillSelect($("c-year"), ys.map((y) => ({ value: y, label: y })), ys.includes(want) ? want : ys[ys.length - 1]);
    $("status").hidden = true;
    if (!ys.length) { showNoData({ findings: body.findings || [], message: E.t("carbon.nodata.title") }); document.body.dataset.ready = "1"; return; }
    render();
  }
  main();
})();
