/* Benchmarking page: one field's units sorted by unit-product energy with the benchmark and baseline levels as two
   labelled markLines, the capacity shares (at benchmark vs the 30 % goal; below baseline with its deadline) from
   /api/benchmark/shares, and the share at benchmark per province on the map. Every number comes from the API. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const CLASS_COLORS = { benchmark: "#2e9d57", between: "#f2b705", below_baseline: "#d9363e" };
  let rows = [], edition = null, chart = null, mapChart = null, mapNames = null;

  const key = (r) => r.field + "|" + r.sub_category;
  const classText = (c) => E.t("bench.class." + (CLASS_COLORS[c] ? c : "none"));
  const esc = (x) => String(x).replace(/[<>&]/g, "");

  function showGap(err) {
    $("gap-card").hidden = false;
    $("gap-text").textContent = E.t("bench.gap.text", { edition });
    E.renderFindings($("gap-findings"), (err.findings || []).filter((f) => f.code !== "E_NO_DATA"), err.message);
    for (const id of ["dist-card", "map-card", "units-card"]) $(id).hidden = true;
  }

  function fillPickers() {
    const fields = [...new Map(rows.map((r) => [key(r), r])).values()].sort((a, b) => key(a).localeCompare(key(b)));
    const f = $("b-field");
    E.fillSelect(f, fields.map((r) => ({ value: key(r), label: r.field + " / " + r.sub_category })),
      fields.some((r) => key(r) === E.query("field")) ? E.query("field") : (fields[0] ? key(fields[0]) : ""));
    fillYears();
  }
  function fillYears() {
    const years = [...new Set(rows.filter((r) => key(r) === $("b-field").value).map((r) => String(r.year)))].sort();
    const want = E.query("year");
    E.fillSelect($("b-year"), years.map((y) => ({ value: y, label: y })),
      years.includes(want) ? want : years[years.length - 1]);
  }

  function renderChart(shown) {
    const first = shown[0];
    $("dist-title").textContent = E.t("bench.dist.title", { year: first.year, field: first.field + " / " + first.sub_category, edition });
    $("levels-note").textContent = E.t("bench.levels", { indicator: first.indicator, unit: first.unit,
      direction: E.t("bench.dir." + first.direction), standard: first.reference_standard || "—" });
    if (!E.chartsAvailable()) return;
    chart = chart || echarts.init($("dist-chart"), null, { renderer: "svg" });
    window.ECER_BENCH_CHART = chart;
    const better = first.direction === "higher_is_better" ? -1 : 1;
    const sorted = shown.slice().sort((a, b) => better * (a.unit_energy - b.unit_energy));
    // the axis spans the units and both levels with a margin (negative indicators included), on round numbers
    const vals = sorted.map((r) => r.unit_energy).concat([first.benchmark_value, first.baseline_value]);
    const lo = Math.min(...vals), hi = Math.max(...vals), pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.1 || 1;
    const step = Math.pow(10, Math.floor(Math.log10(pad)));
    const axis = { min: Math.floor((lo - pad) / step) * step, max: Math.ceil((hi + pad) / step) * step };
    const level = (v, k) => ({
      name: k, yAxis: v,
      label: { formatter: E.t("bench.line." + k, { value: E.num(v) + " " + first.unit }), position: "end",
        color: k === "benchmark" ? CLASS_COLORS.benchmark : CLASS_COLORS.below_baseline, fontWeight: "bold" },
      lineStyle: { color: k === "benchmark" ? CLASS_COLORS.benchmark : CLASS_COLORS.below_baseline, type: "dashed", width: 2 },
    });
    chart.setOption({
      animation: false,
      grid: { left: 70, right: 150, top: 30, bottom: 50 },
      tooltip: { trigger: "item", formatter: (p) => esc(p.data.unit_id) + "<br>" + esc(E.num(p.data.value) + " " + first.unit)
        + "<br>" + esc(classText(p.data.level_class)) + "<br>" + esc(E.num(p.data.capacity) + " " + (p.data.capacity_unit || "")) },
      xAxis: { type: "category", name: E.t("bench.axis.units"), nameLocation: "middle", nameGap: 30,
        data: sorted.map((r) => r.unit_id), axisLabel: { show: sorted.length <= 40 } },
      yAxis: { type: "value", name: first.unit, min: axis.min, max: axis.max },
      series: [{
        type: "bar", name: first.indicator,
        data: sorted.map((r) => ({ value: r.unit_energy, unit_id: r.unit_id, level_class: r.level_class, capacity: r.capacity,
          capacity_unit: r.capacity_unit, itemStyle: { color: CLASS_COLORS[r.level_class] || "#c8c8c8" } })),
        markLine: { symbol: "none", silent: true,
          data: [level(first.benchmark_value, "benchmark"), level(first.baseline_value, "baseline")] },
      }],
    }, true);
    chart.off("click");
    chart.on("click", (p) => { if (p.data && p.data.unit_id) location.assign(unitHref(p.data.unit_id)); });
  }

  function unitHref(id) {
    return E.withLang("/benchmark/units/" + encodeURIComponent(id) + "?edition=" + encodeURIComponent(edition));
  }

  // the region's name in the page language (the API joins the catalog's names), its code small beside it
  function regionCell(r) {
    const name = E.lang === "zh" ? r.region_name_zh : (r.region_name_en || r.region_name_zh);
    const span = E.el("span", "region");
    span.appendChild(E.el("span", "region-name", name || r.region));
    if (name) span.appendChild(E.el("code", "code-small", r.region));
    return span;
  }

  function renderTable(shown) {
    const tbody = $("bench-units").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of shown) {
      const tr = document.createElement("tr");
      tr.dataset.id = r.unit_id;
      const link = E.el("a", "", r.unit_id);
      link.href = unitHref(r.unit_id);
      const cells = [link, regionCell(r), [E.num(r.capacity) + " " + (r.capacity_unit || ""), "num"],
        [E.num(r.unit_energy) + " " + r.unit, "num"], E.el("span", "class-" + r.level_class, classText(r.level_class)),
        [E.num(r.saving_to_benchmark_tce, 0), "num"]];
      for (const c of cells) {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = E.el("td", cls);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  // Sum the API's share rows (by region) per capacity unit: the field's national capacity shares.
  function sums(list) {
    const by = new Map();
    for (const s of list) {
      const a = by.get(s.capacity_unit) || { cu: s.capacity_unit, at: 0, total: 0, below: 0, deadline: s.deadline, goal: s.goal_pct };
      a.at += s.capacity_at_benchmark; a.total += s.capacity_classified; a.below += s.capacity_below_baseline;
      by.set(s.capacity_unit, a);
    }
    return [...by.values()];
  }

  async function renderShares(field, year) {
    const p = new URLSearchParams({ edition, field, year });
    const [shares, lists] = await Promise.all([E.api("/api/benchmark/shares?" + p), E.api("/api/benchmark/lists?" + p)]);
    const notup = new Map();
    for (const b of lists.below_baseline) notup.set(b.capacity_unit, (notup.get(b.capacity_unit) || 0) + b.capacity_not_upgradable);
    const total = sums(shares.rows);
    const scope = E.t("bench.share.scope", { year, field });
    $("map-title").textContent = E.t("bench.map.title", { year, field });
    $("share-benchmark").textContent = scope + total.map((a) => E.t("bench.share.benchmark", { at: E.num(a.at), total: E.num(a.total),
      cu: a.cu, share: E.pct(a.total ? a.at / a.total : null), goal: a.goal, verdict: E.t(a.total && 100 * a.at / a.total > a.goal ? "bench.share.meets" : "bench.share.misses") })).join(" ");
    $("share-baseline").textContent = total.map((a) => E.t("bench.share.baseline", { below: E.num(a.below), cu: a.cu,
      share: E.pct(a.total ? a.below / a.total : null), deadline: a.deadline, notup: E.num(notup.get(a.cu) || 0) })).join(" ");
    $("share-benchmark").dataset.share = total.length ? String(total[0].total ? total[0].at / total[0].total : "") : "";
    renderMap(shares.rows);
  }

  function renderMap(shareRows) {
    $("map-card").hidden = false;
    if (!E.chartsAvailable() || !mapNames) return;
    const byProv = new Map();
    for (const s of shareRows) {
      const code = String(s.region).slice(0, 2) + "0000";
      const a = byProv.get(code) || { code, at: 0, total: 0, cu: s.capacity_unit };
      if (a.cu !== s.capacity_unit) continue;  // one capacity unit per province (the first met)
      a.at += s.capacity_at_benchmark; a.total += s.capacity_classified;
      byProv.set(code, a);
    }
    const data = [...byProv.values()].filter((a) => mapNames[a.code]).map((a) => ({
      name: mapNames[a.code], code: a.code, value: a.total ? 100 * a.at / a.total : null, at: a.at, total: a.total, cu: a.cu }));
    mapChart = mapChart || echarts.init($("map"), null, { renderer: "svg" });
    window.ECER_BENCH_MAP = mapChart;
    mapChart.setOption({
      tooltip: { trigger: "item", formatter: (p) => !p.data ? esc(p.name) : esc(p.name) + "<br>"
        + esc(E.t("bench.map.tip", { at: E.num(p.data.at), total: E.num(p.data.total), cu: p.data.cu, share: E.pct(p.data.value / 100) })) },
      visualMap: { min: 0, max: 100, text: ["100%", "0%"], calculable: false, left: 10, bottom: 10,
        inRange: { color: ["#fbe3d6", "#8fd19e", "#1e7b3d"] } },
      series: [{ type: "map", map: "china", roam: false, selectedMode: false, label: { show: false },
        itemStyle: { areaColor: E.COLORS.grey, borderColor: "#ffffff", borderWidth: 0.8 }, data }],
    }, true);
  }

  async function render() {
    const [field, sub] = ($("b-field").value || "|").split("|");
    const year = $("b-year").value;
    E.setQuery({ edition, field: $("b-field").value, year });
    const shown = rows.filter((r) => r.field === field && r.sub_category === sub && String(r.year) === year);
    for (const id of ["dist-card", "units-card"]) $(id).hidden = !shown.length;
    if (!shown.length) return;
    renderChart(shown);
    renderTable(shown);
    try { await renderShares(field, year); } catch (e) { E.showError(e.message); }
  }

  async function load() {
    $("status").hidden = false;
    $("gap-card").hidden = true;
    $("page-error").hidden = true;
    E.setQuery({ edition });
    try {
      const body = await E.api("/api/benchmark/units?" + new URLSearchParams({ edition }));
      rows = body.rows;
    } catch (e) {
      rows = [];
      if (e.status === 404 && (e.findings || []).some((f) => f.code === "W_BENCHMARK_NO_LEVEL")) showGap(e);
      else E.showError(e.message);
      $("status").hidden = true;
      return;
    }
    fillPickers();
    await render();
    $("status").hidden = true;
  }

  async function main() {
    const sel = $("b-edition");
    const eds = [...sel.options].map((o) => o.value);
    edition = eds.includes(E.query("edition")) ? E.query("edition") : eds[eds.length - 1];
    sel.value = edition;
    sel.addEventListener("change", () => { edition = sel.value; E.setQuery({ field: "", year: "" }); load(); });
    $("b-field").addEventListener("change", () => { fillYears(); render(); });
    $("b-year").addEventListener("change", render);
    if (E.chartsAvailable()) { try { mapNames = await E.registerChinaMap(); } catch (e) { mapNames = null; } }
    await load();
  }
  main();
})();
