/* Upload page: send a template file to /api/uploads/{template}; show the row errors in a table. */
"use strict";
(function () {
  const E = window.ECER;
  const $ = (id) => document.getElementById(id);
  const zh = E.lang === "zh";

  function result(text, kind) {
    const box = $("upload-result");
    box.textContent = text;
    box.className = "status " + (kind || "");
    box.hidden = !text;
  }

  function showFindings(findings) {
    const table = $("findings");
    const tbody = table.querySelector("tbody");
    tbody.innerHTML = "";
    for (const f of findings) {
      const loc = f.location || {};
      const cells = [loc.file, loc.sheet, loc.row, loc.column, f.code,
        zh ? f.message_zh : f.message_en, zh ? f.fix_zh : f.fix_en];
      const tr = document.createElement("tr");
      tr.className = "level-" + f.level;
      for (const c of cells) {
        const td = document.createElement("td");
        td.textContent = c === null || c === undefined ? "" : String(c);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    table.hidden = findings.length === 0;
  }

  async function submit(ev) {
    ev.preventDefault();
    const file = $("file").files[0];
    if (!file) { result(E.t("upload.choose"), "error"); return; }
    const form = new FormData();
    form.append("file", file, file.name);
    if ($("who").value) form.append("who", $("who").value);
    if ($("why").value) form.append("why", $("why").value);
    result(E.t("status.loading"));
    showFindings([]);
    $("upload-submit").disabled = true;
    try {
      const res = await E.api("/api/uploads/" + encodeURIComponent($("template").value), { method: "POST", body: form });
      result(E.t("upload.ok", { rows: res.rows, file: res.file }), "ok");
      showFindings(res.findings || []);
    } catch (e) {
      const findings = e.findings || [];
      const errors = findings.filter((f) => f.level === "error");
      result(findings.length ? E.t("upload.failed", { count: errors.length || findings.length }) : e.message, "error");
      showFindings(findings);
    } finally {
      $("upload-submit").disabled = false;
    }
  }

  async function start() {
    try {
      const names = await E.api("/api/uploads");
      const wanted = E.query("template");
      E.fillSelect($("template"), names.map((n) => ({ value: n, label: n })),
        names.includes(wanted) ? wanted : (names.includes("energy") ? "energy" : names[0]));
    } catch (e) {
      E.showError(e.message);
    }
    $("upload-form").addEventListener("submit", submit);
  }
  start();
})();
