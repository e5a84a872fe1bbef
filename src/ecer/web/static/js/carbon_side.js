/* Region page: the carbon view beside the energy view (/api/carbon/side-by-side?region_code=…) — energy intensity
   and carbon intensity of the region year by year on the same machinery (cumulative reduction, grade), the CO2
   [10⁴ t] and the CO2 per tce. No carbon rows for the region: a note saying what to load. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const code = $("region-title").dataset.code;
  const wan = (t) => (t === null || t === undefined ? "—" : E.fixed(t / 1e4, 2));
  const el = (tag, cls, text) => { const n = document.createElement(tag); if (cls) n.className = cls; if (text !== undefined) n.textContent = text; return n; };

  function latest(rows, key) {
    const have = rows.filter((r) => r[key] !== null && r[key] !== undefined);
    return have.length ? have[have.length - 1] : null;
  }
  function sentence(box, r, prefix) {
    box.querySelector("p").textContent = !r ? "—" : E.t("carbon.side.latest", { year: r.year,
      value: E.fixed(r[prefix + "_intensity"], 4), cumulative: E.pct(r[prefix + "_reduction_cumulative"]),
      required: E.pct(r[prefix + "_required_cumulative"]) });
    const old = box.querySelector(".badge");
    if (old) old.remove();
    if (r) box.appendChild(E.badge(r[prefix + "_grade"], r[prefix + "_color"] || "grey"));
    box.dataset.grade = r && r[prefix + "_grade"] ? String(r[prefix + "_grade"]) : "";
  }

  async function main() {
    let body;
    try {
      body = await E.api("/api/carbon/side-by-side?" + new URLSearchParams({ region_code: code }));
    } catch (e) {
      $("carbon-side-none").hidden = false;
      $("carbon-side-blocks").hidden = true;
      $("carbon-side").hidden = true;
      document.body.dataset.carbonReady = "1";
      return;
    }
    const rows = (body.rows || []).slice().sort((a, b) => a.year - b.year);
    sentence($("side-energy"), latest(rows, "energy_intensity"), "energy");
    sentence($("side-carbon"), latest(rows, "carbon_intensity"), "carbon");
    const tbody = $("carbon-side").querySelector("tbody");
    tbody.innerHTML = "";
    for (const r of rows) {
      const tr = el("tr");
      tr.dataset.year = String(r.year);
      const cells = [String(r.year), [E.fixed(r.energy_intensity, 4), "num"], [E.pct(r.energy_reduction_cumulative), "num"],
        E.badge(r.energy_grade, r.energy_color || "grey"), [E.fixed(r.carbon_intensity, 4), "num"],
        [E.pct(r.carbon_reduction_cumulative), "num"], E.badge(r.carbon_grade, r.carbon_color || "grey"),
        [wan(r.co2), "num"], [E.fixed(r.co2_per_tce, 2), "num"]];
      for (const c of cells) {
        const [v, cls] = Array.isArray(c) ? c : [c, ""];
        const td = el("td", cls);
        if (v instanceof Node) td.appendChild(v); else td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    document.body.dataset.carbonReady = "1";
  }
  main();
})();
