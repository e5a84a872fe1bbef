/* One production unit: its values by year under the chosen edition (class, gaps, savings in tce), the retrofit
   techniques of its guide (发改产业〔2022〕200号) and every finding of the run that names it. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const unitId = $("unit-title").dataset.unit;
  const gap = (v, pctv, unit) => (v === null || v === undefined ? "—" : E.num(v) + " " + unit + " (" + E.num(pctv) + "%)");
  // a finding names the unit when its id appears as a whole token (D1 is not named by "D10")
  const idRe = new RegExp("(^|[^A-Za-z0-9_-])" + unitId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "($|[^A-Za-z0-9_-])");
  const names = (f) => idRe.test(JSON.stringify(f));

  function renderYears(mine) {
    const tbody = $("unit-years").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of mine.slice().sort((a, b) => a.year - b.year)) {
      const tr = document.createElement("tr");
      tr.dataset.year = String(r.year);
      tr.dataset.class = r.level_class || "";
      const cls = ["benchmark", "between", "below_baseline"].includes(r.level_class) ? r.level_class : "none";
      for (const [v, c] of [[String(r.year), ""], [E.num(r.unit_energy) + " " + r.unit, "num"], [E.t("bench.class." + cls), "class-" + cls],
        [gap(r.gap_to_benchmark, r.gap_to_benchmark_pct, r.unit), "num"], [gap(r.gap_to_baseline, r.gap_to_baseline_pct, r.unit), "num"],
        [E.num(r.saving_to_benchmark_tce, 1), "num"], [E.num(r.saving_to_baseline_tce, 1), "num"]]) {
        tr.appendChild(E.el("td", c, v));
      }
      tbody.appendChild(tr);
    }
  }

  async function renderTech(r, edition) {
    const list = $("tech");
    list.innerHTML = "";
    let techs = [], source = "";
    const lists = await E.api("/api/benchmark/lists?" + new URLSearchParams({ edition, field: r.field }));
    const mine = lists.retrofit.find((x) => x.unit_id === unitId && x.technology_paths);
    if (mine) {
      techs = mine.technology_paths.split("；");
      source = E.t("bench.tech.source", { annex: mine.guide_annex, sector: r.field });
    } else {
      const cat = await E.api("/api/catalog/retrofit_technologies_2022");
      const rowsT = cat.rows.filter((x) => x.sector === r.field || String(x.sector).includes(r.field));
      techs = rowsT.map((x) => (E.lang === "zh" ? x.technology_cn : x.technology_en || x.technology_cn));
      if (rowsT.length) source = E.t("bench.tech.source", { annex: rowsT[0].annex_no, sector: rowsT[0].sector });
    }
    $("tech-card").hidden = false;
    $("tech-source").textContent = source;
    if (!techs.length) { list.appendChild(E.el("li", "empty", E.t("bench.tech.none"))); return; }
    for (const x of techs) list.appendChild(E.el("li", "tech", x));
  }

  async function load(edition) {
    $("status").hidden = false;
    $("page-error").hidden = true;
    E.setQuery({ edition });
    let body, findings;
    try {
      body = await E.api("/api/benchmark/units?" + new URLSearchParams({ edition }));
      findings = body.findings;
    } catch (e) {
      body = null;
      findings = e.findings || [];
      if (!findings.some(names)) E.showError(e.message);
    }
    const mine = body ? body.rows.filter((r) => r.unit_id === unitId) : [];
    $("unit-card").hidden = !mine.length;
    $("tech-card").hidden = true;
    if (mine.length) {
      const r = mine[mine.length - 1];
      $("unit-facts").textContent = E.t("bench.unit.facts", { enterprise: r.enterprise, region: r.region, field: r.field,
        sub: r.sub_category, capacity: E.num(r.capacity), cu: r.capacity_unit || "",
        upgradable: E.t(r.upgradable === false ? "bench.unit.not_upgradable" : "bench.unit.upgradable") });
      renderYears(mine);
      try { await renderTech(r, edition); } catch (e) { E.showError(e.message); }
    }
    E.renderFindings($("unit-findings"), findings.filter(names), E.t("bench.findings.none"));
    $("status").hidden = true;
  }

  const sel = $("b-edition");
  const eds = [...sel.options].map((o) => o.value);
  const edition = eds.includes(E.query("edition")) ? E.query("edition") : eds[eds.length - 1];
  sel.value = edition;
  sel.addEventListener("change", () => load(sel.value));
  load(edition);
})();
