/* Pollutant page: the chosen pollutant's barometer grades by province on the map (/api/pollutants/progress), the
   progress table by region with the key-project quotas, the reduction-measures table (/api/pollutants/measures)
   and every finding, message first. Every number comes from the API. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const KINDS = ["engineering", "structural", "management"];
  let mapNames = null, mapChart = null, body = null, measures = null;
  const esc = (x) => String(x).replace(/[<>&]/g, "");
  const wan = (t) => (t === null || t === undefined ? "—" : E.fixed(t / 1e4, 4));
  const t0 = (t) => E.num(t, 2);

  function polName(code) {
    const zh = { "COD": "化学需氧量", "NH3-N": "氨氮", "NOx": "氮氧化物", "VOCs": "挥发性有机物" }[code];
    const en = { "COD": "chemical oxygen demand", "NH3-N": "ammonia nitrogen", "NOx": "nitrogen oxides",
      "VOCs": "volatile organic compounds" }[code];
    if (!zh) return code;
    return E.lang === "zh" ? zh + "（" + code + "）" : en + " (" + code + ")";
  }
  function regionName(r) {
    const name = E.lang === "zh" ? (r.region_name_zh || r.region_name) : (r.region_name_en || r.region_name_zh || r.region_name);
    return name || r.region_code;
  }
  function regionCell(r) {
    const span = E.el("span", "region");
    span.appendChild(E.el("span", "region-name", regionName(r)));
    span.appendChild(E.el("code", "code-small", r.region_code));
    return span;
  }
  // message first, the code small after it, then the fix (as the project pages show findings)
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
    for (const id of ["map-card", "progress-card", "measures-card", "findings-card"]) $(id).hidden = true;
  }

  function fillPickers() {
    const pols = [...new Set(body.rows.map((r) => r.pollutant))];
    const order = ["COD", "NH3-N", "NOx", "VOCs"];
    pols.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
    const want = E.query("pollutant");
    E.fillSelect($("p-pollutant"), pols.map((p) => ({ value: p, label: polName(p) })), pols.includes(want) ? want : pols[0]);
    const years = (body.years || [body.as_of_year]).map(String);
    E.fillSelect($("p-year"), years.map((y) => ({ value: y, label: y })), String(body.as_of_year));
  }

  function rowsOf(pollutant) {
    return body.rows.filter((r) => r.pollutant === pollutant).sort((a, b) => a.region_code.localeCompare(b.region_code));
  }

  function renderSentence(rows, pollutant) {
    const n = { red: 0, yellow: 0, green: 0, grey: 0 };
    for (const r of rows) n[r.percent_color && n[r.percent_color] !== undefined ? r.percent_color : "grey"] += 1;
    $("pol-sentence").textContent = E.t("pol.sentence", { year: body.as_of_year, n: rows.length,
      pollutant: polName(pollutant), red: n.red, yellow: n.yellow, green: n.green, grey: n.grey });
  }

  function renderMap(rows, pollutant) {
    $("map-title").textContent = E.t("pol.map.title", { year: body.as_of_year, pollutant: polName(pollutant) });
    const provinces = rows.filter((r) => /^\d{2}0000$/.test(r.region_code) && r.region_code !== "100000");
    $("map-note").hidden = provinces.length === rows.filter((r) => r.region_code !== "100000").length;
    if (!E.chartsAvailable() || !mapNames) return;
    mapChart = mapChart || echarts.init($("map"), null, { renderer: "svg" });
    window.ECER_POL_MAP = mapChart;
    const data = provinces.filter((r) => mapNames[r.region_code]).map((r) => ({
      name: mapNames[r.region_code], code: r.region_code, grade: r.percent_grade, color: r.percent_color || "grey",
      row: r, itemStyle: { areaColor: E.COLORS[r.percent_color] || E.COLORS.grey },
      // hover keeps the grade's colour, outlined dark (as the overview map)
      emphasis: { label: { show: false },  // the map's own names are Chinese: the tooltip names the region
        itemStyle: { areaColor: E.COLORS[r.percent_color] || E.COLORS.grey, borderColor: "#1f2933", borderWidth: 2 } } }));
    mapChart.setOption({
      animation: false,
      // the string's <br> are the only markup: each line is escaped on its own
      tooltip: { trigger: "item", confine: true, formatter: (p) => !p.data ? esc(p.name) : E.t("pol.map.tip", {
        region: regionName(p.data.row), year: p.data.row.year, emissions: wan(p.data.row.emissions),
        base: wan(p.data.row.base_emissions), cumulative: E.pct(p.data.row.reduction_cumulative),
        required: E.pct(p.data.row.required_cumulative), grade: E.gradeText(p.data.grade, p.data.color) })
        .split("<br>").map(esc).join("<br>") },
      series: [{ type: "map", map: "china", roam: false, selectedMode: false, label: { show: false },
        itemStyle: { areaColor: "#f0f2f5", borderColor: "#ffffff", borderWidth: 0.8 }, data }],
    }, true);
  }

  function renderProgress(rows, pollutant) {
    $("progress-title").textContent = E.t("pol.progress.title", { year: body.as_of_year, pollutant: polName(pollutant) });
    const tbody = $("pol-progress").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of rows) {
      const tr = E.el("tr");
      tr.dataset.region = r.region_code;
      const hasQuota = r.assigned !== null && r.assigned !== undefined;
      const cells = [regionCell(r), [wan(r.base_emissions), "num"], [wan(r.emissions), "num"],
        [t0(r.base_emissions - r.emissions), "num"], [E.pct(r.reduction_cumulative), "num"],
        [E.pct(r.required_cumulative), "num"], [E.signedPct(r.change_yoy), "num"],
        E.badge(r.percent_grade, r.percent_color || "grey"),
        [hasQuota ? t0(r.assigned) : "—", "num"], [hasQuota ? t0(r.achieved_cumulative) : "—", "num"],
        hasQuota ? E.badge(r.quantity_grade, r.quantity_color || "grey") : "—"];
      cells.forEach((c, i) => {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = E.el("td", cls);
        if (i === 7) td.dataset.grade = r.percent_grade === null || r.percent_grade === undefined ? "" : String(r.percent_grade);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    }
  }

  function renderMeasures(pollutant) {
    const year = body.as_of_year;
    const shown = (measures ? measures.rows : []).filter((m) => m.pollutant === pollutant && m.year <= year);
    $("measures-title").textContent = E.t("pol.measures.title", { year, pollutant: polName(pollutant) });
    // the sums are what the ledger counts (by_kind): a measure in or before its base year is listed, not counted
    const sums = { engineering: 0, structural: 0, management: 0 };
    for (const k of (measures ? measures.by_kind || [] : []).filter((r) => r.pollutant === pollutant && r.year <= year)) {
      for (const kind of KINDS) sums[kind] += k["reduction_" + kind] || 0;
    }
    const total = KINDS.reduce((a, k) => a + sums[k], 0);
    const baseYear = new Map(body.rows.map((r) => [r.region_code + "|" + r.pollutant, r.base_year]));
    $("kinds-sentence").textContent = E.t("pol.kinds", { pollutant: polName(pollutant), year, total: t0(total),
      engineering: t0(sums.engineering), structural: t0(sums.structural), management: t0(sums.management) });
    $("kinds-sentence").dataset.total = String(total);
    const tbody = $("pol-measures").querySelector("tbody");
    tbody.innerHTML = "";
    if (!shown.length) {
      const tr = E.el("tr"); const td = E.el("td", "empty", E.t("pol.none")); td.colSpan = 6; tr.appendChild(td); tbody.appendChild(tr);
    }
    for (const m of shown) {
      const tr = E.el("tr");
      tr.dataset.id = m.measure_id;
      const by = baseYear.get(m.region_code + "|" + m.pollutant);
      const counted = by !== undefined && m.year > by;
      if (!counted) tr.className = "not-counted";
      const cells = [regionCell(m), String(m.year), m.measure_id, E.t("pol.method." + m.method),
        E.t("pol.kind." + m.kind), [t0(m.reduction) + (counted ? "" : " " + E.t("pol.not_counted", { year: by })), "num"]];
      for (const c of cells) {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = E.el("td", cls);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  function renderAllFindings() {
    const seen = new Set(), all = [];
    for (const f of [...(body.findings || []), ...((measures && measures.findings) || [])]) {
      const k = f.code + "|" + f.message_zh;
      if (!seen.has(k)) { seen.add(k); all.push(f); }
    }
    $("findings-card").hidden = false;
    renderFindings($("pol-findings"), all, E.t("pol.findings.none"));
  }

  function setReportLinks(pollutant) {
    const q = new URLSearchParams({ as_of_year: String(body.as_of_year), lang: E.lang });
    for (const f of ["xlsx", "html", "pdf"]) $("report-" + f).href = "/api/pollutants/report." + f + "?" + q;
    E.setQuery({ pollutant, as_of_year: String(body.as_of_year) });
  }

  function render() {
    const pollutant = $("p-pollutant").value;
    const rows = rowsOf(pollutant);
    for (const id of ["map-card", "progress-card", "measures-card"]) $(id).hidden = false;
    renderSentence(rows, pollutant);
    renderMap(rows, pollutant);
    renderProgress(rows, pollutant);
    renderMeasures(pollutant);
    renderAllFindings();
    setReportLinks(pollutant);
    E.showSyntheticBanner(measures ? measures.rows : [], body.meta);
    document.body.dataset.ready = "1";
  }

  async function load(year) {
    $("status").hidden = false;
    $("page-error").hidden = true;
    $("nodata-card").hidden = true;
    const q = new URLSearchParams(year ? { as_of_year: year } : {});
    try {
      [body, measures] = await Promise.all([E.api("/api/pollutants/progress?" + q),
        E.api("/api/pollutants/measures").catch((e) => ({ rows: [], findings: e.findings || [] }))]);
    } catch (e) {
      $("status").hidden = true;
      if (e.status === 404 || e.status === 409) showNoData(e); else E.showError(e.message);
      document.body.dataset.ready = "1";
      return;
    }
    fillPickers();
    render();
    $("status").hidden = true;
  }

  async function main() {
    $("p-pollutant").addEventListener("change", render);
    $("p-year").addEventListener("change", () => load($("p-year").value));
    if (E.chartsAvailable()) { try { mapNames = await E.registerChinaMap(); } catch (e) { mapNames = null; } }
    await load(E.query("as_of_year"));
  }
  main();
})();
