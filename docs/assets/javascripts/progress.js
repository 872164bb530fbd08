/* 「このブラウザでの回答の状況」 (home page and checklist index): per checklist 「回答 6/9・いいえ 2」
 * from the stored answers (kyodo-kb:answers:<id>, CONVENTIONS.md), counted as decision.js shows
 * them: items hidden by the chosen form are left out, and an answer given to an item's earlier
 * text (its fingerprint differs) is 「再確認」, not answered. Unreadable storage is skipped with a
 * message. One button clears every key the site stored (kyodo-kb:…); it can be undone until the
 * page is left. Needs decision.js (kb.answers) and kb_common.js.
 */
(function () {
  "use strict";

  var kb = window.kb;
  var SITE_PREFIX = "kyodo-kb:";

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function applies(conditions, profile) {
    if (!conditions) return true;
    return Object.keys(conditions).every(function (question) {
      var chosen = profile[question];
      return !chosen || conditions[question].indexOf(chosen) >= 0;
    });
  }

  /* {answered, total, no, recheck, notes, stored} for one checklist, or null when nothing is stored. */
  function count(checklist, problems) {
    var read = kb.storage.read(kb.answers.PREFIX + checklist.id);
    if (!read.ok) { problems.storage++; return null; }
    if (read.value === null) return null;
    var own = kb.answers.normaliseOwn(read.value, problems);
    var result = { answered: 0, total: 0, no: 0, recheck: 0, notes: 0 };
    var anything = Object.keys(own.items).length > 0 || Object.keys(own.profile).length > 0;
    checklist.items.forEach(function (item) {
      var id = item[0], fp = item[1], conditions = item[2];
      if (!applies(conditions, own.profile)) return;
      result.total++;
      var entry = own.items[id];
      if (!entry) return;
      if (entry.note && Object.keys(entry.note).length) result.notes++;
      if (!entry.answer) return;
      if (entry.fp !== fp) { result.recheck++; return; }
      result.answered++;
      if (entry.answer === "no") result.no++;
    });
    return anything ? result : null;
  }

  function describe(result) {
    var text = "回答 " + result.answered + "/" + result.total + "・いいえ " + result.no;
    if (result.recheck) text += "・再確認 " + result.recheck;
    if (result.notes) text += "・メモ " + result.notes;
    return text;
  }

  function fill(board, data) {
    var problems = { storage: 0, link: 0 };
    var body = board.querySelector(".kb-my-progress-table tbody");
    body.textContent = "";
    var rows = 0;
    data.checklists.forEach(function (checklist) {
      var result = count(checklist, problems);
      if (!result) return;
      var row = element("tr", "kb-my-progress-row");
      row.setAttribute("data-checklist", checklist.id);
      var name = element("th");
      name.setAttribute("scope", "row");
      var link = element("a", "", checklist.title);
      link.href = checklist.href;
      name.appendChild(link);
      row.appendChild(name);
      row.appendChild(element("td", "kb-my-progress-count", describe(result)));
      body.appendChild(row);
      rows++;
    });
    board.querySelector(".kb-my-progress-table").hidden = rows === 0;
    board.querySelector(".kb-my-progress-empty").hidden = rows > 0;
    board.querySelector(".kb-my-progress-problem").textContent = problems.storage
      ? "このブラウザに保存されていた回答の一部を読み取れなかったため、その部分を数えていません。" : "";
  }

  /* Every key of the site, as stored (raw strings), so that clearing can be undone exactly. */
  function snapshot() {
    var saved = [];
    kb.storage.keys(SITE_PREFIX).forEach(function (key) {
      try { saved.push([key, window.localStorage.getItem(key)]); } catch (e) { /* unreadable: nothing to keep */ }
    });
    return saved;
  }

  function setUp(board) {
    if (board.dataset.kbReady) return;
    board.dataset.kbReady = "1";
    var data = kb.pageData(board.querySelector(".kb-my-progress-data"));
    if (!data || !kb.answers) return;
    board.hidden = false;
    fill(board, data);
    var button = board.querySelector(".kb-clear-all-button");
    var status = board.querySelector(".kb-clear-all-status");
    button.addEventListener("click", function () {
      var before = snapshot();
      before.forEach(function (entry) { kb.storage.remove(entry[0]); });
      var left = kb.storage.keys(SITE_PREFIX).length;
      status.textContent = "";
      if (!before.length) {
        status.textContent = "このサイトが保存した内容はありません。";
        return;
      }
      status.appendChild(document.createTextNode(left
        ? "一部を消せませんでした（" + left + " 件が残っています）。"
        : "このサイトが保存した内容（" + before.length + " 件）を消しました。"));
      var undo = element("button", "md-button kb-clear-all-undo", "元に戻す");
      undo.type = "button";
      undo.addEventListener("click", function () {
        before.forEach(function (entry) {
          try { window.localStorage.setItem(entry[0], entry[1]); } catch (e) { /* storage full or disabled */ }
        });
        status.textContent = "消した内容を元に戻しました。";
        fill(board, data);
        button.focus();
      });
      status.appendChild(document.createTextNode(" "));
      status.appendChild(undo);
      fill(board, data);
      undo.focus();
    });
  }

  kb.onPage(function () {
    document.querySelectorAll(".kb-my-progress").forEach(setUp);
  });
})();
