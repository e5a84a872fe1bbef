/* Key-project indicator page: one card per indicator of the chosen region (/api/indicators/progress) with its target,
   latest value, a progress bar (share of the way from the base to the target, a tick at the level required this year)
   and the status colour; Chinese first with the English name beside. Every number comes from the API. */
"use strict";
(function () {
  const E = window.ECER, $ = (id) => document.getElementById(id);
  let body = null;
  function el(tag, cls, text) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = text;
    return x;
  }

  const names = () => new Map((body.indicators || []).map((i) => [i.code, i]));
  function withUnit(v, unit) {
    if (v === null || v === undefined) return "—";
    const s = E.num(v, 2);
    return !unit ? s : unit === "%" ? s + "%" : s + " " + unit;
  }
  // without ?region_code= the page opens on the region with the most indicators (the nation often has only the
  // national amounts), the first such region by code on a tie
  function busiest(regions) {
    let best = regions[0], most = -1;
    for (const c of regions) {
      const n = body.rows.filter((r) => r.region_code === c).length;
      if (n > most) { best = c; most = n; }
    }
    return best;
  }

  function regionLabel(code) {
    const r = body.rows.find((x) => x.region_code === code) || {};
    const name = E.lang === "zh" ? r.region_name_zh : (r.region_name_en || r.region_name_zh);
    return name ? name + " " + code : code;
  }
  function renderFindings(list, findings, emptyText) {
    list.innerHTML = "";
    if (!findings.length) { list.appendChild(el("li", "empty", emptyText)); return; }
    for (const f of findings) {
      const li = el("li", "finding level-" + f.level);
      li.dataset.code = f.code;
      li.appendChild(el("span", "level " + f.level, E.t("level." + f.level)));
      li.appendChild(el("span", "msg", E.lang === "zh" ? f.message_zh : f.message_en));
      li.appendChild(el("code", "code-small", f.code));
      const fix = E.lang === "zh" ? f.fix_zh : f.fix_en;
      if (fix) li.appendChild(el("div", "fix", E.t("find.fix_label") + fix));
      list.appendChild(li);
    }
  }
  function showNoData(err) {
    $("nodata-card").hidden = false;
    renderFindings($("nodata-findings"), err.findings || [], err.message);
    for (const id of ["summary-card", "findings-card"]) $(id).hidden = true;
    $("ind-cards").innerHTML = "";
  }
  function card(r, ind) {
    const c = el("section", "card ind-card status-" + r.color);
    c.dataset.indicator = r.indicator_code;
    c.dataset.status = r.status;
    const head = el("div", "ind-head");
    const title = el("h3", "ind-name", E.lang === "zh" ? ind.name_zh : ind.name_en);
    head.appendChild(title);
    const badge = el("span", "badge " + r.color, E.t("ind.status." + r.status));
    badge.dataset.role = "status";
    head.appendChild(badge);
    c.appendChild(head);
    c.appendChild(el("div", "ind-en note", E.lang === "zh" ? ind.name_en : ind.name_zh));
    c.appendChild(el("div", "ind-target", (E.lang === "zh" ? ind.target_zh : ind.target_en) + " · " + ind.source));
    if (ind.kind === "qualitative") {
      c.appendChild(el("p", "note", E.t("ind.card.qualitative")));
      return c;
    }
    const key = ind.kind === "reduction" ? "ind.card.fell" : ind.kind === "quantity" ? "ind.card.amount" : "ind.card.value";
    const value = el("div", "ind-value", E.t(key, { year: r.year, base: ind.base_year, value: withUnit(r.value, ind.unit) }));
    value.dataset.role = "value";
    c.appendChild(value);
    if (r.value_base !== null && r.value_base !== undefined && ind.kind === "level") {
      c.appendChild(el("div", "note", E.t("ind.card.base", { year: ind.base_year, value: withUnit(r.value_base, ind.unit) })));
    }
    const done = r.completion === null || r.completion === undefined ? (r.gap !== null && r.gap <= 0 ? 1 : null) : r.completion;
    const bar = el("div", "ind-bar");
    bar.setAttribute("role", "progressbar");
    const fill = el("div", "ind-fill " + r.color);
    const w = done === null ? 0 : Math.max(0, Math.min(1, done));
    fill.style.width = (100 * w).toFixed(1) + "%";
    bar.dataset.done = done === null ? "" : String(done);
    bar.setAttribute("aria-valuenow", (100 * w).toFixed(1));
    bar.appendChild(fill);
    // the tick: the level required this year, as a share of the way from the base to the target
    const base = ind.kind === "level" ? r.value_base : 0;
    if (r.required_to_date !== null && r.required_to_date !== undefined && base !== null && r.target_value !== base) {
      const at = (r.required_to_date - base) / (r.target_value - base);
      const tick = el("div", "ind-tick");
      tick.style.left = (100 * Math.max(0, Math.min(1, at))).toFixed(1) + "%";
      bar.appendChild(tick);
    }
    c.appendChild(bar);
    const facts = [E.t("ind.card.required", { value: withUnit(r.required_to_date, ind.unit) }),
      r.gap !== null && r.gap > 1e-9
        ? (ind.unit === "%" ? E.t("ind.card.gap_pp", { value: E.num(r.gap, 2) }) : E.t("ind.card.gap", { value: withUnit(r.gap, ind.unit) }))
        : E.t("ind.card.reached")];
    if (done !== null) facts.push(E.t("ind.card.done", { pct: E.pct(done, 1) }));
    c.appendChild(el("div", "ind-facts", facts.join(" · ")));
    return c;
  }
  function render() {
    const region = $("i-region").value;
    const rows = body.rows.filter((r) => r.region_code === region);
    const byCode = names();
    const order = (body.indicators || []).map((i) => i.code);
    rows.sort((a, b) => order.indexOf(a.indicator_code) - order.indexOf(b.indicator_code));
    const n = { met: 0, behind: 0, missed: 0, na: 0 };
    for (const r of rows) n[r.status === "base" ? "na" : r.status] += 1;
    $("ind-sentence").textContent = E.t("ind.sentence", { region: regionLabel(region), n: rows.length, ...n });
    const box = $("ind-cards");
    box.innerHTML = "";
    for (const r of rows) box.appendChild(card(r, byCode.get(r.indicator_code)));
    $("summary-card").hidden = false;
    $("findings-card").hidden = false;
    renderFindings($("ind-findings"), body.findings || [], E.t("ind.findings.none"));
    const q = new URLSearchParams({ region_code: region, lang: E.lang });
    for (const f of ["xlsx", "html", "pdf"]) $("report-" + f).href = "/api/indicators/report." + f + "?" + q;
    E.setQuery({ region_code: region });
    E.showSyntheticBanner([], body.meta);
    document.body.dataset.ready = "1";
  }
  async function main() {
    try {
      body = await E.api("/api/indicators/progress");
    } catch (e) {
      $("status").hidden = true;
      if (e.status === 404 || e.status === 409) showNoData(e); else E.showError(e.message);
      document.body.dataset.ready = "1";
      return;
    }
    const regions = [...new Set(body.rows.map((r) => r.region_code))].sort();
    const want = E.query("region_code");
    E.fillSelect($("i-region"), regions.map((c) => ({ value: c, label: regionLabel(c) })),
      regions.includes(want) ? want : busiest(regions));
    $("i-region").addEventListener("change", render);
    $("status").hidden = true;
    render();
  }
  main();
})();
