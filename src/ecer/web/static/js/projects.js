/* The two-high project inventory: every project from /api/projects, filtered in the page (region, sector, status,
   suggested disposition); each row links to its project page. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const FILTERS = [["f-region", "region"], ["f-sector", "sector"], ["f-status", "status"], ["f-disposition", "disposition"]];
  let rows = [];

  const label = {
    region: (r) => r.project.region_code,
    sector: (r) => r.project.sector,
    status: (r) => r.project.status,
    disposition: (r) => r.suggested_disposition,
  };
  const text = {
    region: (v) => v,
    sector: (v) => E.t("sector." + v),
    status: (v) => E.t("status." + v),
    disposition: (v) => E.t("disp." + v),
  };

  function fillFilters() {
    for (const [id, key] of FILTERS) {
      const values = [...new Set(rows.map(label[key]))].filter((v) => v !== null && v !== undefined).sort();
      const sel = $(id);
      sel.innerHTML = "";
      const all = document.createElement("option");
      all.value = ""; all.textContent = E.t("projects.filter.all");
      sel.appendChild(all);
      for (const v of values) {
        const o = document.createElement("option");
        o.value = v; o.textContent = text[key](v);
        sel.appendChild(o);
      }
      sel.value = E.query(key) || "";
      sel.addEventListener("change", render);
    }
  }

  function render() {
    const picked = Object.fromEntries(FILTERS.map(([id, key]) => [key, $(id).value]));
    E.setQuery(picked);
    const shown = rows.filter((r) => FILTERS.every(([, key]) => !picked[key] || label[key](r) === picked[key]));
    const tbody = $("projects").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of shown) {
      const p = r.project, tr = document.createElement("tr");
      tr.dataset.id = p.project_id;
      const link = E.el("a", "", p.project_id);
      link.href = E.withLang("/projects/" + encodeURIComponent(p.project_id));
      const cells = [link, p.name, p.region_code, E.t("sector." + p.sector), E.t("status." + p.status),
        [E.num(p.annual_energy, 0), "num"], [String(r.findings.length), "num"],
        E.el("span", "disp disp-" + r.suggested_disposition, E.t("disp." + r.suggested_disposition)),
        r.last_decision ? E.t("disp." + r.last_decision.decision) : "—"];
      for (const c of cells) {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = E.el("td", cls);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    $("count").textContent = shown.length || rows.length
      ? E.t("projects.count", { n: rows.length, shown: shown.length }) : E.t("projects.none");
  }

  async function main() {
    try {
      rows = await E.api("/api/projects");
    } catch (e) { E.showError(e.message); $("status").hidden = true; return; }
    fillFilters();
    render();
    $("status").hidden = true;
  }
  main();
})();
