/* Upload page: send a template file to /api/uploads/{template} and walk the user through the answer.

   200: the summary (new / revised / unchanged rows), the values revised, every warning and note.
   409: nothing loaded; the stored values the file would change (old → new in the template's display units) and a
        "confirm and load" that sends the same bytes again with revise=true, or cancel.
   422: row errors in a table; implausible values (E_IMPLAUSIBLE_VALUE) explained, with a "values checked, load
        anyway" box that sends the same bytes again with accept_implausible=true.
   The templates are listed with their .xlsx / .csv downloads (/api/templates). */
"use strict";
(function () {
  const E = window.ECER;
  const t = E.t;
  const el = E.el;
  const $ = (id) => document.getElementById(id);
  const zh = E.lang === "zh";
  const ORDER = { error: 0, warning: 1, info: 2 };
  const MAX_SHOWN = 500;  // changes drawn in a table; the rest are counted
  let templates = [];
  let regionNames = new Map();  // region code → the store's region row, to name the region a finding concerns
  // The upload in progress: the file's bytes as first read (a confirmation re-sends exactly what was previewed).
  let pending = null;

  function result(text, kind) {
    const box = $("upload-result");
    box.textContent = text || "";
    box.className = "status " + (kind || "");
    box.hidden = !text;
  }
  function rows(n) { return t(n === 1 ? "upload.rows.one" : "upload.rows.many", { n: n }); }
  function sorted(findings) {
    return (findings || []).slice().sort((a, b) => (ORDER[a.level] ?? 3) - (ORDER[b.level] ?? 3));
  }

  // The card of the next step comes into view from its top (its summary first), its control focused.
  function show(card, control) {
    if (card.scrollIntoView) card.scrollIntoView({ block: "start", behavior: "auto" });
    if (control) setTimeout(() => control.focus({ preventScroll: true }), 0);  // after the buttons are enabled again
  }
  function reset() {
    ["revision", "implausible", "success", "notes", "findings-wrap", "changes-more"].forEach((id) => { $(id).hidden = true; });
    $("findings").querySelector("tbody").innerHTML = "";
    $("accept-implausible").checked = false;
    $("accept-submit").disabled = true;
  }
  function busy(on) {
    ["upload-submit", "revise-confirm", "revise-cancel", "accept-submit"].forEach((id) => { $(id).disabled = on; });
    if (!on) $("accept-submit").disabled = !$("accept-implausible").checked;
  }

  // --- the row-error table (422) ---
  function showRowErrors(findings) {
    const tbody = $("findings").querySelector("tbody");
    tbody.innerHTML = "";
    for (const f of findings) {
      const loc = f.location || {};
      const cells = [loc.file, loc.sheet, loc.row, loc.column, f.code,
        zh ? f.message_zh : f.message_en, zh ? f.fix_zh : f.fix_en];
      const tr = el("tr", "level-" + f.level);
      cells.forEach((c, i) => tr.appendChild(el("td", i >= 5 ? "text" : "", c === null || c === undefined ? "" : String(c))));
      tbody.appendChild(tr);
    }
    $("findings-wrap").hidden = findings.length === 0;
  }

  // --- every other finding (warnings and notes) as a list, in the page's language, errors first ---
  function regionPrefix(f) {
    const code = f.evidence && f.evidence.region;
    const row = code ? regionNames.get(String(code)) : null;
    return row ? el("span", "region-name", E.regionName(row)) : null;
  }
  function showNotes(findings, titleKey) {
    const list = sorted(findings);
    const count = (level) => list.filter((f) => f.level === level).length;
    $("notes-title").textContent = t(titleKey, { count: list.length, warnings: count("warning"), notes: count("info"),
      errors: count("error") });
    E.renderFindings($("upload-findings"), list, t("upload.findings.none"), regionPrefix);
    $("notes").hidden = false;
  }

  // --- changes: region, key, item, old → new in the template's display unit, change ---
  function numeric(x) { return typeof x === "number" && Number.isFinite(x); }
  function shown(x) {
    if (x === null || x === undefined || x === "") return "—";
    return numeric(x) ? E.num(x, 6) : String(x);
  }
  function delta(c) {
    const o = c.old_display, n = c.new_display;
    if (!numeric(o) || !numeric(n)) return "";
    const d = Number((n - o).toPrecision(10));
    const abs = (d > 0 ? "+" : "") + E.num(d, 6);
    if (o === 0) return abs;
    // ten times or more (a tenth or less): the factor says more than a percentage (a 10⁴ slip is ×10,000)
    const ratio = n / o;
    if (ratio >= 10 || (ratio > 0 && ratio <= 0.1)) return abs + " (×" + E.num(ratio, ratio >= 10 ? 0 : 6) + ")";
    return abs + " (" + E.signedPct(d / o, 1) + ")";
  }
  function capital(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }
  function keyColumns(changes, labels) {
    const names = [];
    for (const c of changes) for (const k of Object.keys(c.key_values || {})) if (!names.includes(k)) names.push(k);
    return names.filter((k) => k !== "region_code").map((k) => ({ name: k,
      label: capital(labels && labels[k] ? (zh ? labels[k].zh : labels[k].en) : k) }));
  }
  function fillChanges(table, changes, labels) {
    const keys = keyColumns(changes, labels);
    const hasRegion = changes.some((c) => c.key_values && "region_code" in c.key_values);
    const head = el("tr");
    if (hasRegion) head.appendChild(el("th", "name", t("upload.change.region")));
    keys.forEach((k) => head.appendChild(el("th", "", k.label)));
    [["upload.change.column", ""], ["upload.change.old", "num"], ["", "arrow"], ["upload.change.new", "num"],
      ["upload.change.unit", ""], ["upload.change.delta", "num"]]
      .forEach(([key, cls]) => head.appendChild(el("th", cls, key ? t(key) : "")));
    table.querySelector("thead").innerHTML = "";
    table.querySelector("thead").appendChild(head);
    const tbody = table.querySelector("tbody");
    tbody.innerHTML = "";
    for (const c of changes.slice(0, MAX_SHOWN)) {
      const kv = c.key_values || {};
      const tr = el("tr");
      tr.dataset.column = c.column;
      if (hasRegion) {
        const td = el("td", "name");
        const code = kv.region_code || "";
        const name = E.regionName({ region_code: code, name_zh: c.region_name_zh, name_en: c.region_name_en });
        td.appendChild(el("span", "", name));
        if (name !== code) td.appendChild(el("span", "sub", code));
        tr.appendChild(td);
      }
      keys.forEach((k) => tr.appendChild(el("td", "", kv[k.name] === undefined ? "" : String(kv[k.name]))));
      const item = el("td", "item");
      item.appendChild(el("span", "", zh ? c.column_zh : c.column_en));
      item.appendChild(el("span", "sub", c.column));
      if (c.in_file === false) {  // the file has no such column: the template's default replaces the stored value
        tr.classList.add("defaulted");
        item.appendChild(el("span", "tag", t("upload.change.defaulted")));
      }
      tr.appendChild(item);
      tr.appendChild(el("td", "num old", shown(c.old_display)));
      tr.appendChild(el("td", "arrow", "→"));
      tr.appendChild(el("td", "num new", shown(c.new_display)));
      tr.appendChild(el("td", "unit", (zh ? c.display_unit_zh : c.display_unit_en) || ""));
      tr.appendChild(el("td", "num delta", delta(c)));
      tbody.appendChild(tr);
    }
    return Math.max(0, changes.length - MAX_SHOWN);
  }

  function details(res, prefix) {
    const parts = [];
    if (res.new_rows) parts.push(t(prefix + "new", { n: res.new_rows }));
    if (res.changed_rows) parts.push(t(prefix + "changed", { n: res.changed_rows }));
    if (res.unchanged_rows) parts.push(t(prefix + "unchanged", { n: res.unchanged_rows, rows: rows(res.unchanged_rows) }));
    return parts.join(t("upload.sep"));
  }

  // --- 409: what the file would change; nothing loaded until confirmed ---
  function showRevision(res) {
    const changes = res.changes || [];
    $("revision-detail").textContent = t("upload.revise.summary", { file: res.file, rows: rows(res.rows),
      details: details(res, "upload.preview."), values: changes.length });
    const more = fillChanges($("changes"), changes, res.key_labels);
    $("changes-more").textContent = more ? t("upload.changes.more", { count: more }) : "";
    $("changes-more").hidden = !more;
    const defaulted = changes.filter((c) => c.in_file === false);
    const columns = Array.from(new Set(defaulted.map((c) => (zh ? c.column_zh : c.column_en) + " (" + c.column + ")")));
    $("revision-defaulted").textContent = defaulted.length
      ? t("upload.revise.defaulted", { count: defaulted.length, columns: columns.join(t("upload.sep")) }) : "";
    $("revision-defaulted").hidden = !defaulted.length;
    $("revision").hidden = false;
    result("");  // the card says it: nothing loaded yet
    const others = (res.findings || []).filter((f) => f.code !== "E_REVISION_UNCONFIRMED");
    if (others.length) showNotes(others, "upload.findings.other");
    show($("revision"), $("revise-confirm"));
  }

  // --- 422 implausible values: explained; "values checked, load anyway" ---
  function showImplausible(findings) {
    $("implausible-title").textContent = t("upload.implausible.title", { count: findings.length });
    E.renderFindings($("implausible-list"), findings, "", regionPrefix);
    $("implausible").hidden = false;
    result("");  // the card's title says nothing was loaded
    show($("implausible"), $("accept-implausible"));
  }

  // --- 200 ---
  function showSuccess(res) {
    const loaded = (res.new_rows || 0) + (res.changed_rows || 0);
    $("success-title").textContent = t(loaded ? "upload.done.title" : "upload.done.title_nothing");
    $("success-summary").textContent = loaded
      ? t("upload.done.summary", { rows: rows(loaded), file: res.file, details: details(res, "upload.done.") })
      : t("upload.done.nothing", { rows: rows(res.rows), file: res.file });
    const changes = res.changes || [];
    if (changes.length) fillChanges($("applied"), changes, res.key_labels);
    $("success-changes").hidden = changes.length === 0;
    const r = res.receipt;
    $("success-receipt").textContent = r ? t("upload.done.receipt", { id: r.load_id, who: r.loaded_by, why: r.reason,
      when: new Date(r.loaded_at).toLocaleString(zh ? "zh-CN" : "en-GB") }) : "";
    const warnings = (res.findings || []).filter((f) => f.level === "warning").length;
    $("success-warnings").textContent = warnings ? t("upload.done.warnings", { count: warnings }) : "";
    $("success-warnings").hidden = !warnings;
    $("success").hidden = false;
    result("");
    showNotes(res.findings || [], "upload.findings.title");
    show($("success"));
    loadRegionNames();  // the load may have added regions
  }

  async function send() {
    const form = new FormData();
    form.append("file", pending.blob, pending.name);
    if (pending.who) form.append("who", pending.who);
    if (pending.why) form.append("why", pending.why);
    if (pending.accept) form.append("accept_implausible", "true");
    if (pending.revise) form.append("revise", "true");
    reset();
    result(pending.revise ? t("upload.sending.revise") : t("upload.sending"));
    busy(true);
    try {
      const res = await E.api("/api/uploads/" + encodeURIComponent(pending.template), { method: "POST", body: form });
      showSuccess(res);
      pending = null;
    } catch (e) {
      const data = e.data || {};
      const findings = e.findings || [];
      if (e.status === 409 && findings.some((f) => f.code === "E_REVISION_UNCONFIRMED")) {
        showRevision(data);
        return;
      }
      const errors = findings.filter((f) => f.level === "error");
      const implausible = errors.filter((f) => f.code === "E_IMPLAUSIBLE_VALUE");
      if (e.status === 422 && implausible.length && implausible.length === errors.length && !pending.accept) {
        showImplausible(implausible);
        const others = findings.filter((f) => f.code !== "E_IMPLAUSIBLE_VALUE");
        if (others.length) showNotes(others, "upload.findings.other");
        return;
      }
      pending = null;
      result(findings.length ? t("upload.failed", { count: errors.length || findings.length }) : e.message, "error");
      showRowErrors(sorted(findings));
    } finally {
      busy(false);
    }
  }

  async function submit(ev) {
    ev.preventDefault();
    const file = $("file").files[0];
    reset();
    if (!file) { result(t("upload.choose"), "error"); return; }
    let blob;
    try {
      blob = new Blob([await file.arrayBuffer()], { type: file.type || "application/octet-stream" });
    } catch (e) {
      result(t("upload.unreadable", { file: file.name }), "error");
      return;
    }
    pending = { blob, name: file.name, template: $("template").value, who: $("who").value, why: $("why").value,
      accept: false, revise: false };
    await send();
  }

  // --- templates: the picker, the chosen one's downloads beside it, and the list of every template ---
  function title(tp) { return zh ? tp.title_zh : tp.title_en; }
  function showLinks() {
    const tp = templates.find((x) => x.name === $("template").value);
    $("template-links").hidden = !tp;
    if (!tp) return;
    $("template-xlsx").href = tp.xlsx;
    $("template-csv").href = tp.csv;
    $("template-xlsx").title = t("upload.download.title", { title: title(tp), format: "Excel" });
    $("template-csv").title = t("upload.download.title", { title: title(tp), format: "CSV" });
  }
  function listTemplates() {
    const tbody = $("templates").querySelector("tbody");
    tbody.innerHTML = "";
    for (const tp of templates) {
      const tr = el("tr");
      tr.dataset.template = tp.name;
      const name = el("td", "name");
      name.appendChild(el("span", "", title(tp)));
      name.appendChild(el("span", "sub", tp.name));
      tr.appendChild(name);
      const td = el("td", "files");
      for (const [href, label] of [[tp.xlsx, "Excel (.xlsx)"], [tp.csv, "CSV (.csv)"]]) {
        const a = el("a", "", label);
        a.href = href;
        a.setAttribute("download", "");
        td.appendChild(a);
      }
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
  }
  function abandon() {
    if (!pending && $("revision").hidden && $("implausible").hidden) return;
    pending = null;
    reset();
    result("");
  }

  async function loadRegionNames() {
    try {
      regionNames = new Map((await E.api("/api/regions")).map((r) => [r.region_code, r]));
    } catch (e) { /* names are a convenience: the findings name the code anyway */ }
  }

  async function start() {
    $("upload-form").addEventListener("submit", submit);
    $("revise-confirm").addEventListener("click", () => { if (pending) { pending.revise = true; send(); } });
    $("revise-cancel").addEventListener("click", () => { pending = null; reset(); result(t("upload.revise.cancelled"), "warn"); });
    $("accept-implausible").addEventListener("change", () => { $("accept-submit").disabled = !$("accept-implausible").checked; });
    $("accept-submit").addEventListener("click", () => {
      if (pending && $("accept-implausible").checked) { pending.accept = true; send(); }
    });
    // another file or template: what was shown no longer applies to it
    $("file").addEventListener("change", abandon);
    $("template").addEventListener("change", () => { abandon(); showLinks(); });
    try {
      templates = await E.api("/api/templates");
      const names = templates.map((tp) => tp.name);
      const wanted = E.query("template");
      E.fillSelect($("template"), templates.map((tp) => ({ value: tp.name, label: title(tp) + " (" + tp.name + ")" })),
        names.includes(wanted) ? wanted : (names.includes("energy") ? "energy" : names[0]));
      showLinks();
      listTemplates();
      await loadRegionNames();
    } catch (e) {
      E.showError(e.message);
    }
  }
  start();
})();
