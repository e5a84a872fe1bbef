/* Region page: for the period picked — the rules that governed it, target and electricity conversion, the barometer
   and the assessment in two labelled blocks, the findings; the series of its kind; the accounting figures; the
   regions within. Decimals: 10⁴ tce and 10⁸ CNY 2, intensity 4, % 2. */
"use strict";
(function () {
  const E = window.ECER;
  const $ = (id) => document.getElementById(id);
  const code = $("region-title").dataset.code;
  let rows = new Map(); // period → row of this region
  let planRows = []; // the rows of the plan years (the charts' series)
  let findings = [];
  let meta = { edition_by_period: {}, edition_names: {} };
  let picks = null;
  let yoyChart = null, progressChart = null;

  // [label key, column, unit]; a null column starts a section.
  const FIGURES = [
    ["ex.section.energy", null],
    ["ex.total_energy", "total_energy", "tce"],
    ["ex.feedstock_energy", "feedstock_energy", "tce"],
    ["ex.feedstock_deduction", "feedstock_deduction", "tce"],
    ["ex.separately_listed_energy", "separately_listed_energy", "tce"],
    ["ex.separately_listed_deduction", "separately_listed_deduction", "tce"],
    ["ex.renewable_electricity_tce", "renewable_electricity_tce", "tce"],
    ["ex.renewable_deduction_total", "renewable_deduction_total", "tce"],
    ["ex.nonfossil_deduction", "nonfossil_deduction", "tce"],
    ["ex.energy_for_intensity", "energy_for_intensity", "tce"],
    ["ex.energy_for_total", "energy_for_total", "tce"],
    ["ex.section.intensity", null],
    ["ex.gdp", "gdp", "yi"],
    ["ex.gdp_growth_yoy", "gdp_growth_yoy", "spct"],
    ["ex.intensity", "intensity", "int"],
    ["ex.intensity_prev", "intensity_prev", "int"],
    ["ex.intensity_base", "intensity_base", "int"],
    ["ex.intensity_change_yoy", "intensity_change_yoy", "spct"],
    ["ex.required_reduction_annual", "required_reduction_annual", "pct"],
    ["ex.intensity_reduction_cumulative", "intensity_reduction_cumulative", "pct"],
    ["ex.required_reduction_cumulative", "required_reduction_cumulative", "pct"],
    ["ex.progress_ratio", "progress_ratio", "pct"],
    ["ex.section.total", null],
    ["ex.energy_for_total_prev", "energy_for_total_prev", "tce"],
    ["ex.energy_growth_yoy", "energy_growth_yoy", "spct"],
    ["ex.allowed_energy_growth_plan", "allowed_energy_growth_plan", "spct"],
    ["ex.allowed_energy_growth", "allowed_energy_growth", "spct"],
    ["ex.allowed_growth_basis", "allowed_growth_basis", "basis"],
    ["ex.energy_allowed", "energy_allowed", "tce"],
  ];

  function status(text) { const s = $("status"); s.textContent = text || ""; s.hidden = !text; }
  function label(period) { return E.periodLabel(picks.info.get(period) || { period }); }

  function value(field, unit, r) {
    const x = r[field];
    if (x === null || x === undefined) return "—";
    if (unit === "tce") return E.wanTce(x);
    if (unit === "yi") return E.fixed(x, 2) + " " + E.t("unit.yi_cny");
    if (unit === "pct") return E.pct(x);
    if (unit === "spct") return E.signedPct(x);
    if (unit === "basis") {
      const [main, extra] = String(x).split("+gdp_above_plan");
      return E.t("growth_basis." + main) + (extra !== undefined ? E.t("growth_basis.above_plan") : "");
    }
    return E.intensity(x);
  }

  // Plan, rules, target (with its note), electricity basis and factor, data origin.
  function renderFacts(r) {
    const box = $("detail-facts");
    box.innerHTML = "";
    const add = (k, v, title) => {
      const dt = document.createElement("dt"); dt.textContent = k;
      const dd = document.createElement("dd"); dd.textContent = v;
      if (title) dd.title = title;
      box.append(dt, dd);
      return dd;
    };
    const info = picks.info.get(r.period) || {};
    // a base year belongs to the plan before; it is shown as the base year of the plan it starts (2020: 十四五)
    const plan = r.plan_status === "base_year" && info.base_of_plan
      ? E.t("plan." + info.base_of_plan) + " · " + E.t("grade.base_year") : (r.plan ? E.t("plan." + r.plan) : "—");
    add(E.t("region.plan"), plan);
    const names = meta.edition_names || {};
    const e = r.rule_edition, n = names[e];
    add(E.t("region.rules"), n ? (E.lang === "zh" ? n.zh : n.en) : (e || "—")).dataset.edition = e || "";
    let target = E.pct(r.five_year_target);
    if (r.incentive_target !== null && r.incentive_target !== undefined) {
      target += "（" + E.t("region.target.incentive", { value: E.pct(r.incentive_target) }) + "）";
    }
    if (r.target_status === "inherited") target += " · " + E.t("region.target.inherited");
    const dd = add(E.t("region.target"), target);
    if (r.target_source) {
      const src = document.createElement("span");
      src.className = "why source";
      src.textContent = r.target_source;
      dd.appendChild(src);
    }
    if (r.target_note) {
      const note = document.createElement("span");
      note.className = "why target-note";
      note.textContent = E.bilingual(r.target_note);
      note.title = r.target_note;
      dd.appendChild(note);
    }
    const basis = r.electricity_basis ? E.t("basis." + r.electricity_basis) : "—";
    const k = r.electricity_factor;
    const factor = k === null || k === undefined ? E.t("region.factor.none")
      : E.t("region.factor", { factor: E.fixed(k, 4), gce: E.fixed(k * 1000, 1) });
    const el = add(E.t("region.electricity"), basis + " · " + factor);
    if (r.electricity_factor_source) {
      const src = document.createElement("span");
      src.className = "why source";
      src.textContent = r.electricity_factor_source;
      el.appendChild(src);
    }
    const origin = r.data_origin ? E.t("origin." + r.data_origin) : "—";
    add(E.t("region.data_origin"), origin.startsWith("origin.") ? r.data_origin : origin);  // unknown: as given
  }

  function renderFigures(r) {
    const tbody = $("exclusions").querySelector("tbody");
    tbody.innerHTML = "";
    for (const [key, field, unit] of FIGURES) {
      const tr = document.createElement("tr");
      if (field === null) {
        const th = document.createElement("th"); th.colSpan = 2; th.className = "section"; th.textContent = E.t(key);
        tr.appendChild(th); tbody.appendChild(tr); continue;
      }
      if (!(field in r)) continue;
      const a = document.createElement("td"); a.textContent = E.t(key);
      const b = document.createElement("td"); b.textContent = value(field, unit, r); b.className = "num";
      tr.dataset.field = field;
      tr.append(a, b);
      tbody.appendChild(tr);
    }
  }

  function renderDetail() {
    const period = $("period").value;
    const r = rows.get(period);
    $("detail-title").textContent = E.t("region.detail", { period: label(period) });
    $("exclusions-title").textContent = E.t("region.figures", { period: label(period) });
    $("findings-title").textContent = E.t("region.findings", { period: label(period) });
    E.describeRules($("rules-note"), meta, [], $("edition").value);  // the period's edition is in the facts
    const blocks = $("blocks");
    blocks.innerHTML = "";
    if (!r) { $("detail-facts").innerHTML = ""; $("exclusions").querySelector("tbody").innerHTML = ""; return; }
    renderFacts(r);
    blocks.append(E.barometerBlock(r), E.assessmentBlock(r));
    renderFigures(r);
    const info = picks.info.get(period);
    E.renderFindings($("findings"), E.findingsFor(findings, code, period, info && info.plan_base_year),
      E.t("region.findings.none"));
  }

  function renderCharts() {
    if (!E.chartsAvailable()) return;
    const kind = E.periodKind($("period").value);
    const series = E.sortPeriods(planRows.filter((r) => E.periodKind(r.period) === kind).map((r) => r.period))
      .map((p) => rows.get(p));
    const x = series.map((r) => label(r.period));
    const p100 = (v) => (v === null || v === undefined ? null : +(v * 100).toFixed(2));
    const axis = { type: "value", axisLabel: { formatter: (v) => v + "%" } };
    const fmt = (v) => (v === null || v === undefined ? "—" : Number(v).toFixed(2) + "%");
    yoyChart = yoyChart || echarts.init($("yoy-chart"));
    yoyChart.setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      grid: { left: 50, right: 20, top: 20, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: x }, yAxis: axis,
      series: [{ type: "bar", name: E.t("col.intensity_change_yoy"),
        data: series.map((r) => ({ value: p100(r.intensity_change_yoy),
          itemStyle: { color: E.COLORS[E.grade(r, "intensity").cls] || E.COLORS.grey } })) }],
    }, true);
    progressChart = progressChart || echarts.init($("progress-chart"));
    progressChart.setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 40, containLabel: true },
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
    E.fillTable(tbody, kids, (r) => E.withLang("/region/" + r.region_code + "?" + E.ruleParams({ period, edition })));
    E.describeRules($("children-rules"), res.meta, [period], edition, true);
  }

  function addResult(res) {
    for (const r of (res.rows || []).filter((x) => x.region_code === code)) rows.set(r.period, r);
    const seen = new Set(findings.map((f) => JSON.stringify(f)));
    for (const f of res.findings || []) if (!seen.has(JSON.stringify(f))) findings.push(f);
    const m = res.meta || {};
    Object.assign(meta.edition_by_period, m.edition_by_period || {});
    Object.assign(meta.edition_names, m.edition_names || {});
    if (m.thresholds) meta.thresholds = m.thresholds;
  }

  // A base-year period is outside the plan years the page loads first: fetch it when picked.
  async function ensureRow(period) {
    if (!period || rows.has(period)) return;
    try {
      addResult(await E.api("/api/assessments?" + E.ruleParams({ region: code, period, edition: $("edition").value })));
    } catch (e) { E.showError(e.message); }
  }

  async function render() {
    E.setQuery({ period: $("period").value, edition: $("edition").value });
    await ensureRow($("period").value);
    renderDetail();
    renderCharts();
    renderChildren();
  }

  async function load(wantedPeriod) {
    status(E.t("status.loading"));
    const edition = $("edition").value;
    rows = new Map(); findings = []; meta = { edition_by_period: {}, edition_names: {} };
    try {
      const res = await E.api("/api/assessments?" + E.ruleParams({ region: code, edition }));
      addResult(res);
      E.showSyntheticBanner(res.rows, res.meta);
    } catch (e) {
      status(e.status === 404 ? E.t("region.unknown", { code }) : "");
      if (e.status !== 404) E.showError(e.message);
      return;
    }
    if (!rows.size) { status(E.t("region.unknown", { code })); return; }
    planRows = Array.from(rows.values());
    status("");
    const first = planRows[0];
    $("region-title").textContent = E.regionName(first) + " (" + code + ")";
    // the periods this region has, plus the plan's base-year periods of the same kinds (marked 基期年)
    const kinds = new Set(planRows.map((r) => E.periodKind(r.period)));
    const base = picks.periods.filter((p) => picks.info.get(p).base_year
      && kinds.has(E.periodKind(p)));
    const periods = Array.from(new Set([...rows.keys(), ...base]));
    const years = E.sortPeriods(planRows.map((r) => r.period).filter((p) => E.periodKind(p) === "Y"));
    const chosen = periods.includes(wantedPeriod) ? wantedPeriod
      : (years.length ? years[years.length - 1] : E.defaultPeriod(Array.from(rows.keys())));
    E.fillSelect($("period"), E.periodItems(periods, picks.info), chosen);
    await render();
  }

  async function start() {
    try {
      picks = await E.loadPickers(null, $("edition"));
    } catch (e) {
      status(e.status === 404 ? E.t("status.nodata") : "");
      if (e.status !== 404) E.showError(e.message);
      return;
    }
    $("period").addEventListener("change", render);
    $("edition").addEventListener("change", () => load($("period").value));
    E.initRecompute(() => load($("period").value));
    window.addEventListener("resize", () => { if (yoyChart) yoyChart.resize(); if (progressChart) progressChart.resize(); });
    await load(E.query("period"));
  }
  start();
})();
