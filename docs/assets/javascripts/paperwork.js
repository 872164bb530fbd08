/* Paperwork sheets (paperwork/role-table/, agreement/, evaluation/): progressive enhancement
 * over a complete HTML form.
 *
 * - What staff write is kept in localStorage under "kyodo-kb:paperwork:<sheet>", one value per
 *   field (`data-field="row.field"`), so a reworded row keeps its notes. Nothing leaves the browser.
 * - The chosen form of collaboration is shared by the three sheets ("kyodo-kb:paperwork:form").
 *   It comes from the link of the chooser's outcome (`?form=kyosai` or `?profile=keitai:kyosai`),
 *   else from the sheet's own select, else from the answers of the 協働の形態別 checklist that
 *   decision.js keeps ("kyodo-kb:answers:keitai-betsu" → profile.keitai; the older
 *   "kyodo-kb:decision:keitai-betsu:<version>" keys are read too).
 * - The role table is prefilled from the chosen form where a source supports it; such a choice
 *   is marked 「提案」 until staff pick a side themselves.
 * - Print on A4 (portrait or landscape), CSV (UTF-8 with BOM, formula-like cells prefixed with
 *   an apostrophe, as kyodo_kb/outputs/csv_export.py does) and XLSX, written here: a minimal
 *   SpreadsheetML workbook in a stored (uncompressed) ZIP, so it works offline and from file://.
 */
(function () {
  "use strict";

  var PREFIX = "kyodo-kb:paperwork:";
  var FORM_KEY = PREFIX + "form";
  var DECISION_KEY = "kyodo-kb:answers:keitai-betsu";  // decision.js, format 2: one key per checklist
  var DECISION_PREFIX = "kyodo-kb:decision:keitai-betsu:";  // format 1 (before migration): one key per version
  var FORM_QUESTION = "keitai";

  // kb_common.js: storage that never throws (disabled storage, some file:// setups).
  var storageGet = window.kb.storage.get, storageSet = window.kb.storage.set, storageRemove = window.kb.storage.remove;

  function formFromUrl() {
    var text = (window.location.search + "&" + window.location.hash.replace(/^#/, "")).replace(/^\?/, "");
    var found = null;
    text.split("&").forEach(function (part) {
      var pair = part.split("=");
      var name = decodeURIComponent(pair[0] || ""), value = decodeURIComponent(pair[1] || "");
      if (name === "form" && value) found = value;
      if (name === "profile") {
        value.split(",").forEach(function (entry) {
          var at = entry.lastIndexOf(":");
          if (at > 0 && entry.slice(0, at) === FORM_QUESTION) found = entry.slice(at + 1);
        });
      }
    });
    return found;
  }

  function formFromDecision() {
    var keys = [DECISION_KEY].concat(window.kb.storage.keys(DECISION_PREFIX));
    for (var i = 0; i < keys.length; i++) {
      var state = storageGet(keys[i]);
      if (state && state.profile && typeof state.profile[FORM_QUESTION] === "string") return state.profile[FORM_QUESTION];
    }
    return null;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* ---- CSV ---- */

  function csvCell(value) {
    var text = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rows) {
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /* ---- XLSX: SpreadsheetML in a stored ZIP ---- */

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function storedZip(files) {
    var encoder = new TextEncoder();
    var chunks = [], central = [], offset = 0;
    function header(size) { return new DataView(new ArrayBuffer(size)); }
    files.forEach(function (file) {
      var name = encoder.encode(file.name), data = encoder.encode(file.text), crc = crc32(data);
      var local = header(30);
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true);
      local.setUint16(8, 0, true); local.setUint16(10, 0, true); local.setUint16(12, 33, true); // 1980-01-01 00:00
      local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true); local.setUint16(28, 0, true);
      var entry = header(46);
      entry.setUint32(0, 0x02014b50, true); entry.setUint16(4, 20, true); entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true); entry.setUint16(10, 0, true); entry.setUint16(12, 0, true); entry.setUint16(14, 33, true);
      entry.setUint32(16, crc, true); entry.setUint32(20, data.length, true); entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true); entry.setUint32(42, offset, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = header(22);
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    var parts = chunks.concat(central, [new Uint8Array(end.buffer)]);
    var total = parts.reduce(function (sum, part) { return sum + part.length; }, 0);
    var out = new Uint8Array(total), at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  function xml(text) {
    return String(text == null ? "" : text)
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function columnName(index) {
    var name = "";
    for (index += 1; index > 0; index = Math.floor((index - 1) / 26)) name = String.fromCharCode(65 + (index - 1) % 26) + name;
    return name;
  }

  function toXlsx(title, rows, widths, orientation, headerRow) {
    var NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    var RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    var sheetRows = rows.map(function (row, r) {
      var style = r === headerRow ? 2 : 1;
      return '<row r="' + (r + 1) + '">' + row.map(function (value, c) {
        var ref = columnName(c) + (r + 1);
        if (typeof value === "number") return '<c r="' + ref + '" s="' + style + '"><v>' + value + "</v></c>";
        if (value == null || value === "") return "";
        return '<c r="' + ref + '" s="' + style + '" t="inlineStr"><is><t xml:space="preserve">' + xml(value) + "</t></is></c>";
      }).join("") + "</row>";
    }).join("");
    var cols = widths.map(function (width, i) {
      return '<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + width + '" customWidth="1"/>';
    }).join("");
    var name = title.replace(/[\[\]:*?\/\\]/g, "").slice(0, 31) || "Sheet1";
    return storedZip([
      { name: "[Content_Types].xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        "</Types>" },
      { name: "_rels/.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        "</Relationships>" },
      { name: "xl/workbook.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        "<workbook " + NS + " " + RNS + '><sheets><sheet name="' + xml(name) + '" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: "xl/_rels/workbook.xml.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        "</Relationships>" },
      { name: "xl/styles.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        "<styleSheet " + NS + ">" +
        '<fonts count="2"><font><sz val="11"/><name val="Yu Gothic"/></font><font><b/><sz val="11"/><name val="Yu Gothic"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>' },
      { name: "xl/worksheets/sheet1.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        "<worksheet " + NS + " " + RNS + "><cols>" + cols + "</cols><sheetData>" + sheetRows + "</sheetData>" +
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="' + orientation + '"/></worksheet>' }
    ]);
  }

  function download(content, name, type) {
    var blob = new Blob([content], { type: type });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
  }

  function fileName(title, jigyo, extension) {
    var base = (title + (jigyo ? "_" + jigyo : "")).replace(/[\\\/:*?"<>|\s]+/g, "_").replace(/^[_.]+|[_.]+$/g, "");
    return (base || "shorui") + "_" + today() + "." + extension;
  }

  /* ---- the sheet ---- */

  function initSheet(box) {
    if (box.getAttribute("data-kb-ready")) return;
    box.setAttribute("data-kb-ready", "1");
    var data = window.kb.pageData(box.querySelector(".kb-pw-data"));
    var key = PREFIX + data.sheet;
    var state = storageGet(key) || {};
    state.fields = state.fields || {};
    var entries = {};
    data.entries.forEach(function (entry) { entries[entry.id] = entry; });
    var fields = Array.prototype.slice.call(box.querySelectorAll("[data-field]"));
    var formSelect = box.querySelector(".kb-pw-form");
    var tools = document.querySelector(".kb-pw-tools");

    // Where the chosen form came from, for the status line.
    var shared = storageGet(FORM_KEY) || {};
    var fromUrl = formFromUrl();
    if (fromUrl && data.forms[fromUrl]) {
      shared = { form: fromUrl, from: "chooser" };
      storageSet(FORM_KEY, shared);
      window.history.replaceState(window.history.state, "", window.location.href.split("?")[0].split("#")[0]);
    } else if (!shared.form) {
      var fromChecklist = formFromDecision();
      if (fromChecklist && data.forms[fromChecklist]) shared = { form: fromChecklist, from: "checklist" };
    }
    if (!data.forms[shared.form]) shared = {};

    // Each text field gets a printed copy: a textarea prints clipped to its box.
    fields.forEach(function (field) {
      if (field.type === "radio") return;
      var copy = document.createElement("span");
      copy.className = "kb-pw-print-value";
      copy.setAttribute("aria-hidden", "true");
      field.parentNode.insertBefore(copy, field.nextSibling);
    });

    function fieldName(field) { return field.getAttribute("data-field"); }

    function syncControls() {
      fields.forEach(function (field) {
        var name = fieldName(field);
        if (name === "_meta.form") { field.value = shared.form || ""; return; }
        var value = state.fields[name] || "";
        if (field.type === "radio") field.checked = field.value === value;
        else field.value = value;
      });
    }

    function currentForm() { return shared.form || ""; }

    function suggestionFor(entry) {
      var form = currentForm();
      return form && entry.suggest && entry.suggest[form] ? entry.suggest[form] : null;
    }

    function applyRoleSuggestions() {
      box.querySelectorAll("tr.kb-pw-row").forEach(function (row) {
        var id = row.getAttribute("data-row"), entry = entries[id];
        var suggestion = suggestionFor(entry);
        var chosen = state.fields[id + ".who"];
        var note = row.querySelector(".kb-pw-suggestion");
        var suggested = !chosen && !!suggestion;
        row.classList.toggle("kb-pw-suggested", suggested);
        row.querySelectorAll("input[type=radio]").forEach(function (radio) {
          radio.checked = chosen ? radio.value === chosen : (suggested && radio.value === suggestion.who);
        });
        if (suggestion) {
          note.hidden = false;
          note.textContent = (suggested ? "" : "参考: ") + data.forms[currentForm()] + "の場合の提案: " +
            data.who[suggestion.who] + "　出典: " + suggestion.source;
        } else {
          note.hidden = true;
          note.textContent = "";
        }
      });
    }

    function applyAgreementFilter() {
      var form = currentForm(), hidden = 0;
      box.querySelectorAll(".kb-pw-matter").forEach(function (section) {
        var forms = section.getAttribute("data-forms");
        var visible = !form || !forms || JSON.parse(forms).indexOf(form) >= 0;
        section.hidden = !visible;
        if (!visible) hidden++;
        section.querySelectorAll(".kb-pw-form-notes li").forEach(function (li) {
          var mine = li.getAttribute("data-form") === form;
          li.hidden = !!form && !mine;
          li.classList.toggle("kb-pw-current", mine);
        });
      });
      var note = box.querySelector(".kb-pw-filter-note");
      if (note) {
        note.textContent = form ? "形態ごとの補足は「" + data.forms[form] + "」のものだけを表示しています。" +
          (hidden ? "この形態に当てはまらない事柄 " + hidden + " 件を表示していません。" : "") : "";
      }
    }

    function render() {
      var form = currentForm();
      var status = box.querySelector(".kb-pw-form-status");
      var origin = { chooser: "「協働の形態を選ぶ」の結果から", checklist: "協働の形態別の留意事項の回答から", manual: "" }[shared.from] || "";
      if (status) {
        status.textContent = form
          ? "協働の形態: " + data.forms[form] + (origin ? "（" + origin + "）" : "") +
            (data.sheet === "role-table" ? "。出典のある行には担い手の提案を入れています（「提案」の印）。選び直すと提案は外れます。" : "")
          : "協働の形態を選ぶと、" + (data.sheet === "role-table" ? "出典のある行に担い手の提案を入れます。" : "形態ごとの補足を絞り込みます。");
      }
      if (data.sheet === "role-table") applyRoleSuggestions();
      if (data.sheet === "agreement") applyAgreementFilter();
      fields.forEach(function (field) {
        var copy = field.nextSibling;
        if (copy && copy.className === "kb-pw-print-value") {
          copy.textContent = field.tagName === "SELECT" ? (field.value ? field.options[field.selectedIndex].text : "") : field.value;
        }
      });
      box.querySelectorAll("td.kb-pw-choice").forEach(function (cell) {
        var radio = cell.querySelector("input");
        cell.setAttribute("data-chosen", radio && radio.checked ? "1" : "");
      });
    }

    function save() {
      state.version = box.getAttribute("data-version");
      storageSet(key, state);
    }

    box.addEventListener("input", onChange);
    box.addEventListener("change", onChange);
    function onChange(event) {
      var field = event.target.closest("[data-field]");
      if (!field) return;
      var name = fieldName(field);
      if (name === "_meta.form") {
        if (event.type !== "change") return;
        shared = field.value ? { form: field.value, from: "manual" } : {};
        if (field.value) storageSet(FORM_KEY, shared); else storageRemove(FORM_KEY);
      } else if (field.type === "radio") {
        if (!field.checked) return;
        state.fields[name] = field.value;
        save();
      } else {
        if (field.value) state.fields[name] = field.value; else delete state.fields[name];
        save();
      }
      render();
    }

    function announce(text) {
      var status = document.querySelector(".kb-pw-tools-status");
      if (!status) return;
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    /* rows for CSV and XLSX: [rows, column widths, index of the header row] */
    function exportRows() {
      var value = function (name) { return state.fields[name] || ""; };
      var form = currentForm();
      var rows = [["書式", data.title], ["事業名", value("_meta.jigyo")], ["相手方（団体名）", value("_meta.aite")],
        ["協働の形態", form ? data.forms[form] : "選んでいない"], ["出力日", today()], []];
      var header = rows.length, widths;
      var lines = function (list) { return (list || []).join("\n"); };
      if (data.sheet === "role-table") {
        rows.push(["分担する事柄", "決めること", "市", "相手方", "共同", "担い手", "備考", "提案の出典", "関連する留意事項", "出典"]);
        data.entries.forEach(function (entry) {
          var chosen = value(entry.id + ".who"), suggestion = suggestionFor(entry);
          var who = chosen || (suggestion ? suggestion.who : "");
          var label = who ? data.who[who] + (chosen ? "" : "（提案）") : "";
          rows.push([entry.name, entry.question, who === "shi" ? "○" : "", who === "aite" ? "○" : "", who === "kyodo" ? "○" : "",
            label, value(entry.id + ".note"), suggestion ? suggestion.source : "", lines(entry.cautions), lines(entry.sources)]);
        });
        widths = [16, 30, 6, 8, 6, 12, 40, 30, 40, 40];
      } else if (data.sheet === "agreement") {
        var STATUS = { yes: "書面に書いた", no: "まだ", na: "この事業では書かない" };
        rows.push(["事柄", "決めて書面に残すこと", "形態ごとの補足", "要確認", "書面に書いたか", "決めた内容の要点", "関連する留意事項", "根拠", "出典"]);
        data.entries.forEach(function (entry) {
          if (form && entry.forms.length && entry.forms.indexOf(form) < 0) return;
          var notes = Object.keys(entry.formNotes).filter(function (f) { return !form || f === form; })
            .map(function (f) { return data.forms[f] + ": " + entry.formNotes[f]; });
          rows.push([entry.name, lines(entry.questions), lines(notes), entry.kakunin, STATUS[value(entry.id + ".status")] || "",
            value(entry.id + ".memo"), lines(entry.cautions), lines(entry.basis), lines(entry.sources)]);
        });
        widths = [16, 40, 36, 30, 12, 40, 40, 26, 40];
      } else {
        rows.push(["評価の項目", "問い", "市の評点", "市の所見", "相手方の評点", "相手方の所見", "関連する留意事項", "根拠", "出典"]);
        data.entries.forEach(function (entry) {
          var score = function (side) { var v = value(entry.id + "." + side + "_score"); return v ? Number(v) : ""; };
          rows.push([entry.name, entry.question, score("shi"), value(entry.id + ".shi_comment"), score("aite"),
            value(entry.id + ".aite_comment"), lines(entry.cautions), lines(entry.basis), lines(entry.sources)]);
        });
        rows.push([]);
        rows.push(["公開の方法", value("_kokai.hoho")], ["公開の時期", value("_kokai.jiki")], ["公開の担当", value("_kokai.tanto")],
          ["今後について", value("_kongo.memo")], ["公開の根拠", lines(data.disclosure)]);
        widths = [22, 36, 8, 36, 10, 36, 40, 26, 40];
      }
      return [rows, widths, header];
    }

    if (tools && !tools.getAttribute("data-kb-ready")) {
      tools.setAttribute("data-kb-ready", "1");
      tools.hidden = false;
      tools.querySelector(".kb-pw-print-button").addEventListener("click", function () {
        var chosen = tools.querySelector('input[name="kb-pw-orientation"]:checked');
        setPage(chosen ? chosen.value : data.orientation);
        window.print();
      });
      tools.querySelector(".kb-pw-csv").addEventListener("click", function () {
        var rows = exportRows()[0];
        download(toCsv(rows), fileName(data.title, state.fields["_meta.jigyo"], "csv"), "text/csv;charset=utf-8");
        announce("CSV を作りました");
      });
      tools.querySelector(".kb-pw-xlsx").addEventListener("click", function () {
        var result = exportRows();
        var orientation = (tools.querySelector('input[name="kb-pw-orientation"]:checked') || {}).value || data.orientation;
        download(toXlsx(data.title, result[0], result[1], orientation, result[2]),
          fileName(data.title, state.fields["_meta.jigyo"], "xlsx"),
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        announce("Excel のファイル（XLSX）を作りました");
      });
      tools.querySelector(".kb-pw-clear").addEventListener("click", function () {
        state = { fields: {} };
        storageRemove(key);
        syncControls();
        render();
        announce("このシートの記入を消しました（協働の形態の選択は残っています）");
      });
    }
    setPage(data.orientation);

    syncControls();
    render();
  }

  // The sheet's paper: one @page rule, replaced when staff pick the other orientation.
  function setPage(orientation) {
    var style = document.getElementById("kb-pw-page");
    if (!style) {
      style = document.createElement("style");
      style.id = "kb-pw-page";
      document.head.appendChild(style);
    }
    style.textContent = "@page { size: A4 " + (orientation === "portrait" ? "portrait" : "landscape") + "; }";
  }

  function init() {
    var box = document.querySelector(".kb-pw-sheet[data-sheet]");
    if (box) initSheet(box);
  }

  window.kb.onPage(init);
})();
