/* Editions (版): 「改定」 and 「前回の閲覧後に変更」 marks on checklist pages, and the 版の比較 page.
 *
 * Checklist pages carry <div class="kb-item-revisions" data-kb-json="…"> with each
 * item's content fingerprint and, for items changed by a later edition, that edition's date.
 * 「改定」 shows for `revisedDays` after that date (the reader's clock). The fingerprints the
 * reader last saw are kept in localStorage per checklist; an item whose fingerprint differs
 * is marked 「前回の閲覧後に変更」 (once; the new fingerprints are then remembered).
 *
 * The 版の比較 page loads editions-data.js (window.kbEditions: editions as item id + fingerprint,
 * each text once) and compares any two editions in the browser, with a character diff.
 * Runs on every page view through kb.onPage (kb_common.js).
 */
(function () {
  "use strict";

  var SEEN_PREFIX = "kyodo-kb:seen:";
  var DAY = 24 * 60 * 60 * 1000;

  var kb = window.kb;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- checklist pages ---- */

  function markItems(block) {
    var data;
    data = kb.pageData(block);
    if (!data) return;
    if (block.getAttribute("data-done")) return;
    block.setAttribute("data-done", "1");
    var key = SEEN_PREFIX + data.checklist;
    var seen = kb.storage.get(key) || {};
    var now = Date.now();
    var current = {};
    Object.keys(data.items).forEach(function (id) {
      var mark = data.items[id];
      current[id] = mark.fp;
      var item = document.querySelector('.kb-item[data-item="' + id + '"]');
      var meta = item && item.querySelector(".kb-item-meta");
      if (!meta) return;
      if (mark.revised && now - Date.parse(mark.revised + "T00:00:00") <= data.revisedDays * DAY) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "kb-revised", "改定 " + mark.label + "（" + mark.edition + "版）"));
      }
      if (seen[id] && seen[id] !== mark.fp) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "kb-changed-since", "前回の閲覧後に変更"));
      }
    });
    kb.storage.set(key, current);
  }

  /* ---- answers carried across editions: 「再確認」 ----
   * decision.js keeps each answer with the fingerprint of the item it answered (kb.answers,
   * storage format 2) and shows it only while the item is unchanged. An answer to an item that
   * has changed since is kept there; here it is shown as 「再確認」 with the earlier answer,
   * until the reader answers the item again (decision.js then stores the new fingerprint). */

  function markRecheck(summary, again) {
    if (!kb.answers || !kb.answers.PREFIX || (summary.getAttribute("data-kb-recheck") && !again)) return;
    summary.setAttribute("data-kb-recheck", "1");
    document.querySelectorAll(".kb-recheck").forEach(function (box) { box.parentNode.removeChild(box); });
    if (/[=&]/.test(window.location.hash)) return;  // a shared link shows someone else's answers
    var stored = kb.storage.get(kb.answers.PREFIX + summary.getAttribute("data-checklist"));
    var entries = stored && stored.items && typeof stored.items === "object" ? stored.items : {};
    document.querySelectorAll(".kb-item[data-item][data-fingerprint]").forEach(function (item) {
      var id = item.getAttribute("data-item");
      var entry = Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : null;
      if (!entry || !kb.answers.ANSWER_LABELS[entry.answer] || !entry.fp ||
          entry.fp === item.getAttribute("data-fingerprint")) return;
      var box = el("p", "kb-recheck");
      box.appendChild(el("strong", "kb-recheck-label", "再確認"));
      box.appendChild(document.createTextNode(" 前の内容に「" + kb.answers.ANSWER_LABELS[entry.answer] +
        "」と回答した項目です。内容が変わったため、確かめてもう一度選んでください。"));
      var link = document.querySelector(".kb-history-link");
      if (link) {
        var changes = el("a", null, "変更点を見る");
        changes.href = link.getAttribute("href");
        box.appendChild(document.createTextNode(" "));
        box.appendChild(changes);
      }
      var fieldset = item.querySelector(".kb-answer");
      if (!fieldset) return;
      fieldset.parentNode.insertBefore(box, fieldset);
      fieldset.addEventListener("change", function () {
        if (box.parentNode) box.parentNode.removeChild(box);
      });
    });
  }

  /* ---- character diff (Myers, O(ND)); returns [[op, text]] with op "=", "-" or "+" ---- */

  function diffChars(a, b) {
    var n = a.length, m = b.length, max = n + m, v = { 1: 0 }, trace = [];
    if (a === b) return [["=", a]];
    for (var d = 0; d <= max; d++) {
      trace.push(Object.assign({}, v));
      for (var k = -d; k <= d; k += 2) {
        var x = (k === -d || (k !== d && v[k - 1] < v[k + 1])) ? v[k + 1] : v[k - 1] + 1;
        var y = x - k;
        while (x < n && y < m && a.charAt(x) === b.charAt(y)) { x++; y++; }
        v[k] = x;
        if (x >= n && y >= m) return backtrack(trace, a, b, d);
      }
    }
    return [["-", a], ["+", b]];
  }

  function backtrack(trace, a, b, dEnd) {
    var ops = [], x = a.length, y = b.length;
    for (var d = dEnd; d > 0; d--) {
      var v = trace[d], k = x - y;
      var prevK = (k === -d || (k !== d && v[k - 1] < v[k + 1])) ? k + 1 : k - 1;
      var prevX = v[prevK], prevY = prevX - prevK;
      while (x > prevX && y > prevY) { ops.push(["=", a.charAt(x - 1)]); x--; y--; }
      if (x === prevX) { ops.push(["+", b.charAt(y - 1)]); y--; } else { ops.push(["-", a.charAt(x - 1)]); x--; }
    }
    while (x > 0 && y > 0) { ops.push(["=", a.charAt(x - 1)]); x--; y--; }
    ops.reverse();
    var merged = [];
    ops.forEach(function (op) {
      var last = merged[merged.length - 1];
      if (last && last[0] === op[0]) last[1] += op[1]; else merged.push([op[0], op[1]]);
    });
    return merged;
  }

  function diffNode(oldText, newText) {
    var dd = el("dd", "kb-diff");
    diffChars(oldText, newText).forEach(function (part) {
      if (part[0] === "=") dd.appendChild(document.createTextNode(part[1]));
      else dd.appendChild(el(part[0] === "-" ? "del" : "ins", null, part[1]));
    });
    return dd;
  }

  /* ---- 版の比較 ---- */

  var FIELDS = [["確認すること", 0], ["留意事項", 1], ["根拠", 2]];
  var KINDS = { added: "追加", changed: "改定", removed: "削除" };

  function fieldText(texts, fp, index) {
    var value = texts[fp][index];
    return index === 2 ? value.join("、") : value;
  }

  function compare(data, older, newer) {
    var before = {}, after = {}, titles = {}, order = [];
    [newer, older].forEach(function (edition) {
      edition.checklists.forEach(function (c) {
        if (!(c[0] in titles)) { titles[c[0]] = c[1]; order.push(c[0]); }
      });
    });
    older.checklists.forEach(function (c) { c[2].forEach(function (i) { before[i[0]] = i[1]; }); });
    newer.checklists.forEach(function (c) { c[2].forEach(function (i) { after[i[0]] = i[1]; }); });
    var groups = {};
    order.forEach(function (id) { groups[id] = { added: [], changed: [], removed: [] }; });
    newer.checklists.forEach(function (c) {
      c[2].forEach(function (i) {
        if (!(i[0] in before)) groups[c[0]].added.push([i[0], null, i[1]]);
        else if (before[i[0]] !== i[1]) groups[c[0]].changed.push([i[0], before[i[0]], i[1]]);
      });
    });
    older.checklists.forEach(function (c) {
      c[2].forEach(function (i) { if (!(i[0] in after)) groups[c[0]].removed.push([i[0], null, i[1]]); });
    });
    return order.map(function (id) { return { id: id, title: titles[id], changes: groups[id] }; })
      .filter(function (g) { return g.changes.added.length + g.changes.changed.length + g.changes.removed.length; });
  }

  /* One added, changed or removed item ([id, old fingerprint or null, fingerprint]) with its diff;
     also used for a scanned sheet's 「印刷した版から変わった項目」 (sheet_code.js). */
  function changeNode(data, kind, entry, linkFor) {
    var change = el("div", "kb-change kb-change-" + kind);
    change.setAttribute("data-item", entry[0]);
    var head = el("p", "kb-change-head");
    head.appendChild(el("span", "kb-change-kind", KINDS[kind]));
    head.appendChild(document.createTextNode(" "));
    var page = linkFor ? linkFor(entry[0]) : data.pages[entry[0]];
    if (page && kind !== "removed") {
      var link = el("a", null, entry[0]);
      link.href = page;
      head.appendChild(link);
    } else {
      head.appendChild(document.createTextNode(entry[0]));
    }
    change.appendChild(head);
    var dl = el("dl");
    FIELDS.forEach(function (field) {
      var newText = fieldText(data.texts, entry[2], field[1]);
      var dd;
      if (entry[1]) {
        var oldText = fieldText(data.texts, entry[1], field[1]);
        if (oldText === newText) return;
        dd = diffNode(oldText, newText);
      } else {
        dd = el("dd", "kb-diff", newText || "（なし）");
      }
      dl.appendChild(el("dt", null, field[0]));
      dl.appendChild(dd);
    });
    change.appendChild(dl);
    return change;
  }

  function renderComparison(data, older, newer, target) {
    var groups = compare(data, older, newer);
    var total = 0;
    groups.forEach(function (g) { total += g.changes.added.length + g.changes.changed.length + g.changes.removed.length; });
    var box = el("div", "kb-comparison");
    box.setAttribute("data-from", older.version);
    box.setAttribute("data-to", newer.version);
    box.appendChild(el("p", "kb-comparison-summary", older.label + " から " + newer.label + " への変更: " + total + " 件"));
    // major/minor and the change note of each published edition between the two (either way round)
    var from = data.editions.indexOf(older), to = data.editions.indexOf(newer);
    var list = el("ul", "kb-comparison-changes");
    data.editions.slice(Math.min(from, to) + 1, Math.max(from, to) + 1).forEach(function (edition) {
      if (edition.draft || !edition.change) return;
      var entry = el("li", null, edition.version + "版: " + edition.change + (edition.note ? "　変更の要点: " + edition.note : ""));
      entry.setAttribute("data-version", edition.version);
      list.appendChild(entry);
    });
    if (list.children.length && from >= 0 && to >= 0) box.appendChild(list);
    if (!groups.length) box.appendChild(el("p", null, "変更はありません。"));
    groups.forEach(function (g) {
      var section = el("section", "kb-comparison-checklist");
      section.setAttribute("data-checklist", g.id);
      section.appendChild(el("h2", null, g.title + "（追加 " + g.changes.added.length + "・改定 " +
        g.changes.changed.length + "・削除 " + g.changes.removed.length + "）"));
      ["added", "changed", "removed"].forEach(function (kind) {
        g.changes[kind].forEach(function (entry) { section.appendChild(changeNode(data, kind, entry)); });
      });
      box.appendChild(section);
    });
    target.textContent = "";
    target.appendChild(box);
  }

  function initComparison(form) {
    var data = window.kbEditions;
    if (!data || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var result = document.querySelector(".kb-editions-result");
    var from = form.querySelector(".kb-edition-from"), to = form.querySelector(".kb-edition-to");
    var date = form.querySelector(".kb-edition-date");
    data.editions.forEach(function (edition, index) {
      [from, to].forEach(function (select) {
        var option = el("option", null, edition.label);
        option.value = String(index);
        select.appendChild(option);
      });
    });
    var last = data.editions.length - 1;
    from.value = String(Math.max(0, last - 1));
    to.value = String(last);
    var params = new URLSearchParams(window.location.search);
    ["from", "to"].forEach(function (name) {
      var wanted = params.get(name);
      data.editions.forEach(function (edition, index) {
        if (edition.version === wanted) (name === "from" ? from : to).value = String(index);
      });
    });
    function update() {
      renderComparison(data, data.editions[Number(from.value)], data.editions[Number(to.value)], result);
    }
    from.addEventListener("change", update);
    to.addEventListener("change", update);
    date.addEventListener("change", function () {
      if (!date.value) return;
      var chosen = -1;
      data.editions.forEach(function (edition, index) {
        if (edition.date && edition.date <= date.value) chosen = index;
      });
      if (chosen >= 0) { from.value = String(chosen); update(); }
    });
    form.hidden = false;
    if (params.get("from") || params.get("to")) update();
  }

  function init() {
    document.querySelectorAll(".kb-item-revisions").forEach(markItems);
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary) markRecheck(summary);
    var form = document.querySelector(".kb-editions-form");
    if (form) initComparison(form);
  }

  kb.editionsLoaded = function () {
    var form = document.querySelector(".kb-editions-form");
    if (form) initComparison(form);
  };
  kb.editionDiff = { compare: compare, changeNode: changeNode };
  /* decision.js after adopting a printed sheet's answers: the answers to items changed since are 再確認. */
  kb.markRecheck = function () {
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary) markRecheck(summary, true);
  };
  window.kbDiffChars = diffChars;  // for tests and other scripts (review of printed sheets)
  kb.onPage(init);
})();
