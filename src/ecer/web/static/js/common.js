/* ECER dashboard: shared helpers (i18n, API calls, formatting). No third-party code, no network but our API. */
"use strict";
(function () {
  const STRINGS = JSON.parse(document.getElementById("ecer-strings").textContent);
  const body = document.body;

  function chooseLang() {
    const fromUrl = new URLSearchParams(location.search).get("lang");
    if (fromUrl) return fromUrl.toLowerCase() === "en" ? "en" : "zh";
    let stored = null;
    try { stored = localStorage.getItem("ecer.lang"); } catch (e) { /* storage disabled */ }
    return stored === "en" ? "en" : (stored === "zh" ? "zh" : body.dataset.lang || "zh");
  }
  const lang = chooseLang();

  function t(key, args) {
    let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.zh[key] || key;
    if (args) for (const k of Object.keys(args)) s = s.split("{" + k + "}").join(String(args[k]));
    return s;
  }

  function applyStrings(root) {
    (root || document).querySelectorAll("[data-i18n]").forEach((el) => {
      let args = null;
      if (el.dataset.i18nArgs) { try { args = JSON.parse(el.dataset.i18nArgs); } catch (e) { args = null; } }
      el.textContent = t(el.dataset.i18n, args);
    });
    (root || document).querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = t(el.dataset.i18nTitle); });
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("app.title");
  }

  function withLang(href) {
    const u = new URL(href, location.origin);
    if (u.origin !== location.origin) return href;
    u.searchParams.set("lang", lang);
    return u.pathname + u.search + u.hash;
  }

  function setLang(next) {
    try { localStorage.setItem("ecer.lang", next); } catch (e) { /* storage disabled */ }
    const u = new URL(location.href);
    u.searchParams.set("lang", next);
    location.assign(u.toString());
  }

  async function api(path, options) {
    let res;
    try {
      res = await fetch(path, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    } catch (e) {
      const err = new Error(t("status.error") + ": " + e.message);
      err.findings = [];
      throw err;
    }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const findings = (data && data.findings) || [];
      const first = findings[0];
      const msg = first ? (lang === "zh" ? first.message_zh : first.message_en) : res.statusText;
      const err = new Error(t("status.error") + " (HTTP " + res.status + "): " + msg);
      err.status = res.status;
      err.findings = findings;
      err.data = data;
      throw err;
    }
    return data;
  }

  function pct(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "—";
    const d = digits === undefined ? 2 : digits;
    return (x * 100).toFixed(d) + "%";
  }
  function signedPct(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "—";
    const s = pct(x, digits);
    return x > 0 ? "+" + s : s;
  }
  function num(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "—";
    return Number(x).toLocaleString(lang === "zh" ? "zh-CN" : "en-US",
      { maximumFractionDigits: digits === undefined ? 2 : digits, minimumFractionDigits: 0 });
  }
  // A number with exactly `digits` decimals and digit grouping: the pages' figures (万tce 2, intensity 4).
  function fixed(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "—";
    return Number(x).toLocaleString(lang === "zh" ? "zh-CN" : "en-US",
      { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
  function wanTce(tce) {
    return tce === null || tce === undefined ? "—" : fixed(tce / 1e4, 2) + " " + t("unit.wan_tce");
  }
  function intensity(x) {
    return x === null || x === undefined ? "—" : fixed(x, 4) + " " + t("unit.intensity");
  }
  function regionName(row) {
    if (!row) return "";
    return lang === "zh" ? (row.name_zh || row.region_code) : (row.name_en || row.name_zh || row.region_code);
  }
  // "中文 / English" texts from the data (target notes): the page's half; the whole stays in the tooltip.
  function bilingual(text) {
    if (!text) return "";
    const i = String(text).indexOf(" / ");
    if (i < 0) return String(text);
    return lang === "zh" ? String(text).slice(0, i) : String(text).slice(i + 3);
  }
  // Barometer colours; "base" is the plan's base year (not graded). No "exempt": the barometer never exempts.
  const COLORS = { red: "#d9363e", yellow: "#f2b705", green: "#2e9d57", grey: "#c8c8c8", base: "#e4e8ed" };
  function gradeText(grade, color) {
    if (grade === 1 || grade === 2 || grade === 3) return t("grade." + grade);
    return color === "base" ? t("grade.base_year") : t("grade.grey");
  }
  function badge(grade, color) {
    const span = document.createElement("span");
    span.className = "badge " + (color || "grey");
    span.textContent = gradeText(grade, color);
    return span;
  }

  function showError(message) {
    const box = document.getElementById("page-error");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }
  function showSyntheticBanner(rows, meta) {
    const origins = new Set();
    ((meta && meta.data_origin) || []).forEach((o) => { if (/synthetic/i.test(o)) origins.add(o); });
    (rows || []).forEach((r) => { if (r.data_origin && /synthetic/i.test(r.data_origin)) origins.add(r.data_origin); });
    const box = document.getElementById("synthetic-banner");
    if (!box) return;
    if (origins.size) {
      box.textContent = t("banner.synthetic", { origin: Array.from(origins).sort().join(", ") });
      box.hidden = false;
    } else {
      box.hidden = true;
    }
  }
  function chartsAvailable() {
    return typeof window.echarts !== "undefined";
  }
  function fillSelect(select, items, selected) {
    select.innerHTML = "";
    const groups = {};
    items.forEach((it) => {
      const o = document.createElement("option");
      o.value = it.value;
      o.textContent = it.label;
      if (it.title) o.title = it.title;
      if (it.value === selected) o.selected = true;
      if (!it.group) { select.appendChild(o); return; }
      if (!groups[it.group]) {
        groups[it.group] = document.createElement("optgroup");
        groups[it.group].label = it.group;
        select.appendChild(groups[it.group]);
      }
      groups[it.group].appendChild(o);
    });
  }
  // Periods sort by year, then Y < H < Q < YTD < M, then index (as ecer.periods.KIND_ORDER).
  function periodKey(p) {
    let m;
    if ((m = /^(\d{4})$/.exec(p))) return [+m[1], 0, 0];
    if ((m = /^(\d{4})H([12])$/i.exec(p))) return [+m[1], 1, +m[2]];
    if ((m = /^(\d{4})Q([1-4])$/i.exec(p))) return [+m[1], 2, +m[2]];
    if ((m = /^(\d{4})-(\d{2})YTD$/i.exec(p))) return [+m[1], 3, +m[2]];
    if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return [+m[1], 4, +m[2]];
    return [9999, 9, 0];
  }
  function periodKind(p) { return ["Y", "H", "Q", "YTD", "M", "?"][Math.min(periodKey(p)[1], 5)]; }
  function sortPeriods(list) {
    return list.slice().sort((a, b) => {
      const x = periodKey(a), y = periodKey(b);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }
  function defaultPeriod(periods) {
    const sorted = sortPeriods(periods);
    const years = sorted.filter((p) => periodKind(p) === "Y");
    return years.length ? years[years.length - 1] : sorted[sorted.length - 1];
  }
  function periodLabel(info) {
    const label = lang === "zh" && info.label_zh ? info.label_zh : info.period;
    return info.base_year ? t("picker.period.base", { period: label }) : label;
  }
  // Options of a period picker, grouped by kind (年度 / 半年 / 季度 / 累计 / 月度).
  function periodItems(periods, info) {
    const sorted = sortPeriods(periods);
    return ["Y", "H", "Q", "YTD", "M"].flatMap((k) => sorted.filter((p) => periodKind(p) === k)
      .map((p) => ({ value: p, label: periodLabel(info.get(p) || { period: p }), group: t("period.kind." + k) })));
  }
  // The period picker offers only periods that can be assessed (/api/periods?detail=true), grouped by kind, the
  // plan's base year marked; the edition picker names each edition and when it took effect.
  async function loadPickers(periodSelect, editionSelect) {
    const [periods, editions] = await Promise.all([api("/api/periods?detail=true"), api("/api/editions")]);
    const eds = editions.map((e) => e.edition);
    const marked = editions.find((e) => e.is_default);
    const edition = query("edition") && eds.includes(query("edition")) ? query("edition")
      : (marked ? marked.edition : eds[eds.length - 1]);
    fillSelect(editionSelect, editions.map((e) => ({ value: e.edition,
      label: t("picker.edition.option", { edition: e.edition, date: e.effective_from })
        + (e.is_default ? t("picker.edition.default") : ""),
      title: lang === "zh" ? e.name_zh : e.name_en })), edition);
    const byPeriod = new Map(periods.map((p) => [p.period, p]));
    const sorted = sortPeriods(periods.map((p) => p.period));
    const graded = sorted.filter((p) => !byPeriod.get(p).base_year || byPeriod.get(p).graded);
    const period = query("period") && byPeriod.has(query("period")) ? query("period") : defaultPeriod(graded.length ? graded : sorted);
    if (periodSelect) fillSelect(periodSelect, periodItems(sorted, byPeriod), period);
    return { periods: sorted, info: byPeriod, period, edition, editions };
  }
  // What "rules in force per period" means, and the edition that governed each period shown (meta of an
  // assessment: edition_by_period, edition_names).
  // appliedOnly: just the edition lines (beside a table).
  function describeRules(box, meta, periods, picked, appliedOnly) {
    if (!box) return;
    box.innerHTML = "";
    const recompute = document.getElementById("recompute");
    if (!appliedOnly) {
      const head = document.createElement("div");
      head.textContent = recompute && recompute.checked ? t("rules.recompute", { edition: picked }) : t("rules.per_period");
      box.appendChild(head);
    }
    const byPeriod = (meta && meta.edition_by_period) || {};
    const names = (meta && meta.edition_names) || {};
    for (const p of periods) {
      const e = byPeriod[p];
      if (!e) continue;
      const n = names[e];
      const line = document.createElement("div");
      line.className = "applied";
      line.textContent = t("rules.applied", { period: p, name: n ? (lang === "zh" ? n.zh : n.en) : e });
      box.appendChild(line);
    }
  }
  async function registerChinaMap() {
    const geo = await api("/static/vendor/china.json");
    echarts.registerMap("china", geo);
    const names = {};
    geo.features.forEach((f) => { names[f.properties.id] = f.properties.name; });
    return names;
  }

  // The rule options shared by the pages: "apply the chosen edition to earlier years" (a checkbox #recompute).
  function ruleParams(extra) {
    const box = document.getElementById("recompute");
    const p = Object.assign({}, extra);
    if (box && box.checked) p.recompute_earlier_years = "true";
    return new URLSearchParams(p);
  }
  function initRecompute(onChange) {
    const box = document.getElementById("recompute");
    if (!box) return;
    box.checked = query("recompute_earlier_years") === "true";
    box.addEventListener("change", () => { setQuery({ recompute_earlier_years: box.checked ? "true" : "" }); onChange(); });
  }
  function query(name) { return new URLSearchParams(location.search).get(name); }
  function setQuery(params) {
    const u = new URL(location.href);
    for (const [k, v] of Object.entries(params)) { if (v) u.searchParams.set(k, v); else u.searchParams.delete(k); }
    history.replaceState(null, "", u.pathname + u.search);
  }

  applyStrings();
  document.querySelectorAll("a[href^='/']").forEach((a) => {
    if (a.dataset.keepLang !== "no") a.setAttribute("href", withLang(a.getAttribute("href")));
  });
  const toggle = document.getElementById("lang-toggle");
  if (toggle) toggle.addEventListener("click", () => setLang(lang === "zh" ? "en" : "zh"));
  if (document.getElementById("vendor-missing") === null && document.querySelector(".chart")
      && !chartsAvailable()) {
    showError(t("vendor.missing", { files: "echarts.min.js" }));
  }

  window.ECER = { lang, t, api, pct, signedPct, num, fixed, wanTce, intensity, regionName, bilingual, badge, gradeText,
    COLORS, showError, showSyntheticBanner, chartsAvailable, fillSelect, withLang, query, setQuery, applyStrings,
    sortPeriods, periodKind, defaultPeriod, periodLabel, periodItems, loadPickers, describeRules, registerChinaMap, ruleParams,
    initRecompute };
})();
