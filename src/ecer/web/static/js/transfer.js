/* Transfer page: the transfer-index ranking (/api/transfer/ranking) as a bar chart of the closeness, the radar of
   the chosen region's indicator scores against the mean of all regions, the weights table. Every number comes from
   the API. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  let body = null, bar = null, radar = null;
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function name(r) { return (E.lang === "zh" ? r.name_zh : null) || r.name_zh || r.region_code; }

  function renderRank() {
    const rows = body.ranking;
    $("rank-title").textContent = E.t("tr.rank.title", { year: body.year });
    const top = rows[0];
    $("tr-sentence").textContent = E.t("tr.sentence", { n: rows.length, k: body.weights.length, year: body.year,
      first: name(top), c: E.fixed(top.closeness, 4) });
    if (!E.chartsAvailable()) return;
    // one readable row per region (31 provinces need ~700 px; the default chart height would drop every other label)
    $("rank-chart").style.height = Math.max(300, 22 * rows.length + 40) + "px";
    if (bar) bar.resize();
    bar = bar || echarts.init($("rank-chart"), null, { renderer: "svg" });
    window.ECER_TR_BAR = bar;
    const shown = rows.slice().reverse();
    bar.setOption({
      grid: { left: 110, right: 60, top: 10, bottom: 30 },
      xAxis: { type: "value", min: 0, max: 1 },
      yAxis: { type: "category", data: shown.map(name), axisLabel: { interval: 0 } },
      tooltip: { trigger: "axis" },
      series: [{ type: "bar", data: shown.map((r) => ({ value: r.closeness, code: r.region_code })),
        label: { show: true, position: "right", formatter: (p) => E.fixed(p.value, 4) } }],
    }, true);
    bar.off("click");
    bar.on("click", (p) => { if (p.data && p.data.code) { $("t-region").value = p.data.code; renderRadar(); } });
  }

  function renderRadar() {
    const code = $("t-region").value;
    const r = body.ranking.find((x) => x.region_code === code) || body.ranking[0];
    $("radar-title").textContent = E.t("tr.radar.title", { region: name(r) });
    E.setQuery({ region: r.region_code, normalisation: $("t-norm").value });
    if (!E.chartsAvailable()) return;
    radar = radar || echarts.init($("radar-chart"), null, { renderer: "svg" });
    window.ECER_TR_RADAR = radar;
    const ind = body.radar.indicators.map((n) => ({ name: n, max: 1 }));
    radar.setOption({
      legend: { data: [name(r), E.t("tr.radar.mean")] },
      radar: { indicator: ind },
      series: [{ type: "radar", data: [
        { name: name(r), value: body.radar.regions[r.region_code], areaStyle: { opacity: 0.3 } },
        { name: E.t("tr.radar.mean"), value: body.radar.mean, lineStyle: { type: "dashed" } }] }],
    }, true);
  }

  function renderWeights() {
    const tbody = $("tr-weights").querySelector("tbody");
    tbody.innerHTML = "";
    for (const w of body.weights) {
      const tr = document.createElement("tr");
      tr.dataset.code = w.indicator_code;
      const cells = [(w.name_zh || w.indicator_code) + " (" + w.indicator_code + ")", w.unit || "—",
        E.t("tr.dir." + w.direction), [E.pct(w.weight, 1), "num"]];
      for (const c of cells) {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = el("td", cls, v);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  async function load() {
    $("status").hidden = false;
    $("page-error").hidden = true;
    $("nodata-card").hidden = true;
    const norm = $("t-norm").value;
    try {
      body = await E.api("/api/transfer/ranking?" + new URLSearchParams({ normalisation: norm }));
    } catch (e) {
      $("status").hidden = true;
      if (e.status === 404) {
        $("nodata-card").hidden = false;
        const ul = $("nodata-findings");
        ul.innerHTML = "";
        for (const f of e.findings || []) ul.appendChild(el("li", "finding level-" + f.level,
          E.lang === "zh" ? f.message_zh : f.message_en));
        for (const id of ["rank-card", "radar-card", "weights-card"]) $(id).hidden = true;
      } else E.showError(e.message);
      document.body.dataset.ready = "1";
      return;
    }
    for (const id of ["rank-card", "radar-card", "weights-card"]) $(id).hidden = false;
    const want = $("t-region").value || E.query("region");
    E.fillSelect($("t-region"), body.ranking.map((r) => ({ value: r.region_code, label: r.rank + ". " + name(r) })),
      body.ranking.some((r) => r.region_code === want) ? want : body.ranking[0].region_code);
    renderRank();
    renderRadar();
    renderWeights();
    const q = new URLSearchParams({ normalisation: norm });
    for (const f of ["xlsx", "html"]) $("report-" + f).href = "/api/transfer/report." + f + "?" + q;
    E.showSyntheticBanner([], { data_origin: body.data_origin });
    $("status").hidden = true;
    document.body.dataset.ready = "1";
  }

  function main() {
    const n = E.query("normalisation");
    if (n === "vector" || n === "minmax") $("t-norm").value = n;
    $("t-norm").addEventListener("change", load);
    $("t-region").addEventListener("change", renderRadar);
    load();
  }
  main();
})();
