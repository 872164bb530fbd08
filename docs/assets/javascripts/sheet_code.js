/* The QR code of a printed checklist sheet, and what scanning it shows. Needs kb_common.js and the
 * vendored qrcode-generator (vendor/qrcode-generator/, MIT); loaded before decision.js.
 *
 * Printing: the build drew the blank sheet's code (segno, kyodo_kb/outputs/sheet_code.py) with the
 * page's path or the configured public address. Just before printing (beforeprint, and
 * matchMedia("print") for browsers without it) this redraws it for what is printed:
 *   address  the build's public address (data-kb-address) when set, else the browser's address;
 *   fragment the share link's (decision.js keeps .kb-share-link current) for a filled sheet, or
 *            v=<fingerprint> for a blank one, then &e=<printed edition>.
 * A code larger than version 14 (73 modules in 32 mm) is not scannable at the printed size: the
 * notes are left out first (the sheet says 「メモはQRコードに含まれていません」), then the sharer's
 * name, then the answers (the sheet says which).
 *
 * Scanning: a page opened with `e=` in its fragment lists the items changed since the printed
 * edition (「印刷した版（…）から変わった項目 n 件」, each with its character diff from editions.js),
 * above the share link's review banner (decision.js) whose 「この回答を自分の回答として保存する」
 * continues from the printed answers. The editions' data (editions/editions-data.js) is loaded
 * only then, by a script element (works from file:// too).
 */
(function () {
  "use strict";

  var kb = window.kb;
  var MAX_MODULES = 73;  // version 14; the same limit as MAX_VERSION in sheet_code.py
  var QUIET_ZONE = 4;
  var NOTES_LEFT_OUT = "メモはQRコードに含まれていません";
  var NAME_LEFT_OUT = "共有リンクに載せる名前はQRコードに含まれていません";
  var NOTES_AND_NAME_LEFT_OUT = "メモと名前はQRコードに含まれていません";
  var ANSWERS_LEFT_OUT = "回答とメモはQRコードに含まれていません（量が多いため）";

  /* ---- drawing ---- */

  function matrixFor(text) {
    if (typeof window.qrcode !== "function") return null;
    try {
      var code = window.qrcode(0, "M");
      code.addData(text, "Byte");
      code.make();
      var count = code.getModuleCount();
      if (count > MAX_MODULES) return null;
      var rows = [];
      for (var r = 0; r < count; r++) {
        var row = [];
        for (var c = 0; c < count; c++) row.push(code.isDark(r, c));
        rows.push(row);
      }
      return rows;
    } catch (e) {
      return null;  // longer than any version holds
    }
  }

  /* The same SVG as sheet_code.py's qr_svg: a white square, quiet zone, one path of runs. */
  function svgFor(matrix) {
    var size = matrix.length + 2 * QUIET_ZONE, d = "";
    matrix.forEach(function (row, y) {
      for (var x = 0; x < row.length;) {
        if (!row[x]) { x++; continue; }
        var start = x;
        while (x < row.length && row[x]) x++;
        d += "M" + (start + QUIET_ZONE) + " " + (y + QUIET_ZONE) + "h" + (x - start) + "v1h-" + (x - start) + "z";
      }
    });
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "kb-qr");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("data-modules", String(matrix.length));
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", String(size));
    rect.setAttribute("height", String(size));
    rect.setAttribute("fill", "#fff");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "#000");
    path.setAttribute("d", d);
    svg.appendChild(rect);
    svg.appendChild(path);
    return svg;
  }

  /* ---- what a printed sheet's code says ---- */

  function sheetAddress(code) {
    var declared = code.getAttribute("data-kb-address");
    if (declared) return declared;
    var here = window.location.href.split("#")[0].split("?")[0];
    return /^(https?|file):/.test(here) ? here : code.getAttribute("data-kb-path");
  }

  function sharedFragment() {
    var link = document.querySelector(".kb-summary .kb-share-link");
    var href = link ? link.getAttribute("href") || "" : "";
    var hash = href.indexOf("#");
    return hash >= 0 ? href.slice(hash + 1) : "";
  }

  /* [payload, note] in order of preference: everything, without notes, blank. */
  function candidates(code, blank) {
    var address = sheetAddress(code), edition = code.getAttribute("data-kb-edition");
    var tail = edition ? "&e=" + encodeURIComponent(edition) : "";
    var plain = address + "#v=" + encodeURIComponent(code.getAttribute("data-kb-fingerprint") || "") + tail;
    var share = blank ? "" : sharedFragment();
    if (!share) return [[plain, ""]];
    var parts = share.split("&");
    var list = [[address + "#" + share + tail, ""]];
    var withoutNotes = parts.filter(function (part) { return part.indexOf("notes=") !== 0; });
    if (withoutNotes.length < parts.length) list.push([address + "#" + withoutNotes.join("&") + tail, NOTES_LEFT_OUT]);
    // A long sharer's name (up to 40 characters, 9 bytes each encoded) goes before the answers do.
    var withoutName = withoutNotes.filter(function (part) { return part.indexOf("by=") !== 0; });
    if (withoutName.length < withoutNotes.length) {
      list.push([address + "#" + withoutName.join("&") + tail, withoutNotes.length < parts.length ? NOTES_AND_NAME_LEFT_OUT : NAME_LEFT_OUT]);
    }
    list.push([plain, ANSWERS_LEFT_OUT]);
    return list;
  }

  function drawForPrint() {
    var code = document.querySelector(".kb-sheet-code");
    if (!code) return;
    var blank = document.body.classList.contains("kb-print-blank");
    var list = candidates(code, blank);
    for (var i = 0; i < list.length; i++) {
      var payload = list[i][0], note = list[i][1];
      var noteBox = code.querySelector(".kb-sheet-code-note");
      if (payload === code.getAttribute("data-kb-payload")) {
        if (noteBox) noteBox.textContent = note;
        return;  // already drawn (by the build or an earlier print)
      }
      var matrix = matrixFor(payload);
      if (!matrix) continue;
      var old = code.querySelector("svg.kb-qr");
      var svg = svgFor(matrix);
      if (old) old.parentNode.replaceChild(svg, old); else code.insertBefore(svg, code.firstChild);
      code.setAttribute("data-kb-payload", payload);
      if (noteBox) noteBox.textContent = note;
      return;
    }
  }

  window.addEventListener("beforeprint", drawForPrint);
  if (window.matchMedia) {
    var media = window.matchMedia("print");
    var onChange = function (event) { if (event.matches) drawForPrint(); };
    if (media.addEventListener) media.addEventListener("change", onChange);
    else if (media.addListener) media.addListener(onChange);
  }

  /* ---- scanned: the items changed since the printed edition ---- */

  function fragmentValue(hash, name) {
    var found = null;
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq) === name) {
        try { found = decodeURIComponent(part.slice(eq + 1)); } catch (e) { found = null; }
      }
    });
    return found;
  }

  function wareki(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return "";
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var reiwa = y > 2019 || (y === 2019 && mo >= 5);
    var year = reiwa ? y - 2018 : y - 1988;
    return (reiwa ? "令和" : "平成") + (year === 1 ? "元" : year) + "年" + mo + "月" + d + "日";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function withEditions(summary, done) {
    if (window.kbEditions) { window.setTimeout(done, 0); return; }
    var history = document.querySelector(".kb-history-link");
    if (!history) return;
    var script = document.createElement("script");
    script.src = history.getAttribute("href").split("#")[0] + "editions-data.js";
    script.onload = done;
    document.body.appendChild(script);
  }

  function showPrintedChanges(summary, printed, printedVersion) {
    var data = window.kbEditions;
    var checklistId = summary.getAttribute("data-checklist");
    var box = el("section", "kb-printed-changes");
    box.setAttribute("aria-label", "印刷した版からの変更");
    var edition = null;
    (data ? data.editions : []).forEach(function (candidate) { if (!candidate.draft && candidate.version === printed) edition = candidate; });
    if (!edition) {
      box.appendChild(el("p", "kb-printed-changes-title", "印刷した版（" + printed + "版）の記録がこのサイトにないため、変わった項目を確かめられません。"));
    } else {
      var current = data.editions[data.editions.length - 1];
      // The sheet's fingerprint equals the page's: nothing an answer depends on has changed.
      var same = printedVersion && printedVersion === summary.getAttribute("data-version");
      var group = null;
      if (!same && kb.editionDiff) {
        kb.editionDiff.compare(data, edition, current).forEach(function (g) { if (g.id === checklistId) group = g; });
      }
      var entries = [];
      if (group) ["changed", "added", "removed"].forEach(function (kind) {
        group.changes[kind].forEach(function (entry) { entries.push([kind, entry]); });
      });
      box.setAttribute("data-count", String(entries.length));
      // decision.js reads this when the printed answers are adopted.
      kb.printedChanges = { checklist: checklistId, edition: edition.version,
                            items: entries.map(function (pair) { return pair[1][0]; }) };
      box.appendChild(el("p", "kb-printed-changes-title", "印刷した版（" + wareki(edition.date) + "・" + edition.version +
        "版）から変わった項目 " + entries.length + " 件"));
      if (entries.length) {
        box.appendChild(el("p", "kb-printed-changes-help", "印刷した用紙の回答は、下の項目については前の内容への回答です。内容を確かめてから回答してください。"));
        entries.forEach(function (pair) {
          box.appendChild(kb.editionDiff.changeNode(data, pair[0], pair[1], function (id) { return "#" + id; }));
        });
      }
    }
    var notices = document.querySelector(".kb-notices");
    var banner = document.querySelector(".kb-review-banner");
    if (banner) banner.parentNode.insertBefore(box, banner.nextSibling);
    else if (notices) notices.appendChild(box);
    else summary.parentNode.insertBefore(box, summary);
    if (kb.stickyChanged) kb.stickyChanged();
  }

  function init() {
    kb.printedChanges = null;
    var summary = document.querySelector(".kb-summary[data-checklist]");
    // Read before decision.js runs: it takes a blank sheet's fragment out of the address bar.
    var printed = fragmentValue(window.location.hash, "e");
    if (!summary || !printed || summary.getAttribute("data-kb-printed")) return;
    summary.setAttribute("data-kb-printed", printed);
    var printedVersion = fragmentValue(window.location.hash, "v");
    withEditions(summary, function () { showPrintedChanges(summary, printed.slice(0, 40), printedVersion); });
  }

  kb.sheetCode = { candidates: candidates, draw: drawForPrint };
  kb.onPage(init);
})();
