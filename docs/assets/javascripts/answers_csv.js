/* 「回答入りの CSV」 on a checklist page: the blank CSV's rows (page data from
 * kyodo_kb.outputs.print_blocks) with the answers, notes (対応予定・期限・担当) and the chosen
 * conditions shown on the page, made in the browser and downloaded (nothing is sent anywhere).
 * Encoded like the blank CSV (kyodo_kb.outputs.csv_export): UTF-8 with a BOM, CRLF row ends,
 * a field quoted when it holds a comma, a quote or a line break, and a leading apostrophe on
 * a cell a spreadsheet would read as a formula. It reads what the page shows (decision.js keeps
 * the controls in step with the answers, also in the share link's review mode), so items the
 * chosen form hides are left out, as on the printed sheet.
 */
(function () {
  "use strict";

  var kb = window.kb;
  var ANSWER_COLUMN = 7;  // 回答欄 in csv_export.COLUMNS
  var LABELS = { yes: "はい", no: "いいえ", na: "該当しない" };
  var NOTES = [["plan", "対応予定"], ["due", "期限"], ["owner", "担当"]];
  var FORMULA_START = /^[=+\-@\t\r]/;

  function cell(text) {
    text = String(text === undefined || text === null ? "" : text);
    if (FORMULA_START.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function chosenConditions() {
    var parts = [];
    document.querySelectorAll(".kb-profile .kb-profile-question").forEach(function (box) {
      var checked = box.querySelector("input:checked");
      if (!checked || !checked.value) return;
      var legend = box.querySelector("legend");
      parts.push((legend ? legend.textContent.trim() : box.getAttribute("data-question")) + "：" +
                 checked.parentNode.textContent.trim());
    });
    return parts.join("、");
  }

  function build(data) {
    var items = {};
    document.querySelectorAll(".kb-item[data-item]").forEach(function (item) { items[item.getAttribute("data-item")] = item; });
    var conditions = chosenConditions();
    var lines = [data.columns.concat(NOTES.map(function (n) { return n[1]; }), ["選んだ条件"])];
    data.rows.forEach(function (row) {
      var item = items[row[1]];
      if (!item || item.hidden) return;
      var out = row.slice();
      var checked = item.querySelector(".kb-answer input:checked");
      out[ANSWER_COLUMN] = checked ? (LABELS[checked.value] || "") : "";
      NOTES.forEach(function (note) {
        var input = item.querySelector('input[data-note="' + note[0] + '"]');
        out.push(input ? input.value.trim() : "");
      });
      out.push(conditions);
      lines.push(out);
    });
    return "\ufeff" + lines.map(function (line) { return line.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function download(text, name) {
    var blob = new Blob([text], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  kb.onPage(function () {
    var holder = document.querySelector(".kb-answers-csv-data");
    var button = document.querySelector(".kb-answers-csv");
    if (!holder || !button || button.dataset.kbReady) return;
    var data = kb.pageData(holder);
    if (!data) return;
    button.dataset.kbReady = "1";
    button.hidden = false;
    button.addEventListener("click", function () {
      download(build(data), data.name + "_回答.csv");
    });
  });
})();
