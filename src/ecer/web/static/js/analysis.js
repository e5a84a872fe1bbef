/* Analysis page: the LMDI waterfall of a region's energy (or intensity, or CO2) change (/api/analysis/lmdi; an
   ECharts stacked bar whose base series is transparent; the structure effect is a bar when the store has the
   region's sector rows, and the line under the chart says which data were used) and the allocation of the national intensity target on the map and in a table
   (/api/analysis/allocation). Every number comes from the API. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  let mapNames = null, fall = null, map = null;
  const esc = (x) => String(x).replace(/[<>&]/g, "");
  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function showFindings(list, err) {
    list.innerHTML = "";
    list.hidden = false;
    const findings = err.findings || [];
    if (!findings.length) { list.appendChild(el("li", "finding level-error", err.message)); return; }
    for (const f of findings) {
      const li = el("li", "finding level-" + f.level);
      li.dataset.code = f.code;
      li.appendChild(el("span", "msg", E.lang === "zh" ? f.message_zh : f.message_en));
      li.appendChild(el("code", "code-small", f.code));
      const fix = E.lang === "zh" ? f.fix_zh : f.fix_en;
      if (fix) li.appendChild(el("div", "fix", E.t("find.fix_label") + fix));
      list.appendChild(li);
    }
  }

  function label(r) { return E.lang === "zh" ? r.label_zh : r.label_en; }

  async function runLmdi() {
    const q = new URLSearchParams({ region_code: $("a-region").value.trim(), start: $("a-start").value,
      end: $("a-end").value, model: $("a-model").value, identity: $("a-identity").value });
    $("lmdi-findings").hidden = true;
    let d;
    try { d = await E.api("/api/analysis/lmdi?" + q); } catch (e) {
      showFindings($("lmdi-findings"), e);
      $("lmdi-sentence").textContent = ""; $("lmdi-check").textContent = ""; $("lmdi-data").textContent = "";
      if (fall) fall.clear();
      return;
    }
    const change = d.vt - d.v0, unit = d.unit;
    const dg = Math.abs(d.v0) < 10 ? 4 : 0;  // an intensity (tce per 10^4 CNY) needs its decimals
    $("lmdi-sentence").textContent = E.t("an.lmdi.sentence", { subject: E.lang === "zh" ? d.subject : d.subject_en,
      what: E.lang === "zh" ? d.identity_zh : d.identity_en, unit,
      start: d.start, end: d.end, v0: E.num(d.v0, dg), vt: E.num(d.vt, dg), change: E.num(change, dg),
      rate: E.pct(d.v0 ? change / d.v0 : 0, 2) }) + " " + d.effects.map((e) => label(e) + " " + E.num(e.value, dg)
      + " " + unit).join(E.lang === "zh" ? "；" : "; ") + (E.lang === "zh" ? "。" : ".");
    $("lmdi-check").textContent = (E.lang === "zh" ? d.check.text_zh + "；" + d.basis_zh : d.check.text_en + "; "
      + d.basis_en);
    $("lmdi-data").textContent = E.t("an.lmdi.data", { data: E.lang === "zh" ? d.data_zh : d.data_en });
    if (!E.chartsAvailable()) return;
    fall = fall || echarts.init($("waterfall"), null, { renderer: "svg" });
    window.ECER_WATERFALL = fall;
    const rows = d.waterfall;
    const colors = { total: "#5B7DB1", up: "#C0504D", down: "#4F9D69" };
    fall.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: (ps) => {
        const p = ps.find((x) => x.seriesIndex === 1); if (!p) return "";
        const r = rows[p.dataIndex]; return esc(label(r)) + ": " + esc(E.num(r.value, dg)) + " " + esc(unit); } },
      grid: { left: 80, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", data: rows.map(label) },
      yAxis: { type: "value", name: unit, scale: true },
      series: [
        { name: "base", type: "bar", stack: "w", silent: true, itemStyle: { color: "transparent" },
          data: rows.map((r) => (r.kind === "total" ? 0 : r.base)) },
        { name: "value", type: "bar", stack: "w",
          label: { show: true, position: "top", formatter: (p) => E.num(rows[p.dataIndex].value, dg) },
          data: rows.map((r) => ({ value: r.kind === "total" ? r.value : Math.abs(r.value),
            itemStyle: { color: colors[r.kind] } })) },
      ],
    }, true);
  }

  async function runAllocation() {
    const q = new URLSearchParams({ target: $("a-target").value, method: $("a-method").value });
    $("alloc-findings").hidden = true;
    const tbody = $("alloc-table").querySelector("tbody");
    let d;
    try { d = await E.api("/api/analysis/allocation?" + q); } catch (e) {
      showFindings($("alloc-findings"), e); tbody.innerHTML = ""; $("alloc-sentence").textContent = "";
      return;
    }
    $("alloc-sentence").textContent = E.t("an.alloc.sentence", { method: E.lang === "zh" ? d.method_zh : d.method_en,
      target: E.pct(d.national_target, 2), n: d.regions.length, aggregate: E.pct(d.aggregate_basic, 2),
      incentive: E.pct(d.aggregate_incentive, 2) });
    tbody.innerHTML = "";
    for (const r of d.regions) {
      const tr = document.createElement("tr");
      tr.dataset.region = r.region_code;
      tr.appendChild(el("td", "", (r.name_zh || r.region_code) + " " + r.region_code));
      tr.appendChild(el("td", "num", E.num(r.energy_0, 0)));
      tr.appendChild(el("td", "num", E.pct(r.basic_target, 2)));
      tr.appendChild(el("td", "num", E.pct(r.incentive_target, 2)));
      tr.appendChild(el("td", "", E.lang === "zh" ? r.reason_zh : r.reason_en));
      tbody.appendChild(tr);
    }
    if (!E.chartsAvailable() || !mapNames) return;
    map = map || echarts.init($("alloc-map"), null, { renderer: "svg" });
    window.ECER_ALLOC_MAP = map;
    const vals = d.regions.map((r) => r.basic_target);
    const data = d.regions.filter((r) => mapNames[r.region_code]).map((r) => ({ name: mapNames[r.region_code],
      code: r.region_code, value: r.basic_target }));
    map.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: (p) => !p.data ? esc(p.name) : esc(p.name) + ": " + E.pct(p.data.value, 2) },
      visualMap: { min: Math.min(...vals), max: Math.max(...vals) + 1e-9, calculable: false, left: 10, bottom: 10,
        inRange: { color: ["#deebf7", "#08519c"] }, formatter: (v) => E.pct(v, 1) },
      series: [{ type: "map", map: "china", roam: false, selectedMode: false, label: { show: false }, data }],
    }, true);
  }

  async function main() {
    $("a-run").addEventListener("click", runLmdi);
    $("a-allocate").addEventListener("click", runAllocation);
    for (const k of ["region", "start", "end", "identity"]) { const v = E.query(k); if (v) $("a-" + k).value = v; }
    if (E.chartsAvailable()) { try { mapNames = await E.registerChinaMap(); } catch (e) { mapNames = null; } }
    await Promise.all([runLmdi(), runAllocation()]);
    document.body.dataset.ready = "1";
  }
  main();
})();
