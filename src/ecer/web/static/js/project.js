/* One two-high project: facts, checks with evidence, the suggested disposition with reasons, the region's path with
   and without the project (ECharts, from /api/projects/{id}/review), the review form (POST .../decisions) and the
   append-only decision history. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  const id = $("project-title").dataset.id;
  const base = "/api/projects/" + encodeURIComponent(id);
  let energyChart = null, intensityChart = null;

  function bi(x) {
    if (x === null || x === undefined) return "—";
    if (typeof x === "object") return E.lang === "zh" ? (x.zh || x.message_zh || JSON.stringify(x)) : (x.en || x.message_en || JSON.stringify(x));
    return String(x);
  }

  function renderFacts(p) {
    const dl = $("project-facts");
    dl.innerHTML = "";
    const facts = [["projects.col.name", p.name], ["projects.col.region", p.region_code],
      ["projects.col.sector", E.t("sector." + p.sector)], ["projects.col.status", E.t("status." + p.status)],
      ["projects.col.energy", E.num(p.annual_energy, 0)]];
    for (const [k, v] of facts) { dl.appendChild(E.el("dt", "", E.t(k))); dl.appendChild(E.el("dd", "", v)); }
  }

  // each check: its level, the message in the page language, the code small after it, the fix, and the official
  // basis in words (document, clause, quote); the raw evidence stays in the API's JSON
  function renderChecks(findings) {
    const list = $("checks");
    list.innerHTML = "";
    if (!findings.length) { list.appendChild(E.el("li", "empty", E.t("project.checks.none"))); return; }
    for (const f of findings) {
      const li = E.el("li", "finding level-" + f.level);
      li.dataset.code = f.code;
      li.appendChild(E.el("span", "level " + f.level, E.t("level." + f.level)));
      li.appendChild(E.el("span", "msg", E.lang === "zh" ? f.message_zh : f.message_en));
      li.appendChild(E.el("code", "code-small", f.code));
      const fix = E.lang === "zh" ? f.fix_zh : f.fix_en;
      if (fix) li.appendChild(E.el("div", "fix", E.t("find.fix_label") + fix));
      const ev = f.evidence || {};
      const basis = [ev.doc_no, ev.clause].filter(Boolean).join(" ") + (ev.quote ? " “" + ev.quote + "”" : "");
      if (basis.trim()) {
        const d = E.el("dl", "evidence");
        d.appendChild(E.el("dt", "", E.t("project.evidence")));
        d.appendChild(E.el("dd", "", basis.trim()));
        li.appendChild(d);
      }
      list.appendChild(li);
    }
  }

  function renderDisposition(d) {
    $("suggested").textContent = E.t("disp." + d.suggested_disposition);
    $("suggested").dataset.disposition = d.suggested_disposition;
    const ul = $("reasons");
    ul.innerHTML = "";
    for (const r of d.reasons || []) {
      const li = E.el("li", "", E.t("disp." + r.disposition) + " — " + bi(r) + "（"
        + [r.doc_no, r.clause].filter(Boolean).join(" ") + "）");
      li.appendChild(E.el("code", "code-small", r.code));
      ul.appendChild(li);
    }
  }

  function renderHistory(decisions) {
    const tbody = $("history").querySelector("tbody");
    tbody.innerHTML = "";
    if (!decisions.length) {
      const tr = document.createElement("tr"), td = E.el("td", "empty", E.t("project.history.none"));
      td.colSpan = 6; tr.appendChild(td); tbody.appendChild(tr); return;
    }
    for (const d of decisions) {
      const tr = document.createElement("tr");
      tr.dataset.decision = d.decision;
      for (const v of [String(d.decided_at).replace("T", " ").slice(0, 19), E.t("disp." + d.decision), d.decided_by,
        d.decision_reason, d.previous_decision ? E.t("disp." + d.previous_decision) : "—",
        E.t("disp." + d.suggested_disposition)]) tr.appendChild(E.el("td", "", v));
      tbody.appendChild(tr);
    }
  }

  async function renderPath() {
    let res;
    try { res = await E.api(base + "/review"); } catch (e) {
      $("path-summary").textContent = E.t("project.path.none") + e.message;
      $("path-card").dataset.path = "none";
      return;
    }
    const s = res.summary, rows = res.rows;
    $("path-card").dataset.path = "ok";
    const share = s.share_of_remaining === null || s.share_of_remaining === undefined ? "—" : E.pct(s.share_of_remaining, 1);
    $("path-summary").textContent = E.t("project.path.share") + " " + share + "（" + E.num(s.net_tce, 0) + " / "
      + E.num(s.remaining_increment, 0) + " tce）" + (s.as_of ? E.t("project.path.as_of", { year: s.as_of }) : "")
      + "；" + E.t("project.path.replacement") + " " + E.num(s.replacement_to_stay_within, 0) + " tce";
    if (!E.chartsAvailable()) return;
    const x = rows.map((r) => String(r.year));
    energyChart = energyChart || echarts.init($("path-energy-chart"));
    const allowed = s.allowed_target_energy;
    energyChart.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: x }, yAxis: { type: "value", name: "tce", scale: true },
      series: [
        { type: "line", name: E.t("project.path.energy_without"), data: rows.map((r) => r.energy_without), itemStyle: { color: "#2f6fb0" } },
        { type: "line", name: E.t("project.path.energy_with"), data: rows.map((r) => r.energy_with), itemStyle: { color: "#c0392b" } },
        ...(allowed ? [{ type: "line", name: E.t("project.path.allowed"), lineStyle: { type: "dashed" }, itemStyle: { color: "#888" },
          data: rows.map(() => allowed), symbol: "none" }] : []),
      ],
    }, true);
    intensityChart = intensityChart || echarts.init($("path-intensity-chart"));
    intensityChart.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: x }, yAxis: { type: "value", name: "tce/万元", scale: true },
      series: [
        { type: "line", name: E.t("project.path.intensity_without"), data: rows.map((r) => r.intensity_without), itemStyle: { color: "#2f6fb0" } },
        { type: "line", name: E.t("project.path.intensity_with"), data: rows.map((r) => r.intensity_with), itemStyle: { color: "#c0392b" } },
      ],
    }, true);
  }

  async function load() {
    let one;
    try { one = await E.api(base); } catch (e) { E.showError(e.message); $("status").hidden = true; return null; }
    $("status").hidden = true;
    renderFacts(one.project);
    renderDisposition(one);
    renderChecks(one.findings);
    renderHistory(one.decisions);
    return one;
  }

  $("review-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const out = $("review-result");
    out.hidden = false;
    const body = new URLSearchParams(new FormData($("review-form")));
    try {
      await E.api(base + "/decisions", { method: "POST", body,
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" } });
      out.className = "status ok";
      out.textContent = E.t("project.review.saved");
      $("review-reason").value = "";
      await load();
    } catch (e) { out.className = "status error"; out.textContent = e.message; }
  });

  load().then(renderPath);
})();
